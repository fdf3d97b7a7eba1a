package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.Providers;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SlotHunter facade's smaller promises: one-shot reads, builder validation, odd providers. */
class SlotHunterApiTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static ProviderFactory failingFactory(RuntimeException e) {
    return new ProviderFactory() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public Provider create(ProviderContext context) {
        throw e;
      }
    };
  }

  @Test
  void parsesLooksUpAndReadsFreeSlotsOnce() {
    Target t = f.provider.target("dr-a");
    Slot s = f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("06:00", 3));

    assertThat(f.hunter.parse("mem:dr-a")).contains(new DoctorRef("mem", "dr-a"));
    assertThat(f.hunter.parse("https://elsewhere.example/x")).isEmpty();
    assertThat(f.hunter.lookup("mem:dr-a").bookableTargets()).containsExactly(t);
    assertThat(f.hunter.freeSlots(t, 1)).containsExactly(s);
    assertThat(f.hunter.freeSlots(t, 5)).hasSize(2);
    assertThat(f.hunter.stats(t).polls()).isZero();
    assertThatThrownBy(() -> f.hunter.freeSlots(t, 0)).isInstanceOf(SlotHunterException.class);
    assertThat(f.hunter.plans().all()).extracting(Plan::name).startsWith("FREE", "PREMIUM", "PRO", "ENTERPRISE");
    assertThat(f.hunter.authenticator("mem")).isEmpty();
    assertThat(f.hunter.authenticator("nope")).isEmpty();
  }

  @Test
  void lookingUpALinkNoProviderKnowsIsInvalidInput() {
    var e = catchThrowableOfType(SlotHunterException.class, () -> f.hunter.lookup("x".repeat(200)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).contains("…");
  }

  @Test
  void readingSlotsOfAnUnregisteredProviderIsInvalidInput() {
    Target foreign = new Target(new DoctorRef("other", "dr"), "c", "s", Map.of());

    assertThat(catchThrowableOfType(SlotHunterException.class, () -> f.hunter.freeSlots(foreign, 1)).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(catchThrowableOfType(SlotHunterException.class,
        () -> f.hunter.watch(WatchRequest.of("u1", foreign))).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(f.hunter.snapshot(foreign)).isEmpty();
    assertThat(f.hunter.stats(foreign).watchers()).isZero();
  }

  @Test
  void aCenterFilterThatMatchesNothingIsNotFoundNamingTheCenter() {
    f.provider.target("dr-a");

    var e = catchThrowableOfType(SlotHunterException.class,
        () -> f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").center("nowhere")));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("center nowhere");
  }

  @Test
  void runDueIsOnlyForManualEngines() {
    try (SlotHunter threaded = SlotHunter.builder().provider(f.provider.factory()).build()) {
      assertThatThrownBy(threaded::runDue).isInstanceOf(IllegalStateException.class).hasMessageContaining("manual");
    }
  }

  @Test
  void aHostExecutorRunsThePollsAndIsLeftRunning() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Target t = f.provider.target("dr-x");
      f.provider.open(t, java.time.Instant.now().plus(Duration.ofDays(1)));
      Plan quick = new Plan("QUICK", 10, Duration.ofMillis(50), false, 1);
      RecordingListener events = new RecordingListener();
      try (SlotHunter h = SlotHunter.builder().providers(Providers.of(f.provider.factory())).executor(pool)
          .plans(Plans.of(quick, List.of(quick))).circuitOpenDuration(Duration.ofSeconds(5)).eventCapacity(100)
          .build()) {
        h.listen(events);
        h.watch(WatchRequest.of("u1", t));
        events.await(SlotOpened.class, 1);
      }
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builderRejectsBadSettings() {
    SlotHunter.Builder b = SlotHunter.builder();

    assertThatThrownBy(() -> b.eventCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.closeTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.circuitOpenDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlotHunter.builder().providers(Providers.of()).build())
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.getMessage()).contains("no providers"));
  }

  @Test
  void aProviderThatCannotBeCreatedFailsTheBuildNamingItsFactory() {
    var e = catchThrowableOfType(SlotHunterException.class, () -> SlotHunter.builder()
        .provider(f.provider.factory())
        .provider(failingFactory(new IllegalStateException("boom")), Map.of("base-url", "http://127.0.0.1:1")).build());
    var typed = catchThrowableOfType(SlotHunterException.class, () -> SlotHunter.builder()
        .provider(failingFactory(SlotHunterException.invalid("config base-url", "is bad"))).build());

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains("broken");
    assertThat(typed.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(f.provider.closed()).isTrue(); // the provider created before the failure is closed again
  }

  @Test
  void aProviderThatThrowsARawExceptionIsReportedAsAProtocolError() {
    Target t = f.provider.target("dr-a");
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
    f.provider.failNext(Operation.FREE_DAYS, new NullPointerException("provider bug"));

    f.hunter.runDue();

    assertThat(f.hunter.stats(t).errors()).isEqualTo(1);
    assertThat(f.hunter.stats().providers().get(0).failures()).isEqualTo(1);
  }

  @Test
  void aFailureFetchingOneDayKeepsThatDaysSlots() {
    Target t = f.provider.target("dr-a");
    Slot s1 = f.provider.open(t, f.at("06:00", 1));
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
    f.hunter.runDue();

    f.provider.failNext(Operation.FREE_SLOTS, ErrorCode.PROTOCOL);
    f.tick(Duration.ofSeconds(10));

    assertThat(f.hunter.snapshot(t)).containsExactly(s1);
    assertThat(f.hunter.stats(t).errors()).isEqualTo(1);
  }

  @Test
  void aHoldRefusedAsInvalidMovesOnAndARateLimitedBookStopsTheRound() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.failNext(Operation.HOLD, ErrorCode.INVALID_INPUT);
    f.provider.failNext(Operation.BOOK, ErrorCode.RATE_LIMITED);
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));

    f.hunter.runDue();

    List<BookingFailed> failed = f.events.await(BookingFailed.class, 2);
    assertThat(failed).extracting(BookingFailed::code).containsExactly(ErrorCode.INVALID_INPUT, ErrorCode.RATE_LIMITED);
    assertThat(failed.get(1).reason()).contains("rate-limited");
    assertThat(f.events.of(HoldPlaced.class)).hasSize(1);
    // the site said "stop": the release waits for the pause (60 s by default) and then goes out
    assertThat(f.provider.holds().size()).isEqualTo(1);
    f.tick(Duration.ofSeconds(61));
    assertThat(f.provider.holds().size()).isZero();
  }

  @Test
  void anUnreadableHoldAnswerStopsTheRoundAndTheSlotWaitsUntilNobodyCanHoldItForUs() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.failNext(Operation.HOLD, ErrorCode.PROTOCOL);
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));

    f.hunter.runDue();
    f.tick(Duration.ofSeconds(10));

    // an unreadable answer may hide a hold: the slot is not tried again until that is ruled out
    assertThat(f.events.await(BookingFailed.class, 1).get(0).reason()).contains("did not answer the hold");
    assertThat(f.provider.count(Operation.HOLD)).isEqualTo(1);
    f.tick(Duration.ofSeconds(60));
    assertThat(f.events.await(BookingSucceeded.class, 1)).hasSize(1);
  }

  @Test
  void aFailedReleaseIsRetriedUntilTheHoldIsGone() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.SLOT_TAKEN);
    f.provider.failNext(Operation.RELEASE, ErrorCode.PROVIDER_UNAVAILABLE);
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));

    f.hunter.runDue();
    assertThat(f.provider.holds().size()).isEqualTo(1);
    f.tick(Duration.ofSeconds(1));

    assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(2);
    assertThat(f.provider.holds().size()).isZero();
  }

  @Test
  void aReleaseTheProviderRefusesOutrightIsNotRetried() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.SLOT_TAKEN);
    f.provider.failNext(Operation.RELEASE, ErrorCode.INVALID_INPUT); // not retryable: the site drops it at expiry
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));

    f.hunter.runDue();
    f.tick(Duration.ofSeconds(1));
    f.tick(Duration.ofSeconds(1));

    assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);
  }

  @Test
  void aQueuedReleaseOfAHoldThatHasLapsedIsDroppedWithoutARequest() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.holdTtl(Duration.ofSeconds(30));
    f.provider.failNext(Operation.BOOK, ErrorCode.SLOT_TAKEN);
    f.provider.failNext(Operation.RELEASE, ErrorCode.PROVIDER_UNAVAILABLE);
    f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
    f.hunter.runDue();
    assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);

    f.tick(Duration.ofMinutes(1)); // past the hold's expiry before the retry

    assertThat(f.provider.count(Operation.RELEASE)).as("a lapsed hold needs no release").isEqualTo(1);
  }
}
