package io.github.slothunter.core.internal;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-booking: hold, then book, and release in a {@code finally} whatever happens in between.
 *
 * <p>Every attempt writes its {@link BookingAttempt} to the store before each provider call
 * (STARTED, the hold intent with the provider's holder, before the hold; HELD once held; BOOKING
 * before the book or move call), so an attempt found open at start-up is known to be interrupted. A
 * STARTED one never sent a book call: the {@link HoldIntents} find out whether the provider holds the
 * slot and release it, as they do for a hold call whose answer was lost. A HELD or BOOKING one becomes
 * UNKNOWN, the host gets {@link BookingOutcomeUnknown}, its hold is released only if the book call was
 * never sent (HELD), and the watch stops booking instead of booking again, until the
 * {@link OutcomeResolver} finds out.
 *
 * <p>A hold that became a booking (or that a booking was moved onto) leaves the outstanding set
 * ({@link HoldReleases}) at once and is never released: on the provider the hold key now names the
 * booking. A book or move call whose answer is lost (timeout, 5xx, unreadable) is treated like a
 * crash: UNKNOWN, no release, handed to the resolver.
 *
 * <p>Watches on one target are served in plan-priority then age order within one poll, and a slot
 * tried by one watch is not tried by another in the same round, so contention costs one attempt per
 * slot. A hold whose release cannot be sent now (budget, provider down) is retried until it lapses.
 */
final class AutoBooker {
  private static final Logger log = LoggerFactory.getLogger(AutoBooker.class);
  private static final Duration URGENT_WAIT = Duration.ofSeconds(5);

  private enum Outcome { BOOKED, NEXT_SLOT, STOP }

  private final EngineContext ctx;
  private final Outbox outbox;
  private final WatchStates watches;
  private final HoldReleases releases;
  private final OutcomeResolver resolver;
  private final HoldIntents intents;
  private final Replacements replacements;

  AutoBooker(EngineContext ctx, Outbox outbox, WatchStates watches, HoldReleases releases, OutcomeResolver resolver,
      HoldIntents intents, Replacements replacements) {
    this.ctx = ctx;
    this.outbox = outbox;
    this.watches = watches;
    this.releases = releases;
    this.resolver = resolver;
    this.intents = intents;
    this.replacements = replacements;
  }

  void run(TargetState ts, List<WatchRuntime> ordered, List<Slot> free) {
    Optional<Booker> booker = ts.runtime.provider().booker();
    if (booker.isEmpty()) {
      return;
    }
    intents.observed(ts.id, free, ts.lastPollAt);
    Set<String> claimed = new HashSet<>();
    for (WatchRuntime wr : ordered) {
      if (ctx.closed) {
        return;
      }
      if (wr.watch.booking() && !wr.overQuota && !wr.bookingOverQuota) {
        serve(wr, new WatchRuntime.BookingRound(ts, booker.get(), free), claimed);
      }
    }
  }

  /**
   * Books for one watch, one round at a time: a watch on several calendars books at most
   * maxBookings in total, so only one poll books for it at once. A poll that finds another poll
   * booking for the watch leaves its round to that poll and goes on, instead of waiting with its
   * thread blocked on the other's network calls; the booking poll serves the rounds left to it
   * before it lets go.
   */
  private void serve(WatchRuntime wr, WatchRuntime.BookingRound round, Set<String> claimed) {
    synchronized (wr.bookingLock) {
      if (wr.bookingActive) {
        wr.leaveRound(round);
        return;
      }
      wr.bookingActive = true;
    }
    boolean done = false;
    try {
      WatchRuntime.BookingRound next = round;
      Set<String> tried = claimed;
      while (next != null) {
        bookFor(next.target(), wr, next.booker(), next.free(), tried);
        tried = new HashSet<>(); // a round left by another poll: its own claims stayed with that poll
        synchronized (wr.bookingLock) {
          next = wr.nextRound();
          if (next == null) {
            wr.bookingActive = false;
            done = true;
          }
        }
      }
    } finally {
      if (!done) {
        synchronized (wr.bookingLock) {
          wr.bookingActive = false; // failed: the rounds left are served by the next poll's round
          wr.dropRounds();
        }
      }
    }
  }

  private void bookFor(TargetState ts, WatchRuntime wr, Booker booker, List<Slot> free, Set<String> claimed) {
    ZoneId zone = ts.runtime.info().zone();
    for (Slot slot : free) {
      Watch w = wr.watch;
      if (ctx.closed || !w.booking() || wr.bookings >= w.autoBook().maxBookings()) {
        return;
      }
      if (claimed.contains(slot.id()) || !w.filter().matches(slot, zone, ts.price) || !guardsAllow(w.autoBook(), slot, ts, booker)) {
        continue;
      }
      String key = BookingAttempt.keyOf(w.id(), slot);
      Optional<BookingAttempt> prior = ctx.store.attempt(key);
      if (prior.isPresent() && !mayRetry(prior.get()) || intents.blocks(w.owner(), slot.id())) {
        continue; // never the same slot twice for a watch, unless it was never held; never one maybe held
      }
      if (w.autoBook().session().isExpired(ctx.clock.instant())) {
        pause(wr, slot, ErrorCode.AUTH_REQUIRED, "the account session has expired; log in again");
        return;
      }
      int maxAttempts = w.autoBook().maxAttempts();
      if (maxAttempts > 0 && wr.attempts >= maxAttempts) {
        pause(wr, slot, ErrorCode.QUOTA_EXCEEDED, "the watch used all " + maxAttempts + " booking attempts it was allowed");
        return;
      }
      claimed.add(slot.id());
      if (attempt(ts, wr, booker, slot, key) != Outcome.NEXT_SLOT) {
        return;
      }
    }
  }

  private Outcome attempt(TargetState ts, WatchRuntime wr, Booker booker, Slot slot, String key) {
    ProviderRuntime rt = ts.runtime;
    Watch w = wr.watch;
    AutoBook ab = w.autoBook();
    Duration wait = ctx.manual ? Duration.ZERO : URGENT_WAIT;
    if (!rt.gate().acquire(BudgetGate.Use.URGENT, wait)) {
      log.debug("no budget to hold {} for watch {}; will retry on the next poll", slot.id(), w.id());
      return Outcome.STOP;
    }
    ts.bookingsTried.incrementAndGet();
    wr.attempts++;
    long detectedAt = ctx.clock.millis();
    Instant heldAt = null;
    // the hold intent: saved with the holder before the call, so a lost answer or a crash can be resolved
    BookingAttempt attempt = new BookingAttempt(key, w.id(), slot, BookingAttempt.State.STARTED, null, null, null, null,
        null, ctx.clock.instant(), null, null, booker.holder(ab.session()));
    ctx.store.saveAttempt(attempt);
    Hold hold = null;
    // true once the hold became a booking, was moved onto, or may have been (a lost answer): never released then
    boolean consumed = false;
    try {
      Sent holdSent = new Sent();
      try {
        hold = rt.callWithToken(() -> {
          holdSent.value = true;
          return booker.hold(slot, ab.session());
        });
      } catch (SlotHunterException e) {
        if (holdSent.value && outcomeUnknown(e)) {
          return holdLost(rt, wr, attempt, e);
        }
        throw e;
      }
      Hold held = hold;
      releases.placed(key, rt, booker, held, attempt.holder(), ab.session());
      attempt = new BookingAttempt(key, w.id(), slot, BookingAttempt.State.HELD, held.providerHoldKey(), held.expiresAt(),
          null, null, null, ctx.clock.instant(), null, null, attempt.holder());
      heldAt = ctx.clock.instant();
      HoldPlaced placed = new HoldPlaced(w.id(), w.owner(), held, heldAt, w.label(held.slot().target()));
      outbox.saveAttempt(attempt, List.of(placed));
      ctx.metrics.held(rt.id(), Duration.ofMillis(Math.max(0, heldAt.toEpochMilli() - detectedAt)));
      outbox.publish(placed);
      if (ctx.closed || wr.watch.state() == WatchState.CANCELLED) {
        log.info("watch {} stopped while holding {}; releasing the hold", w.id(), slot.id());
        ctx.store.saveAttempt(attempt.with(BookingAttempt.State.FAILED, ctx.clock.instant()));
        return Outcome.STOP;
      }
      if (held.isExpired(ctx.clock.instant())) {
        throw SlotHunterException.builder(ErrorCode.HOLD_EXPIRED).providerId(rt.id())
            .message("hold on " + slot.id() + " lapsed before booking").build();
      }
      Booking old = ab.replaces();
      boolean moved = false;
      Booking booking = null;
      if (old != null && movable(rt, old)) {
        Sent sent = new Sent();
        ctx.store.saveAttempt(attempt.with(BookingAttempt.State.BOOKING, ctx.clock.instant()));
        try {
          booking = rt.call(BudgetGate.Use.URGENT, wait, () -> {
            sent.value = true;
            return booker.move(old, held, ab.session());
          });
          moved = true;
        } catch (SlotHunterException e) {
          if (e.code() != ErrorCode.UNSUPPORTED) {
            if (sent.value && outcomeUnknown(e)) {
              consumed = true;
              releases.consumed(key);
              unknown(rt, wr, attempt, e, "moving the booking");
              return Outcome.STOP;
            }
            fail(attempt, e.code());
            ctx.metrics.booking(rt.id(), "failed", false, Duration.between(heldAt, ctx.clock.instant()));
            return onMoveFailure(wr, slot, old, e);
          }
          log.info("{} cannot move booking {} ({}); booking the better slot, then cancelling the old one", rt.id(),
              old.providerBookingKey(), e.reason());
        }
      }
      if (!moved) {
        Sent sent = new Sent();
        ctx.store.saveAttempt(attempt.with(BookingAttempt.State.BOOKING, ctx.clock.instant()));
        try {
          booking = rt.call(BudgetGate.Use.URGENT, wait, () -> {
            sent.value = true;
            return booker.book(held, ab.patient(), ab.session());
          });
        } catch (SlotHunterException e) {
          if (sent.value && outcomeUnknown(e)) {
            consumed = true;
            releases.consumed(key);
            unknown(rt, wr, attempt, e, "booking");
            return Outcome.STOP;
          }
          throw e;
        }
      }
      // the hold is the booking now: it must never be released (an unsuspend could undo the booking)
      consumed = true;
      releases.consumed(key);
      Booking made = booking;
      // the success goes into the outbox with the booked state: a crash before it is published (even before
      // the booking is verified) still tells the owner, and the verified event below replaces it (same id)
      BookingSucceeded provisional = new BookingSucceeded(w.id(), w.owner(), made, false,
          UnheardBookings.PROVISIONAL, ctx.clock.instant(), w.label(made.slot().target()));
      // book-then-cancel is a two-step job: REPLACING until the old booking is dealt with (Replacements)
      boolean replacing = old != null && !moved;
      BookingAttempt booked = new BookingAttempt(key, w.id(), slot, replacing ? BookingAttempt.State.REPLACING
          : BookingAttempt.State.BOOKED, held.providerHoldKey(), held.expiresAt(), made.providerBookingKey(),
          made.trackingCode(), null, ctx.clock.instant(), made.payment(), made.paymentLink());
      outbox.saveAttempt(booked, List.of(provisional));
      wr.bookings++;
      wr.bookingsMade.incrementAndGet();
      ts.bookingsMade.incrementAndGet();
      log.info("{} {} for watch {} (tracking code {}{})", moved ? "moved the booking to" : "booked", slot.id(), w.id(),
          io.github.slothunter.api.Pii.maskCode(made.trackingCode()), made.paymentRequired() ? "; pay to confirm" : "");
      Verifier.Verification v = Verifier.verify(rt, booker, made, ab.session(), wait);
      String note = v.note();
      if (made.paymentRequired()) {
        note = (v.verified() ? "on the provider's records" : v.note()) + "; awaiting online payment: pay to confirm"
            + (made.paymentLink() == null ? " on the provider's site" : " at " + made.paymentLink());
        if (!ab.onlinePaymentAllowed()) {
          note = note + " (the service needed online payment although the watch avoids it; the booking was kept,"
              + " pay or cancel it)";
        }
      }
      Replacements.Result replaced = null;
      if (moved) {
        note = note + "; the previous booking (" + Replacements.code(old) + ") was moved to this slot";
      } else if (replacing) {
        replaced = replacements.cancelReplaced(rt, booker, w, made, v.verified(), wait);
        note = note + "; " + replaced.note();
      }
      ctx.metrics.booking(rt.id(), "booked", v.verified(), Duration.between(heldAt, ctx.clock.instant()));
      BookingSucceeded told = new BookingSucceeded(w.id(), w.owner(), made, v.verified(), note, ctx.clock.instant(),
          w.label(made.slot().target()));
      if (replacing && replaced.step() == Replacements.Step.RETRY) {
        tell(told, provisional); // the attempt stays REPLACING: the cancel is retried, the watch stops booking
        replacements.track(wr, booked, ctx.clock.instant());
      } else if (replacing) {
        Instant now = ctx.clock.instant();
        List<SlotEvent> events = replaced.step() == Replacements.Step.FAILED
            ? List.of(told, Replacements.bothStand(w, old, replaced.code(), now)) : List.of(told);
        finish(booked.with(BookingAttempt.State.BOOKED, now), events, provisional);
      } else {
        tell(told, provisional);
      }
      if (wr.bookings >= ab.maxBookings()) {
        watches.save(wr, WatchState.BOOKED);
      }
      return Outcome.BOOKED;
    } catch (ProviderRuntime.BudgetExhausted e) {
      fail(attempt, ErrorCode.RATE_LIMITED);
      tell(failed(w, slot, ErrorCode.RATE_LIMITED,
          "the request budget ran out between hold and booking", true, ctx.clock.instant()));
      return Outcome.STOP;
    } catch (SlotHunterException e) {
      fail(attempt, e.code());
      ctx.metrics.booking(rt.id(), "failed", false, heldAt == null ? null : Duration.between(heldAt,
          ctx.clock.instant()));
      return onFailure(wr, slot, e, hold == null);
    } finally {
      if (hold != null && !consumed) {
        releases.release(key);
      }
    }
  }

  /**
   * Whether an attempt may try its slot again: only when it never held it and only the budget or an
   * unavailable provider stopped it (a hold request whose answer was lost counts once resolved).
   */
  private static boolean mayRetry(BookingAttempt prior) {
    return prior.state() == BookingAttempt.State.FAILED && prior.holdKey() == null
        && (prior.error() == ErrorCode.RATE_LIMITED || prior.error() == ErrorCode.PROVIDER_UNAVAILABLE);
  }

  /**
   * A hold call whose answer was lost: the provider may hold the slot without the engine knowing the
   * hold key. The attempt stays STARTED (the intent, with its holder) and the {@link HoldIntents} find
   * out and release it; the owner hears that this slot was not booked.
   */
  private Outcome holdLost(ProviderRuntime rt, WatchRuntime wr, BookingAttempt intent, SlotHunterException e) {
    log.warn("holding {} for watch {}: the provider's answer was lost ({}); finding out whether it holds the slot",
        intent.slot().id(), wr.id(), e.code());
    intents.track(wr, intent);
    ctx.metrics.booking(rt.id(), "failed", false, null);
    tell(failed(wr.watch, intent.slot(), e.code(), "the provider did not answer the hold"
        + " request; any hold it placed is found and released, and the slot may be tried again", true,
        ctx.clock.instant()));
    return Outcome.STOP;
  }

  /** Whether a provider call was sent (set inside the call, so a budget or breaker refusal leaves it false). */
  private static final class Sent {
    volatile boolean value;
  }

  /**
   * Whether a failure of a book or move call that was sent leaves its outcome unknown: the provider
   * may have made the booking but the answer was lost (timeout, 5xx, I/O) or unreadable.
   */
  private static boolean outcomeUnknown(SlotHunterException e) {
    return e.code() == ErrorCode.PROVIDER_UNAVAILABLE || e.code() == ErrorCode.PROTOCOL;
  }

  /**
   * A book or move call whose answer was lost: the hold is not released (an unsuspend could undo a
   * booking the provider made), the attempt becomes UNKNOWN, the host hears {@link BookingOutcomeUnknown}
   * and the watch stops booking so it never books twice, as after a crash; the {@link OutcomeResolver}
   * then finds out what happened, where the provider can tell.
   */
  private void unknown(ProviderRuntime rt, WatchRuntime wr, BookingAttempt attempt, SlotHunterException e,
      String what) {
    Instant now = ctx.clock.instant();
    log.warn("{} the slot {} for watch {}: the provider's answer was lost ({}); its outcome is unknown, the hold is"
        + " kept and booking pauses", what, attempt.slot().id(), wr.id(), e.code());
    BookingOutcomeUnknown told = new BookingOutcomeUnknown(wr.id(), wr.watch.owner(), attempt.slot(), attempt.key(), now,
        wr.watch.label(attempt.slot().target()));
    BookingAttempt unknown = new BookingAttempt(attempt.key(), attempt.watchId(), attempt.slot(),
        BookingAttempt.State.UNKNOWN, attempt.holdKey(), attempt.holdExpiresAt(), null, null, e.code(), now, null, null,
        attempt.holder());
    outbox.saveAttempt(unknown, List.of(told));
    wr.bookings++;
    ctx.metrics.booking(rt.id(), "unknown", false, null);
    watches.save(wr, WatchState.BOOKING_PAUSED);
    outbox.publish(told);
    resolver.track(wr, unknown, true);
  }

  /** Whether the engine should move {@code old} rather than book and cancel: the provider can, and it awaits no payment. */
  private static boolean movable(ProviderRuntime rt, Booking old) {
    return rt.info().capabilities().contains(io.github.slothunter.api.Capability.MOVE) && !old.paymentRequired();
  }

  /** A move that definitely failed: the hold is released (in the caller's finally), the old booking stands. */
  private Outcome onMoveFailure(WatchRuntime wr, Slot slot, Booking old, SlotHunterException e) {
    if (e.code() == ErrorCode.AUTH_REQUIRED) {
      pause(wr, slot, e.code(), "the provider rejected the account session; log in again (the previous booking ("
          + Replacements.code(old) + ") stands)");
      return Outcome.STOP;
    }
    boolean nextSlot = e.code() == ErrorCode.SLOT_TAKEN || e.code() == ErrorCode.HOLD_EXPIRED;
    log.info("moving booking {} to {} for watch {} failed: {}", io.github.slothunter.api.Pii.maskCode(old.providerBookingKey()),
        slot.id(), wr.id(), e.code());
    tell(failed(wr.watch, slot, e.code(),
        "the booking could not be moved to this slot; the previous booking (" + Replacements.code(old) + ") stands", true,
        ctx.clock.instant()));
    return nextSlot ? Outcome.NEXT_SLOT : Outcome.STOP;
  }


  /**
   * The watch's booking guards: lead time, price, online payment, and "strictly better than the
   * booking it replaces".
   */
  private boolean guardsAllow(AutoBook ab, Slot slot, TargetState ts, Booker booker) {
    if (!ab.minLeadTime().isZero() && slot.start().isBefore(ctx.clock.instant().plus(ab.minLeadTime()))) {
      return false;
    }
    if (ab.maxPrice() != null && ts.price != null && ts.price > ab.maxPrice()) {
      return false;
    }
    if (!ab.onlinePaymentAllowed() && booker.paymentExpected(slot.target(), ts.price)) {
      return false;
    }
    return ab.replaces() == null || slot.start().isBefore(ab.replaces().slot().start());
  }

  private Outcome onFailure(WatchRuntime wr, Slot slot, SlotHunterException e, boolean atHold) {
    Watch w = wr.watch;
    Instant now = ctx.clock.instant();
    log.info("auto-booking {} for watch {} failed at {}: {}", slot.id(), w.id(), atHold ? "hold" : "book", e.code());
    switch (e.code()) {
      case SLOT_TAKEN:
      case HOLD_EXPIRED:
        tell(failed(w, slot, e.code(), atHold
            ? "someone else took the slot before we could hold it" : "the slot was lost between hold and booking",
            true, now));
        return Outcome.NEXT_SLOT;
      case AUTH_REQUIRED:
        pause(wr, slot, e.code(), "the provider rejected the account session; log in again");
        return Outcome.STOP;
      case MANUAL_ACTION_REQUIRED:
        // the provider needs a person (a form before booking): every slot of this calendar would need it too
        pause(wr, slot, e.code(), "the provider needs a person to finish this booking (a form before booking)"
            + e.handOff().map(u -> "; book it by hand at " + u).orElse("; book it on the provider's site"));
        return Outcome.STOP;
      case INVALID_INPUT:
        if (!atHold) {
          pause(wr, slot, e.code(), "the provider rejected the patient details; check them and add the watch again");
          return Outcome.STOP;
        }
        tell(failed(w, slot, e.code(), "the provider refused to hold the slot",
            true, now));
        return Outcome.NEXT_SLOT;
      default:
        tell(failed(w, slot, e.code(), switch (e.code()) {
          case RATE_LIMITED -> "the provider rate-limited us; retrying after its pause";
          case PROVIDER_UNAVAILABLE -> "the provider is unavailable; the booking was not confirmed";
          default -> "the provider answered unexpectedly; the booking was not confirmed";
        }, true, now));
        return Outcome.STOP;
    }
  }

  private void pause(WatchRuntime wr, Slot slot, ErrorCode code, String reason) {
    Watch w = wr.watch;
    Instant now = ctx.clock.instant();
    wr.bookingPausedBy = code;
    watches.save(wr, WatchState.BOOKING_PAUSED);
    watches.updateHealth(wr);
    tell(failed(w, slot, code, reason, false, now));
    ctx.bus.publish(new WatchPaused(w.id(), w.owner(), code, "auto-booking paused: " + reason
        + "; the watch keeps notifying", now));
  }

  /**
   * Saves a booking event to the outbox, then publishes it. If the store fails, the owner is told
   * anyway ({@code fallback} if given: an event already in the outbox under the same id, else this
   * one, at most once) rather than not at all.
   */
  private void tell(SlotEvent event, SlotEvent fallback) {
    try {
      outbox.saveAndPublish(event);
    } catch (RuntimeException e) {
      log.warn("could not save a {} for watch {}; publishing it unsaved", event.getClass().getSimpleName(),
          ((io.github.slothunter.api.WatchEvent) event).watchId(), e);
      outbox.publish(fallback != null ? fallback : event);
    }
  }

  /** A failure event, labelled for display. */
  private static BookingFailed failed(Watch w, Slot slot, ErrorCode code, String reason, boolean willRetry, Instant at) {
    return new BookingFailed(w.id(), w.owner(), slot, code, reason, willRetry, at, w.label(slot.target()));
  }

  private void tell(SlotEvent event) {
    tell(event, null);
  }

  /**
   * Saves the final state of an attempt with the owner's events (replacing the provisional success
   * under the same id), then publishes them; if the store fails, tells the owner anyway.
   */
  private void finish(BookingAttempt attempt, List<SlotEvent> events, SlotEvent fallback) {
    try {
      outbox.saveAttempt(attempt, events);
    } catch (RuntimeException e) {
      log.warn("could not save the end of attempt {}; publishing its events unsaved", attempt.key(), e);
      outbox.publish(fallback);
      outbox.publish(events.subList(1, events.size()));
      return;
    }
    outbox.publish(events);
  }

  private void fail(BookingAttempt attempt, ErrorCode code) {
    ctx.store.saveAttempt(new BookingAttempt(attempt.key(), attempt.watchId(), attempt.slot(),
        BookingAttempt.State.FAILED, attempt.holdKey(), attempt.holdExpiresAt(), null, null, code,
        ctx.clock.instant()));
  }

  /**
   * At start-up: hold intents (STARTED: no book call was sent) and holds of unknown outcome go to the
   * {@link HoldIntents}. Other attempts left open by a crash become UNKNOWN; holds whose book call was
   * never sent (HELD) are released, holds of an attempt that was booking are not (the booking may
   * exist); no rebooking. Each goes to the {@link OutcomeResolver}, which finds out where the provider
   * can tell.
   */
  void reconcile(java.util.function.Function<String, WatchRuntime> registered) {
    for (BookingAttempt a : ctx.store.openAttempts()) {
      Instant now = ctx.clock.instant();
      WatchRuntime wr = registered.apply(a.watchId());
      if (a.state() == BookingAttempt.State.REPLACING) {
        if (wr != null) {
          replacements.track(wr, a, now); // booked; the cancel of the old one could not be finished at start-up
        }
        continue;
      }
      boolean intent = a.state() == BookingAttempt.State.STARTED || a.state() == BookingAttempt.State.HOLD_UNKNOWN;
      if (intent && wr != null) {
        log.warn("the hold request of attempt {} was interrupted; finding out whether the provider holds the slot",
            a.key());
        intents.track(wr, a);
        continue;
      }
      log.warn("booking attempt {} was interrupted; its outcome is unknown and it will not be repeated", a.key());
      if (wr == null) {
        ctx.store.saveAttempt(a.with(BookingAttempt.State.UNKNOWN, now));
        continue;
      }
      BookingOutcomeUnknown told = new BookingOutcomeUnknown(wr.id(), wr.watch.owner(), a.slot(), a.key(), now,
          wr.watch.label(a.slot().target()));
      BookingAttempt unknown = a.with(BookingAttempt.State.UNKNOWN, now);
      outbox.saveAttempt(unknown, List.of(told));
      wr.bookings++; // at start-up, before any poll books
      watches.save(wr, WatchState.BOOKING_PAUSED);
      outbox.publish(told);
      ctx.metrics.booking(a.slot().target().providerId(), "unknown", false, null);
      AutoBook ab = wr.watch.autoBook();
      ProviderRuntime rt = ctx.runtimes.get(a.slot().target().providerId());
      // only a hold whose book call was never sent is released: after BOOKING the provider may have booked it
      if (a.state() == BookingAttempt.State.HELD && a.holdKey() != null && ab != null && rt != null
          && rt.provider().booker().isPresent()) {
        Instant expiry = a.holdExpiresAt() != null ? a.holdExpiresAt() : now.plus(Duration.ofMinutes(10));
        releases.releaseLater(a.key(), rt, rt.provider().booker().get(), new Hold(a.slot(), a.holdKey(), expiry),
            a.holder(), ab.session());
      }
      // a HELD attempt's hold is released above; after BOOKING only the resolver may release it
      resolver.track(wr, unknown, a.state() == BookingAttempt.State.BOOKING);
    }
  }
}
