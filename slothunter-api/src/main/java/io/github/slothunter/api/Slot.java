package io.github.slothunter.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One free appointment time on a {@link Target}'s calendar.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the calendar
 * @param start when the appointment starts
 * @param end when it ends; after {@code start}
 * @param providerSlotKey the provider's handle for the slot (an id, or the start/end pair), used to hold it
 */
public record Slot(Target target, Instant start, Instant end, String providerSlotKey) {

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Slot {
    Text.requirePresent("slot target", target);
    Text.requirePresent("slot start", start);
    Text.requirePresent("slot end", end);
    if (!end.isAfter(start)) {
      throw SlotHunterException.invalid("slot end", "must be after start (" + start + " .. " + end + ")");
    }
    providerSlotKey = Text.required("slot providerSlotKey", providerSlotKey, Text.MAX_ID);
  }

  /** A stable identity for diffing: the target id, the start second and the provider key. */
  public String id() {
    return target.id() + "@" + start.getEpochSecond() + "#" + providerSlotKey;
  }

  /** {@code end - start}. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** The start in the given zone (usually the provider's, {@link SlotHunterZones#TEHRAN}). */
  public ZonedDateTime startIn(ZoneId zone) {
    return start.atZone(zone);
  }
}
