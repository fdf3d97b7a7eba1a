package io.github.slothunter.api;

import java.util.List;

/**
 * One search hit: enough to show and to look the doctor up.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the doctor
 * @param displayName name to show
 * @param expertises specialties as the provider lists them
 * @param city city, empty when unknown
 */
public record DoctorSummary(DoctorRef ref, String displayName, List<String> expertises, String city) {

  /** Validates and copies. */
  public DoctorSummary {
    Text.requirePresent("summary ref", ref);
    displayName = Text.required("summary displayName", displayName, Text.MAX_NAME);
    Text.requirePresent("summary expertises", expertises);
    expertises = List.copyOf(expertises);
    city = Text.optional("summary city", city, Text.MAX_NAME);
  }
}
