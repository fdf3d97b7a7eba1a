package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(chars = {'\u200B', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
      '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF', '\u061C'})
  void cleanRemovesEveryInvisibleFormattingCharacterAnywhere(char invisible) {
    String cleaned = Text.clean(invisible + "ab" + invisible + "cd" + invisible);

    assertThat(cleaned).isEqualTo("abcd");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(chars = {'a', '\u200A', '\u2029', '\u202F', '\u2065', '\u206A', '\uFEFE', '\u0600'})
  void cleanKeepsVisibleNeighboursOfTheInvisibleRanges(char visible) {
    String cleaned = Text.clean("x" + visible + "y");

    assertThat(cleaned).isEqualTo("x" + visible + "y");
  }

  @Test
  void cleanKeepsZeroWidthNonJoinerInsideButTrimsItAtTheEnds() {
    assertThat(Text.clean("\u200C \u200Cنمی\u200Cدانم\u200C \u200C")).isEqualTo("نمی\u200Cدانم");
  }

  @Test
  void cleanOfOnlyInvisibleCharactersIsEmpty() {
    assertThat(Text.clean("\u200C\u200F \u200C")).isEmpty();
  }

  @Test
  void asciiDigitsConvertsPersianAndArabicIndicDigitsAndKeepsEverythingElse() {
    assertThat(Text.asciiDigits("۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ 09 x-ی"))
        .isEqualTo("0123456789 0123456789 09 x-ی");
  }

  @Test
  void asciiDigitsLeavesCharactersJustOutsideTheDigitRangesAlone() {
    assertThat(Text.asciiDigits("\u06EF\u06FA\u065F\u066A")).isEqualTo("\u06EF\u06FA\u065F\u066A");
  }
}
