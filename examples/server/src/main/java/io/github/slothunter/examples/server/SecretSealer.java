package io.github.slothunter.examples.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets the server must read back (webhook signing secrets) with AES-256-GCM under a
 * key derived from the store's encryption key ({@code HMAC-SHA256(storeKey, purpose)}), a fresh
 * 12-byte IV per write and the row id as associated data. Stored as base64 of {@code IV ||
 * ciphertext+tag}. Thread-safe.
 */
final class SecretSealer {
  private static final int IV = 12;
  private static final int TAG_BITS = 128;
  private final SecretKeySpec key;

  SecretSealer(byte[] storeKey, String purpose) {
    Objects.requireNonNull(storeKey, "storeKey");
    if (storeKey.length != 32) {
      throw new IllegalArgumentException("the store key must be 32 bytes, got " + storeKey.length);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(storeKey, "HmacSHA256"));
      this.key = new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  String seal(String secret, String rowId) {
    byte[] iv = Ids.bytes(IV);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV + ct.length).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /**
   * Decrypts.
   *
   * @throws IllegalStateException when the value was sealed under another key or for another row
   */
  String open(String sealed, String rowId) {
    byte[] all = Base64.getDecoder().decode(sealed);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV));
      c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(all, IV, all.length - IV), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored secret does not decrypt: is the store key the one it was written with?", e);
    }
  }
}
