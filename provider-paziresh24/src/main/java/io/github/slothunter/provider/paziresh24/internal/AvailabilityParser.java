package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

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

  private AvailabilityParser() {}

  /**
   * The free days of a getFreeDays body, ascending and distinct by day (the first value of a day wins).
   *
   * @throws io.github.slothunter.api.SlotHunterException mapped by {@link ResponseClassifier}; an
   *     unsuccessful status that says nothing is free gives an empty list
   */
  public static List<CalendarDay> freeDays(String body) {
    JsonNode root = ResponseClassifier.json(Endpoint.GET_FREE_DAYS, body);
    if (!ResponseClassifier.isSuccess(root)) {
      if (ResponseClassifier.status(root).isPresent() && ResponseClassifier.saysNoSlots(root)) {
        return List.of();
      }
      throw ResponseClassifier.failure(Endpoint.GET_FREE_DAYS, root);
    }
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
    if (!ResponseClassifier.isSuccess(root)) {
      if (ResponseClassifier.status(root).isPresent() && ResponseClassifier.saysNoSlots(root)) {
        return List.of();
      }
      throw ResponseClassifier.failure(Endpoint.GET_FREE_TURNS, root);
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
