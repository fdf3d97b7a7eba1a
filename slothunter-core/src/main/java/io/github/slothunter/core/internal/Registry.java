package io.github.slothunter.core.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Subscription;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.api.WatchState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered watches: registration with its quota checks, cancellation, plans, snoozes, quota
 * enforcement and the start-up restore from the {@link Store}. A watch is attached to its targets'
 * poll streams through the {@link Scheduler}.
 *
 * <p><b>Threads.</b> One lock, {@code registration}, serialises registrations, cancellations and
 * watch-state saves (so a concurrent registration never attaches to a target being dropped); the
 * maps are concurrent for readers. Lock order: this lock, then the scheduler's, then a watch's.
 */
final class Registry {
  private static final Logger log = LoggerFactory.getLogger(Registry.class);

  private final Clock clock;
  private final Store store;
  private final Plans plans;
  private final EventBus bus;
  private final Map<String, ProviderRuntime> runtimes;
  private final EngineContext ctx;
  private final Scheduler scheduler;
  private final Announcer announcer;
  private final HealthTracker health;
  private final Map<String, WatchRuntime> watches = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();
  private final Object registration = new Object();
  private final SecureRandom random = new SecureRandom();

  Registry(EngineContext ctx, Scheduler scheduler, Announcer announcer, HealthTracker health) {
    this.ctx = ctx;
    this.clock = ctx.clock;
    this.store = ctx.store;
    this.plans = ctx.plans;
    this.bus = ctx.bus;
    this.runtimes = ctx.runtimes;
    this.scheduler = scheduler;
    this.announcer = announcer;
    this.health = health;
  }

  /** Every registered watch (a live view). */
  Collection<WatchRuntime> all() {
    return watches.values();
  }

  /** The registered watch ids (a copy). */
  List<String> ids() {
    return List.copyOf(watches.keySet());
  }

  /** How many watches are registered. */
  int size() {
    return watches.size();
  }

  /** An owner's registered watches, oldest first. */
  List<WatchRuntime> of(String owner) {
    List<WatchRuntime> mine = new ArrayList<>();
    for (String id : byOwner.getOrDefault(owner, Set.of())) {
      WatchRuntime wr = watches.get(id);
      if (wr != null) {
        mine.add(wr);
      }
    }
    mine.sort(Comparator.comparing((WatchRuntime w) -> w.watch.createdAt()).thenComparing(WatchRuntime::id));
    return mine;
  }

  /** Registers a watch stored by another instance (cluster sync), unless already known. */
  void adopt(Watch w) {
    synchronized (registration) {
      if (!watches.containsKey(w.id())) {
        WatchRuntime wr = stored(w, store.announced(w.id()));
        register(wr);
        attach(wr, false);
      }
    }
  }

  /** Whether a watch id is registered here. */
  boolean has(String watchId) {
    return watches.containsKey(watchId);
  }

  /** Adds a watch to its targets; with {@code announce}, tells it about matching slots already known. */
  private void attach(WatchRuntime wr, boolean announce) {
    for (Target t : wr.watch.targets()) {
      attach(wr, t, announce);
    }
  }

  private void attach(WatchRuntime wr, Target t, boolean announce) {
    Watch w = wr.watch;
    ProviderRuntime rt = runtimes.get(t.providerId());
    if (rt == null) {
      log.warn("watch {} is on provider {}, which is not registered; it will not be polled", w.id(), t.providerId());
      return;
    }
    TargetState ts = scheduler.attach(wr, t, rt, w.prices().get(t.id()));
    if (announce && ts.everPolled && ts.leased) {
      announcer.announceKnown(wr, ts);
    }
  }

  /**
   * Points a registered watch at other calendars (an area watch's candidates or members changed):
   * saved first, then the added calendars attached (told what is already known to match) and the
   * dropped ones detached. A cancelled or unknown watch is left alone.
   *
   * @return whether the watch was updated
   */
  boolean retarget(String watchId, List<Target> targets, Map<String, Long> prices,
      io.github.slothunter.api.WatchArea area) {
    synchronized (registration) {
      WatchRuntime wr = watches.get(watchId);
      if (wr == null || wr.watch.state() == WatchState.CANCELLED) {
        return false;
      }
      Watch before = wr.watch;
      Watch after = before.withTargets(targets, prices, area);
      if (after.equals(before)) {
        return true;
      }
      store.saveWatch(after);
      synchronized (wr) {
        wr.watch = after;
      }
      Set<String> kept = new HashSet<>();
      for (Target t : after.targets()) {
        kept.add(t.id());
      }
      for (Target t : before.targets()) {
        if (!kept.contains(t.id())) {
          scheduler.detach(wr, t);
        }
      }
      Set<String> had = new HashSet<>();
      for (Target t : before.targets()) {
        had.add(t.id());
      }
      for (Target t : after.targets()) {
        if (!had.contains(t.id())) {
          attach(wr, t, true);
        }
      }
      return true;
    }
  }

  boolean cancel(String watchId) {
    WatchRuntime wr;
    synchronized (registration) {
      wr = watches.remove(watchId);
      if (wr == null) {
        return false;
      }
      Set<String> mine = byOwner.get(wr.watch.owner());
      if (mine != null) {
        mine.remove(watchId);
      }
      wr.watch = wr.watch.withState(WatchState.CANCELLED);
      store.deleteWatch(watchId);
      // Still under the registration lock: a concurrent watch() must not attach to a target being dropped.
      for (Target t : wr.watch.targets()) {
        scheduler.detach(wr, t);
      }
    }
    log.debug("watch {} cancelled", watchId);
    return true;
  }


  Watch register(WatchRequest req, Plan plan, Directory.Resolved r) {
    return register(req, plan, r, null);
  }

  /** Registers a watch; {@code area} is an area watch's query and members, or {@code null}. */
  Watch register(WatchRequest req, Plan plan, Directory.Resolved r, io.github.slothunter.api.WatchArea area) {
    ctx.ensureOpen();
    AutoBook autoBook = req.autoBook().orElse(null);
    boolean fallback = false;
    if (autoBook != null) {
      if (!autoBook.session().providerId().equals(r.runtime().id())) {
        throw SlotHunterException.invalid("autoBook session",
            "is for provider " + autoBook.session().providerId() + " but the doctor is on " + r.runtime().id());
      }
      if (r.runtime().provider().booker().isEmpty()) {
        autoBook = null;
        fallback = true;
      }
    }
    Watch w;
    synchronized (registration) {
      ctx.ensureOpen();
      checkQuota(req, plan);
      if (req.planName().isPresent() && !planOf(req.owner()).name().equals(plan.name())) {
        store.saveOwnerPlan(req.owner(), plan.name()); // a plan the request names runs without an end
        moveWatches(req.owner(), plan); // the owner's other watches follow it
      }
      w = new Watch(newId(), req.owner(), r.ref(), r.targets(), r.prices(), req.filter(), plan.name(), autoBook,
          clock.instant(), WatchState.ACTIVE, Map.of(), area, r.labels());
      store.saveWatch(w);
      WatchRuntime wr = new WatchRuntime(w, plan, Set.of());
      register(wr);
      attach(wr, true);
      health.updateHealth(wr); // a budget already short of its plan says so at once
    }
    log.debug("watch {} registered for owner {} on {} ({} targets, plan {}, autoBook={})", w.id(), w.owner(), w.doctor(),
        w.targets().size(), plan.name(), autoBook != null);
    if (fallback) {
      bus.publish(new WatchPaused(w.id(), w.owner(), ErrorCode.UNSUPPORTED, "provider " + r.runtime().id()
          + " cannot book automatically; this watch notifies with booking links instead", clock.instant()));
    }
    return w;
  }

  void checkQuota(WatchRequest req, Plan plan) {
    if (req.autoBook().isPresent() && !plan.autoBook()) {
      throw new SlotHunterException(ErrorCode.QUOTA_EXCEEDED,
          "plan " + plan.name() + " does not include auto-booking; upgrade the owner's plan");
    }
    long count = byOwner.getOrDefault(req.owner(), Set.of()).size();
    if (count >= plan.maxWatches()) {
      throw new SlotHunterException(ErrorCode.QUOTA_EXCEEDED, "owner " + req.owner() + " has " + count
          + " watch(es); plan " + plan.name() + " allows " + plan.maxWatches());
    }
  }

  List<Watch> watches(String owner) {
    List<Watch> list = new ArrayList<>();
    for (String id : byOwner.getOrDefault(owner, Set.of())) {
      WatchRuntime wr = watches.get(id);
      if (wr != null) {
        list.add(wr.watch);
      }
    }
    list.sort(Comparator.comparing(Watch::createdAt).thenComparing(Watch::id));
    return list;
  }

  private void register(WatchRuntime wr) {
    watches.put(wr.id(), wr);
    byOwner.computeIfAbsent(wr.watch.owner(), k -> ConcurrentHashMap.newKeySet()).add(wr.id());
  }

  Optional<Watch> find(String watchId) {
    WatchRuntime wr = watches.get(watchId);
    return wr == null ? Optional.empty() : Optional.of(wr.watch);
  }

  /** The owner's plan now: the one set, or the default plan if none was set or it lapsed (past its grace). */
  Plan planOf(String owner) {
    return store.subscription(owner).filter(s -> !s.lapsed(clock.instant(), plans.grace()))
        .flatMap(s -> plans.find(s.planName())).orElse(plans.defaultPlan());
  }

  /** The owner's subscription if it lapsed (the owner is on the default plan because of it). */
  Optional<Subscription> lapsed(String owner) {
    return store.subscription(owner).filter(s -> s.lapsed(clock.instant(), plans.grace()));
  }

  /**
   * Sets the owner's plan and applies it to the watches they have: each is saved under the new plan
   * first, then polled at its pace and priority; quota and auto-booking follow ({@link #applyQuota}),
   * and health changes tell the owner.
   */
  Subscription setPlan(String owner, String planName, Instant until) {
    Plan plan = plans.get(planName);
    Subscription sub = new Subscription(owner, plan.name(), until);
    synchronized (registration) {
      store.saveSubscription(sub);
      moveWatches(owner, planOf(owner)); // an end already past (with its grace) means the default plan
      applyQuota(owner);
    }
    log.debug("owner {} is on plan {} now{}", owner, plan.name(), until == null ? "" : " until " + until);
    return sub;
  }

  /** The owner's plan lapsed (or was renewed meanwhile): their watches follow the plan they have now. */
  void replan(String owner) {
    synchronized (registration) {
      Plan now = planOf(owner);
      moveWatches(owner, now);
      applyQuota(owner);
      log.info("owner {}'s plan ended; on {} now", owner, now.name());
    }
  }

  /** Puts the owner's watches on {@code plan}: saved first, then paced. Caller holds {@code registration}. */
  private void moveWatches(String owner, Plan plan) {
    for (WatchRuntime wr : of(owner)) {
      if (wr.watch.planName().equals(plan.name()) && wr.plan.equals(plan)) {
        continue;
      }
      Watch moved = wr.watch.withPlanName(plan.name());
      store.saveWatch(moved);
      synchronized (wr) {
        wr.watch = moved;
        wr.plan = plan;
      }
      for (Target t : moved.targets()) {
        scheduler.replan(t);
      }
    }
  }

  // ---------------------------------------------------------------- restore

  /** A watch read back from the store; a plan that no longer exists falls back to the default plan. */
  private WatchRuntime stored(Watch w, Set<String> announced) {
    return new WatchRuntime(w, plans.find(w.planName()).orElse(plans.defaultPlan()), announced);
  }

  void restore() {
    List<Watch> stored = store.loadWatches();
    Map<String, Set<String>> announced = store.announced(stored.stream().map(Watch::id).toList());
    Set<String> wantsAttempts = new HashSet<>();
    for (Watch w : stored) {
      WatchRuntime wr = stored(w, announced.getOrDefault(w.id(), Set.of()));
      if (w.autoBook() != null) {
        wantsAttempts.add(w.id());
      }
      register(wr);
    }
    for (String id : wantsAttempts) { // only auto-booking watches have attempts to count
      WatchRuntime wr = watches.get(id);
      List<io.github.slothunter.api.BookingAttempt> attempts = store.attempts(id);
      wr.bookings = (int) attempts.stream()
          .filter(a -> a.state() == io.github.slothunter.api.BookingAttempt.State.BOOKED
              || a.state() == io.github.slothunter.api.BookingAttempt.State.REPLACING).count();
      wr.attempts = attempts.size();
      if (wr.watch.state() == WatchState.ACTIVE && wr.bookings >= wr.watch.autoBook().maxBookings()) {
        // a crash between the booking and the watch's own state: it is done booking
        saveWatch(wr, WatchState.BOOKED);
      }
    }
    Set<String> loaded = new HashSet<>();
    for (WatchRuntime wr : watches.values()) {
      for (Target t : wr.watch.targets()) {
        ProviderRuntime rt = runtimes.get(t.providerId());
        if (rt != null && loaded.add(t.id())) { // one snapshot read per target, not per watch
          store.loadSnapshot(t.id()).ifPresent(s -> {
            TargetState ts = scheduler.restored(t, rt);
            ts.snapshot = TargetState.index(s.slots());
            ts.everPolled = true;
            ts.lastPollAt = s.polledAt();
            s.slots().forEach(slot -> ts.firstSeen.putIfAbsent(slot.id(), s.polledAt()));
          });
        }
      }
      attach(wr, false);
    }
    synchronized (registration) {
      for (String owner : byOwner.keySet()) {
        // the plan may have changed, or lapsed, while the engine was down
        moveWatches(owner, planOf(owner));
        applyQuota(owner);
      }
    }
  }

  WatchRuntime watchRuntime(String id) {
    return watches.get(id);
  }

  void saveWatch(WatchRuntime wr, WatchState state) {
    synchronized (registration) {
      if (wr.watch.state() == WatchState.CANCELLED || !watches.containsKey(wr.id())) {
        return;
      }
      wr.watch = wr.watch.withState(state);
      store.saveWatch(wr.watch);
    }
  }

  // ---------------------------------------------------------------- health

  WatchRuntime watchOrThrow(String watchId) {
    WatchRuntime wr = watches.get(watchId);
    if (wr == null) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "no watch with id '" + Directory.abbreviate(watchId) + "'");
    }
    return wr;
  }

  /** Re-applies the owner's plan limits to their watches: watches beyond the quota stop being told. */
  void applyQuota(String owner) {
    Plan plan = planOf(owner);
    List<WatchRuntime> mine = of(owner);
    for (int i = 0; i < mine.size(); i++) {
      WatchRuntime wr = mine.get(i);
      wr.overQuota = i >= plan.maxWatches();
      wr.bookingOverQuota = wr.watch.autoBook() != null && !plan.autoBook();
      health.updateHealth(wr);
    }
  }

  /** Snoozes a target for one watch; returns the updated watch. */
  Watch snooze(String watchId, String targetId, Duration duration) {
    WatchRuntime wr = watchOrThrow(watchId);
    if (wr.watch.targets().stream().noneMatch(t -> t.id().equals(targetId))) {
      throw SlotHunterException.invalid("targetId", "is not one of watch " + watchId + "'s targets");
    }
    synchronized (registration) {
      synchronized (wr) {
        Instant now = clock.instant();
        wr.watch = wr.watch.withSnooze(targetId, now.plus(duration), now);
        store.saveWatch(wr.watch);
        return wr.watch;
      }
    }
  }

  private String newId() {
    byte[] b = new byte[9];
    random.nextBytes(b);
    return "w-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
