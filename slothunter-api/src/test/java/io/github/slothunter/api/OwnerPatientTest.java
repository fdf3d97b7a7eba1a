package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.MOBILE;
import static io.github.slothunter.api.Fixtures.NATIONAL_CODE;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerPatientTest {
  private static final Patient MOM = Patient.of("مریم", "احمدی", NATIONAL_CODE, MOBILE).withAccountUserId("7000001");

  private static AccountSession session(String providerId) {
    return new AccountSession(providerId, "tok", Map.of(), Instant.MAX);
  }

  @Test
  void cleansTheLabelOfInvisibleMarksAndSurroundingBlanks() {
    OwnerPatient p = new OwnerPatient("\u200F  mom\u200C ", MOM);

    assertThat(p.label()).isEqualTo("mom");
    assertThat(p.providerId()).isNull();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\u200F\u200E", "mo\u0000m", "mo\nm"})
  void rejectsMissingBlankAndControlCharacterLabels(String label) {
    invalidInput(() -> new OwnerPatient(label, MOM), "patient label");
  }

  @Test
  void rejectsALabelLongerThanTheBoundWithoutEchoingIt() {
    String longLabel = "م".repeat(OwnerPatient.MAX_LABEL + 1);

    SlotHunterException e = invalidInput(() -> new OwnerPatient(longLabel, MOM), "patient label");

    assertThat(e.getMessage()).doesNotContain(longLabel);
    assertThat(new OwnerPatient("م".repeat(OwnerPatient.MAX_LABEL), MOM).label()).hasSize(OwnerPatient.MAX_LABEL);
  }

  @Test
  void rejectsAMalformedProviderId() {
    invalidInput(() -> new OwnerPatient("mom", MOM, "Paziresh 24"), "providerId");
  }

  @Test
  void toStringMasksTheLabelAndThePatient() {
    OwnerPatient p = new OwnerPatient("مریم احمدی", MOM, "paziresh24");

    assertThat(p.toString()).doesNotContain("مریم", "احمدی", NATIONAL_CODE, MOBILE, "7000001")
        .contains("label=م***", "providerId=paziresh24");
  }

  @Test
  void autoBookBooksThePatientWithTheSession() {
    OwnerPatient p = new OwnerPatient("mom", MOM, "paziresh24");

    AutoBook autoBook = p.autoBook(session("paziresh24"));

    assertThat(autoBook.patient()).isEqualTo(MOM);
    assertThat(autoBook.session().providerId()).isEqualTo("paziresh24");
    assertThat(autoBook.maxBookings()).isEqualTo(1);
  }

  @Test
  void autoBookRefusesASessionOfAnotherProviderThanTheAccountThePatientCameFrom() {
    OwnerPatient p = new OwnerPatient("mom", MOM, "paziresh24");

    assertThatThrownBy(() -> p.autoBook(session("doctoreto")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("paziresh24", "doctoreto").doesNotContain("7000001");
        });
  }

  @Test
  void aPatientEnteredByHandBooksWithAnyProvidersSession() {
    OwnerPatient p = new OwnerPatient("me", Patient.of("Sara", "Ahmadi", NATIONAL_CODE, MOBILE));

    assertThat(p.autoBook(session("doctoreto")).patient().accountUserId()).isNull();
  }
}
