package io.github.slothunter.core;

import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Analytics queries over a store filled with a known history (the fixture's clock: Saturday 09:00 Tehran). */
class SlotAnalyticsTest {
  private final EngineFixture fx = new EngineFixture();
  private final Target t1 = fx.provider.target("dr-one");
  private final Target t2 = fx.provider.target("dr-two");
  private final Target t3 = fx.provider.target("dr-three");
  private final HourOfWeekForecaster forecaster = HourOfWeekForecaster.builder().build();
  private final SlotAnalytics analytics = new SlotAnalytics(fx.hunter, fx.store, forecaster, fx.clock);

  @AfterEach
  void close() {
    fx.close();
  }

  /** Tehran local time in the week before the fixture's clock (2026-11-28 is a Saturday). */
  private static Instant tehran(String isoLocal) {
    return LocalDateTime.parse(isoLocal).atZone(SlotHunterZones.TEHRAN).toInstant();
  }

  private static Slot slot(Target t, String startLocal) {
    Instant s = tehran(startLocal);
    return new Slot(t, s, s.plus(Duration.ofMinutes(15)), "k" + s.getEpochSecond());
  }

  private static SlotChange opened(Slot s, String since, String at) {
    return new SlotChange(s, SlotChange.Kind.OPENED, tehran(at), since == null ? null : tehran(since));
  }

  private static SlotChange gone(Slot s, String since, String at) {
    return new SlotChange(s, SlotChange.Kind.GONE, tehran(at), tehran(since));
  }

  private void record(Target t, SlotChange... changes) {
    for (SlotChange c : changes) {
      fx.store.savePoll(new TargetSnapshot(t.id(), List.of(), c.at()), List.of(c), Map.of());
    }
  }

  /** Three releases (Sat 08:05, Sat 10:10, Sun 08:15), two taken (after 25 and 15 minutes), one expired. */
  private List<SlotChange> fillFirstTarget() {
    Slot inventory = slot(t1, "2026-12-01T09:00");
    Slot a = slot(t1, "2026-12-01T10:00");
    Slot b = slot(t1, "2026-12-01T11:00");
    Slot c = slot(t1, "2026-11-29T09:00");
    record(t1,
        opened(inventory, null, "2026-11-28T08:00"),
        opened(a, "2026-11-28T08:00", "2026-11-28T08:10"),
        gone(a, "2026-11-28T08:20", "2026-11-28T08:40"),
        opened(b, "2026-11-28T10:00", "2026-11-28T10:20"),
        gone(b, "2026-11-28T10:20", "2026-11-28T10:30"),
        gone(inventory, "2026-11-28T10:20", "2026-11-28T10:30"),
        opened(c, "2026-11-29T08:00", "2026-11-29T08:30"),
        gone(c, "2026-11-29T09:00", "2026-11-29T09:10"));
    List<SlotChange> history = fx.store.history(t1.id());
    forecaster.warmUp(InMemoryProvider.DEFAULT_ID, t1.id(), history);
    return history;
  }

  private static int saturday(int hour) {
    return hour;
  }

  private static int sunday(int hour) {
    return 24 + hour;
  }

  @Test
  void targetAnalyticsCountReleasesByHourOfWeekWithExactEstimates() {
    fillFirstTarget();

    TargetAnalytics a = analytics.target(t1.id());

    List<Integer> expected = new ArrayList<>(Collections.nCopies(168, 0));
    expected.set(saturday(8), 1);
    expected.set(saturday(10), 1);
    expected.set(sunday(8), 1);
    assertThat(a.targetId()).isEqualTo(t1.id());
    assertThat(a.releasesByHourOfWeek()).isEqualTo(expected);
    assertThat(a.releases()).isEqualTo(3);
    assertThat(a.medianFreeTime()).contains(Duration.ofMinutes(15)); // samples 25 and 15 minutes
    assertThat(a.detectionLatency()).contains(new LatencySummary(Duration.ofMinutes(10), Duration.ofMinutes(15), 3));
  }

  @Test
  void targetAnalyticsForecastTheNextDayAndNameTheBestHour() {
    fillFirstTarget();

    TargetAnalytics a = analytics.target(t1.id());

    assertThat(a.next24h()).hasSize(24);
    assertThat(a.next24h().get(0).from()).isEqualTo(tehran("2026-12-05T09:00"));
    assertThat(a.next24h().get(23).to()).isEqualTo(tehran("2026-12-06T09:00"));
    // Sunday 08:00 had the latest release, and 08:00 saw releases on two days
    assertThat(a.bestWindow()).isPresent();
    assertThat(a.bestWindow().get().from()).isEqualTo(tehran("2026-12-06T08:00"));
    assertThat(a.hint(Locale.ENGLISH)).isEqualTo("Slots most likely Sunday 08:00–09:00");
    assertThat(a.hint(Locale.forLanguageTag("fa-IR"))).isEqualTo("بیشترین احتمال نوبت خالی: یکشنبه ۰۸:۰۰ تا ۰۹:۰۰");
  }

  @Test
  void theNextDaysWindowsStartOnTheForecastersHours() {
    SlotAnalytics utc = new SlotAnalytics(fx.hunter, fx.store,
        HourOfWeekForecaster.builder().zone(java.time.ZoneOffset.UTC).build(), fx.clock);

    // 09:00 in Tehran is 05:30 UTC: a forecaster in UTC hours forecasts from 05:00 UTC
    assertThat(utc.target(t1.id()).next24h().get(0).from()).isEqualTo(Instant.parse("2026-12-05T05:00:00Z"));
    assertThat(analytics.target(t1.id()).next24h().get(0).from()).isEqualTo(tehran("2026-12-05T09:00"));
  }

  @Test
  void aQuietForecastNamesNoBestHourEvenWithHistory() {
    fillFirstTarget();
    SlotAnalytics silent = new SlotAnalytics(fx.hunter, fx.store, HourOfWeekForecaster.builder().baseRate(0).build(),
        fx.clock);

    TargetAnalytics a = silent.target(t1.id());

    assertThat(a.releases()).isEqualTo(3);
    assertThat(a.bestWindow()).isEmpty();
  }

  @Test
  void freeTimeIsNeverNegativeAndUsesTheSeenTimeWithoutAWindow() {
    Slot a = slot(t2, "2026-12-02T09:00");
    Slot b = slot(t2, "2026-12-02T10:00");
    record(t2,
        opened(a, "2026-11-30T08:00", "2026-11-30T08:40"),
        gone(a, "2026-11-30T06:00", "2026-11-30T08:50"), // an odd window: its middle is before a's
        opened(b, "2026-11-30T09:00", "2026-11-30T09:10"),
        new SlotChange(b, SlotChange.Kind.GONE, tehran("2026-11-30T09:35"), null));

    TargetAnalytics r = analytics.target(t2.id());

    // samples 0 (clamped) and 09:35 - 09:05 = 30 minutes; nearest-rank median of two is the lower
    assertThat(r.medianFreeTime()).contains(Duration.ZERO);
    assertThat(r.releases()).isEqualTo(2);
  }

  @Test
  void hintsInEnglishAndPersian() {
    ForecastWindow saturday8 = new ForecastWindow(tehran("2026-12-05T08:00"), tehran("2026-12-05T09:00"), 3.5, 0.9);
    TargetAnalytics a = new TargetAnalytics("t", Collections.nCopies(168, 0), 0, java.util.Optional.empty(),
        java.util.Optional.empty(), List.of(saturday8), java.util.Optional.of(saturday8));

    assertThat(a.hint(Locale.US)).isEqualTo("Slots most likely Saturday 08:00–09:00");
    assertThat(a.hint(new Locale("fa"))).isEqualTo("بیشترین احتمال نوبت خالی: شنبه ۰۸:۰۰ تا ۰۹:۰۰");
  }

  @Test
  void saysWhenThereIsNotEnoughDataYet() {
    record(t2, opened(slot(t2, "2026-12-02T09:00"), "2026-11-30T12:00", "2026-11-30T12:04"));

    TargetAnalytics a = analytics.target(t2.id());
    TargetAnalytics never = analytics.target("mem:nobody/c1/s1");

    assertThat(a.releases()).isEqualTo(1);
    assertThat(a.bestWindow()).isEmpty();
    assertThat(a.hint(Locale.ENGLISH)).isEqualTo("Not enough data yet to tell when slots are likely");
    assertThat(a.hint(new Locale("fa"))).isEqualTo("هنوز داده‌ی کافی برای پیش‌بینی نوبت خالی نیست");
    assertThat(never.releases()).isZero();
    assertThat(never.medianFreeTime()).isEmpty();
    assertThat(never.detectionLatency()).isEmpty();
    assertThat(never.next24h()).hasSize(24);
  }

  @Test
  void ownerAnalyticsSumTheOwnersTargetsAndBookingOutcomes() {
    fillFirstTarget();
    record(t2, opened(slot(t2, "2026-12-02T09:00"), "2026-11-30T12:00", "2026-11-30T12:04"));
    record(t3, opened(slot(t3, "2026-12-02T09:00"), "2026-11-30T12:00", "2026-11-30T13:00"));
    Instant now = fx.clock.instant();
    Watch w1 = watch("w1", "owner-1", List.of(t1, t2), now);
    Watch w2 = watch("w2", "owner-1", List.of(t1), now);
    watch("w3", "owner-2", List.of(t3), now);
    Slot s = slot(t1, "2026-12-01T10:00");
    int n = 0;
    for (BookingAttempt.State state : List.of(BookingAttempt.State.BOOKED, BookingAttempt.State.FAILED,
        BookingAttempt.State.UNKNOWN, BookingAttempt.State.STARTED)) {
      fx.store.saveAttempt(new BookingAttempt("a" + n++, w1.id(), s, state, null, null, null, null, null, now));
    }
    fx.store.saveAttempt(new BookingAttempt("a" + n, w2.id(), s, BookingAttempt.State.BOOKED, null, null, null, null,
        null, now));

    OwnerAnalytics o = analytics.owner("owner-1");

    assertThat(o.owner()).isEqualTo("owner-1");
    assertThat(o.targetIds()).containsExactly(t1.id(), t2.id());
    assertThat(o.releases()).isEqualTo(4);
    assertThat(o.releasesByHourOfWeek().get(saturday(8))).isEqualTo(1);
    assertThat(o.releasesByHourOfWeek().get(2 * 24 + 12)).isEqualTo(1); // Monday 12:02
    assertThat(o.medianFreeTime()).contains(Duration.ofMinutes(15));
    // latencies 5, 10, 15 and 2 minutes
    assertThat(o.detectionLatency()).contains(new LatencySummary(Duration.ofMinutes(5), Duration.ofMinutes(15), 4));
    assertThat(o.bookingAttempts()).isEqualTo(5);
    assertThat(o.bookings()).isEqualTo(2);
    assertThat(o.bookingSuccessRate()).isEqualTo(OptionalDouble.of(0.5));
  }

  @Test
  void anOwnerWithoutWatchesHasEmptyAnalytics() {
    OwnerAnalytics o = analytics.owner("nobody");

    assertThat(o.targetIds()).isEmpty();
    assertThat(o.releases()).isZero();
    assertThat(o.releasesByHourOfWeek()).hasSize(168).containsOnly(0);
    assertThat(o.medianFreeTime()).isEmpty();
    assertThat(o.detectionLatency()).isEmpty();
    assertThat(o.bookingAttempts()).isZero();
    assertThat(o.bookingSuccessRate()).isEmpty();
  }

  @Test
  void recommendsNothingWhenTheProviderCannotSearch() {
    List<Recommendation> r = analytics.recommend(t1, 5);

    assertThat(r).isEmpty();
    assertThat(fx.provider.count(Operation.LOOKUP)).isEqualTo(1);
  }

  @Test
  void validatesItsValues() {
    assertThatThrownBy(() -> analytics.recommend(t1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencySummary(Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencySummary(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TargetAnalytics("t", List.of(1), 1, java.util.Optional.empty(),
        java.util.Optional.empty(), List.of(), java.util.Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  private Watch watch(String id, String owner, List<Target> targets, Instant at) {
    Watch w = new Watch(id, owner, targets.get(0).ref(), targets, Map.of(), SlotFilter.ANY, "FREE", null, at,
        WatchState.ACTIVE);
    fx.store.saveWatch(w);
    return w;
  }
}
