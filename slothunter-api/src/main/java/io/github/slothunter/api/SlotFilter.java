package io.github.slothunter.api;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which slots a watch cares about. Dates and times are read in the provider's zone.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from first day included, or {@code null} for no lower bound
 * @param to last day included, or {@code null} for no upper bound
 * @param days days of the week included; empty means every day
 * @param windows time-of-day windows; empty means any time
 * @param earliestOnly announce only the earliest matching slot (and a new one only when it is earlier)
 * @param maxPrice the highest acceptable price, or {@code null} for any; a slot whose service price
 *     is unknown does not match when a maximum is set
 */
public record SlotFilter(LocalDate from, LocalDate to, Set<DayOfWeek> days, List<TimeWindow> windows,
    boolean earliestOnly, Long maxPrice) {

  /** Matches every slot. */
  public static final SlotFilter ANY = new SlotFilter(null, null, Set.of(), List.of(), false, null);

  /** Validates and copies. */
  public SlotFilter {
    if (from != null && to != null && to.isBefore(from)) {
      throw SlotHunterException.invalid("filter dates", "end " + to + " is before start " + from);
    }
    Objects.requireNonNull(days, "days");
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
    if (maxPrice != null && maxPrice < 0) {
      throw SlotHunterException.invalid("filter maxPrice", "must not be negative: " + maxPrice);
    }
  }

  /**
   * Whether the slot passes the date, weekday, time and price rules.
   *
   * @param price the slot's service price, or {@code null} when unknown
   */
  public boolean matches(Slot slot, ZoneId zone, Long price) {
    return rejection(slot, zone, price) == null;
  }

  /**
   * The first rule the slot fails, or {@code null} if it passes: {@code "date"}, {@code "day"},
   * {@code "time"} or {@code "price"}.
   */
  public String rejection(Slot slot, ZoneId zone, Long price) {
    ZonedDateTime t = slot.start().atZone(zone);
    LocalDate d = t.toLocalDate();
    if ((from != null && d.isBefore(from)) || (to != null && d.isAfter(to))) {
      return "date";
    }
    if (!days.isEmpty() && !days.contains(d.getDayOfWeek())) {
      return "day";
    }
    if (!windows.isEmpty() && windows.stream().noneMatch(w -> w.contains(t.toLocalTime()))) {
      return "time";
    }
    if (maxPrice != null && (price == null || price > maxPrice)) {
      return "price";
    }
    return null;
  }

  /** Whether any slot on this day could match (date range and weekday only). */
  public boolean mayMatchDay(LocalDate day) {
    if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
      return false;
    }
    return days.isEmpty() || days.contains(day.getDayOfWeek());
  }
}
