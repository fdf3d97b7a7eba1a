package io.github.slothunter.examples.cli;

import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.examples.cli.UsageErrors.BadValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What the user types for numbers, dates, weekdays and time windows, turned into values before any
 * request: Persian ({@code ۱۲}) and Arabic-Indic ({@code ١٢}) digits count as digits everywhere a
 * number is expected, dates may be Gregorian ({@code 2026-03-21}) or Jalali ({@code 1405/01/01}),
 * weekdays English ({@code sat}) or Persian ({@code شنبه}). A value that does not convert is a
 * usage error ({@link BadValue}) with one sentence in both languages. Stateless.
 */
final class InputConverters {
  /** Jalali years are below this; Gregorian years of interest are above. */
  private static final int FIRST_GREGORIAN_YEAR = 1700;
  private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");

  private InputConverters() {}

  /** Makes every option of the command tree read numbers, dates, weekdays and windows this way. */
  static void register(CommandLine cmd) {
    cmd.registerConverter(Integer.class, InputConverters::integer);
    cmd.registerConverter(int.class, InputConverters::integer);
    cmd.registerConverter(Long.class, InputConverters::longValue);
    cmd.registerConverter(long.class, InputConverters::longValue);
    cmd.registerConverter(Double.class, InputConverters::decimal);
    cmd.registerConverter(double.class, InputConverters::decimal);
    cmd.registerConverter(LocalDate.class, InputConverters::date);
    cmd.registerConverter(DayOfWeek.class, InputConverters::day);
    cmd.registerConverter(TimeWindow.class, InputConverters::window);
    cmd.registerConverter(GeoPoint.class, InputConverters::point);
    cmd.registerConverter(Gender.class, InputConverters::gender);
  }

  /** {@code 35.7219,51.3347}, also with Persian digits, the Persian comma and decimal separator. */
  static GeoPoint point(String value) {
    try {
      return GeoPoint.parse(value);
    } catch (SlotHunterException e) {
      throw new BadValue("'" + value + "' is not a point like 35.7219,51.3347 (latitude -90 to 90, longitude"
          + " -180 to 180)", "«" + value + "» نقطه نیست؛ مثل ۳۵٫۷۲۱۹،۵۱٫۳۳۴۷ بنویسید (عرض از ۹۰- تا ۹۰، طول از"
          + " ۱۸۰- تا ۱۸۰)");
    }
  }

  /** {@code male}, {@code female}, {@code مرد}, {@code زن}. */
  static Gender gender(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "male", "m", "مرد" -> Gender.MALE;
      case "female", "f", "زن" -> Gender.FEMALE;
      default -> throw new BadValue("'" + value + "' is not a gender (male or female)",
          "«" + value + "» جنسیت نیست (مرد یا زن)");
    };
  }

  /** {@code in-person}, {@code online}, {@code phone} (or {@code حضوری}, {@code آنلاین}, {@code تلفنی}). */
  static VisitType visitType(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (v) {
      case "in-person", "حضوری" -> VisitType.IN_PERSON;
      case "online", "آنلاین" -> VisitType.ONLINE;
      case "phone", "تلفنی" -> VisitType.PHONE;
      default -> throw new BadValue("'" + value + "' is not a visit type (in-person, online or phone)",
          "«" + value + "» نوع ویزیت نیست (حضوری، آنلاین یا تلفنی)");
    };
  }

  static int integer(String value) {
    try {
      return Integer.parseInt(fold(value));
    } catch (NumberFormatException e) {
      throw new BadValue("'" + value + "' is not a whole number", "«" + value + "» عدد صحیح نیست");
    }
  }

  static long longValue(String value) {
    try {
      return Long.parseLong(fold(value));
    } catch (NumberFormatException e) {
      throw new BadValue("'" + value + "' is not a whole number", "«" + value + "» عدد صحیح نیست");
    }
  }

  static double decimal(String value) {
    try {
      // the Persian decimal separator (٫) too
      return Double.parseDouble(fold(value).replace('\u066B', '.'));
    } catch (NumberFormatException e) {
      throw new BadValue("'" + value + "' is not a number", "«" + value + "» عدد نیست");
    }
  }

  /**
   * A Gregorian ({@code 2026-03-21}) or Jalali ({@code 1405/01/01}, {@code ۱۴۰۵-۱-۱}) date; the
   * year tells which.
   */
  static LocalDate date(String value) {
    Matcher m = DATE.matcher(fold(value));
    BadValue bad = new BadValue("'" + value + "' is not a date like 2026-03-21 or 1405/01/01",
        "«" + value + "» تاریخ نیست؛ مثل ۱۴۰۵/۰۱/۰۱ یا 2026-03-21 بنویسید");
    if (!m.matches()) {
      throw bad;
    }
    int y = Integer.parseInt(m.group(1));
    int mo = Integer.parseInt(m.group(2));
    int d = Integer.parseInt(m.group(3));
    try {
      return y < FIRST_GREGORIAN_YEAR ? new JalaliFormat.JalaliDate(y, mo, d).toGregorian() : LocalDate.of(y, mo, d);
    } catch (DateTimeException | SlotHunterException e) {
      throw new BadValue("there is no day " + value, "روز " + value + " در تقویم نیست");
    }
  }

  /** {@code sat}, {@code Saturday}, {@code شنبه}, {@code پنج‌شنبه} ... */
  static DayOfWeek day(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (v.length() >= 2 && name.startsWith(v)) {
        return d;
      }
      String fa = JalaliFormat.PERSIAN.weekday(d);
      if (normaliseSpaces(v).equals(normaliseSpaces(fa))) {
        return d;
      }
    }
    throw new BadValue("'" + value + "' is not a weekday (sat, sun, mon, tue, wed, thu, fri)",
        "«" + value + "» روز هفته نیست (شنبه، یکشنبه، ...، جمعه)");
  }

  /** {@code 08:00-12:00}, also with Persian digits. */
  static TimeWindow window(String value) {
    try {
      return TimeWindow.parse(fold(value));
    } catch (SlotHunterException | DateTimeException e) {
      throw new BadValue("'" + value + "' is not a time window like 08:00-12:00",
          "«" + value + "» بازهٔ ساعت نیست؛ مثل ۰۸:۰۰-۱۲:۰۰ بنویسید");
    }
  }

  private static String fold(String value) {
    return JalaliFormat.asciiDigits(value.strip());
  }

  // "پنج‌شنبه" is typed with a zero-width non-joiner, a space or nothing
  private static String normaliseSpaces(String s) {
    return s.replace("\u200C", "").replace(" ", "");
  }
}
