package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.MOBILE;
import static io.github.slothunter.api.Fixtures.NATIONAL_CODE;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientTest {

  @ParameterizedTest
  @ValueSource(strings = {"0499370899", "0790419904", "0084575948", "0012345830", "0012345751", "0012345679"})
  void acceptsNationalCodesWithAValidCheckDigit(String code) {
    assertThat(Patient.normaliseNationalCode(code)).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({
      "84575948, 0084575948",
      "499370899, 0499370899",
      "12345830, 0012345830",
      "۰۴۹۹۳۷۰۸۹۹, 0499370899",
      "٠٤٩٩٣٧٠٨٩٩, 0499370899",
      "۸۴۵۷۵۹۴۸, 0084575948",
      "049-937089-9, 0499370899",
      "'049 937 0899', 0499370899",
      "'\u200F0499370899\u200E', 0499370899",
      "'\u202B ۰۷۹۰۴۱۹۹۰۴ \u202C', 0790419904"
  })
  void normalisesNationalCodesToTenAsciiDigits(String raw, String expected) {
    assertThat(Patient.normaliseNationalCode(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1111111111", "0000000000", "9999999999"})
  void rejectsNationalCodesOfOneRepeatedDigitEvenWhenTheCheckDigitFits(String code) {
    SlotHunterException e = invalidInput(() -> Patient.normaliseNationalCode(code), "patient nationalCode");

    assertThat(e.getMessage()).contains("repeated digit").doesNotContain(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0499370898", "0790419905", "0084575940", "1234567890", "0012345831", "0012345750"})
  void rejectsNationalCodesWithAWrongCheckDigit(String code) {
    SlotHunterException e = invalidInput(() -> Patient.normaliseNationalCode(code), "patient nationalCode");

    assertThat(e.getMessage()).contains("check digit").doesNotContain(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234567", "04993708990", "049937", "   ", "\u200F\u200E"})
  void rejectsNationalCodesOfTheWrongLength(String code) {
    SlotHunterException e = invalidInput(() -> Patient.normaliseNationalCode(code), "patient nationalCode");

    assertThat(e.getMessage()).contains("must have 10 digits");
    if (!code.isBlank()) {
      assertThat(e.getMessage()).doesNotContain(code);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"04993a0899", "0499370899x", "O499370899", "0499\u0000370899", "0499\t370899",
      "049937089۹x", "+0499370899", "04993708999999999999999"})
  void rejectsNationalCodesWithNonDigits(String code) {
    SlotHunterException e = invalidInput(() -> Patient.normaliseNationalCode(code), "patient nationalCode");

    assertThat(e.getMessage()).contains("only digits").doesNotContain(code);
  }

  @Test
  void rejectsATenThousandDigitNationalCodeWithoutEchoingIt() {
    String huge = "0499370899".repeat(1_000);

    SlotHunterException e = invalidInput(() -> Patient.normaliseNationalCode(huge), "patient nationalCode");

    assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("0499370899");
  }

  @Test
  void rejectsAMissingNationalCode() {
    SlotHunterException e = invalidInput(() -> Patient.normaliseNationalCode(null), "patient nationalCode");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "09121234567",
      "9121234567",
      "+989121234567",
      "+98 912 123 4567",
      "+98 (912) 123-4567",
      "+98 0912 123 4567",
      "00989121234567",
      "0098 912 123 4567",
      "989121234567",
      "98 912 123 4567",
      "0912-123-4567",
      "(0912) 123 4567",
      "0912.123.4567",
      "۰۹۱۲۱۲۳۴۵۶۷",
      "٠٩١٢١٢٣٤٥٦٧",
      "+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷",
      "\u200E+98 912 123 4567\u200E",
      "\u202B۰۹۱۲ ۱۲۳ ۴۵۶۷\u202C",
      "\t0912 123 4567\n"
  })
  void normalisesCommonMobileFormsToElevenDigitsStartingWithZeroNine(String raw) {
    assertThat(Patient.normaliseMobile(raw)).isEqualTo("09121234567");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "02176543210",
      "+982176543210",
      "2176543210",
      "0935765432",
      "935765432",
      "093576543210",
      "98935765432",
      "+1 935 765 4321",
      "0935abc4321",
      "0935765432x",
      "09357654321#",
      "0935\u00007654321",
      "0935*654321",
      "phone",
      "+98",
      "0"
  })
  void rejectsLandlinesShortLongAndNonNumericMobiles(String raw) {
    SlotHunterException e = invalidInput(() -> Patient.normaliseMobile(raw), "patient mobile");

    assertThat(e.getMessage()).contains("Iranian mobile number");
    if (raw.length() > 1) {
      assertThat(e.getMessage()).doesNotContain(raw);
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\u200F\u200E"})
  void rejectsMissingOrBlankMobiles(String raw) {
    SlotHunterException e = invalidInput(() -> Patient.normaliseMobile(raw), "patient mobile");

    assertThat(e.getMessage()).containsAnyOf("is required", "Iranian mobile number");
  }

  @Test
  void rejectsATenThousandCharacterMobileAsTooLongWithoutEchoingIt() {
    String huge = "9".repeat(10_000);

    SlotHunterException e = invalidInput(() -> Patient.normaliseMobile(huge), "patient mobile");

    assertThat(e.getMessage()).endsWith("is too long").hasSizeLessThan(100);
  }

  @Test
  void normalisesEveryPersonalFieldInTheConstructor() {
    Patient p = new Patient("\u200Fسارا\u200F", " احمدی ", "۰۴۹۹۳۷۰۸۹۹", "+98 912 123 4567", Gender.FEMALE);

    assertThat(p.firstName()).isEqualTo("سارا");
    assertThat(p.lastName()).isEqualTo("احمدی");
    assertThat(p.nationalCode()).isEqualTo(NATIONAL_CODE);
    assertThat(p.mobile()).isEqualTo(MOBILE);
    assertThat(p.gender()).isEqualTo(Gender.FEMALE);
  }

  @Test
  void patientsTypedDifferentlyAreEqualOnceNormalised() {
    Patient typed = Patient.of("Sara", "Ahmadi", "۰۴۹۹۳۷۰۸۹۹", "+98 912 123 4567");
    Patient clean = Patient.of("Sara", "Ahmadi", NATIONAL_CODE, MOBILE);

    assertThat(typed).isEqualTo(clean).hasSameHashCodeAs(clean);
  }

  @Test
  void genderDefaultsToUnspecified() {
    Patient viaOf = Patient.of("Sara", "Ahmadi", NATIONAL_CODE, MOBILE);
    Patient viaNull = new Patient("Sara", "Ahmadi", NATIONAL_CODE, MOBILE, null);

    assertThat(viaOf.gender()).isEqualTo(Gender.UNSPECIFIED);
    assertThat(viaNull.gender()).isEqualTo(Gender.UNSPECIFIED);
  }

  @Test
  void mobileNationalDropsTheLeadingZero() {
    assertThat(Fixtures.patient().mobileNational()).isEqualTo("9121234567");
  }

  @Test
  void toStringMasksNationalCodeMobileAndNames() {
    Patient p = new Patient("سارا", "احمدی\u200Cنژاد", NATIONAL_CODE, MOBILE, Gender.FEMALE);

    String shown = p.toString();

    assertThat(shown)
        .doesNotContain(NATIONAL_CODE, MOBILE, "9121234567", "1234567", "37089", "سارا", "احمدی", "نژاد")
        .contains("nationalCode=********99", "mobile=0912***4567", "firstName=س***", "lastName=ا***",
            "gender=FEMALE");
  }

  @Test
  void rejectsABadFieldInTheConstructorWithoutEchoingAnyPersonalValue() {
    SlotHunterException e = invalidInput(
        () -> Patient.of("سارا", "احمدی", NATIONAL_CODE, "0212-765-4321"), "patient mobile");

    assertThat(e.getMessage()).doesNotContain("سارا", "احمدی", NATIONAL_CODE, "0212", "765", "4321");
  }

  @Test
  void rejectsABadNationalCodeInTheConstructorWithoutEchoingIt() {
    SlotHunterException e = invalidInput(
        () -> Patient.of("سارا", "احمدی", "0499370898", MOBILE), "patient nationalCode");

    assertThat(e.getMessage()).doesNotContain("0499370898", MOBILE, "سارا");
  }

  // ------------------------------------------------------------------ account users

  @Test
  void aPatientIsTheAccountHolderUnlessAnAccountUserIsNamed() {
    Patient holder = Patient.of("Sara", "Ahmadi", NATIONAL_CODE, MOBILE);
    Patient fiveArgs = new Patient("Sara", "Ahmadi", NATIONAL_CODE, MOBILE, Gender.FEMALE);

    assertThat(holder.accountUserId()).isNull();
    assertThat(fiveArgs.accountUserId()).isNull();
    assertThat(holder.withAccountUserId("6120457").accountUserId()).isEqualTo("6120457");
  }

  @Test
  void withAccountUserIdKeepsEveryOtherFieldAndNullGoesBackToTheHolder() {
    Patient p = new Patient("Sara", "Ahmadi", NATIONAL_CODE, MOBILE, Gender.FEMALE, "6120457");

    Patient member = p.withAccountUserId("7000001");
    Patient holder = member.withAccountUserId(null);

    assertThat(member).isEqualTo(new Patient("Sara", "Ahmadi", NATIONAL_CODE, MOBILE, Gender.FEMALE, "7000001"));
    assertThat(holder).isEqualTo(new Patient("Sara", "Ahmadi", NATIONAL_CODE, MOBILE, Gender.FEMALE));
    assertThat(member).isNotEqualTo(holder);
  }

  @ParameterizedTest
  @CsvSource({
      "6120457, 6120457",
      "'  6120457 ', 6120457",
      "۶۱۲۰۴۵۷, 6120457",
      "'\u200F6120457\u200E', 6120457",
      "e3b8d6a2-5c1f-11f1-9a4e-0050568a1c2d, e3b8d6a2-5c1f-11f1-9a4e-0050568a1c2d",
      "user_7.a, user_7.a"
  })
  void acceptsAsciiAccountUserIdsAndConvertsPersianDigits(String raw, String expected) {
    assertThat(Patient.normaliseAccountUserId(raw)).isEqualTo(expected);
    assertThat(Fixtures.patient().withAccountUserId(raw).accountUserId()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"61 20457", "6120457&x=1", "id\r\nX: y", "سارا", "a/b", "a?b", "%36", "6120457\u0000"})
  void rejectsAccountUserIdsWithAnythingButAsciiLettersDigitsAndDashes(String raw) {
    SlotHunterException e = invalidInput(() -> Fixtures.patient().withAccountUserId(raw), "patient accountUserId");

    assertThat(e.getMessage()).contains("only ASCII letters").doesNotContain(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\u200F\u200E"})
  void rejectsBlankAccountUserIds(String raw) {
    SlotHunterException e = invalidInput(() -> Fixtures.patient().withAccountUserId(raw), "patient accountUserId");

    assertThat(e.getMessage()).endsWith("must not be blank");
  }

  @Test
  void rejectsAnAccountUserIdLongerThanTheBoundWithoutEchoingIt() {
    String longId = "7".repeat(Patient.MAX_ACCOUNT_USER_ID + 1);

    SlotHunterException e = invalidInput(() -> Fixtures.patient().withAccountUserId(longId), "patient accountUserId");

    assertThat(e.getMessage()).contains("too long").doesNotContain(longId);
    assertThat(Fixtures.patient().withAccountUserId("7".repeat(Patient.MAX_ACCOUNT_USER_ID)).accountUserId())
        .hasSize(Patient.MAX_ACCOUNT_USER_ID);
  }

  @Test
  void toStringMasksTheAccountUserIdAndCallsNoIdTheHolder() {
    Patient member = Fixtures.patient().withAccountUserId("6120457");

    assertThat(member.toString()).contains("accountUserId=*****57").doesNotContain("6120457", NATIONAL_CODE, MOBILE);
    assertThat(Fixtures.patient().toString()).contains("accountUserId=holder");
  }
}
