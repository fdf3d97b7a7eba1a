package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CELL;
import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.DAY;
import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.patient;
import static io.github.slothunter.testkit.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Paid bookings (spec 5.5, 5.6), service price, moveBook (8) and the receipt (5.7). */
class FakePaziresh24PaymentMoveTest {
  private static final String REZA = "dr-reza-karimi";
  private static final String REZA_CENTER = "1002";
  private static final String REZA_SERVICE = "2003";
  private static final Duration TWENTY = Duration.ofMinutes(20);
  private static final String OK = "درخواست شما با موفقیت انجام شد";

  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.builder(clock).build().start();
  private final P24Client client = new P24Client(fake.baseUrl(), TERMINAL_A).withToken(fake.login(CELL).token());

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Map<String, String> reza() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("center_id", REZA_CENTER);
    m.put("service_id", REZA_SERVICE);
    m.put("user_center_id", "3003");
    return m;
  }

  private String hold(Map<String, String> ids, Instant from, Duration length) {
    JsonNode held = client.rpc("suspend", with(ids, "from", Long.toString(from.getEpochSecond()), "to",
        Long.toString(from.plus(length).getEpochSecond())));
    assertThat(held.get("status").asInt()).as("suspend %s", held).isEqualTo(1);
    return held.get("request_code").asText();
  }

  private JsonNode book(String center, String requestCode) {
    return client.rpc("book", with(patient(requestCode), "center_id", center));
  }

  private JsonNode move(String center, String reference, String requestCode) {
    return P24Client.json(client.postForm("/api/moveBook", Map.of("center_id", center, "reference_code", reference,
        "request_code", requestCode)));
  }

  @Test
  void aFreeServiceBooksWithoutPaymentInTheSpecShape() {
    fake.openSlot(REZA, REZA_CENTER, REZA_SERVICE, NINE);

    JsonNode body = book(REZA_CENTER, hold(reza(), NINE, TWENTY));

    assertThat(body.get("status").asInt()).isEqualTo(1);
    assertThat(body.get("message").asText()).isEqualTo(OK);
    assertThat(body.get("book_info").size()).isEqualTo(4);
    assertThat(body.at("/book_info/id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(body.at("/book_info/reference_code").asText()).matches("\\d{8}");
    assertThat(body.at("/book_info/from").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(body.at("/book_info/center_id").asText()).isEqualTo(REZA_CENTER);
    assertThat(body.get("details").size()).isEqualTo(1);
    assertThat(body.at("/payment/reqiure_payment").asText()).isEqualTo("0");
    assertThat(body.at("/payment/redirect_url").asText()).isEmpty();
    assertThat(fake.bookings()).singleElement().satisfies(b -> {
      assertThat(b.paymentRequired()).isFalse();
      assertThat(b.awaitingPayment()).isFalse();
    });
  }

  @Test
  void aPricedServiceNeedsPaymentAndItsFactorPageIsServed() {
    fake.openSlot(Fixtures.SLUG, CENTER, Fixtures.SERVICE, NINE);

    JsonNode body = book(CENTER, hold(Fixtures.ids(), NINE, Duration.ofMinutes(15)));
    String bookId = body.at("/book_info/id").asText();
    HttpResponse<String> factor = client.get("/factor/" + CENTER + "/" + bookId);

    assertThat(body.at("/payment/reqiure_payment").asText()).isEqualTo("1");
    assertThat(body.at("/payment/redirect_url").asText()).isEqualTo(fake.baseUrl() + "/factor/" + CENTER + "/" + bookId);
    assertThat(factor.statusCode()).isEqualTo(200);
    assertThat(fake.bookings()).singleElement().satisfies(b -> {
      assertThat(b.paymentRequired()).isTrue();
      assertThat(b.awaitingPayment()).isTrue();
    });
    assertThat(fake.markPaid(bookId)).isTrue();
    assertThat(fake.bookings().get(0).awaitingPayment()).isFalse();
  }

  @Test
  void theOnlineCenterNeedsPaymentEvenWhenUnpriced() {
    Instant evening = Instant.parse("2026-01-04T16:30:00Z");
    fake.openSlot(REZA, FakePaziresh24.ONLINE_CENTER_ID, Fixtures.ONLINE_SERVICE, evening);
    Map<String, String> online = Map.of("center_id", "5532", "service_id", Fixtures.ONLINE_SERVICE,
        "user_center_id", "3099");

    JsonNode body = book("5532", hold(online, evening, Duration.ofMinutes(10)));

    assertThat(body.at("/payment/reqiure_payment").asText()).isEqualTo("1");
    assertThat(body.at("/payment/redirect_url").asText()).endsWith("/factor/5532/" + body.at("/book_info/id").asText());
  }

  @Test
  void servicePriceAnswersInRials() {
    JsonNode priced = P24Client.json(client.get("/v1/service-price?center_id=" + CENTER + "&service_id="
        + Fixtures.SERVICE + "&user_center_id=" + Fixtures.USER_CENTER));
    JsonNode free = P24Client.json(client.get("/v1/service-price?center_id=1002&service_id=2003&user_center_id=3003"));
    HttpResponse<String> unknown = client.get("/v1/service-price?center_id=1&service_id=2&user_center_id=3");

    assertThat(priced.at("/result/service_price").asLong()).isEqualTo(1_500_000);
    assertThat(priced.at("/result/vat").asLong()).isEqualTo(45_000);
    assertThat(priced.at("/result/payable_cost").asLong()).isEqualTo(1_545_000);
    assertThat(priced.at("/result/currency").asText()).isEqualTo("ريال");
    assertThat(free.at("/result/payable_cost").asLong()).isZero();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(fake.requestCount(FakePaziresh24.SERVICE_PRICE)).isEqualTo(3);
  }

  @Test
  void moveBookPutsTheSameBookingOnTheHeldSlot() {
    fake.openSlots(REZA, REZA_CENTER, REZA_SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    JsonNode booked = book(REZA_CENTER, hold(reza(), NINE, TWENTY));
    String bookId = booked.at("/book_info/id").asText();
    Instant better = NINE.plus(TWENTY);
    String newHold = hold(reza(), better, TWENTY);

    JsonNode moved = move(REZA_CENTER, booked.at("/book_info/reference_code").asText(), newHold);
    JsonNode receipt = P24Client.json(client.get("/user/v1/book/" + REZA_CENTER + "/" + bookId));

    assertThat(moved.get("status").asInt()).isEqualTo(1);
    assertThat(moved.get("message").asText()).isEqualTo(OK);
    assertThat(fake.bookings()).singleElement().satisfies(b -> {
      assertThat(b.bookId()).isEqualTo(bookId);
      assertThat(b.slot().from()).isEqualTo(better);
    });
    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.freeSlots(REZA, REZA_CENTER, REZA_SERVICE)).extracting(FakeSlot::from).contains(NINE)
        .doesNotContain(better);
    assertThat(receipt.at("/data/book_id").asText()).isEqualTo(bookId);
    assertThat(receipt.at("/data/book_time").asLong()).isEqualTo(better.getEpochSecond());
    assertThat(receipt.at("/data/book_status").asText()).isEqualTo("not_visited");
    assertThat(fake.requests(FakePaziresh24.MOVE_BOOK)).singleElement()
        .satisfies(r -> assertThat(r.form().keySet()).containsExactlyInAnyOrder("center_id", "reference_code",
            "request_code"));
  }

  @Test
  void moveBookRefusesUnpaidBookingsUntilPaid() {
    fake.openSlots(Fixtures.SLUG, CENTER, Fixtures.SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    Duration quarter = Duration.ofMinutes(15);
    JsonNode booked = book(CENTER, hold(Fixtures.ids(), NINE, quarter));
    String reference = booked.at("/book_info/reference_code").asText();
    String newHold = hold(Fixtures.ids(), NINE.plus(quarter), quarter);

    JsonNode unpaid = move(CENTER, reference, newHold);
    fake.markPaid(booked.at("/book_info/id").asText());
    JsonNode paid = move(CENTER, reference, newHold);

    assertThat(unpaid.get("status").asInt()).isZero();
    assertThat(unpaid.get("message").asText()).isNotBlank();
    assertThat(paid.get("status").asInt()).isEqualTo(1);
  }

  @Test
  void moveBookRefusesOnlineVisitsDeletedBookingsAndBadHolds() {
    fake.openSlots(REZA, REZA_CENTER, REZA_SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    Instant evening = Instant.parse("2026-01-04T16:30:00Z");
    fake.openSlot(REZA, "5532", Fixtures.ONLINE_SERVICE, evening);
    fake.openSlot(REZA, "5532", Fixtures.ONLINE_SERVICE, evening.plus(Duration.ofMinutes(10)));
    Map<String, String> online = Map.of("center_id", "5532", "service_id", Fixtures.ONLINE_SERVICE,
        "user_center_id", "3099");
    JsonNode onlineBooking = book("5532", hold(online, evening, Duration.ofMinutes(10)));
    fake.markPaid(onlineBooking.at("/book_info/id").asText());
    JsonNode inPerson = book(REZA_CENTER, hold(reza(), NINE, TWENTY));
    String reference = inPerson.at("/book_info/reference_code").asText();

    JsonNode onlineMove = move("5532", onlineBooking.at("/book_info/reference_code").asText(),
        hold(online, evening.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10)));
    JsonNode unknownHold = move(REZA_CENTER, reference, "6b4a6c2e3b9d14.80457321");
    String expiring = hold(reza(), NINE.plus(TWENTY), TWENTY);
    clock.advance(Duration.ofMinutes(6));
    JsonNode expiredHold = move(REZA_CENTER, reference, expiring);
    String later = hold(reza(), NINE.plus(TWENTY.multipliedBy(2)), TWENTY);
    client.rpc("deleteBook", Map.of("center_id", REZA_CENTER, "reference_code", reference,
        "national_code", Fixtures.NATIONAL_CODE));
    JsonNode deleted = move(REZA_CENTER, reference, later);

    for (JsonNode refused : new JsonNode[] {onlineMove, unknownHold, expiredHold, deleted}) {
      assertThat(refused.get("status").asInt()).as("%s", refused).isZero();
      assertThat(refused.get("message").asText()).isNotBlank();
    }
    assertThat(fake.bookings()).extracting(b -> b.slot().from()).containsExactly(evening, NINE);
  }
}
