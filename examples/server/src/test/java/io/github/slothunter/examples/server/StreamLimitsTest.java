package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Stream tickets and open streams are capped per owner, so one owner cannot lock out another; a total cap backs them up. */
class StreamLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void oneOwnersTicketsDoNotLockOutAnother() {
    try (Server s = Server.start(b -> b.ticketLimits(3, 10_000))) {
      TestServer.Created greedy = s.t.owner("greedy", "PREMIUM");
      TestServer.Created bystander = s.t.owner("bystander", "PREMIUM");
      for (int i = 0; i < 3; i++) {
        assertThat(s.t.post("/api/v1/events/tickets", greedy.key(), "").status()).isEqualTo(201);
      }

      TestServer.Response refused = s.t.post("/api/v1/events/tickets", greedy.key(), "");
      TestServer.Response other = s.t.post("/api/v1/events/tickets", bystander.key(), "");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, EventHub.TICKET_TTL.toSeconds());
      assertThat(other.status()).isEqualTo(201);
    }
  }

  @Test
  void anOwnersTicketsComeBackWhenUsedOrExpired() {
    try (Server s = Server.start(b -> b.ticketLimits(2, 10_000))) {
      TestServer.Created o = s.t.owner("reloader", "PREMIUM");
      String first = s.t.post("/api/v1/events/tickets", o.key(), "").json().get("url").asText();
      s.t.post("/api/v1/events/tickets", o.key(), "");
      assertThat(s.t.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(429);

      try (EventStream stream = EventStream.open(s.t, first, null, null)) {
        stream.next("ready", WAIT);
        assertThat(s.t.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(201);
      }
      assertThat(s.t.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(429);
      s.t.clock.advance(EventHub.TICKET_TTL.plusSeconds(1));
      assertThat(s.t.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(201);
    }
  }

  @Test
  void theTotalTicketCapIsTheBackstop() {
    try (Server s = Server.start(b -> b.ticketLimits(2, 3))) {
      TestServer.Created a = s.t.owner("a", "PREMIUM");
      TestServer.Created b = s.t.owner("b", "PREMIUM");
      TestServer.Created c = s.t.owner("c", "PREMIUM");
      s.t.post("/api/v1/events/tickets", a.key(), "");
      s.t.post("/api/v1/events/tickets", a.key(), "");
      assertThat(s.t.post("/api/v1/events/tickets", b.key(), "").status()).isEqualTo(201);

      assertThat(s.t.post("/api/v1/events/tickets", c.key(), "").status()).isEqualTo(429);
    }
  }

  @Test
  void oneOwnersStreamsDoNotLockOutAnotherAndTheTotalIsCapped() {
    try (Server s = Server.start(b -> b.streamLimits(1, 2))) {
      TestServer.Created greedy = s.t.owner("greedy-streams", "PREMIUM");
      TestServer.Created bystander = s.t.owner("bystander-streams", "PREMIUM");
      TestServer.Created late = s.t.owner("late-streams", "PREMIUM");
      try (EventStream one = EventStream.open(s.t, "/api/v1/events", greedy.key(), null)) {
        one.next("ready", WAIT);
        try (EventStream two = EventStream.open(s.t, "/api/v1/events", greedy.key(), null);
            EventStream other = EventStream.open(s.t, "/api/v1/events", bystander.key(), null)) {
          other.next("ready", WAIT);
          try (EventStream third = EventStream.open(s.t, "/api/v1/events", late.key(), null)) {

            assertThat(two.status).isEqualTo(429);
            assertThat(other.status).isEqualTo(200);
            assertThat(third.status).isEqualTo(429);
          }
        }
      }
    }
  }

  /** A test server that also deletes its files. */
  private record Server(TestServer t) implements AutoCloseable {
    static Server start(Consumer<SlotHunterServer.Builder> customize) {
      return new Server(TestServer.start(customize));
    }

    @Override
    public void close() {
      t.close();
      t.deleteFiles();
    }
  }
}
