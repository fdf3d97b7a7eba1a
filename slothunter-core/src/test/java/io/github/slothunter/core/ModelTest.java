package io.github.slothunter.core;

import io.github.slothunter.api.SlotFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
  private static final Target T = new Target(new DoctorRef("mem", "dr"), "c", "s", Map.of());

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
}
