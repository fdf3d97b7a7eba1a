package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Paziresh24BookerTest extends WireMockSupport {
  private static final String SUSPEND = "/booking/v2/suspend";
  private static final String UNSUSPEND = "/booking/v2/unsuspend";
  private static final String BOOK = "/booking/v2/book";
  private static final String RECEIPT = "/user/v1/book/12345/b-556677";
  private static final String DELETE_BOOK = "/api/deleteBook";

  private Booker booker(String... config) {
    return provider(config).booker().orElseThrow();
  }

  private Hold hold() {
    return new Hold(slot(), "rc-8f1e2d", NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void holdsASlotWithSuspendAndKeepsTheRequestCode() {
    stubPost(SUSPEND, 200, fixture("suspend.json"));

    Hold hold = booker().hold(slot(), session());

    assertThat(hold.slot()).isEqualTo(slot());
    assertThat(hold.providerHoldKey()).isEqualTo("rc-8f1e2d");
    assertThat(hold.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    LoggedRequest r = single(SUSPEND);
    Map<String, String> form = form(r);
    assertThat(form).containsOnlyKeys("center_id", "service_id", "user_center_id", "server_id", "from", "to",
        "terminal_id");
    assertThat(form).containsEntry("from", "1783229400").containsEntry("to", "1783230300")
        .containsEntry("center_id", "12345").containsEntry("service_id", "2001")
        .containsEntry("user_center_id", "77001").containsEntry("server_id", "1");
    assertThat(form.get("terminal_id")).matches(TERMINAL);
    assertThat(r.getHeader("terminal_id")).isEqualTo(form.get("terminal_id"));
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
    assertThat(r.getHeader("user_id")).isEqualTo("4242");
    assertThat(r.getHeader("Cookie")).isEqualTo("terminal_id=" + form.get("terminal_id") + "; token=tok-abc.def_123");
  }

  @Test
  void holdsForTheConfiguredHoldTtl() {
    stubPost(SUSPEND, 200, fixture("suspend.json"));

    Hold hold = booker("hold-ttl", "90s").hold(slot(), session());

    assertThat(hold.expiresAt()).isEqualTo(NOW.plusSeconds(90));
  }

  @Test
  void usesTheSlotTimesWhenItsKeyIsNotFromTo() {
    stubPost(SUSPEND, 200, fixture("suspend.json"));
    Slot slot = new Slot(target(), Instant.ofEpochSecond(1783229400), Instant.ofEpochSecond(1783230300), "turn-1");

    booker().hold(slot, session());

    assertThat(form(single(SUSPEND))).containsEntry("from", "1783229400").containsEntry("to", "1783230300");
  }

  @Test
  void mapsATakenSlotOnSuspendToSlotTaken() {
    stubPost(SUSPEND, 200, fixture("suspend-taken.json"));

    assertThatThrownBy(() -> booker().hold(slot(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SLOT_TAKEN);
          assertThat(e.providerId()).contains("paziresh24");
        });
  }

  @Test
  void mapsStatus300OnSuspendToSlotTaken() {
    stubPost(SUSPEND, 200, fixture("status-300.json"));

    assertThatThrownBy(() -> booker().hold(slot(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_TAKEN));
  }

  @Test
  void reportsASuccessfulSuspendWithoutRequestCodeAsProtocol() {
    stubPost(SUSPEND, 200, "{\"status\":1}");

    assertThatThrownBy(() -> booker().hold(slot(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void refusesToHoldWithAnExpiredSessionBeforeSendingAnything() {
    AccountSession expired = new AccountSession("paziresh24", "tok", Map.of("user_id", "4242"), NOW);

    assertThatThrownBy(() -> booker().hold(slot(), expired))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
          assertThat(e.getMessage()).doesNotContain("tok");
        });
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void refusesSessionsItCannotUse() {
    Booker booker = booker();
    AccountSession foreign = new AccountSession("doctoreto", "tok", Map.of("user_id", "1"), NOW.plusSeconds(60));
    AccountSession noUser = new AccountSession("paziresh24", "tok", Map.of(), NOW.plusSeconds(60));
    AccountSession oddToken = new AccountSession("paziresh24", "توکن", Map.of("user_id", "1"), NOW.plusSeconds(60));

    for (AccountSession s : new AccountSession[] {foreign, noUser, oddToken}) {
      assertThatThrownBy(() -> booker.hold(slot(), s))
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void booksWithTheDocumentedFormAndHeadersAndReadsTheTrackingCodeFromTheReceipt() {
    stubPost(BOOK, 200, fixture("book.json"));
    stubGet(RECEIPT, 200, "application/json", fixture("receipt.json"));
    clock.advance(Duration.ofSeconds(30));

    Booking booking = booker().book(hold(), patient(), session());

    assertThat(booking.slot()).isEqualTo(slot());
    assertThat(booking.providerBookingKey()).isEqualTo("b-556677");
    assertThat(booking.trackingCode()).isEqualTo("9312345");
    assertThat(booking.bookedAt()).isEqualTo(NOW.plusSeconds(30));
    LoggedRequest r = single(BOOK);
    Map<String, String> form = form(r);
    assertThat(form).containsOnlyKeys("request_code", "center_id", "server_id", "is_webview", "first_name",
        "last_name", "cell", "national_code", "selected_user_id", "gender");
    assertThat(form).containsEntry("request_code", "rc-8f1e2d").containsEntry("center_id", "12345")
        .containsEntry("server_id", "1").containsEntry("is_webview", "0").containsEntry("first_name", "مریم")
        .containsEntry("last_name", "کریمی").containsEntry("cell", "09121234567")
        .containsEntry("national_code", "0012345679").containsEntry("selected_user_id", "4242")
        .containsEntry("gender", "female");
    assertThat(r.getHeader("center_id")).isEqualTo("12345");
    assertThat(r.getHeader("server_id")).isEqualTo("1");
    assertThat(r.getHeader("user_id")).isEqualTo("4242");
    assertThat(r.getHeader("user_center_id")).isEqualTo("77001");
    assertThat(r.getHeader("terminal_id")).matches(TERMINAL);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
    LoggedRequest receipt = single(RECEIPT);
    assertThat(receipt.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
  }

  @Test
  void booksForTheAccountUserThePatientNamesWhileTheUserIdHeaderStaysTheAccounts() {
    stubPost(BOOK, 200, fixture("book-with-reference.json"));

    booker().book(hold(), patient().withAccountUserId("6120458"), session());

    LoggedRequest r = single(BOOK);
    assertThat(form(r)).containsEntry("selected_user_id", "6120458").containsEntry("first_name", "مریم")
        .containsEntry("national_code", "0012345679");
    assertThat(r.getHeader("user_id")).isEqualTo("4242");
  }

  @Test
  void omitsGenderWhenUnspecifiedAndSendsMale() {
    stubPost(BOOK, 200, fixture("book-with-reference.json"));
    Booker booker = booker();

    booker.book(hold(), Patient.of("علی", "رضایی", "0012345679", "09121234567"), session());
    booker.book(hold(), new Patient("علی", "رضایی", "0012345679", "09121234567", Gender.MALE), session());

    var requests = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(BOOK)));
    assertThat(requests).hasSize(2);
    assertThat(form(requests.get(0))).doesNotContainKey("gender");
    assertThat(form(requests.get(1))).containsEntry("gender", "male");
  }

  @Test
  void takesTheTrackingCodeFromTheBookAnswerWhenPresent() {
    stubPost(BOOK, 200, fixture("book-with-reference.json"));

    Booking booking = booker().book(hold(), patient(), session());

    assertThat(booking.providerBookingKey()).isEqualTo("556678");
    assertThat(booking.trackingCode()).isEqualTo("4815162");
    assertThat(count("/user/v1/book/12345/556678")).isZero();
  }

  @Test
  void keepsTheBookingWhenTheReceiptFails() {
    stubPost(BOOK, 200, fixture("book.json"));
    stubGet(RECEIPT, 500, "text/html", fixture("error-page.html"));

    Booking booking = booker().book(hold(), patient(), session());

    assertThat(booking.providerBookingKey()).isEqualTo("b-556677");
    assertThat(booking.trackingCode()).isEmpty();
  }

  @Test
  void keepsTheBookingWhenTheReceiptHasNoReferenceCode() {
    stubPost(BOOK, 200, fixture("book.json"));
    stubGet(RECEIPT, 200, "application/json", "{\"data\":{\"book_id\":\"b-556677\"}}");

    assertThat(booker().book(hold(), patient(), session()).trackingCode()).isEmpty();
  }

  @Test
  void mapsStatus300OnBookToHoldExpired() {
    stubPost(BOOK, 200, fixture("status-300.json"));

    assertThatThrownBy(() -> booker().book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.HOLD_EXPIRED);
          assertThat(e.getMessage()).contains("status 300");
        });
  }

  @Test
  void mapsStatus300WithATakenMessageOnBookToSlotTaken() {
    stubPost(BOOK, 200, "{\"status\":300,\"message\":\"این زمان توسط شخص دیگری رزرو شد\"}");

    assertThatThrownBy(() -> booker().book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_TAKEN));
  }

  @Test
  void mapsATakenMessageOnBookToSlotTaken() {
    stubPost(BOOK, 200, fixture("book-taken.json"));

    assertThatThrownBy(() -> booker().book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_TAKEN));
  }

  @Test
  void mapsARejectedPatientToInvalidInputWithoutEchoingValues() {
    stubPost(BOOK, 200, fixture("status-0-details.json"));

    assertThatThrownBy(() -> booker().book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("کد ملی").doesNotContain("0012345679").doesNotContain("09121234567");
        });
  }

  @Test
  void mapsRejectedTokensToAuthRequired() {
    Booker booker = booker();
    stubPost(BOOK, 401, "{\"message\":\"Unauthenticated.\"}");
    assertThatThrownBy(() -> booker.book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));

    stubPost(BOOK, 403, "<html>Forbidden</html>");
    assertThatThrownBy(() -> booker.book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
  }

  @Test
  void mapsAnExpiredCertificateToAuthRequired() {
    stubPost(BOOK, 200, "{\"status\":7,\"message\":\"certificate expired\"}");

    assertThatThrownBy(() -> booker().book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
  }

  @Test
  void refusesToBookWithAnExpiredSession() {
    Booker booker = booker();
    clock.advance(Duration.ofHours(2));

    assertThatThrownBy(() -> booker.book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void reportsASuccessWithoutBookIdAsProtocol() {
    stubPost(BOOK, 200, "{\"status\":1,\"message\":\"ok\",\"book_info\":{}}");

    assertThatThrownBy(() -> booker().book(hold(), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).contains("may exist");
        });
  }

  @Test
  void usesOneTerminalIdForSuspendBookAndUnsuspend() {
    stubPost(SUSPEND, 200, fixture("suspend.json"));
    stubPost(BOOK, 200, fixture("book-with-reference.json"));
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));
    Booker booker = booker();

    Hold hold = booker.hold(slot(), session());
    booker.release(hold, session());
    booker.book(booker.hold(slot(), session()), patient(), session());

    // setTerminal mints the id; the Hamdast widget list (spec 5.9) is another service without one
    var all = wm.getAllServeEvents().stream()
        .filter(e -> !e.getRequest().getUrl().equals(SET_TERMINAL_PATH))
        .filter(e -> !e.getRequest().getUrl().startsWith("/api/v1/widgets/")).toList();
    assertThat(all).hasSize(4);
    assertThat(all).extracting(e -> e.getRequest().getHeader("terminal_id")).containsOnly(SET_TERMINAL_ID);
    assertThat(count(SET_TERMINAL_PATH)).isOne();
  }

  @Test
  void releasesAHoldWithUnsuspend() {
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));

    booker().release(hold(), session());

    LoggedRequest r = single(UNSUSPEND);
    Map<String, String> form = form(r);
    assertThat(form).containsOnlyKeys("center_id", "server_id", "request_code", "terminal_id");
    assertThat(form).containsEntry("center_id", "12345").containsEntry("server_id", "1")
        .containsEntry("request_code", "rc-8f1e2d");
    assertThat(r.getHeader("center_id")).isEqualTo("12345");
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
  }

  @Test
  void treatsAnAlreadyReleasedHoldAsReleased() {
    Booker booker = booker();
    stubPost(UNSUSPEND, 200, fixture("unsuspend-gone.json"));
    assertThatCode(() -> booker.release(hold(), session())).doesNotThrowAnyException();

    stubPost(UNSUSPEND, 200, fixture("status-300.json"));
    assertThatCode(() -> booker.release(hold(), session())).doesNotThrowAnyException();

    stubPost(UNSUSPEND, 404, "{\"message\":\"Not Found\"}");
    assertThatCode(() -> booker.release(hold(), session())).doesNotThrowAnyException();

    assertThat(count(UNSUSPEND)).isEqualTo(3);
  }

  @Test
  void stillReleasesWithAnExpiredSessionButWithoutTheToken() {
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));
    Booker booker = booker();
    clock.advance(Duration.ofHours(2));

    booker.release(hold(), session());

    assertThat(single(UNSUSPEND).containsHeader("Authorization")).isFalse();
  }

  @Test
  void reportsAReleaseTheSiteRefuses() {
    Booker booker = booker();
    stubPost(UNSUSPEND, 200, "{\"status\":0,\"message\":\"خطا\"}");
    assertThatThrownBy(() -> booker.release(hold(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));

    stubPost(UNSUSPEND, 503, "");
    assertThatThrownBy(() -> booker.release(hold(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void cancelsWithDeleteBookUsingTheTrackingCode() {
    stubPost(DELETE_BOOK, 200, fixture("delete-book.json"));
    Booking booking = new Booking(slot(), "b-556677", "9312345", NOW);

    booker().cancel(booking, patient(), session());

    LoggedRequest r = single(DELETE_BOOK);
    assertThat(form(r)).isEqualTo(Map.of("center_id", "12345", "reference_code", "9312345",
        "national_code", "0012345679"));
    assertThat(r.getHeader("center_id")).isEqualTo("12345");
    assertThat(r.getHeader("terminal_id")).matches(TERMINAL);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-abc.def_123");
  }

  @Test
  void cancelsABookingWithoutTrackingCodeAfterReadingTheReceipt() {
    stubPost(DELETE_BOOK, 200, fixture("delete-book.json"));
    stubGet(RECEIPT, 200, "application/json", fixture("receipt.json"));

    booker().cancel(new Booking(slot(), "b-556677", "", NOW), patient(), session());

    assertThat(form(single(DELETE_BOOK))).containsEntry("reference_code", "9312345");
  }

  @Test
  void refusesToCancelWhenNoTrackingCodeCanBeFound() {
    stubGet(RECEIPT, 404, "application/json", "{}");

    assertThatThrownBy(() -> booker().cancel(new Booking(slot(), "b-556677", "", NOW), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(count(DELETE_BOOK)).isZero();
  }

  @Test
  void reportsACancellationTheSiteRefuses() {
    stubPost(DELETE_BOOK, 200, "{\"status\":0,\"message\":\"امکان لغو نوبت وجود ندارد\"}");

    assertThatThrownBy(() -> booker().cancel(new Booking(slot(), "b-556677", "9312345", NOW), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void rejectsHoldsAndBookingsOfAnotherProvider() {
    Provider p = provider();
    Booker booker = p.booker().orElseThrow();
    io.github.slothunter.api.Target foreign = new io.github.slothunter.api.Target(
        new io.github.slothunter.api.DoctorRef("doctoreto", "x"), "1", "2", Map.of("user_center_id", "3"));
    Slot slot = new Slot(foreign, NOW, NOW.plusSeconds(600), "k");
    Hold hold = new Hold(slot, "rc", NOW.plusSeconds(60));

    assertThatThrownBy(() -> booker.hold(slot, session())).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> booker.book(hold, patient(), session())).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> booker.release(hold, session())).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> booker.cancel(new Booking(slot, "b", "t", NOW), patient(), session()))
        .isInstanceOf(SlotHunterException.class);
    assertThat(p.bookingLink(slot)).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
