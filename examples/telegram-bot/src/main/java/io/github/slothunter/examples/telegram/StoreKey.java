package io.github.slothunter.examples.telegram;

import io.github.slothunter.examples.support.SecretSealer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The store key: 32 bytes sealing the personal data in the bot's database (the engine's patient rows
 * and the bot's chat state). From {@code SLOTHUNTER_STORE_KEY} (base64) or a key file, created
 * owner-only ({@code 0600}, in a {@code 0700} directory) on first start: written to a temporary file
 * and linked into place, so a crash never leaves half a key and a key file is never replaced. A key file inside the embedded database's
 * directory is refused: a copy of that directory would decrypt itself. Stateless.
 */
final class StoreKey {
  private StoreKey() {}

  /**
   * The key the storage settings name.
   *
   * @throws IllegalArgumentException for a malformed key or a key file inside the database directory
   * @throws UncheckedIOException when the key file cannot be read or created
   */
  static byte[] load(BotConfig.Storage storage) {
    if (storage.storeKeyBase64() != null) {
      return decode(storage.storeKeyBase64(), "SLOTHUNTER_STORE_KEY");
    }
    Path file = storage.storeKeyFile().toAbsolutePath().normalize();
    if (!storage.db().startsWith("jdbc:") && file.startsWith(Path.of(storage.db()).toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the store key file " + file + " is inside the database directory "
          + storage.db() + ", so a copy of that directory decrypts itself: keep the key elsewhere");
    }
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return decode(text, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the store key file " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    ownerOnly(dir, "rwx------");
    Path tmp = Files.createTempFile(dir, ".store-key", ".tmp");
    try {
      ownerOnly(tmp, "rw-------");
      Files.writeString(tmp, Base64.getEncoder().encodeToString(SecretSealer.newKey()), StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, tmp); // publishes the whole file under its name, never replacing one
      } catch (FileAlreadyExistsException e) {
        // another start made it meanwhile: use that one
      } catch (UnsupportedOperationException | IOException e) {
        if (!Files.exists(file)) { // no hard links here: an atomic rename (which could replace a racing one)
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void ownerOnly(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions here: the directory's own access control applies
    }
  }

  private static byte[] decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64", e);
    }
    if (key.length != SecretSealer.KEY_BYTES) {
      throw new IllegalArgumentException(source + " must decode to " + SecretSealer.KEY_BYTES + " bytes, got " + key.length);
    }
    return key;
  }
}
