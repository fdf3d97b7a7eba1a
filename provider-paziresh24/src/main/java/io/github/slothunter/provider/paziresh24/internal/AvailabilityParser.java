package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import java.time.Instant;
import java.time.LocalDate;
import io.github.slothunter.spi.FreeCalendar;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses getFreeDays and getFreeTurns bodies (spec 4.1, 4.2). Stateless and thread-safe.
 *
 * <p>Times are unix seconds; a value outside 2000..2100 or a slot that does not end after it
 * starts means the shape changed and gives {@code PROTOCOL}, rather than a silently empty or
 * wrong calendar.
 */
public final class AvailabilityParser {
  private static final long MIN_EPOCH = 946_684_800L; // 2000-01-01
  private static final long MAX_EPOCH = 4_102_444_800L; // 2100-01-01

  /**
   * One day with free slots.
   *
   * @param day the day in Asia/Tehran
   * @param turnsValue the {@code calendar.turns} value the site gave for it, to send back as {@code date}
   */
  public record CalendarDay(LocalDate day, long turnsValue) {}

  /** The shortest and longest slot length ({@code slice}, seconds) read as plausible. */
  private static final long MIN_SLICE = 60;
  private static final long MAX_SLICE = 86_400;

  private AvailabilityParser() {}

  /**
   * Reads a getFreeDays answer in all-slots mode (spec 4.1b): the free days up to
   * {@code calendar.end_date} and, for each day {@code result} answers, its free slots
   * ({@code turns} keys, each {@code slice} seconds long; {@code providerSlotKey} {@code "<from>-<to>"}
   * as getFreeTurns gives it, so both paths name a slot alike). A free day listed in
   * {@code calendar.turns} but missing from {@code result} is not answered in full.
   *
   * <p>Status 32 gives {@link FreeCalendar#full()}; 700 throws {@code BOOKING_OFF}.
   *
   * @return the calendar, or {@code null} when the body is a successful answer without the all-slots
   *     part (no {@code result} object or no usable {@code calendar.end_date}): the caller falls back to
   *     reading it as a calendar-mode answer ({@link #freeDays})
   * @throws io.github.slothunter.api.SlotHunterException mapped by {@link ResponseClassifier}, or
   *     {@code PROTOCOL} for slot times that are not unix seconds
   */
  public static FreeCalendar allSlots(Target target, String body) {
    JsonNode root = ResponseClassifier.json(Endpoint.GET_FREE_DAYS, body);
    if (nothingFree(Endpoint.GET_FREE_DAYS, root)) {
      return FreeCalendar.full();
    }
    JsonNode result = root.path("result");
    LocalDate through = date(root.path("calendar").path("end_date"));
    if (!result.isObject() || through == null) {
      return null;
    }
    TreeMap<LocalDate, List<Slot>> byDay = new TreeMap<>();
    for (Map.Entry<String, JsonNode> day : result.properties()) {
      long dayKey = epochSeconds(Endpoint.GET_FREE_DAYS, Json.MAPPER.getNodeFactory().textNode(day.getKey()), body);
      LocalDate date = Instant.ofEpochSecond(dayKey).atZone(SlotHunterZones.TEHRAN).toLocalDate();
      if (date.isAfter(through)) {
        continue; // the answer covers start_date .. end_date only (spec 4.1b)
      }
      byDay.computeIfAbsent(date, d -> new ArrayList<>()).addAll(blockSlots(target, day.getValue(), body));
    }
    TreeMap<LocalDate, List<Slot>> slots = new TreeMap<>();
    byDay.keySet().forEach(day -> slots.put(day, new ArrayList<>())); // answered, even if nothing is left
    byDay.forEach((day, list) -> {
      // a slot is filed under the day it starts on, whatever key carried it
      for (Slot slot : list) {
        slots.computeIfAbsent(slot.startIn(SlotHunterZones.TEHRAN).toLocalDate(), d -> new ArrayList<>()).add(slot);
      }
    });
    slots.values().forEach(list -> list.sort(Comparator.comparing(Slot::start).thenComparing(Slot::end)));
    TreeSet<LocalDate> days = new TreeSet<>();
    for (CalendarDay d : calendarTurns(root, body)) {
      if (!d.day().isAfter(through)) {
        days.add(d.day());
      }
    }
    slots.forEach((day, list) -> {
      if (!list.isEmpty() && !day.isAfter(through)) {
        days.add(day);
      }
    });
    // slots the answer filed under a day after end_date are left to the calendar-mode path
    slots.keySet().removeIf(day -> day.isAfter(through));
    return new FreeCalendar(new ArrayList<>(days), slots, through, false);
  }

  /** The free slots of one day's work-hour blocks ({@code [{from, turns:{"<start>":0}, slice}, ...]}). */
  private static List<Slot> blockSlots(Target target, JsonNode blocks, String body) {
    if (!blocks.isArray()) {
      throw ResponseClassifier.protocol(Endpoint.GET_FREE_DAYS, "a day of result is not a list of blocks", body);
    }
    List<Slot> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode block : blocks) {
      OptionalLong slice = Json.integer(block.get("slice"));
      if (slice.isEmpty() || slice.getAsLong() < MIN_SLICE || slice.getAsLong() > MAX_SLICE) {
        throw ResponseClassifier.protocol(Endpoint.GET_FREE_DAYS, "a block has no usable slice (seconds)", body);
      }
      JsonNode turns = block.path("turns");
      if (absent(turns)) {
        continue;
      }
      if (!turns.isObject()) {
        throw ResponseClassifier.protocol(Endpoint.GET_FREE_DAYS, "a block's turns is not an object", body);
      }
      for (Iterator<String> it = turns.fieldNames(); it.hasNext(); ) {
        long from = epochSeconds(Endpoint.GET_FREE_DAYS, Json.MAPPER.getNodeFactory().textNode(it.next()), body);
        long to = from + slice.getAsLong();
        String key = from + "-" + to;
        if (seen.add(key)) {
          out.add(new Slot(target, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), key));
        }
      }
    }
    return out;
  }

  /**
   * The last day a getFreeDays answer covers ({@code calendar.end_date}); {@code null} when it is
   * absent, malformed or unset ({@code 1970-01-01}, as calendar mode answers in 2026), or the body is
   * not a JSON object.
   */
  public static LocalDate endDate(String body) {
    try {
      return date(Json.MAPPER.readTree(body).path("calendar").path("end_date"));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return null;
    }
  }

  /**
   * The free days of a getFreeDays body (either mode), ascending and distinct by day (the first value
   * of a day wins).
   *
   * @throws io.github.slothunter.api.SlotHunterException mapped by {@link ResponseClassifier}; status 32
   *     or another unsuccessful status that says nothing is free gives an empty list
   */
  public static List<CalendarDay> freeDays(String body) {
    JsonNode root = ResponseClassifier.json(Endpoint.GET_FREE_DAYS, body);
    if (nothingFree(Endpoint.GET_FREE_DAYS, root)) {
      return List.of();
    }
    return calendarTurns(root, body);
  }

  /** {@code calendar.turns} of a successful body, as days; empty when absent. */
  private static List<CalendarDay> calendarTurns(JsonNode root, String body) {
    JsonNode calendar = root.path("calendar");
    if (!absent(calendar) && !calendar.isObject()) {
      throw ResponseClassifier.protocol(Endpoint.GET_FREE_DAYS, "calendar is not an object", body);
    }
    JsonNode turns = calendar.path("turns");
    if (absent(turns)) {
      return List.of();
    }
    if (!turns.isArray()) {
      throw ResponseClassifier.protocol(Endpoint.GET_FREE_DAYS, "calendar.turns is not a list", body);
    }
    TreeMap<LocalDate, Long> days = new TreeMap<>();
    for (JsonNode t : turns) {
      long v = epochSeconds(Endpoint.GET_FREE_DAYS, t, body);
      days.putIfAbsent(Instant.ofEpochSecond(v).atZone(SlotHunterZones.TEHRAN).toLocalDate(), v);
    }
    List<CalendarDay> out = new ArrayList<>(days.size());
    days.forEach((d, v) -> out.add(new CalendarDay(d, v)));
    return out;
  }

  /**
   * The free slots of a getFreeTurns body for the target, ascending by start, distinct by
   * {@code providerSlotKey} ({@code "<from>-<to>"}).
   *
   * @throws io.github.slothunter.api.SlotHunterException mapped by {@link ResponseClassifier}; an
   *     unsuccessful status that says nothing is free gives an empty list
   */
  public static List<Slot> freeTurns(Target target, String body) {
    long[] times = FastFreeTurns.read(body);
    return times != null ? toSlots(target, times, body) : freeTurnsFromTree(target, body);
  }

  /** The general path: any shape, every error classified. */
  static List<Slot> freeTurnsFromTree(Target target, String body) {
    JsonNode root = ResponseClassifier.json(Endpoint.GET_FREE_TURNS, body);
    if (nothingFree(Endpoint.GET_FREE_TURNS, root)) {
      return List.of();
    }
    JsonNode result = root.path("result");
    if (absent(result)) {
      return List.of();
    }
    if (!result.isArray()) {
      throw ResponseClassifier.protocol(Endpoint.GET_FREE_TURNS, "result is not a list", body);
    }
    long[] times = new long[result.size() * 2];
    int i = 0;
    for (JsonNode item : result) {
      times[i++] = epochSeconds(Endpoint.GET_FREE_TURNS, item.get("from"), body);
      times[i++] = epochSeconds(Endpoint.GET_FREE_TURNS, item.get("to"), body);
    }
    return toSlots(target, times, body);
  }

  /** {@code times} holds from, to pairs; sorts, drops duplicates, checks each slot ends after it starts. */
  private static List<Slot> toSlots(Target target, long[] times, String body) {
    List<Slot> slots = new ArrayList<>(times.length / 2);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < times.length; i += 2) {
      long from = times[i];
      long to = times[i + 1];
      if (Math.min(from, to) < MIN_EPOCH || Math.max(from, to) > MAX_EPOCH) {
        throw ResponseClassifier.protocol(Endpoint.GET_FREE_TURNS, "a time is not unix seconds", body);
      }
      if (to <= from) {
        throw ResponseClassifier.protocol(Endpoint.GET_FREE_TURNS, "a slot does not end after it starts", body);
      }
      String key = from + "-" + to;
      if (seen.add(key)) {
        slots.add(new Slot(target, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), key));
      }
    }
    slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::end));
    return slots;
  }

  /**
   * Whether an answer says nothing is free (status 32, or a message saying so); {@code false} for a
   * success. Any other unsuccessful answer is thrown as its mapped error.
   */
  private static boolean nothingFree(Endpoint endpoint, JsonNode root) {
    if (ResponseClassifier.isSuccess(root)) {
      return false;
    }
    if (ResponseClassifier.status(root).isPresent() && ResponseClassifier.saysNoSlots(root)) {
      return true;
    }
    throw ResponseClassifier.failure(endpoint, root);
  }

  /** A {@code YYYY-MM-DD} date; {@code null} when absent, malformed or the unset {@code 1970-01-01}. */
  private static LocalDate date(JsonNode node) {
    Optional<String> text = Json.text(node);
    if (text.isEmpty()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(text.get().strip());
      return d.getYear() < 2000 ? null : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static long epochSeconds(Endpoint endpoint, JsonNode node, String body) {
    OptionalLong v = Json.integer(node);
    if (v.isEmpty() || v.getAsLong() < MIN_EPOCH || v.getAsLong() > MAX_EPOCH) {
      throw ResponseClassifier.protocol(endpoint, "a time is not unix seconds", body);
    }
    return v.getAsLong();
  }
}
