package io.github.slothunter.testkit;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.spi.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** The compatibility kit run against the in-memory provider: integrators' tests may rely on it being a proper provider. */
class InMemoryProviderCompatibilityTest extends ProviderCompatibilityKit {
  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final InMemoryProvider provider = InMemoryProvider.builder().clock(clock).login("1234").build();

  @BeforeEach
  void openCalendar() {
    provider.readBack(true);
    provider.accountPatients(
        io.github.slothunter.api.Patient.of("Sara", "Ahmadi", Fixtures.NATIONAL_CODE, Fixtures.CELL).withAccountUserId("u-1"),
        io.github.slothunter.api.Patient.of("Ali", "Ahmadi", "0499370899", "09351234567").withAccountUserId("u-2"));
    var target = provider.target("dr-kit");
    provider.open(target, Fixtures.NINE);
    provider.open(target, Fixtures.NINE.plus(Duration.ofMinutes(15)));
    provider.open(target, Fixtures.NINE.plus(Duration.ofDays(1)));
  }

  @Override
  protected Provider provider() {
    return provider;
  }

  @Override
  protected String doctorLink() {
    return "mem:dr-kit";
  }

  @Override
  protected String foreignLink() {
    return "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ";
  }

  @Override
  protected Optional<AccountSession> session() {
    return Optional.of(new AccountSession(InMemoryProvider.DEFAULT_ID, "token", Map.of(), null));
  }

  @Override
  protected int outstandingHolds() {
    return provider.holds().size();
  }
}
