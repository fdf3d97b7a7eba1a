package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The values a watch is made of: time windows, the slot filter, auto-book settings and the watch itself. */
class WatchModelTest {

  private static Slot slotAtTehran(String localDateTime) {
    Instant start = LocalDateTime.parse(localDateTime).atZone(SlotHunterZones.TEHRAN).toInstant();
    return new Slot(Fixtures.target(), start, start.plusSeconds(900), "k");
  }

  @Test
  void timeWindowsContainTheirStartNotTheirEndAndMayWrapMidnight() {
    TimeWindow morning = TimeWindow.parse("8:00-12:00");
    TimeWindow night = TimeWindow.parse(" 22:00 - 02:00 ");

    assertThat(morning.contains(LocalTime.of(8, 0))).isTrue();
    assertThat(morning.contains(LocalTime.of(12, 0))).isFalse();
    assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
    assertThat(night.contains(LocalTime.of(1, 59))).isTrue();
    assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
    assertThat(morning).hasToString("08:00-12:00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "8-12", "08:00", "08:00-08:00", "25:00-26:00", "a-b", "08:00-12:00-13:00"})
  void badTimeWindowsAreInvalidInput(String text) {
    invalidInput(() -> TimeWindow.parse(text), "time window");
  }

  @Test
  void slotFilterNamesTheRuleASlotFails() {
    SlotFilter f = new SlotFilter(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), Set.of(DayOfWeek.SATURDAY),
        List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0))), false, 500L);

    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, 400L)).isNull();
    assertThat(f.rejection(slotAtTehran("2027-01-02T09:00"), SlotHunterZones.TEHRAN, 400L)).isEqualTo("date");
    assertThat(f.rejection(slotAtTehran("2026-12-06T09:00"), SlotHunterZones.TEHRAN, 400L)).isEqualTo("day");
    assertThat(f.rejection(slotAtTehran("2026-12-05T13:00"), SlotHunterZones.TEHRAN, 400L)).isEqualTo("time");
    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, 600L)).isEqualTo("price");
    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, null)).isEqualTo("price");
    assertThat(f.mayMatchDay(LocalDate.of(2026, 12, 5))).isTrue();
    assertThat(f.mayMatchDay(LocalDate.of(2026, 12, 6))).isFalse();
    assertThat(f.mayMatchDay(LocalDate.of(2026, 11, 28))).isFalse();
    assertThat(SlotFilter.ANY.matches(slotAtTehran("2030-01-01T03:00"), SlotHunterZones.TEHRAN, null)).isTrue();
  }

  @Test
  void slotFilterRejectsAnInvertedRangeAndANegativePrice() {
    invalidInput(() -> new SlotFilter(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), Set.of(), List.of(), false,
        null), "filter dates");
    invalidInput(() -> new SlotFilter(null, null, Set.of(), List.of(), false, -1L), "filter maxPrice");
  }

  @Test
  void autoBookAndWatchHideSecretsInToString() {
    AccountSession session = new AccountSession("paziresh24", "secret-token-value", Map.of(), null);
    AutoBook ab = AutoBook.of(Fixtures.patient(), session);
    Watch w = new Watch("w1", "u1", Fixtures.ref(), List.of(Fixtures.target()), Map.of(), SlotFilter.ANY, "FREE", ab,
        Instant.EPOCH, WatchState.ACTIVE);

    assertThat(ab.toString()).doesNotContain("secret-token-value").doesNotContain(Fixtures.NATIONAL_CODE)
        .doesNotContain(Fixtures.MOBILE);
    assertThat(w.toString()).doesNotContain("secret-token-value").contains("autoBook=true");
    assertThat(w.booking()).isTrue();
    assertThat(w.withState(WatchState.BOOKED).booking()).isFalse();
    invalidInput(() -> new AutoBook(Fixtures.patient(), session, 0), "maxBookings");
  }
}
