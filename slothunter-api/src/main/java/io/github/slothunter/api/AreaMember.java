package io.github.slothunter.api;

import java.time.Instant;
import java.util.List;

/**
 * One doctor of an area: the centers of theirs that the area's query keeps (price, distance) and
 * the calendars the engine watches for them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the doctor
 * @param displayName the doctor's name as the provider shows it
 * @param centers the doctor's centers that the query keeps, with what the last search said of each
 *     ({@link AreaCenter#firstFree()} may be stale)
 * @param targets the doctor's bookable calendars at those centers; empty until the doctor is looked
 *     up when the search page did not describe them
 * @param distanceKm the distance from the query's point to the nearest kept center, or {@code null}
 *     when the query has no point or no kept center has coordinates
 */
public record AreaMember(DoctorRef ref, String displayName, List<AreaCenter> centers, List<Target> targets,
    Double distanceKm) {
  /** Validates and copies. */
  public AreaMember {
    Text.requirePresent("area member ref", ref);
    displayName = Text.required("area member displayName", displayName, Text.MAX_NAME);
    centers = List.copyOf(centers);
    targets = List.copyOf(targets);
    if (distanceKm != null && (distanceKm.isNaN() || distanceKm < 0)) {
      throw SlotHunterException.invalid("area member distanceKm", "must be a non-negative number: " + distanceKm);
    }
  }

  /** The earliest first free slot over the kept centers, or {@code null} when none is known. */
  public Instant firstFree() {
    Instant min = null;
    for (AreaCenter c : centers) {
      if (c.firstFree() != null && (min == null || c.firstFree().isBefore(min))) {
        min = c.firstFree();
      }
    }
    return min;
  }

  /** The kept center with this id, or {@code null}. */
  public AreaCenter center(String centerId) {
    for (AreaCenter c : centers) {
      if (c.centerId().equals(centerId)) {
        return c;
      }
    }
    return null;
  }

  /** This member with other targets. */
  public AreaMember withTargets(List<Target> value) {
    return new AreaMember(ref, displayName, centers, value, distanceKm);
  }
}
