package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakePaziresh24FaultsTest {
  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.started(clock);
  private final P24Client client = new P24Client(fake.baseUrl(), TERMINAL_A);

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpResponse<String> freeDays() {
    return client.postForm("/booking/v2/getFreeDays", ids());
  }

  @Test
  void nextFaultHitsOnceThenTheEndpointWorksAgain() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.status(503));

    HttpResponse<String> first = freeDays();
    HttpResponse<String> second = freeDays();

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(P24Client.json(first).get("message").asText()).isEqualTo("Service Unavailable");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(fake.requests(FakePaziresh24.GET_FREE_DAYS)).extracting(RecordedRequest::status)
        .containsExactly(503, 200);
  }

  @Test
  void faultsOnOneEndpointLeaveOthersAlone() {
    fake.faults().next(FakePaziresh24.GET_FREE_TURNS, Fault.status(500));

    assertThat(freeDays().statusCode()).isEqualTo(200);
    assertThat(client.postForm("/booking/v2/getFreeTurns", ids()).statusCode()).isEqualTo(500);
  }

  @Test
  void faultsReplaceTheAnswerWithoutTouchingState() {
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.status(502));

    HttpResponse<String> r = client.postForm("/booking/v2/suspend", Fixtures.slot(NINE, Duration.ofMinutes(15)));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void latencyDelaysTheNormalAnswer() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.latency(Duration.ofMillis(300)));

    long start = System.nanoTime();
    HttpResponse<String> slow = freeDays();
    long elapsed = System.nanoTime() - start;

    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(P24Client.json(slow).get("status").asInt()).isEqualTo(1);
  }

  @Test
  void malformedJsonCannotBeParsed() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.malformedJson());

    HttpResponse<String> r = freeDays();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThatThrownBy(() -> P24Client.json(r)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void htmlErrorPagesLookLikeAProxy() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.htmlErrorPage())
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.htmlErrorPage(403));

    HttpResponse<String> gateway = freeDays();
    HttpResponse<String> forbidden = freeDays();

    assertThat(gateway.statusCode()).isEqualTo(502);
    assertThat(gateway.body()).contains("<html>", "502 Bad Gateway", "nginx");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.headers().firstValue("content-type").orElse("")).startsWith("text/html");
  }

  @Test
  void rateLimitedFaultSendsRetryAfterWhenGiven() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.rateLimited(Duration.ofMillis(1500)))
        .next(FakePaziresh24.GET_FREE_DAYS, Fault.rateLimited(null));

    HttpResponse<String> withHeader = freeDays();
    HttpResponse<String> without = freeDays();

    assertThat(withHeader.statusCode()).isEqualTo(429);
    assertThat(withHeader.headers().firstValue("retry-after")).hasValue("2");
    assertThat(without.statusCode()).isEqualTo(429);
    assertThat(without.headers().firstValue("retry-after")).isEmpty();
  }

  @Test
  void status0FaultUsesTheSiteEnvelope() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.status0("خطای سرور"));

    HttpResponse<String> r = freeDays();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(P24Client.json(r).get("status").asInt()).isZero();
    assertThat(P24Client.json(r).get("message").asText()).isEqualTo("خطای سرور");
  }

  @Test
  void disconnectDropsTheConnection() {
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.disconnect());

    assertThatThrownBy(this::freeDays).isInstanceOf(UncheckedIOException.class);
    assertThat(freeDays().statusCode()).isEqualTo(200);
    assertThat(fake.requests(FakePaziresh24.GET_FREE_DAYS).get(0).status()).isZero();
  }

  @Test
  void aLostAnswerActsThenDropsTheConnection() {
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.lostAnswer());

    assertThatThrownBy(() -> client.postForm("/booking/v2/suspend", Fixtures.slot(NINE, Duration.ofMinutes(15))))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(fake.outstandingHolds()).as("held, the answer lost").isOne();
  }

  @Test
  void anInterruptRunsItsActionBeforeOrAfterTheSiteActsAndAnswersNothing() {
    List<Integer> holdsWhenInterrupted = new ArrayList<>();
    fake.faults().next(FakePaziresh24.SUSPEND, Fault.interruptBefore(() -> holdsWhenInterrupted.add(
        fake.outstandingHolds())));

    assertThatThrownBy(() -> client.postForm("/booking/v2/suspend", Fixtures.slot(NINE, Duration.ofMinutes(15))))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(fake.outstandingHolds()).as("never reached the site").isZero();

    fake.faults().next(FakePaziresh24.SUSPEND, Fault.interruptAfter(() -> holdsWhenInterrupted.add(
        fake.outstandingHolds())));
    assertThatThrownBy(() -> client.postForm("/booking/v2/suspend", Fixtures.slot(NINE, Duration.ofMinutes(15))))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(holdsWhenInterrupted).as("the action ran before, then after the site acted").containsExactly(0, 1);
    assertThat(fake.outstandingHolds()).isOne();
    assertThat(fake.requests(FakePaziresh24.SUSPEND)).extracting(RecordedRequest::status).containsExactly(0, 0);
    assertThatThrownBy(() -> Fault.interruptAfter(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void timesAlwaysAnyAndClear() {
    fake.faults().times(FakePaziresh24.GET_FREE_DAYS, 2, Fault.status(500));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(freeDays().statusCode());
    }
    fake.faults().always(Faults.ANY, Fault.status(418));
    int anyEndpoint = client.get("/dr/" + Fixtures.SLUG + "/").statusCode();
    fake.faults().clear();

    assertThat(statuses).containsExactly(500, 500, 200);
    assertThat(anyEndpoint).isEqualTo(418);
    assertThat(freeDays().statusCode()).isEqualTo(200);
  }

  @Test
  void probabilisticFaultsFollowTheSeed() {
    List<Integer> first = probabilisticRun(7);
    List<Integer> second = probabilisticRun(7);

    assertThat(first).isEqualTo(second);
    assertThat(first).contains(200, 503);
  }

  private List<Integer> probabilisticRun(long seed) {
    try (FakePaziresh24 f = Fixtures.builder(clock).seed(seed).build().start()) {
      f.faults().withProbability(FakePaziresh24.GET_FREE_DAYS, 0.5, Fault.status(503));
      P24Client c = new P24Client(f.baseUrl(), TERMINAL_A);
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        out.add(c.postForm("/api/getFreeDays", ids()).statusCode());
      }
      return out;
    }
  }

  @Test
  void probabilityZeroAndOneAreNeverAndAlways() {
    fake.faults().withProbability(FakePaziresh24.GET_FREE_DAYS, 0.0, Fault.status(500))
        .withProbability(FakePaziresh24.GET_FREE_TURNS, 1.0, Fault.status(500));

    assertThat(freeDays().statusCode()).isEqualTo(200);
    assertThat(client.postForm("/booking/v2/getFreeTurns", ids()).statusCode()).isEqualTo(500);
  }

  @Test
  void badFaultArgumentsAreRejected() {
    assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.htmlErrorPage(600)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.latency(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.rateLimited(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.faults().withProbability("x", 1.5, Fault.malformedJson()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.faults().times("x", 0, Fault.malformedJson()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentRequestsArePeakTracked() throws Exception {
    fake.faults().always(FakePaziresh24.GET_FREE_DAYS, Fault.latency(Duration.ofMillis(300)));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<HttpResponse<String>>> calls = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      calls.add(pool.submit(this::freeDays));
    }
    for (java.util.concurrent.Future<HttpResponse<String>> c : calls) {
      assertThat(c.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    pool.shutdown();

    assertThat(fake.maxConcurrentRequests()).isBetween(2, 4);
    // a client may hold its answer a moment before the server thread has closed the exchange: reset
    // until the server counts nothing in flight (the peak restarts from what is in flight)
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    do {
      fake.resetCounters();
    } while (fake.maxConcurrentRequests() != 0 && System.nanoTime() < deadline && sleep(10));
    assertThat(fake.maxConcurrentRequests()).isZero();
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void recordsWhatEachRequestCarried() {
    JsonNode ignored = client.rpc("getFreeDays", ids());

    RecordedRequest r = fake.requests().get(0);

    assertThat(ignored.get("status").asInt()).isEqualTo(1);
    assertThat(r.endpoint()).isEqualTo(FakePaziresh24.GET_FREE_DAYS);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/booking/v2/getFreeDays");
    assertThat(r.header("TERMINAL_ID")).hasValue(TERMINAL_A);
    assertThat(r.field("center_id")).hasValue(Fixtures.CENTER);
    assertThat(r.clientId()).isEqualTo(TERMINAL_A);
    assertThat(r.at()).isEqualTo(clock.instant());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.toString()).contains("getFreeDays", "200");
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
