package io.github.slothunter.core.internal;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second step of replacing a booking by book-then-cancel: cancelling the booking the better one
 * replaces ({@link AutoBook#replaces()}). It is a persisted job: the attempt is {@code REPLACING}
 * from the moment the new booking exists until the old one is dealt with, then {@code BOOKED}. So a
 * crash in between, or a cancel that could not be sent (budget, provider down), is finished later:
 *
 * <ul>
 *   <li>at start-up ({@link #finishAtStart}), before the outbox is replayed, so the owner hears the
 *       booking once, with its final note (the provisional success saved with {@code REPLACING} is
 *       replaced under the same id);
 *   <li>or by the dispatcher ({@link #resolveDue}), retrying with backoff, for a cancel that failed
 *       for a reason that passes (given up after {@link #GIVE_UP}: the owner is told both stand).
 * </ul>
 *
 * <p>The old booking is cancelled only when the new one is known to exist (verified on the
 * provider's records, or the provider cannot read back) and needs no payment, so the patient is
 * never left with none; a cancel that fails for good is reported ({@link BookingFailed}: both
 * stand). Before a repeated cancel the old booking is read back where the provider can: one already
 * gone counts as cancelled. {@link #resolveDue} runs on the dispatcher thread; the rest where its
 * caller runs. Thread-safe.
 */
final class Replacements {
  private static final Logger log = LoggerFactory.getLogger(Replacements.class);
  static final Duration GIVE_UP = Duration.ofMinutes(30);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  private static final Duration MAX_RETRY = Duration.ofMinutes(2);

  /** How the cancel step ended. */
  enum Step {
    /** The old booking is gone. */
    CANCELLED,
    /** The old booking was kept on purpose (the new one is not confirmed, or awaits payment). */
    KEPT,
    /** Cancelling failed for good: both stand. */
    FAILED,
    /** Cancelling could not be done now: try again. */
    RETRY
  }

  /** The cancel step's outcome; {@code note} tells the owner, {@code code} why it failed. */
  record Result(Step step, String note, ErrorCode code) {}

  /** One replacement whose cancel step is still to do. */
  private static final class Job {
    final WatchRuntime wr;
    final BookingAttempt attempt;
    final Instant since;
    Instant nextTry;
    int failures;

    Job(WatchRuntime wr, BookingAttempt attempt, Instant since) {
      this.wr = wr;
      this.attempt = attempt;
      this.since = since;
      this.nextTry = since;
    }
  }

  private final EngineContext ctx;
  private final Outbox outbox;
  private final WatchStates watches;
  private final Map<String, Job> pending = new ConcurrentHashMap<>();

  Replacements(EngineContext ctx, Outbox outbox, WatchStates watches) {
    this.ctx = ctx;
    this.outbox = outbox;
    this.watches = watches;
  }

  /** Replacements waiting for their cancel step (for tests). */
  int pending() {
    return pending.size();
  }

  /**
   * Cancels the booking {@code w} replaces, if the new booking {@code made} is known to exist.
   * Never throws.
   *
   * @param verified whether {@code made} was read back from the provider's records
   */
  Result cancelReplaced(ProviderRuntime rt, Booker booker, Watch w, Booking made, boolean verified, Duration wait) {
    AutoBook ab = w.autoBook();
    Booking old = ab.replaces();
    if (!verified && Verifier.canReadBack(rt)) {
      return new Result(Step.KEPT, "the previous booking was kept because the new one is not confirmed", null);
    }
    if (made.paymentRequired()) {
      // an unpaid booking may lapse: cancelling the old one could leave the patient with none
      return new Result(Step.KEPT, "the previous booking was kept because the new one is confirmed only once paid",
          null);
    }
    try {
      rt.call(BudgetGate.Use.URGENT, wait, () -> {
        booker.cancel(old, ab.patient(), ab.session());
        return null;
      });
      log.info("cancelled booking {} replaced for watch {}", Pii.maskCode(old.providerBookingKey()), w.id());
      return new Result(Step.CANCELLED, "the previous booking (" + code(old) + ") was cancelled", null);
    } catch (ProviderRuntime.BudgetExhausted e) {
      return retry(old, ErrorCode.RATE_LIMITED);
    } catch (SlotHunterException e) {
      if (e.retryable()) {
        return retry(old, e.code());
      }
      log.warn("could not cancel replaced booking {} for watch {}: {}", Pii.maskCode(old.providerBookingKey()),
          w.id(), e.code());
      return new Result(Step.FAILED, "the previous booking could not be cancelled (" + e.code() + ")", e.code());
    }
  }

  private static Result retry(Booking old, ErrorCode code) {
    return new Result(Step.RETRY, "the previous booking (" + code(old) + ") is being cancelled; you are told if that"
        + " fails", code);
  }

  static String code(Booking b) {
    return b.trackingCode() == null || b.trackingCode().isBlank() ? b.providerBookingKey() : b.trackingCode();
  }

  /** The event that tells the owner the old booking could not be cancelled: both stand. */
  static BookingFailed bothStand(Watch w, Booking old, ErrorCode code, Instant now) {
    return new BookingFailed(w.id(), w.owner(), old.slot(), code, "the previous booking could not be cancelled;"
        + " both bookings stand, cancel one on the provider's site", false, now, w.label(old.slot().target()));
  }

  /** Retries the cancel step of {@code replacing} (a REPLACING attempt) from the dispatcher. */
  void track(WatchRuntime wr, BookingAttempt replacing, Instant nextTry) {
    Job job = new Job(wr, replacing, replacing.updatedAt());
    job.nextTry = nextTry;
    pending.putIfAbsent(replacing.key(), job);
  }

  /**
   * At start-up, before the outbox is replayed: finishes the replacements a crash interrupted, saving
   * each one's final success (and any failure) into the outbox without publishing it; the replay
   * delivers it. Those that cannot be finished now stay REPLACING for {@link #track}.
   */
  void finishAtStart() {
    List<BookingAttempt> replacing = ctx.store.openAttempts().stream()
        .filter(a -> a.state() == BookingAttempt.State.REPLACING).toList();
    if (replacing.isEmpty()) {
      return;
    }
    java.util.Set<String> unheard = new java.util.HashSet<>();
    outbox.undelivered().forEach(e -> unheard.add(e.id()));
    for (BookingAttempt a : replacing) {
      Optional<Watch> w = ctx.store.loadWatch(a.watchId());
      // told already if its success left the outbox (the cancel was being retried when the engine stopped)
      boolean told = w.isEmpty() || !unheard.contains(new BookingSucceeded(a.watchId(), w.get().owner(),
          booking(a), false, a.updatedAt()).id());
      try {
        finish(w.orElse(null), a, Duration.ZERO, false, told);
      } catch (RuntimeException e) {
        log.warn("could not finish the replacement of attempt {} at start-up; trying again later", a.key(), e);
      }
    }
  }

  /** The jobs that are due, from the dispatcher. */
  void resolveDue() {
    if (pending.isEmpty()) {
      return;
    }
    for (Job j : List.copyOf(pending.values())) {
      Instant now = ctx.clock.instant();
      if (ctx.closed || j.nextTry.isAfter(now)) {
        continue;
      }
      Step step;
      try {
        step = finish(j.wr.watch, j.attempt, Duration.ZERO, true, true);
      } catch (RuntimeException e) {
        log.warn("could not finish the replacement of attempt {}; trying again", j.attempt.key(), e);
        step = Step.RETRY;
      }
      if (step != Step.RETRY) {
        pending.remove(j.attempt.key());
        if (j.wr.bookings >= j.wr.watch.autoBook().maxBookings()) {
          watches.save(j.wr, WatchState.BOOKED);
        }
      } else if (now.isAfter(j.since.plus(GIVE_UP))) {
        giveUp(j, now);
      } else {
        j.failures++;
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(10, j.failures - 1));
        j.nextTry = now.plus(backoff.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff);
      }
    }
  }

  private void giveUp(Job j, Instant now) {
    pending.remove(j.attempt.key());
    Watch w = j.wr.watch;
    Booking old = w.autoBook().replaces();
    ErrorCode code = ErrorCode.PROVIDER_UNAVAILABLE;
    BookingFailed failed = bothStand(w, old, code, now);
    outbox.saveAttempt(j.attempt.with(BookingAttempt.State.BOOKED, now), List.of(failed));
    outbox.publish(failed);
    log.warn("gave up cancelling booking {} replaced for watch {} after {}", Pii.maskCode(old.providerBookingKey()),
        w.id(), GIVE_UP);
  }

  /**
   * One try at the cancel step of a REPLACING attempt: verifies the new booking where the provider
   * can, cancels the old one if that is safe, and saves the attempt BOOKED with the owner's events.
   *
   * @param w the watch, or {@code null} if it is gone (then nothing is cancelled)
   * @param publish whether to publish the saved events now (else the outbox replay does)
   * @param told whether the owner already heard of the new booking: then only a failure is told
   */
  private Step finish(Watch w, BookingAttempt a, Duration wait, boolean publish, boolean told) {
    Instant now = ctx.clock.instant();
    Booking made = booking(a);
    ProviderRuntime rt = ctx.runtimes.get(a.slot().target().providerId());
    if (w == null || w.autoBook() == null || w.autoBook().replaces() == null || rt == null
        || rt.provider().booker().isEmpty()) {
      ctx.store.saveAttempt(a.with(BookingAttempt.State.BOOKED, now));
      return Step.KEPT;
    }
    Booker booker = rt.provider().booker().get();
    Booking old = w.autoBook().replaces();
    Verifier.Verification v = Verifier.verify(rt, booker, made, w.autoBook().session(), wait);
    if (!v.answered()) {
      return Step.RETRY;
    }
    Result r;
    if (Verifier.canReadBack(rt) && v.verified() && alreadyGone(rt, booker, old, w, wait)) {
      r = new Result(Step.CANCELLED, "the previous booking (" + code(old) + ") was cancelled", null);
    } else {
      r = cancelReplaced(rt, booker, w, made, v.verified(), wait);
    }
    if (r.step() == Step.RETRY) {
      return Step.RETRY;
    }
    List<SlotEvent> events = new ArrayList<>();
    if (w.state() != WatchState.CANCELLED) {
      if (!told) {
        events.add(new BookingSucceeded(w.id(), w.owner(), made, v.verified(), v.note() + "; " + r.note(),
            now, w.label(made.slot().target())));
      }
      if (r.step() == Step.FAILED) {
        events.add(bothStand(w, old, r.code(), now));
      }
    }
    outbox.saveAttempt(a.with(BookingAttempt.State.BOOKED, now), events);
    log.info("finished replacing booking {} for watch {}: {}", Pii.maskCode(old.providerBookingKey()), w.id(),
        r.step());
    if (publish) {
      outbox.publish(events);
    }
    return r.step();
  }

  private static Booking booking(BookingAttempt a) {
    return new Booking(a.slot(), a.bookingKey(), a.trackingCode(), a.updatedAt(), a.payment(), a.paymentLink());
  }

  /** Whether the provider's records no longer show the old booking (a cancel before the crash). */
  private static boolean alreadyGone(ProviderRuntime rt, Booker booker, Booking old, Watch w, Duration wait) {
    try {
      return rt.call(BudgetGate.Use.URGENT, wait, () -> booker.readBack(old, w.autoBook().session())).isEmpty();
    } catch (ProviderRuntime.BudgetExhausted | SlotHunterException e) {
      return false; // the cancel below finds out
    }
  }
}
