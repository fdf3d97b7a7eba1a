package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.AutoBook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelTest {
  private static final Target T = new Target(new DoctorRef("mem", "dr"), "c", "s", Map.of());

  private static Slot slotAtTehran(String localDateTime) {
    Instant start = java.time.LocalDateTime.parse(localDateTime).atZone(SlotHunterZones.TEHRAN).toInstant();
    return new Slot(T, start, start.plusSeconds(900), "k");
  }

  private static void invalid(Runnable r, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(SlotHunterException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.getMessage()).contains(field);
    });
  }

  @Test
  void defaultPlansMirrorTheProductTiers() {
    Plans plans = Plans.defaults();

    assertThat(plans.defaultPlan()).isEqualTo(Plans.FREE);
    assertThat(Plans.FREE.maxWatches()).isEqualTo(1);
    assertThat(Plans.FREE.minInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Plans.FREE.autoBook()).isFalse();
    assertThat(Plans.PREMIUM.maxWatches()).isEqualTo(10);
    assertThat(Plans.PREMIUM.autoBook()).isTrue();
    assertThat(Plans.PRO.maxWatches()).isEqualTo(Plan.UNLIMITED);
    assertThat(Plans.ENTERPRISE.priority()).isGreaterThan(Plans.PRO.priority());
    assertThat(plans.all()).hasSize(4);
    assertThat(plans.find("PRO")).contains(Plans.PRO);
    assertThat(plans.find("GOLD")).isEmpty();
    assertThatThrownBy(() -> plans.get("GOLD")).isInstanceOfSatisfying(SlotHunterException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void plansRejectDuplicatesAndAMissingDefault() {
    invalid(() -> Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.FREE)), "plans");
    invalid(() -> Plans.of(Plans.FREE, List.of(Plans.PRO)), "plans");
  }

  @Test
  void planValidatesItsFields() {
    invalid(() -> new Plan(" ", 1, Duration.ofMinutes(1), false, 1), "plan name");
    invalid(() -> new Plan("X", 0, Duration.ofMinutes(1), false, 1), "plan maxWatches");
    invalid(() -> new Plan("X", 1, Duration.ofMillis(1), false, 1), "plan minInterval");
    invalid(() -> new Plan("X", 1, Duration.ofMinutes(1), false, 101), "plan priority");
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
    invalid(() -> TimeWindow.parse(text), "time window");
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
    invalid(() -> new SlotFilter(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), Set.of(), List.of(), false, null),
        "filter dates");
    invalid(() -> new SlotFilter(null, null, Set.of(), List.of(), false, -1L), "filter maxPrice");
  }

  @Test
  void watchRequestsAreImmutableAndComposeTheFilter() {
    WatchRequest base = WatchRequest.of("u1", " mem:dr ");
    WatchRequest full = base.between(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 7))
        .daysOfWeek(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).timeOfDay(LocalTime.of(8, 0), LocalTime.of(12, 0))
        .earliestOnly().maxPrice(900).center("c").service("s").plan("PRO");

    assertThat(base.filter()).isEqualTo(SlotFilter.ANY);
    assertThat(base.link()).contains("mem:dr");
    assertThat(full.filter().days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(full.filter().windows()).hasSize(1);
    assertThat(full.filter().earliestOnly()).isTrue();
    assertThat(full.filter().maxPrice()).isEqualTo(900L);
    assertThat(full.centerId()).contains("c");
    assertThat(full.serviceId()).contains("s");
    assertThat(full.planName()).contains("PRO");
    assertThat(full.autoBook()).isEmpty();
    assertThat(full.target()).isEmpty();
    assertThat(full.daysOfWeek().filter().days()).isEmpty();
    assertThat(WatchRequest.of("u1", T).target()).contains(T);
    assertThat(full.toString()).contains("u1").contains("mem:dr");
  }

  @Test
  void watchRequestsRejectBadOwnersAndLinks() {
    invalid(() -> WatchRequest.of(" ", "mem:dr"), "owner");
    invalid(() -> WatchRequest.of("x".repeat(201), "mem:dr"), "owner");
    invalid(() -> WatchRequest.of("u1", ""), "doctor link");
    invalid(() -> WatchRequest.of("u1", "x".repeat(3000)), "doctor link");
  }

  @Test
  void autoBookAndWatchHideSecretsInToString() {
    var session = new io.github.slothunter.api.AccountSession("mem", "secret-token-value", Map.of(), null);
    AutoBook ab = AutoBook.of(EngineFixture.patient(), session);
    Watch w = new Watch("w1", "u1", T.ref(), List.of(T), Map.of(), SlotFilter.ANY, "FREE", ab, Instant.EPOCH,
        WatchState.ACTIVE);

    assertThat(ab.toString()).doesNotContain("secret-token-value").doesNotContain("0499370899")
        .doesNotContain("09121234567");
    assertThat(w.toString()).doesNotContain("secret-token-value").contains("autoBook=true");
    assertThat(w.booking()).isTrue();
    assertThat(w.withState(WatchState.BOOKED).booking()).isFalse();
    invalid(() -> new AutoBook(EngineFixture.patient(), session, 0), "maxBookings");
  }
}
