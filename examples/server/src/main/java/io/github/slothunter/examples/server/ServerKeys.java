package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.OwnerOnlyFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where the server's two secrets come from, as {@link ServerMain} starts it.
 *
 * <p>The <b>store key</b> (32 bytes, base64) encrypts patient data and webhook secrets. It comes from
 * exactly one of: {@code SLOTHUNTER_STORE_KEY}, a key file ({@code --store-key-file}), a command that
 * prints it ({@code --store-key-command}: the hook for a KMS or a vault), or by default
 * {@code KEY_DIR/store.key}, created on first start. A key file inside the data or database directory
 * is refused unless {@code --allow-store-key-in-data-dir} says otherwise: a copy of that directory
 * would decrypt itself. A new key file is written atomically ({@link OwnerOnlyFiles#createOnce}).
 *
 * <p>The <b>admin key</b> comes from {@code --admin-key-file}/{@code SLOTHUNTER_ADMIN_KEY_FILE},
 * {@code SLOTHUNTER_ADMIN_KEY} or {@code --admin-key}; without one, {@code KEY_DIR/admin.key} is read,
 * or generated (owner-only) on first start. It is never printed: only the file and a short prefix.
 * Stateless.
 */
final class ServerKeys {
  /** The default store key file in the key directory. */
  static final String STORE_KEY = "store.key";
  /** The default admin key file in the key directory. */
  static final String ADMIN_KEY = "admin.key";
  private static final int KEY_BYTES = 32;
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private ServerKeys() {}

  /**
   * The store key the configuration names.
   *
   * @throws IllegalArgumentException for a bad key, a key file inside the data directory, or a key
   *     command that fails
   * @throws UncheckedIOException when a key file cannot be read or created
   */
  static StoreKey storeKey(ServerConfig config) {
    ServerConfig.Keys k = config.keys();
    if (k.storeKeyBase64() != null) {
      return new StoreKey(decode(k.storeKeyBase64(), "SLOTHUNTER_STORE_KEY"), "SLOTHUNTER_STORE_KEY");
    }
    if (k.storeKeyCommand() != null) {
      return new StoreKey(decode(run(k.storeKeyCommand()), "the output of --store-key-command"),
          "--store-key-command");
    }
    if (k.storeKeyFile() != null) {
      refuseInsideDataDir(config, k.storeKeyFile());
      return new StoreKey(readOrCreate(k.storeKeyFile(), false), k.storeKeyFile().toString());
    }
    Path file = k.keyDir().resolve(STORE_KEY);
    Path old = config.dataDir().resolve(STORE_KEY);
    if (!Files.exists(file) && Files.exists(old)) {
      if (!k.storeKeyInDataDir()) {
        throw new IllegalArgumentException(old + " is inside the data directory, so a copy of the directory decrypts"
            + " itself: move it out (mv " + old + " " + file + ") or keep it there with --store-key-file " + old
            + " --allow-store-key-in-data-dir");
      }
      return new StoreKey(readOrCreate(old, false), old.toString());
    }
    refuseInsideDataDir(config, file);
    return new StoreKey(readOrCreate(file, true), file.toString());
  }

  /**
   * The admin key the configuration names, or one generated into {@code KEY_DIR/admin.key}.
   *
   * @throws IllegalArgumentException for a missing or bad admin key file
   * @throws UncheckedIOException when the key file cannot be read or created
   */
  static AdminKey adminKey(ServerConfig config) {
    ServerConfig.Keys k = config.keys();
    if (k.adminKey() != null) {
      return new AdminKey(k.adminKey(), k.adminKeyOnCommandLine() ? "--admin-key" : "SLOTHUNTER_ADMIN_KEY", false);
    }
    if (k.adminKeyFile() != null) {
      return new AdminKey(readAdminKey(k.adminKeyFile()), k.adminKeyFile().toString(), false);
    }
    Path file = k.keyDir().resolve(ADMIN_KEY);
    try {
      if (!Files.exists(file)) {
        OwnerOnlyFiles.directory(k.keyDir());
        String generated = "sha_" + Ids.secret(32);
        if (OwnerOnlyFiles.createOnce(file, generated.getBytes(StandardCharsets.UTF_8))) {
          return new AdminKey(generated, file.toString(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the admin key file " + file, e);
    }
    return new AdminKey(readAdminKey(file), file.toString(), false);
  }

  private static byte[] readOrCreate(Path file, boolean defaultLocation) {
    try {
      if (!Files.exists(file)) {
        if (defaultLocation) {
          OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
        }
        byte[] key = Ids.bytes(KEY_BYTES);
        if (OwnerOnlyFiles.createOnce(file, Base64.getEncoder().encode(key))) {
          return key;
        }
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("the store key file " + file + " is empty (cut short while it was written?):"
            + " restore it from your backup; a new key cannot read what the old one encrypted");
      }
      return decode(text, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the store key file " + file, e);
    }
  }

  private static String readAdminKey(Path file) {
    try {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (key.length() < 16 || key.length() > 200) {
        throw new IllegalArgumentException("the admin key in " + file + " must be 16-200 characters");
      }
      return key;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the admin key file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin key file " + file, e);
    }
  }

  private static byte[] decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64", e);
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(source + " must decode to " + KEY_BYTES + " bytes, got " + key.length);
    }
    return key;
  }

  /** Refuses a key file inside the data directory or the embedded database's directory, unless allowed. */
  private static void refuseInsideDataDir(ServerConfig config, Path keyFile) {
    if (config.keys().storeKeyInDataDir()) {
      return;
    }
    List<Path> dirs = new ArrayList<>();
    dirs.add(config.dataDir());
    if (config.databaseDirectory() != null) {
      dirs.add(config.databaseDirectory());
    }
    Path key = canonical(keyFile);
    for (Path dir : dirs) {
      if (key.startsWith(canonical(dir))) {
        throw new IllegalArgumentException("the store key file " + keyFile + " is inside " + dir + ", so a copy of that"
            + " directory decrypts itself: keep the key elsewhere, or pass --allow-store-key-in-data-dir");
      }
    }
  }

  /** The path with symbolic links resolved as far as it exists. */
  static Path canonical(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      if (Files.exists(absolute)) {
        return absolute.toRealPath();
      }
    } catch (IOException e) {
      return absolute;
    }
    Path parent = absolute.getParent();
    return parent == null ? absolute : canonical(parent).resolve(absolute.getFileName());
  }

  /** Runs the key command with the platform's shell and returns what it printed. */
  private static String run(String command) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    ProcessBuilder pb = windows ? new ProcessBuilder("cmd", "/c", command) : new ProcessBuilder("/bin/sh", "-c", command);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readNBytes(4096);
      }
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException("--store-key-command did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalArgumentException("--store-key-command exited with " + p.exitValue());
      }
      return new String(out, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run --store-key-command", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running --store-key-command", e);
    }
  }

  /** The store key and where it came from (never the key in {@link #toString()}). */
  record StoreKey(byte[] bytes, String source) {
    StoreKey {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
      return "StoreKey[from " + source + "]";
    }
  }

  /**
   * The admin key and where it came from.
   *
   * @param generated whether this start generated it (into {@code source}, a file)
   */
  record AdminKey(String value, String source, boolean generated) {
    AdminKey {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(source, "source");
    }

    /** Enough of the key to tell which one it is, never enough to use it. */
    String prefix() {
      return value.substring(0, Math.min(8, value.length() / 4)) + "…";
    }

    @Override
    public String toString() {
      return "AdminKey[" + prefix() + " from " + source + "]";
    }
  }
}
