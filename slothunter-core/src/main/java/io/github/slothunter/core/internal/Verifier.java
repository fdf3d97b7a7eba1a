package io.github.slothunter.core.internal;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a booking back from the provider (where it can): verified only if the provider's record
 * shows it at the booked time. A failed read leaves it unverified, never unreported. Stateless and
 * thread-safe.
 */
final class Verifier {
  private static final Logger log = LoggerFactory.getLogger(Verifier.class);

  /**
   * What the read-back found; {@code note} says it in words for the owner; {@code answered} is false
   * when the read could not be made (no budget, a failed request), so its answer is still to come.
   */
  record Verification(boolean verified, String note, boolean answered) {
    Verification(boolean verified, String note) {
      this(verified, note, true);
    }
  }

  private Verifier() {}

  static boolean canReadBack(ProviderRuntime rt) {
    return rt.info().capabilities().contains(Capability.READ_BACK);
  }

  static Verification verify(ProviderRuntime rt, Booker booker, Booking booking, AccountSession session,
      Duration wait) {
    if (!canReadBack(rt)) {
      return new Verification(false, "not verified: " + rt.id() + " cannot read bookings back; check it on the"
          + " provider's site");
    }
    try {
      Optional<Booking> seen = rt.call(BudgetGate.Use.URGENT, wait, () -> booker.readBack(booking, session));
      if (seen.isEmpty()) {
        log.warn("{} answered booked for {} but its records do not show the booking", rt.id(), booking.slot().id());
        return new Verification(false, "not verified: the provider's records do not show this booking; check"
            + " your account on its site");
      }
      if (!seen.get().slot().start().equals(booking.slot().start())) {
        return new Verification(false, "not verified: the provider's records show this booking at "
            + seen.get().slot().start() + " instead of " + booking.slot().start());
      }
      return new Verification(true, "confirmed by the provider's records");
    } catch (ProviderRuntime.BudgetExhausted e) {
      return new Verification(false, "not verified: no request budget was left to read the booking back", false);
    } catch (SlotHunterException e) {
      return new Verification(false, "not verified: reading the booking back failed (" + e.code() + ")", false);
    }
  }
}
