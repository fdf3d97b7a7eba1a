package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.spi.Booker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs a whole flow with DEBUG logging on (see simplelogger.properties) and reads what was logged. */
class Paziresh24LoggingTest extends WireMockSupport {

  @Test
  void logsEachRequestWithoutTokensMobilesNamesOrNationalCodes() {
    stubPost("/gozargah/register", 404, "{\"message\":\"Not Found\"}");
    stubPost("/gozargah/resetpassword", 200, fixture("resetpassword-39.json"));
    stubPost("/gozargah/v1/login", 200, fixture("login.json"));
    stubGet("/v1/auth/me", 200, "application/json", fixture("me.json"));
    stubPost("/booking/v2/suspend", 200, fixture("suspend.json"));
    stubPost("/booking/v2/book", 200, fixture("book.json"));
    stubGet("/user/v1/book/12345/b-556677", 200, "application/json", fixture("receipt.json"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();

    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      var provider = provider();
      var auth = provider.authenticator().orElseThrow();
      var session = auth.complete(auth.start("09121234567"), "1234");
      Booker booker = provider.booker().orElseThrow();
      booker.book(booker.hold(slot(), session), patient(), session);
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("register failed (NOT_FOUND)", "status 39", "paziresh24 login POST", "paziresh24 suspend POST /booking/v2/suspend -> HTTP 200",
        "paziresh24 book POST", "paziresh24 booked ******77", "paziresh24 receipt GET /user/v1/book/{}/{} -> HTTP 200");
    assertThat(log).doesNotContain("eyJhbGciOiJIUzI1NiJ9", "9121234567", "0012345679", "مریم", "کریمی", "1234\n",
        "e30.sig", SET_TERMINAL_ID + "&", "b-556677"); // the booking id of the receipt's path
  }

  @Test
  void logsAnAccountUserLeftOutByPositionAndFieldWithoutItsValues() {
    stubGet("/v1/auth/me", 200, "application/json", "{\"users\":["
        + "{\"id\":6120457,\"name\":\"سارا\",\"family\":\"نمونه\",\"cell\":\"9121234567\",\"national_code\":\"0012345679\"},"
        + "{\"id\":6120458,\"name\":\"علی\",\"family\":\"رضایی\",\"cell\":\"9351234567\",\"national_code\":\"0499370898\"}]}");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    java.util.List<io.github.slothunter.api.Patient> patients;

    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      patients = provider().authenticator().orElseThrow().accountPatients(session());
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(patients).hasSize(1);
    assertThat(log).contains("user 2 of 2", "*****58", "patient nationalCode", "check digit");
    assertThat(log).doesNotContain("علی", "رضایی", "9351234567", "0499370898", "6120458", "سارا", "0012345679");
  }
}
