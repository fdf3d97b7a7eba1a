package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakeBooking;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.Fault;
import io.github.slothunter.testkit.FakePaziresh24;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against the testkit's stateful fake of the whole site: login, lookup, calendar, hold, book. */
class Paziresh24EndToEndTest {
  private static final String SLUG = "dr-sara-ahmadi";
  private static final LocalDate DAY = LocalDate.of(2026, 7, 5);

  private final FakeClock clock = FakeClock.at("2026-07-04T05:30:00Z");
  private final List<Provider> providers = new ArrayList<>();
  private FakePaziresh24 fake;

  @BeforeEach
  void startFake() {
    fake = FakePaziresh24.builder().clock(clock).seed(42).holdTtl(Duration.ofMinutes(5)).otp("1234")
        .doctor(SLUG, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
            .center("1001", c -> c.name("مطب دکتر سارا احمدی").city("تهران").address("خیابان ولیعصر").serverId("1")
                .service("2001", s -> s.title("ویزیت حضوری").price(1_500_000).duration(Duration.ofMinutes(15))
                    .userCenterId("3001"))
                .service("2002", s -> s.title("نوار قلب").bookable(false).userCenterId("3001")))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
                .service("4001", s -> s.title("ویزیت آنلاین").price(2_000_000).duration(Duration.ofMinutes(10))
                    .userCenterId("3002"))))
        .build().start();
    fake.openSlots(SLUG, "1001", "2001", DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
  }

  @AfterEach
  void stop() {
    providers.forEach(Provider::close);
    fake.close();
  }

  private Provider provider(String... keyValues) {
    ProviderContext.Builder b = ProviderContext.builder("paziresh24").clock(clock)
        .systemProperties(new Properties()).environment(Map.of())
        .config(ProviderContext.BASE_URL, fake.baseUrl()).config(ProviderContext.TIMEOUT, "5s");
    for (int i = 0; i < keyValues.length; i += 2) {
      b.config(keyValues[i], keyValues[i + 1]);
    }
    Provider p = new Paziresh24ProviderFactory().create(b.build());
    providers.add(p);
    // FakePaziresh24 wants terminal_id on reads too; the live site does not (spec 2.2), so the provider
    // sends none before it needs one. Mint it up front here, as a login or a hold would.
    ((Paziresh24Provider) p).terminalId();
    return p;
  }

  private static Patient patient() {
    return Patient.of("مریم", "کریمی", "0012345679", "09121234567");
  }

  private static AccountSession login(Provider p) {
    OtpChallenge challenge = p.authenticator().orElseThrow().start("09121234567");
    return p.authenticator().orElseThrow().complete(challenge, "1234");
  }

  private static Target officeTarget(Provider p) {
    Doctor doctor = p.lookup(new DoctorRef("paziresh24", SLUG));
    return doctor.bookableTargets().stream().filter(t -> t.centerId().equals("1001")).findFirst().orElseThrow();
  }

  @Test
  void readsABookingBackUntilItIsCancelled() {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Slot slot = p.slots().freeSlots(officeTarget(p), DAY).get(1);
    Booking booking = booker.book(booker.hold(slot, session), patient(), session);

    Booking onRecord = booker.readBack(booking, session).orElseThrow();
    booker.cancel(booking, patient(), session);

    assertThat(onRecord).isEqualTo(booking);
    assertThat(booker.readBack(booking, session)).isEmpty();
    assertThat(fake.requestCount(FakePaziresh24.RECEIPT)).isEqualTo(2);
  }

  @Test
  void findsNothingOnRecordForABookingTheSiteLost() {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Slot slot = p.slots().freeSlots(officeTarget(p), DAY).get(0);
    fake.loseBookings(true);

    Booking booking = booker.book(booker.hold(slot, session), patient(), session);

    assertThat(booking.providerBookingKey()).isNotBlank();
    assertThat(booker.readBack(booking, session)).isEmpty();
    assertThat(fake.bookings()).isEmpty();
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void logsInLooksUpFindsASlotHoldsAndBooksIt() {
    Provider p = provider();
    AccountSession session = login(p);

    DoctorRef ref = p.parse(fake.doctorUrl(SLUG)).orElseThrow();
    Doctor doctor = p.lookup(ref);
    Target target = doctor.bookableTargets().get(0);
    List<LocalDate> days = p.slots().freeDays(target);
    List<Slot> slots = p.slots().freeSlots(target, days.get(0));
    Booker booker = p.booker().orElseThrow();
    Hold hold = booker.hold(slots.get(0), session);
    Booking booking = booker.book(hold, patient(), session);

    assertThat(doctor.displayName()).isEqualTo("دکتر سارا احمدی");
    assertThat(doctor.bookableTargets()).extracting(Target::centerId, Target::serviceId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1001", "2001"),
            org.assertj.core.groups.Tuple.tuple(FakePaziresh24.ONLINE_CENTER_ID, "4001"));
    assertThat(target.providerKeys()).isEqualTo(Map.of("server_id", "1", "user_center_id", "3001"));
    assertThat(days).containsExactly(DAY);
    assertThat(slots).hasSize(4);
    assertThat(fake.bookings()).singleElement().satisfies((FakeBooking b) -> {
      assertThat(b.bookId()).isEqualTo(booking.providerBookingKey());
      assertThat(b.referenceCode()).isEqualTo(booking.trackingCode()).isNotEmpty();
      assertThat(b.slot().from()).isEqualTo(slots.get(0).start());
      assertThat(b.nationalCode()).isEqualTo("0012345679");
      assertThat(b.cell()).isEqualTo("09121234567");
      assertThat(b.userId()).isEqualTo(session.attributes().get("user_id"));
      assertThat(b.terminalId()).as("the terminal id the account logged in with")
          .isEqualTo(session.attributes().get("terminal_id")).isEqualTo(((Paziresh24Provider) p).terminalId());
    });
    assertThat(fake.outstandingHolds()).isZero();
    assertThat(p.slots().freeSlots(target, DAY)).hasSize(3);
    assertThat(fake.requestCount(FakePaziresh24.BOOK)).isOne();
  }

  @Test
  void listsTheAccountsFamilyAndBooksForTheOneChosen() {
    fake.accountHolder("09121234567", "سارا", "کریمی", "0012345679");
    io.github.slothunter.testkit.FakeAccountUser son =
        fake.addAccountUser("09121234567", "علی", "کریمی", "0499370899", "09351234567");
    Provider p = provider();
    AccountSession session = login(p);

    List<Patient> people = p.authenticator().orElseThrow().accountPatients(session);
    Booker booker = p.booker().orElseThrow();
    Slot slot = p.slots().freeSlots(officeTarget(p), DAY).get(0);
    booker.book(booker.hold(slot, session), people.get(1), session);

    assertThat(p.info().capabilities()).contains(io.github.slothunter.api.Capability.ACCOUNT_PATIENTS);
    assertThat(people).extracting(Patient::accountUserId)
        .containsExactly(session.attributes().get("user_id"), son.id());
    assertThat(people.get(1).mobile()).isEqualTo("09351234567");
    assertThat(fake.bookings()).singleElement().satisfies((FakeBooking b) -> {
      assertThat(b.selectedUserId()).isEqualTo(son.id());
      assertThat(b.userId()).as("the account that booked").isEqualTo(session.attributes().get("user_id"));
      assertThat(b.firstName()).isEqualTo("علی");
      assertThat(b.nationalCode()).isEqualTo("0499370899");
      assertThat(b.cell()).isEqualTo("09351234567");
    });
  }

  @Test
  void booksForTheAccountHolderWhenThePatientNamesNoAccountUser() {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Slot slot = p.slots().freeSlots(officeTarget(p), DAY).get(0);

    booker.book(booker.hold(slot, session), patient(), session);

    assertThat(fake.bookings()).singleElement()
        .satisfies((FakeBooking b) -> assertThat(b.selectedUserId()).isEqualTo(session.attributes().get("user_id")));
  }

  @Test
  void reportsASlotTakenBetweenHoldAndBookAndReleasesCleanly() {
    Provider p = provider();
    AccountSession session = login(p);
    Target target = officeTarget(p);
    Slot slot = p.slots().freeSlots(target, DAY).get(0);
    Booker booker = p.booker().orElseThrow();
    fake.faults().takeSlotAfterHold();
    Hold hold = booker.hold(slot, session);

    assertThatThrownBy(() -> booker.book(hold, patient(), session))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SLOT_TAKEN);
          assertThat(e.providerId()).contains("paziresh24");
        });
    booker.release(hold, session);

    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.bookings()).isEmpty();
  }

  @Test
  void reportsASlotAnotherPatientTookBeforeTheHold() {
    Provider p = provider();
    AccountSession session = login(p);
    Target target = officeTarget(p);
    Slot slot = p.slots().freeSlots(target, DAY).get(1);
    fake.takeSlot(SLUG, "1001", "2001", slot.start());

    assertThatThrownBy(() -> p.booker().orElseThrow().hold(slot, session))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_TAKEN));
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void reportsAHoldThatLapsedBeforeBooking() {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Hold hold = booker.hold(p.slots().freeSlots(officeTarget(p), DAY).get(0), session);
    assertThat(fake.outstandingHolds()).isOne();

    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> booker.book(hold, patient(), session))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HOLD_EXPIRED));
    booker.release(hold, session);
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void releasesAHoldIdempotently() {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Hold hold = booker.hold(p.slots().freeSlots(officeTarget(p), DAY).get(0), session);

    booker.release(hold, session);
    booker.release(hold, session);

    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.requestCount(FakePaziresh24.UNSUSPEND)).isEqualTo(2);
  }

  @Test
  void cancelsABooking() {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Booking booking = booker.book(booker.hold(p.slots().freeSlots(officeTarget(p), DAY).get(0), session), patient(),
        session);

    booker.cancel(booking, patient(), session);

    assertThat(fake.bookings()).singleElement().satisfies(b -> assertThat(b.cancelled()).isTrue());
    assertThat(p.slots().freeSlots(officeTarget(p), DAY)).hasSize(4);
  }

  @Test
  void rejectsAWrongCodeAndGoesOnToCodeEntryWhenCodeRequestsAreThrottled() {
    Provider p = provider();
    OtpChallenge challenge = p.authenticator().orElseThrow().start("09121234567");

    assertThatThrownBy(() -> p.authenticator().orElseThrow().complete(challenge, "9999"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    OtpChallenge again = p.authenticator().orElseThrow().start("09121234567");
    assertThat(again.notice()).as("status 39 goes on to code entry with the server's message").isNotEmpty();
    assertThat(again.resendWait(clock.instant())).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(60));
    assertThat(fake.requestCount(FakePaziresh24.RESET_PASSWORD)).isEqualTo(2);
  }

  @Test
  void reportsAnUnknownDoctorAsNotFound() {
    assertThatThrownBy(() -> provider().lookup(new DoctorRef("paziresh24", "no-such-doctor")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void searchesTheFakeDirectory() {
    List<DoctorSummary> hits = provider().search().orElseThrow().search(SearchQuery.text("سارا"));

    assertThat(hits).extracting(h -> h.ref().key()).containsExactly(SLUG);
  }

  @Test
  void worksWithTheWebsiteEndpointsMultipartFormsAndSetTerminal() {
    Provider p = provider("booking-endpoint", "www", "form-encoding", "multipart", "terminal-mode", "set-terminal");
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();

    Booking booking = booker.book(booker.hold(p.slots().freeSlots(officeTarget(p), DAY).get(0), session), patient(),
        session);

    assertThat(fake.bookings()).singleElement()
        .satisfies(b -> assertThat(b.bookId()).isEqualTo(booking.providerBookingKey()));
    assertThat(fake.requestCount(FakePaziresh24.SET_TERMINAL)).isOne();
    assertThat(fake.requests(FakePaziresh24.BOOK)).singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/api/book"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "the site answers a repeated suspend {0}")
  @org.junit.jupiter.params.provider.EnumSource(io.github.slothunter.testkit.RepeatedHold.class)
  void reclaimsASuspendWhoseAnswerWasLostAsTheSameTerminal(io.github.slothunter.testkit.RepeatedHold answer) {
    Provider p = provider();
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Slot slot = p.slots().freeSlots(officeTarget(p), DAY).get(1);
    fake.repeatedSuspend(answer);
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.lostAnswer());
    String holder = booker.holder(session);

    assertThat(codeOf(() -> booker.hold(slot, session))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(fake.outstandingHolds()).isEqualTo(1);
    java.util.Optional<io.github.slothunter.api.Hold> reclaimed = booker.reclaim(slot, holder, session);

    assertThat(p.info().capabilities()).contains(io.github.slothunter.api.Capability.RECLAIM_HOLD);
    assertThat(holder).matches("clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}");
    assertThat(fake.requests(FakePaziresh24.SUSPEND)).allSatisfy(r -> assertThat(r.field("terminal_id"))
        .contains(holder));
    if (answer == io.github.slothunter.testkit.RepeatedHold.REFUSED) {
      assertThat(reclaimed).isEmpty();
      assertThat(fake.outstandingHolds()).isEqualTo(1);
    } else {
      booker.release(reclaimed.orElseThrow(), session);
      assertThat(fake.outstandingHolds()).as("nothing left held").isZero();
    }
    assertThat(booker.holdLifetime()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aRestartedRunReleasesTheHoldOfTheRunBeforeItByNamingItsTerminal() {
    Provider before = provider();
    AccountSession logged = login(before);
    java.util.Map<String, String> attributes = new java.util.HashMap<>(logged.attributes());
    attributes.remove("terminal_id"); // a session that does not carry its terminal: each run mints its own
    AccountSession session = new AccountSession(logged.providerId(), logged.token(), attributes, logged.expiresAt());
    Booker dead = before.booker().orElseThrow();
    Slot slot = before.slots().freeSlots(officeTarget(before), DAY).get(1);
    io.github.slothunter.api.Hold held = dead.hold(slot, session);
    String holder = dead.holder(session);
    Booker restarted = provider().booker().orElseThrow(); // a new run: a terminal of its own

    restarted.release(held, session);
    assertThat(fake.outstandingHolds()).as("the site ignores another terminal's release").isEqualTo(1);
    restarted.release(held, holder, session);

    assertThat(fake.outstandingHolds()).as("released as its holder").isZero();
    assertThat(fake.requests(FakePaziresh24.UNSUSPEND).get(1).field("terminal_id")).contains(holder);
    assertThat(restarted.holder(session)).isNotEqualTo(holder);
  }

  @Test
  void aHostsOkHttpClientCarriesTheCallsWithTheProvidersOwnTimeouts() {
    java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
    okhttp3.OkHttpClient host = new okhttp3.OkHttpClient.Builder()
        .addInterceptor(chain -> {
          seen.incrementAndGet();
          return chain.proceed(chain.request().newBuilder().header("X-Host-Proxy", "corp-1").build());
        })
        .callTimeout(Duration.ofMillis(1)) // the provider's timeouts replace the host's
        .build();
    Map<String, String> config = Paziresh24Config.builder().baseUrl(fake.baseUrl()).timeout(Duration.ofSeconds(5))
        .build();
    Provider p = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24").clock(clock)
        .systemProperties(new Properties()).environment(Map.of()).config(config)
        .extension(okhttp3.OkHttpClient.class, host).build());
    providers.add(p);
    ((Paziresh24Provider) p).terminalId();

    assertThat(p.slots().freeSlots(officeTarget(p), DAY)).isNotEmpty();

    assertThat(seen.get()).as("every call went through the host's interceptor").isPositive();
    assertThat(fake.requests()).hasSize(seen.get())
        .allSatisfy(r -> assertThat(r.header("X-Host-Proxy")).contains("corp-1"));
  }

  @Test
  void theTypedConfigValidatesWhereItIsWritten() {
    Map<String, String> c = Paziresh24Config.builder().baseUrl("http://127.0.0.1:8080").timeout(Duration.ofSeconds(3))
        .bookingTimeout(Duration.ofSeconds(9)).holdTtl(Duration.ofMinutes(4)).sessionTtl(Duration.ofHours(12))
        .userAgent("clinic-bot/1.0").profileFallback(false).set(Paziresh24Config.TERMINAL_MODE, "fresh").build();

    assertThat(c).containsEntry(ProviderContext.BASE_URL, "http://127.0.0.1:8080")
        .containsEntry(ProviderContext.TIMEOUT, "PT3S").containsEntry(Paziresh24Config.BOOKING_TIMEOUT, "PT9S")
        .containsEntry(Paziresh24Config.HOLD_TTL, "PT4M").containsEntry(Paziresh24Config.SESSION_TTL, "PT12H")
        .containsEntry(ProviderContext.USER_AGENT, "clinic-bot/1.0")
        .containsEntry(Paziresh24Config.PROFILE_FALLBACK, "false").containsEntry(Paziresh24Config.TERMINAL_MODE, "fresh");
    assertThat(ProviderContext.builder("paziresh24").config(c).build().duration(ProviderContext.TIMEOUT, null))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(codeOf(() -> Paziresh24Config.builder().baseUrl("ftp://x"))).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(codeOf(() -> Paziresh24Config.builder().wwwUrl("not a url"))).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(codeOf(() -> Paziresh24Config.builder().apigwUrl("https://"))).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(codeOf(() -> Paziresh24Config.builder().timeout(Duration.ZERO))).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(codeOf(() -> Paziresh24Config.builder().userAgent("bad\nagent"))).isEqualTo(ErrorCode.INVALID_INPUT);
  }

  @Test
  void writesWaitTheLongerBookingTimeoutWhileReadsKeepTheirs() {
    Provider p = provider("timeout", "1s"); // booking-timeout: 3 s
    AccountSession session = login(p);
    Booker booker = p.booker().orElseThrow();
    Target target = officeTarget(p);
    Slot slot = p.slots().freeSlots(target, DAY).get(1);
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.slowAnswer(Duration.ofMillis(1500)))
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.slowAnswer(Duration.ofMillis(1500)));

    assertThat(booker.hold(slot, session).providerHoldKey()).isNotBlank();
    assertThat(codeOf(() -> p.slots().freeDays(target))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    Provider configured = provider("timeout", "1s", "booking-timeout", "1s");
    Slot next = configured.slots().freeSlots(officeTarget(configured), DAY).get(2);
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.slowAnswer(Duration.ofMillis(1500)));
    assertThat(codeOf(() -> configured.booker().orElseThrow().hold(next, session)))
        .isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void mapsTheFakesFaultsToTypedErrors() {
    Provider p = provider("timeout", "1s");
    Target target = officeTarget(p);
    fake.faults()
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.malformedJson())
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.htmlErrorPage())
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.rateLimited(Duration.ofSeconds(30)))
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.disconnect())
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.latency(Duration.ofSeconds(3)));

    assertThat(codeOf(() -> p.slots().freeDays(target))).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(codeOf(() -> p.slots().freeDays(target))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThatThrownBy(() -> p.slots().freeDays(target)).isInstanceOfSatisfying(SlotHunterException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    });
    assertThat(codeOf(() -> p.slots().freeDays(target))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(codeOf(() -> p.slots().freeDays(target))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(p.slots().freeDays(target)).containsExactly(DAY);
  }

  @Test
  void mapsTheFakesRateLimitToRateLimited() {
    // the fake limits per terminal id: the two reads share the minted one (setTerminal, sent up front by
    // provider(), is counted under the browser UUID its form carries)
    try (FakePaziresh24 limited = FakePaziresh24.builder().clock(clock).rateLimitPerMinute(2)
        .doctor(SLUG, d -> d.center("1001", c -> c.service("2001", s -> s.userCenterId("3001"))))
        .build().start()) {
      Provider p = provider("base-url", limited.baseUrl());
      Target target = new Target(new DoctorRef("paziresh24", SLUG), "1001", "2001",
          Map.of("user_center_id", "3001", "server_id", "1"));
      p.slots().freeDays(target);
      p.slots().freeDays(target);

      assertThatThrownBy(() -> p.slots().freeDays(target)).isInstanceOfSatisfying(SlotHunterException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
      });
    }
  }

  private static ErrorCode codeOf(Runnable call) {
    try {
      call.run();
    } catch (SlotHunterException e) {
      return e.code();
    }
    throw new AssertionError("no exception");
  }
}
