package io.github.slothunter.core.internal;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what became of a booking whose outcome is unknown ({@link BookingOutcomeUnknown}: the
 * process died during the attempt, or the answer to the book or move call was lost) by looking the
 * slot up in the account's own bookings on the provider ({@link Booker#findBooking}, capability
 * {@link Capability#FIND_BOOKING}), or, on a provider that cannot but can be asked for a hold again
 * as the same holder ({@link Booker#reclaim}, {@link Capability#RECLAIM_HOLD}), by asking: a hold it
 * still grants shows the book call never used it (not booked); a slot it shows taken leaves the
 * outcome unknown (booked by this account or by someone else). Then it closes the attempt:
 *
 * <ul>
 *   <li>on record: the attempt becomes BOOKED with the provider's record, saved with a verified
 *       {@link BookingSucceeded} (the provider's tracking code) in the outbox, then published; the
 *       watch is BOOKED if that was its last booking, else it books again ({@link WatchResumed});
 *   <li>not on record: the hold, if still live, is released; the attempt becomes FAILED, saved with
 *       a {@link BookingFailed}, then published; the watch books again ({@link WatchResumed}) unless
 *       something else paused it. The slot itself is not tried again (a failed attempt is never
 *       repeated); the next one is.
 * </ul>
 *
 * <p>Timing: the first look is {@link #SETTLE} after the outcome became unknown, so that a book
 * request the provider was still processing when its answer timed out is on record by then (an
 * early "not booked" would release a hold about to become a booking, and book again). A look that
 * fails (rate limit, server error, unreadable answer) or finds no budget is retried, with backoff
 * and the provider's retry-after, until the deadline: the hold's lapse, and at least {@link #WINDOW}
 * after the outcome became unknown. After the deadline, on a failure retrying cannot fix (the
 * session was rejected), on a taken slot the provider cannot look up, or on a provider with neither
 * capability, the outcome stays unknown
 * and booking stays paused, as the host was told.
 *
 * <p>Pending attempts live in memory; at start-up {@link #restore} picks up the UNKNOWN attempts of
 * paused watches that an earlier run left unresolved, within their deadline. {@link #resolveDue}
 * runs on the dispatcher thread (or the caller of {@code runDue}); {@link #track} may be called
 * from any poll thread. Thread-safe.
 */
final class OutcomeResolver {
  private static final Logger log = LoggerFactory.getLogger(OutcomeResolver.class);
  /** How long after the outcome became unknown the account's bookings are first read. */
  static final Duration SETTLE = Duration.ofSeconds(30);
  /** The least time the engine keeps trying to find out, even when the hold lapses sooner. */
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  private static final Duration MAX_RETRY = Duration.ofMinutes(2);

  /** One attempt whose outcome is being found out. */
  private static final class Pending {
    final WatchRuntime wr;
    final BookingAttempt attempt;
    /** Whether this resolver releases the hold when the booking was not made (else someone else did). */
    final boolean releaseHold;
    final Instant deadline;
    Instant nextTry;
    int failures;

    Pending(WatchRuntime wr, BookingAttempt attempt, boolean releaseHold, Instant deadline, Instant nextTry) {
      this.wr = wr;
      this.attempt = attempt;
      this.releaseHold = releaseHold;
      this.deadline = deadline;
      this.nextTry = nextTry;
    }
  }

  private final EngineContext ctx;
  private final Outbox outbox;
  private final WatchStates watches;
  private final HoldReleases releases;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  OutcomeResolver(EngineContext ctx, Outbox outbox, WatchStates watches, HoldReleases releases) {
    this.ctx = ctx;
    this.outbox = outbox;
    this.watches = watches;
    this.releases = releases;
  }

  /** Attempts being found out (for tests). */
  int pending() {
    return pending.size();
  }

  /**
   * Starts finding out what became of an attempt just made UNKNOWN (its watch already paused and its
   * {@link BookingOutcomeUnknown} told).
   *
   * @param releaseHold whether to release the attempt's hold if the booking was not made; false when
   *     the caller already released it (or queued it) because the book call was never sent
   * @return whether it will try: false when the provider cannot look bookings up by slot
   */
  boolean track(WatchRuntime wr, BookingAttempt unknown, boolean releaseHold) {
    ProviderRuntime rt = ctx.runtimes.get(unknown.slot().target().providerId());
    if (rt == null || rt.provider().booker().isEmpty() || wr.watch.autoBook() == null
        || !(rt.info().capabilities().contains(Capability.FIND_BOOKING) || probes(rt, unknown))) {
      log.info("attempt {} stays unknown: {} cannot look the account's bookings up; check it on the provider's site",
          unknown.key(), unknown.slot().target().providerId());
      return false;
    }
    Instant now = ctx.clock.instant();
    pending.putIfAbsent(unknown.key(), new Pending(wr, unknown, releaseHold, deadline(unknown), now.plus(SETTLE)));
    return true;
  }

  /**
   * At start-up, after the open attempts were reconciled: the UNKNOWN attempts of paused
   * auto-booking watches that an earlier run left unresolved, still within their deadline.
   */
  void restore(Collection<WatchRuntime> all) {
    Instant now = ctx.clock.instant();
    for (WatchRuntime wr : all) {
      if (wr.watch.autoBook() == null || wr.watch.state() != WatchState.BOOKING_PAUSED) {
        continue;
      }
      for (BookingAttempt a : ctx.store.attempts(wr.id())) {
        if (a.state() == BookingAttempt.State.UNKNOWN && !pending.containsKey(a.key()) && deadline(a).isAfter(now)
            && track(wr, a, true)) {
          wr.bookings++; // counted as a possible booking until found out, as at the crash that left it
        }
      }
    }
  }

  /**
   * Whether the attempt's hold can be asked for again (a provider without {@code FIND_BOOKING} but
   * with {@code RECLAIM_HOLD}, and a hold and holder on record): if the provider still holds the slot
   * for us, the book call never used the hold, so nothing was booked.
   */
  private static boolean probes(ProviderRuntime rt, BookingAttempt a) {
    return rt.info().capabilities().contains(Capability.RECLAIM_HOLD) && a.holdKey() != null && a.holder() != null;
  }

  private static Instant deadline(BookingAttempt a) {
    Instant least = a.updatedAt().plus(WINDOW);
    return a.holdExpiresAt() != null && a.holdExpiresAt().isAfter(least) ? a.holdExpiresAt() : least;
  }

  /** Looks up the attempts that are due. */
  void resolveDue() {
    if (pending.isEmpty()) {
      return;
    }
    for (Pending p : List.copyOf(pending.values())) {
      if (ctx.closed) {
        return;
      }
      Instant now = ctx.clock.instant();
      if (!p.nextTry.isAfter(now)) {
        resolve(p, now);
      }
    }
  }

  private void resolve(Pending p, Instant now) {
    BookingAttempt a = p.attempt;
    if (now.isAfter(p.deadline)) {
      giveUp(p, "the account's bookings could not be read before " + p.deadline);
      return;
    }
    ProviderRuntime rt = ctx.runtimes.get(a.slot().target().providerId());
    Booker booker = rt.provider().booker().orElseThrow();
    AutoBook ab = p.wr.watch.autoBook();
    boolean lookUp = rt.info().capabilities().contains(Capability.FIND_BOOKING);
    Optional<Booking> found = Optional.empty();
    Optional<Hold> stillHeld = Optional.empty();
    try {
      // never waits: this runs on the dispatcher thread; no token now means the next round
      if (lookUp) {
        found = rt.call(BudgetGate.Use.URGENT, Duration.ZERO, () -> booker.findBooking(a.slot(), ab.session()));
      } else {
        stillHeld = rt.call(BudgetGate.Use.URGENT, Duration.ZERO,
            () -> booker.reclaim(a.slot(), a.holder(), ab.session()));
      }
    } catch (ProviderRuntime.BudgetExhausted e) {
      return;
    } catch (SlotHunterException e) {
      if (!e.retryable() && e.code() != ErrorCode.PROTOCOL) {
        giveUp(p, "reading the account's bookings failed with " + e.code());
        return;
      }
      p.failures++;
      Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(10, p.failures - 1));
      backoff = backoff.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff;
      if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(backoff) > 0) {
        backoff = e.retryAfter().get();
      }
      p.nextTry = now.plus(backoff);
      log.debug("reading the bookings for attempt {} failed ({}); trying again at {}", a.key(), e.code(), p.nextTry);
      return;
    }
    if (!lookUp && stillHeld.isEmpty()) {
      // the slot is not free: booked by this account or by someone else; the provider cannot say which
      giveUp(p, rt.id() + " shows the slot taken and cannot look the account's bookings up");
      return;
    }
    pending.remove(a.key());
    if (found.isPresent()) {
      booked(p, rt, found.get(), now);
    } else {
      notBooked(p, rt, booker, stillHeld.orElse(null), now);
    }
  }

  private void giveUp(Pending p, String why) {
    pending.remove(p.attempt.key());
    log.warn("the outcome of booking attempt {} stays unknown ({}); auto-booking stays paused for watch {}: check the"
        + " account on the provider's site", p.attempt.key(), why, p.wr.id());
  }

  /** The provider made the booking: BOOKED with its record, told verified, never released. */
  private void booked(Pending p, ProviderRuntime rt, Booking b, Instant now) {
    WatchRuntime wr = p.wr;
    Watch w = wr.watch;
    BookingAttempt a = p.attempt;
    releases.consumed(a.key()); // the hold is the booking: a release queued at start-up must not undo it
    BookingSucceeded ok = new BookingSucceeded(w.id(), w.owner(), b, true, note(b, w.autoBook()), now,
        w.label(b.slot().target()));
    boolean tell = w.state() != WatchState.CANCELLED;
    outbox.saveAttempt(new BookingAttempt(a.key(), a.watchId(), a.slot(), BookingAttempt.State.BOOKED, a.holdKey(),
        a.holdExpiresAt(), b.providerBookingKey(), b.trackingCode(), null, now, b.payment(), b.paymentLink()),
        tell ? List.of(ok) : List.of());
    wr.bookingsMade.incrementAndGet();
    ctx.metrics.booking(rt.id(), "booked", true, null);
    log.info("the booking of {} for watch {} whose outcome was unknown is on {}'s records (tracking code {})",
        a.slot().id(), w.id(), rt.id(), Pii.maskCode(b.trackingCode()));
    if (!tell) {
      return;
    }
    outbox.publish(ok);
    if (wr.bookings >= w.autoBook().maxBookings()) {
      watches.save(wr, WatchState.BOOKED);
    } else {
      resume(wr, now);
    }
  }

  private static String note(Booking b, AutoBook ab) {
    String note = "confirmed by the provider's records after the booking's answer was lost";
    if (b.paymentRequired()) {
      note = note + "; awaiting online payment: pay to confirm"
          + (b.paymentLink() == null ? " on the provider's site" : " at " + b.paymentLink());
    }
    Booking old = ab.replaces();
    if (old != null) {
      String code = old.trackingCode() == null || old.trackingCode().isBlank() ? old.providerBookingKey()
          : old.trackingCode();
      note = note + (old.providerBookingKey().equals(b.providerBookingKey())
          ? "; the previous booking (" + code + ") was moved to this slot"
          : "; the previous booking (" + code + ") was not cancelled: both stand, cancel one on the provider's site");
    }
    return note;
  }

  /**
   * The provider did not make the booking: the hold goes back, FAILED, and the watch books again.
   *
   * @param held the hold the provider granted again when asked ({@link Booker#reclaim}), which shows
   *     the book call never used it; {@code null} when the account's bookings were looked up
   */
  private void notBooked(Pending p, ProviderRuntime rt, Booker booker, Hold held, Instant now) {
    WatchRuntime wr = p.wr;
    Watch w = wr.watch;
    BookingAttempt a = p.attempt;
    boolean live = held != null || a.holdKey() != null && (a.holdExpiresAt() == null || a.holdExpiresAt().isAfter(now));
    if (held != null) {
      releases.placed(a.key(), rt, booker, held, a.holder(), w.autoBook().session()); // the hold the provider says we have
      releases.release(a.key());
    } else if (live && p.releaseHold) {
      if (!releases.tracks(a.key())) {
        Instant expiry = a.holdExpiresAt() != null ? a.holdExpiresAt() : now.plus(Duration.ofMinutes(10));
        releases.placed(a.key(), rt, booker, new Hold(a.slot(), a.holdKey(), expiry), a.holder(),
            w.autoBook().session());
      }
      releases.release(a.key()); // before FAILED is saved: a crash in between finds the attempt UNKNOWN again
    }
    ErrorCode code = a.error() != null ? a.error() : ErrorCode.PROVIDER_UNAVAILABLE;
    String evidence = held != null ? "the provider still held the slot for this account, so the book call never"
        + " used the hold" : "the provider's records do not show it";
    BookingFailed failed = new BookingFailed(w.id(), w.owner(), a.slot(), code, "the booking was not made: "
        + evidence + (live ? "; the hold was released" : "") + "; auto-booking goes on", true, now,
        w.label(a.slot().target()));
    boolean tell = w.state() != WatchState.CANCELLED;
    List<SlotEvent> events = tell ? List.of(failed) : List.of();
    outbox.saveAttempt(new BookingAttempt(a.key(), a.watchId(), a.slot(), BookingAttempt.State.FAILED, a.holdKey(),
        a.holdExpiresAt(), null, null, code, now), events);
    wr.bookings = Math.max(0, wr.bookings - 1);
    ctx.metrics.booking(rt.id(), "failed", false, null);
    log.info("the booking of {} for watch {} whose outcome was unknown was not made; auto-booking resumes",
        a.slot().id(), w.id());
    if (tell) {
      outbox.publish(failed);
      resume(wr, now);
    }
  }

  /** Lets the watch book again, unless something else paused it or another attempt is still unknown. */
  private void resume(WatchRuntime wr, Instant now) {
    if (wr.watch.state() != WatchState.BOOKING_PAUSED || wr.bookingPausedBy != null
        || pending.values().stream().anyMatch(o -> o.wr.id().equals(wr.id()))) {
      return;
    }
    watches.save(wr, WatchState.ACTIVE);
    watches.updateHealth(wr);
    ctx.bus.publish(new WatchResumed(wr.id(), wr.watch.owner(), now));
  }
}
