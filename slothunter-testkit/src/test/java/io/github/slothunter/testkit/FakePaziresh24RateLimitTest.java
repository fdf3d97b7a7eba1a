package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_B;
import static io.github.slothunter.testkit.Fixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakePaziresh24RateLimitTest {
  /** 10 seconds into a minute. */
  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:10Z");
  private final FakePaziresh24 fake = Fixtures.builder(clock).rateLimitPerMinute(3).build().start();
  private final P24Client a = new P24Client(fake.baseUrl(), TERMINAL_A);
  private final P24Client b = new P24Client(fake.baseUrl(), TERMINAL_B);

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpResponse<String> call(P24Client c) {
    return c.postForm("/booking/v2/getFreeDays", ids());
  }

  @Test
  void answers429AfterTheLimitWithRetryAfterUntilTheNextMinute() {
    for (int i = 0; i < 3; i++) {
      assertThat(call(a).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> limited = call(a);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("50");
    assertThat(P24Client.json(limited).get("message").asText()).isNotBlank();
    assertThat(fake.requests(FakePaziresh24.GET_FREE_DAYS)).extracting(RecordedRequest::status)
        .containsExactly(200, 200, 200, 429);
  }

  @Test
  void eachClientHasItsOwnBudget() {
    for (int i = 0; i < 4; i++) {
      call(a);
    }

    assertThat(call(b).statusCode()).isEqualTo(200);
    assertThat(call(a).statusCode()).isEqualTo(429);
  }

  @Test
  void clientsWithoutTerminalAreLimitedByAddress() {
    P24Client anonymous = new P24Client(fake.baseUrl(), null);
    for (int i = 0; i < 3; i++) {
      anonymous.get("/dr/" + Fixtures.SLUG + "/");
    }

    HttpResponse<String> limited = anonymous.get("/api/doctors/" + Fixtures.SLUG);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(fake.requests().get(0).clientId()).isEqualTo("127.0.0.1");
  }

  @Test
  void theBudgetResetsEachMinute() {
    for (int i = 0; i < 4; i++) {
      call(a);
    }

    clock.set(Instant.parse("2026-01-03T05:31:00Z"));

    assertThat(call(a).statusCode()).isEqualTo(200);
  }

  @Test
  void resetCountersClearsTheWindows() {
    for (int i = 0; i < 4; i++) {
      call(a);
    }

    fake.resetCounters();

    assertThat(call(a).statusCode()).isEqualTo(200);
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(1);
  }

  @Test
  void limitingIsOffByDefault() {
    try (FakePaziresh24 unlimited = Fixtures.builder(clock).build().start()) {
      P24Client c = new P24Client(unlimited.baseUrl(), TERMINAL_A);
      for (int i = 0; i < 20; i++) {
        assertThat(c.postForm("/api/getFreeDays", ids()).statusCode()).isEqualTo(200);
      }
      clock.advance(Duration.ZERO);
    }
  }
}
