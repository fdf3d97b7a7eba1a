package io.github.slothunter.api;

import java.time.Duration;
import java.util.Map;

/**
 * One bookable service at a {@link Center} (an in-person visit, an online consultation...).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the provider's service id
 * @param title what the provider calls it
 * @param price the price in the provider's currency unit, or {@code null} when unknown. Paziresh24:
 *     <b>rials</b>, as the site reports {@code free_price} (toman = rials / 10); {@code 0} means not
 *     priced online (typically an in-person visit paid at the office)
 * @param duration the length of one appointment, or {@code null} when unknown
 * @param bookable whether the provider lets you book a time slot for it online
 * @param providerKeys extra values the provider needs to poll or book this service's calendar
 *     (Paziresh24: {@code server_id}, {@code user_center_id}); copied into every {@link Target}
 */
public record Service(String id, String title, Long price, Duration duration, boolean bookable,
    Map<String, String> providerKeys) {

  /** Validates and copies; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Service {
    id = Text.required("service id", id, Text.MAX_ID);
    title = Text.optional("service title", title, Text.MAX_NAME);
    if (price != null && price < 0) {
      throw SlotHunterException.invalid("service price", "must not be negative: " + price);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw SlotHunterException.invalid("service duration", "must be positive: " + duration);
    }
    Text.requirePresent("service providerKeys", providerKeys);
    providerKeys = Map.copyOf(providerKeys);
  }
}
