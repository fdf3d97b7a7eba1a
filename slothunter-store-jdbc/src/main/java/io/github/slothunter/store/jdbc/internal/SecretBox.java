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
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small records with AES-256-GCM. A sealed blob is {@code [format version 1][12-byte random
 * IV][ciphertext + 16-byte tag]}; the caller's associated data (the watch id) is authenticated but
 * not stored, so a blob copied to another watch's row does not open. Thread-safe.
 */
public final class SecretBox {
  /** Key length in bytes (AES-256). */
  public static final int KEY_BYTES = 32;
  private static final byte FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec key;
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
    if (blob.length < 1 + IV_BYTES + TAG_BITS / 8 || blob[0] != FORMAT) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT,
          "encrypted auto-book details of watch " + associatedData + " are not in a known format");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(blob, 1 + IV_BYTES, blob.length - 1 - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT, "cannot decrypt the auto-book details of watch "
          + associatedData + ": the store's encryption key is not the one they were written with (or the row was altered)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is required of every JVM", e);
    }
  }

  /** Overwrites a plaintext buffer once it is no longer needed (best effort). */
  static void wipe(byte[] plain) {
    Arrays.fill(plain, (byte) 0);
  }
}
