package io.github.slothunter.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One provider's scheduling state: one due-ordered queue per plan priority, each class's stride
 * pass, the adaptive rankings and the pace estimate. Not thread-safe: guarded by the
 * {@link Scheduler}'s lock.
 */
final class ProviderQueues {
  final TreeMap<Integer, TreeSet<TargetState>> byPriority = new TreeMap<>(Comparator.reverseOrder());
  final Map<Integer, Double> pass = new HashMap<>();
  double lastPass;
  /** Moving average of requests per poll. */
  double requestsPerPoll = 1;
  /**
   * Moving average of requests per poll among polls that needed more than one (free days the
   * calendar did not answer, or a look past its one-request window): the room a new poll leaves in
   * the rolling minute ({@link BudgetGate#pollCost}) so such a poll is not cut short. Polls that cost
   * one request (a full calendar, or one whose slots came with it) are counted in
   * {@link #requestsPerPoll}, which paces the schedulers.
   */
  double fullPollCost = 2;
  /** Per priority class: its adaptive targets by expected unseen releases (adaptive scheduling). */
  final Map<Integer, Ranking> rankings = new HashMap<>();
  /** How many queued or polling targets schedule adaptively. */
  int adaptive;
  /** When the pace estimate was last made (clock millis), and how many targets were queued then. */
  long paceAt = Long.MIN_VALUE;
  int paceQueued;
  /** Per priority class: how many times slower than its plans ask the budget polls it (1 = at pace). */
  final Map<Integer, Double> slowdown = new HashMap<>();
  /** Millis between two polls of each target if every target got an equal share of the budget. */
  double roundRobin;

  TreeSet<TargetState> queue(int priority) {
    return byPriority.computeIfAbsent(priority, p -> new TreeSet<>(
        Comparator.<TargetState>comparingLong(t -> t.dueAt).thenComparingLong(t -> t.seq)));
  }

  /** Targets queued over every priority class. */
  int queued() {
    int n = 0;
    for (TreeSet<TargetState> q : byPriority.values()) {
      n += q.size();
    }
    return n;
  }

  /**
   * One priority class's adaptive targets, most expected unseen releases first, as of its last
   * refresh; picks walk it with a cursor.
   */
  static final class Ranking {
    final List<TargetState> order = new ArrayList<>();
    int cursor;
    long refreshedAt = Long.MIN_VALUE;
    /** When to re-rank at the latest (a skipped target becomes eligible, or the refresh period ends). */
    long refreshBy = Long.MIN_VALUE;
  }
}
