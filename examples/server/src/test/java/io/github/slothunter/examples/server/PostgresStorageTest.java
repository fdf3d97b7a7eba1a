package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The production set-up: the server on PostgreSQL by JDBC URL (an in-process PostgreSQL 14), its own
 * tables and the engine's store side by side, surviving a restart.
 */
class PostgresStorageTest {

  @Test
  void theServerRunsOnPostgresAndKeepsItsDataAcrossARestart() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      TestServer first = TestServer.start(b -> b.database(url));
      TestServer.Created o;
      String watchId;
      try (WebhookReceiver receiver = new WebhookReceiver(first.clock)) {
        o = first.owner("pg owner", "PREMIUM");
        watchId = first.watch(o.key(), TestServer.SARA).get("id").asText();
        TestServer.Response hook = first.post("/api/v1/webhooks", o.key(), "{\"url\":\"" + receiver.url() + "\"}");
        receiver.secret = hook.json().get("secret").asText();
        first.post("/api/v1/webhooks/" + hook.json().get("id").asText() + "/ping", o.key(), "");

        assertThat(receiver.next(Duration.ofSeconds(10)).valid()).isTrue();
        Await.until(Duration.ofSeconds(10), () -> first.get("/api/v1/webhooks/deliveries", o.key()).json().size() == 1);
        assertThat(first.get("/api/v1/bookings", o.key()).json()).isEmpty();
      } finally {
        first.close();
        first.deleteFiles();
      }

      FakeClock clock = FakeClock.at(TestServer.START);
      FakePaziresh24 fake = TestServer.fake(clock);
      TestServer second = TestServer.start(clock, fake, first.dir, b -> b.database(url));
      try {
        JsonNode watches = second.get("/api/v1/watches", o.key()).json();
        assertThat(watches).hasSize(1);
        assertThat(watches.get(0).get("id").asText()).isEqualTo(watchId);
        assertThat(watches.get(0).get("doctor").get("name").asText()).isEqualTo("دکتر سارا آزمون");
        assertThat(second.get("/api/v1/webhooks/deliveries", o.key()).json().get(0).get("outcome").asText())
            .isEqualTo("DELIVERED");
      } finally {
        second.close();
      }
    }
  }
}
