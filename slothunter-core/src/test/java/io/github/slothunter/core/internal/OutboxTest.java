package io.github.slothunter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:30:00Z");
  private static final Target TARGET = new Target(new DoctorRef("mem", "dr-a"), "c", "s", Map.of());

  private final EventBus bus = new EventBus(100, Clock.systemUTC());
  private final List<SlotEvent> heard = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    bus.close(Duration.ofSeconds(1));
  }

  private static SlotOpened opened(int minute) {
    Instant start = T0.plus(Duration.ofDays(1)).plusSeconds(60L * minute);
    return new SlotOpened("w-1", "u1", new Slot(TARGET, start, start.plusSeconds(900), "k" + minute), null, T0);
  }

  private void awaitHeard(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (heard.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(heard).hasSize(n);
  }

  /** Flushes until the store has no undelivered event (delivery marks come from the listener thread). */
  private static void flushUntilEmpty(Outbox outbox, Store store) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!store.undelivered(null).isEmpty() && System.nanoTime() < deadline) {
      outbox.flush();
      Thread.sleep(5);
    }
    assertThat(store.undelivered(null)).isEmpty();
  }

  @Test
  void eventsHandledByTheListenersAreMarkedDeliveredAtTheNextFlush() throws InterruptedException {
    Store store = Store.inMemory();
    Outbox outbox = new Outbox(store, bus, "node-1", false);
    bus.add(heard::add);
    SlotOpened e = opened(0);
    store.saveEvents(List.of(e), "node-1");

    outbox.publish(e);

    awaitHeard(1);
    flushUntilEmpty(outbox, store);
  }

  @Test
  void aFailedMarkIsKeptAndWrittenAtALaterFlush() throws InterruptedException {
    List<Collection<String>> marks = new ArrayList<>();
    Store flaky = new io.github.slothunter.spi.Store() { // fails its first mark, then takes them
      private final Store inner = Store.inMemory();
      private int calls;

      @Override
      public void saveWatch(io.github.slothunter.api.Watch watch) {
        inner.saveWatch(watch);
      }

      @Override
      public void deleteWatch(String watchId) {
        inner.deleteWatch(watchId);
      }

      @Override
      public List<io.github.slothunter.api.Watch> loadWatches() {
        return inner.loadWatches();
      }

      @Override
      public java.util.Optional<io.github.slothunter.api.TargetSnapshot> loadSnapshot(String targetId) {
        return inner.loadSnapshot(targetId);
      }

      @Override
      public void savePoll(io.github.slothunter.api.TargetSnapshot snapshot,
          List<io.github.slothunter.api.SlotChange> changes, Map<String, java.util.Set<String>> announced) {
        inner.savePoll(snapshot, changes, announced);
      }

      @Override
      public java.util.Set<String> announced(String watchId) {
        return inner.announced(watchId);
      }

      @Override
      public List<io.github.slothunter.api.SlotChange> history(String targetId) {
        return inner.history(targetId);
      }

      @Override
      public java.util.Optional<io.github.slothunter.api.BookingAttempt> attempt(String key) {
        return inner.attempt(key);
      }

      @Override
      public void saveAttempt(io.github.slothunter.api.BookingAttempt attempt) {
        inner.saveAttempt(attempt);
      }

      @Override
      public List<io.github.slothunter.api.BookingAttempt> attempts(String watchId) {
        return inner.attempts(watchId);
      }

      @Override
      public List<io.github.slothunter.api.BookingAttempt> openAttempts() {
        return inner.openAttempts();
      }

      @Override
      public java.util.Optional<String> ownerPlan(String owner) {
        return inner.ownerPlan(owner);
      }

      @Override
      public void saveOwnerPlan(String owner, String planName) {
        inner.saveOwnerPlan(owner, planName);
      }

      @Override
      public void saveEvents(List<SlotEvent> events, String publisher) {
        inner.saveEvents(events, publisher);
      }

      @Override
      public List<SlotEvent> undelivered(String publisher) {
        return inner.undelivered(publisher);
      }

      @Override
      public synchronized void markDelivered(Collection<String> eventIds) {
        if (calls++ == 0) {
          throw new IllegalStateException("database down");
        }
        marks.add(List.copyOf(eventIds));
        inner.markDelivered(eventIds);
      }
    };
    Outbox outbox = new Outbox(flaky, bus, "node-1", false);
    bus.add(heard::add);
    SlotOpened e = opened(0);
    flaky.saveEvents(List.of(e), "node-1");
    outbox.publish(e);
    awaitHeard(1);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (marks.isEmpty() && System.nanoTime() < deadline) {
      outbox.flush(); // the first write fails; the mark stays for the next
      Thread.sleep(5);
    }

    assertThat(marks).containsExactly(List.of(e.id()));
    assertThat(flaky.undelivered(null)).isEmpty();
  }

  @Test
  void aReplayPublishesWhatACrashLeftUnderTheSameIdsAndSkipsWhatThisEngineHasInFlight()
      throws InterruptedException {
    Store store = Store.inMemory();
    SlotOpened left = opened(0);
    SlotOpened mine = opened(30);
    store.saveEvents(List.of(left, mine), "node-1");
    Outbox outbox = new Outbox(store, bus, "node-1", true);
    outbox.publish(mine); // published by this engine, not yet marked: in flight

    assertThat(outbox.replay()).isEqualTo(1);
    assertThat(outbox.replay()).as("what it replayed is in flight too").isZero();

    bus.add(heard::add); // events published before anyone listened reach the first listener
    awaitHeard(2);
    assertThat(heard).extracting(SlotEvent::id).containsExactly(mine.id(), left.id());
    flushUntilEmpty(outbox, store);
    assertThat(outbox.replay()).isZero();
  }
}
