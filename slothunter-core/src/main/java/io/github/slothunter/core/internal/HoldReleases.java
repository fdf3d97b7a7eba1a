package io.github.slothunter.core.internal;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Booker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The holds the engine placed and has not yet seen become a booking or go back: each is released
 * now if the budget allows, else queued and retried by the dispatcher until it lapses; on close,
 * whatever is left is released within the close timeout. A hold that became (or may have become) a
 * booking is {@linkplain #consumed dropped} and never released: on the provider its key now names
 * the booking. Keyed by booking-attempt key. Thread-safe.
 */
final class HoldReleases {
  private static final Logger log = LoggerFactory.getLogger(HoldReleases.class);
  private static final Duration URGENT_WAIT = Duration.ofSeconds(5);

  private record Outstanding(ProviderRuntime runtime, Booker booker, Hold hold, String holder,
      AccountSession session, String key) {
    Void send() {
      booker.release(hold, holder, session);
      return null;
    }
  }

  private final EngineContext ctx;
  private final Map<String, Outstanding> outstanding = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Outstanding> pending = new ConcurrentLinkedQueue<>();

  HoldReleases(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** Holds not yet released (for tests and close()). */
  int outstanding() {
    return outstanding.size();
  }

  /** Whether the attempt's hold is known here (placed, or queued for release). */
  boolean tracks(String key) {
    return outstanding.containsKey(key);
  }

  /**
   * A hold the provider granted; it is released by {@link #release} unless {@link #consumed}.
   *
   * @param holder who holds it at the provider ({@link Booker#holder}), or {@code null} for this run's own
   */
  void placed(String key, ProviderRuntime rt, Booker booker, Hold hold, String holder, AccountSession session) {
    outstanding.put(key, new Outstanding(rt, booker, hold, holder, session, key));
  }

  /** The hold became a booking, or may have: it must never be released. */
  void consumed(String key) {
    outstanding.remove(key);
  }

  /** Queues a hold for release by the dispatcher (a hold found at start-up). */
  void releaseLater(String key, ProviderRuntime rt, Booker booker, Hold hold, String holder,
      AccountSession session) {
    Outstanding o = new Outstanding(rt, booker, hold, holder, session, key);
    outstanding.put(key, o);
    pending.add(o);
  }

  /** Releases the attempt's hold now if the budget allows; otherwise queues it. A no-op for an unknown key. */
  void release(String key) {
    Outstanding o = outstanding.get(key);
    if (o != null) {
      release(o);
    }
  }

  private void release(Outstanding o) {
    Duration wait = ctx.manual ? Duration.ZERO : URGENT_WAIT;
    try {
      o.runtime.call(BudgetGate.Use.URGENT, wait, o::send);
      outstanding.remove(o.key);
      log.debug("released hold {}", o.hold.slot().id());
    } catch (ProviderRuntime.BudgetExhausted e) {
      pending.add(o);
    } catch (SlotHunterException e) {
      if (e.retryable()) {
        pending.add(o);
      } else {
        outstanding.remove(o.key);
        log.warn("release of hold on {} failed with {}; the provider drops it at {}", o.hold.slot().id(), e.code(),
            o.hold.expiresAt());
      }
    }
  }

  /** Retries releases that could not be sent; holds that have lapsed are dropped. */
  void retryPending() {
    int n = pending.size();
    for (int i = 0; i < n; i++) {
      Outstanding o = pending.poll();
      if (o == null) {
        return;
      }
      if (o.hold.isExpired(ctx.clock.instant())) {
        outstanding.remove(o.key);
        continue;
      }
      if (outstanding.get(o.key) != o) {
        continue; // consumed, or released meanwhile
      }
      release(o);
    }
  }

  /** On close: releases every hold still outstanding, within the timeout. */
  void releaseAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    pending.clear();
    for (Outstanding o : List.copyOf(outstanding.values())) {
      long left = deadline - System.nanoTime();
      try {
        if (!o.runtime.gate().acquire(BudgetGate.Use.URGENT, Duration.ofNanos(left))) {
          log.warn("could not release the hold on {} before closing (budget spent); the provider drops it at {}",
              o.hold.slot().id(), o.hold.expiresAt());
          continue;
        }
        o.runtime.callWithToken(o::send);
        outstanding.remove(o.key);
      } catch (SlotHunterException e) {
        log.warn("release of hold on {} failed on close with {}; the provider drops it at {}", o.hold.slot().id(),
            e.code(), o.hold.expiresAt());
      }
    }
  }
}
