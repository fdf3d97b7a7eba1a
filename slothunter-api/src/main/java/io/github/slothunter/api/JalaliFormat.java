package io.github.slothunter.api;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * Dates, times, digits and amounts the way Iranian users read them: the Solar Hijri (Jalali)
 * calendar, Tehran wall-clock time ({@link SlotHunterZones#TEHRAN}), Persian or English names, and
 * Persian or ASCII digits. The one formatter every SlotHunter surface uses (the CLI, the Telegram
 * bot, the server and its dashboard); host apps can use it too.
 *
 * <pre>{@code
 * JalaliFormat.ENGLISH.date(LocalDate.of(2026, 3, 21));    // "1405/01/01"
 * JalaliFormat.PERSIAN.date(LocalDate.of(2026, 3, 21));    // "۱۴۰۵/۰۱/۰۱"
 * JalaliFormat.PERSIAN.longDate(LocalDate.of(2026, 3, 21)); // "۱ فروردین ۱۴۰۵"
 * JalaliFormat.PERSIAN.slot(opened.slot().start());        // "شنبه ۱۴۰۵/۰۱/۰۱ ۰۹:۳۰"
 * JalaliFormat.PERSIAN.rials(1_500_000);                   // "۱٬۵۰۰٬۰۰۰ ریال"
 * JalaliFormat.asciiDigits("۰۹۱۲");                        // "0912"
 * }</pre>
 *
 * <p>The calendar arithmetic is Borkowski's (as in jalaali-js) and agrees with the official
 * calendar for Jalali years 1 to 3177; no library is needed. English output transliterates the
 * month names ({@code Farvardin}) and uses three-letter weekdays where a short form is asked for;
 * Persian has no short weekday names, so both forms are the full name.
 *
 * <p>Immutable and thread-safe.
 */
public final class JalaliFormat {
  /** Persian names and digits ({@code ۱ فروردین ۱۴۰۵}). */
  public static final JalaliFormat PERSIAN = new JalaliFormat(true);
  /** English (transliterated) names and ASCII digits ({@code 1 Farvardin 1405}). */
  public static final JalaliFormat ENGLISH = new JalaliFormat(false);

  /** The zone every rendering uses. */
  public static final ZoneId ZONE = SlotHunterZones.TEHRAN;

  private static final String[] MONTHS_FA = {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
      "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"};
  private static final String[] MONTHS_EN = {"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad",
      "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"};
  // indexed by DayOfWeek.getValue() - 1 (Monday first)
  private static final String[] WEEKDAYS_FA = {"دوشنبه", "سه\u200Cشنبه", "چهارشنبه", "پنجشنبه", "جمعه",
      "شنبه", "یکشنبه"};
  private static final String[] WEEKDAYS_EN = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "Saturday", "Sunday"};
  private static final int[] BREAKS = {-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060,
      2097, 2192, 2262, 2324, 2394, 2456, 3178};
  private static final char PERSIAN_ZERO = '\u06F0';
  private static final char ARABIC_ZERO = '\u0660';
  private static final char PERSIAN_THOUSANDS = '\u066C';

  /**
   * A date on the Jalali calendar.
   *
   * @param year the Solar Hijri year, e.g. 1405
   * @param month 1 (Farvardin) to 12 (Esfand)
   * @param day 1 to 31
   */
  public record JalaliDate(int year, int month, int day) {
    /**
     * Validates: the date must exist on the calendar.
     *
     * @throws SlotHunterException {@code INVALID_ARGUMENT} for a month or day that does not exist
     *     or a year outside 1..3177
     */
    public JalaliDate {
      if (year < 1 || year >= BREAKS[BREAKS.length - 1] || month < 1 || month > 12 || day < 1
          || day > monthLength(year, month)) {
        throw SlotHunterException.invalid("jalali date", "no such date: " + year + "/" + month + "/" + day);
      }
    }

    /** The Gregorian date of this day. */
    public LocalDate toGregorian() {
      int[] cal = calendar(year);
      LocalDate nowruz = LocalDate.of(cal[1], 3, cal[2]);
      int dayOfYear = month <= 7 ? (month - 1) * 31 : 6 * 31 + (month - 7) * 30;
      return nowruz.plusDays(dayOfYear + day - 1L);
    }

    /** {@code yyyy/MM/dd} with ASCII digits ({@code 1405/01/01}), as booking forms want dates. */
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%04d/%02d/%02d", year, month, day);
    }
  }

  private final boolean persian;

  private JalaliFormat(boolean persian) {
    this.persian = persian;
  }

  /** {@link #PERSIAN} for a Persian ({@code fa}) locale, else {@link #ENGLISH}. */
  public static JalaliFormat of(Locale locale) {
    return "fa".equals(Objects.requireNonNull(locale, "locale").getLanguage()) ? PERSIAN : ENGLISH;
  }

  /** Whether this formatter writes Persian. */
  public boolean persian() {
    return persian;
  }

  /** The Jalali date of a Gregorian date. */
  public static JalaliDate toJalali(LocalDate date) {
    Objects.requireNonNull(date, "date");
    int gy = date.getYear() - 621;
    int[] cal = calendar(gy);
    LocalDate nowruz = LocalDate.of(date.getYear(), 3, cal[2]);
    int jy = gy;
    long offset = date.toEpochDay() - nowruz.toEpochDay();
    if (offset < 0) {
      jy = gy - 1;
      offset = date.toEpochDay() - LocalDate.of(date.getYear() - 1, 3, calendar(jy)[2]).toEpochDay();
    }
    int jm;
    int jd;
    if (offset < 186) {
      jm = 1 + (int) (offset / 31);
      jd = 1 + (int) (offset % 31);
    } else {
      jm = 7 + (int) ((offset - 186) / 30);
      jd = 1 + (int) ((offset - 186) % 30);
    }
    return new JalaliDate(jy, jm, jd);
  }

  /** The Tehran date of an instant on the Jalali calendar. */
  public static JalaliDate toJalali(Instant instant) {
    return toJalali(tehran(instant).toLocalDate());
  }

  /** Whether the Jalali year has 366 days (Esfand has 30). */
  public static boolean isLeapYear(int year) {
    return calendar(year)[0] == 0;
  }

  /** Persian ({@code ۰}..) and Arabic-Indic ({@code ٠}..) digits to ASCII; other characters unchanged. */
  public static String asciiDigits(String s) {
    return Text.asciiDigits(Objects.requireNonNull(s, "s"));
  }

  /** ASCII digits to Persian digits; other characters unchanged. */
  public static String persianDigits(String s) {
    Objects.requireNonNull(s, "s");
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= '0' && c <= '9' ? (char) (PERSIAN_ZERO + (c - '0')) : c);
    }
    return b.toString();
  }

  /** Whether a character is a digit in ASCII, Persian or Arabic-Indic. */
  public static boolean isAnyDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= PERSIAN_ZERO && c <= PERSIAN_ZERO + 9)
        || (c >= ARABIC_ZERO && c <= ARABIC_ZERO + 9);
  }

  /** The text's ASCII digits in this formatter's digits (Persian digits for {@link #PERSIAN}). */
  public String digits(String s) {
    return persian ? persianDigits(s) : Objects.requireNonNull(s, "s");
  }

  /** {@code 1405/01/01} ({@code ۱۴۰۵/۰۱/۰۱} in Persian). */
  public String date(LocalDate date) {
    return digits(toJalali(date).toString());
  }

  /** The Tehran date of the instant, as {@link #date(LocalDate)}. */
  public String date(Instant instant) {
    return date(tehran(instant).toLocalDate());
  }

  /** {@code Saturday} / {@code شنبه}. */
  public String weekday(DayOfWeek day) {
    Objects.requireNonNull(day, "day");
    return (persian ? WEEKDAYS_FA : WEEKDAYS_EN)[day.getValue() - 1];
  }

  /** The weekday of a date, as {@link #weekday(DayOfWeek)}. */
  public String weekday(LocalDate date) {
    return weekday(Objects.requireNonNull(date, "date").getDayOfWeek());
  }

  /** The weekday of the instant in Tehran. */
  public String weekday(Instant instant) {
    return weekday(tehran(instant).getDayOfWeek());
  }

  /** {@code Sat} / {@code شنبه} (Persian has no short weekday names). */
  public String shortWeekday(DayOfWeek day) {
    String name = weekday(day);
    return persian ? name : name.substring(0, 3);
  }

  /** The short weekday of the instant in Tehran. */
  public String shortWeekday(Instant instant) {
    return shortWeekday(tehran(instant).getDayOfWeek());
  }

  /** The Jalali month name: {@code Farvardin} / {@code فروردین}. */
  public String monthName(LocalDate date) {
    return (persian ? MONTHS_FA : MONTHS_EN)[toJalali(date).month() - 1];
  }

  /** {@code 1 Farvardin 1405} / {@code ۱ فروردین ۱۴۰۵}. */
  public String longDate(LocalDate date) {
    JalaliDate j = toJalali(date);
    return digits(Integer.toString(j.day())) + " " + (persian ? MONTHS_FA : MONTHS_EN)[j.month() - 1] + " "
        + digits(Integer.toString(j.year()));
  }

  /** The Tehran date of the instant, as {@link #longDate(LocalDate)}. */
  public String longDate(Instant instant) {
    return longDate(tehran(instant).toLocalDate());
  }

  /** Tehran wall-clock time, {@code 09:30} ({@code ۰۹:۳۰} in Persian). */
  public String time(Instant instant) {
    return time(tehran(instant).toLocalTime());
  }

  /** A time of day, {@code 09:30} ({@code ۰۹:۳۰} in Persian). */
  public String time(LocalTime time) {
    Objects.requireNonNull(time, "time");
    return digits(String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute()));
  }

  /** {@code Sat 1405/01/01 09:30} / {@code شنبه ۱۴۰۵/۰۱/۰۱ ۰۹:۳۰}: what a slot line shows. */
  public String slot(Instant instant) {
    return shortWeekday(instant) + " " + date(instant) + " " + time(instant);
  }

  /** {@code Saturday 1 Farvardin 1405, 09:30} / {@code شنبه ۱ فروردین ۱۴۰۵ ساعت ۰۹:۳۰}: a sentence's date. */
  public String dateTime(Instant instant) {
    return weekday(instant) + " " + longDate(instant) + (persian ? " ساعت " : ", ") + time(instant);
  }

  /** A whole number with grouping: {@code 1,500,000} / {@code ۱٬۵۰۰٬۰۰۰}. */
  public String number(long value) {
    String grouped = String.format(Locale.ROOT, "%,d", value);
    return persian ? persianDigits(grouped.replace(',', PERSIAN_THOUSANDS)) : grouped;
  }

  /** An amount in rials: {@code 1,500,000 rials} / {@code ۱٬۵۰۰٬۰۰۰ ریال}. */
  public String rials(long amount) {
    return number(amount) + (persian ? " ریال" : " rials");
  }

  /** A distance: {@code 3.2 km} / {@code ۳٫۲ کیلومتر}, one decimal. */
  public String kilometres(double km) {
    String s = String.format(Locale.ROOT, "%.1f", km);
    return persian ? persianDigits(s.replace('.', '\u066B')) + " کیلومتر" : s + " km";
  }

  @Override
  public String toString() {
    return persian ? "JalaliFormat[fa]" : "JalaliFormat[en]";
  }

  private static ZonedDateTime tehran(Instant instant) {
    return Objects.requireNonNull(instant, "instant").atZone(ZONE);
  }

  private static int monthLength(int year, int month) {
    if (month <= 6) {
      return 31;
    }
    if (month <= 11) {
      return 30;
    }
    return isLeapYear(year) ? 30 : 29;
  }

  /** {leap (0 = leap year), Gregorian year of Nowruz, day in March of Nowruz}. */
  private static int[] calendar(int jy) {
    if (jy < BREAKS[0] || jy >= BREAKS[BREAKS.length - 1]) {
      throw new DateTimeException("Jalali year out of range: " + jy);
    }
    int gy = jy + 621;
    int leapJ = -14;
    int jp = BREAKS[0];
    int jump = 0;
    for (int i = 1; i < BREAKS.length; i++) {
      int jm = BREAKS[i];
      jump = jm - jp;
      if (jy < jm) {
        break;
      }
      leapJ = leapJ + (jump / 33) * 8 + (jump % 33) / 4;
      jp = jm;
    }
    int n = jy - jp;
    leapJ = leapJ + (n / 33) * 8 + ((n % 33) + 3) / 4;
    if (jump % 33 == 4 && jump - n == 4) {
      leapJ += 1;
    }
    int leapG = gy / 4 - ((gy / 100 + 1) * 3) / 4 - 150;
    int march = 20 + leapJ - leapG;
    if (jump - n < 6) {
      n = n - jump + ((jump + 4) / 33) * 33;
    }
    int leap = (((n + 1) % 33) - 1) % 4;
    if (leap == -1) {
      leap = 4;
    }
    return new int[] {leap, gy, march};
  }
}
