package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakePaziresh24ProfileTest {
  private static final Pattern NEXT_DATA = Pattern.compile(
      "<script id=\"__NEXT_DATA__\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);
  private static final String PERSIAN_SLUG = "دکتر-علی-رضایی-0";

  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.builder(clock)
      .doctor(PERSIAN_SLUG, d -> d.displayName("دکتر علی رضایی").alias("ali-rezaei")
          .center("1005", c -> c.service("2010", s -> s.title("ویزیت"))))
      .build().start();
  private final P24Client client = new P24Client(fake.baseUrl(), null);

  @AfterEach
  void stop() {
    fake.close();
  }

  private static JsonNode nextData(String html) {
    Matcher m = NEXT_DATA.matcher(html);
    assertThat(m.find()).as("__NEXT_DATA__ in page").isTrue();
    return P24Client.parse(m.group(1));
  }

  @Test
  void profilePageCarriesTheSpecFieldsInNextData() {
    fake.openSlot(SLUG, CENTER, SERVICE, Fixtures.NINE);

    HttpResponse<String> page = client.get("/dr/" + SLUG + "/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    JsonNode props = nextData(page.body()).at("/props/pageProps");
    JsonNode info = props.get("information");
    assertThat(info.get("id").asText()).isEqualTo("doc-uuid-1");
    assertThat(info.get("user_id").asText()).isEqualTo("777");
    assertThat(info.get("server_id").asText()).isEqualTo("1");
    assertThat(info.get("display_name").asText()).isEqualTo("دکتر سارا احمدی");
    assertThat(info.get("name").asText()).isEqualTo("سارا");
    assertThat(info.get("family").asText()).isEqualTo("احمدی");
    assertThat(props.get("slug").asText()).isEqualTo(SLUG);
    assertThat(props.at("/expertises/0/alias_title").asText()).isEqualTo("قلب و عروق");
    JsonNode center = props.at("/centers/0");
    assertThat(center.get("id").asText()).isEqualTo(CENTER);
    assertThat(center.get("name").asText()).isEqualTo("مطب دکتر احمدی");
    assertThat(center.get("server_id").asText()).isEqualTo("1");
    assertThat(center.get("user_center_id").asText()).isEqualTo(Fixtures.USER_CENTER);
    assertThat(center.get("center_type").asInt()).isEqualTo(1);
    assertThat(center.get("city").asText()).isEqualTo("تهران");
    assertThat(center.get("is_active").asBoolean()).isTrue();
    JsonNode service = center.at("/services/0");
    assertThat(service.get("id").asText()).isEqualTo(SERVICE);
    assertThat(service.get("alias_title").asText()).isEqualTo("ویزیت حضوری");
    assertThat(service.get("user_center_id").asText()).isEqualTo(Fixtures.USER_CENTER);
    assertThat(service.get("free_price").asLong()).isEqualTo(1_500_000);
    assertThat(service.get("duration").asText()).isEqualTo("00:15:00");
    assertThat(service.get("can_booking").asInt()).isEqualTo(1);
    // the one open slot, Sunday 09:00-09:15: day 7 = Sunday in the profile numbering (spec 3B)
    assertThat(service.at("/hours_of_work/0/day").asInt()).isEqualTo(7);
    assertThat(service.at("/hours_of_work/0/from").asText()).isEqualTo("09:00:00");
    assertThat(service.at("/hours_of_work/0/to").asText()).isEqualTo("09:15:00");
    assertThat(center.at("/freeturns_info/0/freeturn").asLong()).isEqualTo(Fixtures.NINE.getEpochSecond());
    assertThat(center.get("freeturn").asLong()).isEqualTo(Fixtures.NINE.getEpochSecond());
    assertThat(props.at("/centers/1/id").asText()).isEqualTo(FakePaziresh24.ONLINE_CENTER_ID);
    assertThat(props.at("/centers/1/center_type").asInt()).isEqualTo(3);
  }

  @Test
  void profilePageIsServedWithoutTrailingSlash() {
    HttpResponse<String> page = client.get("/dr/" + SLUG);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(nextData(page.body()).at("/props/pageProps/slug").asText()).isEqualTo(SLUG);
  }

  @Test
  void persianSlugIsServedPercentEncoded() {
    String encoded = URLEncoder.encode(PERSIAN_SLUG, StandardCharsets.UTF_8);

    HttpResponse<String> page = client.get("/dr/" + encoded + "/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(nextData(page.body()).at("/props/pageProps/information/display_name").asText())
        .isEqualTo("دکتر علی رضایی");
    assertThat(fake.doctorUrl(PERSIAN_SLUG)).isEqualTo(fake.baseUrl() + "/dr/" + encoded + "/");
  }

  @Test
  void unknownSlugIsA404Page() {
    HttpResponse<String> page = client.get("/dr/dr-nobody/");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("<html");
    assertThat(fake.requestCount(FakePaziresh24.PROFILE_PAGE)).isEqualTo(1);
  }

  @Test
  void oldSlugRedirectsToTheCurrentOne() {
    HttpResponse<String> page = client.get("/dr/ali-rezaei/");
    JsonNode profile = P24Client.json(client.get("/api/doctors/ali-rezaei"));

    assertThat(page.statusCode()).isEqualTo(301);
    assertThat(page.headers().firstValue("location"))
        .hasValue("/dr/" + URLEncoder.encode(PERSIAN_SLUG, StandardCharsets.UTF_8) + "/");
    assertThat(profile.at("/redirect/route").asText()).isEqualTo("/dr/" + PERSIAN_SLUG + "/");
    assertThat(profile.at("/redirect/statusCode").asInt()).isEqualTo(301);
  }

  @Test
  void drProfileAnswersIdsOrSlugNotFound() {
    HttpResponse<String> found = client.get("/api/doctors/" + SLUG);
    HttpResponse<String> missing = client.get("/api/doctors/dr-nobody");

    JsonNode body = P24Client.json(found);
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(body.get("slug").asText()).isEqualTo(SLUG);
    assertThat(body.get("owner_id").asText()).isEqualTo("doc-uuid-1");
    assertThat(body.get("user_id").asText()).isEqualTo("777");
    assertThat(body.get("server_id").asText()).isEqualTo("1");
    assertThat(body.has("id")).isTrue();
    assertThat(body.has("type")).isTrue();
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(P24Client.json(missing).get("error").asText()).isEqualTo("Slug not found");
  }

  @Test
  void fullProfileCarriesInformationCentersAndExpertises() {
    JsonNode body = P24Client.json(client.get("/api/full-profile/" + SLUG + "/"));
    HttpResponse<String> missing = client.get("/api/full-profile/dr-nobody/");

    assertThat(body.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(body.get("message").asText()).isEqualTo("درخواست شما با موفقیت پردازش شد");
    JsonNode data = body.get("data");
    assertThat(data.get("id").asText()).isEqualTo("doc-uuid-1");
    assertThat(data.get("server_id").isInt()).isTrue();
    assertThat(data.get("server_id").asInt()).isEqualTo(1);
    assertThat(data.get("name").asText()).isEqualTo("سارا");
    assertThat(data.at("/centers/0/services/0/user_center_id").asText()).isEqualTo(Fixtures.USER_CENTER);
    assertThat(data.at("/expertises/0/alias_title").asText()).isEqualTo("قلب و عروق");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(fake.requestCount(FakePaziresh24.FULL_PROFILE)).isEqualTo(2);
  }

  @Test
  void everyDoctorSettingShowsOnThePage() {
    try (FakePaziresh24 custom = FakePaziresh24.builder().clock(clock)
        .doctor("dr-full", d -> d.displayName("دکتر کامل").name("کامل").family("کاملی").gender("male").id("id-1")
            .userId("u-1").serverId("2").employeeId("12345").experience(7).expertise("طب سنتی", "traditional")
            .center("9", c -> c.name("درمانگاه").city("یزد").citySlug("yazd").province("یزد").address("خیابان ۱")
                .serverId("3").centerType(2).userCenterId("uc-9").phone("03512345678")
                .service("8", s -> s.title("مشاوره").price(5).duration(Duration.ofMinutes(30)).bookable(false)
                    .canRequest(true).hoursOfWork("صبح"))))
        .build().start()) {

      JsonNode props = nextData(new P24Client(custom.baseUrl(), null).get("/dr/dr-full/").body())
          .at("/props/pageProps");

      JsonNode info = props.get("information");
      assertThat(info.get("name").asText()).isEqualTo("کامل");
      assertThat(info.get("family").asText()).isEqualTo("کاملی");
      assertThat(info.get("gender").asText()).isEqualTo("male");
      assertThat(info.get("id").asText()).isEqualTo("id-1");
      assertThat(info.get("user_id").asText()).isEqualTo("u-1");
      assertThat(info.get("server_id").asText()).isEqualTo("2");
      assertThat(info.get("employee_id").asText()).isEqualTo("12345");
      assertThat(info.get("experience").asInt()).isEqualTo(7);
      assertThat(info.get("city_en_slug").asText()).isEqualTo("yazd");
      assertThat(props.at("/expertises/0/group_expertises/0/en_slug").asText()).isEqualTo("traditional");
      JsonNode c = props.at("/centers/0");
      assertThat(c.get("province").asText()).isEqualTo("یزد");
      assertThat(c.get("server_id").asText()).isEqualTo("3");
      assertThat(c.get("center_type").asInt()).isEqualTo(2);
      assertThat(c.get("user_center_id").asText()).isEqualTo("uc-9");
      assertThat(c.at("/display_number_array/0").asText()).isEqualTo("03512345678");
      JsonNode s = c.at("/services/0");
      assertThat(s.get("user_center_id").asText()).isEqualTo("uc-9");
      assertThat(s.get("duration").asText()).isEqualTo("00:30:00");
      assertThat(s.get("can_booking").asInt()).isZero();
      assertThat(s.get("can_request").asInt()).isEqualTo(1);
      // no slots yet: the default Saturday-Wednesday 09:00-13:00
      assertThat(s.get("hours_of_work")).extracting(h -> h.get("day").asInt()).containsExactlyInAnyOrder(6, 7, 1, 2, 3);
    }
  }

  @Test
  void searchFiltersByCityCategoryAndText() {
    JsonNode tehran = P24Client.json(client.get("/seapi/v1/search/tehran"));
    JsonNode dermatology = P24Client.json(client.get("/seapi/v1/search/ir/dermatology"));
    JsonNode byName = P24Client.json(client.get("/seapi/v1/search/ir?text=" + URLEncoder.encode("سارا",
        StandardCharsets.UTF_8)));
    JsonNode none = P24Client.json(client.get("/seapi/v1/search/shiraz"));

    assertThat(tehran.at("/search/result").findValuesAsText("slug")).containsExactly(SLUG, PERSIAN_SLUG);
    assertThat(dermatology.at("/search/result").findValuesAsText("slug")).containsExactly("dr-reza-karimi");
    JsonNode hit = byName.at("/search/result/0");
    assertThat(hit.get("slug").asText()).isEqualTo(SLUG);
    assertThat(hit.get("title").asText()).isEqualTo("دکتر سارا احمدی");
    assertThat(hit.get("url").asText()).isEqualTo("/dr/" + SLUG + "/");
    assertThat(hit.get("display_expertise").asText()).isEqualTo("قلب و عروق");
    assertThat(byName.at("/search/total").asInt()).isEqualTo(1);
    assertThat(none.at("/search/total").asInt()).isZero();
    assertThat(fake.requestCount(FakePaziresh24.SEARCH)).isEqualTo(4);
  }

  @Test
  void searchPagesTenAtATime() {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock);
    for (int i = 0; i < 12; i++) {
      b.doctor("dr-" + i, d -> d.center("1", c -> c.city("تهران")));
    }
    try (FakePaziresh24 many = b.build().start()) {
      P24Client c = new P24Client(many.baseUrl(), null);

      JsonNode page2 = P24Client.json(c.get("/seapi/v1/search/tehran?page=2"));

      assertThat(page2.at("/search/result").size()).isEqualTo(2);
      assertThat(page2.at("/search/total").asInt()).isEqualTo(12);
      assertThat(page2.at("/search/pagination/page").asInt()).isEqualTo(2);
    }
  }

  @Test
  void unknownPathsAre404AndWrongMethodsAre405() {
    HttpResponse<String> unknown = client.get("/api/nothing/here");
    HttpResponse<String> getRpc = client.get("/api/getFreeDays");
    HttpResponse<String> postPage = client.postForm("/dr/" + SLUG + "/", P24Client.form("a", "b"));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(getRpc.statusCode()).isEqualTo(405);
    assertThat(postPage.statusCode()).isEqualTo(405);
    assertThat(fake.requestCount(FakePaziresh24.UNKNOWN)).isEqualTo(1);
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(1);
  }

  @Test
  void homeLinksEveryDoctor() {
    HttpResponse<String> home = client.get("/");

    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("/dr/" + SLUG + "/", "/dr/dr-reza-karimi/");
  }

  @Test
  void headRequestGetsHeadersOnly() {
    HttpResponse<String> head = P24Client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/dr/" + SLUG + "/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void listsSlugsAndDescribesItself() {
    assertThat(fake.slugs()).containsExactly(SLUG, "dr-reza-karimi", PERSIAN_SLUG);
    assertThat(fake.isRunning()).isTrue();
    assertThat(fake.toString()).contains(fake.baseUrl());
    assertThat(fake.port()).isPositive();
    assertThat(fake.baseUrl()).startsWith("http://127.0.0.1:");
  }
}
