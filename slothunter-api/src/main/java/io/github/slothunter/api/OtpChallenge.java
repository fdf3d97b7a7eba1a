package io.github.slothunter.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A started OTP login: the provider has sent a code by SMS (or expects a password); complete it
 * with what the user types.
 *
 * <p>A host shows {@link #notice()} once when it is not empty (it is the provider's own text, in the
 * provider's language, already redacted), asks for a password instead of an SMS code when
 * {@link #staticPassword()} is true, and offers "send the code again" only from {@link #resendAfter()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider
 * @param mobile the normalised mobile the code went to (masked by {@link #toString()})
 * @param state opaque values the provider needs to complete the login
 * @param expiresAt when the code stops being accepted (an estimate where the provider does not say)
 * @param notice what the provider said that the user should read before typing the code, e.g. that a
 *     code was sent recently and the earlier one is still valid (Paziresh24 status 39); empty when
 *     there is nothing to show; never {@code null}; redacted by the provider, shown verbatim
 * @param resendAfter the earliest instant a new code may be requested; {@link Instant#MIN} when the
 *     provider sets no wait (a {@code null} argument becomes {@link Instant#MIN})
 * @param staticPassword whether the account has a fixed password and the provider expects it instead
 *     of an SMS code (the same {@code complete} call takes it)
 */
public record OtpChallenge(String providerId, String mobile, Map<String, String> state, Instant expiresAt,
    String notice, Instant resendAfter, boolean staticPassword) {

  /** Longest {@link #notice()} accepted. */
  public static final int MAX_NOTICE = 500;

  /** Validates and copies. */
  public OtpChallenge {
    providerId = DoctorRef.requireProviderId(providerId);
    mobile = Patient.normaliseMobile(mobile);
    Text.requirePresent("challenge state", state);
    state = Map.copyOf(state);
    Text.requirePresent("challenge expiresAt", expiresAt);
    notice = Text.optional("challenge notice", notice, MAX_NOTICE);
    if (notice.chars().anyMatch(Character::isISOControl)) {
      throw SlotHunterException.invalid("challenge notice", "must not contain control characters");
    }
    resendAfter = resendAfter == null ? Instant.MIN : resendAfter;
  }

  /** A challenge for a sent SMS code, with no notice, no resend wait and no static password. */
  public OtpChallenge(String providerId, String mobile, Map<String, String> state, Instant expiresAt) {
    this(providerId, mobile, state, expiresAt, "", Instant.MIN, false);
  }

  /** How long the user must wait at {@code now} before asking for a new code; zero when it may be asked now. */
  public Duration resendWait(Instant now) {
    if (!now.isBefore(resendAfter)) {
      return Duration.ZERO;
    }
    return Duration.between(now, resendAfter);
  }

  /** Masks the mobile and hides state values; the notice is shown by length only. */
  @Override
  public String toString() {
    return "OtpChallenge[providerId=" + providerId + ", mobile=" + Pii.maskMobile(mobile)
        + ", state=" + state.keySet() + ", expiresAt=" + expiresAt + ", notice=" + notice.length() + " chars"
        + ", resendAfter=" + resendAfter + ", staticPassword=" + staticPassword + "]";
  }
}
