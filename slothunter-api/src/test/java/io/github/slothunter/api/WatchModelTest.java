package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The values a watch is made of: time windows, the slot filter, auto-book settings and the watch itself. */
class WatchModelTest {

  private static Slot slotAtTehran(String localDateTime) {
    Instant start = LocalDateTime.parse(localDateTime).atZone(SlotHunterZones.TEHRAN).toInstant();
    return new Slot(Fixtures.target(), start, start.plusSeconds(900), "k");
  }

  @Test
  void timeWindowsContainTheirStartNotTheirEndAndMayWrapMidnight() {
    TimeWindow morning = TimeWindow.parse("8:00-12:00");
    TimeWindow night = TimeWindow.parse(" 22:00 - 02:00 ");

    assertThat(morning.contains(LocalTime.of(8, 0))).isTrue();
    assertThat(morning.contains(LocalTime.of(12, 0))).isFalse();
    assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
    assertThat(night.contains(LocalTime.of(1, 59))).isTrue();
    assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
    assertThat(morning).hasToString("08:00-12:00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "8-12", "08:00", "08:00-08:00", "25:00-26:00", "a-b", "08:00-12:00-13:00", "0800-1200"})
  void badTimeWindowsAreInvalidInput(String text) {
    invalidInput(() -> TimeWindow.parse(text), "time window");
  }

  @Test
  void parsingPadsSingleDigitHoursOnEitherSide() {
    TimeWindow w = TimeWindow.parse("9:30 -17:45");

    assertThat(w.from()).isEqualTo(LocalTime.of(9, 30));
    assertThat(w.to()).isEqualTo(LocalTime.of(17, 45));
  }

  @Test
  void aWindowParsesBackFromItsOwnText() {
    TimeWindow night = new TimeWindow(LocalTime.of(22, 0), LocalTime.of(2, 0));

    assertThat(TimeWindow.parse(night.toString())).isEqualTo(night);
    assertThat(night).hasToString("22:00-02:00");
  }

  @Test
  void anOvernightWindowContainsMidnightAndItsStartButNotItsEnd() {
    TimeWindow night = new TimeWindow(LocalTime.of(22, 0), LocalTime.of(2, 0));

    assertThat(night.contains(LocalTime.of(22, 0))).isTrue();
    assertThat(night.contains(LocalTime.MIDNIGHT)).isTrue();
    assertThat(night.contains(LocalTime.of(2, 0))).isFalse();
    assertThat(night.contains(LocalTime.of(21, 59))).isFalse();
  }

  @Test
  void aDaytimeWindowExcludesTimesBeforeItsStart() {
    TimeWindow morning = new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0));

    assertThat(morning.contains(LocalTime.of(7, 59))).isFalse();
    assertThat(morning.contains(LocalTime.of(11, 59))).isTrue();
  }

  @Test
  void aWindowThatStartsWhereItEndsIsEmptyAndInvalid() {
    SlotHunterException e = invalidInput(() -> new TimeWindow(LocalTime.NOON, LocalTime.NOON), "time window");

    assertThat(e.getMessage()).contains("12:00-12:00");
  }

  @Test
  void aWindowNeedsBothBoundsAndParsingNeedsText() {
    assertThatThrownBy(() -> new TimeWindow(null, LocalTime.NOON)).isInstanceOf(NullPointerException.class)
        .hasMessage("from");
    assertThatThrownBy(() -> new TimeWindow(LocalTime.NOON, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("to");
    assertThatThrownBy(() -> TimeWindow.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
  }

  @Test
  void slotFilterNamesTheRuleASlotFails() {
    SlotFilter f = new SlotFilter(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), Set.of(DayOfWeek.SATURDAY),
        List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0))), false, 500L);

    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, 400L)).isNull();
    assertThat(f.rejection(slotAtTehran("2027-01-02T09:00"), SlotHunterZones.TEHRAN, 400L)).isEqualTo("date");
    assertThat(f.rejection(slotAtTehran("2026-12-06T09:00"), SlotHunterZones.TEHRAN, 400L)).isEqualTo("day");
    assertThat(f.rejection(slotAtTehran("2026-12-05T13:00"), SlotHunterZones.TEHRAN, 400L)).isEqualTo("time");
    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, 600L)).isEqualTo("price");
    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, null)).isEqualTo("price");
    assertThat(f.mayMatchDay(LocalDate.of(2026, 12, 5))).isTrue();
    assertThat(f.mayMatchDay(LocalDate.of(2026, 12, 6))).isFalse();
    assertThat(f.mayMatchDay(LocalDate.of(2026, 11, 28))).isFalse();
    assertThat(SlotFilter.ANY.matches(slotAtTehran("2030-01-01T03:00"), SlotHunterZones.TEHRAN, null)).isTrue();
  }

  @Test
  void slotFilterRejectsAnInvertedRangeAndANegativePrice() {
    invalidInput(() -> new SlotFilter(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), Set.of(), List.of(), false,
        null), "filter dates");
    invalidInput(() -> new SlotFilter(null, null, Set.of(), List.of(), false, -1L), "filter maxPrice");
  }

  @Test
  void slotFilterReturnsTheFirstRuleASlotFailsInTheOrderDateDayTimePrice() {
    SlotFilter f = new SlotFilter(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), Set.of(DayOfWeek.SATURDAY),
        List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0))), false, 500L);

    // a Sunday evening in January, too expensive: fails every rule
    assertThat(f.rejection(slotAtTehran("2027-01-03T18:00"), SlotHunterZones.TEHRAN, 900L)).isEqualTo("date");
    // a Sunday evening in range, too expensive
    assertThat(f.rejection(slotAtTehran("2026-12-06T18:00"), SlotHunterZones.TEHRAN, 900L)).isEqualTo("day");
    // a Saturday evening in range, too expensive
    assertThat(f.rejection(slotAtTehran("2026-12-05T18:00"), SlotHunterZones.TEHRAN, 900L)).isEqualTo("time");
  }

  @Test
  void slotFilterRejectsDaysBeforeItsStartAndAfterItsEnd() {
    SlotFilter f = new SlotFilter(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), Set.of(), List.of(), false,
        null);

    assertThat(f.rejection(slotAtTehran("2026-11-30T23:59"), SlotHunterZones.TEHRAN, null)).isEqualTo("date");
    assertThat(f.rejection(slotAtTehran("2026-12-01T00:00"), SlotHunterZones.TEHRAN, null)).isNull();
    assertThat(f.rejection(slotAtTehran("2026-12-31T23:45"), SlotHunterZones.TEHRAN, null)).isNull();
    assertThat(f.rejection(slotAtTehran("2027-01-01T00:00"), SlotHunterZones.TEHRAN, null)).isEqualTo("date");
  }

  @Test
  void aFilterWithOnlyAStartOrOnlyAnEndIsOpenOnTheOtherSide() {
    SlotFilter fromDec = new SlotFilter(LocalDate.of(2026, 12, 1), null, Set.of(), List.of(), false, null);
    SlotFilter untilDec = new SlotFilter(null, LocalDate.of(2026, 12, 31), Set.of(), List.of(), false, null);

    assertThat(fromDec.matches(slotAtTehran("2026-11-30T10:00"), SlotHunterZones.TEHRAN, null)).isFalse();
    assertThat(fromDec.matches(slotAtTehran("2040-01-01T10:00"), SlotHunterZones.TEHRAN, null)).isTrue();
    assertThat(untilDec.matches(slotAtTehran("2000-01-01T10:00"), SlotHunterZones.TEHRAN, null)).isTrue();
    assertThat(untilDec.matches(slotAtTehran("2027-01-01T10:00"), SlotHunterZones.TEHRAN, null)).isFalse();
    assertThat(fromDec.mayMatchDay(LocalDate.of(2040, 1, 1))).isTrue();
    assertThat(fromDec.mayMatchDay(LocalDate.of(2026, 11, 30))).isFalse();
    assertThat(untilDec.mayMatchDay(LocalDate.of(2000, 1, 1))).isTrue();
    assertThat(untilDec.mayMatchDay(LocalDate.of(2027, 1, 1))).isFalse();
  }

  @Test
  void aOneDayRangeIsValidAndMatchesOnlyThatDay() {
    LocalDate day = LocalDate.of(2026, 12, 5);
    SlotFilter f = new SlotFilter(day, day, Set.of(), List.of(), false, null);

    assertThat(f.mayMatchDay(day)).isTrue();
    assertThat(f.mayMatchDay(day.minusDays(1))).isFalse();
    assertThat(f.mayMatchDay(day.plusDays(1))).isFalse();
    assertThat(f.matches(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, null)).isTrue();
  }

  @Test
  void slotFilterReadsDaysAndTimesInTheGivenZone() {
    // Sunday 01:00 in Tehran is still Saturday 21:30 in UTC
    Slot sundayInTehran = slotAtTehran("2026-12-06T01:00");
    SlotFilter saturdays = new SlotFilter(null, null, Set.of(DayOfWeek.SATURDAY), List.of(), false, null);
    SlotFilter mornings = new SlotFilter(null, null, Set.of(),
        List.of(new TimeWindow(LocalTime.of(0, 0), LocalTime.of(6, 0))), false, null);

    assertThat(saturdays.rejection(sundayInTehran, SlotHunterZones.TEHRAN, null)).isEqualTo("day");
    assertThat(saturdays.rejection(sundayInTehran, ZoneOffset.UTC, null)).isNull();
    assertThat(mornings.rejection(sundayInTehran, SlotHunterZones.TEHRAN, null)).isNull();
    assertThat(mornings.rejection(sundayInTehran, ZoneOffset.UTC, null)).isEqualTo("time");
  }

  @Test
  void aSlotInAnyOfSeveralWindowsPassesTheTimeRule() {
    SlotFilter f = new SlotFilter(null, null, Set.of(), List.of(TimeWindow.parse("08:00-10:00"),
        TimeWindow.parse("16:00-18:00"), TimeWindow.parse("22:00-02:00")), false, null);

    assertThat(f.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, null)).isNull();
    assertThat(f.rejection(slotAtTehran("2026-12-05T17:00"), SlotHunterZones.TEHRAN, null)).isNull();
    assertThat(f.rejection(slotAtTehran("2026-12-05T01:00"), SlotHunterZones.TEHRAN, null)).isNull();
    assertThat(f.rejection(slotAtTehran("2026-12-05T12:00"), SlotHunterZones.TEHRAN, null)).isEqualTo("time");
  }

  @Test
  void aSlotOnAnyOfSeveralDaysPassesTheDayRule() {
    SlotFilter weekend = new SlotFilter(null, null, EnumSet.of(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), List.of(), false,
        null);

    assertThat(weekend.matches(slotAtTehran("2026-12-03T10:00"), SlotHunterZones.TEHRAN, null)).isTrue();
    assertThat(weekend.matches(slotAtTehran("2026-12-04T10:00"), SlotHunterZones.TEHRAN, null)).isTrue();
    assertThat(weekend.rejection(slotAtTehran("2026-12-05T10:00"), SlotHunterZones.TEHRAN, null)).isEqualTo("day");
    assertThat(weekend.mayMatchDay(LocalDate.of(2026, 12, 4))).isTrue();
    assertThat(weekend.mayMatchDay(LocalDate.of(2026, 12, 5))).isFalse();
  }

  @Test
  void theMaximumPriceIsInclusiveAndAnUnknownPriceFailsIt() {
    SlotFilter f = new SlotFilter(null, null, Set.of(), List.of(), false, 500L);
    Slot slot = slotAtTehran("2026-12-05T09:00");

    assertThat(f.matches(slot, SlotHunterZones.TEHRAN, 500L)).isTrue();
    assertThat(f.matches(slot, SlotHunterZones.TEHRAN, 0L)).isTrue();
    assertThat(f.matches(slot, SlotHunterZones.TEHRAN, 501L)).isFalse();
    assertThat(f.matches(slot, SlotHunterZones.TEHRAN, null)).isFalse();
  }

  @Test
  void withoutAMaximumPriceAnyPriceOrNoneMatches() {
    SlotFilter f = new SlotFilter(null, null, Set.of(), List.of(), false, null);
    Slot slot = slotAtTehran("2026-12-05T09:00");

    assertThat(f.matches(slot, SlotHunterZones.TEHRAN, Long.MAX_VALUE)).isTrue();
    assertThat(f.matches(slot, SlotHunterZones.TEHRAN, null)).isTrue();
  }

  @Test
  void aFreeOnlyFilterIsValid() {
    SlotFilter freeOnly = new SlotFilter(null, null, Set.of(), List.of(), false, 0L);

    assertThat(freeOnly.matches(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, 0L)).isTrue();
    assertThat(freeOnly.rejection(slotAtTehran("2026-12-05T09:00"), SlotHunterZones.TEHRAN, 1L)).isEqualTo("price");
  }

  @Test
  void mayMatchDayLooksAtTheDateRangeAndWeekdayOnly() {
    SlotFilter f = new SlotFilter(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), Set.of(DayOfWeek.SATURDAY),
        List.of(TimeWindow.parse("08:00-09:00")), true, 0L);

    // a Saturday in range may hold a matching slot whatever the windows and price say
    assertThat(f.mayMatchDay(LocalDate.of(2026, 12, 26))).isTrue();
    assertThat(f.mayMatchDay(LocalDate.of(2026, 12, 27))).isFalse();
    assertThat(f.mayMatchDay(LocalDate.of(2027, 1, 2))).isFalse();
    assertThat(SlotFilter.ANY.mayMatchDay(LocalDate.of(1999, 1, 1))).isTrue();
  }

  @Test
  void earliestOnlyIsCarriedButDoesNotChangeWhichSlotsMatch() {
    SlotFilter all = new SlotFilter(null, null, Set.of(DayOfWeek.SATURDAY), List.of(), false, 500L);
    SlotFilter earliest = new SlotFilter(null, null, Set.of(DayOfWeek.SATURDAY), List.of(), true, 500L);
    List<Slot> slots = List.of(slotAtTehran("2026-12-05T09:00"), slotAtTehran("2026-12-06T09:00"),
        slotAtTehran("2026-12-12T09:00"));

    assertThat(earliest.earliestOnly()).isTrue();
    assertThat(all.earliestOnly()).isFalse();
    assertThat(SlotFilter.ANY.earliestOnly()).isFalse();
    assertThat(earliest).isNotEqualTo(all);
    for (Slot s : slots) {
      assertThat(earliest.rejection(s, SlotHunterZones.TEHRAN, 400L)).isEqualTo(all.rejection(s, SlotHunterZones.TEHRAN,
          400L));
    }
  }

  @Test
  void anyHasNoRules() {
    assertThat(SlotFilter.ANY.from()).isNull();
    assertThat(SlotFilter.ANY.to()).isNull();
    assertThat(SlotFilter.ANY.days()).isEmpty();
    assertThat(SlotFilter.ANY.windows()).isEmpty();
    assertThat(SlotFilter.ANY.maxPrice()).isNull();
    assertThat(SlotFilter.ANY.rejection(slotAtTehran("1990-06-01T03:00"), ZoneOffset.UTC, Long.MAX_VALUE)).isNull();
  }

  @Test
  void slotFilterCopiesItsDaysAndWindows() {
    Set<DayOfWeek> days = new HashSet<>(Set.of(DayOfWeek.SATURDAY));
    List<TimeWindow> windows = new ArrayList<>(List.of(TimeWindow.parse("08:00-12:00")));
    SlotFilter f = new SlotFilter(null, null, days, windows, false, null);

    days.add(DayOfWeek.SUNDAY);
    windows.clear();

    assertThat(f.days()).containsExactly(DayOfWeek.SATURDAY);
    assertThat(f.windows()).containsExactly(TimeWindow.parse("08:00-12:00"));
    assertThatThrownBy(() -> f.days().add(DayOfWeek.MONDAY)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> f.windows().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptyMutableDaySetMeansEveryDay() {
    SlotFilter f = new SlotFilter(null, null, new HashSet<>(), new ArrayList<>(), false, null);

    assertThat(f.days()).isEmpty();
    assertThat(f).isEqualTo(SlotFilter.ANY);
  }

  @Test
  void slotFilterNeedsDaysAndWindowsEvenIfEmpty() {
    assertThatThrownBy(() -> new SlotFilter(null, null, null, List.of(), false, null))
        .isInstanceOf(NullPointerException.class).hasMessage("days");
    assertThatThrownBy(() -> new SlotFilter(null, null, Set.of(), null, false, null))
        .isInstanceOf(NullPointerException.class).hasMessage("windows");
  }

  @Test
  void anInvertedRangeNamesBothDates() {
    SlotHunterException e = invalidInput(() -> new SlotFilter(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1),
        Set.of(), List.of(), false, null), "filter dates");

    assertThat(e.getMessage()).contains("2026-12-01").contains("2026-12-02");
  }

  @Test
  void autoBookAndWatchHideSecretsInToString() {
    AccountSession session = new AccountSession("paziresh24", "secret-token-value", Map.of(), null);
    AutoBook ab = AutoBook.of(Fixtures.patient(), session);
    Watch w = new Watch("w1", "u1", Fixtures.ref(), List.of(Fixtures.target()), Map.of(), SlotFilter.ANY, "FREE", ab,
        Instant.EPOCH, WatchState.ACTIVE);

    assertThat(ab.toString()).doesNotContain("secret-token-value").doesNotContain(Fixtures.NATIONAL_CODE)
        .doesNotContain(Fixtures.MOBILE);
    assertThat(w.toString()).doesNotContain("secret-token-value").contains("autoBook=true");
    assertThat(w.booking()).isTrue();
    assertThat(w.withState(WatchState.BOOKED).booking()).isFalse();
    invalidInput(() -> new AutoBook(Fixtures.patient(), session, 0), "maxBookings");
  }

  // ------------------------------------------------------------------ AutoBook

  private static AccountSession session() {
    return new AccountSession("paziresh24", "secret-token-value", Map.of("user_id", "77"), null);
  }

  private static AutoBook autoBook(int maxBookings, int maxAttempts, Duration minLeadTime, Long maxPrice,
      Booking replaces) {
    return new AutoBook(Fixtures.patient(), session(), maxBookings, maxAttempts, minLeadTime, maxPrice, replaces, true);
  }

  @Test
  void ofBooksOnceWithoutGuards() {
    AutoBook ab = AutoBook.of(Fixtures.patient(), session());

    assertThat(ab.patient()).isEqualTo(Fixtures.patient());
    assertThat(ab.session()).isEqualTo(session());
    assertThat(ab.maxBookings()).isEqualTo(1);
    assertThat(ab.maxAttempts()).isZero();
    assertThat(ab.minLeadTime()).isEqualTo(Duration.ZERO);
    assertThat(ab.maxPrice()).isNull();
    assertThat(ab.replaces()).isNull();
    assertThat(ab.onlinePaymentAllowed()).isTrue();
  }

  @Test
  void theShortConstructorsAllowOnlinePaymentAndSetNoOtherGuard() {
    AutoBook three = new AutoBook(Fixtures.patient(), session(), 3);
    AutoBook guarded = new AutoBook(Fixtures.patient(), session(), 2, 5, Duration.ofHours(1), 900L, null);

    assertThat(three).isEqualTo(new AutoBook(Fixtures.patient(), session(), 3, 0, Duration.ZERO, null, null, true));
    assertThat(guarded).isEqualTo(new AutoBook(Fixtures.patient(), session(), 2, 5, Duration.ofHours(1), 900L, null,
        true));
  }

  @Test
  void eachWithMethodChangesOneGuardAndLeavesTheOriginalAlone() {
    AutoBook base = new AutoBook(Fixtures.patient(), session(), 3);

    AutoBook guarded = base.withMaxAttempts(5).withMinLeadTime(Duration.ofHours(2)).withMaxPrice(900L)
        .withoutOnlinePayment();

    assertThat(guarded).isEqualTo(new AutoBook(Fixtures.patient(), session(), 3, 5, Duration.ofHours(2), 900L, null,
        false));
    assertThat(guarded.withMaxPrice(null).maxPrice()).isNull();
    assertThat(guarded.withMaxAttempts(0).maxAttempts()).isZero();
    assertThat(base).isEqualTo(new AutoBook(Fixtures.patient(), session(), 3));
  }

  @Test
  void replacingABookingBooksOnceAndKeepsTheOtherGuards() {
    AutoBook base = new AutoBook(Fixtures.patient(), session(), 3).withMaxAttempts(5).withoutOnlinePayment();

    AutoBook replacing = base.replacing(Fixtures.booking());

    assertThat(replacing.replaces()).isEqualTo(Fixtures.booking());
    assertThat(replacing.maxBookings()).isEqualTo(1);
    assertThat(replacing.maxAttempts()).isEqualTo(5);
    assertThat(replacing.onlinePaymentAllowed()).isFalse();
    assertThatThrownBy(() -> base.replacing(null)).isInstanceOf(NullPointerException.class).hasMessage("current");
  }

  @Test
  void maxBookingsMustBeOneToAHundred() {
    invalidInput(() -> autoBook(0, 0, Duration.ZERO, null, null), "autoBook maxBookings");
    invalidInput(() -> autoBook(101, 0, Duration.ZERO, null, null), "autoBook maxBookings");

    assertThat(autoBook(1, 0, Duration.ZERO, null, null).maxBookings()).isEqualTo(1);
    assertThat(autoBook(100, 0, Duration.ZERO, null, null).maxBookings()).isEqualTo(100);
  }

  @Test
  void maxAttemptsMustBeZeroToTenThousand() {
    invalidInput(() -> autoBook(1, -1, Duration.ZERO, null, null), "autoBook maxAttempts");
    invalidInput(() -> AutoBook.of(Fixtures.patient(), session()).withMaxAttempts(10_001), "autoBook maxAttempts");

    assertThat(autoBook(1, 10_000, Duration.ZERO, null, null).maxAttempts()).isEqualTo(10_000);
  }

  @Test
  void minLeadTimeMustBeZeroToSixtyDays() {
    invalidInput(() -> autoBook(1, 0, Duration.ofSeconds(-1), null, null), "autoBook minLeadTime");
    invalidInput(() -> autoBook(1, 0, Duration.ofDays(60).plusSeconds(1), null, null), "autoBook minLeadTime");
    assertThatThrownBy(() -> autoBook(1, 0, null, null, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("minLeadTime");

    assertThat(autoBook(1, 0, Duration.ofDays(60), null, null).minLeadTime()).isEqualTo(Duration.ofDays(60));
  }

  @Test
  void maxPriceMustNotBeNegative() {
    invalidInput(() -> AutoBook.of(Fixtures.patient(), session()).withMaxPrice(-1L), "autoBook maxPrice");

    assertThat(autoBook(1, 0, Duration.ZERO, 0L, null).maxPrice()).isZero();
  }

  @Test
  void replacingABookingAllowsOnlyOneBooking() {
    SlotHunterException e = invalidInput(() -> autoBook(2, 0, Duration.ZERO, null, Fixtures.booking()),
        "autoBook maxBookings");

    assertThat(e.getMessage()).contains("when replacing a booking");
  }

  @Test
  void autoBookNeedsAPatientAndASession() {
    assertThatThrownBy(() -> AutoBook.of(null, session())).isInstanceOf(NullPointerException.class)
        .hasMessage("patient");
    assertThatThrownBy(() -> AutoBook.of(Fixtures.patient(), null)).isInstanceOf(NullPointerException.class)
        .hasMessage("session");
  }

  @Test
  void autoBookToStringShowsTheGuardsAndOnlyTheReplacedBookingsKey() {
    AutoBook ab = AutoBook.of(Fixtures.patient(), session()).withMaxAttempts(5).withMinLeadTime(Duration.ofHours(2))
        .withMaxPrice(900L).withoutOnlinePayment().replacing(Fixtures.booking());

    assertThat(ab.toString()).contains("maxBookings=1", "maxAttempts=5", "minLeadTime=PT2H", "maxPrice=900",
        "replaces=booking-1", "onlinePaymentAllowed=false")
        .doesNotContain("secret-token-value").doesNotContain(Fixtures.NATIONAL_CODE).doesNotContain(Fixtures.MOBILE)
        .doesNotContain("TRK-1");
    assertThat(AutoBook.of(Fixtures.patient(), session()).toString()).contains("replaces=null");
  }

  // ------------------------------------------------------------------ Watch

  private static Watch watch(AutoBook autoBook, WatchState state) {
    return new Watch("w1", "u1", Fixtures.ref(), List.of(Fixtures.target()), Map.of(Fixtures.target().id(), 500L),
        SlotFilter.ANY, "FREE", autoBook, T0, state);
  }

  @Test
  void aNewWatchHasNothingSnoozed() {
    Watch w = watch(null, WatchState.ACTIVE);

    assertThat(w.snoozed()).isEmpty();
    assertThat(w.snoozed(Fixtures.target().id(), T0)).isFalse();
  }

  @Test
  void aNotifyOnlyWatchNeverBooks() {
    assertThat(watch(null, WatchState.ACTIVE).booking()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(WatchState.class)
  void anAutoBookWatchBooksOnlyWhileActive(WatchState state) {
    Watch w = watch(AutoBook.of(Fixtures.patient(), session()), state);

    assertThat(w.booking()).isEqualTo(state == WatchState.ACTIVE);
  }

  @Test
  void withStateChangesOnlyTheState() {
    Watch w = watch(AutoBook.of(Fixtures.patient(), session()), WatchState.ACTIVE)
        .withSnooze(Fixtures.target().id(), T0.plusSeconds(3600), T0);

    Watch paused = w.withState(WatchState.BOOKING_PAUSED);

    assertThat(paused.state()).isEqualTo(WatchState.BOOKING_PAUSED);
    assertThat(paused).usingRecursiveComparison().ignoringFields("state").isEqualTo(w);
    assertThat(w.state()).isEqualTo(WatchState.ACTIVE);
  }

  @Test
  void aSnoozedTargetIsSnoozedUntilButNotAtItsEnd() {
    String target = Fixtures.target().id();
    Instant until = T0.plusSeconds(3600);

    Watch w = watch(null, WatchState.ACTIVE).withSnooze(target, until, T0);

    assertThat(w.snoozed(target, T0)).isTrue();
    assertThat(w.snoozed(target, until.minusMillis(1))).isTrue();
    assertThat(w.snoozed(target, until)).isFalse();
    assertThat(w.snoozed("other-target", T0)).isFalse();
    assertThat(w.snoozed()).containsExactly(Map.entry(target, until));
  }

  @Test
  void snoozingUntilNowOrEarlierWakesTheTarget() {
    String target = Fixtures.target().id();
    Watch snoozed = watch(null, WatchState.ACTIVE).withSnooze(target, T0.plusSeconds(3600), T0);

    Watch woken = snoozed.withSnooze(target, T0.plusSeconds(60), T0.plusSeconds(60));
    Watch wokenWithThePast = snoozed.withSnooze(target, T0.minusSeconds(1), T0);

    assertThat(woken.snoozed()).isEmpty();
    assertThat(wokenWithThePast.snoozed()).isEmpty();
    assertThat(snoozed.snoozed(target, T0)).isTrue();
  }

  @Test
  void snoozingDropsExpiredSnoozesAndKeepsLiveOnes() {
    Watch w = watch(null, WatchState.ACTIVE)
        .withSnooze("expires-soon", T0.plusSeconds(60), T0)
        .withSnooze("lasts", T0.plusSeconds(7200), T0);

    Watch later = w.withSnooze("new", T0.plusSeconds(3600), T0.plusSeconds(120));

    assertThat(later.snoozed()).containsOnlyKeys("lasts", "new");
    assertThat(later.snoozed(Fixtures.target().id(), T0)).isFalse();
  }

  @Test
  void watchCopiesItsCollections() {
    List<Target> targets = new ArrayList<>(List.of(Fixtures.target()));
    Map<String, Long> prices = new HashMap<>(Map.of("t", 1L));
    Map<String, Instant> snoozed = new HashMap<>(Map.of("t", T0));
    Watch w = new Watch("w1", "u1", Fixtures.ref(), targets, prices, SlotFilter.ANY, "FREE", null, T0,
        WatchState.ACTIVE, snoozed);

    targets.clear();
    prices.clear();
    snoozed.clear();

    assertThat(w.targets()).containsExactly(Fixtures.target());
    assertThat(w.prices()).containsExactly(Map.entry("t", 1L));
    assertThat(w.snoozed()).containsExactly(Map.entry("t", T0));
    assertThatThrownBy(() -> w.targets().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void watchNeedsItsIdentityFilterPlanTimeAndState() {
    DoctorRef ref = Fixtures.ref();
    List<Target> ts = List.of(Fixtures.target());

    assertThatThrownBy(() -> new Watch(null, "u1", ref, ts, Map.of(), SlotFilter.ANY, "FREE", null, T0,
        WatchState.ACTIVE)).hasMessage("id");
    assertThatThrownBy(() -> new Watch("w1", null, ref, ts, Map.of(), SlotFilter.ANY, "FREE", null, T0,
        WatchState.ACTIVE)).hasMessage("owner");
    assertThatThrownBy(() -> new Watch("w1", "u1", null, ts, Map.of(), SlotFilter.ANY, "FREE", null, T0,
        WatchState.ACTIVE)).hasMessage("doctor");
    assertThatThrownBy(() -> new Watch("w1", "u1", ref, ts, Map.of(), null, "FREE", null, T0,
        WatchState.ACTIVE)).hasMessage("filter");
    assertThatThrownBy(() -> new Watch("w1", "u1", ref, ts, Map.of(), SlotFilter.ANY, null, null, T0,
        WatchState.ACTIVE)).hasMessage("planName");
    assertThatThrownBy(() -> new Watch("w1", "u1", ref, ts, Map.of(), SlotFilter.ANY, "FREE", null, null,
        WatchState.ACTIVE)).hasMessage("createdAt");
    assertThatThrownBy(() -> new Watch("w1", "u1", ref, ts, Map.of(), SlotFilter.ANY, "FREE", null, T0, null))
        .hasMessage("state");
  }

  @Test
  void watchToStringSummarisesWithoutTheAutoBookDetails() {
    Watch w = watch(AutoBook.of(Fixtures.patient(), session()).replacing(Fixtures.booking()), WatchState.BOOKED);

    assertThat(w.toString()).contains("w1", "owner=u1", "targets=1", "plan=FREE", "autoBook=true", "state=BOOKED")
        .doesNotContain("secret-token-value").doesNotContain(Fixtures.NATIONAL_CODE).doesNotContain(Fixtures.MOBILE)
        .doesNotContain("booking-1");
    assertThat(watch(null, WatchState.ACTIVE).toString()).contains("autoBook=false");
  }
}
