package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.SlotChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchingTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void thousandWatchersOnOneTargetShareOnePollStream() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    for (int i = 0; i < 1000; i++) {
      f.hunter.watch(WatchRequest.of("user-" + i, "mem:dr-a").plan("FAST"));
    }

    f.hunter.runDue();
    f.tick(Duration.ofSeconds(10));

    assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(2);
    assertThat(f.provider.count(Operation.FREE_SLOTS)).isEqualTo(2);
    assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(1);
    assertThat(f.events.await(SlotOpened.class, 1000)).hasSize(1000)
        .extracting(SlotOpened::owner).doesNotHaveDuplicates();
    assertThat(f.hunter.stats().targets()).isEqualTo(1);
  }

  @Test
  void announcesOnlyNewSlotsAndTheirDisappearance() {
    Target t = f.provider.target("dr-a");
    Slot first = f.provider.open(t, f.at("06:00", 1));
    Watch w = f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));
    f.hunter.runDue();
    f.events.await(SlotOpened.class, 1);

    Slot second = f.provider.open(t, f.at("07:00", 1));
    f.tick(Duration.ofSeconds(10));
    f.provider.take(first);
    f.tick(Duration.ofSeconds(10));
    f.tick(Duration.ofSeconds(10));

    assertThat(f.events.await(SlotOpened.class, 2)).extracting(SlotOpened::slot).containsExactly(first, second);
    assertThat(f.events.await(SlotGone.class, 1)).singleElement().satisfies(g -> {
      assertThat(g.slot()).isEqualTo(first);
      assertThat(g.watchId()).isEqualTo(w.id());
    });
    assertThat(f.events.settle().stream().filter(e -> e instanceof SlotOpened)).hasSize(2);
    assertThat(f.hunter.snapshot(t)).containsExactly(second);
  }

  @Test
  void slotOpenedCarriesTheProvidersBookingLink() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a"));

    f.hunter.runDue();

    assertThat(f.events.await(SlotOpened.class, 1).get(0).bookingLink()).hasToString("https://mem.example/book/k"
        + f.at("06:00", 1).getEpochSecond());
  }

  @Test
  void filtersByDateWeekdayTimeAndPrice() {
    Target t = f.provider.target("dr-a");
    // 2026-12-05 is a Saturday; Tehran is UTC+3:30
    Slot satMorning = f.provider.open(t, f.at("05:00", 0).plus(Duration.ofDays(7)));   // Sat 08:30 Tehran
    f.provider.open(t, f.at("12:00", 7));   // Sat 15:30 Tehran: outside the window
    f.provider.open(t, f.at("05:00", 8));   // Sunday
    f.provider.open(t, f.at("05:00", 30));  // out of range
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST")
        .between(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 20))
        .daysOfWeek(DayOfWeek.SATURDAY)
        .timeOfDay(LocalTime.of(8, 0), LocalTime.of(12, 0))
        .maxPrice(1000));
    f.hunter.watch(WatchRequest.of("u2", "mem:dr-a").plan("FAST").maxPrice(999));

    f.hunter.runDue();

    List<SlotOpened> opened = f.events.await(SlotOpened.class, 1);
    assertThat(f.events.settle().stream().filter(e -> e instanceof SlotOpened)).hasSize(1);
    assertThat(opened.get(0).slot()).isEqualTo(satMorning);
    assertThat(opened.get(0).owner()).isEqualTo("u1");
  }

  @Test
  void earliestOnlyAnnouncesJustTheEarliestSlotUntilAnEarlierOneAppears() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("08:00", 2));
    Slot early = f.provider.open(t, f.at("06:00", 2));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").earliestOnly());
    f.hunter.runDue();
    f.events.await(SlotOpened.class, 1);

    Slot earlier = f.provider.open(t, f.at("06:00", 1));
    f.tick(Duration.ofSeconds(10));

    assertThat(f.events.await(SlotOpened.class, 2)).extracting(SlotOpened::slot).containsExactly(early, earlier);
  }

  @Test
  void aNewWatcherOnAPolledTargetHearsAboutCurrentSlotsWithoutANewPoll() {
    Target t = f.provider.target("dr-a");
    Slot s = f.provider.open(t, f.at("06:00", 1));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));
    f.hunter.runDue();
    long polls = f.provider.count(Operation.FREE_DAYS);

    f.hunter.watch(WatchRequest.of("u2", "mem:dr-a").plan("FAST"));

    assertThat(f.events.await(SlotOpened.class, 2)).extracting(SlotOpened::owner).containsExactly("u1", "u2");
    assertThat(f.events.of(SlotOpened.class).get(1).slot()).isEqualTo(s);
    assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(polls);
  }

  @Test
  void daysWithNothingFreeAreNotPolledForSlots() {
    f.provider.target("dr-a");
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));

    f.hunter.runDue();
    f.tick(Duration.ofSeconds(10));

    assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(2);
    assertThat(f.provider.count(Operation.FREE_SLOTS)).isZero();
  }

  @Test
  void daysNoWatchCanMatchAreNotPolledForSlots() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("06:00", 10));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST")
        .between(LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 20)));

    f.hunter.runDue();

    assertThat(f.provider.count(Operation.FREE_SLOTS)).isEqualTo(1);
  }

  @Test
  void aBadLinkIsInvalidInputAndRegistersNothing() {
    assertThatThrownBy(() -> f.hunter.watch(WatchRequest.of("u1", "https://example.com/not-a-doctor")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("not a doctor link").contains("mem");
        });
    assertThat(f.hunter.watches("u1")).isEmpty();
    assertThat(f.provider.requests()).isEmpty();
  }

  @Test
  void anUnknownDoctorIsNotFoundAndRegistersNothing() {
    assertThatThrownBy(() -> f.hunter.watch(WatchRequest.of("u1", "mem:nobody")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(f.hunter.watches("u1")).isEmpty();
  }

  @Test
  void choosingAnUnknownServiceIsNotFound() {
    f.provider.doctor("dr-a", "s1", "s2");

    Watch w = f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").service("s2"));

    assertThat(w.targets()).singleElement().satisfies(t -> assertThat(t.serviceId()).isEqualTo("s2"));
    assertThatThrownBy(() -> f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").service("s9")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("s9");
        });
  }

  @Test
  void freePlanAllowsOneWatchAndNoAutoBooking() {
    f.provider.target("dr-a");
    f.provider.target("dr-b");
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a"));

    assertThatThrownBy(() -> f.hunter.watch(WatchRequest.of("u1", "mem:dr-b")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
          assertThat(e.getMessage()).contains("FREE").contains("allows 1");
        });
    assertThatThrownBy(() -> f.hunter.watch(WatchRequest.of("u2", "mem:dr-b").autoBook(EngineFixture.patient(), f.session())))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
          assertThat(e.getMessage()).contains("auto-booking");
        });
    assertThat(f.hunter.watches("u1")).hasSize(1);
    assertThat(f.hunter.watches("u2")).isEmpty();
  }

  @Test
  void aPlanSetForTheOwnerAppliesToNewWatches() {
    f.provider.target("dr-a");
    f.provider.target("dr-b");
    f.hunter.setPlan("u1", "PREMIUM");

    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a"));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-b"));

    assertThat(f.hunter.plan("u1")).isEqualTo(Plans.PREMIUM);
    assertThat(f.hunter.watches("u1")).extracting(Watch::planName).containsOnly("PREMIUM");
    assertThat(f.hunter.ownerStats("u1").watches()).isEqualTo(2);
  }

  @Test
  void theTargetIsPolledAtTheMostDemandingPlansInterval() {
    Target t = f.provider.target("dr-a");
    f.hunter.watch(WatchRequest.of("slow", "mem:dr-a").plan("SLOW"));
    f.hunter.runDue();
    f.tick(Duration.ofSeconds(60));
    assertThat(f.provider.count(Operation.FREE_DAYS, t)).isEqualTo(1);

    f.hunter.watch(WatchRequest.of("fast", "mem:dr-a").plan("FAST"));
    f.tick(Duration.ofSeconds(1));
    for (int i = 0; i < 6; i++) {
      f.tick(Duration.ofSeconds(10));
    }

    assertThat(f.provider.count(Operation.FREE_DAYS, t)).isBetween(6L, 8L);
    assertThat(f.hunter.stats(t).interval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void cancellingAWatchStopsItsEventsAndItsTargetsPolling() {
    Target t = f.provider.target("dr-a");
    Watch w = f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));
    f.hunter.runDue();

    assertThat(f.hunter.cancel(w.id())).isTrue();
    assertThat(f.hunter.cancel(w.id())).isFalse();
    f.provider.open(t, f.at("06:00", 1));
    f.tick(Duration.ofMinutes(5));

    assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(1);
    assertThat(f.events.settle()).noneMatch(e -> e instanceof SlotOpened);
    assertThat(f.hunter.find(w.id())).isEmpty();
    assertThat(f.hunter.stats().targets()).isZero();
  }

  @Test
  void restartOnTheSameStoreDoesNotReannounceSlots() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));
    f.hunter.runDue();
    f.events.await(SlotOpened.class, 1);

    f.restart();
    Slot fresh = f.provider.open(t, f.at("07:00", 1));
    f.tick(Duration.ofSeconds(10));

    assertThat(f.events.await(SlotOpened.class, 2)).extracting(SlotOpened::slot).last().isEqualTo(fresh);
    assertThat(f.events.settle().stream().filter(e -> e instanceof SlotOpened)).hasSize(2);
    assertThat(f.hunter.watches("u1")).hasSize(1);
  }

  @Test
  void statsCountPollsSlotsAndHowLongSlotsStayedFree() {
    Target t = f.provider.target("dr-a");
    Slot s = f.provider.open(t, f.at("06:00", 1));
    f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));
    f.hunter.runDue();
    f.provider.take(s);
    f.tick(Duration.ofSeconds(10));
    f.tick(Duration.ofSeconds(10));

    TargetStats stats = f.hunter.stats(t);

    assertThat(stats.polls()).isEqualTo(3);
    assertThat(stats.requests()).isEqualTo(4);
    assertThat(stats.slotsOpened()).isEqualTo(1);
    assertThat(stats.slotsGone()).isEqualTo(1);
    assertThat(stats.medianFreeTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(stats.watchers()).isEqualTo(1);
    assertThat(f.hunter.ownerStats("u1").slotsAnnounced()).isEqualTo(1);
    assertThat(f.store.history(t.id())).extracting(SlotChange::kind)
        .containsExactly(SlotChange.Kind.OPENED, SlotChange.Kind.GONE);
  }

  @Test
  void runDueIsRefusedOnAThreadedEngineAndEverythingIsRefusedAfterClose() {
    f.close();

    assertThatThrownBy(() -> f.hunter.watch(WatchRequest.of("u1", "mem:dr-a")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(f.provider.closed()).isTrue();
  }
}
