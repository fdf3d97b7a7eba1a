package io.github.slothunter.examples.cli;

import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.github.slothunter.api.SlotHunterZones;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Objects;

/**
 * Renders instants and dates the way Iranian users read them: the Solar Hijri (Jalali) calendar,
 * Tehran wall-clock time, Persian or English month and weekday names. All calendar arithmetic is
 * ICU4J's ({@code @calendar=persian}); nothing here is hand-written.
 *
 * <pre>{@code
 * JalaliFormat en = JalaliFormat.of(Lang.EN);
 * en.date(LocalDate.of(2026, 3, 21));     // "1405/01/01"
 * en.weekday(LocalDate.of(2026, 3, 21));  // "Saturday"
 * JalaliFormat.of(Lang.FA).date(...);     // "۱۴۰۵/۰۱/۰۱"
 * }</pre>
 *
 * <p>Immutable and thread-safe: ICU formatters are not, so each call makes its own (ICU caches the
 * locale data behind them).
 */
public final class JalaliFormat {
  /** The zone every rendering uses. */
  public static final ZoneId ZONE = SlotHunterZones.TEHRAN;

  /**
   * A date on the Jalali calendar.
   *
   * @param year the Solar Hijri year, e.g. 1405
   * @param month 1 (Farvardin) to 12 (Esfand)
   * @param day 1 to 31
   */
  public record JalaliDate(int year, int month, int day) {
    /** {@code yyyy/MM/dd} with ASCII digits. */
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%04d/%02d/%02d", year, month, day);
    }
  }

  private final Lang lang;
  private final ULocale locale;

  private JalaliFormat(Lang lang) {
    this.lang = lang;
    // fa renders Persian digits (۱۴۰۵), en ASCII digits with transliterated month names (Farvardin)
    this.locale = new ULocale(lang == Lang.FA ? "fa_IR@calendar=persian" : "en@calendar=persian");
  }

  /** A formatter for the language. */
  public static JalaliFormat of(Lang lang) {
    return new JalaliFormat(Objects.requireNonNull(lang, "lang"));
  }

  /** The language this formatter writes. */
  public Lang lang() {
    return lang;
  }

  /** The Jalali year, month and day of a Gregorian date. */
  public static JalaliDate toJalali(LocalDate date) {
    Calendar c = Calendar.getInstance(TimeZone.getTimeZone(ZONE.getId()), new ULocale("en@calendar=persian"));
    c.setTimeInMillis(noon(date));
    return new JalaliDate(c.get(Calendar.EXTENDED_YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH));
  }

  /** {@code 1405/01/01} ({@code ۱۴۰۵/۰۱/۰۱} in Persian). */
  public String date(LocalDate date) {
    return format("yyyy/MM/dd", noon(date));
  }

  /** The Tehran date of the instant, as {@link #date(LocalDate)}. */
  public String date(Instant instant) {
    return format("yyyy/MM/dd", instant.toEpochMilli());
  }

  /** {@code Saturday} / {@code شنبه}. */
  public String weekday(LocalDate date) {
    return format("EEEE", noon(date));
  }

  /** The weekday of the instant in Tehran. */
  public String weekday(Instant instant) {
    return format("EEEE", instant.toEpochMilli());
  }

  /** {@code Sat} / {@code شنبه} (Persian has no short weekday names). */
  public String shortWeekday(Instant instant) {
    return format("EEE", instant.toEpochMilli());
  }

  /** {@code 1 Farvardin 1405} / {@code ۱ فروردین ۱۴۰۵}. */
  public String longDate(LocalDate date) {
    return format("d MMMM y", noon(date));
  }

  /** The Jalali month name: {@code Farvardin} / {@code فروردین}. */
  public String monthName(LocalDate date) {
    return format("MMMM", noon(date));
  }

  /** Tehran wall-clock time, {@code 09:30} ({@code ۰۹:۳۰} in Persian). */
  public String time(Instant instant) {
    return format("HH:mm", instant.toEpochMilli());
  }

  /** {@code Sat 1405/01/01 09:30}: what a slot line shows. */
  public String slot(Instant instant) {
    return format("EEE yyyy/MM/dd HH:mm", instant.toEpochMilli());
  }

  /** A Tehran time of day in this language's digits. */
  public String time(LocalTime time) {
    return time(time.atDate(LocalDate.of(2026, 1, 1)).atZone(ZONE).toInstant());
  }

  private String format(String pattern, long epochMillis) {
    SimpleDateFormat f = new SimpleDateFormat(pattern, locale);
    f.setCalendar(Calendar.getInstance(TimeZone.getTimeZone(ZONE.getId()), locale));
    return f.format(new Date(epochMillis));
  }

  // Noon avoids any midnight edge when a Gregorian date is turned into an instant.
  private static long noon(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return date.atTime(12, 0).atZone(ZONE).toInstant().toEpochMilli();
  }

  @Override
  public String toString() {
    return "JalaliFormat[" + lang + "]";
  }
}
