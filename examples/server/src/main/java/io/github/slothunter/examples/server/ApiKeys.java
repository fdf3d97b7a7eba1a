package io.github.slothunter.examples.server;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key format and how keys are kept: {@code shk_<key id>_<secret>}, where the key id (16 hex
 * digits) is a public handle to find the row and the secret carries 256 random bits. Only the
 * SHA-256 of the whole key is stored; a presented key is hashed and compared with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ. A slow hash
 * (PBKDF2, bcrypt) buys nothing for a 256-bit random secret: nobody can enumerate the inputs.
 * Stateless and thread-safe.
 */
final class ApiKeys {
  /** Owner keys start with this. */
  static final String PREFIX = "shk_";
  private static final Pattern FORMAT = Pattern.compile("shk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

  private ApiKeys() {}

  /** A new key: its public id and the whole key (shown to the owner once). */
  static NewKey generate() {
    String keyId = Ids.random("", 8);
    return new NewKey(keyId, PREFIX + keyId + "_" + Ids.secret(32));
  }

  /** The key id inside a well-formed key, or empty for anything else. */
  static Optional<String> keyId(String presented) {
    if (presented == null || presented.length() != 64) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(presented);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The stored form of a key: SHA-256, lower-case hex. */
  static String hash(String key) {
    return HexFormat.of().formatHex(Ids.sha256(key));
  }

  /** Whether the presented key hashes to the stored hash, in constant time. */
  static boolean matches(String presented, String storedHash) {
    byte[] expected = HexFormat.of().parseHex(storedHash);
    return MessageDigest.isEqual(Ids.sha256(presented), expected);
  }

  /** A freshly generated key. */
  record NewKey(String keyId, String key) {
    @Override
    public String toString() {
      return "NewKey[" + keyId + ", key=<redacted>]";
    }
  }

  /**
   * The administrator's key, held only as its SHA-256; {@link #matches} compares in constant time.
   */
  static final class AdminKey {
    private final byte[] hash;

    AdminKey(String key) {
      if (key == null || key.length() < 16 || key.length() > 200) {
        throw new IllegalArgumentException("the admin key must be 16-200 characters");
      }
      if (keyId(key).isPresent()) {
        throw new IllegalArgumentException("the admin key must not have the form of an owner key (shk_...)");
      }
      this.hash = Ids.sha256(key);
    }

    boolean matches(String presented) {
      return presented != null && MessageDigest.isEqual(Ids.sha256(presented), hash);
    }

    @Override
    public String toString() {
      return "AdminKey[<redacted>]";
    }
  }
}
