package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.T0;
import static io.github.slothunter.store.jdbc.Fixtures.attempt;
import static io.github.slothunter.store.jdbc.Fixtures.autoBookWatch;
import static io.github.slothunter.store.jdbc.Fixtures.opened;
import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.snapshot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static io.github.slothunter.store.jdbc.Fixtures.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, run against the in-memory store (the reference), H2 and
 * PostgreSQL by the subclasses.
 */
abstract class StoreContractTest {
  private final Target a = target("dr-a");
  private final Target b = target("dr-b");
  private Store store;

  /** A new, empty store. */
  abstract Store newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ------------------------------------------------------------------ outbox

  @Test
  void aPollsEventsAreKeptWithItUntilMarkedDeliveredInTheOrderSaved() {
    Slot s1 = slot(a, 0);
    Slot s2 = slot(a, 30);
    store.saveWatch(watch("w-1", "u1", a));
    store.leases().claim("node-1", List.of(), Duration.ofMinutes(1)); // both alive (where the store tracks it)
    store.leases().claim("node-2", List.of(), Duration.ofMinutes(1));
    List<io.github.slothunter.api.SlotEvent> events = List.of(
        new io.github.slothunter.api.SlotOpened("w-1", "u1", s1, java.net.URI.create("https://example.org/b"), T0),
        new io.github.slothunter.api.SlotOpened("w-1", "u1", s2, null, T0));
    store.savePoll(snapshot(a, T0, s1, s2), List.of(opened(s1, T0), opened(s2, T0)),
        Map.of("w-1", Set.of(s1.id(), s2.id())), events, "node-1");
    store.saveEvents(List.of(new io.github.slothunter.api.SlotGone("w-1", "u1", s1, T0.plusSeconds(60))), "node-2");

    assertThat(store.announced("w-1")).containsExactlyInAnyOrder(s1.id(), s2.id());
    assertThat(store.undelivered("node-1")).containsExactlyElementsOf(events);
    assertThat(store.undelivered(null)).hasSize(3).startsWith(events.get(0), events.get(1));

    store.markDelivered(List.of(events.get(0).id(), "ev_unknown"));

    assertThat(store.undelivered("node-1")).containsExactly(events.get(1));
    assertThat(store.undelivered("node-2")).hasSize(1);
  }

  @Test
  void aBookingsEventsAreSavedWithItsAttemptAndTheFinalSuccessReplacesTheProvisionalOne() {
    Slot s = slot(a, 0);
    BookingAttempt booked = new BookingAttempt(BookingAttempt.keyOf("w-1", s), "w-1", s, BookingAttempt.State.BOOKED,
        "h-1", T0.plusSeconds(300), "b-1", "TRK-1", null, T0);
    Booking booking = new Booking(s, "b-1", "TRK-1", T0, io.github.slothunter.api.PaymentState.NOT_REQUIRED, null);
    io.github.slothunter.api.HoldPlaced held = new io.github.slothunter.api.HoldPlaced("w-1", "u1",
        new io.github.slothunter.api.Hold(s, "h-1", T0.plusSeconds(300)), T0);
    io.github.slothunter.api.BookingSucceeded provisional =
        new io.github.slothunter.api.BookingSucceeded("w-1", "u1", booking, false, "not yet verified", T0);
    io.github.slothunter.api.BookingSucceeded verified =
        new io.github.slothunter.api.BookingSucceeded("w-1", "u1", booking, true, "on the provider's records",
            T0.plusSeconds(2));
    store.leases().claim("node-1", List.of(), Duration.ofMinutes(1));
    store.saveAttempt(booked, List.of(held, provisional), "node-1");

    assertThat(store.attempt(booked.key())).contains(booked);
    assertThat(store.undelivered("node-1")).containsExactly(held, provisional);

    store.saveEvents(List.of(verified), "node-1");

    assertThat(store.undelivered("node-1")).containsExactly(held, verified);
  }

  @Test
  void everyKindOfBookingEventReadsBackEqual() {
    Slot s = slot(a, 0);
    List<io.github.slothunter.api.SlotEvent> events = List.of(
        new io.github.slothunter.api.BookingFailed("w-1", "u1", s, io.github.slothunter.api.ErrorCode.SLOT_TAKEN,
            "someone else took it", true, T0),
        new io.github.slothunter.api.BookingOutcomeUnknown("w-1", "u1", s, "w-1|" + s.id(), T0),
        new io.github.slothunter.api.HoldOutcomeUnknown("w-1", "u1", s, "w-1|" + s.id(), T0.plusSeconds(360), T0),
        new io.github.slothunter.api.BookingSucceeded("w-1", "u1", new Booking(s, "b-9", null, T0,
            io.github.slothunter.api.PaymentState.PAY_TO_CONFIRM, java.net.URI.create("https://pay.example.org/9")),
            true, null, T0));
    store.saveEvents(events, null);

    assertThat(store.undelivered(null)).containsExactlyElementsOf(events);
    assertThat(store.undelivered("")).containsExactlyElementsOf(events); // saved without a publisher
  }

  @Test
  void anInstanceThatStartsAlsoGetsTheEventsOfPublishersTheStoreNoLongerKnows() {
    Slot s = slot(a, 0);
    io.github.slothunter.api.SlotOpened stranded = new io.github.slothunter.api.SlotOpened("w-1", "u1", s, null, T0);
    io.github.slothunter.api.SlotOpened mine = new io.github.slothunter.api.SlotOpened("w-2", "u1", s, null, T0);
    io.github.slothunter.api.SlotOpened othersAlive = new io.github.slothunter.api.SlotOpened("w-3", "u1", s, null, T0);
    store.leases().claim("alive", List.of(), Duration.ofMinutes(1));
    store.saveEvents(List.of(stranded), "dead-and-forgotten");
    store.saveEvents(List.of(mine), "me");
    store.saveEvents(List.of(othersAlive), "alive");

    boolean tracksInstances = store.leases() != io.github.slothunter.spi.TargetLeases.SINGLE_INSTANCE;
    assertThat(store.undelivered("me")).containsExactlyElementsOf(tracksInstances ? List.of(stranded, mine) : List.of(mine));
  }

  // ------------------------------------------------------------------ watches

  @Test
  void savedWatchesLoadBackEqualIncludingAutoBookDetails() {
    Watch notify = watch("w-1", "u1", a, b);
    Watch booking = autoBookWatch("w-2", "u2", a);

    store.saveWatch(notify);
    store.saveWatch(booking);

    assertThat(store.loadWatches()).containsExactlyInAnyOrder(notify, booking);
  }

  @Test
  void bookingGuardsAndSnoozesLoadBackEqual() {
    Watch base = autoBookWatch("w-3", "u3", a);
    Booking current = new Booking(slot(a, 90), "bk-1", "TRK-1", T0);
    AutoBook guarded = base.autoBook().withMaxAttempts(7).withMinLeadTime(java.time.Duration.ofHours(3))
        .withMaxPrice(250_000L).replacing(current);
    Watch w = new Watch(base.id(), base.owner(), base.doctor(), base.targets(), base.prices(), base.filter(),
        base.planName(), guarded, base.createdAt(), base.state()).withSnooze(a.id(), T0.plusSeconds(600), T0);

    store.saveWatch(w);

    Watch back = store.loadWatch(w.id()).orElseThrow();
    assertThat(back).isEqualTo(w);
    assertThat(back.autoBook().replaces()).isEqualTo(current);
    assertThat(back.snoozed(a.id(), T0.plusSeconds(599))).isTrue();
  }

  @Test
  void savingAWatchAgainReplacesIt() {
    Watch w = autoBookWatch("w-1", "u1", a);
    store.saveWatch(w);

    store.saveWatch(w.withState(WatchState.BOOKING_PAUSED));

    assertThat(store.loadWatches()).singleElement()
        .satisfies(loaded -> assertThat(loaded.state()).isEqualTo(WatchState.BOOKING_PAUSED))
        .isEqualTo(w.withState(WatchState.BOOKING_PAUSED));
  }

  @Test
  void replacingAnAutoBookWatchWithANotifyOnlyOneDropsItsBookingDetails() {
    Watch booking = autoBookWatch("w-1", "u1", a);
    store.saveWatch(booking);
    Watch notify = new Watch(booking.id(), booking.owner(), booking.doctor(), booking.targets(), booking.prices(),
        booking.filter(), booking.planName(), null, booking.createdAt(), booking.state());

    store.saveWatch(notify);

    assertThat(store.loadWatches()).containsExactly(notify);
  }

  @Test
  void watchIdsAndSingleLoadsSkipCancelledWatchesAndDecryptBookingDetails() {
    Watch booking = autoBookWatch("w-2", "u2", a);
    store.saveWatch(watch("w-1", "u1", a));
    store.saveWatch(booking);
    store.saveWatch(watch("w-3", "u1", a).withState(WatchState.CANCELLED));

    assertThat(store.watchIds()).containsExactlyInAnyOrder("w-1", "w-2");
    assertThat(store.loadWatch("w-2")).contains(booking);
    assertThat(store.loadWatch("w-3")).isEmpty();
    assertThat(store.loadWatch("nope")).isEmpty();
  }

  @Test
  void announcedForManyWatchesComesBackInOneCall() {
    store.saveWatch(watch("w-1", "u1", a, b));
    store.saveWatch(watch("w-2", "u2", a));
    Slot sa = slot(a, 10);
    Slot sb = slot(b, 20);
    store.savePoll(snapshot(a, T0, sa), java.util.List.of(), java.util.Map.of("w-1", java.util.Set.of(sa.id()),
        "w-2", java.util.Set.of(sa.id())));
    store.savePoll(snapshot(b, T0, sb), java.util.List.of(), java.util.Map.of("w-1", java.util.Set.of(sb.id())));

    var all = store.announced(java.util.List.of("w-1", "w-2", "w-9"));

    assertThat(all.get("w-1")).containsExactlyInAnyOrder(sa.id(), sb.id());
    assertThat(all.get("w-2")).containsExactly(sa.id());
    assertThat(all.get("w-9")).isEmpty();
  }

  @Test
  void cancelledWatchesAreNotLoaded() {
    store.saveWatch(watch("w-1", "u1", a));
    store.saveWatch(watch("w-2", "u1", a).withState(WatchState.CANCELLED));
    store.saveWatch(watch("w-3", "u1", a).withState(WatchState.BOOKED));

    assertThat(store.loadWatches()).extracting(Watch::id).containsExactlyInAnyOrder("w-1", "w-3");
  }

  @Test
  void deletingAWatchRemovesItAndWhatWasAnnouncedToIt() {
    Slot s = slot(a, 0);
    store.saveWatch(watch("w-1", "u1", a));
    store.saveWatch(watch("w-2", "u1", a));
    store.savePoll(snapshot(a, T0, s), List.of(opened(s, T0)), Map.of("w-1", Set.of(s.id()), "w-2", Set.of(s.id())));

    store.deleteWatch("w-1");

    assertThat(store.loadWatches()).extracting(Watch::id).containsExactly("w-2");
    assertThat(store.announced("w-1")).isEmpty();
    assertThat(store.announced("w-2")).containsExactly(s.id());
  }

  @Test
  void deletingAnUnknownWatchChangesNothing() {
    store.saveWatch(watch("w-1", "u1", a));

    store.deleteWatch("w-404");

    assertThat(store.loadWatches()).hasSize(1);
  }

  @Test
  void anEmptyStoreHasNothing() {
    assertThat(store.loadWatches()).isEmpty();
    assertThat(store.loadSnapshot(a.id())).isEmpty();
    assertThat(store.history(a.id())).isEmpty();
    assertThat(store.announced("w-1")).isEmpty();
    assertThat(store.attempt("w-1|x")).isEmpty();
    assertThat(store.attempts("w-1")).isEmpty();
    assertThat(store.openAttempts()).isEmpty();
    assertThat(store.ownerPlan("u1")).isEmpty();
  }

  // ------------------------------------------------------------------ polls

  @Test
  void savePollStoresTheSnapshotWithItsSlotsInOrder() {
    Slot early = slot(a, 0);
    Slot late = slot(a, 30);
    TargetSnapshot snap = snapshot(a, T0, early, late);

    store.savePoll(snap, List.of(), Map.of());

    assertThat(store.loadSnapshot(a.id())).contains(snap);
    assertThat(store.loadSnapshot(b.id())).isEmpty();
  }

  @Test
  void aLaterPollReplacesTheSnapshot() {
    store.savePoll(snapshot(a, T0, slot(a, 0), slot(a, 30)), List.of(), Map.of());
    TargetSnapshot later = snapshot(a, T0.plusSeconds(60));

    store.savePoll(later, List.of(), Map.of());

    assertThat(store.loadSnapshot(a.id())).contains(later);
  }

  @Test
  void historyKeepsChangesPerTargetOldestFirst() {
    Slot s1 = slot(a, 0);
    Slot s2 = slot(a, 30);
    Instant t1 = T0.plusSeconds(10);
    Instant t2 = T0.plusSeconds(20);
    store.savePoll(snapshot(a, T0, s1), List.of(opened(s1, T0)), Map.of());
    store.savePoll(snapshot(a, t1, s1, s2), List.of(opened(s2, t1)), Map.of());
    store.savePoll(snapshot(b, t1, slot(b, 0)), List.of(opened(slot(b, 0), t1)), Map.of());

    store.savePoll(snapshot(a, t2, s2), List.of(new SlotChange(s1, SlotChange.Kind.GONE, t2, t1)), Map.of());

    assertThat(store.history(a.id())).containsExactly(opened(s1, T0), opened(s2, t1),
        new SlotChange(s1, SlotChange.Kind.GONE, t2, t1));
    assertThat(store.history(b.id())).containsExactly(opened(slot(b, 0), t1));
  }

  @Test
  void announcedIdsAreReplacedPerTargetSoTwoTargetsOfOneWatchUpdateIndependently() {
    Slot a1 = slot(a, 0);
    Slot a2 = slot(a, 30);
    Slot b1 = slot(b, 0);
    store.saveWatch(watch("w-1", "u1", a, b));
    store.savePoll(snapshot(a, T0, a1), List.of(), Map.of("w-1", Set.of(a1.id())));
    store.savePoll(snapshot(b, T0, b1), List.of(), Map.of("w-1", Set.of(b1.id())));

    store.savePoll(snapshot(a, T0.plusSeconds(30), a2), List.of(), Map.of("w-1", Set.of(a2.id())));

    assertThat(store.announced("w-1")).containsExactlyInAnyOrder(a2.id(), b1.id());
  }

  @Test
  void anEmptySetClearsOnlyThatTargetsAnnouncedIds() {
    Slot a1 = slot(a, 0);
    Slot b1 = slot(b, 0);
    store.saveWatch(watch("w-1", "u1", a, b));
    store.savePoll(snapshot(a, T0, a1), List.of(), Map.of("w-1", Set.of(a1.id())));
    store.savePoll(snapshot(b, T0, b1), List.of(), Map.of("w-1", Set.of(b1.id())));

    store.savePoll(snapshot(a, T0.plusSeconds(30)), List.of(), Map.of("w-1", Set.of()));

    assertThat(store.announced("w-1")).containsExactly(b1.id());
  }

  @Test
  void watchesLeftOutOfAPollKeepTheirAnnouncedIds() {
    Slot a1 = slot(a, 0);
    Slot a2 = slot(a, 30);
    store.saveWatch(watch("w-1", "u1", a));
    store.saveWatch(watch("w-2", "u2", a));
    store.savePoll(snapshot(a, T0, a1), List.of(), Map.of("w-1", Set.of(a1.id()), "w-2", Set.of(a1.id())));

    store.savePoll(snapshot(a, T0.plusSeconds(30), a1, a2), List.of(), Map.of("w-2", Set.of(a1.id(), a2.id())));

    assertThat(store.announced("w-1")).containsExactly(a1.id());
    assertThat(store.announced("w-2")).containsExactlyInAnyOrder(a1.id(), a2.id());
  }

  @Test
  void announcedIdsOfUnknownWatchesAreIgnored() {
    Slot a1 = slot(a, 0);

    store.savePoll(snapshot(a, T0, a1), List.of(), Map.of("w-404", Set.of(a1.id())));

    assertThat(store.announced("w-404")).isEmpty();
    assertThat(store.loadSnapshot(a.id())).isPresent();
  }

  @Test
  void concurrentPollsOfTwoTargetsOfOneWatchNeverOverwriteEachOther() throws Exception {
    store.saveWatch(watch("w-1", "u1", a, b));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Void>> polls = new ArrayList<>();
      for (Target t : List.of(a, b)) {
        polls.add(() -> {
          for (int i = 0; i < 20; i++) {
            Slot s = slot(t, i);
            store.savePoll(snapshot(t, T0.plusSeconds(i), s), List.of(opened(s, T0.plusSeconds(i))),
                Map.of("w-1", Set.of(s.id())));
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(polls, 30, TimeUnit.SECONDS)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.announced("w-1")).containsExactlyInAnyOrder(slot(a, 19).id(), slot(b, 19).id());
    assertThat(store.history(a.id())).hasSize(20);
    assertThat(store.history(b.id())).hasSize(20);
  }

  // ------------------------------------------------------------------ attempts and plans

  @Test
  void attemptsAreFoundByKeyAndReplacedAsTheyProgress() {
    Slot s = slot(a, 0);
    BookingAttempt started = attempt("w-1", s, BookingAttempt.State.STARTED, T0);
    store.saveAttempt(started);
    BookingAttempt booked = attempt("w-1", s, BookingAttempt.State.BOOKED, T0.plusSeconds(1));

    store.saveAttempt(booked);

    assertThat(store.attempt(started.key())).contains(booked);
    assertThat(store.attempts("w-1")).containsExactly(booked);
  }

  @Test
  void attemptsAreListedPerWatch() {
    BookingAttempt one = attempt("w-1", slot(a, 0), BookingAttempt.State.FAILED, T0);
    BookingAttempt two = attempt("w-1", slot(a, 30), BookingAttempt.State.BOOKED, T0.plusSeconds(1));
    BookingAttempt other = attempt("w-2", slot(a, 0), BookingAttempt.State.STARTED, T0);

    store.saveAttempt(one);
    store.saveAttempt(two);
    store.saveAttempt(other);

    assertThat(store.attempts("w-1")).containsExactlyInAnyOrder(one, two);
    assertThat(store.attempts("w-2")).containsExactly(other);
  }

  @Test
  void openAttemptsAreTheStartedAndHeldOnes() {
    BookingAttempt started = attempt("w-1", slot(a, 0), BookingAttempt.State.STARTED, T0);
    BookingAttempt held = attempt("w-2", slot(a, 0), BookingAttempt.State.HELD, T0);
    store.saveAttempt(started);
    store.saveAttempt(held);
    store.saveAttempt(attempt("w-3", slot(a, 0), BookingAttempt.State.BOOKED, T0));
    store.saveAttempt(attempt("w-4", slot(a, 0), BookingAttempt.State.FAILED, T0));
    store.saveAttempt(attempt("w-5", slot(a, 0), BookingAttempt.State.UNKNOWN, T0));

    assertThat(store.openAttempts()).containsExactlyInAnyOrder(started, held);

    store.saveAttempt(held.with(BookingAttempt.State.UNKNOWN, T0.plusSeconds(5)));

    assertThat(store.openAttempts()).containsExactly(started);
  }

  @Test
  void attemptsOutliveTheirWatchAsIdempotencyRecords() {
    store.saveWatch(watch("w-1", "u1", a));
    BookingAttempt booked = attempt("w-1", slot(a, 0), BookingAttempt.State.BOOKED, T0);
    store.saveAttempt(booked);

    store.deleteWatch("w-1");

    assertThat(store.attempt(booked.key())).contains(booked);
  }

  @Test
  void ownerPlansAreSavedAndReplaced() {
    store.saveOwnerPlan("u1", "PREMIUM");
    store.saveOwnerPlan("u2", "FREE");

    store.saveOwnerPlan("u1", "PRO");

    assertThat(store.ownerPlan("u1")).contains("PRO");
    assertThat(store.ownerPlan("u2")).contains("FREE");
    assertThat(store.ownerPlan("u3")).isEmpty();
  }

  // ------------------------------------------------------------------ patient books

  private static io.github.slothunter.api.OwnerPatient person(String label, String firstName) {
    return new io.github.slothunter.api.OwnerPatient(label,
        io.github.slothunter.api.Patient.of(firstName, "احمدی", Fixtures.NATIONAL_CODE, Fixtures.MOBILE));
  }

  @Test
  void anOwnersPatientsLoadBackEqualInTheOrderFirstSaved() {
    io.github.slothunter.api.OwnerPatient imported = new io.github.slothunter.api.OwnerPatient("علی احمدی",
        Fixtures.patient().withAccountUserId("6120458"), "paziresh24");
    io.github.slothunter.api.OwnerPatient me = person("me", "سارا");

    store.saveOwnerPatient("u1", me);
    store.saveOwnerPatient("u1", imported);
    store.saveOwnerPatient("u2", person("me", "رضا"));

    assertThat(store.ownerPatients("u1")).containsExactly(me, imported);
    assertThat(store.ownerPatients("u2")).extracting(p -> p.patient().firstName()).containsExactly("رضا");
    assertThat(store.ownerPatients("u3")).isEmpty();
  }

  @Test
  void savingALabelAgainReplacesItsPatientInPlace() {
    store.saveOwnerPatient("u1", person("me", "سارا"));
    store.saveOwnerPatient("u1", person("mom", "مریم"));

    store.saveOwnerPatient("u1", person("me", "سارا‌جان"));

    assertThat(store.ownerPatients("u1")).extracting(p -> p.label() + ":" + p.patient().firstName())
        .containsExactly("me:سارا‌جان", "mom:مریم");
  }

  @Test
  void severalPatientsAreSavedTogetherInOrderAndALaterOneOfTheSameLabelWins() {
    store.saveOwnerPatient("u1", person("mom", "مریم"));

    store.saveOwnerPatients("u1", List.of(person("me", "سارا"), person("son", "علی"), person("me", "سارا‌جان"),
        person("mom", "زهرا")));

    assertThat(store.ownerPatients("u1")).extracting(p -> p.label() + ":" + p.patient().firstName())
        .containsExactly("mom:زهرا", "me:سارا‌جان", "son:علی");
  }

  @Test
  void deletingAPatientRemovesThatOwnersLabelOnly() {
    store.saveOwnerPatient("u1", person("me", "سارا"));
    store.saveOwnerPatient("u1", person("mom", "مریم"));
    store.saveOwnerPatient("u2", person("mom", "زهرا"));

    boolean removed = store.deleteOwnerPatient("u1", "mom");

    assertThat(removed).isTrue();
    assertThat(store.deleteOwnerPatient("u1", "mom")).isFalse();
    assertThat(store.deleteOwnerPatient("u9", "me")).isFalse();
    assertThat(store.ownerPatients("u1")).extracting(io.github.slothunter.api.OwnerPatient::label).containsExactly("me");
    assertThat(store.ownerPatients("u2")).extracting(io.github.slothunter.api.OwnerPatient::label).containsExactly("mom");
  }

  @Test
  void aDeletedLabelSavedAgainGoesToTheEnd() {
    store.saveOwnerPatient("u1", person("me", "سارا"));
    store.saveOwnerPatient("u1", person("mom", "مریم"));
    store.deleteOwnerPatient("u1", "me");

    store.saveOwnerPatient("u1", person("me", "سارا"));

    assertThat(store.ownerPatients("u1")).extracting(io.github.slothunter.api.OwnerPatient::label)
        .containsExactly("mom", "me");
  }

  @Test
  void anAutoBookWatchKeepsTheAccountUserItBooksFor() {
    Watch base = autoBookWatch("w-9", "u9", a);
    AutoBook forSon = new AutoBook(Fixtures.patient().withAccountUserId("6120458"), Fixtures.session(), 1);
    Watch w = new Watch(base.id(), base.owner(), base.doctor(), base.targets(), base.prices(), base.filter(),
        base.planName(), forSon, base.createdAt(), base.state());

    store.saveWatch(w);

    assertThat(store.loadWatch("w-9").orElseThrow().autoBook().patient().accountUserId()).isEqualTo("6120458");
    assertThat(store.loadWatches()).containsExactly(w);
  }

  @Test
  void subscriptionsKeepTheirEndAndAPlainPlanHasNone() {
    io.github.slothunter.api.Subscription month = new io.github.slothunter.api.Subscription("u1", "PREMIUM",
        T0.plus(Duration.ofDays(30)));
    store.saveSubscription(month);
    store.saveOwnerPlan("u2", "PRO");
    store.saveSubscription(new io.github.slothunter.api.Subscription("u3", "PRO", T0.plus(Duration.ofDays(1))));

    assertThat(store.subscription("u1")).contains(month);
    assertThat(store.ownerPlan("u1")).contains("PREMIUM");
    assertThat(store.subscription("u2")).contains(io.github.slothunter.api.Subscription.unlimited("u2", "PRO"));
    assertThat(store.endingSubscriptions()).extracting(io.github.slothunter.api.Subscription::owner)
        .containsExactly("u1", "u3");

    store.saveOwnerPlan("u3", "FREE"); // a plan without an end replaces one with an end

    assertThat(store.subscription("u3").orElseThrow().until()).isNull();
    assertThat(store.endingSubscriptions()).containsExactly(month);
  }

  @Test
  void aSingleInstanceIsGrantedEveryTarget() {
    Set<String> held = store.leases().claim("i-1", List.of(a.id(), b.id()), Duration.ofSeconds(30));

    assertThat(held).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(store.leases().liveInstances(Duration.ofSeconds(30))).isEqualTo(1);
  }
}
