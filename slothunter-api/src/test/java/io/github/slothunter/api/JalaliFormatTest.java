package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.JalaliFormat.JalaliDate;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class JalaliFormatTest {
  private static final LocalDate NOWRUZ_1405 = LocalDate.of(2026, 3, 21);

  @Test
  void knownDatesOnTheOfficialCalendar() {
    assertThat(JalaliFormat.toJalali(NOWRUZ_1405)).isEqualTo(new JalaliDate(1405, 1, 1));
    assertThat(JalaliFormat.toJalali(LocalDate.of(2025, 3, 20))).isEqualTo(new JalaliDate(1403, 12, 30));
    assertThat(JalaliFormat.toJalali(LocalDate.of(2025, 3, 21))).isEqualTo(new JalaliDate(1404, 1, 1));
    assertThat(JalaliFormat.toJalali(LocalDate.of(2027, 1, 16))).isEqualTo(new JalaliDate(1405, 10, 26));
    assertThat(JalaliFormat.toJalali(LocalDate.of(1979, 2, 11))).isEqualTo(new JalaliDate(1357, 11, 22));
    assertThat(JalaliFormat.toJalali(LocalDate.of(2026, 9, 22))).isEqualTo(new JalaliDate(1405, 6, 31));
    assertThat(JalaliFormat.toJalali(LocalDate.of(2026, 9, 23))).isEqualTo(new JalaliDate(1405, 7, 1));
    assertThat(JalaliFormat.isLeapYear(1403)).isTrue();
    assertThat(JalaliFormat.isLeapYear(1404)).isFalse();
  }

  @Test
  void everyDayOfTwoCenturiesRoundTripsAndFollowsTheDayBefore() {
    JalaliDate previous = JalaliFormat.toJalali(LocalDate.of(1949, 12, 31));
    for (LocalDate d = LocalDate.of(1950, 1, 1); d.getYear() < 2150; d = d.plusDays(1)) {
      JalaliDate j = JalaliFormat.toJalali(d);
      assertThat(j.toGregorian()).isEqualTo(d);
      boolean nextDay = j.year() == previous.year() && j.month() == previous.month() && j.day() == previous.day() + 1;
      boolean nextMonth = j.year() == previous.year() && j.month() == previous.month() + 1 && j.day() == 1;
      boolean nextYear = j.year() == previous.year() + 1 && j.month() == 1 && j.day() == 1;
      assertThat(nextDay || nextMonth || nextYear).as("%s after %s", j, previous).isTrue();
      previous = j;
    }
  }

  @Test
  void rendersInPersianAndEnglish() {
    Instant nineThirty = NOWRUZ_1405.atTime(9, 30).atZone(SlotHunterZones.TEHRAN).toInstant();
    assertThat(JalaliFormat.PERSIAN.date(NOWRUZ_1405)).isEqualTo("۱۴۰۵/۰۱/۰۱");
    assertThat(JalaliFormat.ENGLISH.date(nineThirty)).isEqualTo("1405/01/01");
    assertThat(JalaliFormat.PERSIAN.longDate(NOWRUZ_1405)).isEqualTo("۱ فروردین ۱۴۰۵");
    assertThat(JalaliFormat.ENGLISH.longDate(nineThirty)).isEqualTo("1 Farvardin 1405");
    assertThat(JalaliFormat.ENGLISH.monthName(LocalDate.of(2027, 1, 16))).isEqualTo("Dey");
    assertThat(JalaliFormat.PERSIAN.monthName(LocalDate.of(2027, 1, 16))).isEqualTo("دی");
    assertThat(JalaliFormat.PERSIAN.weekday(NOWRUZ_1405)).isEqualTo("شنبه");
    assertThat(JalaliFormat.PERSIAN.weekday(DayOfWeek.TUESDAY)).isEqualTo("سه\u200Cشنبه");
    assertThat(JalaliFormat.ENGLISH.shortWeekday(nineThirty)).isEqualTo("Sat");
    assertThat(JalaliFormat.PERSIAN.shortWeekday(DayOfWeek.FRIDAY)).isEqualTo("جمعه");
    assertThat(JalaliFormat.PERSIAN.time(nineThirty)).isEqualTo("۰۹:۳۰");
    assertThat(JalaliFormat.ENGLISH.time(LocalTime.of(21, 5))).isEqualTo("21:05");
    assertThat(JalaliFormat.ENGLISH.slot(nineThirty)).isEqualTo("Sat 1405/01/01 09:30");
    assertThat(JalaliFormat.PERSIAN.slot(nineThirty)).isEqualTo("شنبه ۱۴۰۵/۰۱/۰۱ ۰۹:۳۰");
    assertThat(JalaliFormat.PERSIAN.dateTime(nineThirty)).isEqualTo("شنبه ۱ فروردین ۱۴۰۵ ساعت ۰۹:۳۰");
    assertThat(JalaliFormat.ENGLISH.dateTime(nineThirty)).isEqualTo("Saturday 1 Farvardin 1405, 09:30");
    assertThat(JalaliFormat.PERSIAN.weekday(nineThirty)).isEqualTo("شنبه");
    assertThat(JalaliFormat.ENGLISH.weekday(NOWRUZ_1405)).isEqualTo("Saturday");
    assertThat(JalaliFormat.PERSIAN.longDate(nineThirty)).isEqualTo("۱ فروردین ۱۴۰۵");
  }

  @Test
  void numbersAmountsDistancesAndDigits() {
    assertThat(JalaliFormat.PERSIAN.rials(1_500_000)).isEqualTo("۱٬۵۰۰٬۰۰۰ ریال");
    assertThat(JalaliFormat.ENGLISH.rials(1_500_000)).isEqualTo("1,500,000 rials");
    assertThat(JalaliFormat.ENGLISH.number(-42)).isEqualTo("-42");
    assertThat(JalaliFormat.PERSIAN.kilometres(3.24)).isEqualTo("۳٫۲ کیلومتر");
    assertThat(JalaliFormat.ENGLISH.kilometres(12.05)).isEqualTo("12.1 km");
    assertThat(JalaliFormat.asciiDigits("۰۹۱۲-٣٤a")).isEqualTo("0912-34a");
    assertThat(JalaliFormat.persianDigits("12:30")).isEqualTo("۱۲:۳۰");
    assertThat(JalaliFormat.ENGLISH.digits("12")).isEqualTo("12");
    assertThat(JalaliFormat.isAnyDigit('۷')).isTrue();
    assertThat(JalaliFormat.isAnyDigit('٧')).isTrue();
    assertThat(JalaliFormat.isAnyDigit('7')).isTrue();
    assertThat(JalaliFormat.isAnyDigit('a')).isFalse();
  }

  @Test
  void picksByLocaleAndRejectsDatesThatDoNotExist() {
    assertThat(JalaliFormat.of(Locale.forLanguageTag("fa-IR"))).isSameAs(JalaliFormat.PERSIAN);
    assertThat(JalaliFormat.of(Locale.ENGLISH)).isSameAs(JalaliFormat.ENGLISH);
    assertThat(JalaliFormat.PERSIAN.persian()).isTrue();
    assertThat(JalaliFormat.ENGLISH).hasToString("JalaliFormat[en]");
    assertThatThrownBy(() -> new JalaliDate(1404, 12, 30)).isInstanceOf(SlotHunterException.class)
        .hasMessageContaining("1404/12/30");
    assertThatThrownBy(() -> new JalaliDate(1405, 7, 31)).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> new JalaliDate(0, 1, 1)).isInstanceOf(SlotHunterException.class);
    assertThat(new JalaliDate(1403, 12, 30).toGregorian()).isEqualTo(LocalDate.of(2025, 3, 20));
  }
}
