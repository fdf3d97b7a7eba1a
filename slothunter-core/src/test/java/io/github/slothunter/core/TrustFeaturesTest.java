package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.api.AutoBook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 12: watch health and explain(), verified bookings, booking guards, snooze. */
class TrustFeaturesTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void noHoldIsLeftBehind() {
    f.close();
    assertThat(f.provider.holds().size()).isZero();
  }

  /** The patient's current booking on {@code t}: 09:00 in three days, taken off the calendar. */
  private Booking booked(Target t) {
    Booking current = f.provider.addBooking(f.provider.open(t, f.at("09:00", 3)));
    f.provider.take(current.slot());
    return current;
  }

  /** Capabilities are read when the engine starts. */
  private void readBack() {
    f.provider.readBack(true);
    f.restart();
  }

  @Nested
  class VerifiedBookings {
    @Test
    void aBookingTheProviderReadsBackIsVerified() {
      readBack();
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      f.autoWatch(t, f.autoBook());

      f.hunter.runDue();

      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.verified()).isTrue();
      assertThat(ok.verification()).isEqualTo("confirmed by the provider's records");
      assertThat(f.provider.count(Operation.READ_BACK)).isEqualTo(1);
    }

    @Test
    void aBookingTheProviderDoesNotShowIsReportedUnverifiedWithTheReason() {
      readBack();
      f.provider.loseBookings(true);
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      Watch w = f.autoWatch(t, f.autoBook());

      f.hunter.runDue();

      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.verified()).isFalse();
      assertThat(ok.verification()).contains("records do not show this booking");
      // counted as made: never book a second slot on a maybe-booking
      f.provider.open(t, f.at("07:00", 1));
      f.tick(Duration.ofSeconds(10));
      assertThat(f.provider.count(Operation.HOLD)).isEqualTo(1);
      assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
    }

    @Test
    void aProviderWithoutReadBackGivesUnverifiedBookings() {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      f.autoWatch(t, f.autoBook());

      f.hunter.runDue();

      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.verified()).isFalse();
      assertThat(ok.verification()).contains("cannot read bookings back");
      assertThat(f.provider.count(Operation.READ_BACK)).isZero();
    }

    @Test
    void aFailedReadBackLeavesTheBookingUnverifiedNotLost() {
      readBack();
      f.provider.failNext(Operation.READ_BACK, ErrorCode.PROVIDER_UNAVAILABLE);
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      f.autoWatch(t, f.autoBook());

      f.hunter.runDue();

      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.verified()).isFalse();
      assertThat(ok.verification()).contains("reading the booking back failed (PROVIDER_UNAVAILABLE)");
      assertThat(f.provider.bookings()).hasSize(1);
    }
  }

  @Test
  void aBookingTheProviderShowsAtAnotherTimeIsNotVerified() {
    readBack();
    f.provider.readBackView(b -> new Booking(new Slot(b.slot().target(), b.slot().start().plusSeconds(3600),
        b.slot().end().plusSeconds(3600), b.slot().providerSlotKey()), b.providerBookingKey(), b.trackingCode(),
        b.bookedAt()));
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.autoWatch(t, f.autoBook());

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verified()).isFalse();
    assertThat(ok.verification()).contains("show this booking at 2026-12-06T07:00:00Z instead of 2026-12-06T06:00:00Z");
  }

  @Test
  void withoutReadBackTheReplacedBookingIsCancelledOnTheProvidersWord() {
    Target t = f.provider.target("dr-a");
    Booking current = f.provider.addBooking(f.provider.open(t, f.at("09:00", 3)));
    f.provider.take(current.slot());
    f.autoWatch(t, f.autoBook().replacing(current));
    Slot earlier = f.provider.open(t, f.at("06:00", 1));

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verified()).isFalse();
    assertThat(ok.verification()).contains("was cancelled");
    assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(earlier);
  }

  @Nested
  class Guards {
    @Test
    void aStrictlyBetterSlotReplacesTheCurrentBookingAndTheOldOneIsCancelledAfter() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.autoWatch(t, f.autoBook().replacing(current));
      Slot later = f.provider.open(t, f.at("10:00", 4));

      f.hunter.runDue();
      assertThat(f.provider.bookings()).containsExactly(current); // a later slot is not better
      assertThat(f.provider.count(Operation.HOLD)).isZero();

      Slot earlier = f.provider.open(t, f.at("06:00", 1));
      f.tick(Duration.ofSeconds(10));

      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.booking().slot()).isEqualTo(earlier);
      assertThat(ok.verification()).contains("the previous booking (" + current.trackingCode() + ") was cancelled");
      assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(earlier);
      List<Operation> ops = f.provider.requests().stream().map(InMemoryProvider.Request::operation)
          .filter(op -> List.of(Operation.HOLD, Operation.BOOK, Operation.READ_BACK, Operation.CANCEL).contains(op)).toList();
      assertThat(ops).containsExactly(Operation.HOLD, Operation.BOOK, Operation.READ_BACK, Operation.CANCEL); // new first, old last
      assertThat(f.hunter.snapshot(t)).contains(later);
    }

    @Test
    void theOldBookingIsKeptWhenTheNewOneIsNotConfirmed() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.loseBookings(true);
      f.autoWatch(t, f.autoBook().replacing(current));
      f.provider.open(t, f.at("06:00", 1));

      f.hunter.runDue();

      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.verified()).isFalse();
      assertThat(ok.verification()).contains("the previous booking was kept");
      assertThat(f.provider.bookings()).containsExactly(current);
      assertThat(f.provider.count(Operation.CANCEL)).isZero();
    }

    @Test
    void aCancelRefusedForGoodIsReportedAndBothStand() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.failNext(Operation.CANCEL, ErrorCode.NOT_FOUND);
      Watch w = f.autoWatch(t, f.autoBook().replacing(current));
      f.provider.open(t, f.at("06:00", 1));

      f.hunter.runDue();

      assertThat(f.events.await(BookingSucceeded.class, 1).get(0).verification())
          .contains("could not be cancelled (NOT_FOUND)");
      BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
      assertThat(failed.slot()).isEqualTo(current.slot());
      assertThat(failed.reason()).contains("both bookings stand");
      assertThat(f.provider.bookings()).hasSize(2);
      assertThat(f.store.openAttempts()).as("the job is over").isEmpty();
      assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
    }

    @Test
    void aCancelThatCannotBeSentNowIsRetriedUntilTheOldBookingIsGone() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.failAlways(Operation.CANCEL, ErrorCode.PROVIDER_UNAVAILABLE);
      Watch w = f.autoWatch(t, f.autoBook().replacing(current));
      Slot better = f.provider.open(t, f.at("06:00", 1));

      f.hunter.runDue();
      BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
      assertThat(ok.verification()).contains("is being cancelled; you are told if that fails");
      BookingAttempt job = f.store.openAttempts().get(0);
      assertThat(job.state()).isEqualTo(BookingAttempt.State.REPLACING);
      assertThat(f.provider.bookings()).hasSize(2);
      f.provider.open(t, f.at("05:00", 1)); // even better, but the watch has its booking: no second one

      f.tick(Duration.ofSeconds(20));
      f.provider.clearFailures(Operation.CANCEL);
      f.tick(Duration.ofSeconds(40));

      assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(better);
      assertThat(f.store.attempt(job.key()).orElseThrow().state()).isEqualTo(BookingAttempt.State.BOOKED);
      assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
      assertThat(f.events.of(BookingSucceeded.class)).as("told once").hasSize(1);
      assertThat(f.events.of(BookingFailed.class)).isEmpty();
    }

    @Test
    void anOldBookingAlreadyGoneAtTheRestartIsNotCancelledAgain() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.failAlways(Operation.CANCEL, ErrorCode.PROVIDER_UNAVAILABLE);
      f.autoWatch(t, f.autoBook().replacing(current));
      Slot better = f.provider.open(t, f.at("06:00", 1));
      f.hunter.runDue();
      f.events.await(BookingSucceeded.class, 1);
      f.provider.clearFailures(Operation.CANCEL);
      f.provider.booker().orElseThrow().cancel(current, EngineFixture.patient(), f.session()); // by hand, on the site
      long cancels = f.provider.count(Operation.CANCEL);

      f.restart();

      assertThat(f.provider.count(Operation.CANCEL)).as("read back first: already gone").isEqualTo(cancels);
      assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(better);
      assertThat(f.store.openAttempts()).isEmpty();
      assertThat(f.events.settle()).filteredOn(e -> e instanceof BookingFailed).isEmpty();
    }

    @Test
    void aReplacementWhoseWatchWasCancelledEndsWithoutTellingAnyone() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.failAlways(Operation.CANCEL, ErrorCode.PROVIDER_UNAVAILABLE);
      Watch w = f.autoWatch(t, f.autoBook().replacing(current));
      f.provider.open(t, f.at("06:00", 1));
      f.hunter.runDue();
      f.events.await(BookingSucceeded.class, 1);
      BookingAttempt job = f.store.openAttempts().get(0);
      f.hunter.cancel(w.id());
      f.provider.clearFailures(Operation.CANCEL);

      f.restart();

      assertThat(f.store.attempt(job.key()).orElseThrow().state()).isEqualTo(BookingAttempt.State.BOOKED);
      assertThat(f.provider.bookings()).as("nothing cancelled for a watch that is gone").hasSize(2);
      assertThat(f.events.settle()).filteredOn(e -> e instanceof BookingSucceeded).hasSize(1);
    }

    @Test
    void aCancelThatNeverGoesThroughIsGivenUpAndBothStandAreReportedOnce() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.failAlways(Operation.CANCEL, ErrorCode.PROVIDER_UNAVAILABLE);
      f.autoWatch(t, f.autoBook().replacing(current));
      f.provider.open(t, f.at("06:00", 1));
      f.hunter.runDue();
      f.events.await(BookingSucceeded.class, 1);

      for (int i = 0; i < 35; i++) {
        f.tick(Duration.ofMinutes(1));
      }

      BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
      assertThat(failed.slot()).isEqualTo(current.slot());
      assertThat(failed.reason()).contains("both bookings stand");
      assertThat(f.provider.count(Operation.CANCEL)).as("backed off, not hammered").isBetween(5L, 25L);
      assertThat(f.store.openAttempts()).isEmpty();
      f.tick(Duration.ofMinutes(5));
      assertThat(f.events.of(BookingFailed.class)).hasSize(1);
    }

    @Test
    void aRestartFinishesTheCancelAndTellsNothingTwice() {
      readBack();
      Target t = f.provider.target("dr-a");
      Booking current = booked(t);
      f.provider.failAlways(Operation.CANCEL, ErrorCode.PROVIDER_UNAVAILABLE);
      Watch w = f.autoWatch(t, f.autoBook().replacing(current));
      Slot better = f.provider.open(t, f.at("06:00", 1));
      f.hunter.runDue();
      f.events.await(BookingSucceeded.class, 1);

      f.provider.clearFailures(Operation.CANCEL);
      f.restart();

      assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(better);
      assertThat(f.store.openAttempts()).isEmpty();
      assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
      f.tick(Duration.ofMinutes(1));
      assertThat(f.events.of(BookingSucceeded.class)).as("told once").hasSize(1);
      assertThat(f.events.of(BookingFailed.class)).isEmpty();
      assertThat(f.provider.count(Operation.BOOK)).isEqualTo(1);
    }

    @Test
    void slotsSoonerThanTheLeadTimeAreNotBooked() {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.clock.instant().plus(Duration.ofHours(1)));
      Slot ok = f.provider.open(t, f.clock.instant().plus(Duration.ofHours(3)));
      f.autoWatch(t, f.autoBook().withMinLeadTime(Duration.ofHours(2)));

      f.hunter.runDue();

      assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot()).isEqualTo(ok);
      assertThat(f.events.await(SlotOpened.class, 2)).hasSize(2); // both still announced
    }

    @Test
    void servicesAboveTheBookingPriceLimitAreAnnouncedButNotBooked() {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").autoBook(f.autoBook().withMaxPrice(500L)));

      f.hunter.runDue();

      assertThat(f.events.await(SlotOpened.class, 1)).hasSize(1);
      assertThat(f.events.settle()).noneMatch(e -> e instanceof BookingSucceeded);
      assertThat(f.provider.count(Operation.HOLD)).isZero();
    }

    @Test
    void aServiceOfUnknownPriceIsBookedUnderAPriceLimit() {
      Target t = f.provider.target("dr-a"); // a watch on a target knows no price
      f.provider.open(t, f.at("06:00", 1));
      f.autoWatch(t, f.autoBook().withMaxPrice(500L));

      f.hunter.runDue();

      assertThat(f.events.await(BookingSucceeded.class, 1)).hasSize(1);
    }

    @Test
    void bookingPausesWhenTheAttemptsAreSpent() {
      Target t = f.provider.target("dr-a");
      f.provider.failNext(Operation.HOLD, ErrorCode.SLOT_TAKEN);
      f.provider.open(t, f.at("06:00", 1));
      f.provider.open(t, f.at("07:00", 1));
      Watch w = f.autoWatch(t, f.autoBook().withMaxAttempts(1));

      f.hunter.runDue();

      WatchPaused paused = f.events.await(WatchPaused.class, 1).get(0);
      assertThat(paused.reason()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
      assertThat(paused.message()).contains("all 1 booking attempts");
      assertThat(f.provider.count(Operation.HOLD)).isEqualTo(1);
      assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
    }

    @Test
    void guardsAreValidated() {
      assertThatThrownBy(() -> f.autoBook().withMaxAttempts(-1)).isInstanceOf(SlotHunterException.class)
          .hasMessageContaining("maxAttempts");
      assertThatThrownBy(() -> f.autoBook().withMinLeadTime(Duration.ofHours(-1))).hasMessageContaining("minLeadTime");
      assertThatThrownBy(() -> f.autoBook().withMaxPrice(-5L)).hasMessageContaining("maxPrice");
      Booking b = new Booking(f.provider.open(f.provider.target("dr-a"), f.at("06:00", 1)), "k", null, f.clock.instant());
      assertThatThrownBy(() -> new AutoBook(EngineFixture.patient(), f.session(), 2, 0, Duration.ZERO, null, b))
          .hasMessageContaining("must be 1 when replacing");
      assertThat(f.autoBook().replacing(b).toString()).contains("replaces=k").doesNotContain("0499370899");
    }
  }

  @Nested
  class Health {
    @Test
    void aHealthyWatchReportsItsPollsAndNextPoll() {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));

      f.hunter.runDue();
      f.tick(Duration.ofSeconds(10));

      WatchHealth h = f.hunter.health(w.id());
      assertThat(h.state()).isEqualTo(HealthState.ACTIVE);
      assertThat(h.lastSuccessfulPoll()).isEqualTo(f.clock.instant());
      assertThat(h.pollsLastHour()).isEqualTo(2);
      assertThat(h.nextPoll()).isEqualTo(f.clock.instant().plusSeconds(10));
      assertThat(h.lastError()).isNull();
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH)).containsExactly(
          "Watching: 2 checks in the last hour, last successful check 0 s ago. Next check at 09:00.",
          "No free slot has appeared yet (2 checks in the last hour).");
    }

    @Test
    void explainSaysWhichFilterRuleTurnedSlotsAway() {
      Target t = f.provider.target("dr-a");
      // 2026-12-07 is a Monday; 10:00Z is 13:30 in Tehran
      f.provider.open(t, f.at("10:00", 2));
      f.provider.open(t, f.at("11:00", 2));
      f.provider.open(t, f.at("12:00", 2));
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").timeOfDay(LocalTime.MIDNIGHT, LocalTime.NOON));

      f.hunter.runDue();
      f.tick(Duration.ofSeconds(10)); // the same slots are not counted twice

      WatchHealth h = f.hunter.health(w.id());
      assertThat(h.filteredOut()).containsExactly(java.util.Map.entry("time", 3));
      assertThat(h.filteredOutTotal()).isEqualTo(3);
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH))
          .contains("3 slots appeared on Monday but all were after your 12:00 limit.");
      assertThat(f.hunter.explain(w.id(), Locale.forLanguageTag("fa-IR")))
          .contains("۳ نوبت خالی در روز دوشنبه پیدا شد اما همه بعد از محدودهٔ ساعت ۱۲:۰۰ شما بودند.");
    }

    @Test
    void explainCoversDaysDatesAndPrices() {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1)); // Sunday
      Watch days = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").daysOfWeek(java.time.DayOfWeek.TUESDAY));
      Watch dates = f.hunter.watch(WatchRequest.of("u2", t).plan("FAST")
          .between(java.time.LocalDate.parse("2026-12-20"), java.time.LocalDate.parse("2026-12-30")));
      Watch price = f.hunter.watch(WatchRequest.of("u3", t).plan("FAST").maxPrice(10));

      f.hunter.runDue();

      assertThat(f.hunter.explain(days.id(), Locale.ENGLISH)).contains("1 slot appeared on Sunday, a day you did not choose.");
      assertThat(f.hunter.explain(dates.id(), Locale.ENGLISH))
          .contains("1 slot appeared outside your dates (2026-12-20 to 2026-12-30).");
      assertThat(f.hunter.explain(price.id(), Locale.ENGLISH))
          .contains("1 slot appeared but cost more than your limit of 10 (or had no known price).");
      assertThat(f.hunter.explain(price.id(), Locale.forLanguageTag("fa"))).anyMatch(s -> s.contains("سقف ۱۰"));
    }

    @Test
    void providerFailuresMakeTheWatchProviderDownAndBackWithOneEventEach() {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.hunter.runDue();
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);

      f.tick(Duration.ofSeconds(10));
      f.tick(Duration.ofSeconds(10));

      WatchHealth down = f.hunter.health(w.id());
      assertThat(down.state()).isEqualTo(HealthState.PROVIDER_DOWN);
      assertThat(down.lastError()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
      assertThat(down.lastErrorMessage()).isNotBlank();
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH).get(0)).startsWith("The provider is not answering properly");

      f.tick(Duration.ofSeconds(10));

      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.ACTIVE);
      List<WatchHealthChanged> changes = f.events.await(WatchHealthChanged.class, 2);
      assertThat(changes).extracting(WatchHealthChanged::current)
          .containsExactly(HealthState.PROVIDER_DOWN, HealthState.ACTIVE);
      assertThat(changes.get(0).reason()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
      assertThat(changes.get(1).reason()).isNull();
    }

    @Test
    void rateLimitsPauseOnBudgetAndProtocolErrorsMeanTheSchemaChanged() {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.provider.failNext(Operation.FREE_DAYS, SlotHunterException.builder(ErrorCode.RATE_LIMITED).providerId(InMemoryProvider.DEFAULT_ID)
          .retryAfter(Duration.ofSeconds(30)).message("slow down").build());

      f.hunter.runDue();

      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.PAUSED_BUDGET);
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH).get(0)).startsWith("Checks are delayed");

      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROTOCOL);
      f.tick(Duration.ofMinutes(2));

      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.SCHEMA_CHANGED);
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH).get(0)).contains("changed shape");
      assertThat(f.hunter.explain(w.id(), Locale.forLanguageTag("fa")).get(0)).contains("تغییر کرده");
    }

    @Test
    void anExpiredSessionPausesAutoBookingAndExplainSaysLogInAgain() {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      io.github.slothunter.api.AccountSession expired = new io.github.slothunter.api.AccountSession(InMemoryProvider.DEFAULT_ID,
          "token", java.util.Map.of(), f.clock.instant().minusSeconds(1));
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST")
          .autoBook(AutoBook.of(EngineFixture.patient(), expired)));

      f.hunter.runDue();

      assertThat(f.hunter.health(w.id()).state()).isEqualTo(HealthState.PAUSED_AUTH);
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH).get(0)).contains("Log in again");
      assertThat(f.hunter.explain(w.id(), Locale.forLanguageTag("fa")).get(0)).contains("دوباره وارد شوید");
      assertThat(f.events.await(WatchHealthChanged.class, 1).get(0).reason()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    }

    @Test
    void aDowngradedPlanPutsTheNewestWatchesOverQuotaAndStopsTellingThem() {
      Target a = f.provider.target("dr-a");
      Target b = f.provider.target("dr-b");
      f.hunter.setPlan("u1", "PREMIUM");
      Watch older = f.hunter.watch(WatchRequest.of("u1", a));
      f.clock.advance(Duration.ofSeconds(1));
      Watch newer = f.hunter.watch(WatchRequest.of("u1", b));

      f.hunter.setPlan("u1", "FREE");
      f.provider.open(b, f.at("06:00", 1));
      f.provider.open(a, f.at("06:00", 1));
      f.hunter.runDue();

      assertThat(f.hunter.health(older.id()).state()).isEqualTo(HealthState.ACTIVE);
      WatchHealth over = f.hunter.health(newer.id());
      assertThat(over.state()).isEqualTo(HealthState.QUOTA);
      assertThat(over.nextPoll()).isNull();
      assertThat(f.events.await(SlotOpened.class, 1)).extracting(SlotOpened::watchId).containsExactly(older.id());
      assertThat(f.events.settle()).filteredOn(e -> e instanceof SlotOpened).hasSize(1);
      assertThat(f.hunter.explain(newer.id(), Locale.ENGLISH).get(0)).contains("upgrade the plan");
    }

    @Test
    void aWatchOnSeveralCalendarsReportsTheWorstStateAndSumsItsPolls() {
      List<Target> targets = f.provider.doctor("dr-multi", "s1", "s2");
      Watch w = f.hunter.watch(WatchRequest.of("u1", "mem:dr-multi").plan("FAST"));
      f.hunter.runDue();
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROTOCOL);
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);

      f.tick(Duration.ofSeconds(10));

      WatchHealth h = f.hunter.health(w.id());
      assertThat(w.targets()).hasSize(targets.size());
      assertThat(h.state()).isEqualTo(HealthState.SCHEMA_CHANGED);
      assertThat(h.lastError()).isEqualTo(ErrorCode.PROTOCOL);
      assertThat(h.pollsLastHour()).isEqualTo(4);
      assertThat(h.lastSuccessfulPoll()).isEqualTo(f.clock.instant().minusSeconds(10));
      assertThat(f.events.await(WatchHealthChanged.class, 1).get(0).reason()).isEqualTo(ErrorCode.PROTOCOL);
    }

    @Test
    void unknownWatchesAreNotFound() {
      assertThatThrownBy(() -> f.hunter.health("nope")).isInstanceOf(SlotHunterException.class)
          .satisfies(e -> assertThat(((SlotHunterException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> f.hunter.explain("nope", Locale.ENGLISH)).isInstanceOf(SlotHunterException.class);
    }
  }

  @Nested
  class Snooze {
    @Test
    void aSnoozedTargetIsAnnouncedOnlyAfterTheSnoozeAndTheSnoozeSurvivesARestart() {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.hunter.snooze(w.id(), t.id(), Duration.ofMinutes(30));
      f.provider.open(t, f.at("06:00", 1));

      f.hunter.runDue();
      f.restart();
      f.tick(Duration.ofMinutes(10));

      assertThat(f.events.settle()).noneMatch(e -> e instanceof SlotOpened);
      assertThat(f.hunter.find(w.id()).orElseThrow().snoozed(t.id(), f.clock.instant())).isTrue();
      assertThat(f.hunter.explain(w.id(), Locale.ENGLISH)).anyMatch(s -> s.startsWith("Alerts are snoozed until"));

      f.tick(Duration.ofMinutes(21));

      assertThat(f.events.await(SlotOpened.class, 1)).hasSize(1);
    }

    @Test
    void aZeroSnoozeWakesTheTargetAndForeignTargetsAreRejected() {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.hunter.snooze(w.id(), t.id(), Duration.ofHours(1));

      Watch woken = f.hunter.snooze(w.id(), t.id(), Duration.ZERO);

      assertThat(woken.snoozed()).isEmpty();
      assertThatThrownBy(() -> f.hunter.snooze(w.id(), "mem:other", Duration.ofHours(1)))
          .isInstanceOf(SlotHunterException.class).hasMessageContaining("not one of watch");
    }
  }
}
