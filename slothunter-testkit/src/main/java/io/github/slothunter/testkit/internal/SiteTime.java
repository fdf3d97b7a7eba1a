package io.github.slothunter.testkit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A fake site's time: its clock, the {@link Timeline} of scheduled actions, and the "now" those
 * actions see. {@link #now()} is the clock's time, except while a scheduled action runs, when it is
 * the action's due time. Not thread-safe: guarded by its owner's monitor (the site's state).
 */
public final class SiteTime {
  private final Clock clock;
  private final Logger log;
  private final Timeline timeline = new Timeline();
  private Instant virtualNow;
  private boolean advancing;

  /**
   * A time with nothing scheduled.
   *
   * @param clock the site's clock
   * @param log where a failing action is reported
   */
  public SiteTime(Clock clock, Logger log) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** The site's current time (a scheduled action's due time while it runs). */
  public Instant now() {
    return virtualNow != null ? virtualNow : clock.instant();
  }

  /** Runs {@code action} once the clock reaches {@code when} (at the next {@code advance}). */
  public void schedule(Instant when, Runnable action) {
    timeline.schedule(when, action);
  }

  /** How many scheduled actions are pending. */
  public int pending() {
    return timeline.size();
  }

  /** Runs the scheduled actions due by the clock's time, in time order. */
  public void advance() {
    advance(Optional::empty, t -> { });
  }

  /**
   * Runs the scheduled actions due by the clock's time, in time order, interleaved with the owner's
   * expiries: an expiry due no later than the next action is applied first. An action that throws is
   * logged and skipped. A call from inside a running action returns at once.
   *
   * @param nextExpiry when the owner's next expiry is due, if any
   * @param expireUpTo applies the owner's expiries due by the given time
   */
  public void advance(Supplier<Optional<Instant>> nextExpiry, Consumer<Instant> expireUpTo) {
    if (advancing) {
      return; // an action calling back into the fake
    }
    advancing = true;
    try {
      Instant now = clock.instant();
      while (true) {
        Optional<Instant> expiry = nextExpiry.get();
        Optional<Instant> action = timeline.nextTime();
        if (expiry.isPresent() && !expiry.get().isAfter(now)
            && (action.isEmpty() || !action.get().isBefore(expiry.get()))) {
          expireUpTo.accept(expiry.get());
          continue;
        }
        Optional<Timeline.Entry> due = timeline.pollDue(now);
        if (due.isEmpty()) {
          return;
        }
        virtualNow = due.get().when();
        try {
          due.get().action().run();
        } catch (RuntimeException e) {
          log.warn("scheduled action due at {} failed", due.get().when(), e);
        } finally {
          virtualNow = null;
        }
      }
    } finally {
      advancing = false;
    }
  }
}
