package io.github.slothunter.examples.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Random identifiers, secrets and the URL-safe form of target ids. Thread-safe. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  private Ids() {}

  /** {@code prefix} followed by {@code bytes} random bytes in lower-case hex. */
  static String random(String prefix, int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  /** {@code bytes} random bytes, base64url without padding: a secret for keys and tickets. */
  static String secret(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return URL.encodeToString(b);
  }

  /** Random bytes. */
  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** SHA-256 of the UTF-8 bytes. */
  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The URL-safe id of an engine target id ({@code paziresh24:dr-x/1001/2001} has slashes, which
   * proxies and Jetty treat as path separators even when encoded): base64url without padding.
   */
  static String targetKey(String targetId) {
    return URL.encodeToString(targetId.getBytes(StandardCharsets.UTF_8));
  }

  /** The engine target id behind a {@link #targetKey}, or empty when it is not one. */
  static Optional<String> targetId(String targetKey) {
    if (targetKey == null || targetKey.isEmpty() || targetKey.length() > 4000) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(URL_DECODER.decode(targetKey), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
