package io.github.slothunter.core.internal;

import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Subscription;
import io.github.slothunter.core.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans with an end: setting and renewing them, and moving an owner to the default plan when one
 * lapses (its end plus the catalogue's grace). The {@link Registry} owns the plan change itself;
 * this room keeps when each owner's plan lapses and, from the dispatcher ({@link #resolveDue}),
 * hands the owners whose time came to it. A lapse a restart missed is found at start-up
 * ({@link #restore}). Thread-safe.
 */
final class Subscriptions {
  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

  private final EngineContext ctx;
  private final Registry registry;
  /** When each owner with an end falls back: the end plus grace. */
  private final Map<String, Instant> lapses = new ConcurrentHashMap<>();

  Subscriptions(EngineContext ctx, Registry registry) {
    this.ctx = ctx;
    this.registry = registry;
  }

  /** At start-up: follows every stored plan with an end; those already past it lapse at the first chore. */
  void restore() {
    for (Subscription s : ctx.store.endingSubscriptions()) {
      track(s);
    }
  }

  /** Sets the owner's plan until {@code until} ({@code null}: no end); saved before it returns. */
  Subscription set(String owner, String planName, Instant until) {
    Subscription s = registry.setPlan(owner, planName, until);
    track(s);
    return s;
  }

  /**
   * Renews: the owner's plan runs {@code period} longer, from its current end if it is this plan and
   * has not ended, else from now.
   */
  Subscription extend(String owner, String planName, Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw SlotHunterException.invalid("period", "must be positive: " + period);
    }
    Plan plan = ctx.plans.get(planName);
    Instant now = ctx.clock.instant();
    Instant from = ctx.store.subscription(owner)
        .filter(s -> s.planName().equals(plan.name()) && s.until() != null && s.until().isAfter(now))
        .map(Subscription::until).orElse(now);
    return set(owner, plan.name(), from.plus(period));
  }

  /** The owner's stored subscription. */
  Optional<Subscription> of(String owner) {
    return ctx.store.subscription(owner);
  }

  private void track(Subscription s) {
    if (s.until() == null) {
      lapses.remove(s.owner());
    } else {
      lapses.put(s.owner(), s.until().plus(ctx.plans.grace()));
    }
  }

  /** Moves the owners whose plan lapsed to the default plan; from the dispatcher. */
  void resolveDue() {
    if (lapses.isEmpty()) {
      return;
    }
    Instant now = ctx.clock.instant();
    for (Map.Entry<String, Instant> e : lapses.entrySet()) {
      if (ctx.closed || e.getValue().isAfter(now) || !lapses.remove(e.getKey(), e.getValue())) {
        continue;
      }
      try {
        registry.replan(e.getKey()); // reads the store: a renewal saved meanwhile keeps the plan
      } catch (RuntimeException ex) {
        lapses.putIfAbsent(e.getKey(), e.getValue());
        log.warn("could not move owner {} off their lapsed plan; trying again", e.getKey(), ex);
      }
    }
  }
}
