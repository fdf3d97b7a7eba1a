package io.github.slothunter.core.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.api.WatchState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each watch's health: computes it from its targets' last polls, the provider's circuit and the
 * budget's pace ({@link Health} holds the rules and sentences), publishes
 * {@link io.github.slothunter.api.WatchHealthChanged} when it changes, tells watches when a
 * calendar's online booking goes off or on and when a provider's circuit opens or closes, and
 * answers {@code health} and {@code explain}.
 *
 * <p><b>Threads.</b> No lock of its own: a watch's last reported state is guarded by the watch's
 * lock; pace and due times are read under the {@link Scheduler}'s.
 */
final class HealthTracker {
  private static final Logger log = LoggerFactory.getLogger(HealthTracker.class);

  private final Clock clock;
  private final EventBus bus;
  private final Map<String, ProviderRuntime> runtimes;
  private final Scheduler scheduler;
  private final Supplier<Collection<WatchRuntime>> watches;

  /** The owner's subscription if it lapsed; set once the Registry exists. */
  private java.util.function.Function<String, Optional<io.github.slothunter.api.Subscription>> lapsed =
      owner -> Optional.empty();

  HealthTracker(EngineContext ctx, Scheduler scheduler, Supplier<Collection<WatchRuntime>> watches) {
    this.clock = ctx.clock;
    this.bus = ctx.bus;
    this.runtimes = ctx.runtimes;
    this.scheduler = scheduler;
    this.watches = watches;
  }

  /**
   * After a poll: a target whose health changed (or is not healthy) updates its watches' health,
   * and booking switched off or back on is announced. A target that was and stays healthy changes
   * no watch's health: its watchers are not walked.
   */
  void afterPoll(TargetState ts) {
    io.github.slothunter.api.HealthState h = healthOf(ts);
    if (h != io.github.slothunter.api.HealthState.ACTIVE || ts.health != h) {
      announceBookingOff(ts, ts.health, h);
      ts.health = h;
      for (WatchRuntime wr : ts.ordered()) {
        updateHealth(wr);
      }
    }
  }


  /**
   * Tells a target's watches when the site switches its online booking off (they pause: nothing can
   * be seen or booked there) and when it is back on.
   */
  private void announceBookingOff(TargetState ts, io.github.slothunter.api.HealthState before,
      io.github.slothunter.api.HealthState now) {
    boolean wasOff = before == io.github.slothunter.api.HealthState.BOOKING_OFF;
    boolean isOff = now == io.github.slothunter.api.HealthState.BOOKING_OFF;
    if (wasOff == isOff) {
      return;
    }
    Instant at = clock.instant();
    for (WatchRuntime wr : ts.ordered()) {
      bus.publish(isOff
          ? new WatchPaused(wr.id(), wr.watch.owner(), ErrorCode.BOOKING_OFF, ts.runtime.id()
              + " has online booking switched off for this calendar; checked again in "
              + Scheduler.BOOKING_OFF_RECHECK.toHours() + " h", at)
          : new WatchResumed(wr.id(), wr.watch.owner(), at));
    }
  }

  void onBreakerTransition(ProviderRuntime rt, CircuitBreaker.StateTransition transition) {
    Instant now = clock.instant();
    if (transition.getToState() == CircuitBreaker.State.OPEN) {
      boolean fresh = transition.getFromState() == CircuitBreaker.State.CLOSED;
      Duration wait = rt.openStateWait();
      log.warn("{} keeps failing; circuit open, pausing its watches for {}", rt.id(), wait);
      bus.publish(new ProviderThrottled(rt.id(), ErrorCode.PROVIDER_UNAVAILABLE, wait, now));
      if (fresh) { // a failed trial call re-opens the circuit: the watches are still paused, say nothing new
        forWatchesOn(rt, wr -> bus.publish(new WatchPaused(wr.id(), wr.watch.owner(), ErrorCode.PROVIDER_UNAVAILABLE,
            rt.id() + " is failing repeatedly; polling paused for " + wait, now)));
      }
    } else if (transition.getToState() == CircuitBreaker.State.CLOSED) {
      log.info("{} recovered; circuit closed", rt.id());
      forWatchesOn(rt, wr -> bus.publish(new WatchResumed(wr.id(), wr.watch.owner(), now)));
    }
  }

  private void forWatchesOn(ProviderRuntime rt, java.util.function.Consumer<WatchRuntime> action) {
    for (WatchRuntime wr : watches.get()) {
      if (wr.watch.doctor().providerId().equals(rt.id())) {
        action.accept(wr);
      }
    }
  }

  WatchHealth health(WatchRuntime wr) {
    long now = clock.millis();
    Instant lastSuccess = null;
    TargetState failing = null;
    Long next = null;
    long pace = 0;
    int polls = 0;
    List<TargetState> states = statesOf(wr);
    for (TargetState ts : states) {
      polls += ts.pollsLastHour(now);
      if (ts.lastSuccessAt != null && (lastSuccess == null || ts.lastSuccessAt.isAfter(lastSuccess))) {
        lastSuccess = ts.lastSuccessAt;
      }
      if (ts.lastError != null && (failing == null || Health.rank(Health.stateOf(ts.lastError))
          > Health.rank(Health.stateOf(failing.lastError)))) {
        failing = ts;
      }
      Scheduler.Pace p = scheduler.pace(ts, now);
      pace = Math.max(pace, p.paceMillis());
      if (p.nextDue() != null && (next == null || p.nextDue() < next)) {
        next = p.nextDue();
      }
    }
    Instant sweep = wr.watch.area() == null ? null : nextSweep.apply(wr.id());
    if (sweep != null && (next == null || sweep.toEpochMilli() < next)) {
      next = sweep.toEpochMilli(); // an area watch is also looked at by its search sweeps
    }
    Map<String, Integer> filtered = new TreeMap<>();
    synchronized (wr) {
      wr.rejected.forEach((rule, r) -> filtered.put(rule, r.count));
    }
    return new WatchHealth(wr.id(), stateOf(wr, states), lastSuccess, failing == null ? null : failing.lastError,
        failing == null ? null : failing.lastErrorMessage, failing == null ? null : failing.lastErrorAt,
        next == null || wr.overQuota ? null : Instant.ofEpochMilli(next), polls, wr.slotsAnnounced.get(), filtered,
        Instant.ofEpochMilli(now), next == null || wr.overQuota || pace == 0 ? null : Duration.ofMillis(pace));
  }

  /** The watch's targets that have a poll stream here. */
  private List<TargetState> statesOf(WatchRuntime wr) {
    List<TargetState> states = new ArrayList<>();
    for (Target t : wr.watch.targets()) {
      TargetState ts = scheduler.target(t.id());
      if (ts != null) {
        states.add(ts);
      }
    }
    return states;
  }

  /** One target's share of its watches' health: its last error, an open circuit, or late polls. */
  private static io.github.slothunter.api.HealthState healthOf(TargetState ts) {
    io.github.slothunter.api.HealthState s = Health.stateOf(ts.lastError);
    if (s == io.github.slothunter.api.HealthState.ACTIVE && ts.runtime.open()) {
      s = io.github.slothunter.api.HealthState.PROVIDER_DOWN;
    }
    if (s == io.github.slothunter.api.HealthState.ACTIVE && ts.budgetShort) {
      s = io.github.slothunter.api.HealthState.BUDGET_SHORT; // late or not: the budget cannot keep the plan's pace
    } else if (s == io.github.slothunter.api.HealthState.ACTIVE && ts.late) {
      s = io.github.slothunter.api.HealthState.PAUSED_BUDGET;
    }
    return s;
  }

  private io.github.slothunter.api.HealthState stateOf(WatchRuntime wr, List<TargetState> states) {
    if (wr.overQuota || wr.bookingOverQuota) {
      return io.github.slothunter.api.HealthState.QUOTA;
    }
    io.github.slothunter.api.HealthState worst = io.github.slothunter.api.HealthState.ACTIVE;
    for (TargetState ts : states) {
      io.github.slothunter.api.HealthState s = healthOf(ts);
      if (Health.rank(s) > Health.rank(worst)) {
        worst = s;
      }
    }
    if (Health.rank(worst) < Health.rank(io.github.slothunter.api.HealthState.PAUSED_AUTH)
        && wr.bookingPausedBy == ErrorCode.AUTH_REQUIRED) {
      return io.github.slothunter.api.HealthState.PAUSED_AUTH;
    }
    return worst;
  }

  /** Recomputes a watch's health state and tells listeners when it changed. */
  void updateHealth(WatchRuntime wr) {
    if (wr.watch.state() == WatchState.CANCELLED) {
      return;
    }
    List<TargetState> states = statesOf(wr);
    io.github.slothunter.api.HealthState now = stateOf(wr, states);
    io.github.slothunter.api.HealthState before;
    synchronized (wr) {
      before = wr.health;
      if (before == now) {
        return;
      }
      wr.health = now;
    }
    ErrorCode reason = null;
    if (now != io.github.slothunter.api.HealthState.ACTIVE) {
      reason = Health.reasonOf(now, states);
    }
    bus.publish(new io.github.slothunter.api.WatchHealthChanged(wr.id(), wr.watch.owner(), before, now, reason,
        clock.instant()));
  }

  /** An area watch's next sweep (AreaSweeps, made after this); {@code null} for other watches. */
  private java.util.function.Function<String, Instant> nextSweep = id -> null;

  /** Where {@link #health} learns when an area watch's next search sweep is due (it counts as a poll). */
  void areaSweeps(java.util.function.Function<String, Instant> source) {
    this.nextSweep = source;
  }

  /** Where {@link #explain} learns that an owner's plan lapsed (the Registry, made after this). */
  void lapsedPlans(java.util.function.Function<String, Optional<io.github.slothunter.api.Subscription>> source) {
    this.lapsed = source;
  }

  List<String> explain(WatchRuntime wr, java.util.Locale locale) {
    WatchHealth h = health(wr);
    Map<String, java.util.Set<java.time.DayOfWeek>> days = new TreeMap<>();
    synchronized (wr) {
      wr.rejected.forEach((rule, r) -> days.put(rule, java.util.EnumSet.copyOf(r.days)));
    }
    ZoneId zone = Optional.ofNullable(runtimes.get(wr.watch.doctor().providerId())).map(r -> r.info().zone())
        .orElse(io.github.slothunter.api.SlotHunterZones.TEHRAN);
    List<TargetState> states = statesOf(wr);
    boolean full = !states.isEmpty() && states.stream().allMatch(ts -> ts.fullyBooked);
    boolean fallback = states.stream().anyMatch(ts -> ts.fallback != null);
    io.github.slothunter.api.Subscription ended = lapsed.apply(wr.watch.owner()).orElse(null);
    return Health.explain(h, wr.watch, days, wr.bookingPausedBy, full, fallback, zone, locale, ended,
        ended == null ? null : wr.plan.name());
  }
}
