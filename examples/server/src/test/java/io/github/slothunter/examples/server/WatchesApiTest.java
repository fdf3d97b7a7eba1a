package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Watches, slot snapshots, target stats and analytics over real HTTP against the fake Paziresh24. */
class WatchesApiTest extends SharedServerTest {
  @Test
  void createsAWatchFromADoctorLink() {
    TestServer.Created o = s.owner("creator", "PREMIUM");

    TestServer.Response r = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\"}");

    assertThat(r.status()).isEqualTo(201);
    JsonNode w = r.json();
    assertThat(r.header("Location")).isEqualTo("/api/v1/watches/" + w.get("id").asText());
    assertThat(w.get("doctor").get("name").asText()).isEqualTo("دکتر سارا آزمون");
    assertThat(w.get("doctor").get("key").asText()).isEqualTo(TestServer.SARA);
    assertThat(w.get("link").asText()).isEqualTo(TestServer.link(TestServer.SARA));
    assertThat(w.get("targets")).hasSize(2);
    assertThat(w.get("targets").get(0).get("center").asText()).isEqualTo("مطب ولیعصر");
    assertThat(w.get("targets").get(0).get("service").asText()).isEqualTo("ویزیت حضوری");
    assertThat(w.get("targets").get(0).get("price").asLong()).isZero(); // paid at the office
    assertThat(w.get("targets").get(1).get("price").asLong()).isEqualTo(900_000); // the online visit
    assertThat(w.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(w.get("plan").asText()).isEqualTo("PREMIUM");
    assertThat(s.server.hunter().find(w.get("id").asText())).isPresent();
  }

  @Test
  void listsAndReadsWatchesWithTheirHealth() {
    TestServer.Created o = s.owner("reader", "PREMIUM");
    String id = s.watch(o.key(), TestServer.REZA).get("id").asText();

    JsonNode list = s.get("/api/v1/watches", o.key()).json();
    JsonNode one = s.get("/api/v1/watches/" + id, o.key()).json();

    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asText()).isEqualTo(id);
    JsonNode health = one.get("health");
    assertThat(health.get("state").asText()).isIn("ACTIVE", "PAUSED_BUDGET");
    assertThat(health.has("nextPoll")).isTrue();
    assertThat(health.get("explain").get("en").get(0).asText()).isNotBlank();
    assertThat(health.get("explain").get("fa").get(0).asText()).matches("(?s).*[\\u0600-\\u06FF].*");
    assertThat(one.get("doctor").get("name").asText()).isEqualTo("دکتر رضا آزمون");
  }

  @Test
  void deletingAWatchStopsIt() {
    TestServer.Created o = s.owner("deleter", "PREMIUM");
    String id = s.watch(o.key(), TestServer.REZA).get("id").asText();

    TestServer.Response r = s.delete("/api/v1/watches/" + id, o.key());

    assertThat(r.status()).isEqualTo(204);
    assertThat(s.get("/api/v1/watches/" + id, o.key()).status()).isEqualTo(404);
    assertThat(s.delete("/api/v1/watches/" + id, o.key()).status()).isEqualTo(404);
    assertThat(s.server.hunter().find(id)).isEmpty();
    assertThat(s.get("/api/v1/watches", o.key()).json()).isEmpty();
  }

  @Test
  void anotherOwnersWatchIsNotFound() {
    TestServer.Created a = s.owner("alice", "PREMIUM");
    TestServer.Created b = s.owner("bob", "PREMIUM");
    String id = s.watch(a.key(), TestServer.REZA).get("id").asText();

    assertThat(s.get("/api/v1/watches/" + id, b.key()).status()).isEqualTo(404);
    assertThat(s.delete("/api/v1/watches/" + id, b.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/watches/" + id + "/slots", b.key()).status()).isEqualTo(404);
    assertThat(s.server.hunter().find(id)).isPresent();
  }

  @Test
  void theFilterIsValidatedAndEchoed() {
    TestServer.Created o = s.owner("filterer", "PREMIUM");

    TestServer.Response r = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\","
        + "\"centerId\":\"1001\",\"from\":\"2026-01-04\",\"to\":\"2026-01-10\",\"daysOfWeek\":[\"monday\",\"SATURDAY\"],"
        + "\"timesOfDay\":[\"08:00-12:00\"],\"earliestOnly\":true,\"maxPrice\":2000000}");

    assertThat(r.status()).isEqualTo(201);
    JsonNode f = r.json().get("filter");
    assertThat(f.get("from").asText()).isEqualTo("2026-01-04");
    assertThat(f.get("to").asText()).isEqualTo("2026-01-10");
    assertThat(f.get("daysOfWeek")).extracting(JsonNode::asText).containsExactly("MONDAY", "SATURDAY");
    assertThat(f.get("timesOfDay").get(0).asText()).isEqualTo("08:00-12:00");
    assertThat(f.get("earliestOnly").asBoolean()).isTrue();
    assertThat(f.get("maxPrice").asLong()).isEqualTo(2_000_000);
    assertThat(r.json().get("targets")).hasSize(1);
  }

  @Test
  void badFilterValuesAreRejectedAndNothingIsRegistered() {
    TestServer.Created o = s.owner("badfilter", "PREMIUM");
    String link = "\"link\":\"" + TestServer.link(TestServer.SARA) + "\"";

    TestServer.Response badDate = s.post("/api/v1/watches", o.key(), "{" + link + ",\"from\":\"tomorrow\"}");
    TestServer.Response badDay = s.post("/api/v1/watches", o.key(), "{" + link + ",\"daysOfWeek\":[\"FUNDAY\"]}");
    TestServer.Response badTime = s.post("/api/v1/watches", o.key(), "{" + link + ",\"timesOfDay\":[\"8 to 12\"]}");
    TestServer.Response reversed = s.post("/api/v1/watches", o.key(), "{" + link + ",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}");
    TestServer.Response negative = s.post("/api/v1/watches", o.key(), "{" + link + ",\"maxPrice\":-1}");

    assertThat(badDate.json().get("message").asText()).contains("'from'");
    assertThat(badDay.json().get("message").asText()).contains("daysOfWeek");
    assertThat(badTime.json().get("message").asText()).contains("time window");
    for (TestServer.Response r : new TestServer.Response[] {badDate, badDay, badTime, reversed, negative}) {
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    }
    assertThat(s.get("/api/v1/watches", o.key()).json()).isEmpty();
  }

  @Test
  void aLinkNoProviderUnderstandsIsInvalid() {
    TestServer.Created o = s.owner("foreign", "PREMIUM");

    TestServer.Response r = s.post("/api/v1/watches", o.key(), "{\"link\":\"https://example.com/dr/someone\"}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(r.json().get("message").asText()).contains("not a doctor link");
  }

  @Test
  void anUnknownDoctorIsNotFound() {
    TestServer.Created o = s.owner("seeker", "PREMIUM");

    TestServer.Response r = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + TestServer.link("dr-nobody") + "\"}");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void thePlansWatchLimitIsAConflict() {
    TestServer.Created o = s.owner("frugal", "FREE");
    s.watch(o.key(), TestServer.REZA);

    TestServer.Response r = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\"}");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("code").asText()).isEqualTo("QUOTA_EXCEEDED");
    assertThat(s.get("/api/v1/watches", o.key()).json()).hasSize(1);
  }

  @Test
  void aLinkToTheSandboxSiteItselfIsAccepted() {
    TestServer.Created o = s.owner("sandboxer", "PREMIUM");

    TestServer.Response r = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + s.fake.doctorUrl(TestServer.REZA) + "\"}");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("doctor").get("key").asText()).isEqualTo(TestServer.REZA);
  }

  @Test
  void slotsShowTheTargetsSnapshotAfterAPoll() {
    TestServer.Created o = s.owner("snapshotter", "PREMIUM");
    Instant start = s.openSaraSlot(9, 0);
    JsonNode w = s.watch(o.key(), TestServer.SARA);
    String targetId = w.get("targets").get(0).get("id").asText();

    s.poll();
    JsonNode byWatch = s.get("/api/v1/watches/" + w.get("id").asText() + "/slots", o.key()).json();
    JsonNode byTarget = s.get("/api/v1/targets/" + targetId + "/slots", o.key()).json();
    JsonNode stats = s.get("/api/v1/targets/" + targetId + "/stats", o.key()).json();

    JsonNode first = byWatch.get("targets").get(0);
    assertThat(first.get("id").asText()).isEqualTo(targetId);
    assertThat(first.get("lastPollAt").isNull()).isFalse();
    assertThat(first.get("slots")).extracting(x -> x.get("start").asText()).contains(start.toString());
    assertThat(first.get("slots").get(0).get("startTehran").asText()).isEqualTo("2026-01-05T09:00");
    assertThat(byTarget.get("slots")).hasSameSizeAs(first.get("slots"));
    assertThat(stats.get("polls").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.get("freeNow").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(stats.get("watchers").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void analyticsHaveTheShapeTheDashboardDraws() {
    TestServer.Created o = s.owner("analyst", "PREMIUM");
    String targetId = s.watch(o.key(), TestServer.REZA).get("targets").get(0).get("id").asText();

    JsonNode a = s.get("/api/v1/targets/" + targetId + "/analytics?lang=fa", o.key()).json();

    assertThat(a.get("releasesByHourOfWeek")).hasSize(168);
    assertThat(a.has("medianFreeMinutes")).isTrue();
    assertThat(a.has("detectionLatencySeconds")).isTrue();
    assertThat(a.get("forecast")).hasSize(24);
    assertThat(a.get("hint").asText()).isNotBlank();
  }

  @Test
  void theForecastCarriesReadableHoursAndRoundedValuesInTheAskedLanguage() {
    TestServer.Created o = s.owner("forecaster", "PREMIUM");
    String targetId = s.watch(o.key(), TestServer.REZA).get("targets").get(0).get("id").asText();

    JsonNode fa = s.get("/api/v1/targets/" + targetId + "/analytics?lang=fa", o.key()).json().get("forecast").get(0);
    JsonNode en = s.get("/api/v1/targets/" + targetId + "/analytics?lang=en", o.key()).json().get("forecast").get(0);

    // the clock is Saturday 09:00 in Tehran: the next 24 hours start at an hour boundary
    assertThat(en.get("hours").asText()).matches("\\d\\d:00–\\d\\d:00");
    assertThat(fa.get("hours").asText()).matches("[۰-۹]{2}:۰۰–[۰-۹]{2}:۰۰");
    assertThat(en.get("expectedText").asText()).matches("\\d+\\.\\d");
    assertThat(fa.get("expectedText").asText()).matches("[۰-۹]+٫[۰-۹]");
    assertThat(en.get("openingPercent").asInt()).isBetween(0, 100);
    assertThat(en.get("weekday").asText()).isIn("Saturday", "Sunday");
  }

  @Test
  void watchesCarryTheirCreationTimeAsJalaliText() {
    TestServer.Created o = s.owner("dated", "PREMIUM");

    JsonNode w = s.watch(o.key(), TestServer.REZA);

    assertThat(w.get("createdAtText").get("fa").asText()).isEqualTo("شنبه ۱۳ دی ۱۴۰۴ ساعت ۰۹:۰۰");
    assertThat(w.get("createdAtText").get("en").asText()).isEqualTo("Saturday 13 Dey 1404, 09:00");
  }

  @Test
  void targetsOutsideYourWatchesAreNotFound() {
    TestServer.Created a = s.owner("owner-a", "PREMIUM");
    TestServer.Created b = s.owner("owner-b", "PREMIUM");
    String targetId = s.watch(a.key(), TestServer.REZA).get("targets").get(0).get("id").asText();

    assertThat(s.get("/api/v1/targets/" + targetId + "/slots", b.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/targets/" + targetId + "/analytics", b.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/targets/%21%21not-base64%21%21/stats", a.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/targets/" + Ids.targetKey("paziresh24:x/1/2") + "/stats", a.key()).status()).isEqualTo(404);
  }
}
