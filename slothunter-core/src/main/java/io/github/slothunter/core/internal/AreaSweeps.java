package io.github.slothunter.core.internal;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.core.Plan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Area watches' sweeps: each area watch's search pages are read periodically, earliest first slot
 * first, through the provider's budget ({@link BudgetGate.Use#LOOKUP}: paced over the hour, never
 * the reserve), and the watch is pointed ({@link Registry#retarget}) at the calendars of the few
 * centers whose first free slot may match it ({@link #MAX_POLLED} at most, earliest first). Those
 * calendars are then polled by the normal machinery (coalesced with every other watch on them;
 * their slots go diff, SlotOpened, auto-book); members the page does not describe are looked up
 * ({@link Lookups}) only when they become candidates. Once a day a sweep reads every page and the
 * members are refreshed ({@link AreaWatches#refreshed}).
 *
 * <p>A sweep's interval is the watch's plan interval, stretched so that sweeps spend at most
 * {@link #SHARE} of the provider's hourly and per-minute budget (a free plan sweeps less often, a
 * big area too). A sweep that reads no page because the budget is spent is tried again shortly.
 *
 * <p>A center is a candidate when the search shows a first free slot that passes the watch's
 * filter (dates, weekdays, time of day, price), the query's price, and, when the watch replaces a
 * booking, starts before it. A matching slot behind an earlier non-matching one is found once it is
 * the center's first (a limit of what search pages show).
 *
 * <p>Sweeps run where the watch was registered or read back at start-up; with a shared store, an
 * instance that adopts another's area watch ({@code ClusterSync}) polls the calendars it is
 * pointed at but does not sweep it (its owner instance does, or the next to restart).
 *
 * <p>Threads: sweeps run on one daemon thread ({@code slothunter-area}; on the caller's thread in
 * manual mode); {@link #lock} serialises the read-modify-write of an area watch (a sweep's result, a
 * lookup's targets) and is never held across a provider call. Lock order: this lock, then the
 * Registry's.
 */
final class AreaSweeps implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AreaSweeps.class);
  /** The most calendars one area watch has polled at once. */
  static final int MAX_POLLED = 6;
  /** The share of the provider's budget sweeps may take. */
  static final double SHARE = 0.5;
  /** How soon a sweep the budget refused is tried again. */
  static final Duration RETRY = Duration.ofSeconds(5);

  /** One area watch's sweep state; fields guarded by {@link #lock} ({@code due} written under it, read without). */
  private static final class Sweep {
    final String watchId;
    volatile Instant due;
    boolean running;
    int lastPages;
    List<Candidate> candidates = List.of();

    Sweep(String watchId, Instant due) {
      this.watchId = watchId;
      this.due = due;
    }
  }

  /** A center whose first free slot may match. */
  private record Candidate(DoctorRef ref, String centerId, Instant firstFree) {}

  private final EngineContext ctx;
  private final AreaWatches areas;
  private final Registry registry;
  private final Lookups lookups;
  private final Object lock = new Object();
  private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();
  private final ExecutorService thread;
  private final Executor runner;

  AreaSweeps(EngineContext ctx, AreaWatches areas, Registry registry, Lookups lookups) {
    this.ctx = ctx;
    this.areas = areas;
    this.registry = registry;
    this.lookups = lookups;
    if (ctx.manual) {
      this.thread = null;
      this.runner = Runnable::run;
    } else {
      this.thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slothunter-area");
        t.setDaemon(true);
        return t;
      });
      this.runner = thread;
    }
  }

  /** Start-up: the area watches read back from the store are swept at once. */
  void restore(Collection<WatchRuntime> all) {
    Instant now = ctx.clock.instant();
    for (WatchRuntime wr : all) {
      if (wr.watch.area() != null) {
        sweeps.putIfAbsent(wr.id(), new Sweep(wr.id(), now));
      }
    }
  }

  /** A new area watch: its listing's hits pick the first candidates; the next sweep is scheduled. */
  void started(String watchId, AreaWatches.Resolved r, List<AreaHit> hits) {
    Sweep s = new Sweep(watchId, ctx.clock.instant());
    s.lastPages = AreaWatches.pages(hits.size(), r.search().pageSize());
    sweeps.put(watchId, s);
    apply(s, r, hits, false);
  }

  /** Runs the sweeps that are due (from the dispatcher's chores). */
  void runDue() {
    if (sweeps.isEmpty()) {
      return;
    }
    Instant now = ctx.clock.instant();
    for (Sweep s : sweeps.values()) {
      synchronized (lock) {
        if (s.running || s.due.isAfter(now)) {
          continue;
        }
        s.running = true;
      }
      try {
        runner.execute(() -> sweep(s));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return; // closing
      }
    }
  }

  private void sweep(Sweep s) {
    try {
      WatchRuntime wr = registry.watchRuntime(s.watchId);
      if (wr == null || wr.watch.state() == WatchState.CANCELLED || wr.watch.area() == null) {
        sweeps.remove(s.watchId);
        return;
      }
      Watch w = wr.watch;
      WatchArea area = w.area();
      ProviderRuntime rt = ctx.runtimes.get(area.query().providerId());
      if (rt == null || rt.provider().areaSearch().isEmpty()) {
        sweeps.remove(s.watchId);
        log.warn("area watch {} is on provider {}, which has no area search here; it is not swept", w.id(),
            area.query().providerId());
        return;
      }
      AreaWatches.Resolved r = new AreaWatches.Resolved(rt, rt.provider().areaSearch().get(), area.query(),
          area.city(), area.specialty());
      Instant now = ctx.clock.instant();
      boolean refresh = !now.isBefore(area.refreshedAt().plus(AreaWatches.REFRESH));
      Instant horizon = horizon(w, rt.info().zone());
      List<AreaHit> hits;
      try {
        // sorted earliest first: a later page holds nothing earlier than the last hit, so stop once
        // the last hit is past what the watch wants, or the hits so far give all the candidates polled;
        // the daily refresh lists every member instead (the earliest-first sort may leave some out)
        hits = areas.scan(r, BudgetGate.Use.LOOKUP, so -> !refresh
            && (beyond(first(so.get(so.size() - 1)), horizon) || candidates(w, area, so, rt.info().zone()).size() >= MAX_POLLED),
            false, !refresh);
      } catch (ProviderRuntime.BudgetExhausted e) {
        reschedule(s, now.plus(RETRY));
        return;
      } catch (SlotHunterException e) {
        log.warn("area watch {}: the search failed ({}); trying again at the next sweep", w.id(), e.code());
        reschedule(s, now.plus(interval(wr.plan, rt, Math.max(1, s.lastPages))));
        return;
      }
      s.lastPages = AreaWatches.pages(hits.size(), r.search().pageSize());
      apply(s, r, hits, refresh);
    } catch (RuntimeException e) {
      log.error("area sweep of watch {} failed; trying again later", s.watchId, e);
      reschedule(s, ctx.clock.instant().plus(Duration.ofMinutes(1)));
    } finally {
      synchronized (lock) {
        s.running = false;
      }
    }
  }

  private void reschedule(Sweep s, Instant at) {
    synchronized (lock) {
      s.due = at;
    }
  }

  /** Picks the candidates from a sweep's hits, points the watch at their calendars, schedules the next sweep. */
  private void apply(Sweep s, AreaWatches.Resolved r, List<AreaHit> hits, boolean refresh) {
    List<DoctorRef> toLookUp = new ArrayList<>();
    synchronized (lock) {
      WatchRuntime wr = registry.watchRuntime(s.watchId);
      if (wr == null || wr.watch.area() == null) {
        sweeps.remove(s.watchId);
        return;
      }
      Watch w = wr.watch;
      Instant now = ctx.clock.instant();
      WatchArea area = refresh ? areas.refreshed(w.area(), r, hits, now) : w.area();
      List<Candidate> candidates = candidates(w, area, hits, r.runtime().info().zone());
      s.candidates = List.copyOf(candidates.subList(0, Math.min(MAX_POLLED, candidates.size())));
      List<Target> targets = targets(area, s.candidates, toLookUp);
      registry.retarget(s.watchId, targets, AreaWatches.prices(area, targets), area);
      s.due = now.plus(interval(wr.plan, r.runtime(), Math.max(1, s.lastPages)));
      log.debug("area watch {} swept: {} hits, {} candidates, {} calendars polled, {} to look up", s.watchId,
          hits.size(), candidates.size(), targets.size(), toLookUp.size());
    }
    for (DoctorRef ref : toLookUp) {
      lookups.lookupAsync(r.runtime(), ref).whenComplete((doctor, e) -> {
        if (doctor != null) {
          learned(s.watchId, ref, doctor);
        } else {
          log.debug("area watch {}: looking up a member failed: {}", s.watchId, e.toString());
        }
      });
    }
  }

  /** The members' centers among the hits whose first free slot may match the watch, earliest first. */
  private static List<Candidate> candidates(Watch w, WatchArea area, List<AreaHit> hits, ZoneId zone) {
    List<Candidate> candidates = new ArrayList<>();
    for (AreaHit h : hits) {
      AreaMember m = area.member(h.ref());
      if (m == null) {
        continue; // not a member (joined since the last refresh, or outside the radius)
      }
      for (AreaCenter c : h.centers()) {
        if (m.center(c.centerId()) != null && candidate(w, area.query(), m, c, zone)) {
          candidates.add(new Candidate(m.ref(), c.centerId(), c.firstFree()));
        }
      }
    }
    candidates.sort(Comparator.comparing(Candidate::firstFree));
    return candidates;
  }

  /** The calendars of the candidates whose member's are known; the others are added to {@code toLookUp}. */
  private static List<Target> targets(WatchArea area, List<Candidate> candidates, List<DoctorRef> toLookUp) {
    List<Target> out = new ArrayList<>();
    for (Candidate c : candidates) {
      AreaMember m = area.member(c.ref());
      if (m == null) {
        continue;
      }
      if (m.targets().isEmpty()) {
        if (!toLookUp.contains(m.ref())) {
          toLookUp.add(m.ref());
        }
        continue;
      }
      for (Target t : m.targets()) {
        if (t.centerId().equals(c.centerId()) && !out.contains(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /**
   * A member's lookup came back: centers the page showed without a pin take the profile's (a member
   * with none left in the radius leaves the area), its calendars are kept, and polled if it is still
   * a candidate.
   */
  private void learned(String watchId, DoctorRef ref, Doctor doctor) {
    synchronized (lock) {
      Sweep s = sweeps.get(watchId);
      WatchRuntime wr = registry.watchRuntime(watchId);
      if (s == null || wr == null || wr.watch.area() == null) {
        return;
      }
      WatchArea area = wr.watch.area();
      AreaMember m = area.member(ref);
      if (m == null || !m.targets().isEmpty()) {
        return;
      }
      AreaMember located = AreaWatches.pinned(area.query(), m, doctor);
      if (located != null && located.targets().isEmpty()) {
        return;
      }
      List<AreaMember> members = new ArrayList<>();
      for (AreaMember x : area.members()) {
        if (!x.ref().equals(ref)) {
          members.add(x);
        } else if (located != null) {
          members.add(located);
        }
      }
      WatchArea updated = area.withMembers(members);
      List<Target> targets = targets(updated, s.candidates, new ArrayList<>());
      registry.retarget(watchId, targets, AreaWatches.prices(updated, targets), updated);
    }
  }

  /** Whether a center's first free slot, as the search shows it, may match the watch. */
  static boolean candidate(Watch w, AreaQuery q, AreaMember m, AreaCenter c, ZoneId zone) {
    Instant first = c.firstFree();
    if (first == null) {
      return false;
    }
    if (q.maxPrice() != null && c.price() != null && c.price() > q.maxPrice()) {
      return false;
    }
    AutoBook ab = w.autoBook();
    if (ab != null && ab.replaces() != null && !first.isBefore(ab.replaces().slot().start())) {
      return false;
    }
    SlotFilter f = w.filter();
    Slot probe = new Slot(new Target(m.ref(), c.centerId(), "first-free", Map.of()), first, first.plusSeconds(60),
        "first-free");
    return f.rejection(probe, zone, c.price()) == null;
  }

  /** The last instant a wanted slot may start (the filter's end, a replaced booking's start), or {@code null}. */
  private static Instant horizon(Watch w, ZoneId zone) {
    Instant h = null;
    LocalDate to = w.filter().to();
    if (to != null) {
      h = to.plusDays(1).atStartOfDay(zone).toInstant();
    }
    AutoBook ab = w.autoBook();
    if (ab != null && ab.replaces() != null) {
      Instant r = ab.replaces().slot().start();
      h = h == null || r.isBefore(h) ? r : h;
    }
    return h;
  }

  private static Instant first(AreaHit h) {
    Instant min = null;
    for (AreaCenter c : h.centers()) {
      if (c.firstFree() != null && (min == null || c.firstFree().isBefore(min))) {
        min = c.firstFree();
      }
    }
    return min;
  }

  /** Whether pages sorted earliest first can hold nothing wanted after a hit with this first free slot. */
  private static boolean beyond(Instant first, Instant horizon) {
    return first == null || (horizon != null && !first.isBefore(horizon));
  }

  /** The time between two sweeps: the plan's interval, stretched to keep sweeps within {@link #SHARE} of the budget. */
  static Duration interval(Plan plan, ProviderRuntime rt, int pages) {
    RequestBudget b = rt.gate().budget();
    long perHourGap = (long) Math.ceil(pages * 3_600_000.0 / Math.max(1, b.perHour() * SHARE));
    long perMinuteGap = (long) Math.ceil(pages * 60_000.0 / Math.max(1, b.perMinute() * SHARE));
    return Duration.ofMillis(Math.max(plan.minInterval().toMillis(), Math.max(perHourGap, perMinuteGap)));
  }

  /**
   * When a watch's next sweep is due, or {@code null} when it has none (health). Takes no lock: the
   * health tracker asks under the Registry's lock.
   */
  Instant nextSweep(String watchId) {
    Sweep s = sweeps.get(watchId);
    return s == null ? null : s.due;
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
