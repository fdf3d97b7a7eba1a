package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Booker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The booking half of the live protocol: payment-required bookings (spec 5.6), the Hamdast
 * pre-booking widget (spec 5.9) and moveBook (spec 8), against fixtures in the shapes of spec 11.
 */
class Paziresh24LiveBookingTest extends WireMockSupport {
  private static final String BOOK = "/booking/v2/book";
  private static final String WWW_BOOK = "/api/book";
  private static final String UNSUSPEND = "/booking/v2/unsuspend";
  private static final String MOVE_BOOK = "/api/moveBook";
  private static final String WIDGETS = "/api/v1/widgets/";
  private static final String ADDON = "/v1/apps/insurance-check/prebook";
  private static final String SLUG_11 = "دکتر-نمونه-آزمایشی-0";
  private static final String CENTER = "4f1c2a9e-7b3d-4e21-9c55-2d8e6a1b0f37";
  private static final String SERVICE = "4f1c2a9f-0e6b-4d7a-b1c3-5a9e8f2d7c44";
  private static final String USER_CENTER = "4f1c2a9e-13aa-4b6c-8e02-71c9d5e4a610";
  private static final String BOOK_ID = "e3b8d6a2-5c1f-11f1-9a4e-0050568a1c2d";
  private static final String PAID_BOOK_ID = "f19c0b7e-5c20-11f1-9a4e-0050568a1c2d";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Target target(String center, String serverId) {
    return new Target(new DoctorRef("paziresh24", SLUG_11), center, SERVICE,
        Map.of("server_id", serverId, "user_center_id", USER_CENTER));
  }

  private static Slot slot(Target target, long from) {
    return new Slot(target, Instant.ofEpochSecond(from), Instant.ofEpochSecond(from + 900), from + "-" + (from + 900));
  }

  private static Hold hold(Slot slot, String requestCode) {
    return new Hold(slot, requestCode, NOW.plus(Duration.ofMinutes(5)));
  }

  private Booker booker(String... config) {
    return provider(config).booker().orElseThrow();
  }

  private static void noWidgets() {
    stubGet(WIDGETS, 200, "application/json", "[]");
  }

  // ------------------------------------------------------------------ payment (spec 5.6)

  @Test
  void aFreeBookingNeedsNoPayment() {
    noWidgets();
    stubPost(BOOK, 200, fixture("book-free-live.json"));

    Booking b = booker().book(hold(slot(target(CENTER, "1"), 1800102600), "6b4a6c2e3b9d14.80457321"), patient(),
        session());

    assertThat(b.providerBookingKey()).isEqualTo(BOOK_ID);
    assertThat(b.trackingCode()).isEqualTo("48213975");
    assertThat(b.payment()).isEqualTo(PaymentState.NOT_REQUIRED);
    assertThat(b.paymentRequired()).isFalse();
    assertThat(b.paymentLink()).isNull();
  }

  @Test
  void aPaidBookingOnServerOneIsPayToConfirmWithTheFactorPageOnTheConfiguredWebsite() {
    noWidgets();
    stubPost(BOOK, 200, fixture("book-paid-live.json"));

    Booking b = booker().book(hold(slot(target("5532", "1"), 1800165600), "6b4a6c2e3b9d14.80457322"), patient(),
        session());

    assertThat(b.providerBookingKey()).isEqualTo(PAID_BOOK_ID);
    assertThat(b.trackingCode()).isEqualTo("48214102");
    assertThat(b.payment()).isEqualTo(PaymentState.PAY_TO_CONFIRM);
    assertThat(b.paymentLink()).isEqualTo(URI.create(base() + "/factor/5532/" + PAID_BOOK_ID));
    assertThat(count("/center-payment") + count("/consult-payment")).isZero();
  }

  @Test
  void aPaidBookingOnAnotherServerUsesTheAnswersRedirectUrl() {
    noWidgets();
    stubPost(BOOK, 200, fixture("book-paid-live.json"));

    Booking b = booker().book(hold(slot(target("5532", "2"), 1800165600), "6b4a6c2e3b9d14.80457322"), patient(),
        session());

    assertThat(b.paymentRequired()).isTrue();
    assertThat(b.paymentLink())
        .isEqualTo(URI.create("https://www.paziresh24.com/factor/5532/" + PAID_BOOK_ID));
  }

  @Test
  void aPaidBookingOnAnotherServerWithoutRedirectUrlHasNoLinkButStillNeedsPayment() {
    noWidgets();
    stubPost(BOOK, 200, fixture("book-paid-live.json").replace(
        "\"redirect_url\":\"https://www.paziresh24.com/factor/5532/" + PAID_BOOK_ID + "\"", "\"redirect_url\":\"\""));

    Booking b = booker().book(hold(slot(target("5532", "2"), 1800165600), "rc-1"), patient(), session());

    assertThat(b.payment()).isEqualTo(PaymentState.PAY_TO_CONFIRM);
    assertThat(b.paymentLink()).isNull();
  }

  @Test
  void bookStatus300IsHoldExpired() {
    noWidgets();
    stubPost(BOOK, 200, fixture("book-300-live.json"));

    assertThatThrownBy(() -> booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HOLD_EXPIRED));
  }

  @Test
  void bookStatus0WithDetailsIsInvalidInputNamingTheFieldNotItsValue() {
    noWidgets();
    stubPost(BOOK, 200, fixture("book-0-details-live.json"));

    assertThatThrownBy(() -> booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("کد ملی").doesNotContain("0012345679");
        });
  }

  @Test
  void expectsPaymentForOnlineVisitsAndPricedServicesOnly() {
    Booker booker = booker();

    assertThat(booker.paymentExpected(target("5532", "1"), 0L)).isTrue();
    assertThat(booker.paymentExpected(target(CENTER, "1"), 3_200_000L)).isTrue();
    assertThat(booker.paymentExpected(target(CENTER, "1"), 0L)).isFalse();
    assertThat(booker.paymentExpected(target(CENTER, "1"), null)).isFalse();
  }

  // ------------------------------------------------------------------ moveBook (spec 8)

  private static Booking existing(Target target, String tracking, PaymentState payment) {
    return new Booking(slot(target, 1800390600), BOOK_ID, tracking, NOW.minus(Duration.ofDays(1)), payment, null);
  }

  @Test
  void listsMoveAsACapability() {
    assertThat(provider().info().capabilities()).contains(Capability.MOVE);
  }

  @Test
  void movesABookingWithExactlyTheDocumentedFormOnTheWebsiteAndKeepsItsIdAndTrackingCode() {
    stubPost(MOVE_BOOK, 200, fixture("move-book.json"));
    Target t = target(CENTER, "1");
    Slot better = slot(t, 1800102600);
    clock.advance(Duration.ofSeconds(5));

    Booking moved = booker().move(existing(t, "48213975", PaymentState.NOT_REQUIRED),
        hold(better, "6b4a6c2e3b9d14.80457321"), session());

    assertThat(moved.slot()).isEqualTo(better);
    assertThat(moved.providerBookingKey()).isEqualTo(BOOK_ID);
    assertThat(moved.trackingCode()).isEqualTo("48213975");
    assertThat(moved.bookedAt()).isEqualTo(NOW.plusSeconds(5));
    LoggedRequest r = single(MOVE_BOOK);
    assertThat(form(r)).containsExactly(Map.entry("center_id", CENTER), Map.entry("reference_code", "48213975"),
        Map.entry("request_code", "6b4a6c2e3b9d14.80457321"));
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
    assertThat(r.getHeader("center_id")).isEqualTo(CENTER);
    assertThat(r.getHeader("terminal_id")).matches(TERMINAL);
    assertThat(count("/booking/v2/moveBook")).isZero();
  }

  @Test
  void movesOnTheWebsiteEvenWhenBookingCallsGoToTheWebsitePrefix() {
    stubPost(MOVE_BOOK, 200, fixture("move-book.json"));
    Target t = target(CENTER, "1");

    booker("booking-endpoint", "www").move(existing(t, "48213975", PaymentState.NOT_REQUIRED),
        hold(slot(t, 1800102600), "rc-2"), session());

    assertThat(count(MOVE_BOOK)).isEqualTo(1);
  }

  @Test
  void aRefusedMoveIsAnErrorWithTheSitesMessage() {
    stubPost(MOVE_BOOK, 200, fixture("move-book-refused.json"));
    Target t = target(CENTER, "1");

    assertThatThrownBy(() -> booker().move(existing(t, "48213975", PaymentState.NOT_REQUIRED),
        hold(slot(t, 1800102600), "rc-2"), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("moveBook", "امکان جابجایی این نوبت وجود ندارد");
        });
  }

  @Test
  void aMissingMoveRouteIsUnsupportedSoTheCallerCanFallBack() {
    stubPost(MOVE_BOOK, 404, "{\"message\":\"not found\"}");
    Target t = target(CENTER, "1");

    assertThatThrownBy(() -> booker().move(existing(t, "48213975", PaymentState.NOT_REQUIRED),
        hold(slot(t, 1800102600), "rc-2"), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
  }

  @Test
  void refusesToMoveAnOnlineVisitBeforeAnyRequest() {
    Target online = target("5532", "1");

    assertThatThrownBy(() -> booker().move(existing(online, "48213975", PaymentState.NOT_REQUIRED),
        hold(slot(online, 1800102600), "rc-2"), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void refusesToMoveABookingAwaitingPaymentBeforeAnyRequest() {
    Target t = target(CENTER, "1");

    assertThatThrownBy(() -> booker().move(existing(t, "48213975", PaymentState.PAY_TO_CONFIRM),
        hold(slot(t, 1800102600), "rc-2"), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
          assertThat(e.getMessage()).contains("awaiting payment");
        });
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void refusesToMoveOntoAHoldAtAnotherCenterBeforeAnyRequest() {
    Target t = target(CENTER, "1");
    Target other = target("9a9a9a9a-0000-4000-8000-000000000001", "1");

    assertThatThrownBy(() -> booker().move(existing(t, "48213975", PaymentState.NOT_REQUIRED),
        hold(slot(other, 1800102600), "rc-2"), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  // ------------------------------------------------------------------ Hamdast widget (spec 5.9)

  @Test
  void bookOnAddonAnswerAddsItsMetaDataToTheBookForm() throws Exception {
    stubGet(WIDGETS, 200, "application/json", fixture("hamdast-widgets.json"));
    stubPost(ADDON, 200, fixture("hamdast-addon-book.json"));
    stubPost(BOOK, 200, fixture("book-free-live.json"));

    Booking b = booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session());

    assertThat(b.providerBookingKey()).isEqualTo(BOOK_ID);
    assertThat(single(WIDGETS).queryParameter("slug").firstValue()).isEqualTo(SLUG_11);
    LoggedRequest addon = single(ADDON);
    assertThat(addon.getHeader("Content-Type")).startsWith("application/json");
    assertThat(addon.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
    JsonNode body = JSON.readTree(addon.getBodyAsString());
    assertThat(body.at("/patient_data/name").asText()).isEqualTo("مریم");
    assertThat(body.at("/patient_data/family").asText()).isEqualTo("کریمی");
    assertThat(body.at("/patient_data/national_code").asText()).isEqualTo("0012345679");
    assertThat(body.at("/patient_data/cell").asText()).isEqualTo("09121234567");
    assertThat(body.at("/doctor_data/slug").asText()).isEqualTo(SLUG_11);
    assertThat(body.at("/center_data/id").asText()).isEqualTo(CENTER);
    assertThat(body.at("/center_data/user_center_id").asText()).isEqualTo(USER_CENTER);
    assertThat(body.at("/service_data/id").asText()).isEqualTo(SERVICE);
    assertThat(form(single(BOOK))).containsEntry("insurance_id", "12").containsEntry("request_id", "r-5521")
        .containsEntry("request_code", "rc-1");
  }

  @Test
  void showFormOnAddonAnswerReleasesTheHoldDoesNotBookAndHandsTheBookingPageOver() {
    stubGet(WIDGETS, 200, "application/json", fixture("hamdast-widgets.json"));
    stubPost(ADDON, 200, fixture("hamdast-addon-show-form.json"));
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));
    stubPost(BOOK, 200, fixture("book-free-live.json"));

    assertThatThrownBy(() -> booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MANUAL_ACTION_REQUIRED);
          assertThat(e.retryable()).isFalse();
          URI page = e.handOff().orElseThrow();
          assertThat(page.getPath()).isEqualTo("/booking/" + SLUG_11);
          assertThat(page.getQuery()).isEqualTo("centerId=" + CENTER + "&serviceId=" + SERVICE);
        });
    assertThat(count(BOOK)).isZero();
    assertThat(form(single(UNSUSPEND))).containsEntry("request_code", "rc-1");
  }

  @Test
  void checksTheWidgetListOncePerDoctorWithinTheCacheTime() {
    stubGet(WIDGETS, 200, "application/json", fixture("hamdast-widgets.json"));
    stubPost(ADDON, 200, fixture("hamdast-addon-book.json"));
    stubPost(BOOK, 200, fixture("book-free-live.json"));
    Booker booker = booker();
    var session = new io.github.slothunter.api.AccountSession("paziresh24", "tok-abc.def_123", Map.of("user_id", "4242"),
        NOW.plus(Duration.ofDays(1)));

    booker.book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session);
    clock.advance(Duration.ofMinutes(30));
    booker.book(hold(slot(target(CENTER, "1"), 1800103500), "rc-2"), patient(), session);
    clock.advance(Duration.ofMinutes(31));
    booker.book(hold(slot(target(CENTER, "1"), 1800104400), "rc-3"), patient(), session);

    assertThat(count(WIDGETS)).isEqualTo(2);
    assertThat(count(ADDON)).isEqualTo(3);
  }

  @Test
  void booksWithoutMetaDataWhenTheWidgetListFails() {
    stubGet(WIDGETS, 503, "text/html", "<html>busy</html>");
    stubPost(BOOK, 200, fixture("book-free-live.json"));

    Booking b = booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session());

    assertThat(b.providerBookingKey()).isEqualTo(BOOK_ID);
    assertThat(count(ADDON)).isZero();
    assertThat(form(single(BOOK))).doesNotContainKeys("insurance_id", "request_id");
  }

  @Test
  void booksWithoutMetaDataWhenTheAddonCallFails() {
    stubGet(WIDGETS, 200, "application/json", fixture("hamdast-widgets.json"));
    stubPost(ADDON, 500, "{\"message\":\"error\"}");
    stubPost(BOOK, 200, fixture("book-free-live.json"));

    Booking b = booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session());

    assertThat(b.providerBookingKey()).isEqualTo(BOOK_ID);
    assertThat(count(ADDON)).isEqualTo(1);
    assertThat(form(single(BOOK))).doesNotContainKeys("insurance_id", "request_id");
  }

  @Test
  void ignoresWidgetsWithoutThePreBookingPlacementOrWithoutAnEndpoint() {
    stubGet(WIDGETS, 200, "application/json", fixture("hamdast-widgets-other-placement.json"));
    stubPost(BOOK, 200, fixture("book-free-live.json"));

    booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session());

    assertThat(count("/v1/apps/reviews/data") + count(ADDON)).isZero();
    assertThat(count(BOOK)).isEqualTo(1);
  }

  @Test
  void asksTheWidgetListOnTheConfiguredHamdastHost() {
    wm.stubFor(get(urlPathEqualTo("/hamdast/api/v1/widgets/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[]")));
    stubPost(WWW_BOOK, 200, fixture("book-free-live.json"));

    booker("hamdast-url", base() + "/hamdast", "booking-endpoint", "www")
        .book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(), session());

    assertThat(count("/hamdast/api/v1/widgets/")).isEqualTo(1);
    assertThat(count(WWW_BOOK)).isEqualTo(1);
  }

  @Test
  void neverLogsThePatientDataSentToTheWidget() {
    stubGet(WIDGETS, 200, "application/json", fixture("hamdast-widgets.json"));
    stubPost(ADDON, 200, fixture("hamdast-addon-show-form.json"));
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();

    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> booker().book(hold(slot(target(CENTER, "1"), 1800102600), "rc-1"), patient(),
          session())).isInstanceOf(SlotHunterException.class);
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("paziresh24 bookingAddon POST");
    assertThat(log).doesNotContain("9121234567", "0012345679", "مریم", "کریمی", "tok-abc");
  }
}
