package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import org.junit.jupiter.api.Test;

class BackendTest {
  private final FakeClock clock = FakeClock.at("2026-03-21T06:00:00Z");

  @Test
  void theRealSiteUsesTheProductPlansAndLeavesLinksAlone() {
    Backend real = Backend.real(clock);

    assertThat(real.isSandbox()).isFalse();
    assertThat(real.fakeSite()).isEmpty();
    assertThat(real.plans().defaultPlan()).isEqualTo(Plans.FREE);
    assertThat(real.link(" https://www.paziresh24.com/dr/x/ ")).isEqualTo("https://www.paziresh24.com/dr/x/");
    assertThat(real.exampleLinks()).isEmpty();
    assertThat(real).hasToString("Backend[paziresh24.com]");
    try (Provider login = real.loginProvider()) {
      assertThat(login.authenticator()).isPresent();
    }
    real.close(); // nothing to stop
  }

  @Test
  void theSandboxRunsTheDemoFakeWithFasterPlansAndRewritesItsLinks() {
    try (Backend sandbox = Backend.sandbox(clock, 7)) {
      FakePaziresh24 fake = sandbox.fakeSite().orElseThrow();

      assertThat(sandbox.isSandbox()).isTrue();
      assertThat(sandbox.plans().all()).extracting(Plan::name)
          .containsExactlyInAnyOrder("FREE", "PREMIUM", "PRO", "ENTERPRISE");
      assertThat(sandbox.plans().defaultPlan().minInterval()).isLessThan(Plans.FREE.minInterval());
      assertThat(sandbox.exampleLinks()).containsExactlyElementsOf(
          Sandbox.DOCTORS.stream().map(Backend::doctorLink).toList());
      assertThat(sandbox.link(fake.baseUrl() + "/dr/dr-sara-ahmadi/"))
          .isEqualTo("https://www.paziresh24.com/dr/dr-sara-ahmadi/");
      assertThat(sandbox.link("https://www.paziresh24.com/dr/dr-sara-ahmadi/"))
          .isEqualTo("https://www.paziresh24.com/dr/dr-sara-ahmadi/");
      assertThat(sandbox.toString()).contains(fake.baseUrl());
    }
  }

  @Test
  void aFakeStartedByTheTestIsNotStoppedByTheBackend() {
    try (FakePaziresh24 fake = FakePaziresh24.builder().clock(clock).build().start()) {
      Backend.fake(clock, fake).close();

      assertThat(fake.isRunning()).isTrue();
    }
  }
}
