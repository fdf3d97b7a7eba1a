package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.InMemoryProvider.Operation.BOOK;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.CANCEL;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.FREE_CALENDAR;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.FREE_DAYS;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.FREE_SLOTS;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.HOLD;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.LOGIN_COMPLETE;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.LOGIN_START;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.LOOKUP;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.MOVE;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.READ_BACK;
import static io.github.slothunter.testkit.InMemoryProvider.Operation.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.SlotWatcher;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import io.github.slothunter.testkit.InMemoryProvider.Request;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryProviderTest {
  /** 09:00 on Saturday 2026-01-03 in Tehran. */
  private static final Instant NOW = Instant.parse(Fixtures.START);
  /** 09:00 on Sunday 2026-01-04 in Tehran. */
  private static final Instant SUNDAY_NINE = Fixtures.NINE;
  private static final LocalDate SUNDAY = Fixtures.DAY;
  private static final Patient PATIENT = Patient.of("Sara", "Ahmadi", Fixtures.NATIONAL_CODE, Fixtures.CELL);

  private final FakeClock clock = FakeClock.at(NOW);
  private final InMemoryProvider provider = InMemoryProvider.builder().clock(clock).build();
  private final AccountSession session = new AccountSession(InMemoryProvider.DEFAULT_ID, "tok", Map.of(), null);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private SlotWatcher slots() {
    return provider.slots();
  }

  private Booker booker() {
    return provider.booker().orElseThrow();
  }

  private static void assertFails(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SlotHunterException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  // ------------------------------------------------------------------ builder and info

  @Test
  void defaultsToMemWithAmpleBudgetBookingAndNoLogin() {
    ProviderInfo info = provider.info();

    assertThat(info.id()).isEqualTo("mem").isEqualTo(InMemoryProvider.DEFAULT_ID);
    assertThat(info.name()).isEqualTo("In-memory");
    assertThat(info.zone()).isEqualTo(SlotHunterZones.TEHRAN);
    assertThat(info.defaultBudget()).isEqualTo(InMemoryProvider.DEFAULT_BUDGET);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.LOOKUP, Capability.FREE_SLOTS,
        Capability.BOOKING_LINK, Capability.AREA_SEARCH, Capability.HOLD, Capability.BOOK, Capability.CANCEL);
    assertThat(provider.booker()).isPresent();
    assertThat(provider.authenticator()).isEmpty();
    assertThat(provider.search()).isEmpty();
  }

  @Test
  void builderSetsIdNameBudgetAndLinks() {
    InMemoryProvider site = InMemoryProvider.builder().id("fakedoc").name("Fake doctors")
        .budget(RequestBudget.of(10, 100, 1)).linkPrefix("https://doc.example/dr/").build();

    assertThat(site.info().id()).isEqualTo("fakedoc");
    assertThat(site.info().name()).isEqualTo("Fake doctors");
    assertThat(site.info().defaultBudget()).isEqualTo(RequestBudget.of(10, 100, 1));
    assertThat(site.parse("https://doc.example/dr/dr-reza/")).contains(new DoctorRef("fakedoc", "dr-reza"));
    assertThat(site.parse("fakedoc:dr-reza")).isEmpty();
    assertThat(site.factory().id()).isEqualTo("fakedoc");
  }

  @Test
  void builderRejectsBadValues() {
    InMemoryProviderBuilder b = InMemoryProvider.builder();

    assertThatThrownBy(() -> b.id("Not An Id")).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> b.name(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.budget(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.linkPrefix(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.login("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutBookingThereIsNoBookerAndNoBookingCapability() {
    InMemoryProvider readOnly = InMemoryProvider.builder().booking(false).build();

    assertThat(readOnly.booker()).isEmpty();
    assertThat(readOnly.info().capabilities()).containsExactlyInAnyOrder(Capability.LOOKUP, Capability.FREE_SLOTS,
        Capability.BOOKING_LINK, Capability.AREA_SEARCH);
  }

  @Test
  void theClockStampsRequestsHoldsAndBookings() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    clock.advance(Duration.ofMinutes(1));

    Hold hold = booker().hold(slot, session);
    Booking booking = booker().book(hold, PATIENT, session);

    assertThat(provider.requests()).extracting(Request::at).containsOnly(NOW.plusSeconds(60));
    assertThat(hold.expiresAt()).isEqualTo(NOW.plusSeconds(60).plus(Duration.ofMinutes(5)));
    assertThat(booking.bookedAt()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void theFactoryHandsOutThisSameProvider() {
    ProviderFactory factory = provider.factory();

    assertThat(factory.id()).isEqualTo("mem");
    assertThat(factory.create(ProviderContext.of("mem"))).isSameAs(provider);
  }

  // ------------------------------------------------------------------ links and doctors

  @Test
  void parsesItsOwnLinksOnlyAndNeverThrows() {
    assertThat(provider.parse("mem:dr-a")).contains(new DoctorRef("mem", "dr-a"));
    assertThat(provider.parse("  mem:dr-a/ \n")).contains(new DoctorRef("mem", "dr-a"));
    assertThat(provider.parse("mem:")).isEmpty();
    assertThat(provider.parse("mem:dr-a/c1/s1")).isEmpty();
    assertThat(provider.parse("mem:dr?x")).isEmpty();
    assertThat(provider.parse("other:dr-a")).isEmpty();
    assertThat(provider.parse(null)).isEmpty();
    assertThat(provider.requests()).isEmpty();
  }

  @Test
  void doctorAddsOneCenterWithBookableServicesAndEmptyCalendars() {
    List<Target> targets = provider.doctor("dr-a", "s1", "s2");

    Doctor d = provider.lookup(new DoctorRef("mem", "dr-a"));
    assertThat(d.displayName()).isEqualTo("Dr dr-a");
    assertThat(d.centers()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("c1");
      assertThat(c.services()).extracting(Service::id).containsExactly("s1", "s2");
      assertThat(c.services()).allSatisfy(s -> {
        assertThat(s.price()).isEqualTo(1000L);
        assertThat(s.duration()).isEqualTo(InMemoryProvider.SLOT_LENGTH);
        assertThat(s.bookable()).isTrue();
      });
    });
    assertThat(targets).isEqualTo(d.bookableTargets()).extracting(Target::serviceId).containsExactly("s1", "s2");
    assertThat(slots().freeDays(targets.get(1))).isEmpty();
  }

  @Test
  void pricedDoctorSetsThePriceOrLeavesItUnknown() {
    provider.pricedDoctor("dr-free", 0L, "s1");
    provider.pricedDoctor("dr-unknown", null, "s1");

    assertThat(provider.lookup(new DoctorRef("mem", "dr-free")).centers().get(0).services().get(0).price()).isZero();
    assertThat(provider.lookup(new DoctorRef("mem", "dr-unknown")).centers().get(0).services().get(0).price()).isNull();
  }

  @Test
  void targetIsTheOneCalendarOfADoctorWithServiceS1AndAddingAgainKeepsItsSlots() {
    Target t = provider.target("dr-a");
    Slot slot = provider.open(t, SUNDAY_NINE);

    Target again = provider.target("dr-a");

    assertThat(again).isEqualTo(t);
    assertThat(t.serviceId()).isEqualTo("s1");
    assertThat(slots().freeSlots(again, SUNDAY)).containsExactly(slot);
  }

  @Test
  void addDoctorTakesAFullDoctorOfThisProviderOnly() {
    Doctor reza = new Doctor(new DoctorRef("mem", "dr-reza"), "دکتر رضا", List.of(), List.of(
        new Center("c9", "کلینیک", "مشهد", "مشهد", List.of(
            new Service("s9", "ویزیت", 1_200_000L, Duration.ofMinutes(20), true, Map.of()),
            new Service("s8", "تلفنی", null, null, false, Map.of())))));
    Doctor foreign = new Doctor(new DoctorRef("other", "dr-x"), "x", List.of(), List.of());

    List<Target> targets = provider.addDoctor(reza);

    assertThat(targets).singleElement().extracting(Target::serviceId).isEqualTo("s9");
    assertThat(provider.lookup(reza.ref())).isEqualTo(reza);
    assertThat(slots().freeDays(targets.get(0))).isEmpty();
    assertThatThrownBy(() -> provider.addDoctor(foreign)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lookupOfAnUnknownDoctorIsNotFound() {
    assertThatThrownBy(() -> provider.lookup(new DoctorRef("mem", "dr-nobody")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.providerId()).contains("mem");
        });
    assertThat(provider.count(LOOKUP)).isEqualTo(1);
    assertThat(provider.requests()).singleElement().extracting(Request::targetId).isEqualTo("");
  }

  // ------------------------------------------------------------------ calendars

  @Test
  void aCalendarNeverAddedIsNotFoundUntilAddCalendar() {
    Target handMade = new Target(new DoctorRef("mem", "dr-z"), "c1", "s1", Map.of());

    assertFails(ErrorCode.NOT_FOUND, () -> slots().freeDays(handMade));
    provider.addCalendar(handMade);

    assertThat(slots().freeDays(handMade)).isEmpty();
  }

  @Test
  void openedSlotsAreFreeByDayInTehranSortedAndTakenOnesAreNot() {
    Target t = provider.target("dr-a");
    Slot late = provider.open(t, SUNDAY_NINE.plus(Duration.ofHours(2)));
    Slot early = provider.open(t, SUNDAY_NINE);
    // 01:00 Monday in Tehran is still Sunday in UTC
    Slot monday = provider.open(t, Instant.parse("2026-01-04T21:30:00Z"));

    assertThat(early.end()).isEqualTo(SUNDAY_NINE.plus(InMemoryProvider.SLOT_LENGTH));
    assertThat(early.providerSlotKey()).isEqualTo("k" + SUNDAY_NINE.getEpochSecond());
    assertThat(slots().freeDays(t)).containsExactly(SUNDAY, SUNDAY.plusDays(1));
    assertThat(slots().freeSlots(t, SUNDAY)).containsExactly(early, late);
    provider.take(early).take(monday);
    assertThat(slots().freeSlots(t, SUNDAY)).containsExactly(late);
    assertThat(slots().freeDays(t)).containsExactly(SUNDAY);
  }

  @Test
  void openTakesAGivenSlotAndAddsItsCalendar() {
    Target t = new Target(new DoctorRef("mem", "dr-z"), "c1", "s1", Map.of("server_id", "1"));
    Slot slot = new Slot(t, SUNDAY_NINE, SUNDAY_NINE.plusSeconds(600), "my-key");

    assertThat(provider.open(slot)).isSameAs(slot);

    assertThat(slots().freeSlots(t, SUNDAY)).containsExactly(slot);
  }

  @Test
  void freeCalendarAsksFreeDaysUnlessAWindowIsSet() {
    Target t = provider.target("dr-a");
    Slot sunday = provider.open(t, SUNDAY_NINE);
    provider.open(t, SUNDAY_NINE.plus(Duration.ofDays(5)));

    FreeCalendar daysOnly = slots().freeCalendar(t);
    provider.calendarWindow(2);
    FreeCalendar windowed = slots().freeCalendar(t);

    assertThat(daysOnly).isEqualTo(FreeCalendar.daysOnly(List.of(SUNDAY, SUNDAY.plusDays(5))));
    assertThat(windowed.freeDays()).containsExactly(SUNDAY);
    assertThat(windowed.slots()).containsExactly(Map.entry(SUNDAY, List.of(sunday)));
    assertThat(windowed.daysThrough()).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(provider.requests()).extracting(Request::operation).containsExactly(FREE_DAYS, FREE_CALENDAR);
  }

  @Test
  void aWindowedCalendarWithNothingFreeIsFullyBooked() {
    Target t = provider.target("dr-a");
    provider.calendarWindow(7);

    assertThat(slots().freeCalendar(t).fullyBooked()).isTrue();
    assertThatThrownBy(() -> provider.calendarWindow(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ holds and bookings

  @Test
  void holdHidesTheSlotAndBookTurnsItIntoAKeptBooking() {
    Target t = provider.target("dr-a");
    Slot slot = provider.open(t, SUNDAY_NINE);

    Hold hold = booker().hold(slot, session);
    assertThat(slots().freeSlots(t, SUNDAY)).isEmpty();
    assertThat(provider.holds()).containsExactly(hold);
    Booking booking = booker().book(hold, PATIENT, session);

    assertThat(booking.slot()).isEqualTo(slot);
    assertThat(booking.trackingCode()).isEqualTo("TRK0");
    assertThat(booking.paymentRequired()).isFalse();
    assertThat(provider.holds()).isEmpty();
    assertThat(provider.bookings()).containsExactly(booking);
    assertThat(slots().freeDays(t)).isEmpty();
    assertThat(provider.requests()).extracting(Request::operation, Request::targetId)
        .containsExactly(tuple(HOLD, t.id()), tuple(FREE_SLOTS, t.id()),
            tuple(BOOK, t.id()), tuple(FREE_DAYS, t.id()));
  }

  @Test
  void holdingATakenOrHeldSlotIsSlotTaken() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    booker().hold(slot, session);
    Slot gone = provider.open(provider.target("dr-b"), SUNDAY_NINE);
    provider.take(gone);

    assertFails(ErrorCode.SLOT_TAKEN, () -> booker().hold(slot, session));
    assertFails(ErrorCode.SLOT_TAKEN, () -> booker().hold(gone, session));
  }

  @Test
  void bookingAReleasedHoldIsHoldExpiredAndReleaseIsIdempotent() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    Hold hold = booker().hold(slot, session);

    booker().release(hold, session);
    booker().release(hold, session);

    assertThat(provider.holds()).isEmpty();
    assertThat(provider.releasedHoldKeys()).containsExactly(hold.providerHoldKey(), hold.providerHoldKey());
    assertThat(slots().freeSlots(slot.target(), SUNDAY)).containsExactly(slot);
    assertFails(ErrorCode.HOLD_EXPIRED, () -> booker().book(hold, PATIENT, session));
  }

  @Test
  void holdTtlSetsWhenHoldsExpire() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);

    Hold hold = provider.holdTtl(Duration.ZERO).booker().orElseThrow().hold(slot, session);

    assertThat(hold.expiresAt()).isEqualTo(NOW);
    assertThat(hold.isExpired(NOW.plusMillis(1))).isTrue();
    assertThat(provider.holds()).containsExactly(hold); // the provider itself never drops a hold
    assertThatThrownBy(() -> provider.holdTtl(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void takeAfterHoldMakesBookingFailSlotTakenAndDropsTheHold() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    provider.takeAfterHold(true);

    Hold hold = booker().hold(slot, session);

    assertFails(ErrorCode.SLOT_TAKEN, () -> booker().book(hold, PATIENT, session));
    assertThat(provider.holds()).isEmpty();
    assertThat(provider.bookings()).isEmpty();
  }

  @Test
  void cancelForgetsTheBooking() {
    Booking booking = booker().book(booker().hold(provider.open(provider.target("dr-a"), SUNDAY_NINE), session),
        PATIENT, session);

    booker().cancel(booking, PATIENT, session);

    assertThat(provider.bookings()).isEmpty();
    assertThat(provider.count(CANCEL)).isEqualTo(1);
  }

  @Test
  void addBookingRecordsABookingMadeElsewhere() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);

    Booking current = provider.addBooking(slot);
    Booking next = booker().book(booker().hold(provider.open(slot.target(), SUNDAY_NINE.plusSeconds(3600)), session),
        PATIENT, session);

    assertThat(provider.bookings()).containsExactly(current, next);
    assertThat(current.trackingCode()).isEqualTo("TRK0");
    assertThat(next.trackingCode()).isEqualTo("TRK1");
    assertThat(current.providerBookingKey()).isNotEqualTo(next.providerBookingKey());
    assertThat(provider.requests()).extracting(Request::operation).containsExactly(HOLD, BOOK);
  }

  @Test
  void payToConfirmBookingsCarryAPaymentLink() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    provider.payToConfirm(true);

    Booking booking = booker().book(booker().hold(slot, session), PATIENT, session);

    assertThat(booking.payment()).isEqualTo(PaymentState.PAY_TO_CONFIRM);
    assertThat(booking.paymentLink()).hasToString("https://mem.example/pay/" + booking.providerBookingKey());
  }

  @Test
  void loseAnswersBooksThenFailsUnavailable() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    Hold hold = booker().hold(slot, session);
    provider.loseAnswers(true);

    assertFails(ErrorCode.PROVIDER_UNAVAILABLE, () -> booker().book(hold, PATIENT, session));
    assertThat(provider.bookings()).singleElement().extracting(Booking::slot).isEqualTo(slot);
  }

  @Test
  void loseBookingsAnswersSuccessButKeepsNothing() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    provider.loseBookings(true).readBack(true);

    Booking booking = booker().book(booker().hold(slot, session), PATIENT, session);

    assertThat(booking.slot()).isEqualTo(slot);
    assertThat(provider.bookings()).isEmpty();
    assertThat(booker().readBack(booking, session)).isEmpty();
  }

  // ------------------------------------------------------------------ read-back and moves

  @Test
  void readBackIsUnsupportedWithoutARequestUntilTurnedOn() {
    Booking booking = provider.addBooking(provider.open(provider.target("dr-a"), SUNDAY_NINE));

    assertFails(ErrorCode.UNSUPPORTED, () -> booker().readBack(booking, session));
    assertThat(provider.requests()).isEmpty();
    provider.readBack(true);

    assertThat(provider.info().can(Capability.READ_BACK)).isTrue();
    assertThat(booker().readBack(booking, session)).contains(booking);
    assertThat(provider.count(READ_BACK)).isEqualTo(1);
  }

  @Test
  void readBackViewChangesWhatReadBackShows() {
    Booking booking = provider.addBooking(provider.open(provider.target("dr-a"), SUNDAY_NINE));
    provider.readBack(true).readBackView(b -> new Booking(b.slot(), b.providerBookingKey(), "OTHER", b.bookedAt()));

    assertThat(booker().readBack(booking, session))
        .hasValueSatisfying(b -> assertThat(b.trackingCode()).isEqualTo("OTHER"));
  }

  @Test
  void movesAreUnsupportedUntilTurnedOnThenMoveTheBookingOntoTheHeldSlot() {
    Target t = provider.target("dr-a");
    Booking current = provider.addBooking(provider.open(t, SUNDAY_NINE.plus(Duration.ofDays(3))));
    provider.take(current.slot());
    Slot earlier = provider.open(t, SUNDAY_NINE);
    Hold hold = booker().hold(earlier, session);

    assertFails(ErrorCode.UNSUPPORTED, () -> booker().move(current, hold, session));
    provider.moves(true);
    Booking moved = booker().move(current, hold, session);

    assertThat(provider.info().can(Capability.MOVE)).isTrue();
    assertThat(moved.providerBookingKey()).isEqualTo(current.providerBookingKey());
    assertThat(moved.slot()).isEqualTo(earlier);
    assertThat(provider.bookings()).containsExactly(moved);
    assertThat(provider.holds()).isEmpty();
    assertThat(slots().freeDays(t)).isEmpty();
    assertThat(provider.count(MOVE)).isEqualTo(1);
  }

  @Test
  void aBookingAwaitingPaymentCannotBeMoved() {
    Target t = provider.target("dr-a");
    provider.moves(true).payToConfirm(true);
    Booking unpaid = booker().book(booker().hold(provider.open(t, SUNDAY_NINE), session), PATIENT, session);
    Hold hold = booker().hold(provider.open(t, SUNDAY_NINE.plusSeconds(3600)), session);

    assertFails(ErrorCode.UNSUPPORTED, () -> booker().move(unpaid, hold, session));
    assertThat(provider.count(MOVE)).isZero();
  }

  @Test
  void movingAnUnknownBookingIsInvalidInput() {
    Target t = provider.target("dr-a");
    provider.moves(true);
    Booking unknown = new Booking(provider.open(t, SUNDAY_NINE), "b-none", "T", NOW);
    Hold hold = booker().hold(provider.open(t, SUNDAY_NINE.plusSeconds(3600)), session);

    assertFails(ErrorCode.INVALID_INPUT, () -> booker().move(unknown, hold, session));
  }

  // ------------------------------------------------------------------ scripted failures

  @Test
  void failNextQueuesOneFailurePerRequestOfThatOperation() {
    Target t = provider.target("dr-a");
    RuntimeException boom = new IllegalStateException("boom");
    provider.failNext(FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE).failNext(FREE_DAYS, boom);

    assertThatThrownBy(() -> slots().freeDays(t)).isInstanceOfSatisfying(SlotHunterException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
      assertThat(e.providerId()).contains("mem");
      assertThat(e.getMessage()).contains("injected PROVIDER_UNAVAILABLE");
    });
    assertThatThrownBy(() -> slots().freeDays(t)).isSameAs(boom);
    assertThat(slots().freeDays(t)).isEmpty();
    assertThat(slots().freeSlots(t, SUNDAY)).isEmpty();
    assertThat(provider.count(FREE_DAYS)).isEqualTo(3);
  }

  @Test
  void failAlwaysFailsEveryRequestAfterTheQueuedOnesUntilCleared() {
    Target t = provider.target("dr-a");
    provider.failAlways(FREE_DAYS, ErrorCode.SLOT_TAKEN).failNext(FREE_DAYS, ErrorCode.PROTOCOL);

    assertFails(ErrorCode.PROTOCOL, () -> slots().freeDays(t));
    for (int i = 0; i < 3; i++) {
      assertFails(ErrorCode.SLOT_TAKEN, () -> slots().freeDays(t));
    }
    provider.clearFailures(FREE_DAYS);

    assertThat(slots().freeDays(t)).isEmpty();
  }

  @Test
  void clearFailuresDropsQueuedFailuresOfThatOperationOnly() {
    Target t = provider.target("dr-a");
    provider.failNext(FREE_DAYS, ErrorCode.PROTOCOL).failNext(FREE_SLOTS, ErrorCode.PROTOCOL);

    provider.clearFailures(FREE_DAYS);

    assertThat(slots().freeDays(t)).isEmpty();
    assertFails(ErrorCode.PROTOCOL, () -> slots().freeSlots(t, SUNDAY));
  }

  @Test
  void aFailedHoldHoldsNothing() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    provider.failNext(HOLD, ErrorCode.SLOT_TAKEN);

    assertFails(ErrorCode.SLOT_TAKEN, () -> booker().hold(slot, session));
    assertThat(provider.holds()).isEmpty();
    assertThat(booker().hold(slot, session).slot()).isEqualTo(slot);
  }

  @Test
  void throttleNextIsA429WithRetryAfter() {
    Target t = provider.target("dr-a");
    provider.throttleNext(FREE_SLOTS, Duration.ofSeconds(30));

    assertThatThrownBy(() -> slots().freeSlots(t, SUNDAY)).isInstanceOfSatisfying(SlotHunterException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    });
  }

  // ------------------------------------------------------------------ gates and hooks

  @Test
  void aGateHoldsCallsOfItsOperationUntilOpened() throws Exception {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    InMemoryGate gate = provider.gate(HOLD);

    CompletableFuture<Hold> hold = CompletableFuture.supplyAsync(() -> booker().hold(slot, session), pool);

    assertThat(gate.awaitEntered(Duration.ofSeconds(5))).isTrue();
    assertThat(hold).isNotDone();
    assertThat(slots().freeSlots(slot.target(), SUNDAY)).containsExactly(slot); // other operations pass
    gate.open();
    assertThat(hold.get(5, TimeUnit.SECONDS).slot()).isEqualTo(slot);
  }

  @Test
  void aGateNobodyReachesReportsSo() {
    InMemoryGate gate = provider.gate(BOOK);

    assertThat(gate.awaitEntered(Duration.ofMillis(20))).isFalse();
  }

  @Test
  void maxInFlightCountsRequestsRunningAtOnce() throws Exception {
    Target t = provider.target("dr-a");
    InMemoryGate gate = provider.gate(FREE_DAYS);

    CompletableFuture<List<LocalDate>> first = CompletableFuture.supplyAsync(() -> slots().freeDays(t), pool);
    CompletableFuture<List<LocalDate>> second = CompletableFuture.supplyAsync(() -> slots().freeDays(t), pool);
    assertThat(gate.awaitEntered(Duration.ofSeconds(5))).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (provider.count(FREE_DAYS) < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // until the second call is in flight too
    }
    gate.open();
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);

    assertThat(provider.maxInFlight()).isEqualTo(2);
    slots().freeDays(t);
    assertThat(provider.maxInFlight()).isEqualTo(2);
  }

  @Test
  void onRequestSeesEveryRequestAndOnAnswerOnlyAnsweredOnes() {
    Target t = provider.target("dr-a");
    List<Request> arrived = new CopyOnWriteArrayList<>();
    List<Request> answered = new CopyOnWriteArrayList<>();
    provider.onRequest(arrived::add).onAnswer(answered::add).failNext(FREE_DAYS, ErrorCode.PROTOCOL);

    assertThatThrownBy(() -> slots().freeDays(t)).isInstanceOf(SlotHunterException.class);
    slots().freeSlots(t, SUNDAY);

    assertThat(arrived).extracting(Request::operation).containsExactly(FREE_DAYS, FREE_SLOTS);
    assertThat(answered).extracting(Request::operation).containsExactly(FREE_SLOTS);
    assertThat(arrived).isEqualTo(provider.requests());
  }

  // ------------------------------------------------------------------ inspection

  @Test
  void countsRequestsByOperationAndCalendar() {
    Target a = provider.target("dr-a");
    Target b = provider.target("dr-b");

    slots().freeDays(a);
    slots().freeDays(a);
    slots().freeDays(b);

    assertThat(provider.count(FREE_DAYS)).isEqualTo(3);
    assertThat(provider.count(FREE_DAYS, a)).isEqualTo(2);
    assertThat(provider.count(FREE_DAYS, b)).isEqualTo(1);
    assertThat(provider.count(FREE_SLOTS, a)).isZero();
  }

  @Test
  void requestsRejectMissingParts() {
    assertThatThrownBy(() -> new Request(null, "", NOW)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Request(LOOKUP, null, NOW)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Request(LOOKUP, "", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void inspectionReturnsCopies() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    booker().hold(slot, session);

    List<Hold> holds = provider.holds();
    List<Request> requests = provider.requests();

    assertThatThrownBy(holds::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(requests::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> provider.bookings().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void bookingLinksPointAtTheSlotKey() {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);

    assertThat(provider.bookingLink(slot)).contains(URI.create("https://mem.example/book/" + slot.providerSlotKey()));
  }

  @Test
  void closeIsRecordedAndTheProviderKeepsWorking() {
    Target t = provider.target("dr-a");

    assertThat(provider.closed()).isFalse();
    provider.close();
    provider.close();

    assertThat(provider.closed()).isTrue();
    assertThat(slots().freeDays(t)).isEmpty();
  }

  // ------------------------------------------------------------------ login

  @Test
  void loginSendsACodeToTheNormalisedMobileAndAcceptsOnlyThatCode() {
    InMemoryProvider site = InMemoryProvider.builder().clock(clock).login("1234").build();
    Authenticator login = site.authenticator().orElseThrow();

    OtpChallenge challenge = login.start("+98 912 123 4567");

    assertThat(site.info().can(Capability.LOGIN)).isTrue();
    assertThat(site.codesSentTo()).containsExactly("09121234567");
    assertThat(challenge.mobile()).isEqualTo("09121234567");
    assertThat(challenge.expiresAt()).isEqualTo(NOW.plus(InMemoryProvider.CODE_TTL));
    assertFails(ErrorCode.AUTH_REQUIRED, () -> login.complete(challenge, "9999"));
    AccountSession s = login.complete(challenge, "1234");
    assertThat(s.providerId()).isEqualTo("mem");
    assertThat(s.isExpired(NOW.plus(Duration.ofDays(3650)))).isFalse();
    assertThat(site.requests()).extracting(Request::operation)
        .containsExactly(LOGIN_START, LOGIN_COMPLETE, LOGIN_COMPLETE);
  }

  @Test
  void anExpiredCodeIsRefusedAndABadMobileIsInvalid() {
    InMemoryProvider site = InMemoryProvider.builder().clock(clock).login("1234").build();
    Authenticator login = site.authenticator().orElseThrow();
    OtpChallenge challenge = login.start("09121234567");

    clock.advance(InMemoryProvider.CODE_TTL.plusSeconds(1));

    assertFails(ErrorCode.AUTH_REQUIRED, () -> login.complete(challenge, "1234"));
    assertFails(ErrorCode.INVALID_INPUT, () -> login.start("08121234567"));
    assertThat(site.codesSentTo()).containsExactly("09121234567");
  }

  @Test
  void accountPatientsAreUnsupportedWithoutARequestUntilSet() {
    InMemoryProvider site = InMemoryProvider.builder().clock(clock).login("1234").build();
    Authenticator login = site.authenticator().orElseThrow();

    assertFails(ErrorCode.UNSUPPORTED, () -> login.accountPatients(session));
    assertThat(site.info().can(Capability.ACCOUNT_PATIENTS)).isFalse();
    assertThat(site.requests()).isEmpty();
  }

  @Test
  void everyAccountBooksForTheAccountPatientsSetInOrder() {
    InMemoryProvider site = InMemoryProvider.builder().clock(clock).login("1234").build();
    Patient son = Patient.of("Ali", "Ahmadi", "0499370899", "09351234567").withAccountUserId("u-2");
    site.accountPatients(PATIENT.withAccountUserId("u-1"), son);

    List<Patient> people = site.authenticator().orElseThrow().accountPatients(session);

    assertThat(people).extracting(Patient::accountUserId).containsExactly("u-1", "u-2");
    assertThat(site.info().can(Capability.ACCOUNT_PATIENTS)).isTrue();
    assertThat(site.count(Operation.ACCOUNT_PATIENTS)).isEqualTo(1);
  }

  @Test
  void aFailureQueuedForAccountPatientsIsThrown() {
    InMemoryProvider site = InMemoryProvider.builder().clock(clock).login("1234").build()
        .accountPatients(PATIENT.withAccountUserId("u-1"));
    site.failNext(Operation.ACCOUNT_PATIENTS, ErrorCode.AUTH_REQUIRED);

    assertFails(ErrorCode.AUTH_REQUIRED, () -> site.authenticator().orElseThrow().accountPatients(session));
  }

  @Test
  void patientOfTellsWhomEachBookingWasMadeFor() {
    Target t = provider.target("dr-a");
    Patient son = Patient.of("Ali", "Ahmadi", "0499370899", "09351234567").withAccountUserId("u-2");
    Booking first = booker().book(booker().hold(provider.open(t, SUNDAY_NINE), session), PATIENT, session);
    Booking second = booker().book(booker().hold(provider.open(t, SUNDAY_NINE.plus(Duration.ofHours(1))), session),
        son, session);

    booker().cancel(second, son, session);

    assertThat(provider.patientOf(first.providerBookingKey())).contains(PATIENT);
    assertThat(provider.patientOf(second.providerBookingKey())).contains(son);
    assertThat(provider.patientOf("b-unknown")).isEmpty();
  }

  // ------------------------------------------------------------------ thread safety

  @Test
  void concurrentHoldsOnOneSlotGiveOneHold() throws Exception {
    Slot slot = provider.open(provider.target("dr-a"), SUNDAY_NINE);
    List<CompletableFuture<Boolean>> tries = new ArrayList<>();

    for (int i = 0; i < 20; i++) {
      tries.add(CompletableFuture.supplyAsync(() -> {
        try {
          booker().hold(slot, session);
          return true;
        } catch (SlotHunterException e) {
          return false;
        }
      }, pool));
    }
    long won = 0;
    for (CompletableFuture<Boolean> f : tries) {
      won += f.get(5, TimeUnit.SECONDS) ? 1 : 0;
    }

    assertThat(won).isEqualTo(1);
    assertThat(provider.holds()).hasSize(1);
    assertThat(provider.count(Operation.HOLD)).isEqualTo(20);
  }
}
