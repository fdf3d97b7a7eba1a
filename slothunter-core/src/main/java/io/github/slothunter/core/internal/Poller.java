package io.github.slothunter.core.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one target: the calendar, the free days past its one-request window now and then, and the
 * slots of each wanted free day the calendar did not answer, each through the provider's budget;
 * then hands the fresh slots to the {@link Announcer} and the outcome to the {@link Scheduler} and
 * the {@link HealthTracker}.
 *
 * <p><b>Threads.</b> No lock of its own: the scheduler hands a target to one poll at a time, and
 * the fields of {@link TargetState} a poll writes are written by that poll only.
 */
final class Poller {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);
  /**
   * How often (in polls) the free days after a calendar's one-request window are read, for watches
   * that want them: each such look costs a request plus one per wanted free day, and those days are
   * further off (Paziresh24: more than ~10 days ahead).
   */
  static final int FAR_DAYS_EVERY = 5;

  private final EngineContext ctx;
  private final Clock clock;
  private final Store store;
  private final EventBus bus;
  private final EngineMetrics metrics;
  private final ReleaseForecaster forecaster;
  private final boolean manual;
  private final Scheduler scheduler;
  private final Announcer announcer;
  private final HealthTracker health;

  Poller(EngineContext ctx, Scheduler scheduler, Announcer announcer, HealthTracker health) {
    this.ctx = ctx;
    this.clock = ctx.clock;
    this.store = ctx.store;
    this.bus = ctx.bus;
    this.metrics = ctx.metrics;
    this.forecaster = ctx.forecaster;
    this.manual = ctx.manual;
    this.scheduler = scheduler;
    this.announcer = announcer;
    this.health = health;
  }

  /** Polls one target; the first request's token is already taken. */
  void poll(TargetState ts) {
    ErrorCode error = null;
    long requestsBefore = ts.requests.get();
    try {
      warmUp(ts);
      error = doPoll(ts);
    } catch (RuntimeException e) {
      error = ErrorCode.PROTOCOL;
      log.error("poll of {} failed unexpectedly", ts.id, e);
    } finally {
      long used = ts.requests.get() - requestsBefore;
      metrics.poll(ts.runtime.id(), error == null ? "ok" : error.name());
      try {
        scheduler.pollFinished(ts, error, used);
      } finally {
        health.afterPoll(ts);
      }
    }
  }

  /** Before a target's first poll here: lets the forecaster learn from the stored history. */
  private void warmUp(TargetState ts) {
    if (ts.warmed) {
      return;
    }
    ts.warmed = true;
    try {
      List<SlotChange> history = store.history(ts.id);
      if (!history.isEmpty()) {
        forecaster.warmUp(ts.runtime.id(), ts.id, history);
      }
    } catch (RuntimeException e) {
      log.warn("could not warm the forecaster up for {}", ts.id, e);
    }
  }

  private ErrorCode doPoll(TargetState ts) {
    ProviderRuntime rt = ts.runtime;
    Instant started = clock.instant();
    ts.polls.incrementAndGet();
    ts.recordPoll(started.toEpochMilli());
    ts.late = ts.dueAt > 0 && started.toEpochMilli() - ts.dueAt > Math.max(ts.interval.toMillis(), 60_000L);
    // the window a change happened in starts at the last poll that really read the calendar
    ts.previousPollAt = ts.lastSuccessAt != null ? ts.lastSuccessAt : ts.lastPollAt;
    ts.lastPollAt = started;
    SlotWatcher watcher = rt.provider().slots();
    long requestsAtStart = ts.requests.get();
    FreeCalendar calendar;
    try {
      ts.requests.incrementAndGet();
      calendar = rt.callWithToken(() -> watcher.freeCalendar(ts.target));
    } catch (SlotHunterException e) {
      return pollFailed(ts, e);
    }
    ZoneId zone = rt.info().zone();
    ts.fullyBooked = calendar.fullyBooked();
    if (calendar.fullyBooked()) {
      ts.pollsSinceFarDays = 0; // "nothing is free" covers the whole booking window, far days too
    }
    ts.fallback = calendar.fallback();
    LocalDate through = calendar.daysThrough();
    Duration wait = manual ? Duration.ZERO : ts.interval.compareTo(Duration.ofSeconds(20)) < 0 ? ts.interval
        : Duration.ofSeconds(20);
    ErrorCode error = null;
    // the days after the calendar's one-request window: read (calendar mode) on the first poll and
    // then every FAR_DAYS_EVERY polls, only for watches that may want such a day
    List<LocalDate> days = new ArrayList<>(calendar.freeDays());
    boolean farKnown = through == null;
    if (through != null && ts.pollsSinceFarDays >= 0) {
      ts.pollsSinceFarDays++;
    }
    if (through != null && wantsDayAfter(ts, through)
        && (ts.pollsSinceFarDays < 0 || ts.pollsSinceFarDays >= FAR_DAYS_EVERY || ts.resumeFrom != null)) {
      try {
        ts.requests.incrementAndGet();
        for (LocalDate d : rt.call(BudgetGate.Use.POLL_CONTINUE, wait, () -> watcher.freeDays(ts.target))) {
          if (d.isAfter(through)) {
            days.add(d);
          }
        }
        farKnown = true;
        ts.pollsSinceFarDays = 0;
      } catch (ProviderRuntime.BudgetExhausted e) {
        ts.requests.decrementAndGet(); // the far days keep what the last look saw
      } catch (SlotHunterException e) {
        error = pollFailed(ts, e);
      }
    }
    Set<LocalDate> freeDays = new HashSet<>(days);
    Set<LocalDate> fetched = new HashSet<>();
    List<Slot> fresh = new ArrayList<>();
    LocalDate resumeFrom = ts.resumeFrom;
    ts.resumeFrom = null;
    boolean asking = error == null; // no more requests after a failed one or a spent budget
    boolean readSome = false; // a day read with a request of its own
    for (LocalDate day : days) {
      if (ctx.closed) {
        break;
      }
      if (!wantsDay(ts, day)) {
        continue;
      }
      Optional<List<Slot>> answered = calendar.slotsOf(day);
      if (answered.isPresent()) { // came with the calendar: free to read, whatever else failed
        fresh.addAll(answered.get());
        fetched.add(day);
        continue;
      }
      if (!asking || (resumeFrom != null && day.isBefore(resumeFrom))) {
        continue; // not read now: the day keeps its previous slots
      }
      try {
        ts.requests.incrementAndGet();
        fresh.addAll(rt.call(BudgetGate.Use.POLL_CONTINUE, wait, () -> watcher.freeSlots(ts.target, day)));
        fetched.add(day);
        readSome = true;
      } catch (ProviderRuntime.BudgetExhausted e) {
        ts.requests.decrementAndGet();
        ts.resumeFrom = day; // the next poll starts here, so late days are not starved by a short budget
        ts.resumeSoon = readSome; // it made progress: finish it first (see rescheduleOnly)
        asking = false;
      } catch (SlotHunterException e) {
        error = pollFailed(ts, e);
        asking = false;
      }
    }
    // what a poll here costs beyond its first request: the adaptive ranking weighs worth per request
    ts.extraRequests = (int) Math.max(0, ts.requests.get() - requestsAtStart - 1);
    for (Slot old : ts.snapshot.values()) {
      LocalDate d = old.start().atZone(zone).toLocalDate();
      boolean unread = !farKnown && d.isAfter(through); // a far day this poll did not look at
      if (unread || (freeDays.contains(d) && !fetched.contains(d))) {
        fresh.add(old);
      }
    }
    try {
      announcer.apply(ts, fresh, clock.instant());
    } catch (Announcer.StoreFailed e) {
      return storeFailed(ts, e);
    }
    if (error == null) {
      ts.lastSuccessAt = started;
      ts.lastError = null;
      ts.lastErrorMessage = null;
    }
    return error;
  }

  /** Whether some watch on the target may want a day after {@code day}. */
  private static boolean wantsDayAfter(TargetState ts, LocalDate day) {
    for (WatchRuntime wr : ts.watches.values()) {
      LocalDate to = wr.watch.filter().to();
      if (to == null || to.isAfter(day)) {
        return true;
      }
    }
    return false;
  }

  private static boolean wantsDay(TargetState ts, LocalDate day) {
    for (WatchRuntime wr : ts.watches.values()) {
      if (wr.watch.filter().mayMatchDay(day)) {
        return true;
      }
    }
    return false;
  }

  /** The poll's result could not be saved: it is retried at the next poll, and health says why. */
  private ErrorCode storeFailed(TargetState ts, Announcer.StoreFailed e) {
    SlotHunterException cause = e.getCause() instanceof SlotHunterException s ? s : null;
    ts.errors.incrementAndGet();
    ts.lastError = ErrorCode.STORE_UNAVAILABLE;
    ts.lastErrorMessage = "the store failed to save a poll" + (cause == null ? "" : ": " + Health.describe(cause));
    ts.lastErrorAt = clock.instant();
    log.warn("could not save a poll of {}; nothing published, the next poll tries again", ts.id, e.getCause());
    return ErrorCode.STORE_UNAVAILABLE;
  }

  private ErrorCode pollFailed(TargetState ts, SlotHunterException e) {
    ts.errors.incrementAndGet();
    ts.lastError = e.code();
    ts.lastErrorMessage = Health.describe(e);
    ts.lastErrorAt = clock.instant();
    if (e.code() == ErrorCode.RATE_LIMITED) {
      Duration pause = e.retryAfter().orElse(ProviderRuntime.DEFAULT_RETRY_AFTER);
      log.warn("{} rate-limited us; pausing {} and halving the rate", ts.runtime.id(), pause);
      bus.publish(new ProviderThrottled(ts.runtime.id(), ErrorCode.RATE_LIMITED, pause, clock.instant()));
    } else {
      log.warn("poll of {} failed: {}", ts.id, e.getMessage());
    }
    return e.code();
  }
}
