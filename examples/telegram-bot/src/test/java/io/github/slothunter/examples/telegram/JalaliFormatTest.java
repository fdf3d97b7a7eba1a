package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class JalaliFormatTest {
  // Nowruz 1405: Saturday 2026-03-21; 06:00 UTC is 09:30 in Tehran (UTC+03:30, no daylight saving since 2022)
  private static final Instant NOWRUZ = Instant.parse("2026-03-21T06:00:00Z");

  @Test
  void writesTheJalaliDateInEachLanguagesDigits() {
    assertThat(JalaliFormat.of(Lang.EN).date(NOWRUZ)).isEqualTo("1405/01/01");
    assertThat(JalaliFormat.of(Lang.FA).date(NOWRUZ)).isEqualTo("۱۴۰۵/۰۱/۰۱");
    assertThat(JalaliFormat.of(Lang.EN).longDate(NOWRUZ)).isEqualTo("1 Farvardin 1405");
    assertThat(JalaliFormat.of(Lang.FA).longDate(NOWRUZ)).isEqualTo("۱ فروردین ۱۴۰۵");
  }

  @Test
  void theDateFollowsTehranNotUtc() {
    Instant lateUtcEve = Instant.parse("2026-03-20T21:00:00Z"); // 00:30 on Nowruz in Tehran

    assertThat(JalaliFormat.of(Lang.EN).date(lateUtcEve)).isEqualTo("1405/01/01");
    assertThat(JalaliFormat.of(Lang.EN).time(lateUtcEve)).isEqualTo("00:30");
  }

  @Test
  void writesWeekdaysAndTehranTimes() {
    assertThat(JalaliFormat.of(Lang.EN).weekday(NOWRUZ)).isEqualTo("Saturday");
    assertThat(JalaliFormat.of(Lang.FA).weekday(NOWRUZ)).isEqualTo("شنبه");
    assertThat(JalaliFormat.of(Lang.FA).weekday(DayOfWeek.TUESDAY)).isEqualTo("سه\u200cشنبه");
    assertThat(JalaliFormat.of(Lang.EN).time(NOWRUZ)).isEqualTo("09:30");
    assertThat(JalaliFormat.of(Lang.FA).time(LocalTime.of(16, 5))).isEqualTo("۱۶:۰۵");
  }

  @Test
  void groupsNumbers() {
    assertThat(JalaliFormat.of(Lang.EN).number(1_500_000)).isEqualTo("1,500,000");
    assertThat(JalaliFormat.of(Lang.FA).number(1_500_000)).isEqualTo("۱٬۵۰۰٬۰۰۰");
    assertThat(JalaliFormat.of(Lang.FA)).hasToString("JalaliFormat[FA]");
  }
}
