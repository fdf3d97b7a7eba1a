package io.github.slothunter.core.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One coalesced poll stream: a target and every watch on it. The snapshot and stats are written
 * only by the (single) poll running for the target; the watch set is concurrent.
 */
final class TargetState {
  static final Comparator<Slot> BY_START = Comparator.comparing(Slot::start).thenComparing(Slot::id);

  final Target target;
  final String id;
  final ProviderRuntime runtime;
  final Map<String, WatchRuntime> watches = new ConcurrentHashMap<>();
  volatile Long price;
  /** Watches in plan-priority then age order; rebuilt lazily after the watch set changes. */
  private volatile List<WatchRuntime> ordered;

  // scheduling (guarded by the Scheduler's lock)
  long dueAt;
  long seq;
  int priority;
  /** The shortest plan minInterval among the watches; written under the lock, volatile for stats readers. */
  volatile Duration interval = Duration.ofMinutes(5);
  /** The longest adaptive scheduling may wait (the smallest plan maxInterval among the watches). */
  volatile Duration maxInterval = Duration.ofMinutes(30);
  /** Whether any watch's plan schedules adaptively. */
  boolean adaptive;
  /** Adaptive scheduling: free slots it is expected to show that the last poll did not, as of {@code valueAt}. */
  double value;
  long valueAt;
  /** Adaptive scheduling: the typical time its slots stay free (millis), as of {@code valueAt}. */
  double freeTime = AdaptivePolicy.DEFAULT_FREE_TIME.toMillis();
  /** Adaptive scheduling: its worth of a poll at the last ranking. */
  double worth;
  /**
   * Requests the last poll needed beyond its first: one per wanted free day whose slots the calendar
   * did not answer, plus one for a look past the calendar's one-request window.
   */
  volatile int extraRequests;
  /** About how often (millis) the target is polled now, given its plans and the provider's budget; 0 if unknown. */
  volatile long paceMillis;
  /** Whether the budget polls it clearly less often than its plans ask (see {@link Pacing#updatePace}). */
  volatile boolean budgetShort;
  /** Whether the last poll's calendar said outright that nothing is free (Paziresh24 status 32). */
  volatile boolean fullyBooked;
  /** Why the provider read the last poll's calendar a costlier way than usual, or null. */
  volatile String fallback;
  /**
   * Polls since the days after the calendar's one-request window were last read ({@code -1}: never).
   * Written by the poll in progress.
   */
  int pollsSinceFarDays = -1;
  /** Whether the forecaster has seen the stored history (first poll on this instance). */
  volatile boolean warmed;
  boolean queued;
  boolean polling;
  int failures;
  /** Whether this instance holds the target's lease (always true with a single instance). */
  boolean leased = true;
  /** The first day the last poll could not fetch (budget), or null. Written by the poll in progress. */
  LocalDate resumeFrom;
  /** Whether the last poll read some days before the budget cut it short. Written by the poll in progress. */
  boolean resumeSoon;

  // poll results (written by the poll in progress only)
  volatile Map<String, Slot> snapshot = Map.of();
  final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  volatile boolean everPolled;
  volatile Instant lastPollAt;
  /** When the poll before the current one started (null before the second poll): history's window start. */
  volatile Instant previousPollAt;
  volatile Instant lastSuccessAt;
  volatile ErrorCode lastError;
  volatile String lastErrorMessage;
  volatile Instant lastErrorAt;
  /** Whether the last poll started well after it was due (a budget shortage). */
  volatile boolean late;
  /** The health this target gave its watches after its last poll; written by the poll in progress only. */
  io.github.slothunter.api.HealthState health = io.github.slothunter.api.HealthState.ACTIVE;
  /** Start times (epoch millis) of the polls in the last hour, oldest first; guarded by itself. */
  private final java.util.ArrayDeque<Long> recentPolls = new java.util.ArrayDeque<>();

  final AtomicLong polls = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong opened = new AtomicLong();
  final AtomicLong gone = new AtomicLong();
  final AtomicLong bookingsTried = new AtomicLong();
  final AtomicLong bookingsMade = new AtomicLong();
  private final long[] freeMillis = new long[256];
  private int freeCount;

  TargetState(Target target, ProviderRuntime runtime) {
    this.target = target;
    this.id = target.id();
    this.runtime = runtime;
  }

  List<WatchRuntime> ordered() {
    List<WatchRuntime> o = ordered;
    if (o == null) {
      o = List.copyOf(WatchRuntime.byPriority(watches.values()));
      ordered = o;
    }
    return o;
  }

  void addWatch(WatchRuntime wr) {
    watches.put(wr.id(), wr);
    ordered = null;
  }

  void removeWatch(String watchId) {
    watches.remove(watchId);
    ordered = null;
  }

  List<Slot> slots() {
    List<Slot> list = new ArrayList<>(snapshot.values());
    list.sort(BY_START);
    return list;
  }

  static Map<String, Slot> index(List<Slot> slots) {
    List<Slot> sorted = new ArrayList<>(slots);
    sorted.sort(BY_START);
    Map<String, Slot> map = new LinkedHashMap<>();
    for (Slot s : sorted) {
      map.put(s.id(), s);
    }
    return map;
  }

  /** Records a poll's start and forgets polls older than an hour. */
  void recordPoll(long at) {
    synchronized (recentPolls) {
      recentPolls.addLast(at);
      trimPolls(at);
    }
  }

  /** Polls started in the hour before {@code now}. */
  int pollsLastHour(long now) {
    synchronized (recentPolls) {
      trimPolls(now);
      return recentPolls.size();
    }
  }

  private void trimPolls(long now) {
    while (!recentPolls.isEmpty() && recentPolls.peekFirst() <= now - 3_600_000L) {
      recentPolls.pollFirst();
    }
  }

  synchronized void recordFreeTime(Duration d) {
    freeMillis[freeCount % freeMillis.length] = d.toMillis();
    freeCount++;
  }

  /** Median of the last 256 "time a slot stayed free" samples, or null with none. */
  synchronized Duration medianFreeTime() {
    int n = Math.min(freeCount, freeMillis.length);
    if (n == 0) {
      return null;
    }
    long[] copy = java.util.Arrays.copyOf(freeMillis, n);
    java.util.Arrays.sort(copy);
    return Duration.ofMillis(copy[n / 2]);
  }
}
