package io.github.slothunter.testkit.internal.doctoreto;

import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.FakeSlot;
import io.github.slothunter.testkit.internal.SiteTime;
import io.github.slothunter.testkit.internal.SlotCalendars;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import io.github.slothunter.testkit.internal.SlotCalendars.State;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.Calendar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake Doctoreto's world: the calendars of every consultation, the numeric slot ids the site
 * hands out, and scheduled actions. Thread-safe: every method holds this object's monitor (the
 * site handles requests under it too).
 */
public final class DoctoretoState {
  private static final Logger log = LoggerFactory.getLogger(DoctoretoState.class);

  /** {@code times[].status} of a free slot (the one value the real protocol is known to use). */
  public static final int STATUS_FREE = 1;
  /** {@code times[].status} of a slot someone booked (the fake's choice; the real value is unknown). */
  public static final int STATUS_TAKEN = 2;
  /** {@code times[].status} of a slot whose start has passed (the fake's choice). */
  public static final int STATUS_PAST = 3;

  /**
   * One slot as the days endpoint lists it.
   *
   * @param id the slot id ({@code times[].id})
   * @param from start
   * @param to end
   * @param status one of the {@code STATUS_*} constants
   */
  public record TimeView(long id, Instant from, Instant to, int status) {}

  /**
   * One day as the days endpoint lists it.
   *
   * @param date the day in Tehran
   * @param times its slots in start order
   */
  public record DayView(LocalDate date, List<TimeView> times) {}

  private final SiteTime time;
  private final DoctoretoDirectory directory;
  private final SlotCalendars calendars = new SlotCalendars();
  private final Random scenarioRandom;
  private final Map<Entry, Long> idOf = new IdentityHashMap<>();
  private final Map<Long, Entry> byId = new HashMap<>();
  private long nextId;

  /** A world with these doctors and no slots yet. */
  public DoctoretoState(Clock clock, long seed, DoctoretoDirectory directory) {
    this.time = new SiteTime(clock, log);
    this.directory = Objects.requireNonNull(directory, "directory");
    Random ids = new Random(seed);
    this.nextId = 900_000L + ids.nextInt(90_000);
    this.scenarioRandom = new Random(seed * 31 + 11);
    for (Calendar c : directory.calendars()) {
      calendars.register(c.key());
    }
  }

  /** The directory. */
  public DoctoretoDirectory directory() {
    return directory;
  }

  /** The site's current time (a scheduled action's due time while it runs). */
  public synchronized Instant now() {
    return time.now();
  }

  /** Runs the scheduled actions due by the clock's time, in time order. */
  public synchronized void tick() {
    time.advance();
  }

  /** Runs {@code action} once the clock reaches {@code when} (at the next tick). */
  public synchronized void schedule(Instant when, Runnable action) {
    time.schedule(when, action);
  }

  /** How many scheduled actions are pending. */
  public synchronized int pendingActions() {
    return time.pending();
  }

  /**
   * Opens the slot starting at {@code start} (or frees it again when it was taken), lasting the
   * consultation's slot length.
   *
   * @return its slot id
   * @throws IllegalArgumentException for an unknown consultation or an overlapping slot
   */
  public synchronized long openSlot(String code, long consultationId, Instant start) {
    Objects.requireNonNull(start, "start");
    tick();
    Calendar c = directory.require(code, consultationId);
    Entry e = calendars.open(c.key(), start, start.plus(c.consultation().slotLength()), now());
    return idOf.computeIfAbsent(e, k -> {
      long id = nextId++;
      byId.put(id, k);
      return id;
    });
  }

  /** Opens back-to-back slots on {@code day} from {@code from} until the last that ends by {@code to} (Tehran). */
  public synchronized List<Long> openSlots(String code, long consultationId, LocalDate day, LocalTime from,
      LocalTime to) {
    Calendar c = directory.require(code, consultationId);
    Instant end = day.atTime(to).atZone(SlotHunterZones.TEHRAN).toInstant();
    List<Long> ids = new ArrayList<>();
    for (Instant t = day.atTime(from).atZone(SlotHunterZones.TEHRAN).toInstant();
        !t.plus(c.consultation().slotLength()).isAfter(end); t = t.plus(c.consultation().slotLength())) {
      ids.add(openSlot(code, consultationId, t));
    }
    return List.copyOf(ids);
  }

  /** Another patient books the slot at {@code start}; {@code false} when it was not free. */
  public synchronized boolean takeSlot(String code, long consultationId, Instant start) {
    tick();
    Calendar c = directory.require(code, consultationId);
    return calendars.find(c.key(), Objects.requireNonNull(start, "start")).map(calendars::take).orElse(false);
  }

  /** Another patient books the slot with this id; {@code false} when unknown or not free. */
  public synchronized boolean takeSlot(long slotId) {
    tick();
    Entry e = byId.get(slotId);
    return e != null && calendars.take(e);
  }

  /** The slot id of the slot starting at {@code start}. */
  public synchronized Optional<Long> slotId(String code, long consultationId, Instant start) {
    Calendar c = directory.require(code, consultationId);
    return calendars.find(c.key(), Objects.requireNonNull(start, "start")).map(idOf::get);
  }

  /** The slot with this id. */
  public synchronized Optional<FakeSlot> slot(long slotId) {
    Entry e = byId.get(slotId);
    return e == null ? Optional.empty() : Optional.of(e.snapshot());
  }

  /** Whether the slot with this id is free and in the future. */
  public synchronized boolean isFree(long slotId) {
    Entry e = byId.get(slotId);
    return e != null && e.state() == State.FREE && e.from().isAfter(now());
  }

  /** A consultation's free future slots in start order. */
  public synchronized List<FakeSlot> freeSlots(String code, long consultationId) {
    tick();
    Calendar c = directory.require(code, consultationId);
    return calendars.free(c.key(), now()).stream().map(Entry::snapshot).toList();
  }

  /** Every free future slot of every consultation. */
  public synchronized List<FakeSlot> freeSlots() {
    tick();
    return calendars.all(State.FREE, now()).stream().map(Entry::snapshot).toList();
  }

  /** Another patient takes a random free future slot (seeded). */
  public synchronized Optional<FakeSlot> takeRandomFreeSlot() {
    return calendars.takeRandom(now(), scenarioRandom).map(Entry::snapshot);
  }

  /** Another patient cancels a random taken future slot, which is free again (seeded). */
  public synchronized Optional<FakeSlot> cancelRandomTakenSlot() {
    return calendars.cancelRandom(now(), scenarioRandom).map(Entry::snapshot);
  }

  /** The scenario's seeded random source. */
  public synchronized Random scenarioRandom() {
    return scenarioRandom;
  }

  /** {@code count} consecutive days of a calendar from {@code first}, every slot with its status. */
  public synchronized List<DayView> days(Calendar calendar, LocalDate first, int count) {
    Instant now = now();
    List<DayView> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate day = first.plusDays(i);
      Instant from = day.atStartOfDay(SlotHunterZones.TEHRAN).toInstant();
      Instant to = day.plusDays(1).atStartOfDay(SlotHunterZones.TEHRAN).toInstant();
      List<TimeView> times = new ArrayList<>();
      for (Entry e : calendars.slots(calendar.key()).subMap(from, true, to, false).values()) {
        int status = !e.from().isAfter(now) ? STATUS_PAST : e.state() == State.FREE ? STATUS_FREE : STATUS_TAKEN;
        times.add(new TimeView(idOf.get(e), e.from(), e.to(), status));
      }
      out.add(new DayView(day, List.copyOf(times)));
    }
    return List.copyOf(out);
  }

  /** A calendar's earliest free future slot. */
  public synchronized Optional<TimeView> nextFree(Calendar calendar) {
    List<Entry> free = calendars.free(calendar.key(), now());
    if (free.isEmpty()) {
      return Optional.empty();
    }
    Entry e = free.get(0);
    return Optional.of(new TimeView(idOf.get(e), e.from(), e.to(), STATUS_FREE));
  }
}
