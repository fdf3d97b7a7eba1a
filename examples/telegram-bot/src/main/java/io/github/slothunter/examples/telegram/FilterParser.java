package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the days and hours a user types for {@code /filter}, in English or Persian:
 * {@code sat,sun 08:00-12:00}, {@code شنبه یکشنبه ۸-۱۲}, {@code sat-wed 16:00-20:00 8-10},
 * {@code 17-19} (any day), {@code mon} (any time), or {@code any} / {@code همه} to clear.
 *
 * <p>Days: English names or three-letter abbreviations, Persian names (with or without the
 * half-space in {@code سه‌شنبه} and {@code پنج‌شنبه}), and ranges ({@code sat-wed}, which wrap
 * past Friday). Hours: {@code H[:mm]-H[:mm]}, Persian or ASCII digits; {@code 24} means midnight;
 * a window ending before it starts wraps past midnight. Stateless and thread-safe.
 */
public final class FilterParser {
  private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
      Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
      Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY),
      Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
      Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
      Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
      Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
      Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
      Map.entry("شنبه", DayOfWeek.SATURDAY),
      Map.entry("یکشنبه", DayOfWeek.SUNDAY),
      Map.entry("دوشنبه", DayOfWeek.MONDAY),
      Map.entry("سه\u200cشنبه", DayOfWeek.TUESDAY), Map.entry("سهشنبه", DayOfWeek.TUESDAY),
      Map.entry("چهارشنبه", DayOfWeek.WEDNESDAY),
      Map.entry("پنج\u200cشنبه", DayOfWeek.THURSDAY), Map.entry("پنجشنبه", DayOfWeek.THURSDAY),
      Map.entry("جمعه", DayOfWeek.FRIDAY));
  private static final Set<String> ANY = Set.of("any", "all", "clear", "*", "همه", "هر روز", "پاک");
  private static final Pattern WINDOW = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?-(\\d{1,2})(?::(\\d{2}))?");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,،;]+");
  private static final Pattern DASHES = Pattern.compile("\\s*[-–—~]\\s*|\\s+تا\\s+");

  private FilterParser() {}

  /**
   * Days and time windows; both empty means "any slot".
   *
   * @param days the weekdays; empty for every day
   * @param windows the time-of-day windows; empty for any time
   */
  public record DaysAndHours(Set<DayOfWeek> days, List<TimeWindow> windows) {
    /** No restriction. */
    public static final DaysAndHours ANY = new DaysAndHours(Set.of(), List.of());

    /** Copies. */
    public DaysAndHours {
      days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
      windows = List.copyOf(windows);
    }
  }

  /** Why a filter text was not understood. */
  public static final class BadFilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String token;

    BadFilterException(String token) {
      super("not a day or an hour range: '" + token + "'");
      this.token = token;
    }

    /** The word that is neither a day nor an hour range. */
    public String token() {
      return token;
    }
  }

  /**
   * Parses what the user typed.
   *
   * @throws BadFilterException naming the first word that is neither a day nor an hour range
   */
  public static DaysAndHours parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = JalaliFormat.asciiDigits(text).strip().toLowerCase(Locale.ROOT)
        .replace("سه شنبه", "سه\u200cشنبه").replace("پنج شنبه", "پنج\u200cشنبه")
        .replace('ي', 'ی').replace('ك', 'ک');
    // "08:00 - 12:00" and "sat - wed" become one token each; Persian "تا" ("to") works as a dash
    s = DASHES.matcher(s).replaceAll("-");
    if (s.isEmpty() || ANY.contains(s)) {
      return DaysAndHours.ANY;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<TimeWindow> windows = new ArrayList<>();
    for (String token : SEPARATORS.split(s)) {
      if (token.isEmpty()) {
        continue;
      }
      if (ANY.contains(token)) {
        continue;
      }
      Matcher m = WINDOW.matcher(token);
      if (m.matches()) {
        windows.add(window(token, m));
      } else if (DAYS.containsKey(token)) {
        days.add(DAYS.get(token));
      } else if (token.contains("-")) {
        days.addAll(dayRange(token));
      } else {
        throw new BadFilterException(token);
      }
    }
    return new DaysAndHours(days, windows);
  }

  private static TimeWindow window(String token, Matcher m) {
    try {
      LocalTime from = time(m.group(1), m.group(2));
      LocalTime to = time(m.group(3), m.group(4));
      if (from.equals(to)) {
        throw new BadFilterException(token);
      }
      return new TimeWindow(from, to);
    } catch (DateTimeException e) {
      throw new BadFilterException(token);
    }
  }

  private static LocalTime time(String hours, String minutes) {
    int h = Integer.parseInt(hours);
    int m = minutes == null ? 0 : Integer.parseInt(minutes);
    if (h == 24 && m == 0) {
      return LocalTime.MIDNIGHT;
    }
    return LocalTime.of(h, m);
  }

  private static Set<DayOfWeek> dayRange(String token) {
    String[] ends = token.split("-", -1);
    if (ends.length != 2 || !DAYS.containsKey(ends[0]) || !DAYS.containsKey(ends[1])) {
      throw new BadFilterException(token);
    }
    // the Iranian week runs Saturday to Friday; a range may wrap (thu-sat)
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    DayOfWeek d = DAYS.get(ends[0]);
    DayOfWeek last = DAYS.get(ends[1]);
    while (true) {
      out.add(d);
      if (d == last) {
        return out;
      }
      d = d.plus(1);
    }
  }
}
