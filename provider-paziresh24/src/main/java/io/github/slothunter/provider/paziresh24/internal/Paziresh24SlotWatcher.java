package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.AvailabilityParser.CalendarDay;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * getFreeDays and getFreeTurns (spec 4). Thread-safe.
 *
 * <p>A poll is one request (spec 4.4): {@link #freeCalendar} asks getFreeDays in all-slots mode (spec
 * 4.1b), which answers the free slots of the next ~10 days ({@code calendar.end_date}) at once; a
 * full calendar (status 32) is {@link FreeCalendar#full()}. {@link #freeDays} (calendar mode, the
 * whole booking window) and {@link #freeSlots} (getFreeTurns, one day) serve the days after
 * {@code end_date} and the days the all-slots answer left out. When the all-slots answer comes
 * without its slots (the site ignored the mode) or with them malformed (the site changed them),
 * {@link #freeCalendar} reads the same answer's free days ({@code calendar.turns}, up to its
 * {@code end_date} if it has one), leaves each day's slots to getFreeTurns and says so in
 * {@link FreeCalendar#fallback()}; the first such answer is logged at WARN and every one is counted
 * ({@link #fallbacks()}). A calendar that cannot be read either is a {@code PROTOCOL} error.
 *
 * <p>getFreeTurns wants {@code date} to be a value the calendar gave; the watcher remembers, per
 * target and day, the last {@code calendar.turns} value it saw (a small LRU map) and falls back to
 * the day's Tehran midnight in unix seconds.
 */
final class Paziresh24SlotWatcher implements SlotWatcher {
  private static final Logger log = LoggerFactory.getLogger(Paziresh24SlotWatcher.class);
  static final int MAX_REMEMBERED_DAYS = 4096;
  /** What {@link FreeCalendar#fallback()} says when the all-slots part was missing. */
  static final String FALLBACK_REASON =
      "paziresh24 answered the one-request calendar without its slots; each free day costs one more request";

  private final Paziresh24Client client;
  private final Map<String, Long> turnsValues = Collections.synchronizedMap(
      new LinkedHashMap<String, Long>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_REMEMBERED_DAYS;
        }
      });

  private final AtomicLong fallbacks = new AtomicLong();

  Paziresh24SlotWatcher(Paziresh24Client client) {
    this.client = client;
  }

  @Override
  public FreeCalendar freeCalendar(Target target) {
    Paziresh24Client.requireOwn(target);
    // spec 4.1b: the all-slots mode is asked by leaving return_free_turns out
    FormData form = idFields(target).add(Field.RETURN_TYPE, Value.RETURN_TYPE_CALENDAR);
    String body = client.post(Endpoint.GET_FREE_DAYS, client.settings.url(Endpoint.GET_FREE_DAYS).build(), form,
        Paziresh24Client.targetHeaders(target), null);
    String why;
    LocalDate through = null; // a calendar-mode answer (result []) covers the whole booking window
    try {
      FreeCalendar calendar = AvailabilityParser.allSlots(target, body);
      if (calendar != null) {
        return calendar;
      }
      why = "without its all-slots part (result object, calendar.end_date)";
    } catch (SlotHunterException e) {
      if (e.code() != ErrorCode.PROTOCOL) {
        throw e;
      }
      why = "with its all-slots part malformed (" + e.reason() + ")";
      through = AvailabilityParser.endDate(body); // its calendar.turns stop there
    }
    List<CalendarDay> days = AvailabilityParser.freeDays(body);
    if (fallbacks.getAndIncrement() == 0) {
      log.warn("paziresh24 getFreeDays answered {}; reading free days only, one more request per free day"
          + " (logged once)", why);
    }
    LocalDate last = through;
    List<LocalDate> covered = remember(target, last == null ? days
        : days.stream().filter(d -> !d.day().isAfter(last)).toList());
    return new FreeCalendar(covered, Map.of(), through, false, FALLBACK_REASON);
  }

  /** How many all-slots answers came without usable slots since start. */
  long fallbacks() {
    return fallbacks.get();
  }

  @Override
  public List<LocalDate> freeDays(Target target) {
    Paziresh24Client.requireOwn(target);
    FormData form = idFields(target)
        .add(Field.RETURN_FREE_TURNS, Value.RETURN_FREE_TURNS)
        .add(Field.RETURN_TYPE, Value.RETURN_TYPE_CALENDAR);
    String body = client.post(Endpoint.GET_FREE_DAYS, client.settings.url(Endpoint.GET_FREE_DAYS).build(), form,
        Paziresh24Client.targetHeaders(target), null);
    return remember(target, AvailabilityParser.freeDays(body));
  }

  private List<LocalDate> remember(Target target, List<CalendarDay> days) {
    List<LocalDate> out = new ArrayList<>(days.size());
    for (CalendarDay d : days) {
      turnsValues.put(dayKey(target, d.day()), d.turnsValue());
      out.add(d.day());
    }
    return List.copyOf(out);
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    Paziresh24Client.requireOwn(target);
    Objects.requireNonNull(day, "day");
    Long remembered = turnsValues.get(dayKey(target, day));
    long date = remembered != null ? remembered : day.atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond();
    FormData form = idFields(target).add(Field.DATE, Long.toString(date));
    String body = client.post(Endpoint.GET_FREE_TURNS, client.settings.url(Endpoint.GET_FREE_TURNS).build(), form,
        Paziresh24Client.targetHeaders(target), null);
    List<Slot> slots = AvailabilityParser.freeTurns(target, body);
    List<Slot> sameDay = new ArrayList<>(slots.size());
    for (Slot s : slots) {
      if (s.startIn(SlotHunterZones.TEHRAN).toLocalDate().equals(day)) {
        sameDay.add(s);
      }
    }
    return List.copyOf(sameDay);
  }

  /** {@code center_id, service_id, user_center_id, server_id} as spec 4 lists them. */
  static FormData idFields(Target target) {
    return new FormData()
        .add(Field.CENTER_ID, target.centerId())
        .add(Field.SERVICE_ID, target.serviceId())
        .add(Field.USER_CENTER_ID, Paziresh24Client.requireKey(target, Field.USER_CENTER_ID))
        // S2 omits server_id and still works (spec 4.1, MED): send it when the target has it
        .addIfPresent(Field.SERVER_ID, Paziresh24Client.key(target, Field.SERVER_ID));
  }

  private static String dayKey(Target target, LocalDate day) {
    return target.id() + "|" + day;
  }
}
