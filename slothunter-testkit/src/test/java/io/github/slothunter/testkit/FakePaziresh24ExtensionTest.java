package io.github.slothunter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakePaziresh24ExtensionTest {
  private static FakePaziresh24 previous;

  @RegisterExtension
  final FakePaziresh24Extension paziresh24 = new FakePaziresh24Extension(b -> b.seed(1)
      .doctor("dr-ext", d -> d.center("1", c -> c.service("2", s -> { }))));

  @Test
  void startsAFreshFakeForEachTest(FakePaziresh24 injected) {
    HttpResponse<String> page = new P24Client(paziresh24.baseUrl(), null).get("/dr/dr-ext/");

    assertThat(injected).isSameAs(paziresh24.fake());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(paziresh24.fake().requestCount(FakePaziresh24.PROFILE_PAGE)).isEqualTo(1);
    assertThat(previous == null || !previous.isRunning()).as("the previous test's fake is stopped").isTrue();
    previous = paziresh24.fake();
  }

  @Test
  void eachTestSeesItsOwnFake() {
    assertThat(paziresh24.fake().requestCount()).isZero();
    assertThat(paziresh24.fake()).isNotSameAs(previous);
    assertThat(previous == null || !previous.isRunning()).isTrue();
    previous = paziresh24.fake();
  }

  @Test
  void theFakeIsOnlyAvailableDuringATest() {
    FakePaziresh24Extension idle = new FakePaziresh24Extension();

    assertThatThrownBy(idle::fake).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(idle::baseUrl).isInstanceOf(IllegalStateException.class);
  }
}
