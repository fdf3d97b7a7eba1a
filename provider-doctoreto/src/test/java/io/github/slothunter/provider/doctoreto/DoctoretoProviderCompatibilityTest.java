package io.github.slothunter.provider.doctoreto;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakeDoctoreto;
import io.github.slothunter.testkit.ProviderCompatibilityKit;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;

/** The shared provider contract against {@link FakeDoctoreto}; the booking tests skip (no booker). */
class DoctoretoProviderCompatibilityTest extends ProviderCompatibilityKit {
  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
  private final FakeDoctoreto fake = FakeDoctoreto.builder().clock(clock)
      .doctor("ZaEBBZ", "dr-vida-imani", d -> d.fullName("دکتر ویدا ایمانی")
          .consultation(3022, c -> c.slotLength(Duration.ofMinutes(20))
              .day(LocalDate.of(2026, 1, 4), LocalTime.of(9, 0), LocalTime.of(11, 0))
              .day(LocalDate.of(2026, 1, 6), LocalTime.of(17, 0), LocalTime.of(18, 0)))
          .consultation(50511, c -> c.online()))
      .build().start();
  private Provider provider;

  @AfterEach
  void closeAll() {
    if (provider != null) {
      provider.close();
    }
    fake.close();
  }

  @Override
  protected Provider provider() {
    if (provider == null) {
      provider = new DoctoretoProviderFactory().create(ProviderContext.builder("doctoreto")
          .config(ProviderContext.BASE_URL, fake.baseUrl())
          .clock(clock)
          .systemProperties(new Properties())
          .environment(Map.of())
          .build());
    }
    return provider;
  }

  @Override
  protected String doctorLink() {
    return "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ";
  }

  @Override
  protected String foreignLink() {
    return "https://www.paziresh24.com/dr/dr-sara-ahmadi-0/";
  }

  /** Doctoreto keys are six-character codes; an unknown but well-formed one. */
  @Override
  protected DoctorRef unknownDoctor() {
    return new DoctorRef("doctoreto", "NoSuch");
  }
}
