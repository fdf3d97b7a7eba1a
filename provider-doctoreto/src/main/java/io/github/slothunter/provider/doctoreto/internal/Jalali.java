package io.github.slothunter.provider.doctoreto.internal;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Jalali (Solar Hijri) to Gregorian dates, for the years Doctoreto can plausibly send
 * (1300..1499). The algorithm is the one in jalaali-js (Borkowski's leap-year breaks), so it
 * agrees with the official calendar across the range.
 */
final class Jalali {
  private static final int[] BREAKS = {
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394,
    2456, 3178
  };
  static final int MIN_YEAR = 1300;
  static final int MAX_YEAR = 1499;

  private Jalali() {}

  /**
   * The Gregorian date of a Jalali date.
   *
   * @throws DateTimeException for a year outside 1300..1499 or a month or day that does not exist
   */
  static LocalDate toGregorian(int year, int month, int day) {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new DateTimeException("Jalali year out of range: " + year);
    }
    if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
      throw new DateTimeException("no such Jalali date: " + year + "/" + month + "/" + day);
    }
    int[] cal = calendar(year);
    LocalDate nowruz = LocalDate.of(cal[1], 3, cal[2]);
    int dayOfYear = (month - 1) * 31 - (month / 7) * (month - 7) + day - 1;
    return nowruz.plusDays(dayOfYear);
  }

  /** Whether the Jalali year has 366 days (Esfand has 30). */
  static boolean isLeap(int year) {
    return calendar(year)[0] == 0;
  }

  private static int monthLength(int year, int month) {
    if (month <= 6) {
      return 31;
    }
    if (month <= 11) {
      return 30;
    }
    return isLeap(year) ? 30 : 29;
  }

  /** {leap (0 = leap year), Gregorian year of Nowruz, day in March of Nowruz}. */
  private static int[] calendar(int jy) {
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
