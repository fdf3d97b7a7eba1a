package io.github.slothunter.testkit;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The calendar reads of an {@link InMemoryProvider}: free days, free slots, and the one-request
 * calendar when its window is set. Thread-safe: every read holds the provider's lock.
 */
final class InMemoryWatcher implements SlotWatcher {
  private final InMemoryProvider p;

  InMemoryWatcher(InMemoryProvider p) {
    this.p = p;
  }

  @Override
  public List<LocalDate> freeDays(Target target) {
    return p.call(InMemoryProvider.Operation.FREE_DAYS, target.id(), () -> {
      synchronized (p.lock) {
        return p.free(target).values().stream().map(InMemoryProvider::day).distinct().sorted().toList();
      }
    });
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    Objects.requireNonNull(day, "day");
    return p.call(InMemoryProvider.Operation.FREE_SLOTS, target.id(), () -> {
      synchronized (p.lock) {
        return p.free(target).values().stream().filter(s -> InMemoryProvider.day(s).equals(day)).toList();
      }
    });
  }

  @Override
  public FreeCalendar freeCalendar(Target target) {
    int window = p.calendarWindow;
    if (window < 0) {
      return SlotWatcher.super.freeCalendar(target);
    }
    return p.call(InMemoryProvider.Operation.FREE_CALENDAR, target.id(), () -> {
      synchronized (p.lock) {
        TreeMap<Instant, Slot> free = p.free(target);
        if (free.isEmpty()) {
          return FreeCalendar.full();
        }
        LocalDate through = LocalDate.now(p.clock.withZone(SlotHunterZones.TEHRAN)).plusDays(window);
        TreeMap<LocalDate, List<Slot>> byDay = new TreeMap<>();
        for (Slot s : free.values()) {
          if (!InMemoryProvider.day(s).isAfter(through)) {
            byDay.computeIfAbsent(InMemoryProvider.day(s), k -> new ArrayList<>()).add(s);
          }
        }
        return new FreeCalendar(List.copyOf(byDay.keySet()), byDay, through, false);
      }
    });
  }
}
