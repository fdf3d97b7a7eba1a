package io.github.slothunter.provider.doctoreto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DoctoretoTimesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final LocalDate OCT_28 = LocalDate.of(2024, 10, 28);

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"2024-10-28T09:30:00+03:30\" | 2024-10-28T06:00:00Z",
      "\"2024-10-28T09:30+0330\" | 2024-10-28T06:00:00Z",
      "\"2024-10-28 06:00:00Z\" | 2024-10-28T06:00:00Z",
      "\"2024-10-28T06:00:00.500Z\" | 2024-10-28T06:00:00.500Z",
      "\"2024-10-28T01:00:00-05\" | 2024-10-28T06:00:00Z",
      "\"2024-10-28T09:30:00\" | 2024-10-28T06:00:00Z",
      "\"2024-10-28 09:30\" | 2024-10-28T06:00:00Z",
      "\"2024/10/28 09:30\" | 2024-10-28T06:00:00Z",
      "\"1403/08/07 09:30\" | 2024-10-28T06:00:00Z",
      "\"09:30\" | 2024-10-28T06:00:00Z",
      "\"9:30:15\" | 2024-10-28T06:00:15Z",
      "\"۰۹:۳۰\" | 2024-10-28T06:00:00Z",
      "1730095200 | 2024-10-28T06:00:00Z",
      "\"1730095200\" | 2024-10-28T06:00:00Z",
      "1730095200000 | 2024-10-28T06:00:00Z",
  })
  void readsInstantsInEveryCommonForm(String value, String expected) throws Exception {
    assertThat(DoctoretoTimes.instant(json(value), OCT_28)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"null", "28", "true", "\"\"", "\"soon\"", "\"2024-10-28\"", "\"25:00\"",
      "\"2024-13-01T09:00\"", "{\"at\":1}", "[1]", "9.5", "\"1403/12/30 09:00x\""})
  void ignoresValuesThatAreNotInstants(String value) throws Exception {
    assertThat(DoctoretoTimes.instant(json(value), OCT_28)).isEmpty();
  }

  @Test
  void needsADayForATimeOfDay() {
    assertThat(DoctoretoTimes.instant(NODES.textNode("09:30"), null)).isEmpty();
    assertThat(DoctoretoTimes.instant(null, OCT_28)).isEmpty();
    assertThat(DoctoretoTimes.instant(NODES.missingNode(), OCT_28)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"2024-10-28\" | 2024-10-28",
      "\"2024/10/28\" | 2024-10-28",
      "\"1403-08-07\" | 2024-10-28",
      "\"۱۴۰۳/۰۸/۰۷\" | 2024-10-28",
      "\"2024-10-28T23:30:00\" | 2024-10-28",
      "\"2024-10-27T21:00:00Z\" | 2024-10-28",
      "1730066400 | 2024-10-28",
  })
  void readsDatesInTehran(String value, String expected) throws Exception {
    assertThat(DoctoretoTimes.date(json(value))).contains(LocalDate.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"null", "28", "\"Monday\"", "\"2024-02-30\"", "\"1403/12/31\"", "\"1200/01/01\""})
  void ignoresValuesThatAreNotDates(String value) throws Exception {
    assertThat(DoctoretoTimes.date(json(value))).isEmpty();
    assertThat(DoctoretoTimes.date(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {"20 | PT20M", "\"15\" | PT15M", "0.5 | PT30S", "\"PT1H\" | PT1H", "\"۲۰\" | PT20M"})
  void readsMinutes(String value, String expected) throws Exception {
    assertThat(DoctoretoTimes.minutes(json(value))).contains(Duration.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"null", "0", "-5", "\"x\"", "true", "\"PT-1M\""})
  void ignoresLengthsThatAreNotPositiveMinutes(String value) throws Exception {
    assertThat(DoctoretoTimes.minutes(json(value))).isEmpty();
    assertThat(DoctoretoTimes.minutes(null)).isEmpty();
  }

  @Test
  void convertsJalaliDatesAcrossLeapYears() {
    assertThat(DoctoretoTimes.jalaliToGregorian(1403, 1, 1)).isEqualTo(LocalDate.of(2024, 3, 20));
    assertThat(DoctoretoTimes.jalaliToGregorian(1403, 8, 7)).isEqualTo(LocalDate.of(2024, 10, 28));
    assertThat(DoctoretoTimes.jalaliToGregorian(1403, 12, 30)).isEqualTo(LocalDate.of(2025, 3, 20));
    assertThat(DoctoretoTimes.jalaliToGregorian(1404, 1, 1)).isEqualTo(LocalDate.of(2025, 3, 21));
    assertThat(DoctoretoTimes.jalaliToGregorian(1402, 12, 29)).isEqualTo(LocalDate.of(2024, 3, 19));
    assertThat(DoctoretoTimes.jalaliToGregorian(1399, 12, 30)).isEqualTo(LocalDate.of(2021, 3, 20));
    assertThat(DoctoretoTimes.jalaliToGregorian(1357, 11, 22)).isEqualTo(LocalDate.of(1979, 2, 11));
    assertThat(DoctoretoTimes.jalaliToGregorian(1408, 12, 30)).isEqualTo(LocalDate.of(2030, 3, 20));
  }

  @Test
  void rejectsJalaliDatesThatDoNotExist() {
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1404, 12, 30)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1403, 7, 31)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1403, 13, 1)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1403, 0, 1)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1403, 1, 0)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1299, 1, 1)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DoctoretoTimes.jalaliToGregorian(1500, 1, 1)).isInstanceOf(DateTimeException.class);
  }
}
