package io.github.slothunter.testkit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The slots one calendar builder asks to be free from the start: single slots and whole days. Not
 * thread-safe: owned by one builder.
 */
public final class InitialSlots {
  private final List<Instant> slots = new ArrayList<>();
  private final List<Day> days = new ArrayList<>();

  /** Opens a day's calendar, as the fake's {@code openSlots} does. */
  @FunctionalInterface
  public interface DayOpener {
    /** Opens back-to-back slots on {@code day} from {@code from} until the last that ends by {@code to}. */
    void open(LocalDate day, LocalTime from, LocalTime to);
  }

  private record Day(LocalDate day, LocalTime from, LocalTime to) {}

  /** Adds a slot starting at {@code start}. */
  public void slot(Instant start) {
    slots.add(Objects.requireNonNull(start, "start"));
  }

  /** Adds a day's calendar from {@code from} to {@code to} (Tehran). */
  public void day(LocalDate day, LocalTime from, LocalTime to) {
    days.add(new Day(Objects.requireNonNull(day, "day"), Objects.requireNonNull(from, "from"),
        Objects.requireNonNull(to, "to")));
  }

  /** Opens every single slot, in the order added, then every day, in the order added. */
  public void openOn(Consumer<Instant> slot, DayOpener day) {
    slots.forEach(slot);
    for (Day d : days) {
      day.open(d.day(), d.from(), d.to());
    }
  }
}
