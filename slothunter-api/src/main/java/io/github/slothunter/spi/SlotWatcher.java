package io.github.slothunter.spi;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import java.time.LocalDate;
import java.util.List;


/**
 * Reads a target's free calendar. Thread-safe.
 *
 * <p>Each call is one request to the site: the engine budgets per call. A poll is
 * {@link #freeCalendar(Target)}, then {@link #freeSlots} for each wanted free day the calendar did not
 * answer in full, and {@link #freeDays} only when the wanted days reach past
 * {@link FreeCalendar#daysThrough()}.
 */
public interface SlotWatcher {
  /**
   * The days (in the provider's zone) that have at least one free slot, in ascending order.
   *
   * @return empty when nothing is free; never {@code null}
   */
  List<LocalDate> freeDays(Target target);

  /**
   * The free slots of one day, in ascending start order.
   *
   * @return empty when nothing is free that day
   */
  List<Slot> freeSlots(Target target, LocalDate day);

  /**
   * One request's look at the calendar: the free days and, where the site answers them in the same
   * request, their slots. The default asks {@link #freeDays} and leaves every day's slots to
   * {@link #freeSlots}; a provider whose site can do better (Paziresh24's all-slots mode) overrides it.
   *
   * <p>A provider that knows the calendar is simply full says so with {@link FreeCalendar#full()}: a
   * normal, successful answer, not an error.
   *
   * @return never {@code null}
   */
  default FreeCalendar freeCalendar(Target target) {
    return FreeCalendar.daysOnly(freeDays(target));
  }
}
