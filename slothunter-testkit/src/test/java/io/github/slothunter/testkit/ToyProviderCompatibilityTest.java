package io.github.slothunter.testkit;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.spi.Provider;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the compatibility kit against a spec-following toy provider and the fake. */
class ToyProviderCompatibilityTest extends ProviderCompatibilityKit {
  private final FakeClock clock = FakeClock.at(Fixtures.START);

  @RegisterExtension
  final FakePaziresh24Extension site = new FakePaziresh24Extension(b -> Fixtures.configure(b, clock)
      .doctor("dr-kit", d -> d.displayName("دکتر کیت")
          .center("1", c -> c.service("2", s -> s.userCenterId("3").day(Fixtures.DAY, LocalTime.of(9, 0),
              LocalTime.of(11, 0)).day(Fixtures.DAY.plusDays(1), LocalTime.of(16, 0), LocalTime.of(17, 0))))));

  private Provider provider;

  @Override
  protected Provider provider() {
    if (provider == null) {
      provider = new ToyPaziresh24Provider(site.baseUrl(), clock);
    }
    return provider;
  }

  @Override
  protected String doctorLink() {
    return site.fake().doctorUrl("dr-kit");
  }

  @Override
  protected String foreignLink() {
    return "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ";
  }

  @Override
  protected Optional<AccountSession> session() {
    return Optional.of(site.fake().login(Fixtures.CELL).toSession());
  }

  @Override
  protected int outstandingHolds() {
    return site.fake().outstandingHolds();
  }
}
