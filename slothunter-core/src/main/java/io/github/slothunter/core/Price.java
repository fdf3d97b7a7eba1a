package io.github.slothunter.core;

import io.github.slothunter.api.SlotHunterException;
import java.util.Locale;
import java.util.Objects;

/**
 * What a plan costs, per the host's catalogue: an amount in the currency's smallest unit this host
 * bills in (for Iran, rials: {@code Price.rials(1_490_000)}), and an ISO 4217 code. Immutable and
 * thread-safe.
 *
 * @param amount zero or more, in whole units of {@code currency}
 * @param currency an ISO 4217 code, upper case ({@code IRR}, {@code USD}, {@code XTR} for Telegram Stars)
 */
public record Price(long amount, String currency) {
  /** Validates; throws {@code INVALID_INPUT} naming the bad field. */
  public Price {
    if (amount < 0) {
      throw SlotHunterException.invalid("price amount", "must not be negative: " + amount);
    }
    Objects.requireNonNull(currency, "currency");
    currency = currency.strip().toUpperCase(Locale.ROOT);
    if (!currency.matches("[A-Z]{3}")) {
      throw SlotHunterException.invalid("price currency", "must be a 3-letter ISO 4217 code: '" + currency + "'");
    }
  }

  /** An amount in Iranian rials ({@code IRR}; a toman is ten rials). */
  public static Price rials(long amount) {
    return new Price(amount, "IRR");
  }
}
