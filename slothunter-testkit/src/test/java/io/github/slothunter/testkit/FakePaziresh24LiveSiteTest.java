package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CELL;
import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.DAY;
import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.ids;
import static io.github.slothunter.testkit.Fixtures.patient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Terminals (spec 2.2), login (7), Hamdast widgets (5.9), availability status (3C) and the slug lookup (3B). */
class FakePaziresh24LiveSiteTest {
  private static final String UNIQID_TERMINAL = "^clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}$";

  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.builder(clock)
      .doctor("dr-widget", d -> d.bookingWidget("insurance-check", Map.of("insurance_id", "12", "request_id", "r-5521"))
          .center("1010", c -> c.service("2020", s -> s.userCenterId("3030"))))
      .doctor("dr-captcha", d -> d.bookingWidgetWithCaptcha("captcha-app", Map.of("session_id", "s-1"))
          .center("1011", c -> c.service("2021", s -> s.userCenterId("3031"))))
      .build().start();
  private final P24Client anonymous = new P24Client(fake.baseUrl(), null);

  @AfterEach
  void stop() {
    fake.close();
  }

  private String mint() {
    return P24Client.json(anonymous.postForm("/api/setTerminal", Map.of("terminal_id", TERMINAL_A, "type", "web")))
        .get("id").asText();
  }

  private static HttpResponse<String> postJson(String url, String json) {
    return P24Client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  // ---- terminals -------------------------------------------------------------------------------

  @Test
  void strictTerminalsRejectIdsTheFakeNeverMintedWithStatus3() {
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    fake.strictTerminals(true);
    String minted = mint();

    JsonNode unknown = new P24Client(fake.baseUrl(), TERMINAL_A).rpc("getFreeDays", ids());
    JsonNode unknownInForm = anonymous.rpc("suspend", Fixtures.with(Fixtures.slot(NINE, Duration.ofMinutes(15)),
        "terminal_id", "clinic-6b4a68000a1f37.52819406"));
    JsonNode known = new P24Client(fake.baseUrl(), minted).rpc("suspend", Fixtures.slot(NINE, Duration.ofMinutes(15)));
    JsonNode none = anonymous.rpc("getFreeDays", ids());
    fake.strictTerminals(false);
    JsonNode lenient = new P24Client(fake.baseUrl(), TERMINAL_A).rpc("getFreeDays", ids());

    assertThat(minted).matches(UNIQID_TERMINAL);
    assertThat(unknown.get("status").asInt()).isEqualTo(3);
    assertThat(unknown.get("message").asText()).isNotBlank();
    assertThat(unknownInForm.get("status").asInt()).isEqualTo(3);
    assertThat(known.get("status").asInt()).isEqualTo(1);
    assertThat(known.get("request_code").asText()).matches("[0-9a-f]{13}[0-9]\\.[0-9]{8}");
    assertThat(none.get("status").asInt()).isEqualTo(1);
    assertThat(lenient.get("status").asInt()).isEqualTo(1);
    assertThat(fake.mintedTerminals()).containsExactly(minted);
  }

  @Test
  void strictTerminalsCanBeSetOnTheBuilder() {
    try (FakePaziresh24 strict = Fixtures.builder(clock).strictTerminals(true).build().start()) {
      JsonNode body = new P24Client(strict.baseUrl(), TERMINAL_A).rpc("getFreeDays", ids());

      assertThat(body.get("status").asInt()).isEqualTo(3);
    }
  }

  // ---- login -----------------------------------------------------------------------------------

  @Test
  void registerTakesTheCellWithoutItsLeadingZeroAndRefusesBadOnes() {
    JsonNode ok = P24Client.json(anonymous.postForm("/gozargah/register", Map.of("cell", "9121234567",
        "terminal_id", TERMINAL_A)));
    JsonNode bad = P24Client.json(anonymous.postForm("/gozargah/register", Map.of("cell", "12345",
        "terminal_id", TERMINAL_A)));

    assertThat(ok.get("status").asInt()).isEqualTo(1);
    assertThat(fake.registered("09121234567")).isTrue();
    assertThat(fake.registered("9351234567")).isFalse();
    assertThat(bad.toString())
        .isEqualTo("{\"status\":0,\"message\":\"خطا\",\"details\":{\"تلفن همراه\":\"شماره موبایل معتبر نیست\"}}");
  }

  @Test
  void aThrottledResendKeepsTheEarlierCodeAndLoginNeedsNoRegister() {
    JsonNode sent = P24Client.json(anonymous.postForm("/gozargah/resetpassword", Map.of("cell", "9121234567")));
    JsonNode throttled = P24Client.json(anonymous.postForm("/gozargah/resetpassword", Map.of("cell", "9121234567",
        "number_reset_password", "2")));
    JsonNode login = P24Client.json(anonymous.postForm("/gozargah/v1/login", Map.of("username", "9121234567",
        "password", FakePaziresh24.DEFAULT_OTP, "terminal_id", TERMINAL_A)));
    JsonNode me = P24Client.json(new P24Client(fake.baseUrl(), null).withToken(login.get("token").asText())
        .get("/v1/auth/me"));

    assertThat(sent.get("status").asInt()).isEqualTo(1);
    assertThat(throttled.toString()).isEqualTo("{\"status\":39,\"message\":\"کد تایید به تازگی ارسال شده است، لطفا کمی صبر کنید.\","
        + "\"result\":{\"has_static_password\":false}}");
    assertThat(login.get("status").asInt()).isEqualTo(1);
    assertThat(login.get("token").asText()).isNotBlank();
    assertThat(login.get("certificate").asText()).isNotBlank();
    JsonNode user = me.at("/users/0");
    assertThat(user.get("id").isIntegralNumber()).isTrue();
    assertThat(user.get("cell").asText()).isEqualTo("9121234567");
    assertThat(user.has("national_code")).isTrue();
    assertThat(user.get("vip").isNull()).isTrue();
    assertThat(fake.requestCount(FakePaziresh24.REGISTER)).isZero();
    assertThat(fake.registered(CELL)).isFalse();
  }

  // ---- Hamdast widgets -------------------------------------------------------------------------

  @Test
  void widgetsAreListedPerDoctorAndTheAddonAnswersBook() {
    JsonNode widgets = P24Client.json(anonymous.get("/api/v1/widgets/?slug=dr-widget"));
    JsonNode none = P24Client.json(anonymous.get("/api/v1/widgets/?slug=" + SLUG));

    assertThat(widgets).hasSize(1);
    JsonNode w = widgets.get(0);
    assertThat(w.get("id").asText()).isNotBlank();
    assertThat(w.get("app").asText()).isEqualTo("insurance-check");
    assertThat(w.get("placement")).extracting(JsonNode::asText).containsExactly("booking_flow::BEFOR_BOOK_ACTION");
    assertThat(w.get("data_endpoint").asText()).isEqualTo(fake.baseUrl() + "/v1/apps/insurance-check/prebook");
    assertThat(none.isArray()).isTrue();
    assertThat(none).isEmpty();

    JsonNode addon = P24Client.json(postJson(w.get("data_endpoint").asText(),
        "{\"patient_data\":{\"name\":\"سارا\"},\"doctor_data\":{\"slug\":\"dr-widget\"}}"));

    assertThat(addon.get("action").asText()).isEqualTo("BOOK");
    assertThat(addon.at("/meta_data/insurance_id").asText()).isEqualTo("12");
    assertThat(addon.at("/meta_data/request_id").asText()).isEqualTo("r-5521");
    assertThat(fake.requestCount(FakePaziresh24.BOOKING_WIDGETS)).isEqualTo(2);
    assertThat(fake.requestCount(FakePaziresh24.WIDGET_ADDON)).isEqualTo(1);
  }

  @Test
  void aCaptchaWidgetShowsAFormUntilTheCaptchaIsAnswered() {
    String endpoint = P24Client.json(anonymous.get("/api/v1/widgets/?slug=dr-captcha")).at("/0/data_endpoint").asText();

    JsonNode form = P24Client.json(postJson(endpoint, "{}"));
    String submit = form.at("/form_fields/2/endpoint_api").asText();
    JsonNode empty = P24Client.json(postJson(submit, "{\"form_data\":{\"captcha\":\"\"}}"));
    JsonNode book = P24Client.json(postJson(submit, "{\"form_data\":{\"captcha\":\"48213\"},\"meta_data\":"
        + form.get("meta_data") + "}"));

    assertThat(form.get("action").asText()).isEqualTo("SHOW_FORM");
    assertThat(form.at("/meta_data/session_id").asText()).isNotBlank();
    assertThat(form.get("form_fields")).extracting(f -> f.get("type").asText())
        .containsExactly("image", "text_input", "submit");
    assertThat(form.at("/form_fields/1/key").asText()).isEqualTo("captcha");
    assertThat(submit).isEqualTo(fake.baseUrl() + "/v1/apps/captcha-app/verify");
    assertThat(empty.get("action").asText()).isEqualTo("SHOW_FORM");
    assertThat(book.get("action").asText()).isEqualTo("BOOK");
    assertThat(book.at("/meta_data/session_id").asText()).isEqualTo("s-1");
  }

  @Test
  void bookWithoutTheWidgetsMetaDataIsRefusedOnlyWhenRequired() {
    fake.openSlots("dr-widget", "1010", "2020", DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    P24Client c = new P24Client(fake.baseUrl(), TERMINAL_A).withToken(fake.login(CELL).token());
    Map<String, String> target = Map.of("center_id", "1010", "service_id", "2020", "user_center_id", "3030");
    String first = c.rpc("suspend", Fixtures.with(target, "from", Long.toString(NINE.getEpochSecond()), "to",
        Long.toString(NINE.getEpochSecond() + 900))).get("request_code").asText();
    fake.requireWidgetMetaData(true);

    JsonNode refused = c.rpc("book", Fixtures.with(patient(first), "center_id", "1010"));
    JsonNode accepted = c.rpc("book", Fixtures.with(patient(first), "center_id", "1010", "insurance_id", "12",
        "request_id", "r-5521"));

    assertThat(refused.get("status").asInt()).isZero();
    assertThat(refused.get("message").asText()).isNotBlank();
    assertThat(accepted.get("status").asInt()).isEqualTo(1);
  }

  // ---- availability status and slug lookup -----------------------------------------------------

  @Test
  void availabilityStatusGivesTheNearestSlotPerCenter() {
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));

    JsonNode body = P24Client.json(anonymous.get("/v1/doctors/" + SLUG + "/availability-status"));
    HttpResponse<String> missing = anonymous.get("/v1/doctors/dr-nobody/availability-status");

    assertThat(body.at("/in_person_availability/booking_available").asBoolean()).isTrue();
    assertThat(body.at("/in_person_availability/nearest_time_slot").asText()).isEqualTo("2026-01-04T09:00:00.000+03:30");
    assertThat(body.at("/in_person_availability/nearest_available_time").asText())
        .isEqualTo("2026-01-03T00:00:00.000+03:30");
    assertThat(body.at("/online_visit_availability/booking_available").asBoolean()).isFalse();
    assertThat(body.at("/online_visit_availability/nearest_time_slot").isNull()).isTrue();
    assertThat(body.at("/centers/0/id").asText()).isEqualTo(CENTER);
    assertThat(body.at("/centers/0/availability_status/booking_available").asBoolean()).isTrue();
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(P24Client.json(missing).toString()).isEqualTo("{\"message\":\"Doctor centers not found\"}");
  }

  @Test
  void fullProfileIsServedOnBothHostsFromTheSameData() {
    JsonNode drprofile = P24Client.json(anonymous.get("/api/full-profile/" + SLUG + "/"));
    JsonNode apigw = P24Client.json(anonymous.get("/v1/full-profile/" + SLUG + "/"));
    JsonNode lookup = P24Client.json(anonymous.get("/api/doctors/" + SLUG));

    assertThat(apigw).isEqualTo(drprofile);
    assertThat(drprofile.at("/data/consult_active_booking").asBoolean()).isTrue();
    assertThat(drprofile.at("/data/centers/1/id").asText()).isEqualTo("5532");
    assertThat(drprofile.at("/data/centers/0/server_id").asInt()).isEqualTo(1);
    assertThat(drprofile.at("/data/centers/0/center_type_name").asText()).isEqualTo("مطب");
    assertThat(lookup.get("id").isIntegralNumber()).isTrue();
    assertThat(lookup.get("owner_id").asText()).isEqualTo(drprofile.at("/data/id").asText());
    assertThat(lookup.get("server_id").asInt()).isEqualTo(1);
  }

  @Test
  void defaultUserCenterIdsAreUuids() {
    JsonNode profile = P24Client.json(anonymous.get("/api/full-profile/dr-widget/"));

    assertThat(profile.at("/data/centers/0/user_center_id").asText()).isEqualTo("3030");
    try (FakePaziresh24 f = FakePaziresh24.builder().clock(clock)
        .doctor("dr-u", d -> d.center("c", c -> c.service("s", s -> {}))).build().start()) {
      JsonNode p = P24Client.json(new P24Client(f.baseUrl(), null).get("/api/full-profile/dr-u/"));
      assertThat(p.at("/data/centers/0/user_center_id").asText())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
  }
}
