package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One response of {@code consultation-times/days}: {@code items.days[].times[]}, with only the
 * free times kept. Field names beyond {@code id} and {@code status} come from
 * {@link DoctoretoAssumptions}. Immutable and thread-safe once parsed.
 */
final class DoctoretoCalendar {
  /** One day of the response; {@code date} is {@code null} when the day has no readable date field. */
  record Day(LocalDate date, List<JsonNode> freeTimes) {}

  private final String consultationId;
  private final LocalDate startDate;
  private final Instant fetchedAt;
  private final List<Day> days;
  private final DoctoretoAssumptions assumptions;
  private final LocalDate lastDate;

  private DoctoretoCalendar(String consultationId, LocalDate startDate, Instant fetchedAt, List<Day> days,
      DoctoretoAssumptions assumptions) {
    this.consultationId = consultationId;
    this.startDate = startDate;
    this.fetchedAt = fetchedAt;
    this.days = List.copyOf(days);
    this.assumptions = assumptions;
    this.lastDate = lastKnownDate();
  }

  /**
   * Parses a response body.
   *
   * @throws SlotHunterException {@code PROTOCOL} for anything but JSON in the documented shape
   */
  static DoctoretoCalendar parse(String body, String consultationId, LocalDate startDate, Instant fetchedAt,
      ObjectMapper json, DoctoretoAssumptions assumptions) {
    String what = "calendar of consultation " + consultationId;
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw DoctoretoErrors.protocol(what + " is not JSON", DoctoretoErrors.excerptOf(body), e);
    }
    JsonNode daysNode = root.path("items").path("days");
    if (!daysNode.isArray()) {
      throw DoctoretoErrors.protocol(what + " has no items.days array", body);
    }
    List<Day> days = new ArrayList<>();
    for (JsonNode day : daysNode) {
      if (!day.isObject()) {
        throw DoctoretoErrors.protocol(what + " has a day that is not an object", day.toString());
      }
      JsonNode times = day.path("times");
      if (times.isMissingNode() || !(times.isArray() || times.isNull())) {
        throw DoctoretoErrors.protocol(what + " has a day without a times array", day.toString());
      }
      List<JsonNode> free = new ArrayList<>();
      for (JsonNode time : times) {
        if (!time.isObject()) {
          throw DoctoretoErrors.protocol(what + " has a time that is not an object", time.toString());
        }
        if (assumptions.isFree(time.path("status"))) {
          JsonNode id = time.path("id");
          if (!(id.isIntegralNumber() || (id.isTextual() && !id.textValue().isBlank()))) {
            throw DoctoretoErrors.protocol(what + " has a free time without an id", time.toString());
          }
          free.add(time);
        }
      }
      LocalDate date = DoctoretoAssumptions.first(day, assumptions.dayDateFields(), DoctoretoTimes::date,
          what + ": a day", DoctoretoProviderFactory.DAY_DATE_FIELD).orElse(null);
      days.add(new Day(date, List.copyOf(free)));
    }
    return new DoctoretoCalendar(consultationId, startDate, fetchedAt, days, assumptions);
  }

  /** The {@code start_date} this response was fetched for. */
  LocalDate startDate() {
    return startDate;
  }

  /** When it was fetched, by the provider's clock. */
  Instant fetchedAt() {
    return fetchedAt;
  }

  /** Whether this response can answer for the day: it lies between the start date and the last day listed. */
  boolean covers(LocalDate day) {
    return !day.isBefore(startDate) && !day.isAfter(lastDate);
  }

  /** The days (Asia/Tehran) with at least one free time, ascending. */
  List<LocalDate> freeDays() {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (Day day : days) {
      if (day.freeTimes().isEmpty()) {
        continue;
      }
      if (day.date() != null) {
        out.add(day.date());
      } else {
        for (JsonNode time : day.freeTimes()) {
          out.add(start(time, null).atZone(SlotHunterZones.TEHRAN).toLocalDate());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The free slots of one day, ascending by start; a slot id listed twice counts once. */
  List<Slot> freeSlots(Target target, LocalDate wanted) {
    Map<String, Slot> out = new LinkedHashMap<>();
    for (Day day : days) {
      if (day.date() != null && !day.date().equals(wanted)) {
        continue;
      }
      for (JsonNode time : day.freeTimes()) {
        Instant start = start(time, day.date());
        if (day.date() == null && !start.atZone(SlotHunterZones.TEHRAN).toLocalDate().equals(wanted)) {
          continue;
        }
        String id = time.path("id").asText().strip();
        out.putIfAbsent(id, new Slot(target, start, end(time, day.date(), start), id));
      }
    }
    List<Slot> slots = new ArrayList<>(out.values());
    slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::providerSlotKey));
    return List.copyOf(slots);
  }

  private Instant start(JsonNode time, LocalDate dayDate) {
    String what = "calendar time " + time.path("id").asText() + " of consultation " + consultationId
        + (dayDate == null ? " (its day has none of the date fields " + assumptions.dayDateFields() + ")" : "");
    return DoctoretoAssumptions.first(time, assumptions.slotStartFields(), v -> DoctoretoTimes.instant(v, dayDate),
            what, DoctoretoProviderFactory.SLOT_START_FIELD)
        .orElseThrow(() -> DoctoretoErrors.protocol(what + " has none of the start-time fields "
            + assumptions.slotStartFields() + " (set config " + DoctoretoProviderFactory.SLOT_START_FIELD
            + " to the right name)", time.toString()));
  }

  private Instant end(JsonNode time, LocalDate dayDate, Instant start) {
    Optional<Instant> end = Optional.empty();
    for (String field : assumptions.slotEndFields()) {
      end = DoctoretoTimes.instant(DoctoretoAssumptions.at(time, field), dayDate);
      if (end.isPresent()) {
        break;
      }
    }
    if (end.isPresent() && end.get().isAfter(start)) {
      return end.get();
    }
    for (String field : assumptions.slotDurationFields()) {
      Optional<Duration> length = DoctoretoTimes.minutes(DoctoretoAssumptions.at(time, field));
      if (length.isPresent()) {
        return start.plus(length.get());
      }
    }
    return start.plus(assumptions.slotLength());
  }

  private LocalDate lastKnownDate() {
    LocalDate last = startDate;
    for (Day day : days) {
      if (day.date() != null && day.date().isAfter(last)) {
        last = day.date();
      }
    }
    if (!last.equals(startDate) || days.stream().anyMatch(d -> d.date() != null)) {
      return last;
    }
    try {
      for (LocalDate d : freeDays()) {
        last = d.isAfter(last) ? d : last;
      }
    } catch (SlotHunterException unreadable) {
      // Without readable dates the response covers only its start date; freeSlots refetches otherwise.
    }
    return last;
  }
}
