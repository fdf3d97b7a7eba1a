package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.MOBILE;
import static io.github.slothunter.api.Fixtures.NATIONAL_CODE;
import static io.github.slothunter.api.Fixtures.T0;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text field of every record, against the same hostile inputs. Each field is reached through
 * its record's public constructor; the operator returns the value the record kept.
 */
class TextFieldValidationTest {
  private static final String BIDI_AROUND = "\u200F\u202B%s\u202C\u200E";
  private static final String PERSIAN_WITH_ZWNJ = "می\u200Cخواهم";

  /** A required text field: name used in error messages, maximum length, and a setter. */
  record Field(String name, int max, UnaryOperator<String> keep) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Field> requiredFields() {
    return Stream.of(
        new Field("patient firstName", 100, v -> Patient.of(v, "احمدی", NATIONAL_CODE, MOBILE).firstName()),
        new Field("patient lastName", 100, v -> Patient.of("سارا", v, NATIONAL_CODE, MOBILE).lastName()),
        new Field("doctor key", Text.MAX_ID, v -> new DoctorRef("paziresh24", v).key()),
        new Field("doctor displayName", Text.MAX_NAME,
            v -> new Doctor(Fixtures.ref(), v, List.of(), List.of()).displayName()),
        new Field("summary displayName", Text.MAX_NAME,
            v -> new DoctorSummary(Fixtures.ref(), v, List.of(), "").displayName()),
        new Field("center id", Text.MAX_ID, v -> new Center(v, "", "", "", List.of()).id()),
        new Field("service id", Text.MAX_ID, v -> new Service(v, "", null, null, true, Map.of()).id()),
        new Field("target centerId", Text.MAX_ID, v -> new Target(Fixtures.ref(), v, "s", Map.of()).centerId()),
        new Field("target serviceId", Text.MAX_ID, v -> new Target(Fixtures.ref(), "c", v, Map.of()).serviceId()),
        new Field("slot providerSlotKey", Text.MAX_ID,
            v -> new Slot(Fixtures.target(), T0, T0.plusSeconds(900), v).providerSlotKey()),
        new Field("hold providerHoldKey", Text.MAX_ID, v -> new Hold(Fixtures.slot(), v, T0).providerHoldKey()),
        new Field("booking providerBookingKey", Text.MAX_ID,
            v -> new Booking(Fixtures.slot(), v, "", T0).providerBookingKey()),
        new Field("provider name", Text.MAX_NAME,
            v -> new ProviderInfo("p24", v, ZoneId.of("UTC"), Set.of(), Fixtures.budget()).name()));
  }

  static Stream<Field> optionalFields() {
    return Stream.of(
        new Field("center name", Text.MAX_NAME, v -> new Center("c", v, "", "", List.of()).name()),
        new Field("center address", 1000, v -> new Center("c", "", v, "", List.of()).address()),
        new Field("center city", Text.MAX_NAME, v -> new Center("c", "", "", v, List.of()).city()),
        new Field("service title", Text.MAX_NAME, v -> new Service("s", v, null, null, true, Map.of()).title()),
        new Field("summary city", Text.MAX_NAME, v -> new DoctorSummary(Fixtures.ref(), "Dr", List.of(), v).city()),
        new Field("booking trackingCode", Text.MAX_ID,
            v -> new Booking(Fixtures.slot(), "b", v, T0).trackingCode()),
        new Field("search text", Text.MAX_NAME, v -> new SearchQuery(v, "tehran", "", 1).text()),
        new Field("search city", 100, v -> new SearchQuery("sara", v, "", 1).city()),
        new Field("search expertise", 100, v -> new SearchQuery("sara", "", v, 1).expertise()));
  }

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("empty", ""),
        Arguments.of("whitespace only", " \t\n "),
        Arguments.of("bidi marks only", "\u200F\u202B \u202C\u200E"),
        Arguments.of("zero-width characters only", "\u200B\u200C\u200D\uFEFF"),
        Arguments.of("10,000 characters", "a".repeat(10_000)),
        Arguments.of("a NUL character", "ab\u0000cd"),
        Arguments.of("a newline inside", "first\nsecond"),
        Arguments.of("a C1 control character", "ab\u0085cd"),
        Arguments.of("an escape sequence", "ab\u001B[31mcd"));
  }

  static Stream<Arguments> requiredFieldsWithHostileValues() {
    return requiredFields().flatMap(f -> hostileValues().map(h -> Arguments.of(f, h.get()[0], h.get()[1])));
  }

  @ParameterizedTest(name = "{0} rejects {1}")
  @MethodSource("requiredFieldsWithHostileValues")
  void requiredFieldRejectsHostileValueNamingTheField(Field field, String label, String value) {
    SlotHunterException e = invalidInput(() -> field.keep().apply(value), field.name());

    if (value != null && !value.isBlank()) {
      assertThat(e.getMessage()).doesNotContain(value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldStripsBidiMarksAndWhitespaceAroundTheValue(Field field) {
    String kept = field.keep().apply(String.format(BIDI_AROUND, "  dr-sara ") + "\uFEFF\u061C\u2066\u2069");

    assertThat(kept).isEqualTo("dr-sara");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldKeepsZeroWidthNonJoinerInsidePersianWords(Field field) {
    String kept = field.keep().apply("\u200C" + PERSIAN_WITH_ZWNJ + "\u200C");

    assertThat(kept).isEqualTo(PERSIAN_WITH_ZWNJ).contains("\u200C");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldAcceptsExactlyItsMaximumLength(Field field) {
    String longest = "ب".repeat(field.max());

    assertThat(field.keep().apply(longest)).isEqualTo(longest);
    invalidInput(() -> field.keep().apply(longest + "ب"), field.name() + " is too long");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldKeepsPersianAndArabicIndicDigitsAsTyped(Field field) {
    String kept = field.keep().apply("مطب ۱۲ ٣٤");

    assertThat(kept).isEqualTo("مطب ۱۲ ٣٤");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionalFields")
  void optionalFieldTurnsNullIntoEmpty(Field field) {
    assertThat(field.keep().apply(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionalFields")
  void optionalFieldTurnsInvisibleOnlyValuesIntoEmpty(Field field) {
    assertThat(field.keep().apply(" \u200F\u202B\u200C\u202C ")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionalFields")
  void optionalFieldStripsBidiMarksButKeepsZeroWidthNonJoiner(Field field) {
    String kept = field.keep().apply(String.format(BIDI_AROUND, " " + PERSIAN_WITH_ZWNJ + " "));

    assertThat(kept).isEqualTo(PERSIAN_WITH_ZWNJ);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionalFields")
  void optionalFieldRejectsValuesLongerThanItsMaximum(Field field) {
    String longest = "x".repeat(field.max());

    assertThat(field.keep().apply(longest)).isEqualTo(longest);
    SlotHunterException e = invalidInput(() -> field.keep().apply("x".repeat(10_000)), field.name());
    assertThat(e.getMessage()).contains("is too long (10000 > " + field.max());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldIsCleanedBeforeItsLengthIsChecked(Field field) {
    String padded = "\u200F".repeat(50) + "x".repeat(field.max()) + " ".repeat(50);

    assertThat(field.keep().apply(padded)).hasSize(field.max());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldNamesItselfWhenNullAndWhenBlank(Field field) {
    SlotHunterException missing = invalidInput(() -> field.keep().apply(null), field.name());
    SlotHunterException blank = invalidInput(() -> field.keep().apply("\u200F \u200E"), field.name());

    assertThat(missing.getMessage()).endsWith(field.name() + " is required");
    assertThat(blank.getMessage()).endsWith(field.name() + " must not be blank");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldRejectsControlCharactersInside(Field field) {
    SlotHunterException e = invalidInput(() -> field.keep().apply("a\u0007b"), field.name());

    assertThat(e.getMessage()).endsWith("must not contain control characters");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void requiredFieldKeepsSpacesInside(Field field) {
    assertThat(field.keep().apply("\u202Bدکتر  سارا\u202C")).isEqualTo("دکتر  سارا");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionalFields")
  void optionalFieldKeepsAnOrdinaryValueUnchanged(Field field) {
    assertThat(field.keep().apply("Clinic 7")).isEqualTo("Clinic 7");
  }
}
