package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.store.jdbc.internal.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private final SecretBox box = new SecretBox(TestDatabase.KEY, new SecureRandom());
  private final byte[] plain = "{\"nationalCode\":\"0499370899\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void opensWhatItSealedWithTheSameAssociatedData() {
    byte[] sealed = box.seal(plain, "w-1");

    assertThat(box.open(sealed, "w-1")).isEqualTo(plain);
    assertThat(sealed).hasSize(1 + 12 + plain.length + 16);
  }

  @Test
  void everySealUsesAFreshIv() {
    byte[] one = box.seal(plain, "w-1");
    byte[] two = box.seal(plain, "w-1");

    assertThat(Arrays.copyOfRange(one, 1, 13)).isNotEqualTo(Arrays.copyOfRange(two, 1, 13));
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void anotherKeyFailsClearlyInsteadOfReturningGarbage() {
    byte[] sealed = box.seal(plain, "w-1");
    SecretBox other = new SecretBox(TestDatabase.OTHER_KEY, new SecureRandom());

    assertThatThrownBy(() -> other.open(sealed, "w-1"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("encryption key");
  }

  @Test
  void aBlobMovedToAnotherWatchDoesNotOpen() {
    byte[] sealed = box.seal(plain, "w-1");

    assertThatThrownBy(() -> box.open(sealed, "w-2")).isInstanceOf(SlotHunterException.class);
  }

  @Test
  void alteredOrForeignBlobsAreRefused() {
    byte[] sealed = box.seal(plain, "w-1");
    sealed[sealed.length - 1] ^= 1;
    byte[] unknownFormat = box.seal(plain, "w-1");
    unknownFormat[0] = 9;

    assertThatThrownBy(() -> box.open(sealed, "w-1")).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> box.open(unknownFormat, "w-1")).hasMessageContaining("not in a known format");
    assertThatThrownBy(() -> box.open(new byte[5], "w-1")).hasMessageContaining("not in a known format");
  }

  @Test
  void keysMustBe256Bits() {
    assertThatThrownBy(() -> new SecretBox(new byte[16], new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
  }

  @Test
  void aDigestIsTheSameForTheSameKeyAndPartsAndDiffersOtherwise() {
    SecretBox again = new SecretBox(TestDatabase.KEY, new SecureRandom());
    SecretBox other = new SecretBox(TestDatabase.OTHER_KEY, new SecureRandom());

    String d = box.digest("u1", "مامان");

    assertThat(d).matches("[0-9a-f]{64}").isEqualTo(again.digest("u1", "مامان"));
    assertThat(other.digest("u1", "مامان")).isNotEqualTo(d);
    assertThat(box.digest("u2", "مامان")).isNotEqualTo(d);
    assertThat(box.digest("ab", "c")).as("parts are length-prefixed").isNotEqualTo(box.digest("a", "bc"));
  }

  @Test
  void aNamedBlobNamesWhatFailedToOpen() {
    byte[] sealed = box.seal(plain, "owner-1");
    SecretBox other = new SecretBox(TestDatabase.OTHER_KEY, new SecureRandom());

    assertThatThrownBy(() -> other.open(sealed, "owner-1", "a patient-book entry"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("cannot decrypt a patient-book entry").hasMessageContaining("encryption key");
  }
}
