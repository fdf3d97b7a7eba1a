package io.github.slothunter.api;

import java.time.Instant;

/**
 * One center of an area-search hit: where the doctor works and what the search page says about it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param centerId the provider's center id (as in {@link Target#centerId()})
 * @param name the center's name; empty when not given
 * @param location the center's map pin, or {@code null} when the provider gives none
 * @param firstFree the center's first free slot as the search shows it (may be stale: confirm with
 *     the calendar before holding), or {@code null} when none or not given
 * @param price the visit's price in rials, or {@code null} when not given
 */
public record AreaCenter(String centerId, String name, GeoPoint location, Instant firstFree, Long price) {
  /** Validates. */
  public AreaCenter {
    centerId = Text.required("area center id", centerId, Text.MAX_ID);
    name = Text.optional("area center name", name, Text.MAX_NAME);
    if (price != null && price < 0) {
      throw SlotHunterException.invalid("area center price", "must not be negative: " + price);
    }
  }
}
