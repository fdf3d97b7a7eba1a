package io.github.slothunter.core.internal;

import io.github.slothunter.api.RequestBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One provider's request budget: exact sliding windows of one minute, one hour and any further
 * {@linkplain RequestBudget#limits() configured window}, plus an in-flight cap, so that no rolling
 * window ever holds more requests than allowed.
 *
 * <p><b>Pacing.</b> Polls and lookups are paced so that every window is spent evenly over its
 * length: within the minute by a token bucket at the minute's rate (a burst of a tenth of it), and
 * for each longer window by a pacer that refills at {@code (limit - burst - reserve) / length} and
 * that every request granted (polls, their follow-ups, holds, books) draws from. A poll starts only
 * when every pacer has a token, so requests sent out of turn (a booking, a poll's follow-ups) slow
 * the polls after them instead of emptying the hour: the hour's budget lasts the hour, and there is
 * never a long silence while the oldest requests leave the window. The rate that can be kept up is
 * {@link #sustainablePollsPerMinute()}, the smallest over the windows.
 *
 * <p>On a rate limit the provider is paused for its Retry-After and the per-minute rate is halved
 * (once per burst of 429s); after the pause, successful requests double it every
 * {@link #RECOVERY_DOUBLING} back to just under the refused rate, then add a little per success up
 * to the configured rate. Polls may not use the last {@link #reserve()} tokens of a minute: those are kept
 * for hold, book and release calls, where milliseconds matter. Thread-safe.
 */
public final class BudgetGate {
  /** Who asks for a token. */
  public enum Use {
    /** The first request of a routine poll: paced, and may not use the reserve. */
    POLL,
    /** The rest of a started poll: not paced (it repays the pacer later), may not use the reserve. */
    POLL_CONTINUE,
    /**
     * A doctor lookup: paced over the longer windows like a poll (a start-up with hundreds of doctors
     * must not spend the hour in minutes), not within the minute, and may not use the reserve.
     */
    LOOKUP,
    /** Holds, books, releases and calls a person waits for: may use the reserve. */
    URGENT
  }

  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  private static final double MIN_FACTOR = 0.1;
  /** The share of the refused rate that recovery climbs back to quickly. */
  private static final double CEILING_SHARE = 0.9;
  /** How long successful requests take to double a rate that a 429 halved (up to the ceiling). */
  static final Duration RECOVERY_DOUBLING = Duration.ofSeconds(10);
  /**
   * 429s this close to each other are one burst: each halves the rate, but the level to climb back to
   * stays the one before the burst (the site's window had not rolled yet; our rate was not the cause).
   */
  static final Duration BURST = Duration.ofSeconds(60);

  private final RequestBudget budget;
  private final Clock clock;
  private final ArrayDeque<Long> minuteLog = new ArrayDeque<>();
  /** The windows longer than a minute: the hour, then any further configured ones. */
  private final List<Window> longer = new ArrayList<>();
  private final int reserve;
  private int inFlight;
  private double factor = 1.0;
  /** The rate (as a factor) to climb back to quickly after a 429: just under the one that was refused. */
  private double ceiling = 1.0;
  /** When (clock millis) the factor last grew towards the ceiling; the end of the pause after a 429. */
  private long grownAt;
  /** When (clock millis) the last 429 outside a pause came; {@code Long.MIN_VALUE} before any. */
  private long lastRateLimitAt = Long.MIN_VALUE;
  private long pausedUntil;
  private long granted;
  // Polls are also paced by a token bucket (burst ~ a tenth of a minute's budget) so they spread
  // over the minute instead of bursting at its start and leaving due targets waiting a whole window.
  private double pollTokens;
  private long refilledAt;
  /** Live engine instances sharing this provider's budget (scale-out); each gets an equal part. */
  private int share = 1;
  /** Requests a poll is expected to need (free days + one per free day): a new poll starts only with room for them. */
  private int pollCost = 2;

  public BudgetGate(RequestBudget budget, Clock clock) {
    this.budget = budget;
    this.clock = clock;
    this.reserve = budget.perMinute() >= 10 ? Math.min(3, budget.perMinute() / 10) : 0;
    this.pollTokens = burst();
    this.refilledAt = clock.millis();
    longer.add(new Window(HOUR, budget.perHour(), refilledAt));
    for (RequestBudget.Limit l : budget.limits()) {
      longer.add(new Window(l.window().toMillis(), l.max(), refilledAt));
    }
    for (Window w : longer) {
      w.tokens = w.burst();
    }
  }

  /**
   * A window longer than a minute: its exact log (the hard limit) and its pacer. Guarded by the
   * gate's lock.
   */
  private final class Window {
    final long length;
    final int configured;
    final ArrayDeque<Long> log = new ArrayDeque<>();
    double tokens;
    long refilledAt;

    Window(long length, int configured, long now) {
      this.length = length;
      this.configured = configured;
      this.refilledAt = now;
    }

    int limit() {
      return Math.max(1, configured / share);
    }

    /** The pacer's burst: what the minute may take at once, at most a tenth of the window. */
    double burst() {
      return Math.max(1, Math.min(pollRate(), limit() / 10));
    }

    /** Pacer tokens per millisecond: the window's limit, less its burst and a reserve, over its length. */
    double rate() {
      double spendable = limit() - burst() - Math.max(reserve, limit() / 50);
      return Math.max(1, spendable) / length;
    }

    void refill(long now) {
      if (now > refilledAt) {
        tokens = Math.min(burst(), tokens + (now - refilledAt) * rate());
        refilledAt = now;
      }
    }

    void purge(long now) {
      while (!log.isEmpty() && log.peekFirst() <= now - length) {
        log.removeFirst();
      }
    }
  }

  private int pollRate() {
    return Math.max(1, effectivePerMinute() - reserve);
  }

  private double burst() {
    return Math.max(1, pollRate() / 10);
  }

  private void refill(long now) {
    if (now > refilledAt) {
      pollTokens = Math.min(burst(), pollTokens + (now - refilledAt) * pollRate() / (double) MINUTE);
      refilledAt = now;
    }
  }

  public RequestBudget budget() {
    return budget;
  }

  int reserve() {
    return reserve;
  }

  /** The per-minute limit in force now (lower than configured after rate limits, split among instances). */
  public synchronized int effectivePerMinute() {
    return Math.max(1, (int) Math.floor(budget.perMinute() * factor / share));
  }

  /**
   * Requests per minute this gate can sustain for polls: the smallest over its windows of the pace
   * that spends the window evenly (the minute's poll rate, each longer window's pacer).
   */
  public synchronized double sustainablePollsPerMinute() {
    double rate = pollRate();
    for (Window w : longer) {
      rate = Math.min(rate, w.rate() * MINUTE);
    }
    return Math.max(0.01, rate);
  }

  private int maxInFlight() {
    return Math.max(1, budget.maxInFlight() / share);
  }

  /** Splits the budget among {@code instances} live engine instances (1 = the whole budget). */
  public synchronized void share(int instances) {
    this.share = Math.max(1, instances);
  }

  /** Takes a token if one is free now; pair every {@code true} with {@link #release()}. */
  public synchronized boolean tryAcquire(Use use) {
    long now = clock.millis();
    purge(now);
    if (!available(now, use)) {
      return false;
    }
    minuteLog.addLast(now);
    for (Window w : longer) {
      w.log.addLast(now);
      w.tokens = Math.max(-w.limit(), w.tokens - 1);
    }
    inFlight++;
    granted++;
    if (use == Use.POLL || use == Use.POLL_CONTINUE) {
      pollTokens -= 1;
    }
    return true;
  }

  private static boolean paced(Use use) {
    return use == Use.POLL || use == Use.LOOKUP;
  }

  private boolean available(long now, Use use) {
    if (now < pausedUntil || inFlight >= maxInFlight()) {
      return false;
    }
    if (use == Use.POLL) {
      refill(now);
      if (pollTokens < 1) {
        return false;
      }
    }
    int perMinute = Math.max(1, effectivePerMinute() - (use == Use.URGENT ? 0 : reserve));
    // a new poll needs room for its follow-up requests too, or they are refused half-way
    int need = use == Use.POLL ? Math.min(pollCost, Math.max(1, perMinute / 2)) : 1;
    if (minuteLog.size() + need > perMinute) {
      return false;
    }
    for (Window w : longer) {
      if (w.log.size() >= w.limit()) {
        return false;
      }
      if (paced(use) && w.tokens < 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many requests a poll that finds free days needs (a moving average kept by the engine): a
   * new poll starts only when the rolling minute has room for that many, so a poll's requests for
   * its free days are not refused half-way because polls paced at the full rate filled the minute.
   * Capped at half the minute's budget.
   */
  public synchronized void pollCost(double requestsPerPoll) {
    this.pollCost = Math.max(1, (int) Math.round(requestsPerPoll));
  }

  /**
   * Waits (in real time, at most {@code maxWait}) for a token; a zero or negative wait tries once.
   *
   * @return whether a token was taken
   */
  public boolean acquire(Use use, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      if (tryAcquire(use)) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      long waitMillis = Math.max(1, Math.min(nextAvailableMillis(use) - clock.millis(), 50));
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(waitMillis)));
    }
  }

  /** Gives back the in-flight slot of a token. */
  public synchronized void release() {
    if (inFlight > 0) {
      inFlight--;
    }
  }

  /** When (clock millis) a token may next be free; now if one is free. */
  public synchronized long nextAvailableMillis(Use use) {
    long now = clock.millis();
    purge(now);
    if (available(now, use)) {
      return now;
    }
    long t = Math.max(now, pausedUntil);
    int perMinute = Math.max(1, effectivePerMinute() - (use == Use.URGENT ? 0 : reserve));
    int need = use == Use.POLL ? Math.min(pollCost, Math.max(1, perMinute / 2)) : 1;
    if (minuteLog.size() + need > perMinute) {
      t = Math.max(t, nth(minuteLog, minuteLog.size() + need - 1 - perMinute) + MINUTE);
    }
    for (Window w : longer) {
      if (w.log.size() >= w.limit()) {
        t = Math.max(t, nth(w.log, w.log.size() - w.limit()) + w.length);
      }
      if (paced(use) && w.tokens < 1) {
        t = Math.max(t, now + (long) Math.ceil((1 - w.tokens) / w.rate()));
      }
    }
    if (inFlight >= maxInFlight()) {
      t = Math.max(t, now + 5); // frees when a call ends; re-check soon
    }
    if (use == Use.POLL && pollTokens < 1) {
      t = Math.max(t, now + (long) Math.ceil((1 - pollTokens) * MINUTE / pollRate()));
    }
    return t;
  }

  private static long nth(ArrayDeque<Long> log, int index) {
    Iterator<Long> it = log.iterator();
    long v = 0;
    for (int i = 0; i <= index && it.hasNext(); i++) {
      v = it.next();
    }
    return v;
  }

  private void purge(long now) {
    while (!minuteLog.isEmpty() && minuteLog.peekFirst() <= now - MINUTE) {
      minuteLog.removeFirst();
    }
    for (Window w : longer) {
      w.purge(now);
      w.refill(now);
    }
  }

  /**
   * The provider said "too many requests": pause for its {@code Retry-After} and halve the rate.
   * Answers that arrive during the pause (calls already in flight) only extend it. The rate just under
   * the one in force before a burst of 429s ({@link #BURST} apart at most) is the level to climb back
   * to.
   */
  public synchronized void onRateLimited(Duration retryAfter) {
    long now = clock.millis();
    boolean paused = now < pausedUntil;
    pausedUntil = Math.max(pausedUntil, now + retryAfter.toMillis());
    grownAt = pausedUntil;
    if (paused) {
      return; // answers to calls sent before the pause: the same event
    }
    if (lastRateLimitAt == Long.MIN_VALUE || now - lastRateLimitAt > BURST.toMillis()) {
      ceiling = Math.max(MIN_FACTOR, factor * CEILING_SHARE); // a new burst: remember the level before it
    }
    lastRateLimitAt = now;
    factor = Math.max(MIN_FACTOR, factor / 2);
  }

  /**
   * A request succeeded: win the rate back. Below the level remembered at the last 429 it doubles
   * every {@link #RECOVERY_DOUBLING} of successful requests after the pause (a short burst of 429s
   * costs seconds of coverage, not minutes); above it, it grows by a little per success up to the
   * configured rate (probing for more, carefully).
   */
  public synchronized void onSuccess() {
    if (factor >= 1.0) {
      return;
    }
    long now = clock.millis();
    if (factor < ceiling && now > grownAt) {
      double doublings = (now - grownAt) / (double) RECOVERY_DOUBLING.toMillis();
      factor = Math.min(ceiling, factor * Math.pow(2, doublings));
      grownAt = now;
      return;
    }
    factor = Math.min(1.0, factor + 1.0 / (4.0 * budget.perMinute()));
  }

  /** Whether the provider is paused now. */
  public synchronized boolean paused() {
    return clock.millis() < pausedUntil;
  }

  /** Tokens granted since start. */
  public synchronized long granted() {
    return granted;
  }

  /** Requests in the last rolling minute. */
  public synchronized int usedLastMinute() {
    purge(clock.millis());
    return minuteLog.size();
  }
}
