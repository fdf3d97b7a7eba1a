package io.github.slothunter.spi;

import static io.github.slothunter.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingAttempt.State;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Fixtures;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link Store#inMemory()}, the engine's default store. */
class InMemoryStoreTest {
  private final Target a = new Target(Fixtures.ref(), "center-1", "service-a", Map.of());
  private final Target b = new Target(Fixtures.ref(), "center-1", "service-b", Map.of());
  private final Store store = Store.inMemory();

  private static Slot slot(Target t, int minutes) {
    Instant start = T0.plus(Duration.ofMinutes(minutes));
    return new Slot(t, start, start.plusSeconds(900), "k" + minutes);
  }

  private static Watch watch(String id, String owner, Target... targets) {
    return new Watch(id, owner, Fixtures.ref(), List.of(targets), Map.of(), SlotFilter.ANY, "FREE", null, T0,
        WatchState.ACTIVE);
  }

  private static TargetSnapshot snapshot(Target t, Instant at, Slot... slots) {
    return new TargetSnapshot(t.id(), List.of(slots), at);
  }

  private static SlotChange opened(Slot s) {
    return new SlotChange(s, SlotChange.Kind.OPENED, T0);
  }

  private static BookingAttempt attempt(String watchId, Slot s, State state) {
    return new BookingAttempt(BookingAttempt.keyOf(watchId, s), watchId, s, state, null, null, null, null, null, T0);
  }

  private static SlotOpened openedEvent(String watchId, Slot s) {
    return new SlotOpened(watchId, "u1", s, null, T0);
  }

  // ------------------------------------------------------------------ watches

  @Test
  void anEmptyStoreHasNothing() {
    assertThat(store.loadWatches()).isEmpty();
    assertThat(store.watchIds()).isEmpty();
    assertThat(store.loadWatch("w1")).isEmpty();
    assertThat(store.loadSnapshot(a.id())).isEmpty();
    assertThat(store.history(a.id())).isEmpty();
    assertThat(store.announced("w1")).isEmpty();
    assertThat(store.attempt("w1|x")).isEmpty();
    assertThat(store.attempts("w1")).isEmpty();
    assertThat(store.openAttempts()).isEmpty();
    assertThat(store.ownerPlan("u1")).isEmpty();
    assertThat(store.undelivered(null)).isEmpty();
  }

  @Test
  void savedWatchesLoadBackByIdAndAll() {
    Watch w1 = watch("w1", "u1", a);
    Watch w2 = watch("w2", "u2", a, b);

    store.saveWatch(w1);
    store.saveWatch(w2);

    assertThat(store.loadWatches()).containsExactlyInAnyOrder(w1, w2);
    assertThat(store.watchIds()).containsExactlyInAnyOrder("w1", "w2");
    assertThat(store.loadWatch("w2")).contains(w2);
    assertThat(store.loadWatch("w3")).isEmpty();
  }

  @Test
  void savingAWatchAgainReplacesIt() {
    store.saveWatch(watch("w1", "u1", a));
    Watch paused = watch("w1", "u1", a).withState(WatchState.BOOKING_PAUSED);

    store.saveWatch(paused);

    assertThat(store.loadWatches()).containsExactly(paused);
  }

  @Test
  void cancelledWatchesAreKeptOutOfEveryLoad() {
    store.saveWatch(watch("w1", "u1", a));
    store.saveWatch(watch("w2", "u1", a).withState(WatchState.CANCELLED));

    assertThat(store.loadWatches()).extracting(Watch::id).containsExactly("w1");
    assertThat(store.watchIds()).containsExactly("w1");
    assertThat(store.loadWatch("w2")).isEmpty();
  }

  @Test
  void deletingAWatchDropsItAndWhatWasAnnouncedToIt() {
    Slot s = slot(a, 0);
    store.saveWatch(watch("w1", "u1", a));
    store.saveWatch(watch("w2", "u1", a));
    store.savePoll(snapshot(a, T0, s), List.of(), Map.of("w1", Set.of(s.id()), "w2", Set.of(s.id())));

    store.deleteWatch("w1");

    assertThat(store.loadWatch("w1")).isEmpty();
    assertThat(store.announced("w1")).isEmpty();
    assertThat(store.loadWatch("w2")).isPresent();
    assertThat(store.announced("w2")).containsExactly(s.id());
  }

  @Test
  void aWatchDeletedWhileAPollSavesItsIdsKeepsNoIds() throws Exception {
    Slot s = slot(a, 0);
    store.saveWatch(watch("w1", "u1", a));
    ExecutorService canceller = Executors.newSingleThreadExecutor();
    List<Future<?>> deletion = new ArrayList<>();
    // the poll's ids for w1: while the store reads them, another thread deletes w1 (as a cancel does)
    Set<String> ids = new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        if (deletion.isEmpty()) {
          deletion.add(canceller.submit(() -> store.deleteWatch("w1")));
          try {
            deletion.get(0).get(200, TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            // the delete waits for the poll to be saved: what an atomic savePoll means
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }
        return Set.of(s.id()).iterator();
      }

      @Override
      public int size() {
        return 1;
      }
    };

    try {
      store.savePoll(snapshot(a, T0, s), List.of(), Map.of("w1", ids));
      deletion.get(0).get(5, TimeUnit.SECONDS);
    } finally {
      canceller.shutdownNow();
    }

    assertThat(store.loadWatch("w1")).isEmpty();
    assertThat(store.announced("w1")).isEmpty();
  }

  @Test
  void deletingAnUnknownWatchChangesNothing() {
    store.saveWatch(watch("w1", "u1", a));

    store.deleteWatch("nope");

    assertThat(store.watchIds()).containsExactly("w1");
  }

  // ------------------------------------------------------------------ polls

  @Test
  void aPollSavesTheSnapshotAndALaterPollReplacesIt() {
    Slot s1 = slot(a, 0);
    Slot s2 = slot(a, 30);
    store.savePoll(snapshot(a, T0, s1, s2), List.of(), Map.of());

    store.savePoll(snapshot(a, T0.plusSeconds(60), s2), List.of(), Map.of());

    assertThat(store.loadSnapshot(a.id())).contains(snapshot(a, T0.plusSeconds(60), s2));
    assertThat(store.loadSnapshot(b.id())).isEmpty();
  }

  @Test
  void historyKeepsEachTargetsChangesOldestFirstAcrossPolls() {
    Slot s1 = slot(a, 0);
    Slot s2 = slot(a, 30);
    Slot other = slot(b, 0);
    SlotChange first = opened(s1);
    SlotChange second = opened(s2);
    SlotChange gone = new SlotChange(s1, SlotChange.Kind.GONE, T0.plusSeconds(60), T0);

    store.savePoll(snapshot(a, T0, s1, s2), List.of(first, second), Map.of());
    store.savePoll(snapshot(b, T0, other), List.of(opened(other)), Map.of());
    store.savePoll(snapshot(a, T0.plusSeconds(60), s2), List.of(gone), Map.of());

    assertThat(store.history(a.id())).containsExactly(first, second, gone);
    assertThat(store.history(b.id())).containsExactly(opened(other));
  }

  @Test
  void aPollWithoutChangesLeavesTheHistoryAlone() {
    Slot s = slot(a, 0);
    store.savePoll(snapshot(a, T0, s), List.of(opened(s)), Map.of());

    store.savePoll(snapshot(a, T0.plusSeconds(60), s), List.of(), Map.of());

    assertThat(store.history(a.id())).containsExactly(opened(s));
  }

  @Test
  void historyIsCappedAndDropsTheOldestChanges() {
    List<SlotChange> changes = new ArrayList<>();
    for (int i = 0; i < InMemoryStore.HISTORY_CAP + 5; i++) {
      changes.add(opened(slot(a, i)));
    }

    store.savePoll(snapshot(a, T0), changes.subList(0, 10), Map.of());
    store.savePoll(snapshot(a, T0), changes.subList(10, changes.size()), Map.of());

    List<SlotChange> history = store.history(a.id());
    assertThat(history).hasSize(InMemoryStore.HISTORY_CAP);
    assertThat(history.get(0)).isEqualTo(changes.get(5));
    assertThat(history.get(history.size() - 1)).isEqualTo(changes.get(changes.size() - 1));
  }

  @Test
  void historyIsAnUnmodifiableCopy() {
    Slot s = slot(a, 0);
    store.savePoll(snapshot(a, T0, s), List.of(opened(s)), Map.of());
    List<SlotChange> before = store.history(a.id());

    store.savePoll(snapshot(a, T0), List.of(new SlotChange(s, SlotChange.Kind.GONE, T0)), Map.of());

    assertThat(before).containsExactly(opened(s));
    assertThatThrownBy(before::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  // ------------------------------------------------------------------ announced

  @Test
  void announcedIdsAreReplacedPerTargetAndKeptForOtherTargets() {
    Slot a1 = slot(a, 0);
    Slot a2 = slot(a, 30);
    Slot a3 = slot(a, 60);
    Slot b1 = slot(b, 0);
    store.saveWatch(watch("w1", "u1", a, b));
    store.savePoll(snapshot(a, T0, a1, a2), List.of(), Map.of("w1", Set.of(a1.id(), a2.id())));
    store.savePoll(snapshot(b, T0, b1), List.of(), Map.of("w1", Set.of(b1.id())));

    store.savePoll(snapshot(a, T0.plusSeconds(60), a3), List.of(), Map.of("w1", Set.of(a3.id())));

    assertThat(store.announced("w1")).containsExactlyInAnyOrder(a3.id(), b1.id());
  }

  @Test
  void anEmptySetClearsOnlyThatTargetsIds() {
    Slot a1 = slot(a, 0);
    Slot b1 = slot(b, 0);
    store.saveWatch(watch("w1", "u1", a, b));
    store.savePoll(snapshot(a, T0, a1), List.of(), Map.of("w1", Set.of(a1.id())));
    store.savePoll(snapshot(b, T0, b1), List.of(), Map.of("w1", Set.of(b1.id())));

    store.savePoll(snapshot(a, T0.plusSeconds(60)), List.of(), Map.of("w1", Set.of()));

    assertThat(store.announced("w1")).containsExactly(b1.id());
  }

  @Test
  void watchesLeftOutOfAPollKeepTheirIds() {
    Slot a1 = slot(a, 0);
    Slot a2 = slot(a, 30);
    store.saveWatch(watch("w1", "u1", a));
    store.saveWatch(watch("w2", "u2", a));
    store.savePoll(snapshot(a, T0, a1), List.of(), Map.of("w1", Set.of(a1.id()), "w2", Set.of(a1.id())));

    store.savePoll(snapshot(a, T0.plusSeconds(60), a2), List.of(), Map.of("w2", Set.of(a2.id())));

    assertThat(store.announced("w1")).containsExactly(a1.id());
    assertThat(store.announced("w2")).containsExactly(a2.id());
  }

  @Test
  void idsAnnouncedToAWatchThatIsNotStoredAreIgnored() {
    Slot s = slot(a, 0);

    // a poll that finishes after its watch was deleted must not bring the watch's ids back
    store.savePoll(snapshot(a, T0, s), List.of(), Map.of("deleted", Set.of(s.id())));

    assertThat(store.announced("deleted")).isEmpty();
  }

  @Test
  void announcedForManyWatchesAnswersEachAndEmptyForUnknownOnes() {
    Slot s = slot(a, 0);
    store.saveWatch(watch("w1", "u1", a));
    store.savePoll(snapshot(a, T0, s), List.of(), Map.of("w1", Set.of(s.id())));

    Map<String, Set<String>> announced = store.announced(List.of("w1", "w2"));

    assertThat(announced).containsOnly(Map.entry("w1", Set.of(s.id())), Map.entry("w2", Set.of()));
  }

  @Test
  void announcedIdsCannotBeChangedByTheCaller() {
    Slot s = slot(a, 0);
    store.saveWatch(watch("w1", "u1", a));
    store.savePoll(snapshot(a, T0, s), List.of(), Map.of("w1", Set.of(s.id())));

    assertThatThrownBy(() -> store.announced("w1").clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  // ------------------------------------------------------------------ attempts and plans

  @Test
  void attemptsAreFoundByKeyAndReplacedAsTheyProgress() {
    Slot s = slot(a, 0);
    BookingAttempt started = attempt("w1", s, State.STARTED);
    store.saveAttempt(started);
    BookingAttempt held = started.with(State.HELD, T0.plusSeconds(1));

    store.saveAttempt(held);

    assertThat(store.attempt(started.key())).contains(held);
    assertThat(store.attempts("w1")).containsExactly(held);
  }

  @Test
  void attemptsAreListedPerWatch() {
    BookingAttempt w1a = attempt("w1", slot(a, 0), State.BOOKED);
    BookingAttempt w1b = attempt("w1", slot(a, 30), State.FAILED);
    BookingAttempt w2 = attempt("w2", slot(a, 0), State.STARTED);
    store.saveAttempt(w1a);
    store.saveAttempt(w1b);
    store.saveAttempt(w2);

    assertThat(store.attempts("w1")).containsExactlyInAnyOrder(w1a, w1b);
    assertThat(store.attempts("w2")).containsExactly(w2);
    assertThat(store.attempts("w3")).isEmpty();
  }

  @Test
  void openAttemptsAreTheOnesThatNeverFinished() {
    List<BookingAttempt> all = new ArrayList<>();
    int minutes = 0;
    for (State state : State.values()) {
      BookingAttempt at = attempt("w1", slot(a, minutes += 30), state);
      all.add(at);
      store.saveAttempt(at);
    }

    assertThat(store.openAttempts()).extracting(BookingAttempt::state)
        .containsExactlyInAnyOrder(State.STARTED, State.HELD, State.BOOKING, State.HOLD_UNKNOWN, State.REPLACING);
    assertThat(store.openAttempts()).allMatch(BookingAttempt::open).isSubsetOf(all);
  }

  @Test
  void attemptsOutliveTheirWatch() {
    BookingAttempt booked = attempt("w1", slot(a, 0), State.BOOKED);
    store.saveWatch(watch("w1", "u1", a));
    store.saveAttempt(booked);

    store.deleteWatch("w1");

    assertThat(store.attempt(booked.key())).contains(booked);
  }

  @Test
  void ownerPlansAreSavedAndReplaced() {
    store.saveOwnerPlan("u1", "FREE");
    store.saveOwnerPlan("u2", "PRO");

    store.saveOwnerPlan("u1", "PREMIUM");

    assertThat(store.ownerPlan("u1")).contains("PREMIUM");
    assertThat(store.ownerPlan("u2")).contains("PRO");
    assertThat(store.ownerPlan("u3")).isEmpty();
  }

  // ------------------------------------------------------------------ patient book

  private static io.github.slothunter.api.OwnerPatient person(String label, String firstName) {
    return new io.github.slothunter.api.OwnerPatient(label,
        io.github.slothunter.api.Patient.of(firstName, "Ahmadi", Fixtures.NATIONAL_CODE, Fixtures.MOBILE));
  }

  @Test
  void anOwnersPatientsListInTheOrderFirstSavedAndAReplacedLabelKeepsItsPlace() {
    store.saveOwnerPatient("u1", person("me", "Sara"));
    store.saveOwnerPatient("u1", person("mom", "Maryam"));
    store.saveOwnerPatient("u2", person("me", "Reza"));

    store.saveOwnerPatient("u1", person("me", "Sarah"));

    assertThat(store.ownerPatients("u1")).extracting(p -> p.label() + ":" + p.patient().firstName())
        .containsExactly("me:Sarah", "mom:Maryam");
    assertThat(store.ownerPatients("u2")).extracting(p -> p.patient().firstName()).containsExactly("Reza");
    assertThat(store.ownerPatients("u3")).isEmpty();
  }

  @Test
  void savingSeveralPatientsAddsThemInOrder() {
    store.saveOwnerPatients("u1", List.of(person("me", "Sara"), person("son", "Ali")));

    assertThat(store.ownerPatients("u1")).extracting(io.github.slothunter.api.OwnerPatient::label)
        .containsExactly("me", "son");
  }

  @Test
  void deletingAPatientRemovesOnlyThatOwnersLabel() {
    store.saveOwnerPatient("u1", person("me", "Sara"));
    store.saveOwnerPatient("u1", person("mom", "Maryam"));
    store.saveOwnerPatient("u2", person("mom", "Zahra"));

    boolean removed = store.deleteOwnerPatient("u1", "mom");

    assertThat(removed).isTrue();
    assertThat(store.deleteOwnerPatient("u1", "mom")).isFalse();
    assertThat(store.deleteOwnerPatient("u9", "mom")).isFalse();
    assertThat(store.ownerPatients("u1")).extracting(io.github.slothunter.api.OwnerPatient::label).containsExactly("me");
    assertThat(store.ownerPatients("u2")).extracting(io.github.slothunter.api.OwnerPatient::label).containsExactly("mom");
  }

  @Test
  void theListedPatientsCannotBeChangedByTheCaller() {
    store.saveOwnerPatient("u1", person("me", "Sara"));

    assertThatThrownBy(() -> store.ownerPatients("u1").clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  // ------------------------------------------------------------------ outbox

  @Test
  void aPollsEventsAreSavedWithItUntilDelivered() {
    Slot s1 = slot(a, 0);
    Slot s2 = slot(a, 30);
    store.saveWatch(watch("w1", "u1", a));
    List<SlotEvent> events = List.of(openedEvent("w1", s1), openedEvent("w1", s2));

    store.savePoll(snapshot(a, T0, s1, s2), List.of(opened(s1), opened(s2)), Map.of("w1", Set.of(s1.id(), s2.id())),
        events, "node-1");

    assertThat(store.loadSnapshot(a.id())).contains(snapshot(a, T0, s1, s2));
    assertThat(store.history(a.id())).containsExactly(opened(s1), opened(s2));
    assertThat(store.announced("w1")).containsExactlyInAnyOrder(s1.id(), s2.id());
    assertThat(store.undelivered("node-1")).containsExactlyElementsOf(events);
  }

  @Test
  void anAttemptsEventsAreSavedWithIt() {
    Slot s = slot(a, 0);
    BookingAttempt held = attempt("w1", s, State.HELD);
    HoldPlaced event = new HoldPlaced("w1", "u1", Fixtures.hold(), T0);

    store.saveAttempt(held, List.of(event), "node-1");

    assertThat(store.attempt(held.key())).contains(held);
    assertThat(store.undelivered("node-1")).containsExactly(event);
  }

  @Test
  void anEventSavedAgainUnderItsIdReplacesTheFirstAndKeepsItsPlace() {
    Slot s = slot(a, 0);
    Booking booking = new Booking(s, "b-1", "TRK-1", T0);
    BookingSucceeded provisional = new BookingSucceeded("w1", "u1", booking, false, "not yet verified", T0);
    BookingSucceeded verified = new BookingSucceeded("w1", "u1", booking, true, "on the provider's records",
        T0.plusSeconds(2));
    SlotGone later = new SlotGone("w1", "u1", s, T0.plusSeconds(1));
    store.saveEvents(List.of(provisional, later), "node-1");

    store.saveEvents(List.of(verified), "node-1");

    assertThat(store.undelivered("node-1")).containsExactly(verified, later);
  }

  @Test
  void eachPublisherGetsItsOwnEventsAndNullGetsEveryEventInTheOrderSaved() {
    SlotOpened mine = openedEvent("w1", slot(a, 0));
    SlotOpened theirs = openedEvent("w2", slot(a, 0));
    SlotOpened anonymous = openedEvent("w3", slot(a, 0));
    SlotOpened mineLater = openedEvent("w1", slot(a, 30));
    store.saveEvents(List.of(mine), "me");
    store.saveEvents(List.of(theirs), "them");
    store.saveEvents(List.of(anonymous), null);
    store.saveEvents(List.of(mineLater), "me");

    assertThat(store.undelivered("me")).containsExactly(mine, mineLater);
    assertThat(store.undelivered("them")).containsExactly(theirs);
    assertThat(store.undelivered("")).containsExactly(anonymous); // saved without a publisher
    assertThat(store.undelivered(null)).containsExactly(mine, theirs, anonymous, mineLater);
  }

  @Test
  void deliveredEventsLeaveTheOutboxAndUnknownIdsAreIgnored() {
    SlotOpened first = openedEvent("w1", slot(a, 0));
    SlotOpened second = openedEvent("w1", slot(a, 30));
    store.saveEvents(List.of(first, second), "node-1");

    store.markDelivered(List.of(first.id(), "ev_unknown"));

    assertThat(store.undelivered("node-1")).containsExactly(second);
    assertThat(store.undelivered(null)).containsExactly(second);
  }

  @Test
  void aPollWithoutEventsAddsNothingToTheOutbox() {
    store.savePoll(snapshot(a, T0), List.of(), Map.of(), List.of(), "node-1");

    assertThat(store.undelivered(null)).isEmpty();
    assertThat(store.loadSnapshot(a.id())).isPresent();
  }

  // ------------------------------------------------------------------ the rest

  @Test
  void theInMemoryStoreGrantsEveryTargetToItsOneInstance() {
    assertThat(store.leases()).isSameAs(TargetLeases.SINGLE_INSTANCE);
  }

  @Test
  void eachInMemoryStoreIsSeparate() {
    Store other = Store.inMemory();
    store.saveWatch(watch("w1", "u1", a));

    assertThat(other).isNotSameAs(store);
    assertThat(other.loadWatches()).isEmpty();
  }

  @Test
  void closingDoesNothingSoAnEngineRebuiltOnTheStoreFindsItsData() {
    store.saveWatch(watch("w1", "u1", a));

    store.close();

    assertThat(store.watchIds()).containsExactly("w1");
  }
}
