package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.DAY;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static io.github.slothunter.testkit.Fixtures.ids;
import static io.github.slothunter.testkit.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** getFreeDays in calendar mode (spec 4.1) and all-slots mode (4.1b), status 32 and 700 (2.1), shapes of spec 11. */
class FakePaziresh24FreeDaysTest {
  private static final String NO_FREE_SLOT = "عدم وجود نوبت خالی (تکمیل ظرفیت)";
  private static final String BOOKING_OFF = "نوبت دهی اینترنتی غیر فعال است";

  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.builder(clock).holiday(LocalDate.of(2026, 2, 11), "پیروزی انقلاب اسلامی")
      .build().start();
  private final P24Client client = new P24Client(fake.baseUrl(), null);

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Map<String, String> calendarMode() {
    return with(ids(), "return_free_turns", "false", "return_type", "calendar");
  }

  private static Map<String, String> allSlots() {
    return with(ids(), "return_type", "calendar");
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void calendarModeAnswersTheSpecShape() {
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));

    JsonNode body = client.rpc("getFreeDays", calendarMode());

    assertThat(body.get("status").asInt()).isEqualTo(1);
    assertThat(body.get("message").asText()).isEqualTo("درخواست شما با موفقیت انجام شد");
    assertThat(body.get("result").isArray()).isTrue();
    assertThat(body.get("result")).isEmpty();
    JsonNode cal = body.get("calendar");
    assertThat(cal.get("today_time").asText()).isEqualTo("2026-01-03T09:00:00+03:30");
    assertThat(cal.get("start_date").asText()).isEqualTo("2026-01-03");
    assertThat(cal.get("end_date").asText()).isEqualTo("2026-03-04");
    assertThat(cal.get("turns")).extracting(JsonNode::asLong).containsExactly(FakePaziresh24.tehranMidnight(DAY));
    assertThat(cal.get("no_freeturn_days").isArray()).isTrue();
    assertThat(cal.get("holidays").isObject()).isTrue();
    assertThat(cal.at("/holidays/" + FakePaziresh24.tehranMidnight(LocalDate.of(2026, 2, 11))).asText())
        .isEqualTo("پیروزی انقلاب اسلامی");
    // only Sunday has hours: every other weekday in JavaScript numbering (0 = Sunday)
    assertThat(cal.get("non_workdays").asText()).isEqualTo("1,2,3,4,5,6");
    assertThat(cal.get("non_turns_date").isArray()).isTrue();
    assertThat(cal.get("disabled_dates").isNull()).isTrue();
    assertThat(cal.get("evening_shift_change").asInt()).isZero();
    assertThat(body.get("has_more").asBoolean()).isFalse();
    assertThat(body.get("workhour_range").isNull()).isTrue();
  }

  @Test
  void allSlotsModeListsEachDaysSlotsInAWorkHourBlock() {
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    fake.takeSlot(SLUG, CENTER, SERVICE, Fixtures.NINE.plusSeconds(900));

    JsonNode body = client.rpc("getFreeDays", allSlots());
    JsonNode profile = P24Client.json(client.get("/api/full-profile/" + SLUG + "/"));

    String day = Long.toString(FakePaziresh24.tehranMidnight(DAY));
    assertThat(body.get("status").asInt()).isEqualTo(1);
    assertThat(body.get("result").isObject()).isTrue();
    assertThat(names(body.get("result"))).containsExactly(day);
    JsonNode block = body.at("/result/" + day + "/0");
    long nine = Fixtures.NINE.getEpochSecond();
    assertThat(block.get("from").asLong()).isEqualTo(nine);
    assertThat(names(block.get("turns"))).containsExactly(Long.toString(nine), Long.toString(nine + 1800),
        Long.toString(nine + 2700));
    assertThat(block.at("/turns/" + nine).asInt()).isZero();
    assertThat(block.get("slice").asInt()).isEqualTo(900);
    assertThat(block.get("rebook")).isEmpty();
    assertThat(block.at("/workhour_info/book_type_ids/0").asText()).isEqualTo("7");
    assertThat(block.at("/workhour_info/myself_from").asText()).isEqualTo("09:00:00.0000");
    assertThat(block.at("/workhour_info/myself_to").asText()).isEqualTo("10:00:00.0000");
    assertThat(block.at("/workhour_info/id").asText())
        .matches("[0-9a-f-]{36}")
        .isEqualTo(profile.at("/data/centers/0/services/0/hours_of_work/0/id").asText());
    assertThat(body.at("/calendar/start_date").asText()).isEqualTo("2026-01-03");
    assertThat(body.at("/calendar/end_date").asText()).isEqualTo("2026-01-13");
    assertThat(body.at("/calendar/turns")).extracting(JsonNode::asLong).containsExactly(FakePaziresh24.tehranMidnight(DAY));
    assertThat(body.get("has_more").asBoolean()).isFalse();
  }

  @Test
  void allSlotsModeCoversItsWindowOnlyWhileCalendarModeCoversTheBookingWindow() {
    LocalDate later = DAY.plusDays(15);
    fake.openSlots(SLUG, CENTER, SERVICE, later, LocalTime.of(9, 0), LocalTime.of(9, 30));

    JsonNode slots = client.rpc("getFreeDays", allSlots());
    JsonNode calendar = client.rpc("getFreeDays", calendarMode());

    assertThat(slots.get("status").asInt()).isEqualTo(1);
    assertThat(slots.get("result").isObject()).isTrue();
    assertThat(slots.get("result")).isEmpty();
    assertThat(slots.at("/calendar/turns")).isEmpty();
    assertThat(calendar.at("/calendar/turns")).extracting(JsonNode::asLong)
        .containsExactly(FakePaziresh24.tehranMidnight(later));
  }

  @Test
  void allSlotsWindowIsConfigurable() {
    try (FakePaziresh24 wide = Fixtures.builder(clock).allSlotsWindowDays(20).build().start()) {
      LocalDate later = DAY.plusDays(15);
      wide.openSlots(SLUG, CENTER, SERVICE, later, LocalTime.of(9, 0), LocalTime.of(9, 30));

      JsonNode body = new P24Client(wide.baseUrl(), null).rpc("getFreeDays", allSlots());

      assertThat(body.at("/calendar/end_date").asText()).isEqualTo("2026-01-23");
      assertThat(names(body.get("result"))).containsExactly(Long.toString(FakePaziresh24.tehranMidnight(later)));
    }
  }

  @Test
  void nothingFreeIsStatus32InBothModes() {
    JsonNode calendar = client.rpc("getFreeDays", calendarMode());
    JsonNode slots = client.rpc("getFreeDays", allSlots());

    for (JsonNode body : List.of(calendar, slots)) {
      assertThat(names(body)).containsExactly("status", "message", "result");
      assertThat(body.get("status").asInt()).isEqualTo(32);
      assertThat(body.get("message").asText()).isEqualTo(NO_FREE_SLOT);
      assertThat(body.get("result").isArray()).isTrue();
      assertThat(body.get("result")).isEmpty();
    }
  }

  @Test
  void slotsBeyondTheBookingWindowDoNotCount() {
    try (FakePaziresh24 narrow = Fixtures.builder(clock).bookingWindowDays(5).build().start()) {
      narrow.openSlot(SLUG, CENTER, SERVICE, Fixtures.NINE.plusSeconds(10 * 86_400));

      JsonNode body = new P24Client(narrow.baseUrl(), null).rpc("getFreeDays", calendarMode());

      assertThat(body.get("status").asInt()).isEqualTo(32);
    }
  }

  @Test
  void bookingOffIsStatus700UntilSwitchedBackOn() {
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    fake.bookingOff(SLUG, CENTER, SERVICE, true);

    JsonNode calendar = client.rpc("getFreeDays", calendarMode());
    JsonNode slots = client.rpc("getFreeDays", allSlots());
    JsonNode turns = client.rpc("getFreeTurns", with(ids(), "date", Long.toString(FakePaziresh24.tehranMidnight(DAY))));
    JsonNode profileOff = P24Client.json(client.get("/api/full-profile/" + SLUG + "/")).at("/data/centers/0");
    fake.bookingOff(SLUG, CENTER, SERVICE, false);
    JsonNode back = client.rpc("getFreeDays", calendarMode());
    JsonNode profileOn = P24Client.json(client.get("/api/full-profile/" + SLUG + "/")).at("/data/centers/0");

    for (JsonNode body : List.of(calendar, slots, turns)) {
      assertThat(names(body)).containsExactly("status", "message", "result");
      assertThat(body.get("status").asInt()).isEqualTo(700);
      assertThat(body.get("message").asText()).isEqualTo(BOOKING_OFF);
      assertThat(body.get("result")).isEmpty();
    }
    assertThat(profileOff.get("is_active").asBoolean()).isFalse();
    assertThat(profileOff.at("/services/0/can_booking").isNull()).isTrue();
    assertThat(profileOff.get("freeturn").isNull()).isTrue();
    assertThat(back.get("status").asInt()).isEqualTo(1);
    assertThat(profileOn.get("is_active").asBoolean()).isTrue();
    assertThat(profileOn.at("/services/0/can_booking").asInt()).isEqualTo(1);
  }

  @Test
  void bookingCanStartSwitchedOffFromTheBuilder() {
    try (FakePaziresh24 off = FakePaziresh24.builder().clock(clock)
        .doctor("dr-off", d -> d.center("c1", c -> c.service("s1", s -> s.userCenterId("u1").bookingOff(true)
            .day(DAY, LocalTime.of(9, 0), LocalTime.of(10, 0)))))
        .build().start()) {

      JsonNode body = new P24Client(off.baseUrl(), null).rpc("getFreeDays",
          Map.of("center_id", "c1", "service_id", "s1", "user_center_id", "u1"));

      assertThat(body.get("status").asInt()).isEqualTo(700);
    }
  }

  @Test
  void theRequestLogTellsAllSlotsCallsFromCalendarModeCalls() {
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    P24Client www = new P24Client(fake.baseUrl(), TERMINAL_A);

    client.rpc("getFreeDays", allSlots());
    client.rpc("getFreeDays", allSlots());
    P24Client.json(www.postMultipart("/api/getFreeDays", calendarMode()));

    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(3);
    assertThat(fake.allSlotsRequestCount()).isEqualTo(2);
    assertThat(fake.calendarModeRequestCount()).isEqualTo(1);
    assertThat(fake.requests(FakePaziresh24.GET_FREE_DAYS)).extracting(FakePaziresh24::isAllSlotsRequest)
        .containsExactly(true, true, false);
    assertThat(fake.requests(FakePaziresh24.GET_FREE_DAYS).get(2).field("return_free_turns")).hasValue("false");
  }
}
