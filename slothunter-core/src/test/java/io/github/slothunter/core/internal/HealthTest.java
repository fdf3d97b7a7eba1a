package io.github.slothunter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.api.WatchState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The health rules and the sentences of explain(), without an engine. */
class HealthTest {
  private static final Instant NOW = Instant.parse("2026-12-05T05:30:00Z");
  private static final Locale FA = Locale.forLanguageTag("fa-IR");
  private static final Target TARGET = new Target(new DoctorRef("mem", "dr-a"), "c1", "s1", Map.of());

  private static Watch watch(SlotFilter filter) {
    return new Watch("w1", "u1", TARGET.ref(), List.of(TARGET), Map.of(), filter, "FREE", null, NOW, WatchState.ACTIVE);
  }

  private static WatchHealth health(HealthState state, Map<String, Integer> filtered, long announced) {
    return new WatchHealth("w1", state, NOW.minusSeconds(150), state == HealthState.ACTIVE ? null : ErrorCode.PROTOCOL,
        "bad shape", NOW.minusSeconds(7200), NOW.plusSeconds(60), 12, announced, filtered, NOW);
  }

  private static List<String> explain(WatchHealth h, SlotFilter f, Map<String, Set<DayOfWeek>> days, Locale locale) {
    return Health.explain(h, watch(f), days, null, false, false, SlotHunterZones.TEHRAN, locale);
  }

  @Test
  void pollErrorsMapToStatesAndTheWorstStateWins() {
    assertThat(Health.stateOf(null)).isEqualTo(HealthState.ACTIVE);
    assertThat(Health.stateOf(ErrorCode.RATE_LIMITED)).isEqualTo(HealthState.PAUSED_BUDGET);
    assertThat(Health.stateOf(ErrorCode.PROTOCOL)).isEqualTo(HealthState.SCHEMA_CHANGED);
    assertThat(Health.stateOf(ErrorCode.AUTH_REQUIRED)).isEqualTo(HealthState.PAUSED_AUTH);
    assertThat(Health.stateOf(ErrorCode.QUOTA_EXCEEDED)).isEqualTo(HealthState.QUOTA);
    assertThat(Health.stateOf(ErrorCode.NOT_FOUND)).isEqualTo(HealthState.PROVIDER_DOWN);
    assertThat(Health.stateOf(ErrorCode.PROVIDER_UNAVAILABLE)).isEqualTo(HealthState.PROVIDER_DOWN);
    assertThat(Health.stateOf(ErrorCode.BOOKING_OFF)).isEqualTo(HealthState.BOOKING_OFF);
    assertThat(List.of(HealthState.ACTIVE, HealthState.BUDGET_SHORT, HealthState.PAUSED_AUTH, HealthState.PAUSED_BUDGET,
        HealthState.PROVIDER_DOWN, HealthState.STORE_DOWN, HealthState.SCHEMA_CHANGED, HealthState.BOOKING_OFF,
        HealthState.QUOTA)).extracting(Health::rank).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(Health.stateOf(ErrorCode.STORE_UNAVAILABLE)).isEqualTo(HealthState.STORE_DOWN);
    assertThat(Health.reasonOf(HealthState.STORE_DOWN, List.of())).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
  }

  @Test
  void reasonsNameTheErrorClassOfEachState() {
    assertThat(Health.reasonOf(HealthState.QUOTA, List.of())).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(Health.reasonOf(HealthState.PAUSED_AUTH, List.of())).isEqualTo(ErrorCode.AUTH_REQUIRED);
    assertThat(Health.reasonOf(HealthState.PAUSED_BUDGET, List.of())).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(Health.reasonOf(HealthState.SCHEMA_CHANGED, List.of())).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(Health.reasonOf(HealthState.PROVIDER_DOWN, List.of())).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(Health.reasonOf(HealthState.BOOKING_OFF, List.of())).isEqualTo(ErrorCode.BOOKING_OFF);
    assertThat(Health.reasonOf(HealthState.BUDGET_SHORT, List.of())).isEqualTo(ErrorCode.BUDGET_SPENT);
  }

  @Test
  void aShortBudgetIsExplainedWithThePaceTheWatchGets() {
    WatchHealth h = new WatchHealth("w1", HealthState.BUDGET_SHORT, NOW.minusSeconds(150), null, null, null, null, 3, 0,
        Map.of(), NOW, java.time.Duration.ofMinutes(12));
    Watch w = watch(SlotFilter.ANY);

    assertThat(Health.explain(h, w, Map.of(), null, false, false, SlotHunterZones.TEHRAN, Locale.ENGLISH).get(0))
        .contains("less often than the plan asks").contains("about every 12 min").contains("Last successful check");
    assertThat(Health.explain(h, w, Map.of(), null, false, false, SlotHunterZones.TEHRAN, Locale.forLanguageTag("fa")).get(0))
        .contains("کندتر").contains("12 min");
  }

  @Test
  void aFullyBookedCalendarAndAFallbackAreExplainedInsteadOfNothingYet() {
    WatchHealth h = health(HealthState.ACTIVE, Map.of(), 12);

    List<String> en = Health.explain(h, watch(SlotFilter.ANY), Map.of(), null, true, true, SlotHunterZones.TEHRAN,
        Locale.ENGLISH);
    List<String> fa = Health.explain(h, watch(SlotFilter.ANY), Map.of(), null, true, false, SlotHunterZones.TEHRAN, FA);

    assertThat(en).hasSize(3);
    assertThat(en.get(1)).contains("fully booked");
    assertThat(en.get(2)).contains("extra request");
    assertThat(fa).hasSize(2);
    assertThat(fa.get(1)).contains("تکمیل");
  }

  @Test
  void errorDescriptionsAreShortAndNeverEmpty() {
    String longReason = "x".repeat(500);
    assertThat(Health.describe(new SlotHunterException(ErrorCode.PROTOCOL, longReason))).hasSize(200).endsWith("…");
    assertThat(Health.describe(new SlotHunterException(ErrorCode.PROTOCOL, "short"))).isEqualTo("short");
  }

  @Test
  void agesAreRounded() {
    assertThat(Health.ago(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(Health.ago(Duration.ofMinutes(12))).isEqualTo("12 min");
    assertThat(Health.ago(Duration.ofHours(3))).isEqualTo("3 h");
    assertThat(Health.ago(Duration.ofSeconds(-5))).isEqualTo("0 s");
    assertThat(Health.digits("12:05")).isEqualTo("۱۲:۰۵");
  }

  @ParameterizedTest
  @EnumSource(HealthState.class)
  void everyStateHasASentenceInBothLanguages(HealthState state) {
    List<String> en = explain(health(state, Map.of(), 1), SlotFilter.ANY, Map.of(), Locale.ENGLISH);
    List<String> fa = explain(health(state, Map.of(), 1), SlotFilter.ANY, Map.of(), FA);

    assertThat(en).hasSize(1);
    assertThat(en.get(0)).isNotBlank().doesNotContain("null");
    assertThat(fa.get(0)).isNotBlank().doesNotContain("null").matches(".*[\\u0600-\\u06FF].*");
  }

  @Test
  void aWatchThatNeverPolledSuccessfullySaysSo() {
    WatchHealth h = new WatchHealth("w1", HealthState.ACTIVE, null, null, null, null, null, 0, 0, Map.of(), NOW);

    assertThat(explain(h, SlotFilter.ANY, Map.of(), Locale.ENGLISH))
        .containsExactly("Watching: 0 checks in the last hour, no check has finished yet.");
    assertThat(explain(h, SlotFilter.ANY, Map.of(), FA).get(0)).contains("هنوز هیچ بررسی‌ای تمام نشده");
  }

  @Test
  void providerDownMentionsTheErrorAndHowLongAgo() {
    WatchHealth h = new WatchHealth("w1", HealthState.PROVIDER_DOWN, NOW.minusSeconds(3600),
        ErrorCode.PROVIDER_UNAVAILABLE, "timeout", NOW.minusSeconds(30), NOW.plusSeconds(4), 3, 0, Map.of(), NOW);

    assertThat(explain(h, SlotFilter.ANY, Map.of(), Locale.ENGLISH).get(0)).isEqualTo(
        "The provider is not answering properly (PROVIDER_UNAVAILABLE, 30 s ago); checks are retried automatically,"
            + " last successful check 60 min ago. Next check at 09:00.");
  }

  @Test
  void timeLimitsAreWordedAsTheUserSetThem() {
    Map<String, Integer> three = Map.of("time", 3);
    Map<String, Set<DayOfWeek>> days = Map.of("time", EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    SlotFilter before = filter(List.of(new TimeWindow(LocalTime.MIDNIGHT, LocalTime.NOON)));
    SlotFilter after = filter(List.of(new TimeWindow(LocalTime.of(16, 0), LocalTime.of(23, 59))));
    SlotFilter two = filter(List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(10, 0)),
        new TimeWindow(LocalTime.of(17, 0), LocalTime.of(19, 0))));

    assertThat(explain(health(HealthState.ACTIVE, three, 0), before, days, Locale.ENGLISH))
        .contains("3 slots appeared on Saturday, Sunday and Monday but all were after your 12:00 limit.");
    assertThat(explain(health(HealthState.ACTIVE, Map.of("time", 1), 0), after, Map.of(), Locale.ENGLISH))
        .contains("1 slot appeared but it was before your 16:00 limit.");
    assertThat(explain(health(HealthState.ACTIVE, three, 0), two, days, Locale.ENGLISH))
        .anyMatch(s -> s.endsWith("all were outside your hours 08:00–10:00, 17:00–19:00."));
    assertThat(explain(health(HealthState.ACTIVE, three, 0), after, days, FA))
        .anyMatch(s -> s.contains("قبل از محدودهٔ ساعت ۱۶:۰۰") && s.contains("شنبه، یکشنبه و دوشنبه"));
    assertThat(explain(health(HealthState.ACTIVE, Map.of("time", 1), 0), two, Map.of(), FA))
        .anyMatch(s -> s.contains("خارج از ساعت‌های انتخابی شما بود."));
  }

  @Test
  void daysDatesAndPricesHaveTheirOwnSentences() {
    SlotFilter f = new SlotFilter(LocalDate.parse("2026-12-20"), null, Set.of(DayOfWeek.TUESDAY), List.of(), false, 900L);
    Map<String, Integer> filtered = Map.of("day", 2, "date", 1, "price", 4);
    Map<String, Set<DayOfWeek>> days = Map.of("day", EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SUNDAY));

    List<String> en = explain(health(HealthState.ACTIVE, filtered, 0), f, days, Locale.ENGLISH);
    List<String> fa = explain(health(HealthState.ACTIVE, filtered, 0), f, days, FA);

    assertThat(en).contains("1 slot appeared outside your dates (2026-12-20 to any).",
        "2 slots appeared on Sunday and Friday, days you did not choose.",
        "4 slots appeared but cost more than your limit of 900 (or had no known price).");
    assertThat(fa).anyMatch(s -> s.contains("بازهٔ تاریخ")).anyMatch(s -> s.contains("یکشنبه و جمعه"))
        .anyMatch(s -> s.contains("سقف ۹۰۰"));
  }

  @Test
  void pausedBookingAndSnoozesAreMentioned() {
    Watch w = watch(SlotFilter.ANY).withSnooze(TARGET.id(), NOW.plus(Duration.ofHours(2)), NOW);
    WatchHealth h = health(HealthState.ACTIVE, Map.of(), 2);

    List<String> en = Health.explain(h, w, Map.of(), ErrorCode.QUOTA_EXCEEDED, false, false, SlotHunterZones.TEHRAN,
        Locale.ENGLISH);
    List<String> fa = Health.explain(h, w, Map.of(), ErrorCode.QUOTA_EXCEEDED, false, false, SlotHunterZones.TEHRAN, FA);

    assertThat(en).contains("Alerts are snoozed until 11:00.");
    assertThat(en).noneMatch(s -> s.contains("Auto-booking")); // the watch does not book
    assertThat(fa).contains("هشدارها تا ساعت ۱۱:۰۰ خاموش هستند.");

    io.github.slothunter.api.AutoBook ab = io.github.slothunter.api.AutoBook.of(
        io.github.slothunter.api.Patient.of("Sara", "Ahmadi", "0499370899", "09121234567"),
        new io.github.slothunter.api.AccountSession("mem", "t", Map.of(), NOW.plusSeconds(3600)));
    Watch booking = new Watch("w2", "u1", TARGET.ref(), List.of(TARGET), Map.of(), SlotFilter.ANY, "PRO", ab, NOW,
        WatchState.BOOKING_PAUSED);
    assertThat(Health.explain(h, booking, Map.of(), ErrorCode.QUOTA_EXCEEDED, false, false, SlotHunterZones.TEHRAN,
        Locale.ENGLISH))
        .contains("Auto-booking is paused (QUOTA_EXCEEDED); the watch keeps notifying.");
    assertThat(Health.explain(h, booking, Map.of(), ErrorCode.QUOTA_EXCEEDED, false, false, SlotHunterZones.TEHRAN, FA))
        .contains("رزرو خودکار متوقف شده است (QUOTA_EXCEEDED)؛ اطلاع‌رسانی ادامه دارد.");
  }

  private static SlotFilter filter(List<TimeWindow> windows) {
    return new SlotFilter(null, null, Set.of(), windows, false, null);
  }

  @Test
  void edgeCasesOfTheSentencesStayReadable() {
    assertThat(Health.describe(new SlotHunterException(ErrorCode.PROTOCOL, " "))).isEqualTo("PROTOCOL");
    WatchHealth down = new WatchHealth("w1", HealthState.PROVIDER_DOWN, null, null, null, null, null, 0, 0, Map.of(), NOW);
    assertThat(Health.explain(down, watch(SlotFilter.ANY), Map.of(), null, false, false, SlotHunterZones.TEHRAN, null))
        .containsExactly("The provider is not answering properly; checks are retried automatically, no check has"
            + " finished yet.");
    WatchHealth errorWithoutTime = new WatchHealth("w1", HealthState.SCHEMA_CHANGED, null, ErrorCode.PROTOCOL, "x",
        null, null, 0, 0, Map.of("date", 1), NOW);
    SlotFilter toOnly = new SlotFilter(null, LocalDate.parse("2026-12-31"), Set.of(), List.of(), false, null);
    Watch expiredSnooze = watch(toOnly).withSnooze(TARGET.id(), NOW.plusSeconds(60), NOW);
    List<String> en = Health.explain(errorWithoutTime, expiredSnooze, Map.of(), null, false, false, SlotHunterZones.TEHRAN,
        Locale.ENGLISH);
    assertThat(en.get(0)).contains("(PROTOCOL)");
    assertThat(en).contains("1 slot appeared outside your dates (any to 2026-12-31).");
    WatchHealth later = new WatchHealth("w1", HealthState.ACTIVE, NOW, null, null, null, null, 1, 1, Map.of(),
        NOW.plusSeconds(120));
    assertThat(Health.explain(later, expiredSnooze, Map.of(), null, false, false, SlotHunterZones.TEHRAN,
        Locale.ENGLISH))
        .noneMatch(x -> x.contains("snoozed"));
  }
}
