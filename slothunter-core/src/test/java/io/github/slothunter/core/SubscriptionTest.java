package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Subscription;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plans with an end: a month of renewals and lapses on a fake clock, the grace period, the fall back
 * to the default plan (quota and auto-booking), what health says, and a restart in between.
 */
class SubscriptionTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  /** Advances the clock a day at a time (one dispatcher round a day). */
  private void days(int n) {
    for (int i = 0; i < n; i++) {
      f.tick(Duration.ofDays(1));
    }
  }

  @Test
  void aMonthOfRenewalsAndLapses() {
    Instant start = f.clock.instant();
    Target a = f.provider.target("dr-a");
    Target b = f.provider.target("dr-b");
    Subscription week = f.hunter.setPlan("u1", "PREMIUM", start.plus(Duration.ofDays(7)));
    AccountSession session = new AccountSession(InMemoryProvider.DEFAULT_ID, "token-123", Map.of("user_id", "7"),
        start.plus(Duration.ofDays(60))); // a session that outlives the month
    Watch booking = f.hunter.watch(WatchRequest.of("u1", a).autoBook(AutoBook.of(EngineFixture.patient(), session)));
    f.clock.advance(Duration.ofSeconds(1));
    Watch second = f.hunter.watch(WatchRequest.of("u1", b));
    assertThat(f.store.subscription("u1")).contains(week);

    days(3); // day 3: renewed for another week from the current end, not from today
    Subscription renewed = f.hunter.extendPlan("u1", "PREMIUM", Duration.ofDays(7));
    assertThat(renewed.until()).isEqualTo(start.plus(Duration.ofDays(14)));

    days(10); // day 13: still PREMIUM
    assertThat(f.hunter.plan("u1").name()).isEqualTo("PREMIUM");
    assertThat(f.hunter.health(second.id()).state()).isNotEqualTo(HealthState.QUOTA);

    days(2); // day 15: lapsed; FREE allows one watch and no auto-booking
    assertThat(f.hunter.plan("u1").name()).isEqualTo("FREE");
    assertThat(f.hunter.find(booking.id()).orElseThrow().planName()).isEqualTo("FREE");
    assertThat(f.hunter.health(booking.id()).state()).as("auto-booking off").isEqualTo(HealthState.QUOTA);
    assertThat(f.hunter.health(second.id()).state()).as("beyond FREE's one watch").isEqualTo(HealthState.QUOTA);
    f.events.settle();
    assertThat(f.events.of(WatchHealthChanged.class)).filteredOn(e -> e.current() == HealthState.QUOTA)
        .allMatch(e -> e.reason() == ErrorCode.QUOTA_EXCEEDED)
        .extracting(WatchHealthChanged::watchId).contains(booking.id(), second.id());
    assertThat(f.hunter.explain(second.id(), Locale.ENGLISH)).anySatisfy(line -> assertThat(line)
        .contains("plan PREMIUM ended on 2026-12-19").contains("FREE now"));
    assertThat(f.hunter.explain(second.id(), Locale.forLanguageTag("fa"))).anySatisfy(line -> assertThat(line)
        .contains("PREMIUM").contains("تمدید"));
    f.provider.open(a, f.at("06:00", 20));
    days(1);
    assertThat(f.provider.count(Operation.HOLD)).as("no booking on FREE").isZero();

    f.restart(); // day 16: the lapse is kept
    assertThat(f.hunter.plan("u1").name()).isEqualTo("FREE");

    Subscription back = f.hunter.extendPlan("u1", "PREMIUM", Duration.ofDays(30)); // a lapsed plan renews from now
    assertThat(back.until()).isEqualTo(f.clock.instant().plus(Duration.ofDays(30)));
    assertThat(f.hunter.health(second.id()).state()).isNotEqualTo(HealthState.QUOTA);
    assertThat(f.hunter.explain(second.id(), Locale.ENGLISH)).noneSatisfy(line -> assertThat(line)
        .contains("ended on"));
    f.tick(Duration.ofMinutes(1));
    assertThat(f.provider.count(Operation.HOLD)).as("auto-booking is back").isEqualTo(1);

    days(14); // day 30: still on the month bought on day 16
    assertThat(f.hunter.subscription("u1")).contains(back);
    assertThat(f.hunter.plan("u1").name()).isEqualTo("PREMIUM");
  }

  @Test
  void aGracePeriodKeepsThePlanPastItsEnd() {
    f.hunter.close();
    f.hunter = f.builder().plans(Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.PREMIUM))
        .withGrace(Duration.ofDays(3))).build();
    f.hunter.setPlan("u1", "PREMIUM", f.clock.instant().plus(Duration.ofDays(1)));

    days(3);
    assertThat(f.hunter.plan("u1").name()).as("day 3: within the grace").isEqualTo("PREMIUM");
    days(2);
    assertThat(f.hunter.plan("u1").name()).as("day 5: past it").isEqualTo("FREE");
  }

  @Test
  void aPlanThatLapsedWhileTheEngineWasDownIsAppliedAtStartUp() {
    f.hunter.setPlan("u1", "PREMIUM", f.clock.instant().plus(Duration.ofDays(2)));
    Watch w = f.hunter.watch(WatchRequest.of("u1", f.provider.target("dr-a")));
    f.hunter.close();
    f.clock.advance(Duration.ofDays(3));

    f.hunter = f.start(); // no dispatcher round yet

    assertThat(f.hunter.find(w.id()).orElseThrow().planName()).isEqualTo("FREE");
    assertThat(f.hunter.health(w.id()).pace()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aPlanSetWithoutAnEndRunsUntilChangedAndAChangeOfPlanStartsAfresh() {
    f.hunter.setPlan("u1", "PREMIUM");
    days(400);
    assertThat(f.hunter.plan("u1").name()).isEqualTo("PREMIUM");
    assertThat(f.hunter.subscription("u1").orElseThrow().until()).isNull();

    Subscription pro = f.hunter.extendPlan("u1", "PRO", Duration.ofDays(30));

    assertThat(pro.until()).isEqualTo(f.clock.instant().plus(Duration.ofDays(30)));
    assertThat(f.hunter.plan("u1").name()).isEqualTo("PRO");
  }

  @Test
  void badRenewalsAndStoresWithoutEndsAreTypedErrors() {
    assertThatThrownBy(() -> f.hunter.extendPlan("u1", "PREMIUM", Duration.ZERO))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> f.hunter.extendPlan("u1", "GOLD", Duration.ofDays(1)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void plansCarryTheHostsPrices() {
    Plan premium = Plans.PREMIUM.withPrice(Price.rials(1_490_000));

    assertThat(premium.price()).isEqualTo(new Price(1_490_000, "irr"));
    assertThat(Plans.PREMIUM.price()).isNull();
    assertThat(premium.withAdaptive(true).price()).as("kept by the other withers").isEqualTo(premium.price());
    assertThatThrownBy(() -> new Price(-1, "IRR")).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> new Price(1, "rial")).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> Plans.defaults().withGrace(Duration.ofDays(-1))).isInstanceOf(SlotHunterException.class);
  }
}
