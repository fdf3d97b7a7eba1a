package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.examples.cli.JalaliFormat.JalaliDate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class JalaliFormatTest {
  private final JalaliFormat en = JalaliFormat.of(Lang.EN);
  private final JalaliFormat fa = JalaliFormat.of(Lang.FA);

  @Test
  void nowruz1405IsTheTwentyFirstOfMarch2026() {
    LocalDate nowruz = LocalDate.of(2026, 3, 21);

    assertThat(JalaliFormat.toJalali(nowruz)).isEqualTo(new JalaliDate(1405, 1, 1));
    assertThat(en.date(nowruz)).isEqualTo("1405/01/01");
    assertThat(en.weekday(nowruz)).isEqualTo("Saturday");
    assertThat(en.longDate(nowruz)).isEqualTo("1 Farvardin 1405");
  }

  @Test
  void nowruz1404IsTheTwentyFirstOfMarch2025AndTheDayBeforeIsEsfand30() {
    assertThat(en.date(LocalDate.of(2025, 3, 21))).isEqualTo("1404/01/01");
    assertThat(en.weekday(LocalDate.of(2025, 3, 21))).isEqualTo("Friday");
    assertThat(JalaliFormat.toJalali(LocalDate.of(2025, 3, 20))).isEqualTo(new JalaliDate(1403, 12, 30));
    assertThat(en.monthName(LocalDate.of(2025, 3, 20))).isEqualTo("Esfand");
  }

  @Test
  void leapYear1403StartedOnTheTwentiethOfMarch2024() {
    assertThat(JalaliFormat.toJalali(LocalDate.of(2024, 3, 20))).isEqualTo(new JalaliDate(1403, 1, 1));
    assertThat(JalaliFormat.toJalali(LocalDate.of(2024, 3, 19)).toString()).isEqualTo("1402/12/29");
  }

  @Test
  void persianUsesPersianDigitsAndNames() {
    LocalDate nowruz = LocalDate.of(2026, 3, 21);

    assertThat(fa.date(nowruz)).isEqualTo("۱۴۰۵/۰۱/۰۱");
    assertThat(fa.weekday(nowruz)).isEqualTo("شنبه");
    assertThat(fa.monthName(nowruz)).isEqualTo("فروردین");
    assertThat(fa.time(LocalTime.of(9, 30))).isEqualTo("۰۹:۳۰");
  }

  @Test
  void instantsAreShownInTehranTimeIncludingTheDateAcrossMidnight() {
    Instant lateUtc = Instant.parse("2026-03-20T21:00:00Z"); // 00:30 on 21 March in Tehran

    assertThat(en.time(lateUtc)).isEqualTo("00:30");
    assertThat(en.date(lateUtc)).isEqualTo("1405/01/01");
    assertThat(en.slot(lateUtc)).isEqualTo("Sat 1405/01/01 00:30");
    assertThat(en.shortWeekday(lateUtc)).isEqualTo("Sat");
  }

  @Test
  void jalaliDateToStringIsZeroPadded() {
    assertThat(new JalaliDate(1405, 2, 3)).hasToString("1405/02/03");
    assertThat(en).hasToString("JalaliFormat[EN]");
    assertThat(fa.lang()).isEqualTo(Lang.FA);
  }
}
