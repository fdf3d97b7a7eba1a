package io.github.slothunter.api;

import java.time.Instant;

/**
 * A confirmed appointment.
 *
 * @param slot the booked slot
 * @param providerBookingKey the provider's booking id (Paziresh24: {@code book_info.id})
 * @param trackingCode the code the patient shows at the clinic (Paziresh24: {@code reference_code});
 *     empty when the provider did not return one
 * @param bookedAt when the provider confirmed it
 */
public record Booking(Slot slot, String providerBookingKey, String trackingCode, Instant bookedAt) {

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Booking {
    Text.requirePresent("booking slot", slot);
    providerBookingKey = Text.required("booking providerBookingKey", providerBookingKey, Text.MAX_ID);
    trackingCode = Text.optional("booking trackingCode", trackingCode, Text.MAX_ID);
    Text.requirePresent("booking bookedAt", bookedAt);
  }
}
