package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.Sandbox;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Area searches and area watches over real HTTP against the testkit's area fake (hundreds of generated
 * doctors in a few cities, with map pins and prices).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AreasApiTest {
  /** Near Tehran's centre, where the fake spreads its Tehran pins. */
  private static final String TEHRAN = "35.6892,51.3890";

  private TestServer s;
  private TestServer.Created owner;

  @BeforeAll
  void start() throws IOException {
    FakeClock clock = FakeClock.at(TestServer.START);
    s = TestServer.start(clock, Sandbox.area(clock, 11, 300), Files.createTempDirectory("slothunter-areas-test"),
        b -> {});
    owner = s.owner("Areas", "PREMIUM");
  }

  @AfterAll
  void stop() {
    if (s != null) {
      s.close();
      s.deleteFiles();
    }
  }

  private TestServer.Response search(String query) {
    return s.get("/api/v1/areas/search?" + query, owner.key());
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  @Test
  void searchWithoutAPointListsMembersWithCentersPricesAndFirstFreeSlotsButNoDistances() {
    TestServer.Response r = search("specialty=" + enc("پوست") + "&city=" + enc("تهران"));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("query").get("provider").asText()).isEqualTo("paziresh24");
    assertThat(body.get("count").asInt()).isEqualTo(body.get("members").size()).isPositive();
    JsonNode first = body.get("members").get(0);
    assertThat(first.get("name").asText()).isNotBlank();
    assertThat(first.get("doctor").get("key").asText()).startsWith("dr-area-");
    assertThat(first.get("distanceKm").isNull()).isTrue();
    assertThat(first.get("centers").size()).isPositive();
    for (JsonNode m : body.get("members")) {
      for (JsonNode c : m.get("centers")) {
        assertThat(c.get("distanceKm").isNull()).isTrue();
        if (!c.get("price").isNull()) {
          assertThat(c.get("priceText").get("en").asText()).endsWith(" rials");
        }
      }
    }
    JsonNode withSlot = firstWith(body, "firstFree");
    assertThat(withSlot.get("firstFreeText").get("fa").asText()).matches(".*[۰-۹].*");
    assertThat(withSlot.get("firstFreeText").get("en").asText()).matches(".*\\d.*");
  }

  @Test
  void searchNearAPointKeepsTheRadiusAndTheEnginesOrder() {
    // the area fake's search pages carry no map pins (only a doctor's profile does), so the engine
    // keeps these members only as "unlocated" and knows no distance for them: see the report
    TestServer.Response r = search("specialty=dermatology&city=tehran&near=" + TEHRAN + "&km=8&keepUnlocated=true");
    TestServer.Response located = search("specialty=dermatology&city=tehran&near=" + TEHRAN + "&km=8");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode members = r.json().get("members");
    assertThat(members.size()).isPositive();
    List<String> firstFree = new ArrayList<>();
    for (JsonNode m : members) {
      if (m.get("distanceKm").isNull()) {
        assertThat(m.get("distanceText").isNull()).isTrue();
      } else {
        assertThat(m.get("distanceKm").asDouble()).isBetween(0.0, 8.0);
        assertThat(m.get("distanceText").get("en").asText()).endsWith(" km");
        assertThat(m.get("distanceText").get("fa").asText()).endsWith(" کیلومتر");
      }
      if (!m.get("firstFree").isNull()) {
        firstFree.add(m.get("firstFree").asText());
      }
    }
    for (JsonNode m : located.json().get("members")) {
      assertThat(m.get("distanceKm").asDouble()).isBetween(0.0, 8.0);
    }
    // the engine's order: earliest first free slot first (ISO instants in UTC sort as text)
    assertThat(firstFree).isSorted();
    assertThat(r.json().get("query").get("near").asText()).isEqualTo("35.6892,51.389");
    assertThat(r.json().get("query").get("km").asDouble()).isEqualTo(8.0);
    assertThat(r.json().get("query").get("keepUnlocated").asBoolean()).isTrue();
  }

  @Test
  void badCriteriaAreRejectedNamingTheParameter() {
    assertInvalid(search("specialty=dermatology&city=tehran&near=north&km=5"), "'near'");
    assertInvalid(search("specialty=dermatology&city=tehran&near=" + TEHRAN + "&km=-1"), "'km'");
    assertInvalid(search("specialty=dermatology&city=tehran&km=5"), "'km'");
    assertInvalid(search("specialty=dermatology&city=tehran&near=95,51"), "'near'");
    assertInvalid(search("specialty=dermatology&city=tehran&gender=robot"), "'gender'");
    assertInvalid(search("specialty=dermatology&city=tehran&visitType=teleport"), "'visitType'");
    assertInvalid(search("specialty=dermatology&city=tehran&maxPrice=cheap"), "'maxPrice'");
    assertInvalid(search("city=tehran"), "'specialty'");
    assertInvalid(search("specialty=dermatology&city=tehran&insurance=tamin"), "'insurance'");
  }

  private static void assertInvalid(TestServer.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(r.json().get("message").asText()).contains(field);
  }

  @Test
  void anUnknownCityIsNotFoundWithTheClosestNames() {
    TestServer.Response r = search("specialty=dermatology&city=" + enc("تهرن"));

    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(r.json().get("message").asText()).containsAnyOf("tehran", "تهران");
  }

  @Test
  void anAreaWatchIsCreatedListedWithItsAreaAndRejectsDoctorFields() {
    TestServer.Response bad = s.post("/api/v1/watches", owner.key(),
        "{\"area\":{\"specialty\":\"dermatology\",\"city\":\"tehran\",\"km\":3}}");
    TestServer.Response mixed = s.post("/api/v1/watches", owner.key(), "{\"link\":\"" + TestServer.link("dr-x")
        + "\",\"area\":{\"specialty\":\"dermatology\",\"city\":\"tehran\"}}");
    TestServer.Response created = s.post("/api/v1/watches", owner.key(),
        "{\"area\":{\"specialty\":\"cardiovascular\",\"city\":\"mashhad\",\"maxPrice\":5000000},"
            + "\"daysOfWeek\":[\"MONDAY\",\"TUESDAY\"]}");

    assertInvalid(bad, "'area.km'");
    assertInvalid(mixed, "'link'");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    JsonNode listed = null;
    for (JsonNode w : s.get("/api/v1/watches", owner.key()).json()) {
      if (w.get("id").asText().equals(id)) {
        listed = w;
      }
    }
    assertThat(listed).isNotNull();
    JsonNode area = listed.get("area");
    assertThat(area.get("query").get("specialty").asText()).isEqualTo("cardiovascular");
    assertThat(area.get("query").get("maxPrice").asLong()).isEqualTo(5_000_000L);
    assertThat(area.get("citySlug").asText()).isEqualTo("mashhad");
    assertThat(area.get("specialtySlug").asText()).isEqualTo("cardiovascular");
    assertThat(area.get("members").asInt()).isPositive();
    assertThat(area.get("refreshedAtText").get("en").asText()).isNotBlank();
    assertThat(listed.get("filter").get("daysOfWeek")).hasSize(2);
    assertThat(s.delete("/api/v1/watches/" + id, owner.key()).status()).isEqualTo(204);
  }

  @Test
  void aSlotOpenedAtAMemberIsAnEventLabelledWithTheMember() {
    TestServer.Response created = s.post("/api/v1/watches", owner.key(), "{\"area\":{\"specialty\":\"pediatrics\","
        + "\"city\":\"tehran\",\"near\":\"" + TEHRAN + "\",\"km\":15,\"keepUnlocated\":true}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String watchId = created.json().get("id").asText();
    JsonNode target = created.json().get("targets").get(0);
    String[] calendar = target.get("target").asText().split(":", 2)[1].split("/");
    String doctorKey = calendar[0];

    s.fake.openSlots(doctorKey, calendar[1], calendar[2], TestServer.MONDAY.plusDays(1), LocalTime.of(7, 0),
        LocalTime.of(7, 15));
    AtomicReference<JsonNode> event = new AtomicReference<>();
    Await.until(Duration.ofSeconds(30), () -> {
      s.poll();
      for (JsonNode e : s.get("/api/v1/events/recent?limit=100", owner.key()).json().get("events")) {
        if (e.get("type").asText().equals("SlotOpened") && e.get("watchId").asText().equals(watchId)
            && e.get("slot").get("target").asText().equals(target.get("target").asText())
            && e.get("slot").get("startTehran").asText().endsWith("T07:00")) {
          event.set(e);
          return true;
        }
      }
      return false;
    });

    JsonNode label = event.get().get("label");
    assertThat(label.get("doctor").asText()).isEqualTo(target.get("doctor").asText()).startsWith("دکتر");
    assertThat(label.get("center").asText()).isEqualTo(target.get("center").asText());
    assertThat(event.get().get("labelText").get("en").asText()).startsWith(label.get("doctor").asText());
    assertThat(event.get().get("labelText").get("fa").asText()).startsWith(label.get("doctor").asText());
    // the member's distance is unknown here (the fake's search pages have no pins), so the label has none
    assertThat(label.get("distanceKm").isNull()).isTrue();
  }

  @Test
  void anAreaOverItsMemberCapIsRefusedWithTheCount() {
    TestServer.Response r = s.post("/api/v1/watches", owner.key(),
        "{\"area\":{\"specialty\":\"dermatology\",\"city\":\"tehran\",\"maxMembers\":3}}");
    int count = search("specialty=dermatology&city=tehran").json().get("count").asInt();

    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.json().get("message").asText()).contains(Integer.toString(count)).contains("3");
    assertThat(s.get("/api/v1/watches", owner.key()).json().toString()).doesNotContain("\"maxMembers\":3");
  }

  @Test
  void anAreaWatchAutoBooksOnceAndTheBookingNamesTheMember() {
    TestServer.Created booker = s.owner("Area booker", "PREMIUM");
    TestServer.Response started = s.post("/api/v1/logins", booker.key(),
        "{\"provider\":\"paziresh24\",\"mobile\":\"09121230001\"}");
    String session = s.post("/api/v1/logins/" + started.json().get("id").asText() + "/complete", booker.key(),
        "{\"code\":\"1234\"}").json().get("sessionId").asText();
    TestServer.Response created = s.post("/api/v1/watches", booker.key(), "{\"area\":{\"specialty\":\"pediatrics\","
        + "\"city\":\"mashhad\"},\"autoBook\":{\"sessionId\":\"" + session + "\",\"patient\":{\"firstName\":\"سارا\","
        + "\"lastName\":\"آزمون\",\"nationalCode\":\"0012345679\",\"mobile\":\"09121230001\"}}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("autoBook").asBoolean()).isTrue();

    Await.until(Duration.ofSeconds(30), () -> {
      s.poll();
      return s.get("/api/v1/bookings", booker.key()).json().size() == 1;
    });

    JsonNode booking = s.get("/api/v1/bookings", booker.key()).json().get(0);
    assertThat(booking.get("doctor").asText()).startsWith("دکتر");
    assertThat(booking.get("place").asText()).startsWith("مطب");
    assertThat(booking.get("watchId").asText()).isEqualTo(created.json().get("id").asText());
  }

  private static JsonNode firstWith(JsonNode body, String field) {
    for (JsonNode m : body.get("members")) {
      if (!m.get(field).isNull()) {
        return m;
      }
    }
    throw new AssertionError("no member with " + field + " in " + body);
  }
}
