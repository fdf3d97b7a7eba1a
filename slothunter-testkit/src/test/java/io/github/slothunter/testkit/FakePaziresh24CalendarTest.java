package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.DAY;
import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_B;
import static io.github.slothunter.testkit.Fixtures.ids;
import static io.github.slothunter.testkit.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakePaziresh24CalendarTest {
  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.started(clock);
  private final P24Client client = new P24Client(fake.baseUrl(), TERMINAL_A);

  @AfterEach
  void stop() {
    fake.close();
  }

  private static long midnight(java.time.LocalDate day) {
    return FakePaziresh24.tehranMidnight(day);
  }

  @Test
  void freeDaysAreTehranMidnightsOfDaysWithFreeSlots() {
    fake.openSlot(SLUG, CENTER, SERVICE, Instant.parse("2026-01-06T06:00:00Z"));

    JsonNode body = client.rpc("getFreeDays", with(ids(), "return_free_turns", "false", "return_type", "calendar"));

    assertThat(body.get("status").asInt()).isEqualTo(1);
    assertThat(body.at("/calendar/turns").findValuesAsText("x")).isEmpty();
    assertThat(body.at("/calendar/turns")).extracting(JsonNode::asLong)
        .containsExactly(midnight(DAY), midnight(DAY.plusDays(2)));
    assertThat(midnight(DAY)).isEqualTo(Instant.parse("2026-01-03T20:30:00Z").getEpochSecond());
  }

  @Test
  void bothBookingPathsAndBothFormEncodingsWork() {
    JsonNode wwwUrlEncoded = P24Client.json(client.postForm("/api/getFreeDays", ids()));
    JsonNode apigwMultipart = P24Client.json(client.postMultipart("/booking/v2/getFreeDays", ids()));

    assertThat(wwwUrlEncoded.get("status").asInt()).isEqualTo(1);
    assertThat(apigwMultipart).isEqualTo(wwwUrlEncoded);
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(2);
    assertThat(fake.requests(FakePaziresh24.GET_FREE_DAYS)).extracting(RecordedRequest::path)
        .containsExactly("/api/getFreeDays", "/booking/v2/getFreeDays");
    assertThat(fake.requests().get(1).form()).containsEntry("center_id", CENTER);
  }

  @Test
  void freeTurnsListTheDaysFreeSlotsWithWorkhourNumbers() {
    fake.takeSlot(SLUG, CENTER, SERVICE, NINE.plus(Duration.ofMinutes(15)));

    JsonNode body = client.rpc("getFreeTurns", with(ids(), "date", Long.toString(midnight(DAY))));

    assertThat(body.get("status").asInt()).isEqualTo(1);
    JsonNode result = body.get("result");
    assertThat(result).hasSize(3);
    assertThat(result.get(0).get("from").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(result.get(0).get("to").asLong()).isEqualTo(NINE.plusSeconds(900).getEpochSecond());
    assertThat(result).extracting(n -> n.get("workhour_turn_num").asInt()).containsExactly(1, 3, 4);
  }

  @Test
  void freeTurnsAcceptAnyInstantOfTheDayAndGiveAnEmptyListForEmptyDays() {
    JsonNode noon = client.rpc("getFreeTurns", with(ids(), "date", Long.toString(midnight(DAY) + 3600 * 12)));
    JsonNode empty = client.rpc("getFreeTurns", with(ids(), "date", Long.toString(midnight(DAY.plusDays(5)))));

    assertThat(noon.get("result")).hasSize(4);
    assertThat(empty.get("status").asInt()).isEqualTo(1);
    assertThat(empty.get("result")).isEmpty();
  }

  @Test
  void freeTurnsNeedAValidDate() {
    JsonNode missing = client.rpc("getFreeTurns", ids());
    JsonNode malformed = client.rpc("getFreeTurns", with(ids(), "date", "tomorrow"));

    assertThat(missing.get("status").asInt()).isZero();
    assertThat(missing.at("/details/date").asText()).isNotBlank();
    assertThat(malformed.get("status").asInt()).isZero();
  }

  @Test
  void pastTakenAndHeldSlotsAreNotFree() {
    fake.takeSlot(SLUG, CENTER, SERVICE, NINE);
    client.rpc("suspend", Fixtures.slot(NINE.plusSeconds(900), Duration.ofMinutes(15)));

    clock.set(NINE.plus(Duration.ofMinutes(31)));

    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).extracting(FakeSlot::from)
        .containsExactly(NINE.plus(Duration.ofMinutes(45)));
    assertThat(fake.freeSlots()).hasSize(1);
  }

  @Test
  void missingIdsGiveStatus0WithDetails() {
    JsonNode body = client.rpc("getFreeDays", Map.of("center_id", CENTER));

    assertThat(body.get("status").asInt()).isZero();
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.get("details").has("service_id")).isTrue();
    assertThat(body.get("details").has("user_center_id")).isTrue();
    assertThat(body.get("details").has("center_id")).isFalse();
  }

  @Test
  void idsMayComeAsHeaders() {
    P24Client bare = new P24Client(fake.baseUrl(), TERMINAL_A);

    JsonNode body = P24Client.json(P24Client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(fake.baseUrl() + "/booking/v2/getFreeDays"))
        .header("terminal_id", TERMINAL_A).header("center_id", CENTER).header("server_id", "1")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("service_id=" + SERVICE + "&user_center_id="
            + Fixtures.USER_CENTER)).build()));

    assertThat(bare.terminal()).isEqualTo(TERMINAL_A);
    assertThat(body.get("status").asInt()).isEqualTo(1);
  }

  @Test
  void unknownCenterServiceOrUserCenterGiveStatus0() {
    JsonNode center = client.rpc("getFreeDays", with(ids(), "center_id", "999"));
    JsonNode service = client.rpc("getFreeDays", with(ids(), "service_id", "999"));
    JsonNode userCenter = client.rpc("getFreeDays", with(ids(), "user_center_id", "999"));
    JsonNode server = client.rpc("getFreeDays", with(ids(), "server_id", "9"));

    assertThat(center.get("status").asInt()).isZero();
    assertThat(service.get("status").asInt()).isZero();
    assertThat(userCenter.get("status").asInt()).isZero();
    assertThat(userCenter.at("/details/user_center_id").isMissingNode()).isFalse();
    assertThat(server.get("status").asInt()).isZero();
    assertThat(center.get("message").asText()).isNotEqualTo(service.get("message").asText());
  }

  @Test
  void terminalIdMayBeAbsentOnReadsButMustBeWellFormed() {
    JsonNode none = new P24Client(fake.baseUrl(), null).rpc("getFreeDays", ids());
    JsonNode garbage = new P24Client(fake.baseUrl(), "my-terminal").rpc("getFreeDays", ids());
    JsonNode uuidV1 = new P24Client(fake.baseUrl(), "3f2b8c1e-7d4a-1e9b-a1c2-5d6e7f8a9b0c").rpc("getFreeDays", ids());
    JsonNode clinic = new P24Client(fake.baseUrl(), TERMINAL_B).rpc("getFreeDays", ids());
    JsonNode inForm = new P24Client(fake.baseUrl(), null).rpc("getFreeDays", with(ids(), "terminal_id", TERMINAL_A));

    // spec 2.2: pure reads (getFreeDays) work without a terminal id
    assertThat(none.get("status").asInt()).isEqualTo(1);
    JsonNode holdWithout = new P24Client(fake.baseUrl(), null).rpc("suspend", Fixtures.slot(NINE, Duration.ofMinutes(15)));
    assertThat(holdWithout.get("status").asInt()).isZero();
    assertThat(holdWithout.at("/details/terminal_id").asText()).isNotBlank();
    assertThat(garbage.get("status").asInt()).isZero();
    assertThat(uuidV1.get("status").asInt()).isZero();
    assertThat(clinic.get("status").asInt()).isEqualTo(1);
    assertThat(inForm.get("status").asInt()).isEqualTo(1);
  }

  @Test
  void notBookableServicesGiveStatus700() {
    try (FakePaziresh24 f = FakePaziresh24.builder().clock(clock)
        .doctor("dr-x", d -> d.center("1", c -> c.service("2", s -> s.userCenterId("3").bookable(false))
            .service("4", s -> s.userCenterId("3").hoursOfWork(""))))
        .build().start()) {
      P24Client c = new P24Client(f.baseUrl(), TERMINAL_A);

      JsonNode notBooking = c.rpc("getFreeDays", Map.of("center_id", "1", "service_id", "2", "user_center_id", "3"));
      JsonNode noHours = c.rpc("getFreeDays", Map.of("center_id", "1", "service_id", "4", "user_center_id", "3"));

      // spec 2.1: 700 = online booking off, or the service is not bookable online
      assertThat(notBooking.get("status").asInt()).isEqualTo(700);
      assertThat(noHours.get("status").asInt()).isEqualTo(700);
      assertThat(notBooking.get("message").asText()).isEqualTo("نوبت دهی اینترنتی غیر فعال است");
    }
  }

  @Test
  void sharedOnlineCenterIsResolvedByUserCenterId() {
    Instant evening = Instant.parse("2026-01-04T16:30:00Z");
    fake.openSlot("dr-reza-karimi", FakePaziresh24.ONLINE_CENTER_ID, Fixtures.ONLINE_SERVICE, evening);
    Map<String, String> reza = Map.of("center_id", "5532", "service_id", Fixtures.ONLINE_SERVICE,
        "user_center_id", "3099");
    Map<String, String> sara = Map.of("center_id", "5532", "service_id", Fixtures.ONLINE_SERVICE,
        "user_center_id", Fixtures.ONLINE_USER_CENTER);

    JsonNode rezaDays = client.rpc("getFreeDays", reza);
    JsonNode saraDays = client.rpc("getFreeDays", sara);

    assertThat(rezaDays.at("/calendar/turns")).hasSize(1);
    assertThat(saraDays.get("status").asInt()).isEqualTo(32);
  }

  @Test
  void firstFreeTurnHoldsTheEarliestSlot() {
    JsonNode body = client.rpc("getFreeTurn", with(ids(), "type", "web"));

    assertThat(body.get("status").asInt()).isEqualTo(1);
    assertThat(body.at("/result/from").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(body.at("/result/request_code").asText()).isNotBlank();
    assertThat(body.at("/result/full_date").asText()).isEqualTo("فردا (یکشنبه)  - ساعت: ۰۹:۰۰");
    assertThat(body.at("/result/time").asText()).isEqualTo("09:00");
    assertThat(body.at("/result/date").asText()).isEqualTo("1404-10-14");
    assertThat(body.get("server_id").asText()).isEqualTo("1");
    assertThat(fake.outstandingHolds()).isEqualTo(1);
    assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).hasSize(3);
  }

  @Test
  void firstFreeTurnWithNothingFreeGivesStatus0() {
    for (FakeSlot s : fake.freeSlots(SLUG, CENTER, SERVICE)) {
      fake.takeSlot(SLUG, CENTER, SERVICE, s.from());
    }

    JsonNode body = client.rpc("getFreeTurn", ids());

    assertThat(body.get("status").asInt()).isZero();
    assertThat(fake.outstandingHolds()).isZero();
  }

  @Test
  void openSlotsCutsTheDayIntoServiceLengthSlotsAndReopensTakenOnes() {
    java.util.List<FakeSlot> opened = fake.openSlots(SLUG, CENTER, SERVICE, DAY.plusDays(1), LocalTime.of(9, 0),
        LocalTime.of(9, 40));
    fake.takeSlot(SLUG, CENTER, SERVICE, opened.get(0).from());
    clock.advance(Duration.ofMinutes(1));

    FakeSlot reopened = fake.openSlot(SLUG, CENTER, SERVICE, opened.get(0).from());

    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).length()).isEqualTo(Duration.ofMinutes(15));
    assertThat(opened.get(0).releasedAt()).isEqualTo(Instant.parse(Fixtures.START));
    assertThat(reopened.releasedAt()).isEqualTo(clock.instant());
    assertThat(fake.releaseTime(opened.get(0).from())).hasValue(clock.instant());
    assertThat(fake.releaseTime(SLUG, CENTER, SERVICE, opened.get(1).from())).hasValue(Instant.parse(Fixtures.START));
    assertThat(fake.releaseTime(Instant.EPOCH)).isEmpty();
  }

  @Test
  void takeSlotOnlyTakesFreeSlots() {
    assertThat(fake.takeSlot(SLUG, CENTER, SERVICE, NINE)).isTrue();
    assertThat(fake.takeSlot(SLUG, CENTER, SERVICE, NINE)).isFalse();
    assertThat(fake.takeSlot(SLUG, CENTER, SERVICE, NINE.plusSeconds(60))).isFalse();
  }

  @Test
  void calendarMistakesAreProgrammingErrors() {
    assertThatThrownBy(() -> fake.openSlot(SLUG, CENTER, "nope", NINE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> fake.openSlot(SLUG, CENTER, SERVICE, NINE.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
    assertThatThrownBy(() -> fake.freeSlots("dr-nobody", CENTER, SERVICE)).isInstanceOf(IllegalArgumentException.class);
  }
}
