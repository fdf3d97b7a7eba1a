package io.github.slothunter.api;

import java.util.List;
import java.util.Set;

/**
 * One doctor on an area-search page.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the doctor
 * @param displayName the doctor's name as the provider shows it
 * @param expertise the specialty as the provider shows it; empty when not given
 * @param gender the doctor's gender ({@link Gender#UNSPECIFIED} when not given)
 * @param visitTypes the kinds of visit the doctor offers, as far as the page tells
 * @param centers the doctor's centers with what the page says of each
 * @param targets the doctor's bookable calendars when the page says enough to poll them without a
 *     lookup (Paziresh24: center, user-center and service ids); empty when a lookup is needed
 */
public record AreaHit(DoctorRef ref, String displayName, String expertise, Gender gender, Set<VisitType> visitTypes,
    List<AreaCenter> centers, List<Target> targets) {
  /** Validates and copies. */
  public AreaHit {
    Text.requirePresent("area hit ref", ref);
    displayName = Text.required("area hit displayName", displayName, Text.MAX_NAME);
    expertise = Text.optional("area hit expertise", expertise, Text.MAX_NAME);
    gender = gender == null ? Gender.UNSPECIFIED : gender;
    visitTypes = Set.copyOf(visitTypes);
    centers = List.copyOf(centers);
    targets = List.copyOf(targets);
    for (Target t : targets) {
      if (!t.ref().equals(ref)) {
        throw SlotHunterException.invalid("area hit targets", "a target of another doctor: " + t.id());
      }
    }
  }
}
