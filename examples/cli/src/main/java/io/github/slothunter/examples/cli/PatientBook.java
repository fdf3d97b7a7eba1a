package io.github.slothunter.examples.cli;

import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The people you book for ({@code slothunter patients}), kept between runs in an embedded H2 store
 * under {@code ~/.slothunter/patients/} through the engine's patient book: labels and patients are
 * encrypted there (AES-256-GCM, see {@link JdbcStore}) under a key in {@code ~/.slothunter/patients.key},
 * created on first use and readable by you only. The sandbox keeps its own ({@code patients-sandbox}):
 * people imported from the fake must not be booked on the real site. Holds an engine over the store, without
 * watches: close it before a watch starts its own engine. Not thread-safe.
 */
final class PatientBook implements AutoCloseable {
  private final SlotHunter hunter;

  private PatientBook(SlotHunter hunter) {
    this.hunter = hunter;
  }

  /** The store's directory. */
  static Path directory(Path home, boolean sandbox) {
    return home.resolve(".slothunter").resolve(sandbox ? "patients-sandbox" : "patients");
  }

  /** The key file. */
  static Path keyFile(Path home, boolean sandbox) {
    return home.resolve(".slothunter").resolve(sandbox ? "patients-sandbox.key" : "patients.key");
  }

  /** Opens the book of the backend (the sandbox's own in the sandbox) under an engine with its providers. */
  static PatientBook open(Cli cli, Backend backend) {
    return open(cli, backend.isSandbox(), backend);
  }

  /**
   * Opens the real or the sandbox's book, its store created with a new key if there is none yet, under an
   * engine with the backend's providers.
   */
  static PatientBook open(Cli cli, boolean sandbox, Backend backend) {
    byte[] key = key(keyFile(cli.home(), sandbox));
    JdbcStore store = JdbcStore.builder().h2(directory(cli.home(), sandbox)).encryptionKey(key).clock(cli.clock())
        .build();
    java.util.Arrays.fill(key, (byte) 0);
    try {
      return new PatientBook(backend.hunter().store(store).manualScheduling().build());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The engine over the book's store (the engine closes the store). */
  SlotHunter hunter() {
    return hunter;
  }

  private static byte[] key(Path file) {
    if (!Files.exists(file)) {
      byte[] fresh = JdbcStore.newEncryptionKey();
      SessionFile.writeOwnerOnly(file, Base64.getEncoder().encode(fresh), "the patient-book key file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot read the patient-book key file " + file + ": " + e.getMessage(),
          "پروندهٔ کلید دفتر بیماران (" + file + ") خوانده نشد", e);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "the patient-book key file " + file + " is not base64",
          "پروندهٔ کلید دفتر بیماران (" + file + ") base64 نیست", e);
    }
    if (key.length != 32) {
      throw CliException.badInput("the patient-book key file " + file + " does not hold a 32-byte key",
          "پروندهٔ کلید دفتر بیماران (" + file + ") کلید ۳۲ بایتی ندارد");
    }
    return key;
  }

  @Override
  public void close() {
    hunter.close();
  }
}
