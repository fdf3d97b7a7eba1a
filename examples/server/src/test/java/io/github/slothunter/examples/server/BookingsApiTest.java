package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakeBooking;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Provider login, auto-booking, the bookings list and the calendar export, against the fake Paziresh24. */
class BookingsApiTest extends SharedServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** A national code that passes the check digit. */
  private static final String NATIONAL_CODE = "0012345679";

  private String login(TestServer.Created o, String mobile) {
    TestServer.Response started = s.post("/api/v1/logins", o.key(),
        "{\"provider\":\"paziresh24\",\"mobile\":\"" + mobile + "\"}");
    assertThat(started.status()).isEqualTo(201);
    assertThat(started.body()).doesNotContain(mobile);
    TestServer.Response done = s.post("/api/v1/logins/" + started.json().get("id").asText() + "/complete", o.key(),
        "{\"code\":\"1234\"}");
    assertThat(done.status()).isEqualTo(201);
    return done.json().get("sessionId").asText();
  }

  private String autoBookBody(String slug, String sessionId) {
    return "{\"link\":\"" + TestServer.link(slug) + "\",\"centerId\":\"1001\",\"autoBook\":{\"sessionId\":\"" + sessionId
        + "\",\"patient\":{\"firstName\":\"سارا\",\"lastName\":\"آزمون\",\"nationalCode\":\"" + NATIONAL_CODE
        + "\",\"mobile\":\"09121234567\",\"gender\":\"female\"}}}";
  }

  @Test
  void anAutoBookingWatchBooksAndTheBookingIsListed() {
    TestServer.Created o = s.owner("booker", "PREMIUM");
    String session = login(o, "09121234567");
    TestServer.Response created = s.post("/api/v1/watches", o.key(), autoBookBody(TestServer.SARA, session));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("autoBook").asBoolean()).isTrue();
    assertThat(created.body()).doesNotContain(NATIONAL_CODE).doesNotContain(session);
    Instant start = s.openSaraSlot(11, 0);

    s.poll();
    s.poll();
    Await.until(WAIT, () -> s.get("/api/v1/bookings", o.key()).json().size() == 1);

    JsonNode booking = s.get("/api/v1/bookings", o.key()).json().get(0);
    FakeBooking made = s.fake.bookings().get(s.fake.bookings().size() - 1);
    assertThat(booking.get("trackingCode").asText()).isEqualTo(made.referenceCode());
    assertThat(booking.get("start").asText()).isEqualTo(start.toString());
    assertThat(booking.get("doctor").asText()).isEqualTo("دکتر سارا آزمون");
    assertThat(booking.get("place").asText()).contains("مطب ولیعصر");
    assertThat(booking.get("watchId").asText()).isEqualTo(created.json().get("id").asText());
    JsonNode one = s.get("/api/v1/bookings/" + booking.get("id").asText(), o.key()).json();
    assertThat(one.get("trackingCode").asText()).isEqualTo(made.referenceCode());
    assertThat(s.get("/api/v1/stats", o.key()).json().get("bookings").asLong()).isEqualTo(1);
  }

  @Test
  void aBookingDownloadsAsAnICalendarEventInTehranTime() {
    TestServer.Created o = s.owner("ics", "PREMIUM");
    String session = login(o, "09121234568");
    s.post("/api/v1/watches", o.key(), autoBookBody(TestServer.SARA, session));
    s.openSaraSlot(12, 0);
    s.poll();
    s.poll();
    Await.until(WAIT, () -> s.get("/api/v1/bookings", o.key()).json().size() == 1);
    JsonNode booking = s.get("/api/v1/bookings", o.key()).json().get(0);

    TestServer.Response ics = s.get(booking.get("ics").asText(), o.key());

    assertThat(ics.status()).isEqualTo(200);
    assertThat(ics.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("BEGIN:VEVENT\r\n")
        .contains("TZID:Asia/Tehran").contains("STATUS:CONFIRMED").contains("DTSTART;TZID=Asia/Tehran:")
        .contains(booking.get("trackingCode").asText()).endsWith("END:VCALENDAR\r\n");
    assertThat(ics.body()).doesNotContain("0499370899"); // never the patient's data
  }

  @Test
  void anotherOwnersBookingIsNotFound() {
    TestServer.Created o = s.owner("snoop", "PREMIUM");

    assertThat(s.get("/api/v1/bookings/bk_0123456789abcdef01234567", o.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/bookings/bk_0123456789abcdef01234567.ics", o.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/bookings", o.key()).json()).isEmpty();
  }

  @Test
  void autoBookingNeedsALiveSessionOfYourOwn() {
    TestServer.Created a = s.owner("session-a", "PREMIUM");
    TestServer.Created b = s.owner("session-b", "PREMIUM");
    String sessionOfA = login(a, "09121234569");

    TestServer.Response r = s.post("/api/v1/watches", b.key(), autoBookBody(TestServer.SARA, sessionOfA));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("message").asText()).contains("autoBook.sessionId");
    assertThat(s.get("/api/v1/watches", b.key()).json()).isEmpty();
  }

  @Test
  void theFreePlanCannotAutoBook() {
    TestServer.Created o = s.owner("free-booker", "FREE");
    String session = login(o, "09121234570");

    TestServer.Response r = s.post("/api/v1/watches", o.key(), autoBookBody(TestServer.SARA, session));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("code").asText()).isEqualTo("QUOTA_EXCEEDED");
  }

  @Test
  void aWrongSmsCodeIsRejected() {
    TestServer.Created o = s.owner("typo", "PREMIUM");
    String loginId = s.post("/api/v1/logins", o.key(), "{\"provider\":\"paziresh24\",\"mobile\":\"09121234571\"}")
        .json().get("id").asText();

    TestServer.Response wrong = s.post("/api/v1/logins/" + loginId + "/complete", o.key(), "{\"code\":\"0000\"}");
    TestServer.Response elsewhere = s.post("/api/v1/logins/" + loginId + "/complete", s.owner("other", "FREE").key(),
        "{\"code\":\"1234\"}");

    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
    assertThat(elsewhere.status()).isEqualTo(404);
  }

  @Test
  void loginsNeedAKnownProviderAndAMobile() {
    TestServer.Created o = s.owner("login-errors", "PREMIUM");

    TestServer.Response unknown = s.post("/api/v1/logins", o.key(), "{\"provider\":\"nosuch\",\"mobile\":\"09121234567\"}");
    TestServer.Response badMobile = s.post("/api/v1/logins", o.key(), "{\"provider\":\"paziresh24\",\"mobile\":\"12\"}");

    assertThat(unknown.status()).isEqualTo(501);
    assertThat(unknown.json().get("code").asText()).isEqualTo("UNSUPPORTED");
    assertThat(badMobile.status()).isEqualTo(422);
    assertThat(badMobile.body()).doesNotContain("\"12\"");
  }
}
