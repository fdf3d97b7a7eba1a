package io.github.slothunter.core.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pace a provider's budget gives each target: the budget's sustainable polls shared among the
 * priority classes like the stride scheduler shares them, and whether a target is polled clearly
 * slower than its plans ask ({@code BUDGET_SHORT}). Stateless; called under the {@link Scheduler}'s
 * lock, which guards the {@link ProviderQueues} and target fields it writes.
 */
final class Pacing {
  /** How often a provider's pace estimate is made at most (it reads every queued target). */
  static final Duration PACE_REFRESH = Duration.ofSeconds(1);
  /** A target polled this many times slower than its plan asks is reported as {@code BUDGET_SHORT}. */
  static final double SHORT_SLOWDOWN = 1.25;

  private Pacing() {}


  /** The pace a target's plans ask for: its interval, or for adaptive scheduling the bound it must keep. */
  private static long wantedPace(TargetState ts) {
    return Math.max(1, (ts.adaptive ? ts.maxInterval : ts.interval).toMillis());
  }

  /**
   * Estimates, at most every {@link #PACE_REFRESH}, how much slower than their plans ask the
   * provider's budget polls each priority class: the budget's sustainable polls (over every window,
   * divided by the requests a poll takes) are shared like the stride scheduler shares them, in
   * proportion to priority, a class wanting less than its share giving the rest to the others.
   * Under the scheduler's lock.
   */
  static void estimatePace(ProviderQueues pq, ProviderRuntime rt, long now, boolean eager) {
    int queued = 0;
    for (TreeSet<TargetState> q : pq.byPriority.values()) {
      queued += q.size();
    }
    boolean fresh = pq.paceAt != Long.MIN_VALUE && now >= pq.paceAt && now - pq.paceAt < PACE_REFRESH.toMillis();
    // calendars came or went: a caller reading health gets the new figure; registrations a tenth of a
    // second apart share one (a reading walks every queued target)
    if (fresh && (queued == pq.paceQueued || (!eager && now - pq.paceAt < PACE_REFRESH.toMillis() / 10))) {
      return;
    }
    pq.paceAt = now;
    pq.paceQueued = queued;
    double capacity = rt.gate().sustainablePollsPerMinute() / Math.max(1, pq.requestsPerPoll) / 60_000.0;
    Map<Integer, Double> left = new HashMap<>();
    long n = 0;
    for (Map.Entry<Integer, TreeSet<TargetState>> e : pq.byPriority.entrySet()) {
      double want = 0;
      for (TargetState t : e.getValue()) {
        want += 1.0 / wantedPace(t);
        n++;
      }
      if (want > 0) {
        left.put(e.getKey(), want);
      }
    }
    pq.roundRobin = n / capacity;
    pq.slowdown.clear();
    boolean served = true;
    while (served && !left.isEmpty()) { // classes wanting less than their share are served in full
      served = false;
      double weights = left.keySet().stream().mapToDouble(c -> Math.max(1, c)).sum();
      double share = capacity;
      for (java.util.Iterator<Map.Entry<Integer, Double>> it = left.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Integer, Double> e = it.next();
        if (e.getValue() <= share * Math.max(1, e.getKey()) / weights) {
          pq.slowdown.put(e.getKey(), 1.0);
          capacity -= e.getValue();
          it.remove();
          served = true;
        }
      }
    }
    double weights = left.keySet().stream().mapToDouble(c -> Math.max(1, c)).sum();
    for (Map.Entry<Integer, Double> e : left.entrySet()) {
      double got = Math.max(1e-12, capacity * Math.max(1, e.getKey()) / weights);
      pq.slowdown.put(e.getKey(), e.getValue() / got);
    }
  }

  static void updatePace(ProviderQueues pq, TargetState ts, long now, boolean eager) {
    estimatePace(pq, ts.runtime, now, eager);
    double slow = pq.slowdown.getOrDefault(ts.priority, 1.0);
    long interval = ts.interval.toMillis();
    long pace;
    if (!ts.adaptive) {
      pace = (long) (interval * Math.max(1, slow));
    } else if (slow <= 1) { // polled early while the budget has room: about round robin, within its bounds
      pace = Math.max(interval, Math.min(ts.maxInterval.toMillis(), (long) pq.roundRobin));
    } else {
      pace = (long) (ts.maxInterval.toMillis() * slow);
    }
    ts.paceMillis = pace;
    ts.budgetShort = slow > SHORT_SLOWDOWN;
  }
}
