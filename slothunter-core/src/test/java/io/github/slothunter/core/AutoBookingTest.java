package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.api.BookingAttempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchEvent;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryGate;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoBookingTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void noHoldIsLeftBehind() {
    f.close();
    assertThat(f.provider.holds().size()).isZero();
  }

  private Watch autoWatch(String owner, Target t) {
    return f.hunter.watch(WatchRequest.of(owner, t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
  }

  @Test
  void booksTheFirstMatchingSlotHoldFirstThenBook() {
    Target t = f.provider.target("dr-a");
    Slot later = f.provider.open(t, f.at("09:00", 2));
    Slot first = f.provider.open(t, f.at("06:00", 1));
    Watch w = autoWatch("u1", t);

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.booking().slot()).isEqualTo(first);
    assertThat(ok.booking().trackingCode()).isEqualTo("TRK0");
    assertThat(ok.watchId()).isEqualTo(w.id());
    assertThat(f.provider.bookings()).hasSize(1);
    List<Operation> ops = f.provider.requests().stream().map(InMemoryProvider.Request::operation)
        .filter(op -> op == Operation.HOLD || op == Operation.BOOK).toList();
    assertThat(ops).containsExactly(Operation.HOLD, Operation.BOOK);
    List<SlotEvent> forWatch = f.events.settle().stream().filter(e -> e instanceof WatchEvent).toList();
    assertThat(forWatch).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("SlotOpened", "SlotOpened", "HoldPlaced", "BookingSucceeded");
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
    assertThat(f.store.attempts(w.id())).singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(BookingAttempt.State.BOOKED));
    assertThat(f.hunter.snapshot(t)).contains(later);
  }

  @Test
  void aWatchStopsBookingAfterItsBookingsButKeepsNotifying() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    autoWatch("u1", t);
    f.hunter.runDue();
    f.events.await(BookingSucceeded.class, 1);

    f.provider.open(t, f.at("07:00", 1));
    f.tick(Duration.ofSeconds(10));

    assertThat(f.events.await(SlotOpened.class, 2)).hasSize(2);
    assertThat(f.provider.bookings()).hasSize(1);
    assertThat(f.provider.count(Operation.HOLD)).isEqualTo(1);
  }

  /** Doctor {@code mem:dr-two} with two calendars (services s1, s2), each with a slot at 06:00 tomorrow. */
  private InMemoryProvider twoCalendarsWithASlotEach() {
    InMemoryProvider p = InMemoryProvider.builder().clock(f.clock).budget(RequestBudget.of(1000, 10_000, 4)).build();
    List<Target> both = p.doctor("dr-two", "s1", "s2");
    p.open(both.get(0), f.at("06:00", 1));
    p.open(both.get(1), f.at("06:00", 1));
    return p;
  }

  /** An engine with its own threads (polls of different calendars run concurrently) and the FAST plan. */
  private SlotHunter threaded(InMemoryProvider p) {
    return SlotHunter.builder().provider(p.factory()).clock(f.clock)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).build();
  }

  @Test
  void aWatchOnSeveralCalendarsBooksOnlyOnceEvenWhenTheirPollsRunConcurrently() throws Exception {
    InMemoryProvider p = twoCalendarsWithASlotEach();
    InMemoryGate holdGate = p.gate(Operation.HOLD);
    try (SlotHunter threaded = threaded(p)) {
      RecordingListener events = new RecordingListener();
      threaded.listen(events);
      threaded.watch(WatchRequest.of("u1", "mem:dr-two").plan("FAST").autoBook(EngineFixture.patient(), f.session()));
      assertThat(holdGate.awaitEntered(Duration.ofSeconds(5))).isTrue();
      holdGate.open();

      events.await(BookingSucceeded.class, 1);
      events.settle();
      assertThat(p.bookings()).hasSize(1);
      assertThat(p.count(Operation.HOLD)).isEqualTo(1);
    }
  }

  @Test
  void aPollThatFindsAnotherPollBookingForTheWatchLeavesItsSlotsToItInsteadOfWaiting() throws Exception {
    InMemoryProvider p = twoCalendarsWithASlotEach();
    InMemoryGate holdGate = p.gate(Operation.HOLD);
    try (SlotHunter threaded = threaded(p)) {
      RecordingListener events = new RecordingListener();
      threaded.listen(events);
      Watch w = threaded.watch(WatchRequest.of("u1", "mem:dr-two").plan("FAST")
          .autoBook(new AutoBook(EngineFixture.patient(), f.session(), 2)));
      assertThat(holdGate.awaitEntered(Duration.ofSeconds(5))).isTrue();

      // one poll is stuck in its hold call; the other poll ends (its calendar is queued again) meanwhile
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (threaded.health(w.id()).nextPoll() == null && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(threaded.health(w.id()).nextPoll()).as("the other poll finished while the hold was stuck").isNotNull();
      assertThat(p.count(Operation.HOLD)).isEqualTo(1);

      holdGate.open();

      // the booking poll then serves the slots the other poll left to it
      events.await(BookingSucceeded.class, 2);
      assertThat(p.bookings()).hasSize(2);
      assertThat(p.count(Operation.HOLD)).isEqualTo(2);
    }
  }

  @Test
  void maxBookingsAllowsSeveralBookings() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST")
        .autoBook(new AutoBook(EngineFixture.patient(), f.session(), 2)));

    f.hunter.runDue();
    f.tick(Duration.ofSeconds(10));

    assertThat(f.events.await(BookingSucceeded.class, 2)).hasSize(2);
    assertThat(f.provider.bookings()).hasSize(2);
  }

  @Test
  void aSlotTakenBetweenHoldAndBookMovesOnToTheNextSlotAtOnce() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    Slot second = f.provider.open(t, f.at("07:00", 1));
    f.provider.takeAfterHold(true);
    autoWatch("u1", t);

    f.provider.takeAfterHold(true);
    f.hunter.runDue();

    List<BookingFailed> failed = f.events.await(BookingFailed.class, 2);
    assertThat(failed).allSatisfy(b -> {
      assertThat(b.code()).isEqualTo(ErrorCode.SLOT_TAKEN);
      assertThat(b.willRetry()).isTrue();
    });
    assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(1);
    assertThat(f.provider.count(Operation.HOLD)).isEqualTo(2);
    assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(2);
    assertThat(failed.get(1).slot()).isEqualTo(second);
  }

  @Test
  void aSlotTakenAtHoldIsSkippedForTheNextOne() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    Slot second = f.provider.open(t, f.at("07:00", 1));
    f.provider.failNext(Operation.HOLD, ErrorCode.SLOT_TAKEN);
    autoWatch("u1", t);

    f.hunter.runDue();

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot()).isEqualTo(second);
    assertThat(f.events.of(BookingFailed.class)).singleElement()
        .satisfies(b -> assertThat(b.reason()).contains("before we could hold"));
  }

  @Test
  void anAlreadyExpiredHoldIsReleasedAndNotBooked() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.holdTtl(Duration.ZERO);
    autoWatch("u1", t);

    f.hunter.runDue();

    assertThat(f.events.await(BookingFailed.class, 1).get(0).code()).isEqualTo(ErrorCode.HOLD_EXPIRED);
    assertThat(f.provider.count(Operation.BOOK)).isZero();
    assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);
  }

  @Test
  void aServerErrorOnBookIsAnUnknownOutcomeSoTheHoldIsKeptAndBookingPauses() {
    // a 5xx or timeout after the book call went out: the site may have booked (here it did)
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.loseAnswers(true);
    Watch w = autoWatch("u1", t);

    f.hunter.runDue();
    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    f.tick(Duration.ofSeconds(10));

    assertThat(unknown.slot().start()).isEqualTo(f.at("06:00", 1));
    assertThat(f.provider.count(Operation.RELEASE)).isZero();
    assertThat(f.provider.count(Operation.HOLD)).isEqualTo(1); // never a second booking for the watch
    assertThat(f.events.of(BookingFailed.class)).isEmpty();
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void aDefiniteRefusalOnBookReleasesTheHoldAndRetriesNextPoll() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.NOT_FOUND);
    autoWatch("u1", t);

    f.hunter.runDue();
    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    int releasesAfterFailure = (int) f.provider.count(Operation.RELEASE);
    f.tick(Duration.ofSeconds(10));

    assertThat(failed.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed.willRetry()).isTrue();
    assertThat(releasesAfterFailure).isEqualTo(1);
    // the failed slot is never retried for this watch; the next one is booked
    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.booking().slot()).isNotEqualTo(failed.slot());
  }

  @Test
  void anExpiredSessionPausesBookingButTheWatchKeepsNotifying() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    AccountSession expired = new AccountSession(InMemoryProvider.DEFAULT_ID, "tok", Map.of(), f.clock.instant().minusSeconds(1));
    Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), expired));

    f.hunter.runDue();
    f.provider.open(t, f.at("07:00", 1));
    f.tick(Duration.ofSeconds(10));

    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    assertThat(failed.willRetry()).isFalse();
    assertThat(f.events.await(WatchPaused.class, 1).get(0).reason()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    assertThat(f.events.await(SlotOpened.class, 2)).hasSize(2);
    assertThat(f.provider.count(Operation.HOLD)).isZero();
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void aSessionRejectedByTheProviderPausesBooking() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.AUTH_REQUIRED);
    Watch w = autoWatch("u1", t);

    f.hunter.runDue();

    assertThat(f.events.await(BookingFailed.class, 1).get(0).code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
    assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);
  }

  @Test
  void rejectedPatientDetailsPauseBooking() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.INVALID_INPUT);
    Watch w = autoWatch("u1", t);

    f.hunter.runDue();

    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.reason()).contains("patient details");
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void fiftyWatchesRacingForThreeSlotsBookExactlyThreeInPlanThenAgeOrder() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.open(t, f.at("08:00", 1));
    List<Watch> watches = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String plan = i == 40 ? "ENTERPRISE" : "FAST";
      watches.add(f.hunter.watch(WatchRequest.of("u" + i, t).plan(plan).autoBook(EngineFixture.patient(),
          f.session())));
      f.clock.advance(Duration.ofMillis(1));
    }

    f.hunter.runDue();

    List<BookingSucceeded> ok = f.events.await(BookingSucceeded.class, 3);
    assertThat(f.events.settle().stream().filter(e -> e instanceof BookingSucceeded)).hasSize(3);
    assertThat(f.provider.bookings()).hasSize(3);
    assertThat(ok).extracting(BookingSucceeded::owner).containsExactly("u40", "u0", "u1");
    assertThat(f.provider.count(Operation.HOLD)).isEqualTo(3);
    assertThat(f.events.of(HoldPlaced.class)).hasSize(3);
  }

  @Test
  void anInterruptedAttemptIsReportedAsUnknownAfterRestartAndNeverRepeated() {
    Target t = f.provider.target("dr-a");
    Watch w = autoWatch("u1", t);
    f.hunter.runDue();
    Slot slot = f.provider.open(t, f.at("06:00", 1));
    // a crash right after the attempt record and the hold: the record is HELD, the hold outstanding
    var hold = f.provider.booker().orElseThrow().hold(slot, f.session());
    f.store.saveAttempt(new BookingAttempt(BookingAttempt.keyOf(w.id(), slot), w.id(), slot,
        BookingAttempt.State.HELD, hold.providerHoldKey(), hold.expiresAt(), null, null, null, f.clock.instant()));

    f.restart();
    f.tick(Duration.ofSeconds(10));
    f.tick(Duration.ofSeconds(10));

    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    assertThat(unknown.slot()).isEqualTo(slot);
    assertThat(f.provider.bookings()).isEmpty();
    assertThat(f.provider.count(Operation.BOOK)).isZero();
    assertThat(f.provider.holds().size()).isZero();
    assertThat(f.store.attempt(unknown.attemptKey()).orElseThrow().state()).isEqualTo(BookingAttempt.State.UNKNOWN);
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void aProviderWithoutBookingFallsBackToNotifyOnlyAndSaysSo() {
    try (EngineFixture nb = new EngineFixture(RequestBudget.of(100, 1000, 2), Store.inMemory(), false)) {
      Target t = nb.provider.target("dr-a");
      nb.provider.open(t, nb.at("06:00", 1));

      Watch w = nb.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), nb.session()));
      nb.hunter.runDue();

      assertThat(w.autoBook()).isNull();
      assertThat(nb.events.await(WatchPaused.class, 1).get(0).reason()).isEqualTo(ErrorCode.UNSUPPORTED);
      assertThat(nb.events.await(SlotOpened.class, 1).get(0).bookingLink()).isNotNull();
      assertThat(nb.provider.count(Operation.HOLD)).isZero();
    }
  }

  @Test
  void aSessionForAnotherProviderIsInvalidInput() {
    Target t = f.provider.target("dr-a");
    AccountSession other = new AccountSession("paziresh24", "tok", Map.of(), null);

    var e = org.assertj.core.api.Assertions.catchThrowableOfType(io.github.slothunter.api.SlotHunterException.class,
        () -> f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), other)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(f.hunter.watches("u1")).isEmpty();
  }

  @Test
  void cancellingAWatchWhileItHoldsASlotReleasesTheHoldInsteadOfBooking() throws Exception {
    InMemoryProvider p = InMemoryProvider.builder().clock(f.clock).budget(RequestBudget.of(100, 1000, 2)).build();
    Target t = p.target("dr-a");
    p.open(t, f.at("06:00", 1));
    try (SlotHunter threaded = SlotHunter.builder().provider(p.factory()).clock(f.clock)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).build()) {
      InMemoryGate holdGate = p.gate(Operation.HOLD);
      Watch w = threaded.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
      assertThat(holdGate.awaitEntered(Duration.ofSeconds(5))).isTrue();

      threaded.cancel(w.id());
      holdGate.open();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (p.count(Operation.RELEASE) == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(p.count(Operation.RELEASE)).isEqualTo(1);
      assertThat(p.count(Operation.BOOK)).isZero();
      assertThat(p.holds().size()).isZero();
    }
  }

  @Test
  void closingDuringABookingReleasesTheHold() throws Exception {
    InMemoryProvider p = InMemoryProvider.builder().clock(f.clock).budget(RequestBudget.of(100, 1000, 2)).build();
    Target t = p.target("dr-a");
    p.open(t, f.at("06:00", 1));
    InMemoryGate holdGate = p.gate(Operation.HOLD);
    SlotHunter threaded = SlotHunter.builder().provider(p.factory()).clock(f.clock)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).closeTimeout(Duration.ofSeconds(2)).build();
    threaded.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
    assertThat(holdGate.awaitEntered(Duration.ofSeconds(5))).isTrue();

    Thread closer = new Thread(threaded::close);
    closer.start();
    while (closer.isAlive() && closer.getState() == Thread.State.RUNNABLE) {
      Thread.onSpinWait(); // until close() waits for the poll in flight
    }
    holdGate.open();
    closer.join(5000);

    assertThat(closer.isAlive()).isFalse();
    assertThat(p.count(Operation.HOLD)).isEqualTo(1);
    assertThat(p.count(Operation.BOOK)).isZero();
    assertThat(p.count(Operation.RELEASE)).isEqualTo(1);
    assertThat(p.holds().size()).isZero();
    assertThat(p.bookings()).isEmpty();
  }

  @Test
  void cancellingAWatchMidBookingLetsTheSentBookingFinishAndLeavesNoHold() throws Exception {
    InMemoryProvider p = InMemoryProvider.builder().clock(f.clock).budget(RequestBudget.of(100, 1000, 2)).build();
    Target t = p.target("dr-a");
    p.open(t, f.at("06:00", 1));
    try (SlotHunter threaded = SlotHunter.builder().provider(p.factory()).clock(f.clock)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).build()) {
      RecordingListener events = new RecordingListener();
      threaded.listen(events);
      InMemoryGate bookGate = p.gate(Operation.BOOK);
      Watch w = threaded.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
      assertThat(bookGate.awaitEntered(Duration.ofSeconds(5))).isTrue();

      threaded.cancel(w.id());
      bookGate.open();

      events.await(BookingSucceeded.class, 1);
      assertThat(p.bookings()).hasSize(1);
      assertThat(p.holds().size()).isZero();
    }
  }
}
