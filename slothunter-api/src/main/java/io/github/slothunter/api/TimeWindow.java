package io.github.slothunter.api;

import io.github.slothunter.api.SlotHunterException;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A time-of-day range in the provider's zone, start inclusive and end exclusive. A window whose
 * end is before its start wraps past midnight ({@code 22:00-02:00}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param from first minute included
 * @param to first minute excluded
 */
public record TimeWindow(LocalTime from, LocalTime to) {

  /** Validates. */
  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      throw SlotHunterException.invalid("time window", "is empty (" + from + "-" + to + ")");
    }
  }

  /**
   * Parses {@code HH:mm-HH:mm}.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for anything else
   */
  public static TimeWindow parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.strip().split("\\s*-\\s*");
    if (parts.length != 2) {
      throw SlotHunterException.invalid("time window", "must look like 08:00-12:00: '" + text + "'");
    }
    try {
      return new TimeWindow(LocalTime.parse(pad(parts[0])), LocalTime.parse(pad(parts[1])));
    } catch (java.time.format.DateTimeParseException e) {
      throw SlotHunterException.invalid("time window", "must look like 08:00-12:00: '" + text + "'");
    }
  }

  private static String pad(String t) {
    return t.length() == 4 && t.charAt(1) == ':' ? "0" + t : t;
  }

  /** Whether the time falls in the window. */
  public boolean contains(LocalTime time) {
    if (from.isBefore(to)) {
      return !time.isBefore(from) && time.isBefore(to);
    }
    return !time.isBefore(from) || time.isBefore(to);
  }

  @Override
  public String toString() {
    return from + "-" + to;
  }
}
