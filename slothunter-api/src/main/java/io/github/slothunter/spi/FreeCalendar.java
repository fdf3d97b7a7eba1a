package io.github.slothunter.spi;

import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Slot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one look at a target's calendar showed ({@link SlotWatcher#freeCalendar}): its free days and, for
 * the days the provider answered in full, their free slots. Immutable.
 *
 * <p>Some sites answer the slots of the next days together with the free days (Paziresh24's
 * all-slots mode: one request for about ten days); others list free days only, and each day's slots
 * cost another request. A caller reads {@link #slots()} for the days it holds and asks
 * {@link SlotWatcher#freeSlots} for the other wanted days.
 *
 * @param freeDays days (in the provider's zone) with at least one free slot, ascending and distinct;
 *     when {@link #daysThrough()} is present, only days up to it
 * @param slots the free slots of the days answered in full, by day: a day in this map has exactly
 *     these free slots (an empty list: none left); a free day missing from it was not answered in full
 * @param daysThrough the last day {@link #freeDays()} covers, or {@code null} when it covers the whole
 *     booking window; free days after it are unknown from this look (ask {@link SlotWatcher#freeDays})
 * @param fullyBooked the provider said outright that nothing is free (a full calendar, not an error)
 * @param fallback why the provider read this calendar a costlier way than it normally does (its usual
 *     answer was missing or malformed), free of personal data; {@code null} when it did not
 */
public record FreeCalendar(List<LocalDate> freeDays, Map<LocalDate, List<Slot>> slots, LocalDate daysThrough,
    boolean fullyBooked, String fallback) {

  /** Validates and copies; throws {@code INVALID_INPUT} naming the bad field. */
  public FreeCalendar {
    Objects.requireNonNull(freeDays, "freeDays");
    Objects.requireNonNull(slots, "slots");
    List<LocalDate> days = new ArrayList<>(freeDays);
    for (int i = 1; i < days.size(); i++) {
      if (!days.get(i).isAfter(days.get(i - 1))) {
        throw SlotHunterException.invalid("freeDays", "must be ascending and distinct: " + days);
      }
    }
    if (daysThrough != null && !days.isEmpty() && days.get(days.size() - 1).isAfter(daysThrough)) {
      throw SlotHunterException.invalid("freeDays", "lists a day after daysThrough " + daysThrough);
    }
    if (fullyBooked && !days.isEmpty()) {
      throw SlotHunterException.invalid("freeDays", "must be empty for a fully booked calendar");
    }
    TreeMap<LocalDate, List<Slot>> copy = new TreeMap<>();
    slots.forEach((day, list) -> copy.put(Objects.requireNonNull(day, "slots day"), List.copyOf(list)));
    freeDays = List.copyOf(days);
    slots = Collections.unmodifiableMap(copy);
    if (fallback != null && fallback.isBlank()) {
      fallback = null;
    }
  }

  /** A calendar read the provider's usual way (no {@link #fallback()}). */
  public FreeCalendar(List<LocalDate> freeDays, Map<LocalDate, List<Slot>> slots, LocalDate daysThrough,
      boolean fullyBooked) {
    this(freeDays, slots, daysThrough, fullyBooked, null);
  }

  /** A calendar from a free-days-only answer: every day's slots still to be asked for. */
  public static FreeCalendar daysOnly(List<LocalDate> freeDays) {
    return new FreeCalendar(freeDays, Map.of(), null, false);
  }

  /** The provider's "nothing is free" answer: no free day in the whole booking window. */
  public static FreeCalendar full() {
    return new FreeCalendar(List.of(), Map.of(), null, true);
  }

  /** This calendar, marked as read by a fallback for {@code reason}. */
  public FreeCalendar withFallback(String reason) {
    return new FreeCalendar(freeDays, slots, daysThrough, fullyBooked, reason);
  }

  /** The last day {@link #freeDays()} covers; empty when it covers the whole booking window. */
  public Optional<LocalDate> coveredThrough() {
    return Optional.ofNullable(daysThrough);
  }

  /** The free slots of a day answered in full; empty when the day was not answered in full. */
  public Optional<List<Slot>> slotsOf(LocalDate day) {
    return Optional.ofNullable(slots.get(day));
  }

  /** Every slot this look answered, ascending by day. */
  public List<Slot> allSlots() {
    List<Slot> out = new ArrayList<>();
    slots.values().forEach(out::addAll);
    return List.copyOf(out);
  }
}
