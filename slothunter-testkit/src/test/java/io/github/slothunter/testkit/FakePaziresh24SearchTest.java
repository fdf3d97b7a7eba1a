package io.github.slothunter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakePaziresh24SearchTest {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 5);
  private final FakeClock clock = FakeClock.at(Fixtures.START);

  private FakePaziresh24 threeDermatologists() {
    return FakePaziresh24.builder().clock(clock)
        .doctor("dr-early", d -> d.displayName("دکتر زود").expertise("پوست و مو", "dermatology").gender("female")
            .center("c1", c -> c.city("تهران").location(35.70, 51.40)
                .service("s1", s -> s.userCenterId("u1")))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.city("")
                .service("o1", s -> s.price(900_000).userCenterId("uo1"))))
        .doctor("dr-late", d -> d.displayName("دکتر دیر").expertise("پوست و مو", "dermatology").gender("male")
            .center("c2", c -> c.city("تهران").service("s2", s -> s.userCenterId("u2"))))
        .doctor("dr-none", d -> d.displayName("دکتر پر").expertise("پوست و مو", "dermatology").gender("male")
            .center("c3", c -> c.city("تهران").service("s3", s -> s.userCenterId("u3"))))
        .doctor("dr-heart", d -> d.displayName("دکتر قلب").expertise("قلب و عروق", "cardiovascular")
            .center("c4", c -> c.city("مشهد").service("s4", s -> s.userCenterId("u4"))))
        .build().start();
  }

  private static JsonNode search(FakePaziresh24 fake, String pathAndQuery) {
    return P24Client.json(new P24Client(fake.baseUrl(), null).get("/seapi/v1/search/" + pathAndQuery));
  }

  @Test
  void sortsByFirstFreeTurnAndAgreesWithTheCalendars() {
    try (FakePaziresh24 fake = threeDermatologists()) {
      fake.openSlots("dr-late", "c2", "s2", DAY, LocalTime.of(16, 0), LocalTime.of(17, 0));
      List<FakeSlot> early = fake.openSlots("dr-early", "c1", "s1", DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));

      JsonNode body = search(fake, "tehran/dermatology?page=1&limit=50&sortBy=clinic_first_freeturn");

      JsonNode result = body.path("search").path("result");
      assertThat(result).extracting(n -> n.path("slug").asText()).containsExactly("dr-early", "dr-late");
      JsonNode first = result.get(0);
      assertThat(first.path("presence_freeturn").asLong()).isEqualTo(early.get(0).from().getEpochSecond());
      assertThat(first.path("freeturns_info").get(0).path("center_id").asText()).isEqualTo("c1");
      assertThat(first.path("freeturns_info").get(0).path("freeturn").asLong())
          .isEqualTo(early.get(0).from().getEpochSecond());
      assertThat(first.path("gender").asInt()).isEqualTo(2);
      assertThat(first.path("centers")).extracting(n -> n.path("user_center_id").asText()).contains("u1", "uo1");
      assertThat(first.path("services")).extracting(n -> n.path("center_id").asText() + "/" + n.path("id").asText())
          .contains("c1/s1", "5532/o1");
      assertThat(first.path("consult_services").get(0).path("free_price").asLong()).isEqualTo(900_000);
      assertThat(body.path("search").path("total").asInt()).isEqualTo(2);
      assertThat(fake.requestCount(FakePaziresh24.SEARCH)).isEqualTo(1);
    }
  }

  @Test
  void pagesWithLimitCappedAtFifty() {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock);
    for (int i = 0; i < 60; i++) {
      int n = i;
      b.doctor("dr-" + i, d -> d.expertise("پوست و مو", "dermatology")
          .center("c" + n, c -> c.city("تهران").service("s" + n, s -> s.userCenterId("u" + n))));
    }
    try (FakePaziresh24 fake = b.build().start()) {
      JsonNode first = search(fake, "tehran/dermatology?page=1&limit=80").path("search");
      JsonNode second = search(fake, "tehran/dermatology?page=2&limit=80").path("search");

      assertThat(first.path("result")).hasSize(50);
      assertThat(second.path("result")).hasSize(10);
      assertThat(first.path("total").asInt()).isEqualTo(60);
      assertThat(first.path("pagination").path("total_pages").asInt()).isEqualTo(2);
      Set<String> slugs = new HashSet<>();
      first.path("result").forEach(n -> slugs.add(n.path("slug").asText()));
      second.path("result").forEach(n -> slugs.add(n.path("slug").asText()));
      assertThat(slugs).hasSize(60);
    }
  }

  @Test
  void filtersByGenderAndTurnType() {
    try (FakePaziresh24 fake = threeDermatologists()) {
      JsonNode male = search(fake, "tehran/dermatology?gender=male").path("search").path("result");
      JsonNode online = search(fake, "tehran/dermatology?turn_type=consult").path("search").path("result");
      JsonNode inPerson = search(fake, "tehran/dermatology?turn_type=non-consult").path("search").path("result");

      assertThat(male).extracting(n -> n.path("slug").asText()).containsExactlyInAnyOrder("dr-late", "dr-none");
      assertThat(online).extracting(n -> n.path("slug").asText()).containsExactly("dr-early");
      assertThat(inPerson).hasSize(3);
    }
  }

  @Test
  void answers404ForAnUnknownCityOrCategory() {
    try (FakePaziresh24 fake = threeDermatologists()) {
      P24Client client = new P24Client(fake.baseUrl(), null);

      assertThat(client.get("/seapi/v1/search/atlantis/dermatology").statusCode()).isEqualTo(404);
      assertThat(client.get("/seapi/v1/search/tehran/astrology").statusCode()).isEqualTo(404);
      assertThat(client.get("/seapi/v1/search/ir/cardiovascular").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void profileCarriesMapPinsOnlyWhereTheCenterHasOne() {
    try (FakePaziresh24 fake = threeDermatologists()) {
      JsonNode early = P24Client.json(new P24Client(fake.baseUrl(), null).get("/api/full-profile/dr-early/"));

      JsonNode centers = early.path("data").path("centers");
      assertThat(centers.get(0).path("map").path("lat").asDouble()).isEqualTo(35.70);
      assertThat(centers.get(0).path("map").path("lon").asDouble()).isEqualTo(51.40);
      assertThat(centers.get(1).has("map")).isFalse();
    }
  }

  @Test
  void areaScenarioIsDeterministicAndSpreadOverCities() {
    try (FakePaziresh24 a = Sandbox.area(clock, 5, 300); FakePaziresh24 b = Sandbox.area(FakeClock.at(Fixtures.START),
        5, 300)) {
      List<String> totals = new ArrayList<>();
      for (String city : Sandbox.AREA_CITIES) {
        int total = search(a, city + "/dermatology").path("search").path("total").asInt();
        totals.add(city + "=" + total);
        assertThat(search(b, city + "/dermatology").path("search").path("total").asInt()).isEqualTo(total);
      }

      assertThat(a.slugs()).hasSize(300);
      assertThat(totals).allSatisfy(t -> assertThat(Integer.parseInt(t.substring(t.indexOf('=') + 1))).isPositive());
      JsonNode earliest = search(a, "tehran/cardiovascular?limit=50&sortBy=clinic_first_freeturn")
          .path("search").path("result");
      assertThat(earliest.size()).isPositive();
      List<Long> order = new ArrayList<>();
      earliest.forEach(n -> order.add(firstOf(n)));
      assertThat(order).isSorted();
    }
  }

  @Test
  void areaScenarioReleasesAndTakesSlotsAsTimePasses() {
    try (FakePaziresh24 fake = Sandbox.area(clock, 9, 200)) {
      Instant start = clock.instant();

      clock.advance(Duration.ofMinutes(3));

      assertThat(fake.freeSlots()).anySatisfy(s -> assertThat(s.releasedAt()).isAfter(start));
      assertThat(fake.requestCount()).isZero();
    }
  }

  private static long firstOf(JsonNode item) {
    JsonNode p = item.path("presence_freeturn");
    JsonNode c = item.path("consult_freeturn");
    return Math.min(p.isNumber() ? p.asLong() : Long.MAX_VALUE, c.isNumber() ? c.asLong() : Long.MAX_VALUE);
  }
}
