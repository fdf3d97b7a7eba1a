package io.github.slothunter.testkit.internal;

import java.util.Random;

/**
 * Identifier generation from a seeded random source, so the same seed and the same request order
 * give the same ids. Not thread-safe: guarded by its owner's lock.
 */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Random random;

  /** Ids drawn from a source seeded with {@code seed}. */
  public Ids(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} lower-case hex characters. */
  public String hex(int n) {
    return chars(HEX, n);
  }

  /** {@code n} letters and digits. */
  public String token(int n) {
    return chars(TOKEN, n);
  }

  private String chars(char[] alphabet, int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }

  /** {@code n} decimal digits, the first not zero. */
  public String digits(int n) {
    StringBuilder b = new StringBuilder(n);
    b.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  /** A version-4 UUID string. */
  public String uuid() {
    String h = hex(32);
    char variant = HEX[8 + random.nextInt(4)];
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-" + variant
        + h.substring(17, 20) + "-" + h.substring(20, 32);
  }

  /** A uniform integer in {@code [0, bound)}. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** The underlying source (for scenario draws). */
  public Random random() {
    return random;
  }
}
