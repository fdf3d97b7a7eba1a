package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import io.github.slothunter.testkit.FakeSlot;
import io.github.slothunter.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine over the real Paziresh24 provider and the testkit's FakePaziresh24, on a fake clock. */
class Paziresh24EngineTest {
  private static final String LINK = "https://www.paziresh24.com/dr/dr-sara-ahmadi/";
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private FakePaziresh24 fake;
  private SlotHunter hunter;
  private final RecordingListener events = new RecordingListener();

  private void start(int fakeRateLimit, RequestBudget budget, int doctors) {
    start(fakeRateLimit, budget, doctors, 0);
  }

  /** @param price the service's online price in rials: 0 for an in-person visit paid at the office */
  private void start(int fakeRateLimit, RequestBudget budget, int doctors, long price) {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(42).rateLimitPerMinute(fakeRateLimit);
    for (int i = 0; i < doctors; i++) {
      String slug = i == 0 ? "dr-sara-ahmadi" : "dr-" + i;
      b.doctor(slug, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
          .center("1001", c -> c.name("مطب").city("تهران").address("خیابان ولیعصر").serverId("1")
              .service("2001", s -> s.title("ویزیت حضوری").price(price).duration(Duration.ofMinutes(15))
                  .userCenterId("3001"))));
    }
    fake = b.build().start();
    SlotHunter.Builder hb = SlotHunter.builder()
        .provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", fake.baseUrl())
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.PREMIUM, EngineFixture.FAST)))
        .clock(clock).manualScheduling();
    if (budget != null) {
      hb.budget("paziresh24", budget);
    }
    hunter = hb.build();
    hunter.listen(events);
  }

  @AfterEach
  void stop() {
    if (hunter != null) {
      hunter.close();
    }
    if (fake != null) {
      assertThat(fake.outstandingHolds()).isZero();
      fake.close();
    }
  }

  private Instant tomorrow(int hourUtc) {
    return Instant.parse("2026-12-06T00:00:00Z").plus(Duration.ofHours(hourUtc));
  }

  @Test
  void aThousandWatchersCostOnePollStreamOnTheSite() {
    start(0, RequestBudget.of(600, 10_000, 3), 1);
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));
    for (int i = 0; i < 1000; i++) {
      hunter.watch(WatchRequest.of("user-" + i, LINK).plan("FAST"));
    }

    hunter.runDue();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      hunter.runDue();
    }

    assertThat(fake.requestCount(FakePaziresh24.FULL_PROFILE) + fake.requestCount(FakePaziresh24.PROFILE_PAGE))
        .isEqualTo(1);
    // six polls of one request each (their slots come with the free days), plus a look past the
    // ten-day window on the first and the fifth after it
    assertThat(fake.allSlotsRequestCount()).isEqualTo(6);
    assertThat(fake.calendarModeRequestCount()).isEqualTo(2);
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_TURNS)).isZero();
    assertThat(events.await(SlotOpened.class, 1000)).extracting(SlotOpened::owner).doesNotHaveDuplicates();
  }

  @Test
  void detectionLatencyIsTheTimeFromReleaseToTheNextPoll() {
    start(0, null, 1);
    hunter.watch(WatchRequest.of("u1", LINK).plan("FAST"));
    hunter.runDue();
    clock.advance(Duration.ofSeconds(4));
    FakeSlot released = fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(7));

    clock.advance(Duration.ofSeconds(6));
    hunter.runDue();

    SlotOpened opened = events.await(SlotOpened.class, 1).get(0);
    Instant releasedAt = fake.releaseTime(released.from()).orElseThrow();
    assertThat(Duration.between(releasedAt, opened.at())).isEqualTo(Duration.ofSeconds(6));
    assertThat(opened.slot().start()).isEqualTo(tomorrow(7));
    assertThat(opened.bookingLink()).isNotNull();
  }

  @Test
  void autoBooksEndToEndAndLeavesNoHold() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    var session = fake.login("09121234567").toSession();
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(EngineFixture.patient(), session));
    hunter.runDue();

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(fake.bookings()).singleElement().satisfies(b -> assertThat(b.referenceCode())
        .isEqualTo(ok.booking().trackingCode()));
    assertThat(ok.booking().trackingCode()).isNotBlank();
    assertThat(fake.requestCount(FakePaziresh24.SUSPEND)).isEqualTo(1);
    assertThat(fake.requestCount(FakePaziresh24.BOOK)).isEqualTo(1);
  }

  @Test
  void importsAFamilyAccountAndAWatchBooksForTheSecondUser() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    fake.accountHolder("09121234567", "سارا", "نمونه", "0012345679");
    io.github.slothunter.testkit.FakeAccountUser son =
        fake.addAccountUser("09121234567", "علی", "نمونه", "0499370899", "09351234567");
    var session = fake.login("09121234567").toSession();
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));

    List<io.github.slothunter.api.OwnerPatient> imported = hunter.importAccountPatients("u1", "paziresh24", session);
    io.github.slothunter.api.OwnerPatient chosen = hunter.patient("u1", "علی نمونه").orElseThrow();
    hunter.watch(WatchRequest.of("u1", LINK).autoBook(chosen.autoBook(session)));
    hunter.runDue();

    assertThat(imported).extracting(io.github.slothunter.api.OwnerPatient::label).containsExactly("سارا نمونه", "علی نمونه");
    assertThat(imported).extracting(p -> p.patient().accountUserId())
        .containsExactly(session.attributes().get("user_id"), son.id());
    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(fake.bookings()).singleElement().satisfies(b -> {
      assertThat(b.bookId()).isEqualTo(ok.booking().providerBookingKey());
      assertThat(b.selectedUserId()).isEqualTo(son.id());
      assertThat(b.userId()).as("the account that booked").isEqualTo(session.attributes().get("user_id"));
      assertThat(b.firstName()).isEqualTo("علی");
      assertThat(b.lastName()).isEqualTo("نمونه");
      assertThat(b.nationalCode()).isEqualTo("0499370899");
      assertThat(b.cell()).isEqualTo("09351234567");
    });
    assertThat(fake.requestCount(FakePaziresh24.AUTH_ME)).isEqualTo(1);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "a repeated suspend answered {0}")
  @org.junit.jupiter.params.provider.EnumSource(io.github.slothunter.testkit.RepeatedHold.class)
  void aSuspendWhoseAnswerIsLostLeavesNoHoldBeyondItsResolution(io.github.slothunter.testkit.RepeatedHold answer) {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    fake.repeatedSuspend(answer);
    var session = fake.login("09121234567").toSession();
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.lostAnswer());

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(EngineFixture.patient(), session));
    hunter.runDue();
    assertThat(events.await(BookingFailed.class, 1).get(0).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(fake.outstandingHolds()).as("the site holds it; the engine never saw the request code").isEqualTo(1);

    clock.advance(Duration.ofSeconds(181));
    hunter.runDue(); // settled, no poll since: asks again from the same terminal
    if (answer == io.github.slothunter.testkit.RepeatedHold.REFUSED) {
      var told = events.await(io.github.slothunter.api.HoldOutcomeUnknown.class, 1).get(0);
      assertThat(told.lapsesAt()).isEqualTo(Instant.parse("2026-12-05T05:36:00Z"));
      assertThat(fake.outstandingHolds()).isEqualTo(1);
      clock.advance(Duration.between(clock.instant(), told.lapsesAt()));
      hunter.runDue();
      assertThat(fake.outstandingHolds()).as("lapsed on the site by then").isZero();
    } else {
      assertThat(fake.outstandingHolds()).as("found and released").isZero();
      assertThat(fake.requestCount(FakePaziresh24.UNSUSPEND)).isEqualTo(1);
    }
    clock.advance(Duration.ofMinutes(5)); // the next poll shows it free: the watch books it
    hunter.runDue();
    assertThat(events.await(BookingSucceeded.class, 1)).hasSize(1);
    assertThat(fake.bookings()).hasSize(1);
  }

  @Test
  void aSlotTakenBetweenHoldAndBookIsReleasedAndReported() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    var session = fake.login("09121234567").toSession();
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));
    fake.faults().takeSlotAfterHold();

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(EngineFixture.patient(), session));
    hunter.runDue();

    BookingFailed failed = events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.code()).isIn(ErrorCode.SLOT_TAKEN, ErrorCode.HOLD_EXPIRED);
    assertThat(failed.willRetry()).isTrue();
    assertThat(fake.bookings()).isEmpty();
  }

  @Test
  void aServerErrorOnBookIsAnUnknownOutcomeAndTheHoldIsNotReleasedBlindly() {
    // a 503 after the book call went out may hide a booking the site made: an unsuspend could undo it
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    var session = fake.login("09121234567").toSession();
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));
    fake.faults().next(FakePaziresh24.BOOK, Fault.status(503));

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(EngineFixture.patient(), session));
    hunter.runDue();

    assertThat(events.await(io.github.slothunter.api.BookingOutcomeUnknown.class, 1)).hasSize(1);
    assertThat(events.of(BookingFailed.class)).isEmpty();
    hunter.close();
    assertThat(fake.requestCount(FakePaziresh24.UNSUSPEND)).isZero();
    assertThat(fake.bookings()).isEmpty();
    clock.advance(Duration.ofMinutes(10)); // the site drops the hold by itself
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void aRateLimitStormPausesPollingUntilRetryAfterThenRecovers() {
    start(0, null, 1);
    hunter.watch(WatchRequest.of("u1", LINK).plan("FAST"));
    hunter.runDue();
    fake.faults().times(FakePaziresh24.GET_FREE_DAYS, 1, Fault.rateLimited(Duration.ofSeconds(45)));

    clock.advance(Duration.ofSeconds(10));
    hunter.runDue();
    int afterStorm = fake.requestCount(FakePaziresh24.GET_FREE_DAYS);
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(10));
      hunter.runDue();
    }
    int duringPause = fake.requestCount(FakePaziresh24.GET_FREE_DAYS);
    clock.advance(Duration.ofSeconds(10));
    hunter.runDue();

    assertThat(events.await(ProviderThrottled.class, 1).get(0).pause()).isEqualTo(Duration.ofSeconds(45));
    assertThat(duringPause).isEqualTo(afterStorm);
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(afterStorm + 1);
  }

  @Test
  void theDefaultBudgetSpendsTheHourEvenlyAndNeverTripsTheSitesOwnRateLimit() {
    start(20, null, 40);
    for (int i = 0; i < 40; i++) {
      String slug = i == 0 ? "dr-sara-ahmadi" : "dr-" + i;
      Target t = new Target(new io.github.slothunter.api.DoctorRef("paziresh24", slug), "1001", "2001",
          java.util.Map.of("server_id", "1", "user_center_id", "3001"));
      fake.openSlot(slug, "1001", "2001", tomorrow(6 + i % 5));
      hunter.watch(WatchRequest.of("u" + i, t).plan("FAST"));
    }

    java.time.Instant start = clock.instant();
    for (int s = 0; s < 75 * 60; s += 2) { // an hour and a quarter: past the first hour window
      clock.advance(Duration.ofSeconds(2));
      hunter.runDue();
    }

    assertThat(fake.requests()).noneMatch(r -> r.status() == 429);
    assertThat(events.of(ProviderThrottled.class)).isEmpty();
    List<java.time.Instant> at = fake.requests().stream().map(io.github.slothunter.testkit.RecordedRequest::at).toList();
    assertThat(BudgetAndResilienceTest.maxInWindowAt(at, Duration.ofHours(1))).isLessThanOrEqualTo(300);
    // the hour is spread over the hour: never a long silence while watches are active (it was 42 minutes)
    java.time.Instant previous = start;
    Duration longest = Duration.ZERO;
    for (java.time.Instant t : at) {
      longest = Duration.between(previous, t).compareTo(longest) > 0 ? Duration.between(previous, t) : longest;
      previous = t;
    }
    assertThat(longest).isLessThan(Duration.ofMinutes(2));
    assertThat(Duration.between(previous, clock.instant())).isLessThan(Duration.ofMinutes(2));
    // and it is spent: no more than a few percent left over in the first hour
    assertThat(at.stream().filter(t -> t.isBefore(start.plus(Duration.ofHours(1))))).hasSizeGreaterThan(270);
    // 40 calendars on a 10 s plan cannot be polled at that pace: the watches say so, with the pace they get
    io.github.slothunter.core.WatchHealth h = hunter.health(hunter.watches("u7").get(0).id());
    assertThat(h.state()).isEqualTo(io.github.slothunter.api.HealthState.BUDGET_SHORT);
    // 40 polls (a few taking a second request for the days past the calendar's window) at ~4.6 requests a minute
    assertThat(h.pace()).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(16));
    assertThat(h.pollsLastHour()).isBetween(4, 8);
  }

  // ---------------------------------------------------------------- issue 12 against the fake site

  private AutoBook autoBook() {
    return AutoBook.of(EngineFixture.patient(), fake.login("09121234567").toSession());
  }

  @Test
  void aBookingIsVerifiedByReadingTheReceiptBack() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(autoBook()));
    hunter.runDue();

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verified()).isTrue();
    assertThat(fake.requestCount(FakePaziresh24.RECEIPT)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aSiteThatAnswersBookedButKeepsNothingGivesAnUnverifiedBooking() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));
    fake.loseBookings(true);

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(autoBook()));
    hunter.runDue();

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verified()).isFalse();
    assertThat(ok.verification()).contains("records do not show this booking");
    assertThat(fake.bookings()).isEmpty();
  }

  @Test
  void aStrictlyBetterSlotMovesTheBookingSoThePatientAlwaysHoldsOne() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(10));
    Watch first = hunter.watch(WatchRequest.of("u1", LINK).autoBook(autoBook()));
    hunter.runDue();
    BookingSucceeded current = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(current.paymentRequired()).isFalse();
    hunter.cancel(first.id());
    assertThat(fake.bookings()).filteredOn(b -> !b.cancelled()).hasSize(1);

    hunter.watch(WatchRequest.of("u1", LINK).plan("FAST").autoBook(autoBook().replacing(current.booking())));
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(11)); // later: not better
    clock.advance(Duration.ofSeconds(10));
    hunter.runDue();
    assertThat(fake.bookings()).filteredOn(b -> !b.cancelled()).hasSize(1);
    assertThat(fake.requestCount(FakePaziresh24.SUSPEND)).isEqualTo(1);

    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6)); // earlier: better
    clock.advance(Duration.ofSeconds(10));
    hunter.runDue();

    BookingSucceeded better = events.await(BookingSucceeded.class, 2).get(1);
    assertThat(better.booking().slot().start()).isEqualTo(tomorrow(6));
    assertThat(better.booking().providerBookingKey()).isEqualTo(current.booking().providerBookingKey());
    assertThat(better.booking().trackingCode()).isEqualTo(current.booking().trackingCode());
    assertThat(better.verified()).isTrue();
    assertThat(fake.bookings()).singleElement().satisfies(b -> {
      assertThat(b.slot().from()).isEqualTo(tomorrow(6));
      assertThat(b.cancelled()).isFalse();
    });
    // moved in place (spec 8): one book, one moveBook, no cancel, and the moved hold never released
    List<String> order = fake.requests().stream().map(r -> r.endpoint())
        .filter(e -> e.equals(FakePaziresh24.BOOK) || e.equals(FakePaziresh24.DELETE_BOOK)
            || e.equals(FakePaziresh24.MOVE_BOOK) || e.equals(FakePaziresh24.UNSUSPEND)).toList();
    assertThat(order).containsExactly(FakePaziresh24.BOOK, FakePaziresh24.MOVE_BOOK);
  }

  @Test
  void aPaidServiceIsBookedAsPayToConfirmWithItsLinkAndNeverReleased() {
    start(0, null, 1, 1_500_000);
    hunter.setPlan("u1", "PREMIUM");
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(10));

    hunter.watch(WatchRequest.of("u1", LINK).autoBook(autoBook()));
    hunter.runDue();
    hunter.close();

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.paymentRequired()).isTrue();
    assertThat(ok.paymentLink()).isNotNull();
    assertThat(ok.paymentLink().getPath()).startsWith("/factor/1001/" + ok.booking().providerBookingKey());
    assertThat(fake.bookings()).singleElement().satisfies(b -> assertThat(b.awaitingPayment()).isTrue());
    assertThat(fake.requestCount(FakePaziresh24.UNSUSPEND)).isZero();
    assertThat(fake.requestCount(FakePaziresh24.FACTOR)).isZero(); // never pays by itself
  }

  @Test
  void explainNamesFilteredSlotsRateLimitsAndAnExpiredSession() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    // 10:00Z is 13:30 in Tehran, after a 12:00 limit
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(10));
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(11));
    Watch w = hunter.watch(WatchRequest.of("u1", LINK).plan("FAST")
        .timeOfDay(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.NOON));
    hunter.runDue();
    assertThat(hunter.explain(w.id(), java.util.Locale.ENGLISH))
        .contains("2 slots appeared on Sunday but all were after your 12:00 limit.");

    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.rateLimited(Duration.ofSeconds(30)));
    clock.advance(Duration.ofSeconds(10));
    hunter.runDue();
    assertThat(hunter.health(w.id()).state()).isEqualTo(io.github.slothunter.api.HealthState.PAUSED_BUDGET);
    assertThat(hunter.explain(w.id(), java.util.Locale.ENGLISH).get(0)).startsWith("Checks are delayed");

    var expired = new io.github.slothunter.api.AccountSession("paziresh24", "token", java.util.Map.of("user_id", "1"),
        clock.instant().minusSeconds(1));
    Watch booking = hunter.watch(WatchRequest.of("u1", LINK).plan("FAST")
        .autoBook(AutoBook.of(EngineFixture.patient(), expired)));
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(10));
      hunter.runDue();
    }
    assertThat(hunter.health(booking.id()).state()).isEqualTo(io.github.slothunter.api.HealthState.PAUSED_AUTH);
    assertThat(hunter.explain(booking.id(), java.util.Locale.forLanguageTag("fa")).get(0)).contains("دوباره وارد شوید");
  }

  // ---- the live protocol's cheap polls: a full calendar costs one request a poll and stays healthy, a
  // release inside the one-request window is seen from that same request, booking off pauses the watch

  @Test
  void aFullCalendarCostsOneRequestAPollAndAReleaseIsAnnouncedOnce() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM"); // a poll a minute, within the default 20 a minute and 300 an hour
    Watch watch = hunter.watch(WatchRequest.of("u1", LINK));
    hunter.runDue();
    fake.resetCounters();

    int polls = 0;
    for (Instant end = clock.instant().plus(Duration.ofHours(1)); clock.instant().isBefore(end); ) {
      clock.advance(Duration.ofSeconds(10));
      polls += hunter.runDue();
      assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.ACTIVE);
    }
    assertThat(polls).isEqualTo(60);
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(polls);
    assertThat(fake.requestCount()).isEqualTo(polls);
    assertThat(hunter.explain(watch.id(), Locale.ENGLISH)).anyMatch(s -> s.contains("fully booked"));
    assertThat(hunter.explain(watch.id(), Locale.forLanguageTag("fa"))).anyMatch(s -> s.contains("تکمیل"));

    Instant start = LocalDate.now(clock.withZone(io.github.slothunter.api.SlotHunterZones.TEHRAN)).plusDays(2)
        .atTime(9, 0).atZone(io.github.slothunter.api.SlotHunterZones.TEHRAN).toInstant();
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", start);
    fake.resetCounters();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(1));
      assertThat(hunter.runDue()).isOne();
      assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.ACTIVE);
    }

    assertThat(events.await(SlotOpened.class, 1)).singleElement()
        .satisfies(o -> assertThat(o.slot().start()).isEqualTo(start));
    TargetStats stats = hunter.stats(watch.targets().get(0)); // what the engine published, counted as it did
    assertThat(stats.slotsOpened()).isOne();
    assertThat(stats.slotsGone()).isZero();
    assertThat(hunter.health(watch.id()).slotsAnnounced()).isOne();
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_TURNS)).isZero();
    // one request a poll: "fully booked" covered the whole window, so the look past the ten days waits
    // for the fifth poll
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(4);
    assertThat(fake.allSlotsRequestCount()).isEqualTo(4);
  }

  @Test
  void bookingSwitchedOffPausesTheWatchAndItResumesWhenBack() {
    start(0, null, 1);
    hunter.setPlan("u1", "PREMIUM");
    Watch watch = hunter.watch(WatchRequest.of("u1", LINK));
    hunter.runDue();
    fake.bookingOff("dr-sara-ahmadi", "1001", "2001", true);

    clock.advance(Duration.ofMinutes(1));
    hunter.runDue();

    assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.BOOKING_OFF);
    assertThat(events.await(WatchPaused.class, 1)).singleElement()
        .satisfies(p -> assertThat(p.reason()).isEqualTo(ErrorCode.BOOKING_OFF));
    assertThat(events.await(WatchHealthChanged.class, 1)).singleElement()
        .satisfies(c -> assertThat(c.current()).isEqualTo(HealthState.BOOKING_OFF));
    assertThat(hunter.explain(watch.id(), Locale.ENGLISH).get(0)).contains("switched off");
    fake.resetCounters();

    for (int i = 0; i < 60; i++) { // an hour: nothing asked
      clock.advance(Duration.ofMinutes(1));
      hunter.runDue();
    }
    assertThat(fake.requestCount()).isZero();

    fake.bookingOff("dr-sara-ahmadi", "1001", "2001", false);
    clock.advance(Duration.ofDays(1).minusHours(1)); // the daily re-check falls due
    assertThat(hunter.runDue()).isOne();

    assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.ACTIVE);
    assertThat(events.await(WatchResumed.class, 1)).hasSize(1);
    // in order per watch: the resume came after the one pause and the two health changes
    assertThat(events.await(WatchHealthChanged.class, 2)).extracting(WatchHealthChanged::current)
        .containsExactly(HealthState.BOOKING_OFF, HealthState.ACTIVE);
    assertThat(events.of(WatchPaused.class)).hasSize(1);
  }
}
