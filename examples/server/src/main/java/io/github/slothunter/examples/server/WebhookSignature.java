package io.github.slothunter.examples.server;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries and shows receivers how to check them.
 *
 * <p>Every delivery carries the header {@value #HEADER}{@code : t=<unix seconds>,v1=<hex>} where
 * {@code <hex>} is {@code HMAC-SHA256(secret, t + "." + body)}, the secret being the webhook's
 * {@code whsec_...} string (its UTF-8 bytes) and the body the exact bytes received. A receiver:
 *
 * <ol>
 *   <li>recomputes the HMAC over the raw body (before any JSON parsing) and compares in constant time;
 *   <li>rejects a timestamp further than a tolerance (five minutes) from its own clock, so a captured
 *       delivery cannot be replayed later;
 *   <li>remembers the {@code SlotHunter-Event-Id} of deliveries it accepted within the tolerance and
 *       ignores repeats (retries of one event reuse its id), which closes the replay window.
 * </ol>
 *
 * <pre>{@code
 * boolean ok = WebhookSignature.verify(secret, request.header("SlotHunter-Signature"), rawBody,
 *     Instant.now(), WebhookSignature.DEFAULT_TOLERANCE);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class WebhookSignature {
  /** The signature header. */
  public static final String HEADER = "SlotHunter-Signature";
  /** How far a delivery's timestamp may be from the receiver's clock by default. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  private static final int MAX_HEADER = 1024;

  private WebhookSignature() {}

  /**
   * The header value for a body sent at {@code timestamp}.
   *
   * @param secret the webhook's secret
   * @param timestamp seconds since the epoch
   * @param body the exact body bytes sent
   */
  public static String sign(String secret, long timestamp, byte[] body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  /**
   * Whether a delivery is authentic and fresh: the header is well formed, one of its {@code v1}
   * signatures matches the body under the secret, and its timestamp is within {@code tolerance} of
   * {@code now}. Never throws for a malformed header; returns {@code false}.
   *
   * @param secret the webhook's secret
   * @param header the {@value #HEADER} header as received, may be {@code null}
   * @param body the raw body as received
   * @param now the receiver's current time
   * @param tolerance the largest accepted distance between the timestamp and {@code now}
   */
  public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(tolerance, "tolerance");
    if (header == null || header.length() > MAX_HEADER) {
      return false;
    }
    Long timestamp = null;
    java.util.List<byte[]> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String p = part.strip();
      try {
        if (p.startsWith("t=") && timestamp == null) {
          timestamp = Long.parseLong(p.substring(2));
        } else if (p.startsWith("v1=")) {
          signatures.add(HexFormat.of().parseHex(p.substring(3)));
        }
      } catch (IllegalArgumentException e) { // NumberFormatException too: a malformed part never verifies
        return false;
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      return false;
    }
    long skew = Math.abs(now.getEpochSecond() - timestamp);
    if (skew > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, timestamp, body);
    boolean match = false;
    for (byte[] s : signatures) {
      match |= MessageDigest.isEqual(expected, s);
    }
    return match;
  }

  /** {@link #verify(String, String, byte[], Instant, Duration)} for a body held as a string (UTF-8). */
  public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
    return verify(secret, header, Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), now, tolerance);
  }

  private static byte[] hmac(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
