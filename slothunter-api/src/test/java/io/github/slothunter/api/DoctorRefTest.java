package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DoctorRefTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "p24", "paziresh24", "doctor-eto", "0", "abcdefghijklmnopqrstuvwxyz012345"})
  void acceptsLowerCaseProviderIdsOfUpToThirtyTwoCharacters(String providerId) {
    assertThat(new DoctorRef(providerId, "dr").providerId()).isEqualTo(providerId);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Paziresh24", "PAZIRESH24", "-p24", "p_24", "p 24", "p.24", " p24", "p24\n",
      "abcdefghijklmnopqrstuvwxyz0123456", "پذیرش۲۴", "p24\u200F"})
  void rejectsBadProviderIds(String providerId) {
    SlotHunterException e = invalidInput(() -> new DoctorRef(providerId, "dr"), "providerId");

    assertThat(e.getMessage()).contains("1-32 lower-case letters, digits or dashes");
  }

  @Test
  void rejectsATenThousandCharacterProviderId() {
    SlotHunterException e = invalidInput(() -> new DoctorRef("p".repeat(10_000), "dr"), "providerId");

    assertThat(e.getMessage()).startsWith("INVALID_INPUT: providerId must be");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dr/sara", "https://www.paziresh24.com/dr/sara", "sara?utm=x", "sara#top", "/", "?", "#"})
  void rejectsKeysThatAreAPathOrAUrl(String key) {
    SlotHunterException e = invalidInput(() -> new DoctorRef("paziresh24", key), "doctor key");

    assertThat(e.getMessage()).contains("must be a bare key");
  }

  @Test
  void keepsAPersianSlugWithZeroWidthNonJoinerAndStripsBidiMarks() {
    DoctorRef ref = new DoctorRef("paziresh24", "\u200Fدکتر-سارا-احمدی\u200Cنژاد\u200F");

    assertThat(ref.key()).isEqualTo("دکتر-سارا-احمدی\u200Cنژاد");
  }

  @Test
  void toStringIsProviderColonKey() {
    assertThat(Fixtures.ref()).hasToString("paziresh24:dr-sara-ahmadi");
  }

  @Test
  void refsWithTheSameProviderAndKeyAreEqual() {
    assertThat(new DoctorRef("paziresh24", " dr-1 ")).isEqualTo(new DoctorRef("paziresh24", "dr-1"));
  }
}
