package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date and time values a Doctoreto calendar may contain. The site's actual format is
 * not known (see {@link DoctoretoAssumptions}), so this accepts every common one:
 *
 * <ul>
 *   <li>unix seconds (or milliseconds, when the number is too large for seconds), as a number or a string;
 *   <li>ISO-8601 with an offset or {@code Z} ({@code 2024-10-28T09:30:00+03:30}), a space allowed for {@code T};
 *   <li>a local date-time without offset, read in Asia/Tehran;
 *   <li>a bare time of day ({@code 09:30}, {@code 09:30:00}) on the calendar day's date;
 *   <li>dates as {@code yyyy-MM-dd} or {@code yyyy/MM/dd}; a year below 1700 is Jalali and converted.
 * </ul>
 *
 * <p>Persian and Arabic-Indic digits are read as ASCII digits. Stateless and thread-safe.
 */
final class DoctoretoTimes {
  private static final Pattern DATE_TIME = Pattern.compile(
      "(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})"
          + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
          + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
  private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");
  /** Numbers below this (1973-03-03 in seconds) are not unix times. */
  private static final long MIN_EPOCH_SECONDS = 100_000_000L;
  /** Seconds above this are milliseconds (year 5138 in seconds). */
  private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

  private DoctoretoTimes() {}

  /**
   * An instant from a value.
   *
   * @param day the calendar day's date, for bare times of day; {@code null} when unknown
   * @return empty when the value is not in a form this reads, or is a time of day with no day
   */
  static Optional<Instant> instant(JsonNode value, LocalDate day) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isIntegralNumber()) {
      return epoch(value.asLong());
    }
    if (!value.isTextual()) {
      return Optional.empty();
    }
    String s = asciiDigits(value.textValue()).strip();
    if (EPOCH.matcher(s).matches()) {
      return epoch(Long.parseLong(s));
    }
    try {
      Matcher m = DATE_TIME.matcher(s);
      if (m.matches()) {
        if (m.group(4) == null) {
          return Optional.empty(); // a date alone is not a slot start
        }
        ZonedDateTime local = date(m).atTime(time(m)).atZone(SlotHunterZones.TEHRAN);
        String offset = m.group(8);
        if (offset == null) {
          return Optional.of(local.toInstant());
        }
        return Optional.of(local.toLocalDateTime().atOffset(offset(offset)).toInstant());
      }
      Matcher t = TIME_OF_DAY.matcher(s);
      if (t.matches() && day != null) {
        LocalTime time = LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)),
            t.group(3) == null ? 0 : Integer.parseInt(t.group(3)));
        return Optional.of(day.atTime(time).atZone(SlotHunterZones.TEHRAN).toInstant());
      }
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * A calendar date (in Asia/Tehran) from a value: a date, a date-time or unix seconds.
   *
   * @return empty when the value is not in a form this reads
   */
  static Optional<LocalDate> date(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      String s = asciiDigits(value.textValue()).strip();
      Matcher m = DATE_TIME.matcher(s);
      try {
        if (m.matches() && (m.group(4) == null || m.group(8) == null)) {
          return Optional.of(date(m));
        }
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    return instant(value, null).map(i -> i.atZone(SlotHunterZones.TEHRAN).toLocalDate());
  }

  /**
   * A length in minutes: a number, a numeric string, or ISO-8601 ({@code PT15M}).
   *
   * @return empty when absent, unreadable or not positive
   */
  static Optional<Duration> minutes(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    Duration d = null;
    if (value.isNumber()) {
      d = Duration.ofSeconds(Math.round(value.asDouble() * 60));
    } else if (value.isTextual()) {
      String s = asciiDigits(value.textValue()).strip();
      try {
        d = s.startsWith("P") || s.startsWith("p")
            ? Duration.parse(s.toUpperCase(java.util.Locale.ROOT))
            : Duration.ofSeconds(Math.round(Double.parseDouble(s) * 60));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return d == null || d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
  }

  private static LocalDate date(Matcher m) {
    int y = Integer.parseInt(m.group(1));
    int mo = Integer.parseInt(m.group(2));
    int d = Integer.parseInt(m.group(3));
    return y < 1700 ? jalaliToGregorian(y, mo, d) : LocalDate.of(y, mo, d);
  }

  /**
   * The Gregorian date of a Jalali date, for the years Doctoreto can plausibly send (1300..1499).
   *
   * @throws DateTimeException for a year outside that range or a month or day that does not exist
   */
  static LocalDate jalaliToGregorian(int year, int month, int day) {
    if (year < 1300 || year > 1499) {
      throw new DateTimeException("Jalali year out of range: " + year);
    }
    try {
      return new JalaliFormat.JalaliDate(year, month, day).toGregorian();
    } catch (SlotHunterException e) {
      throw new DateTimeException("no such Jalali date: " + year + "/" + month + "/" + day);
    }
  }

  private static LocalTime time(Matcher m) {
    int nanos = 0;
    if (m.group(7) != null) {
      String frac = (m.group(7) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(frac);
    }
    return LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
  }

  private static ZoneOffset offset(String s) {
    if (s.equals("Z")) {
      return ZoneOffset.UTC;
    }
    String digits = s.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    int sign = s.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  /** Unix seconds or milliseconds; small numbers (a day of the month, a count) are not instants. */
  private static Optional<Instant> epoch(long v) {
    if (v < MIN_EPOCH_SECONDS) {
      return Optional.empty();
    }
    return Optional.of(v >= MAX_EPOCH_SECONDS ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v));
  }

  /** Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII. */
  static String asciiDigits(String s) {
    return JalaliFormat.asciiDigits(s);
  }
}
