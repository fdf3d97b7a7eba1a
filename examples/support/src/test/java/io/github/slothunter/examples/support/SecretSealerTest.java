package io.github.slothunter.examples.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
  private final byte[] key = SecretSealer.newKey();
  private final SecretSealer sealer = new SecretSealer(key, "test secrets");

  @Test
  void aSealedValueOpensOnlyForItsRowPurposeAndKey() {
    String sealed = sealer.seal("0499370899", "row-1");
    assertThat(sealed).doesNotContain("0499370899").isNotEqualTo(sealer.seal("0499370899", "row-1")); // fresh IV
    assertThat(sealer.open(sealed, "row-1")).isEqualTo("0499370899");
    for (Runnable wrong : new Runnable[] {
        () -> sealer.open(sealed, "row-2"),
        () -> new SecretSealer(key, "other purpose").open(sealed, "row-1"),
        () -> new SecretSealer(SecretSealer.newKey(), "test secrets").open(sealed, "row-1"),
        () -> sealer.open("not base64 !", "row-1")}) {
      assertThatThrownBy(wrong::run).isInstanceOfSatisfying(SlotHunterException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }
  }

  @Test
  void refusesAKeyOfTheWrongLength() {
    assertThatThrownBy(() -> new SecretSealer(new byte[16], "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThat(SecretSealer.newKey()).hasSize(SecretSealer.KEY_BYTES);
  }
}
