package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Booker.readBack} against the receipt (spec 5 step 7). */
class Paziresh24ReadBackTest extends WireMockSupport {
  private static final String RECEIPT = "/user/v1/book/12345/b-556677";
  private static final long BOOKED_START = 1783229400L;

  private Booker booker(String... config) {
    return provider(config).booker().orElseThrow();
  }

  private static Booking booking() {
    return new Booking(slot(), "b-556677", "9312345", NOW.minusSeconds(20));
  }

  private static void stubReceipt(int status, String body) {
    stubGet(RECEIPT, status, "application/json", body);
  }

  /** The fixture receipt with its record's fields replaced (raw JSON values). */
  private static String receiptWith(String field, String rawValue) {
    String receipt = fixture("receipt.json").strip();
    String record = receipt.substring("{\"data\":{".length(), receipt.length() - 2);
    return "{\"data\":{" + record.replaceAll("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + rawValue)
        + "}}";
  }

  private static SlotHunterException failure(Runnable call) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(SlotHunterException.class);
    return (SlotHunterException) thrown;
  }

  @Test
  void listsReadBackAmongItsCapabilities() {
    assertThat(provider().info().can(Capability.READ_BACK)).isTrue();
  }

  @Test
  void readsABookingBackFromItsReceipt() {
    stubReceipt(200, fixture("receipt.json"));

    Optional<Booking> read = booker().readBack(booking(), session());

    assertThat(read).hasValue(booking());
    LoggedRequest r = single(RECEIPT);
    assertThat(r.getMethod().getName()).isEqualTo("GET");
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
    assertThat(r.getHeader("accept-timezone")).isEqualTo("Asia/Tehran");
  }

  @Test
  void takesTheTimeAndTrackingCodeTheReceiptHasOnRecord() {
    long moved = BOOKED_START + 3600;
    stubReceipt(200, receiptWith("book_time", "\"" + moved + "\"").replace("9312345", "7700001"));

    Booking read = booker().readBack(booking(), session()).orElseThrow();

    assertThat(read.slot().start()).isEqualTo(Instant.ofEpochSecond(moved));
    assertThat(read.slot().length()).isEqualTo(slot().length());
    assertThat(read.slot().providerSlotKey()).isEqualTo(moved + "-" + (moved + 900));
    assertThat(read.slot().target()).isEqualTo(target());
    assertThat(read.trackingCode()).isEqualTo("7700001");
    assertThat(read.providerBookingKey()).isEqualTo("b-556677");
    assertThat(read.bookedAt()).isEqualTo(booking().bookedAt());
  }

  @Test
  void keepsTheBookedSlotWhenTheReceiptHasNoBookTime() {
    stubReceipt(200, fixture("receipt-no-time.json"));

    Booking read = booker().readBack(booking(), session()).orElseThrow();

    assertThat(read.slot()).isEqualTo(slot());
    assertThat(read.trackingCode()).isEqualTo("9312345");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\"", "\"soon\"", "0", "-5", "1783229400000", "true", "{}"})
  void keepsTheBookedSlotWhenTheBookTimeIsNotPlausibleUnixSeconds(String bookTime) {
    stubReceipt(200, receiptWith("book_time", bookTime));

    Booking read = booker().readBack(booking(), session()).orElseThrow();

    assertThat(read.slot()).isEqualTo(slot());
  }

  @Test
  void findsADeletedBookingAbsent() {
    stubReceipt(200, fixture("receipt-deleted.json"));

    assertThat(booker().readBack(booking(), session())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"1\"", "true", "\"true\""})
  void treatsEveryTruthyDeletedFlagAsDeleted(String isDeleted) {
    stubReceipt(200, receiptWith("is_deleted", isDeleted));

    assertThat(booker().readBack(booking(), session())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "\"0\"", "false", "\"false\"", "null"})
  void keepsABookingWhoseDeletedFlagIsFalsy(String isDeleted) {
    stubReceipt(200, receiptWith("is_deleted", isDeleted));

    assertThat(booker().readBack(booking(), session())).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deleted", "CANCELLED", "canceled_by_patient", "لغو شده", "حذف"})
  void treatsADeletedOrCancelledBookStatusAsDeleted(String bookStatus) {
    stubReceipt(200, receiptWith("book_status", "\"" + bookStatus + "\""));

    assertThat(booker().readBack(booking(), session())).isEmpty();
  }

  @Test
  void findsNothingWhenTheReceiptIs404() {
    Booker booker = booker();
    stubReceipt(404, fixture("receipt-not-found.json"));
    assertThat(booker.readBack(booking(), session())).isEmpty();

    stubGet(RECEIPT, 404, "text/html", "<html><body>Not Found</body></html>");
    assertThat(booker.readBack(booking(), session())).isEmpty();
  }

  @Test
  void findsNothingWhenTheReceiptSaysNotFound() {
    Booker booker = booker();
    stubReceipt(200, fixture("receipt-not-found.json"));
    assertThat(booker.readBack(booking(), session())).isEmpty();

    stubReceipt(200, "{\"status\":404,\"message\":\"\"}");
    assertThat(booker.readBack(booking(), session())).isEmpty();

    stubReceipt(200, "{\"status\":\"0\",\"message\":\"Booking does not exist\"}");
    assertThat(booker.readBack(booking(), session())).isEmpty();
  }

  @Test
  void findsNothingWhenTheReceiptIsForAnotherBooking() {
    stubReceipt(200, fixture("receipt-other-booking.json"));

    assertThat(booker().readBack(booking(), session())).isEmpty();
  }

  @Test
  void matchesANumericBookIdAndFindsTheRecordAtTheTop() {
    stubGet("/user/v1/book/12345/556677", 200, "application/json",
        "{\"book_id\":556677,\"book_time\":" + BOOKED_START + ",\"reference_code\":4815162,\"is_deleted\":0}");
    Booking numeric = new Booking(slot(), "556677", "", NOW);

    Booking read = booker().readBack(numeric, session()).orElseThrow();

    assertThat(read.providerBookingKey()).isEqualTo("556677");
    assertThat(read.trackingCode()).isEqualTo("4815162");
  }

  @Test
  void takesTheTrackingCodeFromTheEnvelopeWhenTheRecordHasNone() {
    stubReceipt(200, "{\"result\":{\"reference_code\":\"5550001\",\"book\":{\"book_id\":\"b-556677\"}}}");

    assertThat(booker().readBack(booking(), session()).orElseThrow().trackingCode()).isEqualTo("5550001");
  }

  @Test
  void keepsTheBookingsTrackingCodeWhenTheReceiptHasNone() {
    stubReceipt(200, "{\"data\":{\"book_id\":\"b-556677\",\"book_time\":" + BOOKED_START + "}}");

    assertThat(booker().readBack(booking(), session()).orElseThrow().trackingCode()).isEqualTo("9312345");
  }

  @Test
  void reportsAnHtmlReceiptAsProtocolNotAsAbsent() {
    stubGet(RECEIPT, 200, "text/html", fixture("error-page.html"));

    SlotHunterException e = failure(() -> booker().readBack(booking(), session()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.providerId()).contains("paziresh24");
    assertThat(e.getMessage()).contains("receipt").doesNotContain("abcdef");
  }

  @Test
  void reportsAServerErrorAsUnavailable() {
    stubGet(RECEIPT, 500, "text/html", fixture("error-page.html"));

    assertThat(failure(() -> booker().readBack(booking(), session())).code())
        .isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void reportsATimeoutAsUnavailable() {
    wm.stubFor(get(urlPathEqualTo(RECEIPT)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(fixture("receipt.json")).withFixedDelay(2000)));

    SlotHunterException e = failure(() -> booker("timeout", "250ms").readBack(booking(), session()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void reportsRejectedSessionsAndThrottlingAsTheirOwnErrors() {
    Booker booker = booker();
    stubReceipt(401, "{\"message\":\"Unauthenticated.\"}");
    assertThat(failure(() -> booker.readBack(booking(), session())).code()).isEqualTo(ErrorCode.AUTH_REQUIRED);

    stubReceipt(200, "{\"status\":7,\"message\":\"certificate expired\"}");
    assertThat(failure(() -> booker.readBack(booking(), session())).code()).isEqualTo(ErrorCode.AUTH_REQUIRED);

    wm.stubFor(get(urlPathEqualTo(RECEIPT)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
    SlotHunterException limited = failure(() -> booker.readBack(booking(), session()));
    assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(30));
  }

  @Test
  void reportsAFailedStatusThatIsNotAboutTheBookingAsAnError() {
    stubReceipt(200, "{\"status\":0,\"message\":\"خطای سرور\"}");

    SlotHunterException e = failure(() -> booker().readBack(booking(), session()));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).contains("receipt");
  }

  @Test
  void reportsAReceiptWithoutBookIdAsProtocolWithoutEchoingPatientData() {
    stubReceipt(200, "{\"status\":1,\"data\":{\"patient\":{\"name\":\"مریم\",\"family\":\"کریمی\","
        + "\"cell\":\"09121234567\",\"national_code\":\"0012345679\"},\"reference_code\":\"9312345\"}}");

    SlotHunterException e = failure(() -> booker().readBack(booking(), session()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("no book_id").contains("[status, data]")
        .doesNotContain("مریم").doesNotContain("کریمی").doesNotContain("0912").doesNotContain("0012345679");
    assertThat(e.excerpt()).isEmpty();
  }

  @Test
  void reportsAReceiptWithNeitherBookIdNorStatusAsProtocol() {
    stubReceipt(200, "{\"data\":{\"book_id\":null}}");

    SlotHunterException e = failure(() -> booker().readBack(booking(), session()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("[data]");
  }

  @Test
  void skipsAnEmptyBookIdAndFindsTheRecordDeeper() {
    stubReceipt(200, "{\"book_id\":\"\",\"data\":{\"book_id\":\"b-556677\",\"book_time\":" + BOOKED_START + "}}");

    assertThat(booker().readBack(booking(), session())).hasValue(booking());
  }

  @Test
  void refusesUnusableSessionsBeforeSendingAnything() {
    Booker booker = booker();
    AccountSession expired = new AccountSession("paziresh24", "tok", Map.of("user_id", "4242"), NOW);
    AccountSession noUser = new AccountSession("paziresh24", "tok", Map.of(), NOW.plusSeconds(60));

    for (AccountSession s : new AccountSession[] {expired, noUser}) {
      assertThat(failure(() -> booker.readBack(booking(), s)).code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void rejectsABookingOfAnotherProvider() {
    Target foreign = new Target(new DoctorRef("doctoreto", "x"), "1", "2", Map.of());
    Booking booking = new Booking(new Slot(foreign, NOW, NOW.plusSeconds(600), "k"), "b-1", "", NOW);

    assertThat(failure(() -> booker().readBack(booking, session())).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThatThrownBy(() -> booker().readBack(null, session())).isInstanceOf(NullPointerException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
