package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.AvailabilityParser.CalendarDay;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import io.github.slothunter.spi.SlotWatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * getFreeDays and getFreeTurns (spec 4). Thread-safe.
 *
 * <p>getFreeTurns wants {@code date} to be a value the calendar gave; the watcher remembers, per
 * target and day, the last {@code calendar.turns} value it saw (a small LRU map) and falls back to
 * the day's Tehran midnight in unix seconds.
 */
final class Paziresh24SlotWatcher implements SlotWatcher {
  static final int MAX_REMEMBERED_DAYS = 4096;

  private final Paziresh24Client client;
  private final Map<String, Long> turnsValues = Collections.synchronizedMap(
      new LinkedHashMap<String, Long>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_REMEMBERED_DAYS;
        }
      });

  Paziresh24SlotWatcher(Paziresh24Client client) {
    this.client = client;
  }

  @Override
  public List<LocalDate> freeDays(Target target) {
    Paziresh24Client.requireOwn(target);
    FormData form = idFields(target)
        .add(Field.RETURN_FREE_TURNS, Value.RETURN_FREE_TURNS)
        .add(Field.RETURN_TYPE, Value.RETURN_TYPE_CALENDAR);
    String body = client.post(Endpoint.GET_FREE_DAYS, client.settings.url(Endpoint.GET_FREE_DAYS).build(), form,
        Paziresh24Client.targetHeaders(target), null);
    List<CalendarDay> days = AvailabilityParser.freeDays(body);
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
