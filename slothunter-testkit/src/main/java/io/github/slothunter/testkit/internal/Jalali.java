package io.github.slothunter.testkit.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/** Jalali (Solar Hijri) dates and Persian digits, as the site shows them. Stateless. */
public final class Jalali {
  private static final String[] MONTHS = {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
      "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"};
  private static final int[] GREGORIAN_DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

  private Jalali() {}

  /** {@code {year, month, day}} of the Jalali date of a Gregorian date (years 1800-2200). */
  public static int[] of(LocalDate date) {
    int gy = date.getYear();
    int gm = date.getMonthValue();
    int gd = date.getDayOfMonth();
    int gy2 = gm > 2 ? gy + 1 : gy;
    long days = 355666 + 365L * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100 + (gy2 + 399) / 400 + gd
        + GREGORIAN_DAYS_BEFORE_MONTH[gm - 1];
    long jy = -1595 + 33 * (days / 12053);
    days %= 12053;
    jy += 4 * (days / 1461);
    days %= 1461;
    if (days > 365) {
      jy += (days - 1) / 365;
      days = (days - 1) % 365;
    }
    int jm;
    int jd;
    if (days < 186) {
      jm = 1 + (int) (days / 31);
      jd = 1 + (int) (days % 31);
    } else {
      jm = 7 + (int) ((days - 186) / 30);
      jd = 1 + (int) ((days - 186) % 30);
    }
    return new int[] {(int) jy, jm, jd};
  }

  /** {@code 1404/10/13} in ASCII digits, as booking forms want birth dates. */
  public static String numeric(LocalDate date) {
    int[] j = of(date);
    return String.format(java.util.Locale.ROOT, "%04d/%02d/%02d", j[0], j[1], j[2]);
  }

  /** The Persian weekday name. */
  public static String weekday(DayOfWeek day) {
    switch (day) {
      case SATURDAY: return "شنبه";
      case SUNDAY: return "یکشنبه";
      case MONDAY: return "دوشنبه";
      case TUESDAY: return "سه‌شنبه";
      case WEDNESDAY: return "چهارشنبه";
      case THURSDAY: return "پنجشنبه";
      default: return "جمعه";
    }
  }

  /** {@code شنبه ۱۳ دی ۱۴۰۴} . */
  public static String longDate(LocalDate date) {
    int[] j = of(date);
    return weekday(date.getDayOfWeek()) + " " + persianDigits(Integer.toString(j[2])) + " " + MONTHS[j[1] - 1]
        + " " + persianDigits(Integer.toString(j[0]));
  }

  /** {@code شنبه ۱۳ دی ۱۴۰۴ ساعت ۰۹:۳۰} . */
  public static String longDateTime(ZonedDateTime t) {
    return longDate(t.toLocalDate()) + " ساعت "
        + persianDigits(String.format(java.util.Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()));
  }

  /** ASCII digits to Persian digits; other characters unchanged. */
  public static String persianDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= '0' && c <= '9' ? (char) ('\u06F0' + (c - '0')) : c);
    }
    return b.toString();
  }
}
