package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyboardTest {
  @Test
  void aButtonHasExactlyOneOfDataAndUrl() {
    assertThatThrownBy(() -> new Keyboard.Button("x", null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Keyboard.Button("x", "d", URI.create("https://x.example")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callbackDataIsLimitedTo64Utf8Bytes() {
    assertThat(Keyboard.Button.callback("ok", "x".repeat(64)).data()).hasSize(64);
    assertThatThrownBy(() -> Keyboard.Button.callback("long", "ش".repeat(33))).hasMessageContaining("64 bytes");
  }

  @Test
  void columnsAndRowsAreCopiedAndEmptinessIsKnown() {
    Keyboard column = Keyboard.column(List.of(Keyboard.Button.callback("a", "a"), Keyboard.Button.callback("b", "b")));

    assertThat(column.rows()).hasSize(2);
    assertThat(column.buttons()).extracting(Keyboard.Button::text).containsExactly("a", "b");
    assertThat(column.isEmpty()).isFalse();
    assertThat(Keyboard.NONE.isEmpty()).isTrue();
    assertThat(new Keyboard(List.of(List.of())).isEmpty()).isTrue();
  }

  @Test
  void languagesAreFoundByCode() {
    assertThat(Lang.fromCode(" EN ")).contains(Lang.EN);
    assertThat(Lang.fromCode("fa")).contains(Lang.FA);
    assertThat(Lang.fromCode("de")).isEmpty();
    assertThat(Lang.fromCode(null)).isEmpty();
    assertThat(Lang.DEFAULT).isEqualTo(Lang.FA);
  }
}
