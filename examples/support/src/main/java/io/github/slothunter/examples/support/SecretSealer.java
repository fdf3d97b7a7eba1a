package io.github.slothunter.examples.support;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what an app keeps that is personal or secret (a webhook's signing secret, a chat's
 * half-typed patient, a provider session) with AES-256-GCM under a key derived for one purpose from
 * the app's store key ({@code HMAC-SHA256(storeKey, purpose)}), a fresh 12-byte IV per write and the
 * row id as associated data, so a value copied to another row does not open. Stored as base64 of
 * {@code IV || ciphertext+tag}. Thread-safe.
 */
public final class SecretSealer {
  /** Key length in bytes. */
  public static final int KEY_BYTES = 32;
  private static final int IV = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  /**
   * A sealer for one purpose.
   *
   * @throws IllegalArgumentException unless the key has {@value #KEY_BYTES} bytes
   */
  public SecretSealer(byte[] storeKey, String purpose) {
    Objects.requireNonNull(storeKey, "storeKey");
    Objects.requireNonNull(purpose, "purpose");
    if (storeKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("the store key must be " + KEY_BYTES + " bytes, got " + storeKey.length);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(storeKey, "HmacSHA256"));
      this.key = new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** A new random store key. */
  public static byte[] newKey() {
    byte[] k = new byte[KEY_BYTES];
    RANDOM.nextBytes(k);
    return k;
  }

  /** Encrypts {@code plain} for the row {@code rowId}. */
  public String seal(String plain, String rowId) {
    byte[] iv = new byte[IV];
    RANDOM.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV + ct.length).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /**
   * Decrypts.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} when the value was sealed under another key or for
   *     another row, or is not a sealed value
   */
  public String open(String sealed, String rowId) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV));
      c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(all, IV, all.length - IV), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT, "a stored secret does not decrypt: is the store key the"
          + " one it was written with?", e);
    }
  }
}
