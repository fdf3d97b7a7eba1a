package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakeDoctoreto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine over the real Doctoreto provider and the testkit's FakeDoctoreto. */
class DoctoretoEngineTest {
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private final FakeDoctoreto fake = FakeDoctoreto.builder().clock(clock)
      .doctor("ZaEBBZ", "dr-vida-imani", d -> d.fullName("دکتر ویدا ایمانی")
          .consultation(3022, c -> c.placeName("مطب").city("تهران").address("ونک").price(800_000)))
      .build().start();
  private final SlotHunter hunter = SlotHunter.builder()
      .provider(new DoctoretoProviderFactory())
      .providerConfig("doctoreto", "base-url", fake.baseUrl())
      .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.PREMIUM)))
      .clock(clock).manualScheduling().build();
  private final RecordingListener events = new RecordingListener();

  @AfterEach
  void stop() {
    hunter.close();
    fake.close();
  }

  @Test
  void aWatchOnADoctoretoDoctorAnnouncesSlotsWithABookingLink() {
    hunter.listen(events);
    hunter.watch(WatchRequest.of("u1", "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ?searchedFrom=header"));
    hunter.runDue();
    long id = fake.openSlot("ZaEBBZ", 3022, Instant.parse("2026-12-07T06:30:00Z"));

    clock.advance(Duration.ofMinutes(5));
    hunter.runDue();

    SlotOpened opened = events.await(SlotOpened.class, 1).get(0);
    assertThat(opened.slot().start()).isEqualTo(Instant.parse("2026-12-07T06:30:00Z"));
    assertThat(opened.slot().providerSlotKey()).isEqualTo(Long.toString(id));
    assertThat(opened.bookingLink().toString()).contains("reserve/consultation").contains("item_id=" + id);
    assertThat(fake.requestCount(FakeDoctoreto.PROFILE_PAGE)).isEqualTo(1);
  }

  @Test
  void autoBookingOnDoctoretoFallsBackToNotifyOnly() {
    hunter.listen(events);
    hunter.setPlan("u1", "PREMIUM");
    var session = new io.github.slothunter.api.AccountSession("doctoreto", "tok", java.util.Map.of(), null);

    Watch w = hunter.watch(WatchRequest.of("u1", "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ")
        .autoBook(EngineFixture.patient(), session));

    assertThat(w.autoBook()).isNull();
    assertThat(events.await(WatchPaused.class, 1).get(0).reason()).isEqualTo(ErrorCode.UNSUPPORTED);
  }
}
