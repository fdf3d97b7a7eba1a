package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.testkit.FakeClock;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchEvent;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventDeliveryTest {

  @Test
  void aThrowingListenerDoesNotStopOtherListenersOrPolling() throws Exception {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      CountDownLatch calls = new CountDownLatch(2);
      f.hunter.listen(e -> {
        calls.countDown();
        throw new IllegalStateException("listener bug");
      });
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.provider.open(t, f.at("06:00", 1));

      f.hunter.runDue();
      f.provider.open(t, f.at("07:00", 1));
      f.tick(Duration.ofSeconds(10));

      assertThat(f.events.await(SlotOpened.class, 2)).hasSize(2);
      assertThat(calls.await(5, TimeUnit.SECONDS)).isTrue(); // it kept receiving after throwing
      assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(2);
    }
  }

  @Test
  void aBlockedListenerNeitherStallsPollingNorOthersAndDropsOldestEventsCounted() throws Exception {
    FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
    InMemoryProvider p = InMemoryProvider.builder().clock(clock).budget(RequestBudget.of(1000, 100_000, 4)).build();
    Target t = p.target("dr-a");
    CountDownLatch unblock = new CountDownLatch(1);
    List<SlotEvent> blockedSaw = new ArrayList<>();
    try (SlotHunter h = SlotHunter.builder().provider(p.factory()).clock(clock).manualScheduling().eventCapacity(5)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).closeTimeout(Duration.ofSeconds(1))
        .build()) {
      RecordingListener healthy = new RecordingListener();
      h.listen(e -> {
        try {
          unblock.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
        synchronized (blockedSaw) {
          blockedSaw.add(e);
        }
      });
      h.listen(healthy);
      h.watch(WatchRequest.of("u1", t).plan("FAST"));

      for (int i = 0; i < 20; i++) {
        p.open(t, Instant.parse("2026-12-06T06:00:00Z").plusSeconds(900L * i));
        clock.advance(Duration.ofSeconds(10));
        h.runDue();
        healthy.await(SlotOpened.class, i + 1); // the healthy listener keeps up; only the blocked one falls behind
      }

      assertThat(p.count(Operation.FREE_DAYS)).isEqualTo(20);
      assertThat(healthy.of(SlotOpened.class)).hasSize(20);
      assertThat(healthy.of(EventsDropped.class)).isEmpty();
      unblock.countDown();
      // every drop is told: wait until the EventsDropped the blocked listener saw add up to the engine's
      // count (under load its thread may have started late and been told of the first drops on their own)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline && droppedTold(blockedSaw) < h.stats().eventsDropped()) {
        Thread.onSpinWait();
      }
      assertThat(droppedTold(blockedSaw)).isEqualTo(h.stats().eventsDropped());
      assertThat(h.stats().eventsDropped()).isGreaterThanOrEqualTo(13);
    }
  }

  private static long droppedTold(List<SlotEvent> seen) {
    synchronized (seen) {
      return seen.stream().filter(e -> e instanceof EventsDropped).mapToLong(e -> ((EventsDropped) e).count()).sum();
    }
  }

  @Test
  void eventsOfOneWatchArriveInOrder() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      List<io.github.slothunter.api.Slot> opened = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        opened.add(f.provider.open(t, f.at("06:00", 1).plusSeconds(900L * i)));
        f.tick(Duration.ofSeconds(10));
      }

      List<SlotOpened> got = f.events.await(SlotOpened.class, 30);

      assertThat(got).extracting(SlotOpened::slot).containsExactlyElementsOf(opened);
      assertThat(got).extracting(WatchEvent::watchId).containsOnly(w.id());
    }
  }

  @Test
  void eventsPublishedBeforeAnyListenerReachTheFirstOne() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      SlotHunter h = f.builder().build();
      h.watch(WatchRequest.of("u1", t).plan("FAST"));
      h.runDue();

      RecordingListener late = new RecordingListener();
      Subscription sub = h.listen(late);

      assertThat(late.await(SlotOpened.class, 1)).hasSize(1);
      sub.close();
      sub.close();
      h.close();
    }
  }

  @Test
  void aRemovedListenerHearsNothingMore() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      RecordingListener gone = new RecordingListener();
      Subscription sub = f.hunter.listen(gone);
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      sub.close();

      f.provider.open(t, f.at("06:00", 1));
      f.hunter.runDue();

      f.events.await(SlotOpened.class, 1);
      assertThat(gone.settle()).isEmpty();
    }
  }

  @Test
  void aThreadedEngineFindsASlotByItselfAndClosesPromptly() {
    InMemoryProvider p = InMemoryProvider.builder().clock(Clock.systemUTC()).budget(RequestBudget.of(600, 10_000, 2)).build();
    Target t = p.target("dr-a");
    Plan quick = new Plan("QUICK", 10, Duration.ofMillis(50), false, 1);
    SlotHunter h = SlotHunter.builder().provider(p.factory()).plans(Plans.of(quick, List.of(quick))).build();
    RecordingListener events = new RecordingListener();
    h.listen(events);
    h.watch(WatchRequest.of("u1", t));

    p.open(t, Instant.now().plus(Duration.ofDays(1)));
    SlotOpened opened = events.await(SlotOpened.class, 1).get(0);
    long start = System.nanoTime();
    h.close();
    h.close();

    assertThat(opened.owner()).isEqualTo("u1");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    assertThat(p.closed()).isTrue();
  }
}
