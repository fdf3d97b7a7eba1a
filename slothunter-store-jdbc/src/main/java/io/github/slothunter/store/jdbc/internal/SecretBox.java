package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small records with AES-256-GCM. A sealed blob is {@code [format version 1][12-byte random
 * IV][ciphertext + 16-byte tag]}; the caller's associated data (the watch id) is authenticated but
 * not stored, so a blob copied to another watch's row does not open. Also gives keyed digests
 * (HMAC-SHA-256 under a key derived from the same key) to find a sealed row by a value that must not
 * be stored in clear. Thread-safe.
 */
public final class SecretBox {
  /** Key length in bytes (AES-256). */
  public static final int KEY_BYTES = 32;
  private static final byte FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private static final String DIGEST = "HmacSHA256";
  /** What the digest key is derived for; a new purpose needs a new label. */
  private static final byte[] DIGEST_KEY_LABEL = "slothunter store: row digests v1".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;
  private final SecretKeySpec digestKey;
  private final SecureRandom random;

  /**
   * A box for this key (copied).
   *
   * @throws IllegalArgumentException unless the key has {@value #KEY_BYTES} bytes
   */
  public SecretBox(byte[] key, SecureRandom random) {
    Objects.requireNonNull(key, "encryptionKey");
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("encryptionKey must be " + KEY_BYTES + " bytes (AES-256), got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = Objects.requireNonNull(random, "random");
    // a separate key for digests, so the encryption key is never used for two things
    this.digestKey = new SecretKeySpec(mac(new SecretKeySpec(key, DIGEST), DIGEST_KEY_LABEL), DIGEST);
  }

  /**
   * A keyed digest of the parts (each length-prefixed, so {@code ("ab", "c")} and {@code ("a", "bc")}
   * differ), as 64 lower-case hex digits. Without the store's key it tells nothing about the parts.
   */
  public String digest(String... parts) {
    ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> 4 + p.getBytes(StandardCharsets.UTF_8).length).sum());
    for (String p : parts) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.putInt(bytes.length).put(bytes);
    }
    byte[] d = mac(digestKey, b.array());
    StringBuilder hex = new StringBuilder(d.length * 2);
    for (byte x : d) {
      hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return hex.toString();
  }

  private static byte[] mac(SecretKeySpec k, byte[] data) {
    try {
      Mac mac = Mac.getInstance(DIGEST);
      mac.init(k);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /** Encrypts {@code plain} bound to {@code associatedData}. */
  public byte[] seal(byte[] plain, String associatedData) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is required of every JVM", e);
    }
  }

  /**
   * Decrypts a blob made by {@link #seal}.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} when the key is not the one it was sealed with,
   *     or the blob or its associated data was altered
   */
  public byte[] open(byte[] blob, String associatedData) {
    return open(blob, associatedData, "auto-book details of watch " + associatedData);
  }

  /**
   * Decrypts a blob made by {@link #seal}, naming it in errors as {@code what} (never personal data).
   *
   * @throws SlotHunterException {@code INVALID_INPUT} as {@link #open(byte[], String)} does
   */
  public byte[] open(byte[] blob, String associatedData, String what) {
    if (blob.length < 1 + IV_BYTES + TAG_BITS / 8 || blob[0] != FORMAT) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT,
          "encrypted " + what + ": not in a known format");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(blob, 1 + IV_BYTES, blob.length - 1 - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT, "cannot decrypt " + what
          + ": the store's encryption key is not the one they were written with (or the row was altered)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is required of every JVM", e);
    }
  }

  /** Overwrites a plaintext buffer once it is no longer needed (best effort). */
  static void wipe(byte[] plain) {
    Arrays.fill(plain, (byte) 0);
  }
}
