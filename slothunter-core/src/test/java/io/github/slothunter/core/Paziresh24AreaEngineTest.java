package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Watch;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import io.github.slothunter.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An area watch over the real Paziresh24 provider and the testkit's FakePaziresh24 (HTTP on
 * localhost), on a fake clock, with the provider's default budget (20 a minute, 300 an hour): 200
 * dermatologists in Tehran, pins only in their profiles (the site's search shows none).
 */
class Paziresh24AreaEngineTest {
  private static final GeoPoint HOME = new GeoPoint(35.7000, 51.4000);
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private final RecordingListener events = new RecordingListener();
  private FakePaziresh24 fake;
  private SlotHunter hunter;

  /** Doctor i's center is i * 0.1 km north of HOME; none has a free slot yet. */
  private void start() {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(7);
    for (int i = 0; i < 200; i++) {
      int n = i;
      b.doctor("dr-derm-" + i, d -> d.displayName("دکتر " + n).expertise("پوست و مو", "dermatology")
          .center(Integer.toString(5000 + n), c -> c.name("مطب " + n).city("تهران").citySlug("tehran")
              .location(HOME.lat() + n * 0.0009, HOME.lon())
              .service(Integer.toString(7000 + n), s -> s.title("ویزیت حضوری").price(900_000)
                  .duration(Duration.ofMinutes(15)).userCenterId(Integer.toString(9000 + n)))));
    }
    fake = b.build().start();
    hunter = SlotHunter.builder()
        .provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", fake.baseUrl())
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.PREMIUM, EngineFixture.FAST)))
        .clock(clock).manualScheduling().build();
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

  private void run(Duration total) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plusSeconds(10)) {
      clock.advance(Duration.ofSeconds(10));
      hunter.runDue();
    }
  }

  private Instant day(int daysAhead, int hourUtc) {
    return Instant.parse("2026-12-05T00:00:00Z").plus(Duration.ofDays(daysAhead)).plus(Duration.ofHours(hourUtc));
  }

  /** The most requests the fake received in any rolling window of this length. */
  private int mostIn(Duration window) {
    List<Instant> at = fake.requests().stream().map(RecordedRequest::at).sorted().toList();
    int most = 0;
    for (int i = 0, j = 0; i < at.size(); i++) {
      while (!at.get(j).plus(window).isAfter(at.get(i))) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  @Test
  void booksTheSlotThatOpensAnywhereInsideTheRadiusOnceAndWithinTheSiteBudget() {
    start();
    hunter.setPlan("u1", "PREMIUM");
    var session = fake.login("09121234567").toSession();
    AreaQuery q = AreaQuery.builder("paziresh24", "پوست", "تهران").near(HOME, 5).build(); // ~the first 55 doctors
    Watch w = hunter.watch(WatchRequest.area("u1", q).plan("FAST")
        .between(LocalDate.of(2026, 12, 6), LocalDate.of(2026, 12, 12))
        .autoBook(EngineFixture.patient(), session));
    assertThat(w.area().members()).hasSizeGreaterThan(50);
    run(Duration.ofMinutes(10));

    fake.openSlot("dr-derm-150", "5150", "7150", day(1, 6)); // 15 km away: never read, never booked
    fake.openSlot("dr-derm-120", "5120", "7120", day(2, 6)); // 12 km away
    fake.openSlot("dr-derm-30", "5030", "7030", day(3, 7));  // 3 km away: the one to book
    fake.openSlot("dr-derm-40", "5040", "7040", day(4, 7));  // 4 km away, later
    run(Duration.ofMinutes(30));

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.booking().slot().target().ref().key()).isEqualTo("dr-derm-30");
    assertThat(ok.label().distanceKm()).isBetween(2.9, 3.1);
    assertThat(ok.label().price()).isEqualTo(900_000L);
    assertThat(fake.bookings()).hasSize(1);
    assertThat(events.of(SlotOpened.class)).noneMatch(e -> e.slot().target().ref().key().equals("dr-derm-150")
        || e.slot().target().ref().key().equals("dr-derm-120"));
    // the far doctors' profiles were read (for their pins), their calendars never
    assertThat(fake.requests()).filteredOn(r -> r.endpoint().startsWith("getFree"))
        .extracting(r -> r.form().getOrDefault("center_id", r.query().getOrDefault("center_id", "")))
        .isNotEmpty().doesNotContain("5150", "5120");
    assertThat(mostIn(Duration.ofMinutes(1))).isLessThanOrEqualTo(20);
    assertThat(mostIn(Duration.ofHours(1))).isLessThanOrEqualTo(300);
  }
}
