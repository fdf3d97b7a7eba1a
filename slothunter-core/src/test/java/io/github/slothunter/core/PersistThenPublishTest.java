package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.TargetSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Persist, then publish (issue 22, item 2): what a poll found is announced only once the store has
 * it; a failed save announces nothing, and the next poll announces it exactly once.
 */
class PersistThenPublishTest {

  /** An in-memory store whose next {@code failures} poll saves fail, like a database that is down. */
  static final class FailingStore extends ForwardingStore {
    final AtomicInteger failures = new AtomicInteger();

    FailingStore() {
      super(Store.inMemory());
    }

    @Override
    public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announced) {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new SlotHunterException(ErrorCode.STORE_UNAVAILABLE, "store savePoll failed (SQLState 08006)");
      }
      super.savePoll(snapshot, changes, announced);
    }
  }

  @Test
  void aFailedSavePublishesNothingAndTheNextPollPublishesExactlyOnce() {
    FailingStore store = new FailingStore();
    try (EngineFixture f = new EngineFixture(RequestBudget.of(1000, 100_000, 8), store, true)) {
      Target t = f.provider.target("dr-a");
      Slot slot = f.provider.open(t, f.at("09:00", 2));
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      store.failures.set(1);
      long before = f.hunter.stats().eventsPublished();

      f.hunter.runDue();

      // only the health change left (counted as published synchronously): no SlotOpened
      assertThat(f.events.await(io.github.slothunter.api.WatchHealthChanged.class, 1).get(0).current())
          .isEqualTo(HealthState.STORE_DOWN);
      assertThat(f.hunter.stats().eventsPublished()).isEqualTo(before + 1);
      assertThat(store.announced(w.id())).isEmpty();
      assertThat(store.history(t.id())).isEmpty();
      WatchHealth h = f.hunter.health(w.id());
      assertThat(h.state()).isEqualTo(HealthState.STORE_DOWN);
      assertThat(h.lastError()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
      assertThat(f.hunter.explain(w.id(), java.util.Locale.ENGLISH).get(0)).contains("own database is failing");

      f.tick(Duration.ofSeconds(10)); // the store is back
      f.tick(Duration.ofSeconds(10)); // and a poll after that finds nothing new

      assertThat(f.events.await(SlotOpened.class, 1)).extracting(SlotOpened::slot).containsExactly(slot);
      assertThat(f.hunter.stats().eventsPublished()).isEqualTo(before + 3); // + the SlotOpened, and health back
      assertThat(f.events.of(SlotOpened.class)).hasSize(1);
      assertThat(store.announced(w.id())).containsExactly(slot.id());
      assertThat(store.history(t.id())).hasSize(1); // the opening recorded once, not once per try
      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.ACTIVE);
    }
  }

  @Test
  void anAutoBookingWatchHoldsNothingUntilItsAnnouncementIsSaved() {
    FailingStore store = new FailingStore();
    try (EngineFixture f = new EngineFixture(RequestBudget.of(1000, 100_000, 8), store, true)) {
      Target t = f.provider.target("dr-a");
      Slot slot = f.provider.open(t, f.at("09:00", 2));
      f.autoWatch(t, f.autoBook());
      store.failures.set(2);

      f.hunter.runDue();
      f.tick(Duration.ofSeconds(10));

      assertThat(f.provider.count(Operation.HOLD)).isZero(); // nothing announced, nothing held
      assertThat(f.hunter.stats().eventsPublished()).isEqualTo(1); // the health change (STORE_DOWN) only
      assertThat(f.events.await(io.github.slothunter.api.WatchHealthChanged.class, 1)).hasSize(1);

      f.tick(Duration.ofSeconds(10));

      assertThat(f.events.await(BookingSucceeded.class, 1)).hasSize(1);
      assertThat(f.events.of(SlotOpened.class)).extracting(SlotOpened::slot).containsExactly(slot);
      assertThat(f.events.of(HoldPlaced.class)).hasSize(1);
      assertThat(f.provider.count(Operation.HOLD)).isEqualTo(1);
    }
  }
}
