package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Polls over a provider whose calendar answers the slots of its next days in one request (like
 * Paziresh24's all-slots mode): what lies past that window is read on the first poll and every fifth,
 * and only for watches that may want it.
 */
class FarDaysTest {
  private static final int WINDOW = 10;

  private static LocalDate today(EngineFixture f) {
    return LocalDate.now(f.clock.withZone(SlotHunterZones.TEHRAN));
  }

  private static EngineFixture windowed() {
    EngineFixture f = new EngineFixture();
    f.provider.calendarWindow(WINDOW);
    return f;
  }

  @Test
  void aWatchWhoseDatesEndInsideTheWindowNeverLooksPastIt() {
    try (EngineFixture f = windowed()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 2));
      f.provider.open(t, f.at("06:00", 20));
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").between(today(f), today(f).plusDays(5)));

      for (int i = 0; i < 12; i++) {
        f.tick(Duration.ofSeconds(10));
      }

      assertThat(f.provider.count(Operation.FREE_CALENDAR)).isGreaterThanOrEqualTo(12);
      assertThat(f.provider.count(Operation.FREE_DAYS)).isZero();
      assertThat(f.provider.count(Operation.FREE_SLOTS)).isZero();
      assertThat(f.events.await(SlotOpened.class, 1)).singleElement()
          .satisfies(o -> assertThat(o.slot().start()).isEqualTo(f.at("06:00", 2)));
    }
  }

  @Test
  void daysPastTheWindowAreReadOnTheFirstPollAndEveryFifthAndKeepTheirSlotsBetween() {
    try (EngineFixture f = windowed()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 2));
      Slot far = f.provider.open(t, f.at("06:00", 20));
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.hunter.runDue();
      assertThat(f.events.await(SlotOpened.class, 2)).extracting(o -> o.slot().start())
          .containsExactlyInAnyOrder(f.at("06:00", 2), f.at("06:00", 20));
      assertThat(f.provider.count(Operation.FREE_DAYS)).isOne();
      assertThat(f.provider.count(Operation.FREE_SLOTS)).isOne(); // the far day's slots; the near ones came with the calendar

      f.provider.take(far); // someone books the far slot: unseen until the next look past the window
      for (int i = 0; i < 4; i++) {
        f.tick(Duration.ofSeconds(10));
      }
      assertThat(f.provider.count(Operation.FREE_CALENDAR)).isEqualTo(5);
      assertThat(f.provider.count(Operation.FREE_DAYS)).isOne();
      assertThat(f.hunter.stats(t).slotsGone()).isZero();

      f.tick(Duration.ofSeconds(10));

      assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(2);
      assertThat(f.events.await(SlotGone.class, 1)).singleElement()
          .satisfies(g -> assertThat(g.slot().start()).isEqualTo(f.at("06:00", 20)));
      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.ACTIVE);
    }
  }

  @Test
  void aFailedLookPastTheWindowStillTakesTheSlotsTheCalendarAnswered() {
    try (EngineFixture f = windowed()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 3));
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);

      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.hunter.runDue();

      assertThat(f.events.await(SlotOpened.class, 1)).singleElement()
          .satisfies(o -> assertThat(o.slot().start()).isEqualTo(f.at("06:00", 3)));
      assertThat(f.provider.count(Operation.FREE_SLOTS)).isZero();
      assertThat(f.hunter.stats(t).errors()).isOne();
    }
  }

  @Test
  void aFullyBookedCalendarIsOneRequestAPollAndWaitsFivePollsBeforeLookingFurther() {
    try (EngineFixture f = windowed()) {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      for (int i = 0; i < 6; i++) {
        f.tick(Duration.ofSeconds(10));
      }
      assertThat(f.provider.count(Operation.FREE_DAYS)).isZero();
      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.ACTIVE);

      f.provider.open(t, f.at("06:00", 2));
      for (int i = 0; i < 5; i++) {
        f.tick(Duration.ofSeconds(10));
      }

      assertThat(f.provider.count(Operation.FREE_DAYS)).isOne(); // the fifth poll after the full calendar
      assertThat(f.events.await(SlotOpened.class, 1)).hasSize(1);
    }
  }

  @Test
  void aWatchWhoseDatesReachPastTheWindowReadsTheFarDays() {
    try (EngineFixture f = windowed()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 20));
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").between(today(f), today(f).plusDays(30)));

      f.hunter.runDue();

      assertThat(f.provider.count(Operation.FREE_DAYS)).isOne();
      assertThat(f.events.await(SlotOpened.class, 1)).singleElement()
          .satisfies(o -> assertThat(o.slot().start()).isEqualTo(f.at("06:00", 20)));
    }
  }

  @Test
  void aOneShotReadTakesTheWindowFromOneRequestAndLooksFurtherOnlyWhenItNeedsMoreDays() {
    try (EngineFixture f = windowed()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 2));
      f.provider.open(t, f.at("06:00", 20));
      f.provider.open(t, f.at("07:00", 25));

      assertThat(f.hunter.freeSlots(t, 1)).extracting(Slot::start).containsExactly(f.at("06:00", 2));
      assertThat(f.provider.count(Operation.FREE_CALENDAR)).isOne();
      assertThat(f.provider.count(Operation.FREE_DAYS)).isZero();
      assertThat(f.provider.count(Operation.FREE_SLOTS)).isZero();

      assertThat(f.hunter.freeSlots(t, 3)).extracting(Slot::start)
          .containsExactly(f.at("06:00", 2), f.at("06:00", 20), f.at("07:00", 25));
      assertThat(f.provider.count(Operation.FREE_DAYS)).isOne();
      assertThat(f.provider.count(Operation.FREE_SLOTS)).isEqualTo(2); // only the days past the window
    }
  }
}
