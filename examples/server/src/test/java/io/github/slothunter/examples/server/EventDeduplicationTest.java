package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine delivers events at least once, so it may hand the server the same event (same id) twice:
 * the server sends it once to each webhook and stream, remembering a bounded number of ids per owner
 * (here 2, to show the bound). One webhook sender thread, so deliveries arrive in publication order
 * and a duplicate would show up before the event published after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventDeduplicationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String ID = "ev_[A-Za-z0-9_-]{22}";
  private TestServer s;
  private WebhookReceiver receiver;

  @BeforeAll
  void start() {
    s = TestServer.start(b -> b.webhookSettings(new Webhooks.Settings(3, Duration.ofMillis(20), Duration.ofMillis(100),
        Duration.ofSeconds(5), 1, 1000, 10)).dedupIds(2));
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

  private void register(TestServer.Created o) {
    TestServer.Response r = s.post("/api/v1/webhooks", o.key(), "{\"url\":\"" + receiver.url() + "\"}");
    assertThat(r.status()).isEqualTo(201);
    receiver.secret = r.json().get("secret").asText();
  }

  /** A slot the engine saw open at {@code seenAt} for a watch of the owner, {@code hours} after the test start. */
  private static SlotOpened opened(String ownerId, int hours, Instant seenAt) {
    Instant start = TestServer.START.plus(Duration.ofHours(hours));
    Target target = new Target(new DoctorRef("paziresh24", "dr-dedup"), "1", "2", Map.of());
    return new SlotOpened("w-" + ownerId, ownerId, new Slot(target, start, start.plusSeconds(900), "k" + hours), null,
        seenAt);
  }

  private void publish(SlotEvent... events) {
    for (SlotEvent e : events) {
      s.server.hub().onEvent(e);
    }
  }

  private List<String> streamed(EventStream stream, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(stream.next("SlotOpened", WAIT).json().get("id").asText());
    }
    return ids;
  }

  private List<WebhookReceiver.Delivery> delivered(int n) {
    List<WebhookReceiver.Delivery> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      got.add(receiver.next(WAIT));
    }
    return got;
  }

  private List<String> recentIds(TestServer.Created o) {
    List<String> ids = new ArrayList<>();
    s.get("/api/v1/events/recent", o.key()).json().get("events").forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  @Test
  void anEngineEventCarriesItsOwnIdOnTheStreamInTheWebhookAndInTheLists() {
    TestServer.Created o = s.owner("dedup-ids", "PREMIUM");
    register(o);
    SlotOpened event = opened(o.id(), 30, s.clock.instant());
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      publish(event);

      EventStream.Frame frame = stream.next("SlotOpened", WAIT);
      WebhookReceiver.Delivery d = receiver.next(WAIT);
      assertThat(event.id()).matches(ID);
      assertThat(frame.json().get("id").asText()).isEqualTo(event.id());
      assertThat(Long.parseLong(frame.id())).isPositive(); // the SSE id: line is only the resume cursor
      assertThat(d.eventId()).isEqualTo(event.id());
      assertThat(Json.read(d.text()).get("id").asText()).isEqualTo(event.id());
      assertThat(recentIds(o)).containsExactly(event.id());
      Await.until(WAIT, () -> s.get("/api/v1/webhooks/deliveries", o.key()).json().size() == 1);
      assertThat(s.get("/api/v1/webhooks/deliveries", o.key()).json().get(0).get("eventId").asText())
          .isEqualTo(event.id());
    }
  }

  @Test
  void anEventPublishedTwiceIsSentOnceToEachWebhookAndStream() {
    TestServer.Created o = s.owner("dedup-twice", "PREMIUM");
    register(o);
    SlotOpened event = opened(o.id(), 31, s.clock.instant());
    SlotOpened next = opened(o.id(), 32, s.clock.instant());
    long before = s.server.hub().duplicates();
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      publish(event, event, next); // the engine replays event under its id, then goes on

      assertThat(streamed(stream, 2)).containsExactly(event.id(), next.id());
      List<WebhookReceiver.Delivery> got = delivered(2);
      assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(event.id(), next.id());
      assertThat(got).extracting(WebhookReceiver.Delivery::answered).containsExactly(200, 200);
      assertThat(receiver.deliveries).isEmpty();
      assertThat(recentIds(o)).containsExactly(event.id(), next.id());
      assertThat(s.server.hub().duplicates()).isEqualTo(before + 1);
      assertThat(s.get("/api/v1/stats", TestServer.ADMIN).json().get("eventsDeduplicated").asLong())
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void twoDifferentEventsAreBothSent() {
    TestServer.Created o = s.owner("dedup-two", "PREMIUM");
    register(o);
    Instant now = s.clock.instant();
    SlotOpened event = opened(o.id(), 33, now);
    SlotOpened reopened = opened(o.id(), 33, now.plusSeconds(600)); // the same slot free again later: a new event
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      publish(event, reopened);

      assertThat(reopened.id()).isNotEqualTo(event.id());
      assertThat(streamed(stream, 2)).containsExactly(event.id(), reopened.id());
      assertThat(delivered(2)).extracting(WebhookReceiver.Delivery::eventId).containsExactly(event.id(), reopened.id());
    }
  }

  @Test
  void onlyTheLastIdsPerOwnerAreRemembered() {
    TestServer.Created o = s.owner("dedup-bound", "PREMIUM");
    register(o);
    Instant now = s.clock.instant();
    SlotOpened a = opened(o.id(), 34, now);
    SlotOpened b = opened(o.id(), 35, now);
    SlotOpened c = opened(o.id(), 36, now);
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      publish(a, b, c, a); // the server remembers 2 ids here: a was forgotten when c came

      assertThat(streamed(stream, 4)).containsExactly(a.id(), b.id(), c.id(), a.id());
      List<WebhookReceiver.Delivery> got = delivered(4);
      assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(a.id(), b.id(), c.id(), a.id());
      // ... so the receiver's own deduplication (WebhookReceiver refuses an id it has seen) is what catches it
      assertThat(got).extracting(WebhookReceiver.Delivery::answered).containsExactly(200, 200, 200, 409);
    }
  }

  @Test
  void anEngineWideEventPublishedTwiceIsStreamedOnce() {
    TestServer.Created o = s.owner("dedup-broadcast", "PREMIUM");
    ProviderThrottled throttled = new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30),
        s.clock.instant());
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      publish(throttled, throttled);
      s.server.hub().publish(o.id(), "Notice", Json.object().put("text", "after")); // same queue, so after both

      EventStream.Frame first = stream.next(WAIT);
      EventStream.Frame second = stream.next(WAIT);
      assertThat(first.event()).isEqualTo("ProviderThrottled");
      assertThat(first.json().get("id").asText()).isEqualTo(throttled.id());
      assertThat(second.event()).isEqualTo("Notice");
      JsonNode notice = second.json();
      assertThat(notice.get("id").asText()).startsWith("evt_");
    }
  }
}
