package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A poll's one request: getFreeDays in all-slots mode (spec 4.1b), and the status table rows of
 * getFreeDays (spec 2.1), against fixtures in the spec 11 shapes.
 */
class Paziresh24CalendarTest extends WireMockSupport {
  private static final String FREE_DAYS = "/booking/v2/getFreeDays";
  private static final LocalDate SATURDAY = LocalDate.of(2027, 1, 16);
  private static final LocalDate SUNDAY = LocalDate.of(2027, 1, 17);

  @Test
  void asksForAllSlotsByLeavingReturnFreeTurnsOut() {
    stubPost(FREE_DAYS, 200, fixture("free-days-all-slots.json"));

    provider().slots().freeCalendar(target());

    LoggedRequest r = single(FREE_DAYS);
    Map<String, String> form = form(r);
    assertThat(form).doesNotContainKey("return_free_turns").containsEntry("return_type", "calendar")
        .containsEntry("center_id", "12345").containsEntry("service_id", "2001").containsEntry("user_center_id", "77001")
        .containsEntry("server_id", "1");
    assertThat(wm.getAllServeEvents()).hasSize(1);
  }

  @Test
  void readsEverySlotOfTheWindowFromOneAnswer() {
    stubPost(FREE_DAYS, 200, fixture("free-days-all-slots.json"));

    FreeCalendar c = provider().slots().freeCalendar(target());

    assertThat(c.fullyBooked()).isFalse();
    assertThat(c.fallback()).isNull();
    assertThat(c.freeDays()).containsExactly(SATURDAY, SUNDAY);
    assertThat(c.daysThrough()).isEqualTo(LocalDate.of(2027, 1, 25));
    assertThat(c.slotsOf(SATURDAY).orElseThrow()).extracting(Slot::providerSlotKey)
        .containsExactly("1800102600-1800103500", "1800103500-1800104400", "1800105300-1800106200");
    Slot first = c.slotsOf(SATURDAY).orElseThrow().get(0);
    assertThat(first.target()).isEqualTo(target());
    assertThat(first.start()).isEqualTo(Instant.ofEpochSecond(1_800_102_600L));
    assertThat(first.length()).isEqualTo(Duration.ofMinutes(15));
    assertThat(first.startIn(io.github.slothunter.api.SlotHunterZones.TEHRAN).toLocalTime())
        .hasToString("16:00");
    assertThat(c.slotsOf(SUNDAY).orElseThrow()).hasSize(2);
    assertThat(c.allSlots()).hasSize(5);
  }

  @Test
  void namesASlotAsGetFreeTurnsDoesSoBothPathsAgree() {
    stubPost(FREE_DAYS, 200, fixture("free-days-all-slots.json"));
    stubPost("/booking/v2/getFreeTurns", 200, fixture("free-turns-spec.json"));
    SlotWatcher slots = provider().slots();

    FreeCalendar c = slots.freeCalendar(target());

    assertThat(slots.freeSlots(target(), SATURDAY)).isEqualTo(c.slotsOf(SATURDAY).orElseThrow());
  }

  @Test
  void leavesAFreeDayTheAnswerDidNotListToGetFreeTurns() {
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"result\":{\"1800045000\":[{\"from\":1800102600,"
        + "\"turns\":{\"1800102600\":0},\"slice\":600}]},\"calendar\":{\"start_date\":\"2027-01-15\","
        + "\"end_date\":\"2027-01-25\",\"turns\":[1800045000,1800131400]}}");

    FreeCalendar c = provider().slots().freeCalendar(target());

    assertThat(c.freeDays()).containsExactly(SATURDAY, SUNDAY);
    assertThat(c.slotsOf(SATURDAY).orElseThrow()).singleElement()
        .satisfies(s -> assertThat(s.length()).isEqualTo(Duration.ofMinutes(10)));
    assertThat(c.slotsOf(SUNDAY)).isEmpty();
  }

  @Test
  void aFullCalendarIsAnEmptySuccessfulAnswerInBothModes() {
    stubPost(FREE_DAYS, 200, fixture("free-days-full.json"));
    SlotWatcher slots = provider().slots();

    FreeCalendar c = slots.freeCalendar(target());

    assertThat(c.fullyBooked()).isTrue();
    assertThat(c.freeDays()).isEmpty();
    assertThat(c.daysThrough()).isNull();
    assertThat(slots.freeDays(target())).isEmpty();
    assertThat(count(FREE_DAYS)).isEqualTo(2);
  }

  @Test
  void bookingSwitchedOffIsItsOwnErrorNotAProtocolOne() {
    stubPost(FREE_DAYS, 200, fixture("free-days-booking-off.json"));
    SlotWatcher slots = provider().slots();

    for (Runnable call : new Runnable[] {() -> slots.freeCalendar(target()), () -> slots.freeDays(target())}) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(SlotHunterException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.BOOKING_OFF);
        assertThat(e.code().retryable()).isFalse();
        assertThat(e.getMessage()).contains("status 700", "نوبت دهی اینترنتی غیر فعال است");
      });
    }
  }

  @Test
  void aCalendarModeAnswerToTheAllSlotsAskIsReadAsFreeDaysAndFlagged() {
    stubPost(FREE_DAYS, 200, fixture("free-days-calendar.json"));
    SlotWatcher slots = provider().slots();

    FreeCalendar c = slots.freeCalendar(target());
    FreeCalendar again = slots.freeCalendar(target());

    assertThat(c.freeDays()).containsExactly(SATURDAY, SUNDAY, LocalDate.of(2027, 1, 20));
    assertThat(c.slots()).isEmpty();
    assertThat(c.daysThrough()).isNull();
    assertThat(c.fallback()).contains("one more request");
    assertThat(again.fallback()).isEqualTo(c.fallback());
  }

  @Test
  void anUnsetEndDateFallsBackToo() {
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"result\":{},\"calendar\":{\"end_date\":\"1970-01-01\",\"turns\":[]}}");

    FreeCalendar c = provider().slots().freeCalendar(target());

    assertThat(c.fallback()).isNotNull();
    assertThat(c.freeDays()).isEmpty();
  }

  @Test
  void malformedSlotsFallBackToTheFreeDaysOfTheSameAnswer() {
    SlotWatcher slots = provider().slots();
    String calendar = ",\"calendar\":{\"end_date\":\"2027-01-25\",\"turns\":[1800045000,1801081800]}}";
    String[] broken = {
        "{\"status\":1,\"result\":{\"1800045000\":[{\"from\":1800102600,\"turns\":{\"1800102600\":0}}]}" + calendar,
        "{\"status\":1,\"result\":{\"1800045000\":[{\"slice\":900,\"turns\":[1800102600]}]}" + calendar,
        "{\"status\":1,\"result\":{\"tomorrow\":[]}" + calendar,
        "{\"status\":1,\"result\":{\"1800045000\":{\"slice\":900}}" + calendar,
        "{\"status\":1,\"result\":{\"1800045000\":[{\"slice\":900,\"turns\":{\"16:00\":0}}]}" + calendar};
    for (String body : broken) {
      stubPost(FREE_DAYS, 200, body);

      FreeCalendar c = slots.freeCalendar(target());

      assertThat(c.fallback()).as(body).isNotNull();
      assertThat(c.freeDays()).as(body).containsExactly(SATURDAY); // the day after end_date is left to calendar mode
      assertThat(c.daysThrough()).isEqualTo(LocalDate.of(2027, 1, 25));
      assertThat(c.slots()).isEmpty();
    }
  }

  @Test
  void malformedSlotsWithAnUnreadableCalendarAreProtocolErrorsWithAnExcerpt() {
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"result\":{\"1800045000\":[{\"slice\":900,\"turns\":[1]}]},"
        + "\"calendar\":{\"end_date\":\"2027-01-25\",\"turns\":\"soon\"}}");

    assertThatThrownBy(() -> provider().slots().freeCalendar(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.excerpt()).isPresent();
        });
  }

  @Test
  void anHtmlPageOrARateLimitIsTypedToo() {
    SlotWatcher slots = provider().slots();
    stubPost(FREE_DAYS, 200, fixture("error-page.html"));
    assertThatThrownBy(() -> slots.freeCalendar(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubPost(FREE_DAYS, 429, "");
    assertThatThrownBy(() -> slots.freeCalendar(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).isPresent();
        });
  }

  @Test
  void readsTheSpecCalendarModeAndFreeTurnsBodies() {
    stubPost(FREE_DAYS, 200, fixture("free-days-calendar.json"));
    stubPost("/booking/v2/getFreeTurns", 200, fixture("free-turns-spec.json"));
    SlotWatcher slots = provider().slots();

    assertThat(slots.freeDays(target())).containsExactly(SATURDAY, SUNDAY, LocalDate.of(2027, 1, 20));
    assertThat(slots.freeSlots(target(), SATURDAY)).extracting(Slot::providerSlotKey)
        .containsExactly("1800102600-1800103500", "1800103500-1800104400", "1800105300-1800106200");
  }
}
