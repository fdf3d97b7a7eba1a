package io.github.slothunter.testkit.internal;

import static io.github.slothunter.testkit.internal.Paziresh24Site.DIGITS;
import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_INVALID;
import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_NO_FREE_SLOT;
import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_OK;
import static io.github.slothunter.testkit.internal.Paziresh24Site.missing;
import static io.github.slothunter.testkit.internal.Paziresh24Site.ok;
import static io.github.slothunter.testkit.internal.Paziresh24Site.status0;
import static io.github.slothunter.testkit.internal.Paziresh24Site.statusWithEmptyResult;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Calendar;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import io.github.slothunter.testkit.internal.SlotCalendars.State;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake site's calendar reads: getFreeDays in calendar mode (spec 4.1) and all-slots mode (4.1b),
 * with status 32 for a full calendar, and getFreeTurns (4.2), in the spec 11 shapes. Called by
 * {@link Paziresh24Site} once it has validated the ids, under the state's monitor.
 */
final class Paziresh24Calendars {
  private static final java.time.format.DateTimeFormatter TODAY_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", java.util.Locale.ROOT);

  /** {@code "16:00:00.0000"}, as {@code workhour_info.myself_from} is written. */
  private static String myself(java.time.LocalTime t) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.0000", t.getHour(), t.getMinute(), t.getSecond());
  }

  static long dayKey(LocalDate day) {
    return day.atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond();
  }

  /**
   * getFreeDays (spec 4.1, 4.1b, 11): calendar mode when the form has {@code return_free_turns}
   * (any value), all-slots mode when it has none. Status 32 when nothing is free in the booking window.
   */
  FakeResponse freeDays(Calendar cal, IncomingRequest r) {
    boolean allSlots = r.param("return_free_turns").isEmpty();
    Instant now = state.now();
    LocalDate today = now.atZone(SlotHunterZones.TEHRAN).toLocalDate();
    LocalDate windowEnd = today.plusDays(state.settings.bookingWindowDays());
    LocalDate end = allSlots ? today.plusDays(Math.min(state.settings.allSlotsWindowDays(),
        state.settings.bookingWindowDays())) : windowEnd;
    Map<LocalDate, List<Entry>> byDay = new java.util.TreeMap<>();
    boolean anyInWindow = false;
    for (Entry e : state.calendars.free(cal.key(), now)) {
      LocalDate day = e.from().atZone(SlotHunterZones.TEHRAN).toLocalDate();
      if (day.isAfter(windowEnd)) {
        continue;
      }
      anyInWindow = true;
      if (!day.isAfter(end)) {
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(e);
      }
    }
    if (!anyInWindow) {
      return statusWithEmptyResult(32, MSG_NO_FREE_SLOT);
    }
    List<Paziresh24Pages.WorkHour> hours = Paziresh24Pages.workHours(state, cal);
    ObjectNode body = ok(MSG_OK);
    if (allSlots) {
      ObjectNode result = body.putObject("result");
      long slice = cal.service().duration().getSeconds();
      for (Map.Entry<LocalDate, List<Entry>> d : byDay.entrySet()) {
        ObjectNode block = result.putArray(Long.toString(dayKey(d.getKey()))).addObject();
        block.put("from", d.getValue().get(0).from().getEpochSecond());
        ObjectNode turns = block.putObject("turns");
        for (Entry e : d.getValue()) {
          turns.put(Long.toString(e.from().getEpochSecond()), 0);
        }
        block.put("slice", slice);
        block.putArray("rebook");
        ObjectNode info = block.putObject("workhour_info");
        info.putArray("book_type_ids").add("7");
        Paziresh24Pages.WorkHour w = hours.stream().filter(h -> h.day() == d.getKey().getDayOfWeek()).findFirst()
            .orElse(null);
        if (w != null) {
          info.put("myself_from", myself(w.from()))
              .put("myself_to", myself(w.to()))
              .put("id", w.id());
        }
      }
    } else {
      body.putArray("result");
    }
    ObjectNode calendar = body.putObject("calendar");
    calendar.put("today_time", TODAY_TIME.format(now.atZone(SlotHunterZones.TEHRAN).withNano(0)))
        .put("start_date", today.toString())
        .put("end_date", end.toString());
    ArrayNode turns = calendar.putArray("turns");
    for (LocalDate d : byDay.keySet()) {
      turns.add(dayKey(d));
    }
    calendar.putArray("no_freeturn_days");
    ObjectNode holidays = calendar.putObject("holidays");
    new java.util.TreeMap<>(state.settings.holidays()).forEach((d, name) -> holidays.put(Long.toString(dayKey(d)), name));
    java.util.TreeSet<Integer> off = new java.util.TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6));
    for (Paziresh24Pages.WorkHour w : hours) {
      off.remove(w.jsDay());
    }
    calendar.put("non_workdays", String.join(",", off.stream().map(String::valueOf).toList()));
    calendar.putArray("non_turns_date");
    calendar.putNull("disabled_dates");
    calendar.put("evening_shift_change", 0);
    body.put("has_more", false);
    body.putNull("workhour_range");
    return FakeResponse.json(200, body);
  }

  FakeResponse freeTurns(Calendar cal, IncomingRequest r) {
    Optional<String> date = r.param("date");
    if (date.isEmpty()) {
      return missing(List.of("date"));
    }
    if (!DIGITS.matcher(date.get()).matches()) {
      return status0(MSG_INVALID, Map.of("date", "تاریخ معتبر نیست."));
    }
    LocalDate day = Instant.ofEpochSecond(Long.parseLong(date.get())).atZone(SlotHunterZones.TEHRAN).toLocalDate();
    Instant dayStart = day.atStartOfDay(SlotHunterZones.TEHRAN).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(SlotHunterZones.TEHRAN).toInstant();
    Instant now = state.now();
    ArrayNode result = Json.array();
    int num = 0;
    for (Entry e : state.calendars.slots(cal.key()).subMap(dayStart, true, dayEnd, false).values()) {
      num++;
      if (e.state() == State.FREE && e.from().isAfter(now)) {
        result.addObject().put("from", e.from().getEpochSecond()).put("to", e.to().getEpochSecond())
            .put("workhour_turn_num", num);
      }
    }
    ObjectNode body = ok(MSG_OK);
    body.set("result", result);
    return FakeResponse.json(200, body);
  }

  private final Paziresh24State state;

  Paziresh24Calendars(Paziresh24State state) {
    this.state = state;
  }
}
