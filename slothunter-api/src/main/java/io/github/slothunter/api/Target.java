package io.github.slothunter.api;

import java.util.Map;

/**
 * One bookable calendar: a doctor's service at one center. The unit the engine polls.
 *
 * <p>{@link #providerKeys()} carries what the provider needs besides the ids, so a stored target
 * can be polled without looking the doctor up again. Two targets with the same {@link #id()} are
 * the same calendar even if their keys differ (a key refreshed by a later lookup).
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the doctor
 * @param centerId the provider's center id
 * @param serviceId the provider's service id
 * @param providerKeys provider-specific values (Paziresh24: {@code server_id}, {@code user_center_id})
 */
public record Target(DoctorRef ref, String centerId, String serviceId, Map<String, String> providerKeys) {

  /** Validates and copies; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Target {
    Text.requirePresent("target ref", ref);
    centerId = Text.required("target centerId", centerId, Text.MAX_ID);
    serviceId = Text.required("target serviceId", serviceId, Text.MAX_ID);
    Text.requirePresent("target providerKeys", providerKeys);
    providerKeys = Map.copyOf(providerKeys);
  }

  /** A stable identity for coalescing and storage: {@code provider:doctor/center/service}. */
  public String id() {
    return ref + "/" + centerId + "/" + serviceId;
  }

  /** The provider this target belongs to. */
  public String providerId() {
    return ref.providerId();
  }

  /** A provider key, or throws {@link ErrorCode#INVALID_INPUT} naming the missing key. */
  public String requireKey(String name) {
    String v = providerKeys.get(name);
    if (v == null || v.isBlank()) {
      throw SlotHunterException.invalid("target providerKeys." + name, "is required by provider " + ref.providerId());
    }
    return v;
  }
}
