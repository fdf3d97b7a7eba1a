package io.github.slothunter.core.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.ReleaseForecaster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Owns the poll streams ({@link TargetState}s, one per coalesced target) and decides which is
 * polled next: per provider one due-ordered queue per plan priority, shared by stride scheduling,
 * with adaptive targets polled early by worth ({@link AdaptivePolicy}) and the budget's pace
 * estimated by {@link Pacing}. A poll starts only when the provider's {@link BudgetGate} grants a
 * token; a poll the budget cut short after some of its free days comes back first, for the rest.
 *
 * <p><b>Threads.</b> One lock, this object's {@code lock}, guards the target map's insertions and
 * removals, every queue and every target's scheduling fields; the dispatcher waits on it for the
 * next due time. Lock order: the registry's lock, then this one, then a watch's own lock.
 */
final class Scheduler {
  /** The longest the dispatcher sleeps without looking again. */
  static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);
  /** How long a calendar whose online booking is switched off waits before it is checked again. */
  static final Duration BOOKING_OFF_RECHECK = Duration.ofDays(1);

  private final Clock clock;
  private final Map<String, ProviderRuntime> runtimes;
  private final ReleaseForecaster forecaster;
  private final AdaptivePolicy policy;
  private final Map<String, ProviderQueues> queues = new LinkedHashMap<>();
  private final Map<String, TargetState> targets = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(2), 2.0, 0.5);
  /** How long a target leased elsewhere waits before it is looked at again (a third of the lease time). */
  private final long leaseRecheckMillis;
  /** When the cluster sync is next due (clock millis), {@code Long.MAX_VALUE} with one instance. */
  private final LongSupplier nextSync;
  /** Called (under the lock) for each new target: the cluster sync marks it unleased. */
  private final Consumer<TargetState> onNewTarget;
  private long seq;
  /** When the dispatcher means to look again (clock millis); guarded by the lock. */
  private long plannedWake;
  private boolean closed;

  Scheduler(EngineContext ctx, AdaptivePolicy policy, Duration leaseTime, LongSupplier nextSync,
      Consumer<TargetState> onNewTarget) {
    this.clock = ctx.clock;
    this.runtimes = ctx.runtimes;
    this.forecaster = ctx.forecaster;
    this.policy = policy;
    this.leaseRecheckMillis = Math.max(1, leaseTime.toMillis() / 3);
    this.nextSync = nextSync;
    this.onNewTarget = onNewTarget;
    for (String id : runtimes.keySet()) {
      queues.put(id, new ProviderQueues());
    }
  }

  /** The poll stream of a target id, or null. */
  TargetState target(String id) {
    return targets.get(id);
  }

  /** Every poll stream (a live view). */
  Collection<TargetState> targets() {
    return targets.values();
  }

  /** The ids of every poll stream (a copy). */
  List<String> targetIds() {
    return List.copyOf(targets.keySet());
  }

  /**
   * Adds a watch to a target's poll stream (made if new), takes its price, and reschedules the
   * stream if the watch asks more of it; atomic with the removal of streams whose last watch went.
   */
  TargetState attach(WatchRuntime wr, Target t, ProviderRuntime rt, Long price) {
    synchronized (lock) {
      TargetState ts = targets.computeIfAbsent(t.id(), k -> newTarget(t, rt));
      ts.addWatch(wr);
      if (price != null) {
        ts.price = price;
      }
      boolean pollNow = wr.watch.booking() && !ts.snapshot.isEmpty();
      if (pollNow || !coveredBySchedule(ts, wr.plan)) {
        refreshSchedule(ts, pollNow);
      }
      return ts;
    }
  }

  /** A target read back from the store's snapshot at start-up (made if new). */
  TargetState restored(Target t, ProviderRuntime rt) {
    synchronized (lock) {
      return targets.computeIfAbsent(t.id(), k -> newTarget(t, rt));
    }
  }

  private TargetState newTarget(Target t, ProviderRuntime rt) {
    TargetState ts = new TargetState(t, rt);
    onNewTarget.accept(ts);
    return ts;
  }

  /** Recomputes a target's pace and priority after one of its watches changed plan. */
  void replan(Target t) {
    synchronized (lock) {
      TargetState ts = targets.get(t.id());
      if (ts != null) {
        refreshSchedule(ts, false);
      }
    }
  }

  /** Takes a watch off a target's poll stream; the stream goes when its last watch does (once its poll ends). */
  void detach(WatchRuntime wr, Target t) {
    TargetState ts = targets.get(t.id());
    if (ts == null) {
      return;
    }
    synchronized (lock) {
      ts.removeWatch(wr.id());
      if (ts.watches.isEmpty()) {
        unqueue(ts);
        if (!ts.polling && targets.remove(ts.id, ts)) {
          setAdaptive(ts, false);
          forecaster.forget(ts.id);
        }
      } else {
        refreshSchedule(ts, false);
      }
    }
  }

  /** Whether this instance holds the target's lease; a newly held target with watches is scheduled. */
  void leased(TargetState ts, boolean mine) {
    synchronized (lock) {
      ts.leased = mine;
      if (mine && !ts.queued && !ts.polling && !ts.watches.isEmpty()) {
        refreshSchedule(ts, false);
      }
    }
  }

  /** The due targets the budget grants a token for, taken out of their queues (see {@link #takeDue(long)}). */
  List<TargetState> takeDue() {
    synchronized (lock) {
      return takeDue(clock.millis());
    }
  }

  /** A taken target whose poll could not start: it goes back to waiting. */
  void abandon(TargetState ts) {
    synchronized (lock) {
      ts.polling = false;
    }
  }

  /**
   * A poll ended: its request count feeds the provider's per-poll cost, and the target is
   * rescheduled (or dropped if its last watch went while it was polled).
   */
  void pollFinished(TargetState ts, ErrorCode error, long requestsUsed) {
    synchronized (lock) {
      ProviderQueues pq = queues.get(ts.runtime.id());
      pq.requestsPerPoll = 0.95 * pq.requestsPerPoll + 0.05 * Math.max(1, requestsUsed);
      if (requestsUsed > 1) { // a poll that needed follow-ups (days the calendar did not answer): the room to leave
        pq.fullPollCost = 0.9 * pq.fullPollCost + 0.1 * requestsUsed;
        ts.runtime.gate().pollCost(pq.fullPollCost);
      }
    }
    rescheduleOnly(ts, error);
  }

  /** How often a target is polled now and when next (null if not queued), for health. */
  record Pace(long paceMillis, Long nextDue) {}

  Pace pace(TargetState ts, long now) {
    synchronized (lock) {
      if (ts.queued) {
        updatePace(ts, now, true);
      }
      return new Pace(ts.paceMillis, ts.queued ? Math.max(ts.dueAt, now) : null); // a resumed poll is due "at 0": now
    }
  }

  /**
   * The dispatcher's sleep: until the next due time or token, at most {@link #MAX_IDLE_WAIT}, or
   * until a registration brings a due time forward or {@link #close()} is called.
   *
   * @return false once closed
   */
  boolean awaitWork() throws InterruptedException {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      long now = clock.millis();
      long wait = Math.min(nextWake(now) - now, MAX_IDLE_WAIT.toMillis());
      plannedWake = now + wait;
      if (wait > 0) {
        lock.wait(wait);
      }
      plannedWake = 0;
      return !closed;
    }
  }

  /** Wakes the dispatcher for good. */
  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  private void updatePace(TargetState ts, long now) {
    updatePace(ts, now, false);
  }

  private void updatePace(TargetState ts, long now, boolean eager) {
    Pacing.updatePace(queues.get(ts.runtime.id()), ts, now, eager);
  }


  /** Recomputes a target's interval and priority from its watches and (re)queues it. Under the lock. */
  void refreshSchedule(TargetState ts, boolean pollNow) {
    Duration interval = null;
    Duration maxInterval = null;
    boolean adaptive = false;
    int priority = 0;
    for (WatchRuntime wr : ts.watches.values()) {
      if (interval == null || wr.plan.minInterval().compareTo(interval) < 0) {
        interval = wr.plan.minInterval();
      }
      if (maxInterval == null || wr.plan.maxInterval().compareTo(maxInterval) < 0) {
        maxInterval = wr.plan.maxInterval();
      }
      adaptive |= wr.plan.adaptive();
      priority = Math.max(priority, wr.plan.priority());
    }
    setAdaptive(ts, adaptive);
    if (maxInterval != null) {
      ts.maxInterval = maxInterval.compareTo(interval) < 0 ? interval : maxInterval;
    }
    if (interval == null) {
      unqueue(ts);
      return;
    }
    long now = clock.millis();
    long due;
    if (!ts.everPolled || pollNow) {
      due = now;
    } else if (ts.queued) {
      due = Math.min(ts.dueAt, ts.lastPollAt == null ? now : ts.lastPollAt.toEpochMilli() + interval.toMillis());
    } else {
      due = ts.lastPollAt == null ? now : ts.lastPollAt.toEpochMilli() + interval.toMillis();
    }
    ts.interval = interval;
    enqueue(ts, Math.max(0, priority), due);
    updatePace(ts, now);
  }

  /**
   * Whether the target's schedule already serves a watch on this plan (interval, bound, mode and
   * priority at least as demanding), so attaching it changes nothing: registering the 10,000th
   * watcher of a doctor stays O(1) instead of walking every watch. Under the lock.
   */
  private static boolean coveredBySchedule(TargetState ts, Plan plan) {
    return ts.watches.size() > 1 && (ts.queued || ts.polling)
        && plan.minInterval().compareTo(ts.interval) >= 0
        && plan.maxInterval().compareTo(ts.maxInterval) >= 0
        && (ts.adaptive || !plan.adaptive())
        && plan.priority() <= ts.priority;
  }

  private void enqueue(TargetState ts, int priority, long dueAt) {
    unqueue(ts);
    ts.priority = priority;
    ts.dueAt = dueAt;
    ts.seq = ++seq;
    if (!ts.polling) {
      queues.get(ts.runtime.id()).queue(priority).add(ts);
      ts.queued = true;
    }
    if (dueAt < plannedWake) {
      plannedWake = dueAt;
      lock.notifyAll();
    }
  }

  private void unqueue(TargetState ts) {
    if (ts.queued) {
      TreeSet<TargetState> q = queues.get(ts.runtime.id()).byPriority.get(ts.priority);
      if (q != null) {
        q.remove(ts);
      }
      ts.queued = false;
    }
  }

  /** Marks a target (non-)adaptive and keeps its provider's count of adaptive targets. Under the lock. */
  private void setAdaptive(TargetState ts, boolean adaptive) {
    if (ts.adaptive != adaptive) {
      ts.adaptive = adaptive;
      queues.get(ts.runtime.id()).adaptive += adaptive ? 1 : -1;
    }
  }

  /**
   * Takes the targets that are due now and for which the provider grants a token (the token is
   * then owned by the poll). Under the lock.
   *
   * <p>Targets past their due time come first. When none is due and the budget still has room,
   * adaptive targets are polled early, the one expected to show the most unseen releases first
   * (see {@link #adaptiveCandidate}).
   */
  private List<TargetState> takeDue(long now) {
    List<TargetState> due = new ArrayList<>();
    for (Map.Entry<String, ProviderQueues> e : queues.entrySet()) {
      ProviderRuntime rt = runtimes.get(e.getKey());
      ProviderQueues pq = e.getValue();
      while (true) {
        Integer cls = pickClass(pq, now);
        TargetState pick;
        if (cls != null) {
          pick = pq.byPriority.get(cls).first();
          if (!pick.leased) { // another instance polls it; look again after the next lease sync
            enqueue(pick, cls, now + leaseRecheckMillis);
            continue;
          }
        } else {
          if (dueSoon(pq, now, rt)) {
            break; // an early poll now would take the token a target falling due needs: wait for it
          }
          cls = pickAdaptiveClass(pq, now);
          if (cls == null) {
            break;
          }
          pick = policy.adaptiveCandidate(pq, cls, now);
        }
        if (rt.open() || !rt.gate().tryAcquire(BudgetGate.Use.POLL)) {
          break;
        }
        unqueue(pick);
        pick.polling = true;
        pick.value = 0; // what it has to show is about to be seen
        pick.valueAt = now;
        double p = Math.max(pq.pass.getOrDefault(cls, 0.0), pq.lastPass);
        pq.lastPass = p;
        pq.pass.put(cls, p + 1.0 / Math.max(1, cls));
        due.add(pick);
      }
    }
    return due;
  }

  /**
   * Whether a target falls due at a hard bound (a non-adaptive plan's pace, or an adaptive plan's
   * {@code maxInterval}) before the budget refills another poll token: an early (adaptive) poll now
   * would make it late. Adaptive targets falling due at a softer, stretched bound do not count: early
   * polls are what they give way to. Under the lock.
   */
  private static boolean dueSoon(ProviderQueues pq, long now, ProviderRuntime rt) {
    long tokenEvery = (long) (60_000 / rt.gate().sustainablePollsPerMinute());
    for (TreeSet<TargetState> q : pq.byPriority.values()) {
      for (TargetState t : q) {
        if (t.dueAt - now >= tokenEvery) {
          break;
        }
        boolean hard = !t.adaptive || t.lastPollAt == null
            || t.dueAt >= t.lastPollAt.toEpochMilli() + t.maxInterval.toMillis() - 1000;
        if (t.leased && hard) {
          return true;
        }
      }
    }
    return false;
  }

  /** The priority class with a due head and the lowest pass, or null. */
  private static Integer pickClass(ProviderQueues pq, long now) {
    Integer best = null;
    double bestPass = Double.MAX_VALUE;
    for (Map.Entry<Integer, TreeSet<TargetState>> q : pq.byPriority.entrySet()) {
      if (q.getValue().isEmpty() || q.getValue().first().dueAt > now) {
        continue;
      }
      double p = Math.max(pq.pass.getOrDefault(q.getKey(), 0.0), pq.lastPass);
      if (p < bestPass) {
        bestPass = p;
        best = q.getKey();
      }
    }
    return best;
  }

  /** The priority class with an adaptive target worth polling early and the lowest pass, or null. */
  private Integer pickAdaptiveClass(ProviderQueues pq, long now) {
    if (pq.adaptive == 0) {
      return null;
    }
    Integer best = null;
    double bestPass = Double.MAX_VALUE;
    for (Integer cls : pq.byPriority.keySet()) {
      double p = Math.max(pq.pass.getOrDefault(cls, 0.0), pq.lastPass);
      if (p < bestPass && policy.adaptiveCandidate(pq, cls, now) != null) {
        bestPass = p;
        best = cls;
      }
    }
    return best;
  }

  /** When the dispatcher should look again (clock millis). Under the lock. */
  private long nextWake(long now) {
    long wake = now + MAX_IDLE_WAIT.toMillis();
    wake = Math.min(wake, Math.max(now + 1, nextSync.getAsLong()));
    for (Map.Entry<String, ProviderQueues> e : queues.entrySet()) {
      ProviderRuntime rt = runtimes.get(e.getKey());
      for (TreeSet<TargetState> q : e.getValue().byPriority.values()) {
        if (q.isEmpty()) {
          continue;
        }
        long head = q.first().dueAt;
        if (head <= now) {
          head = rt.open() ? now + 1000 : rt.gate().nextAvailableMillis(BudgetGate.Use.POLL);
        }
        wake = Math.min(wake, head);
      }
      ProviderQueues pq = e.getValue();
      if (pq.adaptive > 0 && !rt.open()) {
        for (Integer cls : pq.byPriority.keySet()) {
          wake = Math.min(wake, policy.adaptiveCandidate(pq, cls, now) != null
              ? rt.gate().nextAvailableMillis(BudgetGate.Use.POLL) : pq.rankings.get(cls).refreshBy);
        }
      }
    }
    return Math.max(wake, now + 1);
  }

  void rescheduleOnly(TargetState ts, ErrorCode error) {
    synchronized (lock) {
      ts.polling = false;
      if (ts.watches.isEmpty()) {
        if (targets.remove(ts.id, ts)) {
          setAdaptive(ts, false);
          forecaster.forget(ts.id);
        }
        return;
      }
      long now = clock.millis();
      long interval = ts.interval.toMillis();
      long next;
      if (error == ErrorCode.PROVIDER_UNAVAILABLE) {
        ts.failures++;
        next = now + Math.min(interval, backoff.apply(Math.min(ts.failures, 10)));
      } else if (error == ErrorCode.BOOKING_OFF) { // the clinic's choice: not worth a request before tomorrow
        ts.failures = 0;
        next = now + BOOKING_OFF_RECHECK.toMillis();
      } else {
        ts.failures = error == null ? 0 : ts.failures + 1;
        next = now + (error == null && ts.adaptive ? policy.adaptiveDelay(queues.get(ts.runtime.id()), ts, now) : interval);
      }
      if (error == null && ts.resumeFrom != null && ts.resumeSoon) {
        // Cut short by the budget after reading some days: it goes on with the rest as soon as the
        // budget allows, ahead of every other due poll (a started poll is finished first, so a
        // calendar opening's later days are not left for a whole round). Each such poll reads at
        // least one more day, so this ends.
        next = 0;
      }
      ts.resumeSoon = false;
      enqueue(ts, ts.priority, next);
      updatePace(ts, now);
      if (ts.adaptive) { // the ranking passed it by while it was polled: rank again when it may be polled again
        ProviderQueues.Ranking r = queues.get(ts.runtime.id()).rankings.get(ts.priority);
        if (r != null) {
          AdaptivePolicy.rankAgainBy(r, now + interval);
        }
      }
    }
  }
}
