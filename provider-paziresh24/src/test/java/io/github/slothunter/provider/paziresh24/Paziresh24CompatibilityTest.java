package io.github.slothunter.provider.paziresh24;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Extension;
import io.github.slothunter.testkit.ProviderCompatibilityKit;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's provider compatibility kit, run against the fake Paziresh24. */
class Paziresh24CompatibilityTest extends ProviderCompatibilityKit {
  private static final String SLUG = "dr-sara-ahmadi";

  private final FakeClock clock = FakeClock.at("2026-07-04T05:30:00Z");

  @RegisterExtension
  final FakePaziresh24Extension site = new FakePaziresh24Extension(b -> b.clock(clock).seed(42)
      .doctor(SLUG, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
          .center("1001", c -> c.name("مطب").city("تهران").serverId("1")
              .service("2001", s -> s.title("ویزیت حضوری").duration(Duration.ofMinutes(15)).userCenterId("3001")))));

  private Provider provider;

  @BeforeEach
  void openCalendar() {
    site.fake().openSlots(SLUG, "1001", "2001", LocalDate.of(2026, 7, 5), LocalTime.of(9, 0), LocalTime.of(11, 0));
    site.fake().openSlots(SLUG, "1001", "2001", LocalDate.of(2026, 7, 7), LocalTime.of(16, 0), LocalTime.of(17, 0));
    // the account books for its holder and one family member (auth/me users[])
    site.fake().accountHolder("09121234567", "سارا", "احمدی", "0012345679");
    site.fake().addAccountUser("09121234567", "علی", "احمدی", "0499370899", "09351234567");
  }

  @AfterEach
  void closeProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  @Override
  protected Provider provider() {
    if (provider == null) {
      provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24").clock(clock)
          .systemProperties(new Properties()).environment(Map.of())
          .config(ProviderContext.BASE_URL, site.baseUrl()).build());
      // FakePaziresh24 wants terminal_id on reads too; the live site does not (spec 2.2), so the provider
      // sends none before it needs one. Mint it up front, as a login or a hold would.
      ((Paziresh24Provider) provider).terminalId();
    }
    return provider;
  }

  @Override
  protected String doctorLink() {
    return "https://www.paziresh24.com/dr/" + SLUG + "/?utm_source=app";
  }

  @Override
  protected String foreignLink() {
    return "https://www.doctoreto.com/doctor/dr-sara-ahmadi/ZaEBBZ";
  }

  @Override
  protected Optional<AccountSession> session() {
    return Optional.of(site.fake().login("09121234567").toSession());
  }

  @Override
  protected int outstandingHolds() {
    return site.fake().outstandingHolds();
  }

  @Override
  protected Optional<AreaPageRequest> areaQuery() {
    return Optional.of(new AreaPageRequest("tehran", "cardiovascular", null, null, false, 1, 1));
  }
}
