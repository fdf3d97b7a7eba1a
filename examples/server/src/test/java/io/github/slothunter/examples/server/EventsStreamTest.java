package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live event stream (Server-Sent Events): delivery, tickets, owner isolation and resuming. */
class EventsStreamTest extends SharedServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aSlotTheFakeReleasesArrivesLive() {
    TestServer.Created o = s.owner("live", "PREMIUM");
    String watchId = s.watch(o.key(), TestServer.REZA).get("id").asText();
    s.poll();
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      assertThat(stream.status).isEqualTo(200);
      assertThat(stream.next(WAIT).event()).isEqualTo("ready");

      Instant start = s.fake.openSlots(TestServer.REZA, "1002", "2003", TestServer.MONDAY, java.time.LocalTime.of(17, 0),
          java.time.LocalTime.of(17, 20)).get(0).from();
      s.poll();

      EventStream.Frame f = stream.next("SlotOpened", WAIT);
      JsonNode e = f.json();
      assertThat(e.get("watchId").asText()).isEqualTo(watchId);
      assertThat(e.get("slot").get("start").asText()).isEqualTo(start.toString());
      assertThat(e.get("slot").get("startTehran").asText()).isEqualTo("2026-01-05T17:00");
      assertThat(e.has("owner")).isFalse();
      assertThat(Long.parseLong(f.id())).isPositive(); // the SSE id: a resume cursor
      assertThat(e.get("id").asText()).matches("ev_[A-Za-z0-9_-]{22}"); // the engine's event id
    }
  }

  @Test
  void aTicketOpensTheStreamOnceAndExpires() {
    TestServer.Created o = s.owner("ticketed", "PREMIUM");
    JsonNode ticket = s.post("/api/v1/events/tickets", o.key(), "").json();
    JsonNode late = s.post("/api/v1/events/tickets", o.key(), "").json();

    try (EventStream first = EventStream.open(s, ticket.get("url").asText(), null, null);
        EventStream reuse = EventStream.open(s, ticket.get("url").asText(), null, null)) {
      s.clock.advance(EventHub.TICKET_TTL.plusSeconds(1));
      try (EventStream expired = EventStream.open(s, late.get("url").asText(), null, null)) {

        assertThat(first.status).isEqualTo(200);
        assertThat(first.next(WAIT).event()).isEqualTo("ready");
        assertThat(reuse.status).isEqualTo(401);
        assertThat(expired.status).isEqualTo(401);
        assertThat(Json.read(expired.errorBody).get("code").asText()).isEqualTo("UNAUTHORIZED");
      }
    }
  }

  @Test
  void aTicketOnlyOpensTheStream() {
    TestServer.Created o = s.owner("narrow-ticket", "PREMIUM");
    String ticket = s.post("/api/v1/events/tickets", o.key(), "").json().get("ticket").asText();

    TestServer.Response r = s.get("/api/v1/watches?ticket=" + ticket, null);

    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void ownersOnlyReceiveTheirOwnEvents() {
    TestServer.Created a = s.owner("iso-a", "PREMIUM");
    TestServer.Created b = s.owner("iso-b", "PREMIUM");
    try (EventStream streamB = EventStream.open(s, "/api/v1/events", b.key(), null)) {
      assertThat(streamB.next(WAIT).event()).isEqualTo("ready");

      s.server.hub().publish(a.id(), "Notice", Json.object().put("text", "for a"));
      s.server.hub().publish(b.id(), "Notice", Json.object().put("text", "for b"));

      EventStream.Frame first = streamB.next("Notice", WAIT);
      assertThat(first.json().get("text").asText()).isEqualTo("for b");
    }
  }

  @Test
  void aReconnectingStreamResumesAfterItsLastEventId() {
    TestServer.Created o = s.owner("resumer", "PREMIUM");
    s.server.hub().publish(o.id(), "Notice", Json.object().put("n", 1));
    // publish only queues: let n=1 reach the ring first, or the stream below would get it live
    Await.until(WAIT, () -> s.server.hub().recent(o.id(), 10).size() == 1);
    String firstId;
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);
      s.server.hub().publish(o.id(), "Notice", Json.object().put("n", 2));
      firstId = stream.next("Notice", WAIT).id();
    }
    s.server.hub().publish(o.id(), "Notice", Json.object().put("n", 3));

    try (EventStream resumed = EventStream.open(s, "/api/v1/events", o.key(), firstId)) {
      resumed.next("ready", WAIT);
      assertThat(resumed.next("Notice", WAIT).json().get("n").asInt()).isEqualTo(3);
    }
    JsonNode recent = s.get("/api/v1/events/recent", o.key()).json().get("events");
    assertThat(recent).extracting(e -> e.get("n").asInt()).containsExactly(1, 2, 3);
  }

  @Test
  void aResumedStreamReplaysEngineEventsUnderTheirOwnIds() {
    TestServer.Created o = s.owner("resume-ids", "PREMIUM");
    SlotOpened first = opened(o.id(), 40);
    SlotOpened second = opened(o.id(), 41);
    EventStream.Frame sentFirst;
    EventStream.Frame sentSecond;
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);
      s.server.hub().onEvent(first);
      sentFirst = stream.next("SlotOpened", WAIT);
      s.server.hub().onEvent(second);
      sentSecond = stream.next("SlotOpened", WAIT);
    }

    try (EventStream afterFirst = EventStream.open(s, "/api/v1/events", o.key(), sentFirst.id());
        EventStream fromStart = EventStream.open(s, "/api/v1/events", o.key(), "0")) {
      EventStream.Frame resumed = afterFirst.next("SlotOpened", WAIT);
      EventStream.Frame again1 = fromStart.next("SlotOpened", WAIT);
      EventStream.Frame again2 = fromStart.next("SlotOpened", WAIT);

      assertThat(resumed.id()).isEqualTo(sentSecond.id());
      assertThat(resumed.json().get("id").asText()).isEqualTo(second.id());
      assertThat(again1.json().get("id").asText()).isEqualTo(first.id()).isEqualTo(sentFirst.json().get("id").asText());
      assertThat(again2.json().get("id").asText()).isEqualTo(second.id());
    }
  }

  @Test
  void anEventIdIsNotAResumeCursor() {
    TestServer.Created o = s.owner("wrong-cursor", "PREMIUM");
    String eventId = opened(o.id(), 42).id();

    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), eventId)) {

      assertThat(stream.status).isEqualTo(422);
      assertThat(Json.read(stream.errorBody).get("message").asText()).contains("id:");
    }
  }

  @Test
  void serverMadeEventsHaveServerIdsUnlikeTheEnginesOnes() {
    TestServer.Created o = s.owner("notices", "PREMIUM");
    try (EventStream stream = EventStream.open(s, "/api/v1/events", o.key(), null)) {
      stream.next("ready", WAIT);

      s.server.hub().publish(o.id(), "Notice", Json.object().put("text", "hello"));

      assertThat(stream.next("Notice", WAIT).json().get("id").asText()).startsWith("evt_")
          .doesNotMatch("ev_[A-Za-z0-9_-]{22}");
    }
  }

  /** A slot the engine saw open for a watch of the owner, {@code hours} after the test start. */
  private SlotOpened opened(String ownerId, int hours) {
    Instant start = TestServer.START.plus(Duration.ofHours(hours));
    Target target = new Target(new DoctorRef("paziresh24", "dr-resume"), "1", "2", Map.of());
    return new SlotOpened("w-" + ownerId, ownerId, new Slot(target, start, start.plusSeconds(900), "k" + hours), null,
        s.clock.instant());
  }

  @Test
  void theStreamNeedsTheEventStreamAcceptHeader() {
    TestServer.Created o = s.owner("plain", "PREMIUM");

    TestServer.Response r = s.get("/api/v1/events", o.key());

    assertThat(r.status()).isEqualTo(406);
    assertThat(r.json().get("code").asText()).isEqualTo("NOT_ACCEPTABLE");
  }

  @Test
  void anOwnerHasABoundedNumberOfStreams() {
    try (TestServer small = TestServer.start(b -> b.streamLimits(1, 10_000))) {
      TestServer.Created o = small.owner("greedy", "PREMIUM");
      try (EventStream one = EventStream.open(small, "/api/v1/events", o.key(), null)) {
        assertThat(one.status).isEqualTo(200);
        one.next("ready", Duration.ofSeconds(10)); // the first stream is attached, not just answered
        try (EventStream two = EventStream.open(small, "/api/v1/events", o.key(), null)) {
          assertThat(two.status).isEqualTo(429);
        }
      }
    }
  }
}
