package io.github.slothunter.core;

import io.github.slothunter.api.SlotHunterZones;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target's history and forecast show (see {@link SlotAnalytics#target}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param targetId the target
 * @param releasesByHourOfWeek releases per hour of the week: 168 entries, index 0 = Saturday
 *     00:00-01:00 Tehran time (the Iranian week starts on Saturday), index 167 = Friday 23:00-24:00;
 *     each release counted in the hour of its estimated time (the middle of the poll interval it
 *     was found in)
 * @param releases the sum of {@code releasesByHourOfWeek}
 * @param medianFreeTime the median time a released slot stayed free before someone took it; empty
 *     before any was taken
 * @param detectionLatency how long after a release the engine saw it (estimated); empty before any release
 * @param next24h the forecast for the 24 hours from the start of the current hour (Tehran time)
 * @param bestWindow the hour of {@code next24h} with the most expected releases; empty while there is
 *     not enough history (fewer than {@value SlotAnalytics#MIN_RELEASES_FOR_HINT} releases) or nothing is expected
 */
public record TargetAnalytics(String targetId, List<Integer> releasesByHourOfWeek, int releases,
    Optional<Duration> medianFreeTime, Optional<LatencySummary> detectionLatency, List<ForecastWindow> next24h,
    Optional<ForecastWindow> bestWindow) {

  private static final String[] ENGLISH_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
      "Sunday"};

  /** Validates and copies. */
  public TargetAnalytics {
    Objects.requireNonNull(targetId, "targetId");
    releasesByHourOfWeek = checkHours(releasesByHourOfWeek);
    Objects.requireNonNull(medianFreeTime, "medianFreeTime");
    Objects.requireNonNull(detectionLatency, "detectionLatency");
    next24h = List.copyOf(next24h);
    Objects.requireNonNull(bestWindow, "bestWindow");
  }

  static List<Integer> checkHours(List<Integer> hours) {
    List<Integer> copy = List.copyOf(hours);
    if (copy.size() != HourOfWeekForecaster.BUCKETS) {
      throw new IllegalArgumentException("releasesByHourOfWeek must have 168 entries: " + copy.size());
    }
    return copy;
  }

  /**
   * A one-line "best time to look" hint for users, in Persian for a {@code fa} locale (with Persian
   * digits) and in English otherwise: "Slots most likely Saturday 08:00–09:00" or
   * "بیشترین احتمال نوبت خالی: شنبه ۰۸:۰۰ تا ۰۹:۰۰"; or a sentence saying there is not enough data yet.
   * Times are Tehran time.
   */
  public String hint(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    boolean persian = locale.getLanguage().equals("fa");
    if (bestWindow.isEmpty()) {
      return persian ? "هنوز داده‌ی کافی برای پیش‌بینی نوبت خالی نیست"
          : "Not enough data yet to tell when slots are likely";
    }
    ZonedDateTime from = bestWindow.get().from().atZone(SlotHunterZones.TEHRAN);
    ZonedDateTime to = bestWindow.get().to().atZone(SlotHunterZones.TEHRAN);
    DayOfWeek day = from.getDayOfWeek();
    if (persian) {
      return "بیشترین احتمال نوبت خالی: " + io.github.slothunter.api.JalaliFormat.PERSIAN.weekday(day) + " " + persianDigits(clock(from))
          + " تا " + persianDigits(clock(to));
    }
    return "Slots most likely " + ENGLISH_DAYS[day.getValue() - 1] + " " + clock(from) + "–" + clock(to);
  }

  private static String clock(ZonedDateTime t) {
    return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
  }

  private static String persianDigits(String s) {
    return io.github.slothunter.api.JalaliFormat.persianDigits(s);
  }
}
