package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.CELL;
import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.patient;
import static io.github.slothunter.testkit.Fixtures.slot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receipt as the read-back of a booking, and the "lost bookings" fault. */
class FakePaziresh24ReceiptTest {
  private static final Duration QUARTER = Duration.ofMinutes(15);

  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.started(clock);
  private final P24Client client = new P24Client(fake.baseUrl(), TERMINAL_A).withToken(fake.login(CELL).token());

  @AfterEach
  void stop() {
    fake.close();
  }

  private JsonNode book(Instant from) {
    JsonNode held = client.rpc("suspend", slot(from, QUARTER));
    assertThat(held.get("status").asInt()).as("suspend %s", held).isEqualTo(1);
    JsonNode booked = client.rpc("book", patient(held.get("request_code").asText()));
    assertThat(booked.get("status").asInt()).as("book %s", booked).isEqualTo(1);
    return booked;
  }

  private HttpResponse<String> receipt(JsonNode booked) {
    return client.get("/user/v1/book/" + CENTER + "/" + booked.at("/book_info/id").asText());
  }

  @Test
  void receiptOfALiveBookingIsNotDeletedAndCarriesTheSlotStart() {
    JsonNode booked = book(NINE);

    JsonNode receipt = P24Client.json(receipt(booked)).get("data");

    assertThat(receipt.get("book_id").asText()).isEqualTo(booked.at("/book_info/id").asText());
    assertThat(receipt.get("book_time").isIntegralNumber()).isTrue();
    assertThat(receipt.get("book_time").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(receipt.get("is_deleted").isBoolean()).isTrue();
    assertThat(receipt.get("is_deleted").asBoolean()).isFalse();
    assertThat(receipt.get("book_status").asText()).isEqualTo("not_visited");
  }

  @Test
  void receiptOfACancelledBookingSaysDeletedAndStillGivesItsTime() {
    JsonNode booked = book(NINE);
    JsonNode cancelled = client.rpc("deleteBook", Map.of("center_id", CENTER,
        "reference_code", booked.at("/book_info/reference_code").asText(), "national_code", Fixtures.NATIONAL_CODE));

    HttpResponse<String> response = receipt(booked);

    assertThat(cancelled.get("status").asInt()).isEqualTo(1);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode receipt = P24Client.json(response).get("data");
    assertThat(receipt.get("is_deleted").asBoolean()).isTrue();
    assertThat(receipt.get("book_status").asText()).isEqualTo("deleted");
    assertThat(receipt.get("book_time").asLong()).isEqualTo(NINE.getEpochSecond());
  }

  @Test
  void lostBookingIsAnsweredAsBookedButNeverRecorded() {
    fake.loseBookings(true);

    JsonNode booked = book(NINE);

    assertThat(booked.at("/book_info/id").asText()).isNotBlank();
    String reference = booked.at("/book_info/reference_code").asText();
    assertThat(reference).isNotBlank();
    assertThat(receipt(booked).statusCode()).isEqualTo(404);
    assertThat(fake.bookings()).isEmpty();
    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).extracting(FakeSlot::from).doesNotContain(NINE);
    JsonNode cancel = client.rpc("deleteBook", Map.of("center_id", CENTER, "reference_code", reference,
        "national_code", Fixtures.NATIONAL_CODE));
    assertThat(cancel.get("status").asInt()).isZero();
  }

  @Test
  void bookingsAreRecordedAgainOnceTheFaultIsOff() {
    fake.loseBookings(true);
    JsonNode lost = book(NINE);
    fake.loseBookings(false);

    JsonNode kept = book(NINE.plus(QUARTER));

    assertThat(kept.at("/book_info/id").asText()).isNotEqualTo(lost.at("/book_info/id").asText());
    assertThat(fake.bookings()).extracting(FakeBooking::bookId).containsExactly(kept.at("/book_info/id").asText());
    assertThat(receipt(kept).statusCode()).isEqualTo(200);
    assertThat(receipt(lost).statusCode()).isEqualTo(404);
  }
}
