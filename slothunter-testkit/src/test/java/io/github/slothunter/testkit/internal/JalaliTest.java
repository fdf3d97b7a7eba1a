package io.github.slothunter.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class JalaliTest {

  @Test
  void convertsKnownDates() {
    assertThat(Jalali.of(LocalDate.of(2025, 3, 21))).containsExactly(1404, 1, 1);
    assertThat(Jalali.of(LocalDate.of(2026, 1, 3))).containsExactly(1404, 10, 13);
    assertThat(Jalali.of(LocalDate.of(2024, 3, 19))).containsExactly(1402, 12, 29);
    assertThat(Jalali.of(LocalDate.of(2024, 3, 20))).containsExactly(1403, 1, 1);
    assertThat(Jalali.of(LocalDate.of(2025, 3, 20))).containsExactly(1403, 12, 30);
    assertThat(Jalali.numeric(LocalDate.of(1990, 1, 1))).isEqualTo("1368/10/11");
  }

  @Test
  void writesPersianDatesAndDigits() {
    ZonedDateTime t = ZonedDateTime.of(2026, 1, 3, 9, 30, 0, 0, ZoneId.of("Asia/Tehran"));

    assertThat(Jalali.longDateTime(t)).isEqualTo("شنبه ۱۳ دی ۱۴۰۴ ساعت ۰۹:۳۰");
    for (DayOfWeek d : DayOfWeek.values()) {
      assertThat(Jalali.weekday(d)).isNotBlank();
    }
    assertThat(Jalali.persianDigits("a1-9")).isEqualTo("a۱-۹");
  }
}
