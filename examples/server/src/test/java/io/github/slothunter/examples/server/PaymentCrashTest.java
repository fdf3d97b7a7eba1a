package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Subscription;
import io.github.slothunter.testkit.FakeClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that stops between recording a payment as paid and finishing its plan (each step the
 * payment flow commits): the plan is applied once, by the next start or the next callback, never twice.
 */
class PaymentCrashTest {
  static final Duration MONTH = Duration.ofDays(30);
  ZarinpalStub zarinpal;

  @BeforeEach
  void startGateway() {
    zarinpal = new ZarinpalStub();
  }

  @AfterEach
  void stopGateway() {
    zarinpal.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"paid", "planUntil", "planSet"})
  void aCrashAfterAStepIsFinishedOnceByTheNextStart(String step) {
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    TestServer first = start(null, crashAfter(step));
    Path dir = first.dir;
    TestServer.Created o;
    String paymentId;
    TestServer.Response crashed;
    try {
      o = first.owner("unlucky", "FREE");
      paymentId = first.post("/api/v1/checkout", o.key(), "{\"plan\":\"PREMIUM\"}").json().get("paymentId").asText();
      crashed = callback(first, authority);

      assertThat(crashed.status()).isEqualTo(500);
      if (!step.equals("paid")) {
        assertThat(crashed.json().get("code").asText()).isEqualTo("PLAN_NOT_APPLIED");
        assertThat(crashed.json().get("message").asText()).contains("reference 201");
      }
      Payments.Payment p = first.server.payments().find(paymentId).orElseThrow();
      assertThat(p.state()).isEqualTo(Payments.State.PAID);
      assertThat(p.planApplied()).isFalse();
    } finally {
      first.close();
    }

    TestServer second = start(dir, s -> {});
    try {
      Payments.Payment p = second.server.payments().find(paymentId).orElseThrow();
      assertThat(p.planApplied()).isTrue();
      assertThat(p.planUntil()).isEqualTo(TestServer.START.plus(MONTH));
      assertThat(until(second, o)).isEqualTo(TestServer.START.plus(MONTH));
    } finally {
      second.close();
    }
    TestServer third = start(dir, s -> {});
    try {
      assertThat(until(third, o)).isEqualTo(TestServer.START.plus(MONTH));
      assertThat(callback(third, authority).json().get("state").asText()).isEqualTo("PAID");
      assertThat(until(third, o)).isEqualTo(TestServer.START.plus(MONTH));
      assertThat(zarinpal.verifies(authority)).hasSize(1);
    } finally {
      third.close();
      third.deleteFiles();
    }
  }

  @Test
  void theNextCallbackFinishesAnUnappliedPaymentWithoutVerifyingAgain() {
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    boolean[] crash = {true};
    TestServer s = start(null, step -> {
      if (crash[0] && step.equals("paid")) {
        throw new IllegalStateException("simulated crash after " + step);
      }
    });
    try {
      TestServer.Created o = s.owner("retrying", "FREE");
      String paymentId = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"PREMIUM\"}").json().get("paymentId").asText();
      assertThat(callback(s, authority).status()).isEqualTo(500);
      assertThat(until(s, o)).isNull();
      crash[0] = false;

      TestServer.Response replay = callback(s, authority);

      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.json().get("planApplied").asBoolean()).isTrue();
      assertThat(s.server.payments().find(paymentId).orElseThrow().planApplied()).isTrue();
      assertThat(until(s, o)).isEqualTo(TestServer.START.plus(MONTH));
      assertThat(zarinpal.verifies(authority)).hasSize(1);
    } finally {
      s.close();
      s.deleteFiles();
    }
  }

  private static Consumer<String> crashAfter(String step) {
    return done -> {
      if (done.equals(step)) {
        throw new IllegalStateException("simulated crash after " + done);
      }
    };
  }

  /** A server on {@code dir} (a new one when null) with the clock at {@link TestServer#START}. */
  private TestServer start(Path dir, Consumer<String> faults) {
    Consumer<SlotHunterServer.Builder> customize = b -> b
        .zarinpal(zarinpal.baseUrl(), ZarinpalStub.MERCHANT, Duration.ofSeconds(2))
        .paymentFaults(faults);
    if (dir == null) {
      return TestServer.start(customize);
    }
    FakeClock clock = FakeClock.at(TestServer.START);
    return TestServer.start(clock, TestServer.fake(clock), dir, customize);
  }

  private static TestServer.Response callback(TestServer s, String authority) {
    return s.send(HttpRequest.newBuilder(URI.create(s.url(PaymentsTest.CALLBACK + "?Authority=" + authority + "&Status=OK")))
        .header("Accept", "application/json").GET().build());
  }

  private static Instant until(TestServer s, TestServer.Created o) {
    return s.server.hunter().subscription(o.id()).map(Subscription::until).orElse(null);
  }
}
