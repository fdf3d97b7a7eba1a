package io.github.slothunter.spi;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import java.time.LocalDate;
import java.util.List;

/** Reads a target's free calendar. Thread-safe. */
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
}
