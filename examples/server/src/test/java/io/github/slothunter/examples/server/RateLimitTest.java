package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's own rate limits: per key, and per address for callers without a valid key (see also {@link AuthLimitsTest}). */
class RateLimitTest {
  private TestServer s;

  @BeforeEach
  void start() {
    // 5 requests at once per key, then one every 10 s; 3 at once per address without a key, then one a minute
    s = TestServer.start(b -> b.rateLimit(5, 0.1).anonymousRateLimit(3, 1.0 / 60));
  }

  @AfterEach
  void stop() {
    s.close();
    s.deleteFiles();
  }

  @Test
  void aKeyOverItsBudgetGets429WithRetryAfter() {
    TestServer.Created o = s.owner("busy", "FREE");
    for (int i = 0; i < 5; i++) {
      assertThat(s.get("/api/v1/me", o.key()).status()).isEqualTo(200);
    }

    TestServer.Response limited = s.get("/api/v1/me", o.key());

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 10L);
  }

  @Test
  void limitsArePerKey() {
    TestServer.Created a = s.owner("a", "FREE");
    TestServer.Created b = s.owner("b", "FREE");
    for (int i = 0; i < 6; i++) {
      s.get("/api/v1/me", a.key());
    }

    assertThat(s.get("/api/v1/me", a.key()).status()).isEqualTo(429);
    assertThat(s.get("/api/v1/me", b.key()).status()).isEqualTo(200);
  }

  @Test
  void theBudgetRefillsWithTime() {
    TestServer.Created o = s.owner("patient", "FREE");
    for (int i = 0; i < 6; i++) {
      s.get("/api/v1/me", o.key());
    }
    assertThat(s.get("/api/v1/me", o.key()).status()).isEqualTo(429);

    s.clock.advance(Duration.ofSeconds(11));

    assertThat(s.get("/api/v1/me", o.key()).status()).isEqualTo(200);
  }

  @Test
  void guessingKeysIsSlowedDownPerAddress() {
    String guess = "shk_0123456789abcdef_" + "G".repeat(43);
    for (int i = 0; i < 3; i++) {
      assertThat(s.get("/api/v1/me", guess).status()).isEqualTo(401);
    }

    TestServer.Response r = s.get("/api/v1/me", guess);

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().get("code").asText()).isEqualTo("RATE_LIMITED");
  }
}
