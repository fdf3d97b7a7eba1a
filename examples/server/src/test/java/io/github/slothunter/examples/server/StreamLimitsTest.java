package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stream tickets and open streams are capped per owner, so one owner cannot lock out another; a total cap backs them up. */
class StreamLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void oneOwnersTicketsDoNotLockOutAnother() {
    try (TestServer s = TestServer.throwaway(b -> b.ticketLimits(3, 10_000))) {
      TestServer.Created greedy = s.owner("greedy", "PREMIUM");
      TestServer.Created bystander = s.owner("bystander", "PREMIUM");
      for (int i = 0; i < 3; i++) {
        assertThat(s.post("/api/v1/events/tickets", greedy.key(), "").status()).isEqualTo(201);
      }

      TestServer.Response refused = s.post("/api/v1/events/tickets", greedy.key(), "");
      TestServer.Response other = s.post("/api/v1/events/tickets", bystander.key(), "");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, EventHub.TICKET_TTL.toSeconds());
      assertThat(other.status()).isEqualTo(201);
    }
  }

  @Test
  void anOwnersTicketsComeBackWhenUsedOrExpired() {
    try (TestServer s = TestServer.throwaway(b -> b.ticketLimits(2, 10_000))) {
      TestServer.Created o = s.owner("reloader", "PREMIUM");
      String first = s.post("/api/v1/events/tickets", o.key(), "").json().get("url").asText();
      s.post("/api/v1/events/tickets", o.key(), "");
      assertThat(s.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(429);

      try (EventStream stream = EventStream.open(s, first, null, null)) {
        stream.next("ready", WAIT);
        assertThat(s.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(201);
      }
      assertThat(s.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(429);
      s.clock.advance(EventHub.TICKET_TTL.plusSeconds(1));
      assertThat(s.post("/api/v1/events/tickets", o.key(), "").status()).isEqualTo(201);
    }
  }

  @Test
  void theTotalTicketCapIsTheBackstop() {
    try (TestServer s = TestServer.throwaway(b -> b.ticketLimits(2, 3))) {
      TestServer.Created a = s.owner("a", "PREMIUM");
      TestServer.Created b = s.owner("b", "PREMIUM");
      TestServer.Created c = s.owner("c", "PREMIUM");
      s.post("/api/v1/events/tickets", a.key(), "");
      s.post("/api/v1/events/tickets", a.key(), "");
      assertThat(s.post("/api/v1/events/tickets", b.key(), "").status()).isEqualTo(201);

      assertThat(s.post("/api/v1/events/tickets", c.key(), "").status()).isEqualTo(429);
    }
  }

  @Test
  void oneOwnersStreamsDoNotLockOutAnotherAndTheTotalIsCapped() {
    try (TestServer s = TestServer.throwaway(b -> b.streamLimits(1, 2))) {
      TestServer.Created greedy = s.owner("greedy-streams", "PREMIUM");
      TestServer.Created bystander = s.owner("bystander-streams", "PREMIUM");
      TestServer.Created late = s.owner("late-streams", "PREMIUM");
      try (EventStream one = EventStream.open(s, "/api/v1/events", greedy.key(), null)) {
        one.next("ready", WAIT);
        try (EventStream two = EventStream.open(s, "/api/v1/events", greedy.key(), null);
            EventStream other = EventStream.open(s, "/api/v1/events", bystander.key(), null)) {
          other.next("ready", WAIT);
          try (EventStream third = EventStream.open(s, "/api/v1/events", late.key(), null)) {

            assertThat(two.status).isEqualTo(429);
            assertThat(other.status).isEqualTo(200);
            assertThat(third.status).isEqualTo(429);
          }
        }
      }
    }
  }
}
