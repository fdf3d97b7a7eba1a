package io.github.slothunter.spi;

import static io.github.slothunter.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.Fixtures;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a {@link Store} written before the optional methods existed gets from the interface's defaults. */
class StoreDefaultsTest {

  /** A store that implements only the abstract methods, recording the calls it gets. */
  private static final class MinimalStore implements Store {
    final List<String> calls = new ArrayList<>();
    final Map<String, Watch> watches = new LinkedHashMap<>();
    final Map<String, Set<String>> announced = new HashMap<>();
    final Map<String, BookingAttempt> attempts = new HashMap<>();
    TargetSnapshot snapshot;

    @Override
    public void saveWatch(Watch watch) {
      watches.put(watch.id(), watch);
    }

    @Override
    public void deleteWatch(String watchId) {
      watches.remove(watchId);
    }

    @Override
    public List<Watch> loadWatches() {
      calls.add("loadWatches");
      return watches.values().stream().filter(w -> w.state() != WatchState.CANCELLED).toList();
    }

    @Override
    public Optional<TargetSnapshot> loadSnapshot(String targetId) {
      return Optional.ofNullable(snapshot);
    }

    @Override
    public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes,
        Map<String, Set<String>> announcedByWatch) {
      calls.add("savePoll");
      this.snapshot = snapshot;
      announced.putAll(announcedByWatch);
    }

    @Override
    public Set<String> announced(String watchId) {
      calls.add("announced " + watchId);
      return announced.getOrDefault(watchId, Set.of());
    }

    @Override
    public List<SlotChange> history(String targetId) {
      return List.of();
    }

    @Override
    public Optional<BookingAttempt> attempt(String key) {
      return Optional.ofNullable(attempts.get(key));
    }

    @Override
    public void saveAttempt(BookingAttempt attempt) {
      calls.add("saveAttempt");
      attempts.put(attempt.key(), attempt);
    }

    @Override
    public List<BookingAttempt> attempts(String watchId) {
      return List.of();
    }

    @Override
    public List<BookingAttempt> openAttempts() {
      return List.of();
    }

    final Map<String, String> plans = new java.util.HashMap<>();

    @Override
    public Optional<String> ownerPlan(String owner) {
      return Optional.ofNullable(plans.get(owner));
    }

    @Override
    public void saveOwnerPlan(String owner, String planName) {
      plans.put(owner, planName);
    }
  }

  private final MinimalStore store = new MinimalStore();
  private final Slot slot = Fixtures.slot();

  private static Watch watch(String id, WatchState state) {
    return new Watch(id, "u1", Fixtures.ref(), List.of(Fixtures.target()), Map.of(), SlotFilter.ANY, "FREE", null, T0,
        state);
  }

  @Test
  void subscriptionsWithoutAnEndGoThroughTheOwnerPlanAndAnEndIsRefused() {
    io.github.slothunter.api.Subscription ending = new io.github.slothunter.api.Subscription("u1", "PREMIUM",
        java.time.Instant.parse("2026-12-31T00:00:00Z"));

    assertThatThrownBy(() -> store.saveSubscription(ending))
        .isInstanceOfSatisfying(io.github.slothunter.api.SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(io.github.slothunter.api.ErrorCode.UNSUPPORTED));
    store.saveSubscription(io.github.slothunter.api.Subscription.unlimited("u1", "PREMIUM"));

    assertThat(store.plans).containsEntry("u1", "PREMIUM");
    assertThat(store.subscription("u1")).contains(io.github.slothunter.api.Subscription.unlimited("u1", "PREMIUM"));
    assertThat(store.subscription("u2")).isEmpty();
    assertThat(store.endingSubscriptions()).isEmpty();
    assertThat(ending.lapsed(ending.until().minusSeconds(1), java.time.Duration.ZERO)).isFalse();
    assertThat(ending.lapsed(ending.until(), java.time.Duration.ZERO)).isTrue();
    assertThat(ending.lapsed(ending.until(), java.time.Duration.ofDays(1))).isFalse();
  }

  @Test
  void watchIdsAreDerivedFromTheLoadedWatches() {
    store.saveWatch(watch("w1", WatchState.ACTIVE));
    store.saveWatch(watch("w2", WatchState.BOOKED));
    store.saveWatch(watch("w3", WatchState.CANCELLED));

    assertThat(store.watchIds()).containsExactlyInAnyOrder("w1", "w2");
    assertThat(store.calls).containsExactly("loadWatches");
  }

  @Test
  void oneWatchIsFoundAmongTheLoadedWatches() {
    Watch w2 = watch("w2", WatchState.ACTIVE);
    store.saveWatch(watch("w1", WatchState.ACTIVE));
    store.saveWatch(w2);
    store.saveWatch(watch("w3", WatchState.CANCELLED));

    assertThat(store.loadWatch("w2")).contains(w2);
    assertThat(store.loadWatch("w3")).isEmpty();
    assertThat(store.loadWatch("w4")).isEmpty();
  }

  @Test
  void announcedForManyWatchesAsksForEachWatch() {
    store.announced.put("w1", Set.of(slot.id()));

    Map<String, Set<String>> announced = store.announced(List.of("w1", "w2"));

    assertThat(announced).containsOnly(Map.entry("w1", Set.of(slot.id())), Map.entry("w2", Set.of()));
    assertThat(store.calls).containsExactlyInAnyOrder("announced w1", "announced w2");
  }

  @Test
  void aPollWithEventsIsSavedAsAPollAndItsEventsAreDropped() {
    TargetSnapshot snapshot = new TargetSnapshot(Fixtures.target().id(), List.of(slot), T0);
    List<SlotEvent> events = List.of(new SlotOpened("w1", "u1", slot, null, T0));

    store.savePoll(snapshot, List.of(), Map.of("w1", Set.of(slot.id())), events, "node-1");

    assertThat(store.calls).containsExactly("savePoll");
    assertThat(store.loadSnapshot(snapshot.targetId())).contains(snapshot);
    assertThat(store.announced.get("w1")).containsExactly(slot.id());
    assertThat(store.undelivered("node-1")).isEmpty();
    assertThat(store.undelivered(null)).isEmpty();
  }

  @Test
  void anAttemptWithEventsIsSavedAsAnAttemptAndItsEventsAreDropped() {
    BookingAttempt attempt = new BookingAttempt(BookingAttempt.keyOf("w1", slot), "w1", slot,
        BookingAttempt.State.STARTED, null, null, null, null, null, T0);

    store.saveAttempt(attempt, List.of(new SlotOpened("w1", "u1", slot, null, T0)), "node-1");

    assertThat(store.calls).containsExactly("saveAttempt");
    assertThat(store.attempt(attempt.key())).contains(attempt);
    assertThat(store.undelivered(null)).isEmpty();
  }

  @Test
  void withoutAnOutboxSavedEventsAreNeverUndeliveredAndMarkingThemIsHarmless() {
    SlotOpened event = new SlotOpened("w1", "u1", slot, null, T0);

    store.saveEvents(List.of(event), "node-1");
    store.markDelivered(List.of(event.id(), "ev_unknown"));

    assertThat(store.undelivered("node-1")).isEmpty();
    assertThat(store.calls).isEmpty();
  }

  @Test
  void aStoreWithoutLeasesGrantsEveryTargetToOneInstanceAndClosesQuietly() {
    store.saveWatch(watch("w1", WatchState.ACTIVE));

    store.close();

    assertThat(store.leases()).isSameAs(TargetLeases.SINGLE_INSTANCE);
    assertThat(store.watches).containsOnlyKeys("w1");
  }

  // ------------------------------------------------------------------ patient book

  @Test
  void aStoreWithoutAPatientBookRefusesToSaveAndHasNoneToListOrDelete() {
    io.github.slothunter.api.OwnerPatient mom =
        new io.github.slothunter.api.OwnerPatient("mom", Fixtures.patient());

    assertThatThrownBy(() -> store.saveOwnerPatient("u1", mom))
        .isInstanceOfSatisfying(io.github.slothunter.api.SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(io.github.slothunter.api.ErrorCode.UNSUPPORTED));
    assertThatThrownBy(() -> store.saveOwnerPatients("u1", List.of(mom)))
        .isInstanceOf(io.github.slothunter.api.SlotHunterException.class);
    assertThat(store.ownerPatients("u1")).isEmpty();
    assertThat(store.deleteOwnerPatient("u1", "mom")).isFalse();
  }

  // ------------------------------------------------------------------ TargetLeases.SINGLE_INSTANCE

  @Test
  void theSingleInstanceClaimsEveryTargetItAsksFor() {
    Set<String> claimed = TargetLeases.SINGLE_INSTANCE.claim("node-1", List.of("t1", "t2", "t2"),
        Duration.ofMinutes(1));

    assertThat(claimed).containsExactlyInAnyOrder("t1", "t2");
    assertThat(TargetLeases.SINGLE_INSTANCE.claim("node-1", List.of(), Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void theSingleInstanceOwnsEverythingEvenAfterReleasing() {
    TargetLeases leases = TargetLeases.SINGLE_INSTANCE;
    leases.claim("node-1", List.of("t1"), Duration.ofMinutes(1));

    leases.release("node-1", List.of("t1"));

    assertThat(leases.claim("node-2", List.of("t1"), Duration.ofMinutes(1))).containsExactly("t1");
    assertThat(leases.liveInstances(Duration.ofMinutes(1))).isEqualTo(1);
  }
}
