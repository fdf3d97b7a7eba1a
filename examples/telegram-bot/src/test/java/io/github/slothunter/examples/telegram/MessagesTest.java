package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static final Messages FA = Messages.of(Lang.FA);
  private static final Messages EN = Messages.of(Lang.EN);
  private static final WatchLabel LABEL = new WatchLabel("دکتر سارا", "مطب", "ویزیت", null, "https://x/dr/s", "c", "s");
  private static final Slot SLOT = TestDoctors.slot(TestDoctors.target(TestDoctors.reza(), "c9", "s9"),
      Instant.parse("2026-03-21T06:00:00Z"));

  @Test
  void everyErrorCodeHasAFriendlyTextInBothLanguages() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(FA.failure(code)).isNotBlank().doesNotContain(code.name());
      assertThat(EN.failure(code)).isNotBlank().doesNotContain(code.name());
    }
    assertThat(EN.failure(ErrorCode.RATE_LIMITED)).contains("busy");
    assertThat(EN.failure(ErrorCode.BUDGET_SPENT)).contains("queued");
    assertThat(EN.lookupQueued(3)).contains("3 doctors are ahead in the lookup queue");
    assertThat(EN.lookupQueued(1)).contains("1 doctor is ahead");
    assertThat(FA.lookupQueued(12)).contains("۱۲").contains("صف");
    assertThat(FA.failure(ErrorCode.AUTH_REQUIRED)).contains("/autobook");
  }

  @Test
  void aBookingAwaitingPaymentSaysPayToConfirmWithTheLinkInBothLanguages() {
    java.net.URI pay = java.net.URI.create("https://www.paziresh24.com/factor/5532/b1");

    String fa = FA.notices().bookedPayToConfirm(LABEL, SLOT, "48214102", "b1", pay);
    String en = EN.notices().bookedPayToConfirm(LABEL, SLOT, "48214102", "b1", pay);

    assertThat(fa).contains("برای قطعی شدن باید پرداخت کنید", pay.toString(), "48214102").doesNotContain("رزرو شد!");
    assertThat(en).contains("pay to confirm", pay.toString(), "48214102").doesNotContain("Booked!");
  }

  @Test
  void aBookingAwaitingPaymentWithoutALinkPointsToTheSite() {
    assertThat(EN.notices().bookedPayToConfirm(LABEL, SLOT, "", "b1", null)).contains("Pay here: on the Paziresh24 site", "b1");
  }

  @Test
  void aBookingThatNeedsAPersonSaysSoAndKeepsTheLink() {
    String en = EN.notices().bookingFailed(LABEL, SLOT, ErrorCode.MANUAL_ACTION_REQUIRED,
        "book it by hand at https://www.paziresh24.com/booking/x", false);

    assertThat(en).contains("form before booking", "https://www.paziresh24.com/booking/x");
  }

  @Test
  void intervalsReadNaturally() {
    assertThat(EN.interval(Duration.ofMinutes(5))).isEqualTo("5 minutes");
    assertThat(EN.interval(Duration.ofMinutes(1))).isEqualTo("1 minute");
    assertThat(EN.interval(Duration.ofHours(2))).isEqualTo("2 hours");
    assertThat(EN.interval(Duration.ofHours(1))).isEqualTo("1 hour");
    assertThat(EN.interval(Duration.ofSeconds(90))).isEqualTo("90 seconds");
    assertThat(EN.interval(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(EN.interval(Duration.ofMillis(500))).isEqualTo("500 ms");
    assertThat(FA.interval(Duration.ofSeconds(30))).isEqualTo("۳۰ ثانیه");
    assertThat(FA.interval(Duration.ofMillis(250))).isEqualTo("۲۵۰ میلی‌ثانیه");
  }

  @Test
  void planNamesAreLocalisedAndUnlimitedIsSaid() {
    assertThat(FA.planName("ENTERPRISE")).isEqualTo("سازمانی (ENTERPRISE)");
    assertThat(FA.planName("PRO")).isEqualTo("حرفه‌ای (PRO)");
    assertThat(EN.planName("CUSTOM")).isEqualTo("CUSTOM");
    assertThat(FA.quotaWatches(Plans.PRO, 3)).contains("نامحدود");
    assertThat(EN.quotaWatches(Plans.PREMIUM, 10)).contains("10 doctors");
    assertThat(FA.plans().plan(Plans.PREMIUM, 2)).contains("دارد ✅").contains("۲ از ۱۰");
  }

  @Test
  void filtersAreDescribedSaturdayFirst() {
    SlotFilter f = new SlotFilter(null, null, EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.MONDAY),
        List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0))), false, null);

    assertThat(EN.describe(f)).isEqualTo("Saturday, Monday, Friday, 08:00–12:00");
    assertThat(FA.describe(SlotFilter.ANY)).isEqualTo("همه‌ی روزها، همه‌ی ساعت‌ها");
    assertThat(Messages.weekOrder(Set.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY))).containsExactly(DayOfWeek.SATURDAY,
        DayOfWeek.SUNDAY);
  }

  @Test
  void everyPauseReasonAndBookingFailureIsExplained() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(FA.notices().paused(LABEL, code)).contains("دکتر سارا");
      assertThat(EN.notices().paused(LABEL, code)).contains("دکتر سارا");
      assertThat(EN.notices().bookingFailed(LABEL, SLOT, code, "why", false)).contains("Could not book").contains("stopped");
      assertThat(FA.notices().bookingFailed(LABEL, SLOT, code, "", true)).contains("دوباره تلاش");
    }
    assertThat(EN.notices().bookingFailed(LABEL, SLOT, ErrorCode.PROTOCOL, "odd answer", true)).contains("(odd answer)");
    assertThat(EN.notices().paused(LABEL, ErrorCode.QUOTA_EXCEEDED)).contains("/plan");
  }

  @Test
  void placesAndSummariesHandleMissingParts() {
    assertThat(new WatchLabel("d", "", "ویزیت", null, "l", "c", "s").place()).isEqualTo("ویزیت");
    assertThat(new WatchLabel("d", "مطب", "", null, "l", "c", "s").place()).isEqualTo("مطب");
    String summary = EN.notices().moreSlots(LABEL, List.of(SLOT), 3);

    assertThat(summary).contains("3 more free slots").contains("Saturday 1405/01/01 09:30").contains("and 2 more");
    assertThat(FA.autoBookOn(2, "S***")).contains("۲ پزشک");
    assertThat(EN.autoBookOn(1, "S***")).contains("1 doctor.");
    assertThat(EN.plans().planChanged(new Plan("GOLD", 3, Duration.ofSeconds(20), true, 3), 2)).contains("GOLD")
        .contains("every 20 seconds").contains("Doctors: 2 of 3").doesNotContain("Your plan: GOLD");
  }

  @Test
  void slotsShowTheJalaliDateTehranTimeAndWeekdayInEachLanguagesDigits() {
    // Nowruz 1405: Saturday 2026-03-21; 06:00 UTC is 09:30 in Tehran
    String fa = FA.notices().slotOpened(LABEL, SLOT, 1_500_000L);
    String en = EN.notices().slotOpened(LABEL, SLOT, 1_500_000L);

    assertThat(fa).contains("شنبه ۱۴۰۵/۰۱/۰۱").contains("ساعت ۰۹:۳۰").contains("۱٬۵۰۰٬۰۰۰");
    assertThat(en).contains("Saturday 1405/01/01").contains("09:30 (Tehran time)").contains("1,500,000");
  }

  @Test
  void theDateFollowsTehranNotUtc() {
    Slot lateUtcEve = TestDoctors.slot(TestDoctors.target(TestDoctors.reza(), "c9", "s9"),
        Instant.parse("2026-03-20T21:00:00Z")); // 00:30 on Nowruz in Tehran

    assertThat(EN.notices().moreSlots(LABEL, List.of(lateUtcEve), 1)).contains("Saturday 1405/01/01 00:30");
  }

  @Test
  void planEndsAreJalaliDates() {
    assertThat(FA.plans().planEndsSoon("PREMIUM", Instant.parse("2026-03-21T06:00:00Z"))).contains("۱۴۰۵/۰۱/۰۱");
    assertThat(EN.format()).isSameAs(io.github.slothunter.api.JalaliFormat.ENGLISH);
  }
}
