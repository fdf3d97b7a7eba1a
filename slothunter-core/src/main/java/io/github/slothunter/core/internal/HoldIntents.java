package io.github.slothunter.core.internal;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what became of hold requests whose answer never came: the call timed out or failed after
 * it was sent, or the process stopped while it was in flight (an attempt found {@code STARTED} at
 * start-up). The provider may hold the slot for us without the engine knowing its hold key, which
 * would block the slot for everyone until the hold lapses; so each such intent is resolved:
 *
 * <ol>
 *   <li>Wait {@link #SETTLE} after the intent was saved: a request the provider is still working on
 *       when its answer timed out is done by then (a probe earlier could be overtaken by it).
 *   <li>A poll that started after that and shows the slot free proves nobody holds it: the attempt
 *       ends ({@code FAILED}), no request needed.
 *   <li>Once a poll after the settle did not show it free (or {@link #EVIDENCE_WAIT} passed without
 *       one), where the provider can ({@link Capability#RECLAIM_HOLD}), ask it for the slot again
 *       as the same holder ({@link Booker#reclaim}): a hold it grants is released at once, and the slot
 *       is free again.
 *   <li>If the provider refuses (it does not tell its own holder from another) or cannot be asked,
 *       the outcome cannot be known: the attempt becomes {@code HOLD_UNKNOWN}, saved with a
 *       {@link HoldOutcomeUnknown} that tells the owner when a hold would lapse at the latest, and
 *       until then the slot is not held again for that owner ({@link #blocks}). A later poll showing
 *       the slot free still ends it early; the lapse ends it for good.
 * </ol>
 *
 * <p>A resolved attempt is {@code FAILED} without a hold key, so the watch may try that slot again
 * once it shows up free. Intents live in memory and in the store (the attempt stays open until
 * resolved, so a restart picks it up again through {@link AutoBooker#reconcile}). {@link #resolveDue}
 * runs on the dispatcher thread; {@link #observed} on poll threads; {@link #track} on either.
 * Thread-safe: each intent is resolved by one thread at a time (a claim flag), never under a lock
 * across a provider call.
 */
final class HoldIntents {
  private static final Logger log = LoggerFactory.getLogger(HoldIntents.class);
  /**
   * How long after the intent the provider is assumed to be done with the request. It covers the
   * providers' write timeouts (Paziresh24's {@code booking-timeout}, 30 s by default) with as much
   * again for a request the server queued: a hold made later than this would be made after the
   * client gave up long before.
   */
  static final Duration SETTLE = Duration.ofSeconds(60);
  /**
   * How long after the settle the engine waits for a poll to show the slot (free or not) before it
   * asks the provider anyway: the poll's answer costs no request.
   */
  static final Duration EVIDENCE_WAIT = Duration.ofMinutes(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  private static final Duration MAX_RETRY = Duration.ofMinutes(2);

  /** One hold request whose outcome is being found out. */
  private static final class Intent {
    final WatchRuntime wr;
    final BookingAttempt attempt;
    final Instant settleAt;
    final Instant lapsesAt;
    final AtomicBoolean busy = new AtomicBoolean();
    volatile boolean announced;
    /** Whether a poll that started after the settle found the slot not free. */
    volatile boolean notFreeSeen;
    Instant nextTry;
    int failures;

    Intent(WatchRuntime wr, BookingAttempt attempt, Instant settleAt, Instant lapsesAt, boolean announced) {
      this.wr = wr;
      this.attempt = attempt;
      this.settleAt = settleAt;
      this.lapsesAt = lapsesAt;
      this.announced = announced;
      this.nextTry = settleAt;
    }
  }

  private final EngineContext ctx;
  private final Outbox outbox;
  private final HoldReleases releases;
  private final Map<String, Intent> pending = new ConcurrentHashMap<>();

  HoldIntents(EngineContext ctx, Outbox outbox, HoldReleases releases) {
    this.ctx = ctx;
    this.outbox = outbox;
    this.releases = releases;
  }

  /** Intents being found out (for tests). */
  int pending() {
    return pending.size();
  }

  /**
   * Starts finding out what became of a hold request: a {@code STARTED} attempt whose call's answer
   * was lost or that a crash left open, or a {@code HOLD_UNKNOWN} attempt restored at start-up.
   */
  void track(WatchRuntime wr, BookingAttempt intent) {
    Instant settle = intent.updatedAt().plus(SETTLE);
    boolean announced = intent.state() == BookingAttempt.State.HOLD_UNKNOWN;
    Instant lapses = announced && intent.holdExpiresAt() != null ? intent.holdExpiresAt()
        : settle.plus(lifetime(intent.slot()));
    pending.putIfAbsent(intent.key(), new Intent(wr, intent, settle, lapses, announced));
  }

  private Duration lifetime(Slot slot) {
    ProviderRuntime rt = ctx.runtimes.get(slot.target().providerId());
    return rt == null ? Duration.ofMinutes(10) : rt.provider().booker().map(Booker::holdLifetime)
        .orElse(Duration.ofMinutes(10));
  }

  /** Whether a hold request of this owner for this slot is still being found out (do not hold it again). */
  boolean blocks(String owner, String slotId) {
    if (pending.isEmpty()) {
      return false;
    }
    for (Intent i : pending.values()) {
      if (i.attempt.slot().id().equals(slotId) && i.wr.watch.owner().equals(owner)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A poll of {@code targetId} that started at {@code pollStartedAt} found these slots free: an
   * intent on one of them, settled before the poll started, is held by nobody.
   */
  void observed(String targetId, Collection<Slot> free, Instant pollStartedAt) {
    if (pending.isEmpty() || pollStartedAt == null) {
      return;
    }
    for (Intent i : List.copyOf(pending.values())) {
      Slot slot = i.attempt.slot();
      if (!slot.target().id().equals(targetId) || pollStartedAt.isBefore(i.settleAt)) {
        continue;
      }
      if (free.stream().noneMatch(s -> s.id().equals(slot.id()))) {
        i.notFreeSeen = true;
      } else if (claim(i)) {
        end(i, "a poll shows it free: nobody holds it");
      }
    }
  }

  /** Probes the intents that are due, and ends those whose hold has lapsed for sure. */
  void resolveDue() {
    if (pending.isEmpty()) {
      return;
    }
    for (Intent i : List.copyOf(pending.values())) {
      if (ctx.closed) {
        return;
      }
      Instant now = ctx.clock.instant();
      if (!now.isBefore(i.lapsesAt)) {
        if (claim(i)) {
          end(i, "any hold the request placed has lapsed");
        }
      } else if (!i.announced && !i.nextTry.isAfter(now)
          && (i.notFreeSeen || !now.isBefore(i.settleAt.plus(EVIDENCE_WAIT))) && claim(i)) {
        try {
          probe(i, now);
        } finally {
          i.busy.set(false);
        }
      }
    }
  }

  private static boolean claim(Intent i) {
    return i.busy.compareAndSet(false, true);
  }

  private void probe(Intent i, Instant now) {
    BookingAttempt a = i.attempt;
    ProviderRuntime rt = ctx.runtimes.get(a.slot().target().providerId());
    AutoBook ab = i.wr.watch.autoBook();
    if (rt == null || rt.provider().booker().isEmpty() || ab == null
        || !rt.info().capabilities().contains(Capability.RECLAIM_HOLD)) {
      unknown(i, now, "the provider cannot be asked for the slot again");
      return;
    }
    Booker booker = rt.provider().booker().get();
    Optional<Hold> hold;
    try {
      // never waits: this runs on the dispatcher thread; no token now means the next round
      hold = rt.call(BudgetGate.Use.URGENT, Duration.ZERO, () -> booker.reclaim(a.slot(), a.holder(), ab.session()));
    } catch (ProviderRuntime.BudgetExhausted e) {
      return;
    } catch (SlotHunterException e) {
      if (!e.retryable() && e.code() != ErrorCode.PROTOCOL) {
        unknown(i, now, "asking for the slot again failed with " + e.code());
        return;
      }
      i.failures++;
      Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(10, i.failures - 1));
      backoff = backoff.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff;
      if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(backoff) > 0) {
        backoff = e.retryAfter().get();
      }
      i.nextTry = now.plus(backoff);
      log.debug("asking again for the slot of attempt {} failed ({}); trying again at {}", a.key(), e.code(),
          i.nextTry);
      return;
    }
    if (hold.isEmpty()) {
      unknown(i, now, "the provider refuses the slot to its holder");
      return;
    }
    // released before the attempt ends: a crash in between leaves it STARTED, and the next run asks again
    releases.placed(a.key(), rt, booker, hold.get(), a.holder(), ab.session());
    releases.release(a.key());
    end(i, "the provider granted it again and it was released");
  }

  /** The outcome cannot be found out: HOLD_UNKNOWN until the lapse, saved with the owner's event. */
  private void unknown(Intent i, Instant now, String why) {
    BookingAttempt a = i.attempt;
    BookingAttempt unknown = new BookingAttempt(a.key(), a.watchId(), a.slot(), BookingAttempt.State.HOLD_UNKNOWN,
        null, i.lapsesAt, null, null, ErrorCode.PROVIDER_UNAVAILABLE, now, null, null, a.holder());
    boolean tell = i.wr.watch.state() != WatchState.CANCELLED;
    HoldOutcomeUnknown told = new HoldOutcomeUnknown(a.watchId(), i.wr.watch.owner(), a.slot(), a.key(), i.lapsesAt,
        now, i.wr.watch.label(a.slot().target()));
    try {
      outbox.saveAttempt(unknown, tell ? List.of(told) : List.of());
    } catch (RuntimeException e) {
      log.warn("could not save that the hold of attempt {} is unknown; trying again", a.key(), e);
      i.nextTry = now.plus(FIRST_RETRY);
      return;
    }
    i.announced = true;
    log.warn("whether {} holds the slot of attempt {} cannot be found out ({}); it is not held again for the owner"
        + " before {}", a.slot().target().providerId(), a.key(), why, i.lapsesAt);
    if (tell) {
      outbox.publish(told);
    }
  }

  /** The intent is over: nobody holds the slot for us (any more). FAILED without a hold key. */
  private void end(Intent i, String why) {
    BookingAttempt a = i.attempt;
    try {
      ctx.store.saveAttempt(new BookingAttempt(a.key(), a.watchId(), a.slot(), BookingAttempt.State.FAILED, null,
          null, null, null, ErrorCode.PROVIDER_UNAVAILABLE, ctx.clock.instant(), null, null, a.holder()));
    } catch (RuntimeException e) {
      i.busy.set(false);
      log.warn("could not save the end of hold intent {}; trying again", a.key(), e);
      return;
    }
    pending.remove(a.key(), i);
    log.info("the hold request of attempt {} whose answer was lost is resolved: {}", a.key(), why);
  }
}
