package io.github.slothunter.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A doctor's profile as a provider shows it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref which doctor
 * @param displayName the name to show users
 * @param expertises specialties, most specific first
 * @param centers where the doctor works, with their services
 */
public record Doctor(DoctorRef ref, String displayName, List<String> expertises, List<Center> centers) {

  /** Validates and copies; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Doctor {
    Text.requirePresent("doctor ref", ref);
    displayName = Text.required("doctor displayName", displayName, Text.MAX_NAME);
    Text.requirePresent("doctor expertises", expertises);
    expertises = List.copyOf(expertises);
    Text.requirePresent("doctor centers", centers);
    centers = List.copyOf(centers);
  }

  /** Every calendar of this doctor that can be booked online: one {@link Target} per bookable service. */
  public List<Target> bookableTargets() {
    List<Target> targets = new ArrayList<>();
    for (Center center : centers) {
      for (Service service : center.services()) {
        if (service.bookable()) {
          targets.add(new Target(ref, center.id(), service.id(), service.providerKeys()));
        }
      }
    }
    return List.copyOf(targets);
  }
}
