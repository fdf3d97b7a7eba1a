package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.Subscription;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Buying plans through Zarinpal (WireMock stubs of its v4 API) over the server's real HTTP API: every
 * case ends with the owner's plan end, the payment's state, and the verify requests the gateway saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsTest {
  static final Duration MONTH = Duration.ofDays(30);
  static final String CALLBACK = "/api/v1/payments/zarinpal/callback";

  ZarinpalStub zarinpal;
  TestServer s;

  @BeforeAll
  void start() {
    zarinpal = new ZarinpalStub();
    s = TestServer.start(b -> b.zarinpal(zarinpal.baseUrl(), ZarinpalStub.MERCHANT, Duration.ofSeconds(1)));
  }

  @AfterAll
  void stop() {
    s.close();
    s.deleteFiles();
    zarinpal.close();
  }

  @Test
  void buysAPlanEndToEnd() {
    TestServer.Created o = s.owner("buyer", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");

    TestServer.Response checkout = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"PREMIUM\"}");
    String paymentId = checkout.json().get("paymentId").asText();
    TestServer.Response callback = callback(authority, "OK");

    assertThat(checkout.status()).isEqualTo(201);
    assertThat(checkout.json().get("redirectUrl").asText()).isEqualTo(zarinpal.baseUrl() + "/pg/StartPay/" + authority);
    JsonNode sent = ZarinpalStub.json(zarinpal.requests(paymentId).get(0));
    assertThat(sent.get("merchant_id").asText()).isEqualTo(ZarinpalStub.MERCHANT);
    assertThat(sent.get("amount").asLong()).isEqualTo(2_000_000);
    assertThat(sent.get("currency").asText()).isEqualTo("IRR");
    assertThat(sent.get("callback_url").asText()).isEqualTo(s.server.baseUrl() + CALLBACK);
    assertThat(callback.status()).isEqualTo(303);
    assertThat(callback.header("Location")).isEqualTo("/?payment=" + paymentId + "&state=PAID#payments");
    List<LoggedRequest> verifies = zarinpal.verifies(authority);
    assertThat(verifies).hasSize(1);
    assertThat(ZarinpalStub.json(verifies.get(0)).get("amount").asLong()).isEqualTo(2_000_000);
    assertThat(s.server.hunter().subscription(o.id())).contains(new Subscription(o.id(), "PREMIUM", s.clock.instant().plus(MONTH)));
    JsonNode receipt = s.get("/api/v1/payments", o.key()).json().get(0);
    assertThat(receipt.get("id").asText()).isEqualTo(paymentId);
    assertThat(receipt.get("state").asText()).isEqualTo("PAID");
    assertThat(receipt.get("plan").asText()).isEqualTo("PREMIUM");
    assertThat(receipt.get("amountRials").asLong()).isEqualTo(2_000_000);
    assertThat(receipt.get("refId").asText()).isEqualTo("201");
    assertThat(receipt.get("cardPan").asText()).isEqualTo("502229******5995");
    assertThat(receipt.get("periodDays").asInt()).isEqualTo(30);
    assertThat(receipt.get("planApplied").asBoolean()).isTrue();
    assertThat(receipt.get("planUntil").asText()).isEqualTo(s.clock.instant().plus(MONTH).toString());
    assertThat(s.get("/api/v1/me", o.key()).json().get("plan").asText()).isEqualTo("PREMIUM");
  }

  @Test
  void aSecondPaymentRenewsFromTheCurrentEnd() {
    TestServer.Created o = s.owner("renewer", "FREE");

    String first = pay(o, "PREMIUM");
    String second = pay(o, "PREMIUM");

    assertThat(state(o, first)).isEqualTo("PAID");
    assertThat(state(o, second)).isEqualTo("PAID");
    assertThat(until(o)).isEqualTo(s.clock.instant().plus(MONTH.multipliedBy(2)));
  }

  @Test
  void aCancelledPaymentLeavesThePlanAlone() {
    TestServer.Created o = s.owner("canceller", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-failed.json");
    String paymentId = checkout(o, "PREMIUM");

    TestServer.Response callback = callbackJson(authority, "NOK");

    assertThat(callback.status()).isEqualTo(200);
    assertThat(callback.json().get("state").asText()).isEqualTo("CANCELLED");
    assertThat(callback.json().get("failureCode").asInt()).isEqualTo(-51);
    assertThat(state(o, paymentId)).isEqualTo("CANCELLED");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(until(o)).isNull();
    assertThat(s.get("/api/v1/me", o.key()).json().get("plan").asText()).isEqualTo("FREE");
  }

  @Test
  void aFailedVerificationFailsThePaymentAndLeavesThePlan() {
    TestServer.Created o = s.owner("declined", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-failed.json");
    String paymentId = checkout(o, "PRO");

    TestServer.Response callback = callbackJson(authority, "OK");

    assertThat(callback.json().get("state").asText()).isEqualTo("FAILED");
    assertThat(state(o, paymentId)).isEqualTo("FAILED");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(planOf(o)).isEqualTo("FREE");
    assertThat(until(o)).isNull();
  }

  @Test
  void aForgedCancelCannotCancelAPaidPayment() {
    TestServer.Created o = s.owner("paid but told NOK", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    String paymentId = checkout(o, "PREMIUM");

    TestServer.Response forgedNok = callbackJson(authority, "NOK");

    assertThat(forgedNok.json().get("state").asText()).isEqualTo("PAID");
    assertThat(state(o, paymentId)).isEqualTo("PAID");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(until(o)).isEqualTo(s.clock.instant().plus(MONTH));
  }

  @Test
  void aSettledFailureIsNotVerifiedAgain() {
    TestServer.Created o = s.owner("failed once", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-invalid-authority.json");
    String paymentId = checkout(o, "PREMIUM");
    assertThat(callbackJson(authority, "OK").json().get("failureCode").asInt()).isEqualTo(-54);
    zarinpal.verify(authority, 200, "verify-ok.json");

    TestServer.Response replay = callbackJson(authority, "OK");

    assertThat(replay.json().get("state").asText()).isEqualTo("FAILED");
    assertThat(state(o, paymentId)).isEqualTo("FAILED");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(until(o)).isNull();
  }

  @Test
  void anAmountMismatchFailsThePayment() {
    TestServer.Created o = s.owner("mismatch", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 400, "verify-amount-mismatch.json");
    String paymentId = checkout(o, "PREMIUM");

    TestServer.Response callback = callbackJson(authority, "OK");

    assertThat(callback.json().get("state").asText()).isEqualTo("FAILED");
    assertThat(callback.json().get("failureCode").asInt()).isEqualTo(-50);
    assertThat(state(o, paymentId)).isEqualTo("FAILED");
    // the amount verified is the one stored at checkout, whatever the callback says
    assertThat(ZarinpalStub.json(zarinpal.verifies(authority).get(0)).get("amount").asLong()).isEqualTo(2_000_000);
    assertThat(planOf(o)).isEqualTo("FREE");
    assertThat(until(o)).isNull();
  }

  @Test
  void theDuplicateVerifyCodeCountsAsPaidOnce() {
    TestServer.Created o = s.owner("verified before", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-again.json");
    String paymentId = checkout(o, "PREMIUM");

    TestServer.Response first = callbackJson(authority, "OK");
    TestServer.Response again = callbackJson(authority, "OK");

    assertThat(first.json().get("state").asText()).isEqualTo("PAID");
    assertThat(again.json().get("state").asText()).isEqualTo("PAID");
    assertThat(state(o, paymentId)).isEqualTo("PAID");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(until(o)).isEqualTo(s.clock.instant().plus(MONTH));
  }

  @Test
  void aReplayedCallbackNeitherVerifiesNorExtendsAgain() {
    TestServer.Created o = s.owner("replayed", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    String paymentId = checkout(o, "PREMIUM");
    callback(authority, "OK");
    Instant until = until(o);

    TestServer.Response replay = callbackJson(authority, "OK");
    TestServer.Response replayNok = callbackJson(authority, "NOK");

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("state").asText()).isEqualTo("PAID");
    assertThat(replayNok.json().get("state").asText()).isEqualTo("PAID");
    assertThat(state(o, paymentId)).isEqualTo("PAID");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(until(o)).isEqualTo(until).isEqualTo(s.clock.instant().plus(MONTH));
  }

  @Test
  void aForgedCallbackIsRefusedWithoutAskingTheGateway() {
    String forged = "A000000000000000000000000000FORGED01";
    int before = zarinpal.wm.getAllServeEvents().size();

    TestServer.Response unknown = callbackJson(forged, "OK");
    TestServer.Response malformed = callbackJson("A'--;<script>", "OK");
    TestServer.Response missing = s.send(HttpRequest.newBuilder(URI.create(s.url(CALLBACK + "?Status=OK"))).GET().build());

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(missing.status()).isEqualTo(422);
    assertThat(zarinpal.verifies(forged)).isEmpty();
    assertThat(zarinpal.wm.getAllServeEvents()).hasSize(before);
  }

  @Test
  void concurrentCallbacksExtendThePlanOnce() throws Exception {
    TestServer.Created o = s.owner("impatient", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    String paymentId = checkout(o, "PREMIUM");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TestServer.Response>> calls = new ArrayList<>();

    try {
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> {
          go.await();
          return callbackJson(authority, "OK");
        }));
      }
      go.countDown();
      for (Future<TestServer.Response> f : calls) {
        assertThat(f.get(30, TimeUnit.SECONDS).json().get("state").asText()).isEqualTo("PAID");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(state(o, paymentId)).isEqualTo("PAID");
    assertThat(zarinpal.verifies(authority)).hasSize(1);
    assertThat(until(o)).isEqualTo(s.clock.instant().plus(MONTH));
  }

  @Test
  void twoServersVerifyingOnePaymentAtOnceExtendThePlanOnce() throws Exception {
    TestServer.Created o = s.owner("two servers", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    String paymentId = checkout(o, "PREMIUM");
    // a second instance on the same database: its own in-process locks, so only the database guards
    Payments other = new Payments(s.server.database(), s.server.hunter(), s.clock, s.server.payments().gateway(),
        s.server::baseUrl, Payments.DEFAULT_PERIOD, step -> {});
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Payments.Payment>> calls = new ArrayList<>();

    try {
      for (int i = 0; i < 8; i++) {
        Payments on = i % 2 == 0 ? s.server.payments() : other;
        Callable<Payments.Payment> call = () -> {
          go.await();
          return on.callback(authority, "OK");
        };
        calls.add(pool.submit(call));
      }
      go.countDown();
      for (Future<Payments.Payment> f : calls) {
        assertThat(f.get(30, TimeUnit.SECONDS).state()).isEqualTo(Payments.State.PAID);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(state(o, paymentId)).isEqualTo("PAID");
    assertThat(zarinpal.verifies(authority)).hasSizeBetween(1, 2);
    assertThat(until(o)).isEqualTo(s.clock.instant().plus(MONTH));
    assertThat(s.server.payments().find(paymentId).orElseThrow().planApplied()).isTrue();
  }

  @Test
  void aGatewayTimeoutKeepsThePaymentOpenAndALaterCallbackVerifiesIt() {
    TestServer.Created o = s.owner("patient payer", "FREE");
    String authority = zarinpal.nextAuthority();
    zarinpal.verifySlow(authority, "verify-ok.json", 3000);
    String paymentId = checkout(o, "PREMIUM");

    TestServer.Response timedOut = callbackJson(authority, "OK");

    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(timedOut.json().get("code").asText()).isEqualTo("GATEWAY_UNAVAILABLE");
    assertThat(timedOut.header("Retry-After")).isEqualTo("30");
    assertThat(state(o, paymentId)).isEqualTo("CREATED");
    assertThat(until(o)).isNull();

    zarinpal.verify(authority, 200, "verify-ok.json");
    TestServer.Response retried = callbackJson(authority, "OK");

    assertThat(retried.json().get("state").asText()).isEqualTo("PAID");
    assertThat(zarinpal.verifies(authority)).hasSize(2);
    assertThat(until(o)).isEqualTo(s.clock.instant().plus(MONTH));
  }

  @Test
  void aGatewayThatIsDownAtCheckoutStoresNoPayment() {
    TestServer.Created o = s.owner("too early", "FREE");
    zarinpal.requestDown();

    TestServer.Response down = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"PREMIUM\"}");

    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().get("code").asText()).isEqualTo("GATEWAY_UNAVAILABLE");
    assertThat(s.get("/api/v1/payments", o.key()).json()).isEmpty();
    assertThat(planOf(o)).isEqualTo("FREE");
  }

  @Test
  void aGatewayRefusalAtCheckoutStoresNoPayment() {
    TestServer.Created o = s.owner("refused", "FREE");
    zarinpal.request(422, "request-invalid.json");

    TestServer.Response refused = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"PREMIUM\"}");

    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.json().get("code").asText()).isEqualTo("GATEWAY_REFUSED");
    assertThat(refused.json().get("message").asText()).contains("-9");
    assertThat(s.get("/api/v1/payments", o.key()).json()).isEmpty();
  }

  @Test
  void onlyPricedPlansCanBeBoughtAndOnlyByOwners() {
    TestServer.Created o = s.owner("window shopper", "FREE");
    int before = zarinpal.wm.getAllServeEvents().size();

    TestServer.Response free = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"FREE\"}");
    TestServer.Response unknown = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"GOLD\"}");
    TestServer.Response admin = s.post("/api/v1/checkout", TestServer.ADMIN, "{\"plan\":\"PREMIUM\"}");
    TestServer.Response anonymous = s.post("/api/v1/checkout", null, "{\"plan\":\"PREMIUM\"}");

    assertThat(free.status()).isEqualTo(422);
    assertThat(free.json().get("message").asText()).contains("not for sale");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(admin.status()).isEqualTo(403);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(zarinpal.wm.getAllServeEvents()).hasSize(before);
    assertThat(s.get("/api/v1/plans", o.key()).json()).anySatisfy(p -> {
      assertThat(p.get("name").asText()).isEqualTo("PREMIUM");
      assertThat(p.get("price").get("amount").asLong()).isEqualTo(2_000_000);
      assertThat(p.get("forSale").asBoolean()).isTrue();
    });
  }

  @Test
  void ownersSeeOnlyTheirOwnReceipts() {
    TestServer.Created buyer = s.owner("private buyer", "FREE");
    TestServer.Created other = s.owner("neighbour", "FREE");

    pay(buyer, "PREMIUM");

    assertThat(s.get("/api/v1/payments", buyer.key()).json()).hasSize(1);
    assertThat(s.get("/api/v1/payments", other.key()).json()).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  /** Checks out and completes one payment; returns its id. */
  String pay(TestServer.Created o, String plan) {
    String authority = zarinpal.nextAuthority();
    zarinpal.verify(authority, 200, "verify-ok.json");
    String id = checkout(o, plan);
    assertThat(callbackJson(authority, "OK").json().get("state").asText()).isEqualTo("PAID");
    return id;
  }

  String checkout(TestServer.Created o, String plan) {
    TestServer.Response r = s.post("/api/v1/checkout", o.key(), "{\"plan\":\"" + plan + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("paymentId").asText();
  }

  TestServer.Response callback(String authority, String status) {
    return s.send(HttpRequest.newBuilder(URI.create(s.url(CALLBACK + "?Authority=" + encode(authority) + "&Status=" + status)))
        .header("Accept", "text/html").GET().build());
  }

  TestServer.Response callbackJson(String authority, String status) {
    return s.send(HttpRequest.newBuilder(URI.create(s.url(CALLBACK + "?Authority=" + encode(authority) + "&Status=" + status)))
        .header("Accept", "application/json").GET().build());
  }

  private static String encode(String v) {
    return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
  }

  String state(TestServer.Created o, String paymentId) {
    for (JsonNode p : s.get("/api/v1/payments", o.key()).json()) {
      if (p.get("id").asText().equals(paymentId)) {
        return p.get("state").asText();
      }
    }
    throw new AssertionError("no payment " + paymentId);
  }

  Instant until(TestServer.Created o) {
    return s.server.hunter().subscription(o.id()).map(Subscription::until).orElse(null);
  }

  String planOf(TestServer.Created o) {
    return s.get("/api/v1/me", o.key()).json().get("plan").asText();
  }
}
