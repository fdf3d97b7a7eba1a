package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.OwnerOnlyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * This server's name among the engines sharing its database, as {@link ServerMain} starts it: from
 * {@code --instance-id}, else read from {@code instance.id} in the data directory (the database
 * directory with {@code --db DIR}), generated there owner-only on first start.
 *
 * <p>The engine leases each target it polls under this name. A server restarted with the same name
 * (same data directory) takes back at once the leases a killed process left in the database; under a
 * new name it would wait for them to expire (the lease time, 30 s) before polling anything. Two
 * running servers must never share a name: each would take the other's leases for its own, and both
 * would poll, announce and auto-book the same targets. Give every cluster member its own data
 * directory or its own {@code --instance-id}.
 *
 * @param value the instance id
 * @param source where it came from: {@code --instance-id} or the file
 * @param generated whether this start generated it (into {@code source})
 */
record InstanceId(String value, String source, boolean generated) {
  /** The file in the data directory. */
  static final String FILE = "instance.id";
  /** Printable ASCII without spaces, 1-100 characters: a host or pod name fits. */
  static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,100}");

  InstanceId {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The instance id the configuration names, or the one kept in the data directory (generated on
   * first start).
   *
   * @throws IllegalArgumentException when the id file holds no valid id
   * @throws UncheckedIOException when the id file cannot be read or created
   */
  static InstanceId of(ServerConfig config) {
    if (config.instanceId() != null) {
      return new InstanceId(config.instanceId(), "--instance-id", false);
    }
    Path dir = config.databaseDirectory() != null ? config.databaseDirectory() : config.dataDir();
    Path file = dir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        OwnerOnlyFiles.directory(dir);
        String generated = Ids.random("srv-", 8);
        if (OwnerOnlyFiles.createOnce(file, generated.getBytes(StandardCharsets.US_ASCII))) {
          return new InstanceId(generated, file.toString(), true);
        }
      }
      // Latin-1 reads any bytes, so a damaged file gets the message below rather than a decoding error
      String stored = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
      if (!VALID.matcher(stored).matches()) {
        throw new IllegalArgumentException("the instance id file " + file + " does not hold an id (1-100 printable"
            + " characters, no spaces): fix it, delete it to have a new one generated, or pass --instance-id");
      }
      return new InstanceId(stored, file.toString(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the instance id file " + file, e);
    }
  }
}
