package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Owners, keys and plans over real HTTP: who may do what with which key. */
class OwnersApiTest extends SharedServerTest {
  @Test
  void adminCreatesAnOwnerWhoseKeyIsShownOnlyOnce() {
    TestServer.Response created = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"Clinic A\",\"plan\":\"PRO\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode owner = created.json();
    assertThat(owner.get("name").asText()).isEqualTo("Clinic A");
    assertThat(owner.get("plan").asText()).isEqualTo("PRO");
    assertThat(owner.get("apiKey").asText()).startsWith("shk_").hasSize(64);
    assertThat(created.header("Location")).isEqualTo("/api/v1/owners/" + owner.get("id").asText());
    TestServer.Response again = s.get("/api/v1/owners/" + owner.get("id").asText(), TestServer.ADMIN);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().has("apiKey")).isFalse();
    TestServer.Response me = s.get("/api/v1/me", owner.get("apiKey").asText());
    assertThat(me.json().get("id").asText()).isEqualTo(owner.get("id").asText());
  }

  @Test
  void keysAreStoredOnlyAsTheirSha256() {
    TestServer.Created o = s.owner("hashed", "FREE");

    List<String> stored = s.server.database().run("read", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT key_id, key_hash, name FROM server_owners WHERE id = ?")) {
        p.setString(1, o.id());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          out.add(r.getString(1));
          out.add(r.getString(2));
          out.add(r.getString(3));
        }
      }
      return out;
    });

    assertThat(stored).noneMatch(v -> v.contains(o.key().substring(21)));
    assertThat(stored.get(1)).isEqualTo(HexFormat.of().formatHex(Ids.sha256(o.key())));
    assertThat(o.key()).contains(stored.get(0));
  }

  @Test
  void ownerKeysCannotManageOwners() {
    TestServer.Created o = s.owner("not admin", "FREE");

    TestServer.Response create = s.post("/api/v1/owners", o.key(), "{\"name\":\"x\"}");
    TestServer.Response list = s.get("/api/v1/owners", o.key());
    TestServer.Response plan = s.put("/api/v1/owners/" + o.id() + "/plan", o.key(), "{\"plan\":\"ENTERPRISE\"}");

    assertThat(List.of(create, list, plan)).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
    });
    assertThat(s.get("/api/v1/me", o.key()).json().get("plan").asText()).isEqualTo("FREE");
  }

  @Test
  void theAdminKeyActsForNoOwner() {
    TestServer.Response r = s.get("/api/v1/watches", TestServer.ADMIN);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("message").asText()).contains("owner");
  }

  @Test
  void adminChangesAPlanAndUnknownPlansAreRejected() {
    TestServer.Created o = s.owner("upgrader", "FREE");

    TestServer.Response bad = s.put("/api/v1/owners/" + o.id() + "/plan", TestServer.ADMIN, "{\"plan\":\"GOLD\"}");
    TestServer.Response good = s.put("/api/v1/owners/" + o.id() + "/plan", TestServer.ADMIN, "{\"plan\":\"PREMIUM\"}");

    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("message").asText()).contains("plan").contains("PREMIUM");
    assertThat(good.status()).isEqualTo(200);
    assertThat(s.get("/api/v1/me", o.key()).json().get("plan").asText()).isEqualTo("PREMIUM");
  }

  @Test
  void creatingAnOwnerWithAnUnknownPlanCreatesNothing() {
    int before = s.get("/api/v1/owners", TestServer.ADMIN).json().size();

    TestServer.Response r = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"ghost\",\"plan\":\"GOLD\"}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(s.get("/api/v1/owners", TestServer.ADMIN).json().size()).isEqualTo(before);
  }

  @Test
  void rotatingAKeyRevokesTheOldOne() {
    TestServer.Created o = s.owner("rotator", "FREE");

    TestServer.Response rotated = s.post("/api/v1/owners/" + o.id() + "/keys", TestServer.ADMIN, "");

    assertThat(rotated.status()).isEqualTo(201);
    String fresh = rotated.json().get("apiKey").asText();
    assertThat(fresh).isNotEqualTo(o.key());
    assertThat(s.get("/api/v1/me", o.key()).status()).isEqualTo(401);
    assertThat(s.get("/api/v1/me", fresh).status()).isEqualTo(200);
  }

  @Test
  void anOwnerSeesItselfButNotOthers() {
    TestServer.Created a = s.owner("a", "FREE");
    TestServer.Created b = s.owner("b", "FREE");

    assertThat(s.get("/api/v1/owners/" + a.id(), a.key()).status()).isEqualTo(200);
    TestServer.Response other = s.get("/api/v1/owners/" + b.id(), a.key());
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.json().get("code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void unknownOwnersAreNotFound() {
    assertThat(s.get("/api/v1/owners/own_nope", TestServer.ADMIN).status()).isEqualTo(404);
    assertThat(s.put("/api/v1/owners/own_nope/plan", TestServer.ADMIN, "{\"plan\":\"PRO\"}").status()).isEqualTo(404);
    assertThat(s.post("/api/v1/owners/own_nope/keys", TestServer.ADMIN, "").status()).isEqualTo(404);
  }

  @Test
  void listsThePlansWithTheirLimits() {
    TestServer.Created o = s.owner("planner", "FREE");

    JsonNode plans = s.get("/api/v1/plans", o.key()).json();

    assertThat(plans).extracting(p -> p.get("name").asText()).containsExactly("FREE", "PREMIUM", "PRO", "ENTERPRISE");
    assertThat(plans.get(0).get("maxWatches").asInt()).isEqualTo(1);
    assertThat(plans.get(0).get("default").asBoolean()).isTrue();
    assertThat(plans.get(2).get("maxWatches").isNull()).isTrue();
    assertThat(plans.get(1).get("autoBook").asBoolean()).isTrue();
  }

  @Test
  void adminSeesEngineStatsAndOwnersTheirOwn() {
    TestServer.Created o = s.owner("counter", "PREMIUM");
    s.watch(o.key(), TestServer.REZA);

    JsonNode mine = s.get("/api/v1/stats", o.key()).json();
    JsonNode engine = s.get("/api/v1/stats", TestServer.ADMIN).json();

    assertThat(mine.get("watches").asInt()).isEqualTo(1);
    assertThat(mine.get("plan").asText()).isEqualTo("PREMIUM");
    assertThat(engine.get("watches").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(engine.get("providers").get(0).get("id").asText()).isEqualTo("paziresh24");
    assertThat(engine.get("providers").get(0).get("budgetPerHour").asInt()).isPositive();
    // start-up progress: the watch's doctor lookup is done, nothing waits
    assertThat(engine.get("lookups").get("done").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(engine.get("lookups").get("waiting").asInt()).isZero();
  }
}
