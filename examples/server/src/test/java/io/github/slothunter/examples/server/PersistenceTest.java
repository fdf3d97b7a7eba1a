package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import org.junit.jupiter.api.Test;

/** What the server keeps in its own tables survives a restart on the same database. */
class PersistenceTest {

  @Test
  void ownersWatchesAndWebhooksSurviveARestart() {
    TestServer first = TestServer.start();
    TestServer.Created o;
    String watchId;
    String hookId;
    try {
      o = first.owner("<b>durable</b>", "PREMIUM");
      watchId = first.watch(o.key(), TestServer.SARA).get("id").asText();
      hookId = first.post("/api/v1/webhooks", o.key(), "{\"url\":\"http://127.0.0.1:9/hook\"}").json().get("id").asText();
    } finally {
      first.close();
    }

    FakeClock clock = FakeClock.at(TestServer.START);
    FakePaziresh24 fake = TestServer.fake(clock);
    TestServer second = TestServer.start(clock, fake, first.dir, b -> {});
    try {
      JsonNode me = second.get("/api/v1/me", o.key()).json();
      JsonNode watches = second.get("/api/v1/watches", o.key()).json();
      JsonNode hooks = second.get("/api/v1/webhooks", o.key()).json();

      assertThat(me.get("name").asText()).isEqualTo("<b>durable</b>");
      assertThat(me.get("plan").asText()).isEqualTo("PREMIUM");
      assertThat(watches).hasSize(1);
      assertThat(watches.get(0).get("id").asText()).isEqualTo(watchId);
      assertThat(watches.get(0).get("doctor").get("name").asText()).isEqualTo("دکتر سارا آزمون");
      assertThat(watches.get(0).get("targets").get(0).get("center").asText()).isEqualTo("مطب ولیعصر");
      assertThat(hooks.get(0).get("id").asText()).isEqualTo(hookId);
      assertThat(second.post("/api/v1/webhooks/" + hookId + "/ping", o.key(), "").status()).isEqualTo(202);
    } finally {
      second.close();
      second.deleteFiles();
    }
  }
}
