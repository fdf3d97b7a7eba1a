package io.github.slothunter.examples.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids of an owner's patients in URLs ({@code /api/v1/patients/{patientId}}). A patient is kept in
 * the engine under the label the owner chose, and a label is personal data (often a name), which must not
 * travel in a path: proxies and request logs keep paths. So the id is {@code pat_} and the first 16 bytes,
 * base64url, of {@code HMAC-SHA256(k, owner \n label)}, with {@code k} derived from the store key: stable
 * (the same patient keeps its id), opaque without the key, and never stored. Thread-safe.
 */
final class PatientIds {
  static final String PREFIX = "pat_";
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private final SecretKeySpec key;

  PatientIds(byte[] storeKey) {
    Objects.requireNonNull(storeKey, "storeKey");
    this.key = new SecretKeySpec(mac(new SecretKeySpec(storeKey, "HmacSHA256"),
        "slothunter-server patient ids".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  /** The id of the owner's patient with this label. */
  String of(String ownerId, String label) {
    byte[] d = mac(key, (ownerId + "\n" + label).getBytes(StandardCharsets.UTF_8));
    return PREFIX + URL.encodeToString(Arrays.copyOf(d, 16));
  }

  private static byte[] mac(SecretKeySpec k, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(k);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
