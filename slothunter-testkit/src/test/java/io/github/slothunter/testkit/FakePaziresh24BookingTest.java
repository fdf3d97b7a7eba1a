package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.CELL;
import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_B;
import static io.github.slothunter.testkit.Fixtures.patient;
import static io.github.slothunter.testkit.Fixtures.slot;
import static io.github.slothunter.testkit.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakePaziresh24BookingTest {
  private static final Duration QUARTER = Duration.ofMinutes(15);

  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.started(clock);
  private final FakeAccount account = fake.login(CELL);
  private final P24Client a = new P24Client(fake.baseUrl(), TERMINAL_A).withToken(account.token());
  private final P24Client b = new P24Client(fake.baseUrl(), TERMINAL_B);

  @AfterEach
  void stop() {
    fake.close();
  }

  private String hold(P24Client client, Instant from) {
    JsonNode body = client.rpc("suspend", slot(from, QUARTER));
    assertThat(body.get("status").asInt()).as("suspend %s", body).isEqualTo(1);
    return body.get("request_code").asText();
  }

  @Test
  void suspendHoldsTheSlotForItsTerminal() {
    String code = hold(a, NINE);

    assertThat(code).as("PHP uniqid(\"\", true), spec 2.2").matches("[0-9a-f]{13}[0-9]\\.[0-9]{8}");
    assertThat(Long.parseLong(code.substring(0, 8), 16)).isEqualTo(clock.instant().getEpochSecond());
    assertThat(fake.outstandingHolds()).isEqualTo(1);
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).extracting(FakeSlot::from).doesNotContain(NINE);
    assertThat(hold(a, NINE)).as("same terminal, same slot: same hold").isEqualTo(code);
    assertThat(fake.outstandingHolds()).isEqualTo(1);
  }

  @Test
  void suspendOfAnUnknownOrPastSlotGivesStatus0() {
    JsonNode unknown = a.rpc("suspend", slot(NINE.plusSeconds(60), QUARTER));
    JsonNode wrongEnd = a.rpc("suspend", slot(NINE, Duration.ofMinutes(20)));
    JsonNode missing = a.rpc("suspend", Fixtures.ids());
    clock.set(NINE.plusSeconds(1));
    JsonNode past = a.rpc("suspend", slot(NINE, QUARTER));

    assertThat(unknown.get("status").asInt()).isZero();
    assertThat(wrongEnd.get("status").asInt()).isZero();
    assertThat(missing.get("status").asInt()).isZero();
    assertThat(missing.get("details").has("from")).isTrue();
    assertThat(past.get("status").asInt()).isZero();
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void expiredHoldFreesTheSlotAtItsExpiry() {
    hold(a, NINE);
    clock.advance(Duration.ofMinutes(4));
    assertThat(fake.outstandingHolds()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(2));

    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).first().satisfies(s -> {
      assertThat(s.from()).isEqualTo(NINE);
      assertThat(s.releasedAt()).isEqualTo(Instant.parse(Fixtures.START).plus(Duration.ofMinutes(5)));
    });
  }

  @Test
  void holdTtlIsConfigurable() {
    try (FakePaziresh24 f = Fixtures.builder(clock).holdTtl(Duration.ofSeconds(30)).build().start()) {
      f.openSlot(SLUG, CENTER, SERVICE, NINE);
      new P24Client(f.baseUrl(), TERMINAL_A).rpc("suspend", slot(NINE, QUARTER));

      clock.advance(Duration.ofSeconds(30));

      assertThat(f.outstandingHolds()).isZero();
    }
  }

  @Test
  void twoTerminalsRacingForOneSlotGetOneHold() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<JsonNode>> racers = new ArrayList<>();
    for (P24Client c : List.of(a, b)) {
      racers.add(() -> {
        go.await();
        return c.rpc("suspend", slot(NINE, QUARTER));
      });
    }
    List<Future<JsonNode>> results = new ArrayList<>();
    for (Callable<JsonNode> r : racers) {
      results.add(pool.submit(r));
    }

    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<JsonNode> f : results) {
      statuses.add(f.get(10, TimeUnit.SECONDS).get("status").asInt());
    }
    pool.shutdown();

    assertThat(statuses).containsExactlyInAnyOrder(1, 300);
    assertThat(fake.outstandingHolds()).isEqualTo(1);
  }

  @Test
  void suspendOfATakenSlotGivesStatus300() {
    fake.takeSlot(SLUG, CENTER, SERVICE, NINE);

    JsonNode body = a.rpc("suspend", slot(NINE, QUARTER));

    assertThat(body.get("status").asInt()).isEqualTo(300);
    assertThat(body.get("message").asText()).isNotBlank();
  }

  @Test
  void unsuspendIsIdempotentAndBoundToTheTerminal() {
    String code = hold(a, NINE);
    Map<String, String> release = Map.of("center_id", CENTER, "server_id", "1", "request_code", code);

    JsonNode foreign = b.rpc("unsuspend", release);
    assertThat(fake.outstandingHolds()).as("another terminal cannot release it").isEqualTo(1);
    JsonNode first = a.rpc("unsuspend", release);
    JsonNode second = a.rpc("unsuspend", release);
    JsonNode unknown = a.rpc("unsuspend", Map.of("center_id", CENTER, "request_code", "nope"));

    assertThat(foreign.get("status").asInt()).isEqualTo(1);
    assertThat(first.get("status").asInt()).isEqualTo(1);
    assertThat(second.get("status").asInt()).isEqualTo(1);
    assertThat(unknown.get("status").asInt()).isEqualTo(1);
    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE).get(0).releasedAt()).isEqualTo(clock.instant());
    assertThat(a.rpc("unsuspend", Map.of("center_id", CENTER)).get("status").asInt()).isZero();
  }

  @Test
  void bookTurnsTheHoldIntoABookingWithATrackingCode() {
    String code = hold(a, NINE);
    clock.advance(Duration.ofSeconds(2));

    JsonNode body = P24Client.json(a.postMultipart("/api/book", patient(code)));

    assertThat(body.get("status").asInt()).isEqualTo(1);
    String bookId = body.at("/book_info/id").asText();
    String reference = body.at("/book_info/reference_code").asText();
    assertThat(bookId).isNotBlank();
    assertThat(reference).matches("\\d{8}");
    assertThat(body.at("/book_info/from").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(body.at("/book_info/center_id").asText()).isEqualTo(CENTER);
    assertThat(body.at("/details/from").asLong()).isEqualTo(NINE.getEpochSecond());
    // the fixture's in-person service is priced (free_price 1,500,000 rials): payment required (spec 5.6)
    assertThat(body.at("/payment/reqiure_payment").asText()).isEqualTo("1");
    assertThat(body.at("/payment/redirect_url").asText()).isEqualTo(fake.baseUrl() + "/factor/" + CENTER + "/" + bookId);
    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.bookings()).singleElement().satisfies(bk -> {
      assertThat(bk.bookId()).isEqualTo(bookId);
      assertThat(bk.referenceCode()).isEqualTo(reference);
      assertThat(bk.slot().from()).isEqualTo(NINE);
      assertThat(bk.userId()).isEqualTo(account.userId());
      assertThat(bk.terminalId()).isEqualTo(TERMINAL_A);
      assertThat(bk.nationalCode()).isEqualTo(Fixtures.NATIONAL_CODE);
      assertThat(bk.cell()).isEqualTo(CELL);
      assertThat(bk.bookedAt()).isEqualTo(clock.instant());
      assertThat(bk.cancelled()).isFalse();
      assertThat(bk.selectedUserId()).isEqualTo("1");
      assertThat(bk.toString()).doesNotContain(Fixtures.NATIONAL_CODE, CELL, "سارا");
    });
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).extracting(FakeSlot::from).doesNotContain(NINE);
    assertThat(P24Client.json(a.postForm("/booking/v2/book", patient(code))).get("status").asInt())
        .as("booking the same hold twice").isEqualTo(300);
  }

  @Test
  void bookRecordsTheFamilyMemberItWasMadeFor() {
    FakeAccountUser son = fake.addAccountUser(CELL, "علی", "احمدی", "0499370899", "09351234567");
    String code = hold(a, NINE);

    JsonNode body = P24Client.json(a.postForm("/api/book", with(patient(code), "first_name", "علی",
        "cell", "09351234567", "national_code", "0499370899", "selected_user_id", son.id())));

    assertThat(body.get("status").asInt()).isEqualTo(1);
    assertThat(fake.bookings()).singleElement().satisfies(bk -> {
      assertThat(bk.selectedUserId()).isEqualTo(son.id());
      assertThat(bk.userId()).as("the account that booked").isEqualTo(account.userId());
      assertThat(bk.firstName()).isEqualTo("علی");
      assertThat(bk.nationalCode()).isEqualTo("0499370899");
    });
  }

  @Test
  void aBookWithoutSelectedUserIdRecordsNone() {
    String code = hold(a, NINE);
    Map<String, String> form = new java.util.LinkedHashMap<>(patient(code));
    form.remove("selected_user_id");

    assertThat(P24Client.json(a.postForm("/api/book", form)).get("status").asInt()).isEqualTo(1);

    assertThat(fake.bookings()).singleElement().satisfies(bk -> assertThat(bk.selectedUserId()).isEmpty());
  }

  @Test
  void bookWithoutAValidTokenIs401() {
    String code = hold(a, NINE);

    HttpResponse<String> anonymous = b.postForm("/api/book", patient(code));
    HttpResponse<String> forged = new P24Client(fake.baseUrl(), TERMINAL_A).withToken("forged")
        .postForm("/api/book", patient(code));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(P24Client.json(anonymous).get("status").asInt()).isZero();
    assertThat(P24Client.json(anonymous).get("message").asText()).isNotBlank();
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(fake.outstandingHolds()).isEqualTo(1);
  }

  @Test
  void expiredTokenIs401() {
    String code = hold(a, NINE);
    clock.advance(Duration.ofHours(24));

    HttpResponse<String> response = a.postForm("/api/book", patient(code));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void bookValidatesThePatientLikeTheSite() {
    String code = hold(a, NINE);

    JsonNode badCode = a.rpc("book", with(patient(code), "national_code", "0012345678"));
    JsonNode badCell = a.rpc("book", with(patient(code), "cell", "9121234567"));
    JsonNode noName = a.rpc("book", with(patient(code), "first_name", " "));
    JsonNode foreigner = a.rpc("book", with(patient(code), "national_code", "", "is_foreigner", "1"));

    assertThat(badCode.get("status").asInt()).isZero();
    assertThat(badCode.at("/details/کد ملی").asText()).isNotBlank();
    assertThat(badCell.at("/details/تلفن همراه").asText()).isNotBlank();
    assertThat(noName.at("/details/نام").asText()).isNotBlank();
    assertThat(foreigner.get("status").asInt()).isEqualTo(1);
  }

  @Test
  void bookNeedsTheRequestCodeAndTheHoldsCenter() {
    String code = hold(a, NINE);

    JsonNode missing = a.rpc("book", with(patient(code), "request_code", ""));
    JsonNode otherCenter = a.rpc("book", with(patient(code), "center_id", "5532"));

    assertThat(missing.get("details").has("request_code")).isTrue();
    assertThat(otherCenter.get("status").asInt()).isZero();
    assertThat(fake.outstandingHolds()).isEqualTo(1);
  }

  @Test
  void bookFromAnotherTerminalOrAfterExpiryGivesStatus300() {
    String code = hold(a, NINE);
    P24Client otherTerminal = new P24Client(fake.baseUrl(), TERMINAL_B).withToken(account.token());

    JsonNode foreign = otherTerminal.rpc("book", patient(code));
    clock.advance(Duration.ofMinutes(5));
    JsonNode expired = a.rpc("book", patient(code));
    JsonNode unknown = a.rpc("book", patient("feedface"));

    assertThat(foreign.get("status").asInt()).isEqualTo(300);
    assertThat(expired.get("status").asInt()).isEqualTo(300);
    assertThat(unknown.get("status").asInt()).isEqualTo(300);
    assertThat(fake.bookings()).isEmpty();
  }

  @Test
  void slotTakenBetweenHoldAndBookGivesStatus300() {
    fake.faults().takeSlotAfterHold();
    String code = hold(a, NINE);

    JsonNode body = a.rpc("book", patient(code));

    assertThat(body.get("status").asInt()).isEqualTo(300);
    assertThat(fake.outstandingHolds()).isZero();
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).extracting(FakeSlot::from).doesNotContain(NINE);
    assertThat(a.rpc("unsuspend", Map.of("center_id", CENTER, "request_code", code)).get("status").asInt())
        .isEqualTo(1);
    assertThat(hold(a, NINE.plus(QUARTER))).as("the fault fires once").isNotBlank();
    assertThat(fake.outstandingHolds()).isEqualTo(1);
  }

  @Test
  void deleteBookCancelsAndFreesTheSlot() {
    JsonNode booked = a.rpc("book", patient(hold(a, NINE)));
    String reference = booked.at("/book_info/reference_code").asText();
    clock.advance(Duration.ofMinutes(1));

    JsonNode wrongCode = a.rpc("deleteBook", Map.of("center_id", CENTER, "reference_code", reference,
        "national_code", "0499370899"));
    JsonNode unknown = a.rpc("deleteBook", Map.of("center_id", CENTER, "reference_code", "1",
        "national_code", Fixtures.NATIONAL_CODE));
    JsonNode ok = P24Client.json(a.postForm("/moshir/v1/deleteBook", Map.of("center_id", CENTER,
        "reference_code", reference, "national_code", Fixtures.NATIONAL_CODE)));
    JsonNode again = a.rpc("deleteBook", Map.of("center_id", CENTER, "reference_code", reference,
        "national_code", Fixtures.NATIONAL_CODE));
    JsonNode missing = a.rpc("deleteBook", Map.of("center_id", CENTER));

    assertThat(wrongCode.get("status").asInt()).isZero();
    assertThat(unknown.get("status").asInt()).isZero();
    assertThat(ok.get("status").asInt()).isEqualTo(1);
    assertThat(again.get("status").asInt()).isZero();
    assertThat(missing.get("details").has("reference_code")).isTrue();
    assertThat(fake.bookings().get(0).cancelled()).isTrue();
    assertThat(fake.releaseTime(NINE)).hasValue(clock.instant());
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).extracting(FakeSlot::from).contains(NINE);
    assertThat(fake.requestCount(FakePaziresh24.DELETE_BOOK)).isEqualTo(5);
  }

  @Test
  void receiptShowsTheBookingToItsOwnerOnly() {
    JsonNode booked = a.rpc("book", patient(hold(a, NINE)));
    String bookId = booked.at("/book_info/id").asText();
    String path = "/user/v1/book/" + CENTER + "/" + bookId;

    JsonNode receipt = P24Client.json(a.get(path)).get("data");
    HttpResponse<String> anonymous = b.get(path);
    HttpResponse<String> stranger = new P24Client(fake.baseUrl(), TERMINAL_B)
        .withToken(fake.login("09351234567").token()).get(path);
    HttpResponse<String> missing = a.get("/user/v1/book/" + CENTER + "/nope");

    assertThat(receipt.get("book_id").asText()).isEqualTo(bookId);
    assertThat(receipt.get("reference_code").asText()).isEqualTo(booked.at("/book_info/reference_code").asText());
    assertThat(receipt.get("book_time").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(receipt.at("/doctor/slug").asText()).isEqualTo(SLUG);
    assertThat(receipt.at("/doctor/display_name").asText()).isEqualTo("دکتر سارا احمدی");
    assertThat(receipt.at("/center/address").asText()).isEqualTo("تهران، ولیعصر");
    assertThat(receipt.get("is_deleted").asBoolean()).isFalse();
    assertThat(receipt.get("book_status").asText()).isNotBlank();
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void duplicateBookingsWithOneDoctorAreRefusedWhenEnabled() {
    try (FakePaziresh24 f = Fixtures.builder(clock).rejectDuplicateBookings(true).build().start()) {
      f.openSlot(SLUG, CENTER, SERVICE, NINE);
      f.openSlot(SLUG, CENTER, SERVICE, NINE.plus(QUARTER));
      P24Client c = new P24Client(f.baseUrl(), TERMINAL_A).withToken(f.login(CELL).token());
      String first = c.rpc("suspend", slot(NINE, QUARTER)).get("request_code").asText();
      String second = c.rpc("suspend", slot(NINE.plus(QUARTER), QUARTER)).get("request_code").asText();

      JsonNode ok = c.rpc("book", patient(first));
      JsonNode duplicate = c.rpc("book", patient(second));

      assertThat(ok.get("status").asInt()).isEqualTo(1);
      assertThat(duplicate.get("status").asInt()).isZero();
      assertThat(f.outstandingHolds()).isEqualTo(1);
    }
  }

  @Test
  void setTerminalMintsAClinicUniqidWhateverTheBrowserSent() {
    JsonNode fromUuid = P24Client.json(new P24Client(fake.baseUrl(), null).postForm("/api/setTerminal",
        Map.of("terminal_id", TERMINAL_A, "details", "Mozilla", "ip", "0.0.0.0", "type", "web", "version", "1")));
    JsonNode issued = P24Client.json(new P24Client(fake.baseUrl(), null).postForm("/api/setTerminal",
        Map.of("type", "web")));

    assertThat(fromUuid.size()).as("only id, spec 11").isEqualTo(1);
    assertThat(fromUuid.get("id").asText()).matches("^clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}$");
    assertThat(Long.parseLong(fromUuid.get("id").asText().substring(7, 15), 16))
        .isEqualTo(clock.instant().getEpochSecond());
    assertThat(issued.get("id").asText()).matches("^clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}$")
        .isNotEqualTo(fromUuid.get("id").asText());
    assertThat(fake.mintedTerminals()).containsExactlyInAnyOrder(fromUuid.get("id").asText(), issued.get("id").asText());
    JsonNode usable = new P24Client(fake.baseUrl(), issued.get("id").asText()).rpc("getFreeDays", Fixtures.ids());
    assertThat(usable.get("status").asInt()).isEqualTo(1);
  }

  @Test
  void cookiesCarryTheTokenAndTerminal() {
    String code = hold(a, NINE);

    JsonNode body = P24Client.json(P24Client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(fake.baseUrl() + "/api/book"))
        .header("Cookie", "token=" + account.token() + "; terminal_id=" + TERMINAL_A)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("request_code=" + code + "&center_id=" + CENTER
            + "&first_name=a&last_name=b&cell=" + CELL + "&national_code=" + Fixtures.NATIONAL_CODE))
        .build()));

    assertThat(body.get("status").asInt()).isEqualTo(1);
  }
}
