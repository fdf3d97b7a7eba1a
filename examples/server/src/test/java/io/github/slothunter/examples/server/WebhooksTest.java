package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.SecretSealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Webhooks end to end: a receiver on 127.0.0.1 verifies signatures; retries, the log, replay and isolation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private TestServer s;
  private WebhookReceiver receiver;

  @BeforeAll
  void start() {
    s = TestServer.start(b -> b.webhookSettings(new Webhooks.Settings(3, Duration.ofMillis(20), Duration.ofMillis(100),
        Duration.ofSeconds(5), 4, 1000, 10)));
  }

  @AfterAll
  void stop() {
    s.close();
    s.deleteFiles();
  }

  @BeforeEach
  void receiver() {
    receiver = new WebhookReceiver(s.clock);
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  private String register(TestServer.Created o) {
    TestServer.Response r = s.post("/api/v1/webhooks", o.key(), "{\"url\":\"" + receiver.url() + "\"}");
    assertThat(r.status()).isEqualTo(201);
    receiver.secret = r.json().get("secret").asText();
    return r.json().get("id").asText();
  }

  private JsonNode deliveries(TestServer.Created o) {
    return s.get("/api/v1/webhooks/deliveries", o.key()).json();
  }

  @Test
  void aSlotEventIsDeliveredSignedAndTheReceiverVerifiesIt() {
    TestServer.Created o = s.owner("hooked", "PREMIUM");
    String hookId = register(o);
    String watchId = s.watch(o.key(), TestServer.REZA).get("id").asText();
    s.poll();

    Instant start = s.fake.openSlots(TestServer.REZA, "1002", "2003", TestServer.MONDAY, LocalTime.of(18, 0),
        LocalTime.of(18, 20)).get(0).from();
    s.poll();

    WebhookReceiver.Delivery d = receiver.next(WAIT);
    assertThat(d.valid()).isTrue();
    assertThat(d.answered()).isEqualTo(200);
    assertThat(d.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
    JsonNode event = Json.read(d.text());
    assertThat(event.get("type").asText()).isEqualTo("SlotOpened");
    assertThat(event.get("watchId").asText()).isEqualTo(watchId);
    assertThat(event.get("slot").get("start").asText()).isEqualTo(start.toString());
    assertThat(event.get("id").asText()).isEqualTo(d.eventId());
    assertThat(d.eventId()).matches("ev_[A-Za-z0-9_-]{22}"); // the engine's own id, not a server-made one
    assertThat(d.attempt()).isEqualTo("1");
    Await.until(WAIT, () -> deliveries(o).size() == 1);
    JsonNode row = deliveries(o).get(0);
    assertThat(row.get("eventId").asText()).isEqualTo(d.eventId());
    assertThat(row.get("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(row.get("status").asInt()).isEqualTo(200);
    assertThat(row.get("webhookId").asText()).isEqualTo(hookId);
    assertThat(row.get("eventType").asText()).isEqualTo("SlotOpened");
  }

  @Test
  void aFailingEndpointIsRetriedUntilItAnswers() {
    TestServer.Created o = s.owner("flaky", "PREMIUM");
    String hookId = register(o);
    receiver.answer(500, 503);

    TestServer.Response ping = s.post("/api/v1/webhooks/" + hookId + "/ping", o.key(), "");

    assertThat(ping.status()).isEqualTo(202);
    String eventId = ping.json().get("eventId").asText();
    assertThat(eventId).startsWith("evt_ping_"); // server-made: never an engine event's ev_ id
    List<WebhookReceiver.Delivery> got = List.of(receiver.next(WAIT), receiver.next(WAIT), receiver.next(WAIT));
    assertThat(got).extracting(WebhookReceiver.Delivery::attempt).containsExactly("1", "2", "3");
    assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsOnly(eventId);
    assertThat(got).extracting(WebhookReceiver.Delivery::answered).containsExactly(500, 503, 200);
    assertThat(got).allMatch(WebhookReceiver.Delivery::valid);
    Await.until(WAIT, () -> deliveries(o).size() == 3);
    assertThat(deliveries(o)).extracting(r -> r.get("outcome").asText()).containsExactly("DELIVERED", "RETRYING", "RETRYING");
    assertThat(deliveries(o).get(2).get("status").asInt()).isEqualTo(500);
  }

  @Test
  void deliveryGivesUpAfterTheLastAttempt() {
    TestServer.Created o = s.owner("dead", "PREMIUM");
    String hookId = register(o);
    receiver.answer(500, 500, 500, 500);

    s.post("/api/v1/webhooks/" + hookId + "/ping", o.key(), "");

    Await.until(WAIT, () -> deliveries(o).size() == 3);
    JsonNode last = deliveries(o).get(0);
    assertThat(last.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(last.get("attempt").asInt()).isEqualTo(3);
    assertThat(last.get("error").asText()).contains("500");
  }

  @Test
  void aRefusedConnectionIsLoggedAndRetried() throws Exception {
    TestServer.Created o = s.owner("nobody-home", "PREMIUM");
    receiver.close();
    String hookId = s.post("/api/v1/webhooks", o.key(), "{\"url\":\"" + receiver.url() + "\"}").json().get("id").asText();

    s.post("/api/v1/webhooks/" + hookId + "/ping", o.key(), "");

    Await.until(WAIT, () -> deliveries(o).size() == 3);
    assertThat(deliveries(o)).allSatisfy(r -> {
      assertThat(r.get("status").isNull()).isTrue();
      assertThat(r.get("error").asText()).containsIgnoringCase("connect");
    });
  }

  @Test
  void aReplayedDeliveryIsRejected() {
    TestServer.Created o = s.owner("replayed", "PREMIUM");
    String hookId = register(o);
    s.post("/api/v1/webhooks/" + hookId + "/ping", o.key(), "");
    WebhookReceiver.Delivery original = receiver.next(WAIT);
    assertThat(original.valid()).isTrue();

    // the same bytes sent again inside the tolerance: the receiver has seen the event id
    TestServer.Response again = s.send(HttpRequest.newBuilder(URI.create(receiver.url()))
        .header(WebhookSignature.HEADER, original.signature())
        .header(Webhooks.EVENT_ID_HEADER, original.eventId())
        .POST(HttpRequest.BodyPublishers.ofByteArray(original.body())).build());
    // ... and later than the tolerance, or altered: the signature no longer verifies
    Instant later = s.clock.instant().plus(WebhookSignature.DEFAULT_TOLERANCE).plusSeconds(1);
    byte[] altered = original.text().replace("Ping", "Pong").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(again.status()).isEqualTo(409);
    assertThat(WebhookSignature.verify(receiver.secret, original.signature(), original.body(), later,
        WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(receiver.secret, original.signature(), altered, s.clock.instant(),
        WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
  }

  @Test
  void theSecretIsShownOnceAndEncryptedAtRest() {
    TestServer.Created o = s.owner("secretive", "PREMIUM");
    String hookId = register(o);

    JsonNode listed = s.get("/api/v1/webhooks", o.key()).json();
    String sealed = s.server.database().run("read", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT secret_sealed FROM server_webhooks WHERE id = ?")) {
        p.setString(1, hookId);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return r.getString(1);
        }
      }
    });

    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).has("secret")).isFalse();
    assertThat(listed.get(0).get("url").asText()).isEqualTo(receiver.url());
    assertThat(sealed).doesNotContain(receiver.secret.substring(6));
    assertThat(new SecretSealer(TestServer.STORE_KEY, "slothunter-server webhook secrets").open(sealed, hookId))
        .isEqualTo(receiver.secret);
  }

  @Test
  void aStalledEndpointHoldsUpNeitherTheEngineNorTheLiveStream() {
    TestServer.Created o = s.owner("patient-stream", "PREMIUM");
    register(o);
    CountDownLatch gate = new CountDownLatch(1);
    receiver.gate = gate;
    Target target = new Target(new DoctorRef("paziresh24", "dr-stall"), "1", "2", Map.of());
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        Instant at = TestServer.START.plus(Duration.ofHours(30 + i));
        s.server.hub().onEvent(new SlotOpened("w-stall", o.id(), new Slot(target, at, at.plusSeconds(900), "k" + i),
            null, s.clock.instant()));
      }
      long handOffMillis = (System.nanoTime() - started) / 1_000_000;

      for (int i = 0; i < 20; i++) {
        stream.next("SlotOpened", WAIT);
      }
      assertThat(handOffMillis).isLessThan(1000);
      assertThat(s.server.webhooks().pending()).isPositive();
      assertThat(receiver.deliveries).isEmpty();
    } finally {
      gate.countDown();
    }
    assertThat(receiver.next(WAIT).valid()).isTrue();
  }

  @Test
  void webhookUrlsMustBeHttp() {
    TestServer.Created o = s.owner("urls", "PREMIUM");

    for (String url : List.of("ftp://example.com/x", "not a url", "https://user:pw@example.com/x", "/relative",
        "https://example.com/x#frag", "file:///etc/passwd")) {
      TestServer.Response r = s.post("/api/v1/webhooks", o.key(), "{\"url\":" + Json.write(url) + "}");
      assertThat(r.status()).as(url).isEqualTo(422);
    }
    assertThat(s.get("/api/v1/webhooks", o.key()).json()).isEmpty();
  }

  @Test
  void aDeletedWebhookGetsNothing() {
    TestServer.Created o = s.owner("unhooked", "PREMIUM");
    String hookId = register(o);

    assertThat(s.delete("/api/v1/webhooks/" + hookId, o.key()).status()).isEqualTo(204);
    assertThat(s.get("/api/v1/webhooks", o.key()).json()).isEmpty();
    assertThat(s.post("/api/v1/webhooks/" + hookId + "/ping", o.key(), "").status()).isEqualTo(404);
    assertThat(s.delete("/api/v1/webhooks/" + hookId, o.key()).status()).isEqualTo(404);
  }

  @Test
  void anotherOwnersWebhookIsNotFound() {
    TestServer.Created a = s.owner("hook-a", "PREMIUM");
    TestServer.Created b = s.owner("hook-b", "PREMIUM");
    String hookId = register(a);

    assertThat(s.delete("/api/v1/webhooks/" + hookId, b.key()).status()).isEqualTo(404);
    assertThat(s.post("/api/v1/webhooks/" + hookId + "/ping", b.key(), "").status()).isEqualTo(404);
    assertThat(s.get("/api/v1/webhooks", a.key()).json()).hasSize(1);
  }

  @Test
  void backoffDoublesUpToTheCapWithJitter() throws Exception {
    Path dir = Files.createTempDirectory("slothunter-backoff");
    try (Database db = Database.open(dir.toString(), null, null);
        Webhooks hooks = new Webhooks(db, Clock.systemUTC(), new SecretSealer(new byte[32], "test"),
            new Webhooks.Settings(6, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(2), 1, 10, 10),
            new AddressPolicy(AddressPolicy.SYSTEM, false))) {

      assertThat(hooks.backoff(1)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
      assertThat(hooks.backoff(2)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
      assertThat(hooks.backoff(10)).isBetween(Duration.ofMinutes(12), Duration.ofMinutes(18));
    }
  }

  @Test
  void aWebhookFilteredToSomeTypesGetsOnlyThose() {
    TestServer.Created o = s.owner("filtered", "PREMIUM");
    TestServer.Response r = s.post("/api/v1/webhooks", o.key(),
        "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"SlotGone\"]}");
    receiver.secret = r.json().get("secret").asText();
    s.watch(o.key(), TestServer.REZA);
    s.poll();
    Instant start = s.fake.openSlots(TestServer.REZA, "1002", "2003", TestServer.MONDAY, LocalTime.of(19, 0),
        LocalTime.of(19, 20)).get(0).from();
    s.poll(); // SlotOpened: not for this webhook

    s.fake.takeSlot(TestServer.REZA, "1002", "2003", start);
    s.poll(); // SlotGone

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("eventTypes")).extracting(JsonNode::asText).containsExactly("SlotGone");
    WebhookReceiver.Delivery d = receiver.next(WAIT);
    assertThat(Json.read(d.text()).get("type").asText()).isEqualTo("SlotGone");
    Await.until(WAIT, () -> deliveries(o).size() == 1);
    assertThat(deliveries(o)).extracting(row -> row.get("eventType").asText()).containsExactly("SlotGone");
    // read back from the database: the filter is stored with the webhook
    JsonNode listed = s.get("/api/v1/webhooks", o.key()).json();
    assertThat(listed.get(0).get("eventTypes")).extracting(JsonNode::asText).containsExactly("SlotGone");
  }

  @Test
  void aWebhookWithoutTypesTakesEveryType() {
    TestServer.Created o = s.owner("unfiltered", "PREMIUM");

    register(o);

    assertThat(s.get("/api/v1/webhooks", o.key()).json().get(0).get("eventTypes")).isEmpty();
  }

  @Test
  void anUnknownEventTypeIsRefusedWithTheKnownOnes() {
    TestServer.Created o = s.owner("typo", "PREMIUM");

    TestServer.Response r = s.post("/api/v1/webhooks", o.key(),
        "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"SlotOpened\",\"SlotOpen\"]}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(r.json().get("message").asText())
        .startsWith("field 'eventTypes[1]' is 'SlotOpen', which is no event type; use ")
        .contains("BookingSucceeded").contains("SlotOpened");
    assertThat(s.get("/api/v1/webhooks", o.key()).json()).isEmpty();
  }
}
