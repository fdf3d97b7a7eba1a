package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiTest {

  @Test
  void everyMaskIsNullSafe() {
    assertThat(Pii.maskMobile(null)).isEqualTo("null");
    assertThat(Pii.maskNationalCode(null)).isEqualTo("null");
    assertThat(Pii.maskName(null)).isEqualTo("null");
    assertThat(Pii.maskToken(null)).isEqualTo("null");
    assertThat(Pii.redact(null)).isEqualTo("null");
  }

  @ParameterizedTest
  @CsvSource({
      "09121234567, 0912***4567",
      "+989121234567, +989***4567",
      "00989121234567, 0098***4567"
  })
  void maskMobileShowsOnlyThePrefixAndTheLastFourDigits(String mobile, String masked) {
    assertThat(Pii.maskMobile(mobile)).isEqualTo(masked);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1234", "12345678", "9121234567"})
  void maskMobileHidesShortValuesCompletely(String mobile) {
    assertThat(Pii.maskMobile(mobile)).isEqualTo("***");
  }

  @ParameterizedTest
  @CsvSource({
      "0012345678, ********78",
      "0499370899, ********99",
      "123, *23"
  })
  void maskNationalCodeShowsOnlyTheLastTwoDigits(String code, String masked) {
    assertThat(Pii.maskNationalCode(code)).isEqualTo(masked);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "12"})
  void maskNationalCodeHidesTwoOrFewerCharactersCompletely(String code) {
    assertThat(Pii.maskNationalCode(code)).isEqualTo("**");
  }

  @ParameterizedTest
  @CsvSource({
      "سارا, س***",
      "Sara, S***",
      "S, S***",
      "😀Sara, 😀***"
  })
  void maskNameShowsOnlyTheFirstLetter(String name, String masked) {
    assertThat(Pii.maskName(name)).isEqualTo(masked);
  }

  @Test
  void maskNameOfAnEmptyNameIsEmpty() {
    assertThat(Pii.maskName("")).isEmpty();
  }

  @Test
  void maskCodeShowsTheLastTwoCharactersOfALongCodeOnly() {
    assertThat(Pii.maskCode("8F3K2019")).isEqualTo("******19");
    assertThat(Pii.maskCode("4403912273154485")).isEqualTo("********85");
    assertThat(Pii.maskCode("123")).isEqualTo("***");
    assertThat(Pii.maskCode("")).isEqualTo("none");
    assertThat(Pii.maskCode(null)).isEqualTo("none");
  }

  @Test
  void maskTokenShowsOnlyTheLength() {
    assertThat(Pii.maskToken("abcd")).isEqualTo("<redacted:4 chars>");
    assertThat(Pii.maskToken("")).isEqualTo("<redacted:0 chars>");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Authorization: Bearer abc.DEF-123_~+/= next | Authorization: Bearer *** next",
      "authorization: bearer s3cr3t | authorization: bearer ***",
      "BEARER   s3cr3t | BEARER   ***",
      "t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end | t=*** end",
      "{\"token\":\"s3cr3t\",\"ok\":true} | {\"token\":\"***\",\"ok\":true}",
      "{\"access_token\": \"s3cr3t\"} | {\"access_token\": \"***\"}",
      "{\"refresh_token\":\"r3fr3sh\"} | {\"refresh_token\":\"***\"}",
      "{\"certificate\":\"c3rt\"} | {\"certificate\":\"***\"}",
      "password=hunter2&user=x | password=***&user=x",
      "national_code=0499370899&x=1 | national_code=***&x=1",
      "NATIONAL_CODE: 0499370899 | NATIONAL_CODE: ***",
      "cell=09121234567 | cell=***",
      "{\"mobile\":\"09121234567\"} | {\"mobile\":\"***\"}",
      "call 0912 123 4567 now | call *** now",
      "call +98 912 123 4567 now | call *** now",
      "card 6037-9975-1234-5678 | card ***",
      "id 12345678 | id ***",
      "کد ملی ۰۴۹۹۳۷۰۸۹۹ نامعتبر است | کد ملی *** نامعتبر است",
      "شماره ٠٩١٢١٢٣٤٥٦٧ | شماره ***"
  })
  void redactHidesTokensSecretFieldsAndLongDigitRuns(String text, String redacted) {
    assertThat(Pii.redact(text)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "room 1234567 is free",
      "price 150000 rials",
      "at 09:30 on day 12",
      "no secrets here",
      "نوبت آزاد است",
      ""
  })
  void redactLeavesOrdinaryTextAndShortNumbersAlone(String text) {
    assertThat(Pii.redact(text)).isEqualTo(text);
  }

  @Test
  void redactHidesEverySecretInOneBody() {
    String body = "{\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\",\"cell\":\"09121234567\","
        + "\"national_code\":\"0499370899\",\"note\":\"Bearer abc123\"}";

    String redacted = Pii.redact(body);

    assertThat(redacted).doesNotContain("eyJ", "09121234567", "0499370899", "abc123", "1234567");
    assertThat(redacted).contains("\"cell\":\"***\"", "Bearer ***");
  }
}
