package io.github.slothunter.examples.telegram;

import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.github.slothunter.api.SlotHunterZones;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.Objects;

/**
 * Renders times the way Iranian users read them: the Solar Hijri (Jalali) calendar, Tehran
 * wall-clock time, Persian or English names and digits. The calendar arithmetic is ICU4J's
 * ({@code @calendar=persian}).
 *
 * <pre>{@code
 * JalaliFormat.of(Lang.EN).date(instant);   // "1405/01/01"
 * JalaliFormat.of(Lang.FA).date(instant);   // "۱۴۰۵/۰۱/۰۱"
 * JalaliFormat.of(Lang.FA).weekday(instant) // "شنبه"
 * }</pre>
 *
 * <p>Immutable and thread-safe: ICU formatters are not, so each call makes its own.
 */
public final class JalaliFormat {
  /** The zone every rendering uses. */
  public static final ZoneId ZONE = SlotHunterZones.TEHRAN;

  private static final JalaliFormat FA = new JalaliFormat(Lang.FA);
  private static final JalaliFormat EN = new JalaliFormat(Lang.EN);

  private final Lang lang;
  private final ULocale calendarLocale;
  private final ULocale numberLocale;

  private JalaliFormat(Lang lang) {
    this.lang = lang;
    // fa writes Persian digits (۱۴۰۵) and names; en ASCII digits and transliterated month names (Farvardin)
    this.calendarLocale = new ULocale(lang == Lang.FA ? "fa_IR@calendar=persian" : "en@calendar=persian");
    this.numberLocale = new ULocale(lang == Lang.FA ? "fa_IR" : "en_US");
  }

  /** The formatter for a language. */
  public static JalaliFormat of(Lang lang) {
    return Objects.requireNonNull(lang, "lang") == Lang.FA ? FA : EN;
  }

  /** The Tehran date of the instant on the Jalali calendar: {@code 1405/01/01} or {@code ۱۴۰۵/۰۱/۰۱}. */
  public String date(Instant instant) {
    return format("yyyy/MM/dd", instant);
  }

  /** The Tehran date with the month's name: {@code 1 Farvardin 1405} or {@code ۱ فروردین ۱۴۰۵}. */
  public String longDate(Instant instant) {
    return format("d MMMM y", instant);
  }

  /** The Tehran weekday: {@code Saturday} or {@code شنبه}. */
  public String weekday(Instant instant) {
    return format("EEEE", instant);
  }

  /** The name of a weekday: {@code Saturday} or {@code شنبه}. */
  public String weekday(DayOfWeek day) {
    Objects.requireNonNull(day, "day");
    LocalDate someDay = LocalDate.of(2026, 1, 1).with(TemporalAdjusters.nextOrSame(day));
    return weekday(someDay.atTime(12, 0).atZone(ZONE).toInstant());
  }

  /** Tehran wall-clock time: {@code 09:30} or {@code ۰۹:۳۰}. */
  public String time(Instant instant) {
    return format("HH:mm", instant);
  }

  /** A time of day in this language's digits. */
  public String time(LocalTime time) {
    Objects.requireNonNull(time, "time");
    return time(time.atDate(LocalDate.of(2026, 1, 1)).atZone(ZONE).toInstant());
  }

  /** A whole number with grouping, in this language's digits: {@code 1,500,000} or {@code ۱٬۵۰۰٬۰۰۰}. */
  public String number(long value) {
    return NumberFormat.getIntegerInstance(numberLocale).format(value);
  }

  private String format(String pattern, Instant instant) {
    Objects.requireNonNull(instant, "instant");
    SimpleDateFormat f = new SimpleDateFormat(pattern, calendarLocale);
    f.setCalendar(Calendar.getInstance(TimeZone.getTimeZone(ZONE.getId()), calendarLocale));
    return f.format(new Date(instant.toEpochMilli()));
  }

  @Override
  public String toString() {
    return "JalaliFormat[" + lang + "]";
  }
}
