package io.github.slothunter.api;

import java.time.Instant;

/**
 * A slot reserved for us for a short time (Paziresh24 calls it "suspend") before booking.
 *
 * <p>A hold that is not turned into a {@link Booking} must be released with
 * {@code Booker.release}; the engine does so in a {@code finally}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param slot the held slot
 * @param providerHoldKey the provider's handle for the hold (Paziresh24: {@code request_code})
 * @param expiresAt when the provider drops the hold by itself (an estimate where the provider does not say)
 */
public record Hold(Slot slot, String providerHoldKey, Instant expiresAt) {

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Hold {
    Text.requirePresent("hold slot", slot);
    providerHoldKey = Text.required("hold providerHoldKey", providerHoldKey, Text.MAX_ID);
    Text.requirePresent("hold expiresAt", expiresAt);
  }

  /** Whether the hold has lapsed at {@code now}. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
