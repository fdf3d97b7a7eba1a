package io.github.slothunter.core;

import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import java.util.Objects;

/**
 * Another doctor worth suggesting: same expertise and city, with a free slot earlier than the
 * watched target's (see {@link SlotAnalytics#recommend}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param doctor the doctor as the provider's search listed it
 * @param target the doctor's calendar that has the slot
 * @param earliest the earliest free slot found on that calendar
 */
public record Recommendation(DoctorSummary doctor, Target target, Slot earliest) {

  /** Validates. */
  public Recommendation {
    Objects.requireNonNull(doctor, "doctor");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(earliest, "earliest");
  }
}
