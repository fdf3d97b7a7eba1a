package io.github.slothunter.api;

import java.time.Instant;
import java.util.Map;

/**
 * A logged-in account on a provider, from its OTP login; needed for holding and booking.
 *
 * <p>Treat it as a secret. {@link #toString()} never prints the token or attribute values, and
 * SlotHunter never logs them. Hosts persisting a session should store it encrypted or with
 * owner-only file permissions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider that issued it
 * @param token the opaque access token (bearer token or session cookie value)
 * @param attributes other opaque values the provider needs (Paziresh24: {@code user_id})
 * @param expiresAt when the provider stops accepting it ({@link Instant#MAX} when unknown)
 */
public record AccountSession(String providerId, String token, Map<String, String> attributes, Instant expiresAt) {

  /** Validates and copies; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public AccountSession {
    providerId = DoctorRef.requireProviderId(providerId);
    if (token == null || token.isBlank()) {
      throw SlotHunterException.invalid("session token", "must not be blank");
    }
    if (token.length() > 8192) {
      throw SlotHunterException.invalid("session token", "is too long");
    }
    if (token.chars().anyMatch(Character::isISOControl)) {
      // the token is sent as a header value; CR/LF would split the header
      throw SlotHunterException.invalid("session token", "must not contain control characters");
    }
    Text.requirePresent("session attributes", attributes);
    attributes = Map.copyOf(attributes);
    expiresAt = expiresAt == null ? Instant.MAX : expiresAt;
  }

  /** Whether the session has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Shows the provider, the expiry and the token's length only. */
  @Override
  public String toString() {
    return "AccountSession[providerId=" + providerId + ", token=" + Pii.maskToken(token)
        + ", attributes=" + attributes.keySet() + ", expiresAt=" + expiresAt + "]";
  }
}
