package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.spi.AreaSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Paziresh24AreaSearchTest extends WireMockSupport {
  private static final String PATH = "/seapi/v1/search/tehran/dermatology";
  private static final String SARA_CENTER = "4f1c2a9e-7b3d-4e21-9c55-2d8e6a1b0f37";

  private AreaSearch area(String... config) {
    return provider(config).areaSearch().orElseThrow();
  }

  private static AreaPageRequest request(int page) {
    return new AreaPageRequest("tehran", "dermatology", null, null, true, page, 50);
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void declaresAreaSearch() {
    assertThat(provider().info().capabilities()).contains(Capability.AREA_SEARCH);
    assertThat(area().pageSize()).isEqualTo(50);
  }

  @Test
  void asksOnePageSortedByFirstFreeTurnWithTheFilters() {
    stubGet(PATH, 200, "application/json", "{\"search\":{\"result\":[],\"total\":0}}");

    area().search(new AreaPageRequest("tehran", "dermatology", Gender.FEMALE, VisitType.ONLINE, true, 3, 80));

    LoggedRequest r = single(PATH);
    assertThat(r.queryParameter("page").firstValue()).isEqualTo("3");
    assertThat(r.queryParameter("limit").firstValue()).isEqualTo("50");
    assertThat(r.queryParameter("sortBy").firstValue()).isEqualTo("clinic_first_freeturn");
    assertThat(r.queryParameter("gender").firstValue()).isEqualTo("female");
    assertThat(r.queryParameter("turn_type").firstValue()).isEqualTo("consult");
  }

  @Test
  void leavesOutFiltersNotAskedFor() {
    stubGet(PATH, 200, "application/json", "{\"search\":{\"result\":[],\"total\":0}}");

    area().search(new AreaPageRequest("tehran", "dermatology", Gender.UNSPECIFIED, VisitType.IN_PERSON, false, 1, 10));

    LoggedRequest r = single(PATH);
    assertThat(r.queryParameter("turn_type").firstValue()).isEqualTo("non-consult");
    assertThat(r.queryParameter("gender").isPresent()).isFalse();
    assertThat(r.queryParameter("sortBy").isPresent()).isFalse();
  }

  @Test
  void readsDoctorsCentersFirstFreeTurnsAndTargets() {
    stubGet(PATH, 200, "application/json", fixture("search-area.json"));

    AreaPage page = area().search(request(1));

    assertThat(page.total()).isEqualTo(137);
    assertThat(page.more()).isTrue();
    assertThat(page.hits()).extracting(h -> h.ref().key()).containsExactly("dr-sara-ahmadi", "دکتر-علی-رضایی");
    AreaHit sara = page.hits().get(0);
    assertThat(sara.displayName()).isEqualTo("سارا احمدی");
    assertThat(sara.gender()).isEqualTo(Gender.FEMALE);
    assertThat(sara.visitTypes()).containsExactlyInAnyOrder(VisitType.IN_PERSON, VisitType.ONLINE);
    AreaCenter office = sara.centers().get(0);
    assertThat(office.centerId()).isEqualTo(SARA_CENTER);
    assertThat(office.location()).isEqualTo(new GeoPoint(35.7601, 51.4102));
    assertThat(office.firstFree()).isEqualTo(Instant.ofEpochSecond(1783229400L));
    assertThat(office.price()).isNull();
    AreaCenter online = sara.centers().get(1);
    assertThat(online.firstFree()).isEqualTo(Instant.ofEpochSecond(1783150200L));
    assertThat(online.price()).isEqualTo(9_000_000L);
    assertThat(online.location()).isNull();
    assertThat(sara.targets()).extracting(Target::centerId, Target::serviceId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(SARA_CENTER, "4f1c2a9f-0e6b-4d7a-b1c3-5a9e8f2d7c44"),
        org.assertj.core.groups.Tuple.tuple("5532", "9de3a92b-9cd2-44a3-a153-79ff109b7891"));
    assertThat(sara.targets().get(0).providerKeys()).containsEntry("user_center_id",
        "4f1c2a9e-13aa-4b6c-8e02-71c9d5e4a610").containsEntry("server_id", "1");
  }

  @Test
  void aVisitTypeKeepsOnlyTheCentersOfThatKind() {
    stubGet(PATH, 200, "application/json", fixture("search-area.json"));

    AreaHit online = area().search(new AreaPageRequest("tehran", "dermatology", null, VisitType.ONLINE, true, 1, 50))
        .hits().get(0);
    assertThat(online.centers()).extracting(AreaCenter::centerId).containsExactly("5532");
    assertThat(online.targets()).extracting(Target::centerId).containsExactly("5532");
    assertThat(online.visitTypes()).containsExactly(VisitType.ONLINE);

    AreaPage inPerson = area().search(new AreaPageRequest("tehran", "dermatology", null, VisitType.IN_PERSON, true, 1,
        50));
    assertThat(inPerson.total()).isEqualTo(137); // the site's count of doctors stands
    assertThat(inPerson.hits()).allSatisfy(h -> {
      assertThat(h.centers()).extracting(AreaCenter::centerId).doesNotContain("5532").isNotEmpty();
      assertThat(h.targets()).extracting(Target::centerId).doesNotContain("5532");
    });
  }

  @Test
  void dropsStaleTurnsOnlineVisitsSwitchedOffAndNullIsland() {
    stubGet(PATH, 200, "application/json", fixture("search-area.json"));

    AreaHit ali = area().search(request(1)).hits().get(1);

    assertThat(ali.displayName()).isEqualTo("دکتر علی رضایی");
    assertThat(ali.gender()).isEqualTo(Gender.MALE);
    assertThat(ali.visitTypes()).containsExactly(VisitType.IN_PERSON);
    assertThat(ali.centers()).singleElement().satisfies(c -> {
      assertThat(c.firstFree()).isNull(); // 1783139400 is an hour before now
      assertThat(c.location()).isNull(); // 0,0
    });
    assertThat(ali.targets()).isEmpty(); // no services[] on the item: a lookup is needed
  }

  @Test
  void computesMoreFromPaginationWhenGiven() {
    stubGet(PATH, 200, "application/json", "{\"search\":{\"result\":[{\"slug\":\"dr-a\",\"title\":\"الف\"}],"
        + "\"total\":\"51\",\"pagination\":{\"page\":2,\"total_pages\":\"2\"}}}");

    AreaPage page = area().search(request(2));

    assertThat(page.more()).isFalse();
    assertThat(page.total()).isEqualTo(51);
    assertThat(page.page()).isEqualTo(2);
  }

  @Test
  void readsAMissingTotalAsTheHitsSeen() {
    stubGet(PATH, 200, "application/json", "{\"search\":{\"result\":[{\"slug\":\"dr-a\",\"title\":\"الف\"}]}}");

    AreaPage page = area().search(request(1));

    assertThat(page.total()).isEqualTo(1);
    assertThat(page.more()).isFalse();
  }

  @Test
  void reportsAnUnknownCityOrSpecialtyAsNotFound() {
    stubGet("/seapi/v1/search/atlantis/dermatology", 404, "application/json", "{\"message\":\"Not Found\"}");
    AreaSearch area = area();

    assertThatThrownBy(() -> area.search(new AreaPageRequest("atlantis", "dermatology", null, null, true, 1, 50)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("atlantis");
        });
  }

  @Test
  void typesHostileAnswers() {
    AreaSearch area = area();

    stubGet(PATH, 200, "text/html", "<!DOCTYPE html><html><body>Cloudflare</body></html>");
    assertCode(() -> area.search(request(1)), ErrorCode.PROTOCOL);
    stubGet(PATH, 200, "application/json", "{\"result\":[]}");
    assertCode(() -> area.search(request(1)), ErrorCode.PROTOCOL);
    stubGet(PATH, 200, "application/json", "{\"search\":{\"result\":{\"a\":1}}}");
    assertCode(() -> area.search(request(1)), ErrorCode.PROTOCOL);
    stubGet(PATH, 502, "text/html", "<html>Bad gateway</html>");
    assertCode(() -> area.search(request(1)), ErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void reportsRateLimitsWithTheirRetryAfter() {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(PATH))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
            .withHeader("Retry-After", "30").withBody("{\"status\":0}")));

    assertThatThrownBy(() -> area().search(request(1)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });
  }

  @Test
  void readsNumbersGivenAsStringsAndSkipsOddEntries() {
    stubGet(PATH, 200, "application/json", "{\"search\":{\"total\":\"x\",\"result\":[null,7,"
        + "{\"slug\":\"dr-b\",\"title\":\"ب\",\"gender\":\"?\",\"centers\":[{\"id\":1001,\"user_center_id\":3001,"
        + "\"map\":{\"lat\":\"abc\",\"lon\":\"51\"}},{\"name\":\"no id\"}],"
        + "\"services\":[{\"id\":2001,\"center_id\":\"1001\"},{\"id\":\"2002\",\"center_id\":\"9999\"}],"
        + "\"freeturns_info\":[{\"center_id\":1001,\"freeturn\":\"soon\"}]}]}}");

    AreaHit hit = area().search(request(1)).hits().get(0);

    assertThat(hit.gender()).isEqualTo(Gender.UNSPECIFIED);
    assertThat(hit.centers()).singleElement().satisfies(c -> {
      assertThat(c.centerId()).isEqualTo("1001");
      assertThat(c.location()).isNull();
      assertThat(c.firstFree()).isNull();
    });
    assertThat(hit.targets()).singleElement().satisfies(t -> {
      assertThat(t.serviceId()).isEqualTo("2001");
      assertThat(t.providerKeys()).isEqualTo(Map.of("user_center_id", "3001"));
    });
  }

  @Test
  void offersBuiltInCitiesAndSpecialtiesWithoutARequest() {
    AreaSearch area = area();

    assertThat(area.cities()).extracting(Place::slug).contains("tehran", "mashhad", "isfahan", "shiraz", "tabriz");
    assertThat(area.cities()).filteredOn(p -> p.slug().equals("tehran")).singleElement()
        .satisfies(p -> {
          assertThat(p.names()).contains("تهران", "Tehran");
          assertThat(p.center().distanceKm(new GeoPoint(35.6997, 51.3380))).isLessThan(10);
        });
    assertThat(area.specialties()).extracting(Place::slug).contains("dermatology", "cardiovascular");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void takesCitiesAndSpecialtiesFromAConfiguredFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("vocabulary.json");
    Files.writeString(file, "{\"cities\":[{\"slug\":\"sari\",\"names\":[\"ساری\",\"Sari\"],\"lat\":36.56,\"lon\":53.06}]}");

    AreaSearch area = area(Paziresh24Config.AREA_VOCABULARY, file.toString());

    assertThat(area.cities()).extracting(Place::slug).containsExactly("sari");
    assertThat(area.specialties()).extracting(Place::slug).contains("dermatology");
  }

  @Test
  void refusesAnUnreadableVocabularyFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"cities\":[{\"names\":[\"x\"]}]}");

    assertCode(() -> area(Paziresh24Config.AREA_VOCABULARY, file.toString()), ErrorCode.INVALID_INPUT);
    assertCode(() -> area(Paziresh24Config.AREA_VOCABULARY, dir.resolve("missing.json").toString()),
        ErrorCode.INVALID_INPUT);
  }
}
