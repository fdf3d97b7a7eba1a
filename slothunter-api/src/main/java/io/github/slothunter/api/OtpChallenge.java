package io.github.slothunter.api;

import java.time.Instant;
import java.util.Map;

/**
 * A started OTP login: the provider has sent a code by SMS; complete it with the code.
 *
 * @param providerId the provider
 * @param mobile the normalised mobile the code went to (masked by {@link #toString()})
 * @param state opaque values the provider needs to complete the login
 * @param expiresAt when the code stops being accepted (an estimate where the provider does not say)
 */
public record OtpChallenge(String providerId, String mobile, Map<String, String> state, Instant expiresAt) {

  /** Validates and copies. */
  public OtpChallenge {
    providerId = DoctorRef.requireProviderId(providerId);
    mobile = Patient.normaliseMobile(mobile);
    Text.requirePresent("challenge state", state);
    state = Map.copyOf(state);
    Text.requirePresent("challenge expiresAt", expiresAt);
  }

  /** Masks the mobile and hides state values. */
  @Override
  public String toString() {
    return "OtpChallenge[providerId=" + providerId + ", mobile=" + Pii.maskMobile(mobile)
        + ", state=" + state.keySet() + ", expiresAt=" + expiresAt + "]";
  }
}
