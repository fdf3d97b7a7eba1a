package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live protocol's cheap polls, end to end over the Paziresh24 provider and the testkit's fake:
 * a full calendar costs one request a poll and stays healthy, a released slot inside the
 * one-request window is seen from that same request, and a calendar whose online booking is off
 * pauses its watches until it is back.
 */
class OneRequestPollTest {
  private static final String SLUG = "dr-sara-ahmadi";
  private static final String LINK = "https://www.paziresh24.com/dr/" + SLUG + "/";
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private final RecordingListener events = new RecordingListener();
  private FakePaziresh24 fake;
  private SlotHunter hunter;

  private void start() {
    fake = FakePaziresh24.builder().clock(clock).seed(7)
        .doctor(SLUG, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
            .center("1001", c -> c.name("مطب").city("تهران").address("خیابان ولیعصر").serverId("1")
                .service("2001", s -> s.title("ویزیت حضوری").duration(Duration.ofMinutes(15)).userCenterId("3001"))))
        .build().start();
    hunter = SlotHunter.builder()
        .provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", fake.baseUrl())
        .plans(Plans.defaults())
        .clock(clock).manualScheduling().build();
    hunter.listen(events);
  }

  @AfterEach
  void stop() {
    if (hunter != null) {
      hunter.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void aFullCalendarCostsOneRequestAPollAndAReleaseIsAnnouncedOnce() {
    start();
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
    fake.openSlot(SLUG, "1001", "2001", start);
    fake.resetCounters();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(1));
      assertThat(hunter.runDue()).isOne();
      assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.ACTIVE);
    }

    assertThat(events.of(SlotOpened.class)).singleElement()
        .satisfies(o -> assertThat(o.slot().start()).isEqualTo(start));
    assertThat(events.of(SlotGone.class)).isEmpty();
    assertThat(events.of(WatchHealthChanged.class)).isEmpty();
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_TURNS)).isZero();
    // one request a poll: "fully booked" covered the whole window, so the look past the ten days waits
    // for the fifth poll
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(4);
    assertThat(fake.allSlotsRequestCount()).isEqualTo(4);
  }

  @Test
  void bookingSwitchedOffPausesTheWatchAndItResumesWhenBack() {
    start();
    hunter.setPlan("u1", "PREMIUM");
    Watch watch = hunter.watch(WatchRequest.of("u1", LINK));
    hunter.runDue();
    fake.bookingOff(SLUG, "1001", "2001", true);

    clock.advance(Duration.ofMinutes(1));
    hunter.runDue();

    assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.BOOKING_OFF);
    assertThat(events.of(WatchPaused.class)).singleElement()
        .satisfies(p -> assertThat(p.reason()).isEqualTo(io.github.slothunter.api.ErrorCode.BOOKING_OFF));
    assertThat(hunter.explain(watch.id(), Locale.ENGLISH).get(0)).contains("switched off");
    fake.resetCounters();

    for (int i = 0; i < 60; i++) { // an hour: nothing asked
      clock.advance(Duration.ofMinutes(1));
      hunter.runDue();
    }
    assertThat(fake.requestCount()).isZero();

    fake.bookingOff(SLUG, "1001", "2001", false);
    clock.advance(Duration.ofDays(1).minusHours(1)); // the daily re-check falls due
    assertThat(hunter.runDue()).isOne();

    assertThat(hunter.health(watch.id()).state()).isEqualTo(HealthState.ACTIVE);
    assertThat(events.of(WatchResumed.class)).hasSize(1);
    assertThat(events.of(WatchPaused.class)).hasSize(1);
  }
}
