package io.github.slothunter.core.internal;

import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.Watch;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, before the outbox is replayed: a booking whose success a crash left unheard and not
 * yet read back (killed between the book call and the read-back) is read back now, so the owner
 * hears it once, verified where the provider's records show it, instead of "not yet verified". The
 * verified success replaces the provisional one under the same id; a read that cannot be made now
 * leaves the provisional one as it was. Runs once, on the thread that starts the engine.
 */
final class UnheardBookings {
  private static final Logger log = LoggerFactory.getLogger(UnheardBookings.class);

  /** How the success saved with the booking, before its read-back, begins (see {@code AutoBooker}). */
  static final String PROVISIONAL = "booked; not yet verified on the provider's records";

  private final EngineContext ctx;
  private final Outbox outbox;

  UnheardBookings(EngineContext ctx, Outbox outbox) {
    this.ctx = ctx;
    this.outbox = outbox;
  }

  void verifyAtStart() {
    for (SlotEvent e : outbox.undelivered()) {
      if (e instanceof BookingSucceeded s && !s.verified() && s.verification().startsWith(PROVISIONAL)) {
        try {
          verify(s);
        } catch (RuntimeException ex) {
          log.warn("could not read back the booking of watch {} at start-up; it is told unverified", s.watchId(), ex);
        }
      }
    }
  }

  private void verify(BookingSucceeded s) {
    Optional<BookingAttempt> attempt = ctx.store.attempt(BookingAttempt.keyOf(s.watchId(), s.booking().slot()));
    Optional<Watch> watch = ctx.store.loadWatch(s.watchId());
    ProviderRuntime rt = ctx.runtimes.get(s.booking().slot().target().providerId());
    if (attempt.isEmpty() || attempt.get().state() != BookingAttempt.State.BOOKED || watch.isEmpty()
        || watch.get().autoBook() == null || rt == null || !Verifier.canReadBack(rt)
        || rt.provider().booker().isEmpty()) {
      return;
    }
    Booker booker = rt.provider().booker().get();
    Verifier.Verification v = Verifier.verify(rt, booker, s.booking(), watch.get().autoBook().session(),
        Duration.ZERO);
    if (!v.answered()) {
      return;
    }
    String note = v.note() + s.verification().substring(PROVISIONAL.length());
    BookingSucceeded told = new BookingSucceeded(s.watchId(), s.owner(), s.booking(), v.verified(), note, s.at(),
        s.label());
    outbox.saveAttempt(attempt.get(), List.of(told)); // same id: replaces the provisional success, unheard
    log.info("read back the booking of watch {} a crash left unheard: {}", s.watchId(),
        v.verified() ? "verified" : "not on the provider's records");
  }
}
