package io.github.slothunter.core.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotListener;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.core.AutoBook;
import io.github.slothunter.core.EngineStats;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.core.SlotChange;
import io.github.slothunter.core.Store;
import io.github.slothunter.core.TargetSnapshot;
import io.github.slothunter.core.TargetLeases;
import io.github.slothunter.core.TargetStats;
import io.github.slothunter.core.Watch;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.core.WatchState;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link io.github.slothunter.core.SlotHunter}.
 *
 * <p><b>Coalescing.</b> Watches are attached to {@link TargetState}s keyed by target id; a target is
 * polled by one stream whatever the number of watches on it, and its interval is the shortest
 * {@code minInterval} among its watches' plans.
 *
 * <p><b>Scheduling.</b> Per provider, targets wait in one queue per plan priority, ordered by due
 * time. When several priority classes have due targets, the next poll goes to the class with the
 * lowest stride "pass" (each poll advances a class's pass by {@code 1/priority}), so under a short
 * budget classes share it in proportion to their priority while within a class targets are served
 * oldest-due first: a PRO target is never starved by thousands of FREE ones and no FREE target
 * starves either. A poll starts only when the provider's {@link BudgetGate} grants a token. A poll
 * the budget cut short after some of its free days comes back first, for the rest. When no target
 * is due and the budget has room, adaptive targets are polled early, the most promising first
 * (see {@link #adaptiveCandidate}).
 *
 * <p><b>Threads.</b> One dispatcher thread ({@code slothunter-dispatch}) sleeps until the next due
 * time or token; polls (and the auto-booking that follows a poll) run on the poll executor; events
 * go through the {@link EventBus}. In manual mode there are no threads: {@link #runDue()} polls on
 * the caller's thread.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  private static final AtomicInteger DISPATCHERS = new AtomicInteger();
  private static final Duration LOOKUP_WAIT = Duration.ofSeconds(30);
  private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);

  final Clock clock;
  final Store store;
  final Plans plans;
  final EventBus bus;
  final boolean manual;
  private final Map<String, ProviderRuntime> runtimes;
  private final Map<String, ProviderQueues> queues = new LinkedHashMap<>();
  private final Map<String, TargetState> targets = new ConcurrentHashMap<>();
  private final Map<String, WatchRuntime> watches = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();
  private final Lookups lookups;
  private final Object schedLock = new Object();
  private final Object registration = new Object();
  private final ExecutorService pollPool;
  private final boolean ownsPool;
  private final Thread dispatcher;
  private final Duration closeTimeout;
  private final AtomicInteger pollsInFlight = new AtomicInteger();
  private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(2), 2.0, 0.5);
  private final SecureRandom random = new SecureRandom();
  final AutoBooker autoBooker;
  private final TargetLeases leases;
  private final boolean shared;
  private final String instanceId;
  private final Duration leaseTime;
  private long nextSync;
  private long seq;
  /** When the dispatcher means to look again (clock millis); guarded by schedLock. */
  private long plannedWake;
  volatile boolean closed;
  final ReleaseForecaster forecaster;
  /** The rules of the forecaster's {@linkplain ReleaseForecaster#zone zone}, whose clock hours its rates follow. */
  private final ZoneRules forecastHours;
  final EngineMetrics metrics;
  /** How often adaptive scheduling re-ranks its targets by the releases they are expected to show. */
  static final Duration ADAPTIVE_REFRESH = Duration.ofSeconds(30);
  /** The least time between two rankings (a ranking reads every adaptive target of its class). */
  static final Duration ADAPTIVE_MIN_REFRESH = Duration.ofSeconds(1);
  /** How long the forecaster must have watched a target before adaptive scheduling stops exploring it. */
  static final Duration ADAPTIVE_EXPLORATION = Duration.ofDays(7);
  /** The time a freed slot is assumed to stay free until the forecaster has seen some taken. */
  static final Duration DEFAULT_FREE_TIME = Duration.ofMinutes(15);
  /**
   * How often (in polls) the free days after a calendar's one-request window are read, for watches
   * that want them: each such look costs a request plus one per wanted free day, and those days are
   * further off (Paziresh24: more than ~10 days ahead).
   */
  static final int FAR_DAYS_EVERY = 5;
  /** How long a calendar whose online booking is switched off waits before it is checked again. */
  static final Duration BOOKING_OFF_RECHECK = Duration.ofDays(1);
  /** While exploring, the bound grows from the round-robin interval to {@code 1 +} this many times it. */
  static final double ADAPTIVE_EXPLORATION_GROWTH = 3;
  /** How often a provider's pace estimate is made at most (it reads every queued target). */
  static final Duration PACE_REFRESH = Duration.ofSeconds(1);
  /** A target polled this many times slower than its plan asks is reported as {@code BUDGET_SHORT}. */
  static final double SHORT_SLOWDOWN = 1.25;
  /** Under a budget too short for every maxInterval, bounded polls may use at most 1/this of it. */
  static final int ADAPTIVE_BOUND_SHARE = 2;
  private static final long HOUR_MILLIS = 3_600_000L;

  public Engine(Clock clock, Store store, Plans plans, List<ProviderRuntime> providers, int eventCapacity,
      ExecutorService executor, boolean manual, Duration closeTimeout, String instanceId, Duration leaseTime,
      ReleaseForecaster forecaster, EngineMetrics metrics) {
    this.forecaster = forecaster;
    this.forecastHours = forecastZone(forecaster).getRules();
    this.metrics = metrics;
    this.leases = store.leases();
    this.shared = leases != TargetLeases.SINGLE_INSTANCE;
    this.instanceId = instanceId;
    this.leaseTime = leaseTime;
    this.clock = clock;
    this.store = store;
    this.plans = plans;
    this.manual = manual;
    this.closeTimeout = closeTimeout;
    this.bus = new EventBus(eventCapacity, clock);
    this.lookups = new Lookups(clock, manual);
    Map<String, ProviderRuntime> map = new LinkedHashMap<>();
    for (ProviderRuntime rt : providers) {
      map.put(rt.id(), rt);
      queues.put(rt.id(), new ProviderQueues());
      rt.breaker().getEventPublisher().onStateTransition(e -> onBreakerTransition(rt, e.getStateTransition()));
      rt.metrics = metrics;
    }
    this.runtimes = map;
    this.autoBooker = new AutoBooker(this);
    if (manual) {
      this.pollPool = null;
      this.ownsPool = false;
      this.dispatcher = null;
    } else {
      int threads = Math.max(2, Math.min(64, providers.stream().mapToInt(r -> r.gate().budget().maxInFlight()).sum() + 1));
      this.ownsPool = executor == null;
      this.pollPool = executor != null ? executor : java.util.concurrent.Executors.newFixedThreadPool(threads,
          new NamedThreadFactory("slothunter-poll-"));
      this.dispatcher = new Thread(this::dispatchLoop, "slothunter-dispatch-" + DISPATCHERS.incrementAndGet());
      this.dispatcher.setDaemon(true);
    }
    restore();
    metrics.bind(this);
    if (shared) {
      nextSync = Long.MIN_VALUE; // marks the first sync: restored state is fresh, no takeover reload
      syncCluster();
    }
    if (dispatcher != null) {
      dispatcher.start();
    }
    log.info("SlotHunter started: providers={}, watches={}, targets={}, mode={}", runtimes.keySet(), watches.size(),
        targets.size(), manual ? "manual" : "threaded");
  }

  // ---------------------------------------------------------------- registration

  public Watch watch(WatchRequest req) {
    ensureOpen();
    Plan plan = planFor(req);
    if (req.target().isPresent()) {
      return register(req, plan, resolveTarget(req.target().get()));
    }
    ParsedLink parsed = parseOrThrow(req.link().orElseThrow());
    return register(req, plan, resolve(req, parsed.runtime, lookups.lookup(parsed.runtime, parsed.ref)));
  }

  /**
   * Registers a watch once its doctor is looked up, queued inside the provider's budget (see
   * {@link Lookups}): bad input and quota fail at once, the rest completes the future.
   */
  public java.util.concurrent.CompletableFuture<Watch> watchAsync(WatchRequest req) {
    ensureOpen();
    Plan plan = planFor(req);
    if (req.target().isPresent()) {
      Resolved r = resolveTarget(req.target().get());
      return java.util.concurrent.CompletableFuture.supplyAsync(() -> register(req, plan, r), Runnable::run);
    }
    ParsedLink parsed = parseOrThrow(req.link().orElseThrow());
    return lookups.lookupAsync(parsed.runtime, parsed.ref)
        .thenApply(doctor -> register(req, plan, resolve(req, parsed.runtime, doctor)));
  }

  /** What the doctor lookups have done and have left, for one provider or (null) all. */
  public io.github.slothunter.core.LookupProgress lookupProgress(String providerId) {
    return lookups.progress(providerId);
  }

  private Plan planFor(WatchRequest req) {
    Plan plan = req.planName().map(plans::get).orElseGet(() -> planOf(req.owner()));
    checkQuota(req, plan);
    return plan;
  }

  private Watch register(WatchRequest req, Plan plan, Resolved r) {
    ensureOpen();
    AutoBook autoBook = req.autoBook().orElse(null);
    boolean fallback = false;
    if (autoBook != null) {
      if (!autoBook.session().providerId().equals(r.runtime.id())) {
        throw SlotHunterException.invalid("autoBook session",
            "is for provider " + autoBook.session().providerId() + " but the doctor is on " + r.runtime.id());
      }
      if (r.runtime.provider().booker().isEmpty()) {
        autoBook = null;
        fallback = true;
      }
    }
    Watch w;
    synchronized (registration) {
      ensureOpen();
      checkQuota(req, plan);
      if (req.planName().isPresent()) {
        store.saveOwnerPlan(req.owner(), plan.name());
      }
      w = new Watch(newId(), req.owner(), r.ref, r.targets, r.prices, req.filter(), plan.name(), autoBook,
          clock.instant(), WatchState.ACTIVE);
      store.saveWatch(w);
      WatchRuntime wr = new WatchRuntime(w, plan, Set.of());
      register(wr);
      attach(wr, true);
      updateHealth(wr); // a budget already short of its plan says so at once
    }
    log.debug("watch {} registered for owner {} on {} ({} targets, plan {}, autoBook={})", w.id(), w.owner(), w.doctor(),
        w.targets().size(), plan.name(), autoBook != null);
    if (fallback) {
      bus.publish(new WatchPaused(w.id(), w.owner(), ErrorCode.UNSUPPORTED, "provider " + r.runtime.id()
          + " cannot book automatically; this watch notifies with booking links instead", clock.instant()));
    }
    return w;
  }

  private void checkQuota(WatchRequest req, Plan plan) {
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

  private record Resolved(ProviderRuntime runtime, DoctorRef ref, List<Target> targets, Map<String, Long> prices) {}

  private Resolved resolveTarget(Target t) {
    ProviderRuntime rt = runtimes.get(t.providerId());
    if (rt == null) {
      throw SlotHunterException.invalid("target", "is on provider '" + t.providerId() + "', which is not registered; known: "
          + runtimes.keySet());
    }
    return new Resolved(rt, t.ref(), List.of(t), Map.of());
  }

  /** The watch's targets: the doctor's bookable services, narrowed to the request's center and service. */
  private static Resolved resolve(WatchRequest req, ProviderRuntime runtime, Doctor doctor) {
    List<Target> list = new ArrayList<>();
    Map<String, Long> prices = new HashMap<>();
    for (Center center : doctor.centers()) {
      if (req.centerId().isPresent() && !req.centerId().get().equals(center.id())) {
        continue;
      }
      for (Service service : center.services()) {
        if (req.serviceId().isPresent() && !req.serviceId().get().equals(service.id())) {
          continue;
        }
        if (service.bookable()) {
          Target t = new Target(doctor.ref(), center.id(), service.id(), service.providerKeys());
          list.add(t);
          if (service.price() != null) {
            prices.put(t.id(), service.price());
          }
        }
      }
    }
    if (list.isEmpty()) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "doctor " + doctor.ref() + " has no bookable service"
          + req.centerId().map(c -> " at center " + c).orElse("") + req.serviceId().map(s -> " with service " + s).orElse(""));
    }
    return new Resolved(runtime, doctor.ref(), list, prices);
  }

  /** A link parsed by one provider. */
  public record ParsedLink(ProviderRuntime runtime, DoctorRef ref) {}

  public Optional<ParsedLink> parse(String link) {
    for (ProviderRuntime rt : runtimes.values()) {
      Optional<DoctorRef> ref;
      try {
        ref = rt.provider().parse(link);
      } catch (RuntimeException e) {
        log.warn("provider {} threw while parsing a link; treating it as not its link", rt.id(), e);
        continue;
      }
      if (ref.isPresent()) {
        return Optional.of(new ParsedLink(rt, ref.get()));
      }
    }
    return Optional.empty();
  }

  private ParsedLink parseOrThrow(String link) {
    return parse(link).orElseThrow(() -> SlotHunterException.invalid("doctor link",
        "'" + abbreviate(link) + "' is not a doctor link of any registered provider " + runtimes.keySet()));
  }

  public Doctor lookup(String link) {
    ensureOpen();
    ParsedLink parsed = parseOrThrow(link);
    return lookup(parsed.runtime, parsed.ref);
  }

  /** Looks a doctor up by reference (cached like {@link #lookup(String)}). */
  public Doctor lookup(DoctorRef ref) {
    ensureOpen();
    return lookup(runtime(ref.providerId()), ref);
  }

  /** One page of a provider's doctor search, through its budget. */
  public List<io.github.slothunter.api.DoctorSummary> search(String providerId, io.github.slothunter.api.SearchQuery query) {
    ensureOpen();
    ProviderRuntime rt = runtime(providerId);
    io.github.slothunter.spi.DoctorSearch search = rt.provider().search().orElseThrow(() ->
        SlotHunterException.builder(ErrorCode.UNSUPPORTED).providerId(providerId)
            .message(providerId + " has no doctor search").build());
    try {
      return rt.call(BudgetGate.Use.URGENT, manual ? Duration.ZERO : LOOKUP_WAIT, () -> search.search(query));
    } catch (ProviderRuntime.BudgetExhausted e) {
      throw exhausted(rt);
    }
  }

  /**
   * Looks a doctor up, or reuses a lookup younger than {@link Lookups#TTL}: a thousand users adding
   * the same doctor cost one request. Waits its turn in the provider's lookup queue.
   */
  private Doctor lookup(ProviderRuntime rt, DoctorRef ref) {
    return lookups.lookup(rt, ref);
  }

  /** Free slots of a target over its free days (at most {@code maxDays} days), through the budget. */
  public List<Slot> freeSlots(Target target, int maxDays) {
    ensureOpen();
    ProviderRuntime rt = runtime(target.providerId());
    Duration wait = manual ? Duration.ZERO : LOOKUP_WAIT;
    SlotWatcher w = rt.provider().slots();
    List<Slot> out = new ArrayList<>();
    try {
      FreeCalendar calendar = rt.call(BudgetGate.Use.URGENT, wait, () -> w.freeCalendar(target));
      List<LocalDate> days = new ArrayList<>(calendar.freeDays());
      LocalDate through = calendar.daysThrough();
      if (through != null && days.size() < maxDays) { // the first days were not enough: look past the window
        for (LocalDate d : rt.call(BudgetGate.Use.URGENT, wait, () -> w.freeDays(target))) {
          if (d.isAfter(through)) {
            days.add(d);
          }
        }
      }
      for (LocalDate day : days.subList(0, Math.min(days.size(), maxDays))) {
        Optional<List<Slot>> answered = calendar.slotsOf(day);
        out.addAll(answered.isPresent() ? answered.get()
            : rt.call(BudgetGate.Use.URGENT, wait, () -> w.freeSlots(target, day)));
      }
    } catch (ProviderRuntime.BudgetExhausted e) {
      throw exhausted(rt);
    }
    out.sort(TargetState.BY_START);
    return out;
  }

  private SlotHunterException exhausted(ProviderRuntime rt) {
    return Lookups.budgetSpent(rt, clock, BudgetGate.Use.URGENT);
  }

  private ProviderRuntime runtime(String id) {
    ProviderRuntime rt = runtimes.get(id);
    if (rt == null) {
      throw SlotHunterException.invalid("provider", "'" + id + "' is not registered; known: " + runtimes.keySet());
    }
    return rt;
  }

  /** Adds a watch to its targets; with {@code announce}, tells it about matching slots already known. */
  private void attach(WatchRuntime wr, boolean announce) {
    Watch w = wr.watch;
    for (Target t : w.targets()) {
      ProviderRuntime rt = runtimes.get(t.providerId());
      if (rt == null) {
        log.warn("watch {} is on provider {}, which is not registered; it will not be polled", w.id(), t.providerId());
        continue;
      }
      TargetState ts;
      synchronized (schedLock) { // atomic with the removal of targets whose last watch went away
        ts = targets.computeIfAbsent(t.id(), k -> newTarget(t, rt));
        ts.addWatch(wr);
        Long price = w.prices().get(t.id());
        if (price != null) {
          ts.price = price;
        }
        boolean pollNow = w.booking() && !ts.snapshot.isEmpty();
        if (pollNow || !coveredBySchedule(ts, wr.plan)) {
          refreshSchedule(ts, pollNow);
        }
      }
      if (announce && ts.everPolled && ts.leased) {
        List<SlotEvent> events = new ArrayList<>();
        Set<String> now;
        synchronized (wr) {
          announce(wr, ts, ts.snapshot, ts.snapshot, events, new HashMap<>(), clock.instant());
          now = idsOf(wr, ts);
        }
        // Only the watch's announcements are new; the snapshot keeps the time of the poll that made it.
        Instant polledAt = ts.lastPollAt != null ? ts.lastPollAt : clock.instant();
        store.savePoll(new TargetSnapshot(ts.id, ts.slots(), polledAt), List.of(), Map.of(w.id(), now));
        events.forEach(bus::publish);
      }
    }
  }

  public boolean cancel(String watchId) {
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
        TargetState ts = targets.get(t.id());
        if (ts == null) {
          continue;
        }
        ts.removeWatch(watchId);
        synchronized (schedLock) {
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
    }
    log.debug("watch {} cancelled", watchId);
    return true;
  }

  public List<Watch> watches(String owner) {
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

  public Optional<Watch> find(String watchId) {
    WatchRuntime wr = watches.get(watchId);
    return wr == null ? Optional.empty() : Optional.of(wr.watch);
  }

  public Optional<io.github.slothunter.spi.Authenticator> authenticator(String providerId) {
    ProviderRuntime rt = runtimes.get(providerId);
    return rt == null ? Optional.empty() : rt.provider().authenticator();
  }

  public Plans plans() {
    return plans;
  }

  public Plan planOf(String owner) {
    return store.ownerPlan(owner).flatMap(plans::find).orElse(plans.defaultPlan());
  }

  public void setPlan(String owner, String planName) {
    Plan plan = plans.get(planName);
    store.saveOwnerPlan(owner, plan.name());
    applyQuota(owner);
  }

  public Runnable listen(SlotListener listener) {
    return bus.add(listener);
  }

  // ---------------------------------------------------------------- restore

  /** A watch read back from the store; a plan that no longer exists falls back to the default plan. */
  private WatchRuntime stored(Watch w, Set<String> announced) {
    return new WatchRuntime(w, plans.find(w.planName()).orElse(plans.defaultPlan()), announced);
  }

  private void restore() {
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
      List<io.github.slothunter.core.BookingAttempt> attempts = store.attempts(id);
      wr.bookings = (int) attempts.stream()
          .filter(a -> a.state() == io.github.slothunter.core.BookingAttempt.State.BOOKED).count();
      wr.attempts = attempts.size();
    }
    Set<String> loaded = new HashSet<>();
    for (WatchRuntime wr : watches.values()) {
      for (Target t : wr.watch.targets()) {
        ProviderRuntime rt = runtimes.get(t.providerId());
        if (rt != null && loaded.add(t.id())) { // one snapshot read per target, not per watch
          store.loadSnapshot(t.id()).ifPresent(s -> {
            TargetState ts = targets.computeIfAbsent(t.id(), k -> newTarget(t, rt));
            ts.snapshot = TargetState.index(s.slots());
            ts.everPolled = true;
            ts.lastPollAt = s.polledAt();
            s.slots().forEach(slot -> ts.firstSeen.putIfAbsent(slot.id(), s.polledAt()));
          });
        }
      }
      attach(wr, false);
    }
    for (String owner : byOwner.keySet()) {
      applyQuota(owner); // the plan may have changed while the engine was down
    }
    autoBooker.reconcile(watches);
  }

  private TargetState newTarget(Target t, ProviderRuntime rt) {
    TargetState ts = new TargetState(t, rt);
    if (shared) {
      ts.leased = false; // polled once a sync claims its lease
      if (nextSync != Long.MIN_VALUE) {
        nextSync = 0;
      }
    }
    return ts;
  }

  // ---------------------------------------------------------------- scale-out

  /**
   * With a shared store: picks up watches registered or cancelled by other instances, renews and
   * claims target leases, reloads the state of targets taken over from another instance (so nothing
   * is announced twice), and splits each provider's budget among the live instances.
   */
  synchronized void syncCluster() {
    long now = clock.millis();
    boolean initial = nextSync == Long.MIN_VALUE;
    nextSync = now + Math.max(1, leaseTime.toMillis() / 3);
    Set<String> storedIds = store.watchIds();
    for (String id : storedIds) {
      if (!watches.containsKey(id)) { // registered on another instance
        store.loadWatch(id).ifPresent(w -> {
          synchronized (registration) {
            if (!watches.containsKey(w.id())) {
              WatchRuntime wr = stored(w, store.announced(w.id()));
              register(wr);
              attach(wr, false);
            }
          }
        });
      }
    }
    for (String id : List.copyOf(watches.keySet())) {
      if (!storedIds.contains(id)) {
        cancel(id); // cancelled on another instance
      }
    }
    int live = leases.liveInstances(leaseTime);
    Set<String> held = new HashSet<>(leases.claim(instanceId, List.copyOf(targets.keySet()), leaseTime));
    int fair = (int) Math.ceil(targets.size() / (double) Math.max(1, live));
    if (held.size() > fair) {
      // Give back what is over a fair share so that new instances get work: keep the targets held
      // longest (no takeover cost), then the rest in id order.
      List<String> keep = new ArrayList<>(held);
      keep.sort(Comparator.<String, Boolean>comparing(id -> {
        TargetState t = targets.get(id);
        return t == null || !t.leased;
      }).thenComparing(Comparator.naturalOrder()));
      List<String> excess = List.copyOf(keep.subList(fair, keep.size()));
      leases.release(instanceId, excess);
      excess.forEach(held::remove);
    }
    for (TargetState ts : targets.values()) {
      boolean mine = held.contains(ts.id);
      if (mine && !ts.leased && !initial) {
        takeOver(ts);
      }
      synchronized (schedLock) {
        ts.leased = mine;
        if (mine && !ts.queued && !ts.polling && !ts.watches.isEmpty()) {
          refreshSchedule(ts, false);
        }
      }
    }
    runtimes.values().forEach(rt -> rt.gate().share(live));
  }

  /** A target this instance just leased: its snapshot and announcements may have moved on elsewhere. */
  private void takeOver(TargetState ts) {
    store.loadSnapshot(ts.id).ifPresent(s -> {
      ts.snapshot = TargetState.index(s.slots());
      ts.everPolled = true;
      ts.lastPollAt = s.polledAt();
    });
    String prefix = ts.id + "@";
    for (WatchRuntime wr : ts.watches.values()) {
      Set<String> fromStore = store.announced(wr.id());
      synchronized (wr) {
        wr.announced.removeIf(id -> id.startsWith(prefix));
        for (String id : fromStore) {
          if (id.startsWith(prefix)) {
            wr.announced.add(id);
          }
        }
      }
    }
  }

  private void maybeSync() {
    if (shared && clock.millis() >= nextSync) {
      try {
        syncCluster();
      } catch (RuntimeException e) {
        log.warn("cluster sync failed; keeping the current leases until the next try", e);
        nextSync = clock.millis() + 1000;
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

  // ---------------------------------------------------------------- scheduling

  /** Per provider: one due-ordered queue per plan priority, plus each class's stride pass. */
  private static final class ProviderQueues {
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
  }

  /**
   * One priority class's adaptive targets, most expected unseen releases first, as of its last
   * refresh; picks walk it with a cursor. Guarded by schedLock.
   */
  private static final class Ranking {
    final List<TargetState> order = new ArrayList<>();
    int cursor;
    long refreshedAt = Long.MIN_VALUE;
    /** When to re-rank at the latest (a skipped target becomes eligible, or the refresh period ends). */
    long refreshBy = Long.MIN_VALUE;
  }

  /** Recomputes a target's interval and priority from its watches and (re)queues it. Holds schedLock. */
  private void refreshSchedule(TargetState ts, boolean pollNow) {
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

  /** The pace a target's plans ask for: its interval, or for adaptive scheduling the bound it must keep. */
  private static long wantedPace(TargetState ts) {
    return Math.max(1, (ts.adaptive ? ts.maxInterval : ts.interval).toMillis());
  }

  /**
   * Estimates, at most every {@link #PACE_REFRESH}, how much slower than their plans ask the
   * provider's budget polls each priority class: the budget's sustainable polls (over every window,
   * divided by the requests a poll takes) are shared like the stride scheduler shares them, in
   * proportion to priority, a class wanting less than its share giving the rest to the others.
   * Holds schedLock.
   */
  private void estimatePace(ProviderQueues pq, ProviderRuntime rt, long now, boolean eager) {
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

  /** Sets the pace a target gets and whether the budget is short of its plans. Holds schedLock. */
  private void updatePace(TargetState ts, long now) {
    updatePace(ts, now, false);
  }

  private void updatePace(TargetState ts, long now, boolean eager) {
    ProviderQueues pq = queues.get(ts.runtime.id());
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

  /**
   * Whether the target's schedule already serves a watch on this plan (interval, bound, mode and
   * priority at least as demanding), so attaching it changes nothing: registering the 10,000th
   * watcher of a doctor stays O(1) instead of walking every watch. Holds schedLock.
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
      schedLock.notifyAll();
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

  /** Marks a target (non-)adaptive and keeps its provider's count of adaptive targets. Holds schedLock. */
  private void setAdaptive(TargetState ts, boolean adaptive) {
    if (ts.adaptive != adaptive) {
      ts.adaptive = adaptive;
      queues.get(ts.runtime.id()).adaptive += adaptive ? 1 : -1;
    }
  }

  /**
   * Takes the targets that are due now and for which the provider grants a token (the token is
   * then owned by the poll). Holds schedLock.
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
            enqueue(pick, cls, now + Math.max(1, leaseTime.toMillis() / 3));
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
          pick = adaptiveCandidate(pq, cls, now);
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
   * polls are what they give way to. Holds schedLock.
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
      if (p < bestPass && adaptiveCandidate(pq, cls, now) != null) {
        bestPass = p;
        best = cls;
      }
    }
    return best;
  }

  /**
   * The adaptive target of a class most worth polling before it is due, or null. Holds schedLock.
   *
   * <p>A target's value {@code V} is the number of free slots it is expected to show that the last
   * poll did not: with the forecast release rate {@code lambda(t)} and slots staying free an
   * exponential time with mean {@code tau} (the forecaster's typical free time),
   * {@code V = integral over the time since the last poll of lambda(s) exp(-(now - s) / tau) ds}.
   * Its worth is {@code V * sqrt(g(x))} per request (divided by {@code 1 +} the requests its last poll
   * needed beyond the first: free days its calendar did not answer), {@code x} being the time since the last poll in free times and
   * {@code g} the {@linkplain #pollingIndex share of V} that polling now gains over a steady pace.
   * For releases at a steady rate, polling each target when {@code V g(x)} reaches a common threshold
   * maximises the releases seen (the square-root law of polling: a target releasing 16 times as
   * often is polled 4 times as often), whereas polling by {@code V} alone polls the busiest targets
   * so often that each poll finds little. With learned rates, on the predictive-polling simulation,
   * the square root of {@code g} saw about as many releases as {@code g} and found them sooner (median
   * 2.3 instead of 3.3 minutes), and more than {@code V} alone on every seed tried (by 0.1 to 2.8
   * points). Giving each poll the budget has room for to the worthiest target is a greedy index
   * policy: a poll of a target releasing little, or polled a moment ago, is worth little, so polls
   * follow the hours and targets where releases come, speed up as soon as a predicted calendar
   * opening's hour starts, and stay away from targets that never release (their due time still
   * brings them round). While the budget can poll every target at its plan's minInterval, nothing
   * changes: every target is then worth a poll. Targets are ranked every {@link #ADAPTIVE_REFRESH}; a
   * target is eligible once its plan's minInterval has passed.
   */
  private TargetState adaptiveCandidate(ProviderQueues pq, int cls, long now) {
    Ranking r = pq.rankings.computeIfAbsent(cls, k -> new Ranking());
    if (now >= r.refreshBy || now < r.refreshedAt) {
      rank(pq, cls, r, now);
    }
    while (r.cursor < r.order.size()) {
      TargetState ts = r.order.get(r.cursor);
      if (ts.queued && ts.adaptive && ts.leased && ts.priority == cls && ts.lastError != ErrorCode.BOOKING_OFF) {
        long eligible = ts.lastPollAt == null ? now : ts.lastPollAt.toEpochMilli() + ts.interval.toMillis();
        if (eligible <= now) {
          return ts;
        }
        rankAgainBy(r, eligible); // look again when it may be polled
      }
      r.cursor++;
    }
    return null;
  }

  /** Asks for the next ranking by {@code at}, but not sooner than {@link #ADAPTIVE_MIN_REFRESH} after the last. */
  private static void rankAgainBy(Ranking r, long at) {
    r.refreshBy = Math.min(r.refreshBy, Math.max(at, r.refreshedAt + ADAPTIVE_MIN_REFRESH.toMillis()));
  }

  /**
   * Worth of polling now, per request: {@code V * sqrt(g(x)) / (1 + extra requests)}, {@code x} being
   * the time since the last poll in free times (see {@link #adaptiveCandidate}).
   */
  private static double worth(TargetState ts, long now) {
    double x = ts.lastPollAt == null ? Double.POSITIVE_INFINITY
        : (now - ts.lastPollAt.toEpochMilli()) / ts.freeTime;
    return ts.value * Math.sqrt(pollingIndex(x)) / (1 + ts.extraRequests);
  }

  /**
   * {@code g(x) = (1 - (1 + x) e^-x) / (1 - e^-x)}: the share of the expected unseen releases
   * {@code V} that polling now gains over polling at a steady pace, {@code x} being the time since
   * the last poll in free times. About {@code x / 2} just after a poll, 1 long after it.
   */
  static double pollingIndex(double x) {
    if (!(x > 1e-4)) {
      return x > 0 ? x / 2 : 0;
    }
    if (x > 40) {
      return 1;
    }
    double e = Math.exp(-x);
    return (1 - (1 + x) * e) / (1 - e);
  }

  /** Brings every adaptive target of a class up to date and sorts them by worth. Holds schedLock. */
  private void rank(ProviderQueues pq, int cls, Ranking r, long now) {
    r.order.clear();
    r.cursor = 0;
    r.refreshedAt = now;
    r.refreshBy = now + ADAPTIVE_REFRESH.toMillis();
    TreeSet<TargetState> q = pq.byPriority.get(cls);
    if (q == null) {
      return;
    }
    for (TargetState ts : q) {
      if (ts.adaptive && accrue(ts, now)) {
        ts.worth = worth(ts, now);
        r.order.add(ts);
      }
    }
    r.order.sort(Comparator.comparingDouble((TargetState ts) -> ts.worth).reversed());
  }

  /** The start of the forecaster's clock hour that holds {@code t} (clock millis). */
  private long hourStart(long t) {
    long offset = forecastHours.getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
    return t - Math.floorMod(t + offset, HOUR_MILLIS);
  }

  /**
   * The zone whose clock hours a forecaster's rates follow ({@link ReleaseForecaster#zone}); UTC if
   * it fails (logged) or gives none.
   */
  public static ZoneId forecastZone(ReleaseForecaster forecaster) {
    try {
      ZoneId zone = forecaster.zone();
      return zone != null ? zone : ZoneOffset.UTC;
    } catch (RuntimeException e) {
      log.warn("forecaster failed to name its zone; reading its rates in UTC hours", e);
      return ZoneOffset.UTC;
    }
  }

  /**
   * Advances a target's expected unseen releases {@code V} to {@code now}, integrating the forecast
   * rate over the forecaster's clock hours ({@code V <- V e^(-d/tau) + lambda tau (1 - e^(-d/tau))}
   * over each stretch {@code d} of constant rate). False if the forecaster failed for it (it then
   * keeps the plan's pace, see {@link #rescheduleOnly}). Holds schedLock.
   */
  private boolean accrue(TargetState ts, long now) {
    if (now <= ts.valueAt) {
      return true;
    }
    try {
      double tau = forecaster.typicalFreeTime(ts.id).orElse(DEFAULT_FREE_TIME).toMillis();
      tau = tau > 0 ? tau : DEFAULT_FREE_TIME.toMillis();
      long from = Math.max(ts.valueAt, now - (long) (12 * tau)); // older releases are gone by now
      double v = from > ts.valueAt ? 0 : ts.value;
      while (from < now) {
        long to = Math.min(now, hourStart(from) + HOUR_MILLIS);
        double rate = forecaster.rate(ts.id, Instant.ofEpochMilli(from)) / HOUR_MILLIS;
        if (!(rate >= 0) || Double.isInfinite(rate)) {
          return false;
        }
        double decay = Math.exp(-(to - from) / tau);
        v = v * decay + rate * tau * (1 - decay);
        from = to;
      }
      ts.value = v;
      ts.valueAt = now;
      ts.freeTime = tau;
      return true;
    } catch (RuntimeException e) {
      log.warn("forecaster failed for {}; polling it at the plan interval", ts.id, e);
      return false;
    }
  }

  /** When the dispatcher should look again (clock millis). Holds schedLock. */
  private long nextWake(long now) {
    long wake = now + MAX_IDLE_WAIT.toMillis();
    if (shared) {
      wake = Math.min(wake, Math.max(now + 1, nextSync));
    }
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
          wake = Math.min(wake, adaptiveCandidate(pq, cls, now) != null
              ? rt.gate().nextAvailableMillis(BudgetGate.Use.POLL) : pq.rankings.get(cls).refreshBy);
        }
      }
    }
    return Math.max(wake, now + 1);
  }

  private void dispatchLoop() {
    while (!closed) {
      try {
        maybeSync();
        autoBooker.retryPendingReleases();
        List<TargetState> due;
        synchronized (schedLock) {
          due = takeDue(clock.millis());
        }
        for (TargetState ts : due) {
          pollsInFlight.incrementAndGet();
          try {
            pollPool.execute(() -> {
              try {
                poll(ts);
              } finally {
                pollsInFlight.decrementAndGet();
              }
            });
          } catch (RejectedExecutionException e) {
            pollsInFlight.decrementAndGet();
            ts.runtime.gate().release();
            synchronized (schedLock) {
              ts.polling = false;
            }
          }
        }
        synchronized (schedLock) {
          if (closed) {
            return;
          }
          long now = clock.millis();
          long wait = Math.min(nextWake(now) - now, MAX_IDLE_WAIT.toMillis());
          plannedWake = now + wait;
          if (wait > 0) {
            schedLock.wait(wait);
          }
          plannedWake = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("dispatcher failed; continuing", e);
      }
    }
  }

  /** Manual mode: runs every due poll the budget allows on this thread. */
  public int runDue() {
    if (!manual) {
      throw new IllegalStateException("runDue() needs a SlotHunter built with manualScheduling()");
    }
    ensureOpen();
    maybeSync();
    autoBooker.retryPendingReleases();
    lookups.drain();
    int n = 0;
    while (true) {
      List<TargetState> due;
      synchronized (schedLock) {
        due = takeDue(clock.millis());
      }
      if (due.isEmpty()) {
        return n;
      }
      for (TargetState ts : due) {
        poll(ts);
        n++;
      }
    }
  }

  // ---------------------------------------------------------------- polling

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
      synchronized (schedLock) {
        ProviderQueues pq = queues.get(ts.runtime.id());
        pq.requestsPerPoll = 0.95 * pq.requestsPerPoll + 0.05 * Math.max(1, used);
        if (used > 1) { // a poll that needed follow-ups (days the calendar did not answer): the room to leave
          pq.fullPollCost = 0.9 * pq.fullPollCost + 0.1 * used;
          ts.runtime.gate().pollCost(pq.fullPollCost);
        }
      }
      metrics.poll(ts.runtime.id(), error == null ? "ok" : error.name());
      reschedule(ts, error);
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
      if (closed) {
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
      apply(ts, fresh, clock.instant());
    } catch (StoreFailed e) {
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
  private ErrorCode storeFailed(TargetState ts, StoreFailed e) {
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

  private void reschedule(TargetState ts, ErrorCode error) {
    try {
      rescheduleOnly(ts, error);
    } finally {
      // A target that was and stays healthy changes no watch's health: skip walking its watchers.
      io.github.slothunter.api.HealthState h = healthOf(ts);
      if (h != io.github.slothunter.api.HealthState.ACTIVE || ts.health != h) {
        announceBookingOff(ts, ts.health, h);
        ts.health = h;
        for (WatchRuntime wr : ts.ordered()) {
          updateHealth(wr);
        }
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
              + BOOKING_OFF_RECHECK.toHours() + " h", at)
          : new WatchResumed(wr.id(), wr.watch.owner(), at));
    }
  }

  private void rescheduleOnly(TargetState ts, ErrorCode error) {
    synchronized (schedLock) {
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
        next = now + (error == null && ts.adaptive ? adaptiveDelay(ts, now) : interval);
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
        Ranking r = queues.get(ts.runtime.id()).rankings.get(ts.priority);
        if (r != null) {
          rankAgainBy(r, now + interval);
        }
      }
    }
  }

  /**
   * Adaptive scheduling: when a target falls due at the latest. Holds schedLock.
   *
   * <p>Adaptive targets are mostly polled early, when the budget has room and they are the most
   * worth it ({@link #adaptiveCandidate}); their due time is only the bound: the plan's
   * {@code maxInterval} after this poll, which also keeps exploring targets that look dead. When the
   * budget cannot poll every target of the provider even that often, the bound stretches to
   * {@link #ADAPTIVE_BOUND_SHARE} times the round-robin interval, so that polls nobody chose take at
   * most half the budget and the rest follows the forecast. While the forecaster
   * has watched the target for less than {@link #ADAPTIVE_EXPLORATION} the bound starts at the
   * round-robin interval and grows to {@code 1 + }{@link #ADAPTIVE_EXPLORATION_GROWTH} times it
   * (quadratically in the time watched): a weekly calendar opening cannot be learned without being
   * seen, and a target polled only at its bound is seen too late, after others took its slots
   * (measured: without this the simulation's weekly openings were found at a quarter of the rate of
   * round robin in the first week, and most were never learned). When the forecast
   * shows a calendar opening (or a burst of releases well above the target's present rate) within
   * the next hours, the target falls due a minute before it: the poll that starts the opening's
   * window. A forecaster that fails or returns no number for the target leaves it at the plan's
   * {@code minInterval}.
   */
  private long adaptiveDelay(TargetState ts, long now) {
    long min = ts.interval.toMillis();
    double rate;
    try {
      rate = forecaster.rate(ts.id, Instant.ofEpochMilli(now));
    } catch (RuntimeException e) {
      log.warn("forecaster failed for {}; polling at the plan interval", ts.id, e);
      return min;
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      return min;
    }
    ProviderQueues pq = queues.get(ts.runtime.id());
    long n = 1; // this one, being polled
    for (TreeSet<TargetState> q : pq.byPriority.values()) {
      n += q.size();
    }
    long fair = (long) (n * pq.requestsPerPoll / ts.runtime.gate().sustainablePollsPerMinute() * 60_000);
    long max = ts.maxInterval.toMillis();
    long bound = fair <= max ? max : ADAPTIVE_BOUND_SHARE * fair;
    double age = watchedFor(ts) / (double) ADAPTIVE_EXPLORATION.toMillis();
    if (age < 1) { // still learning: about round robin at first, backing off over the first week
      bound = Math.min(bound, (long) (fair * (1 + ADAPTIVE_EXPLORATION_GROWTH * age * age)));
    }
    long delay = Math.max(min, bound);
    long openingAt = predictedOpening(ts, now, rate);
    if (openingAt - now < delay) { // be there when a predicted calendar opening starts
      delay = Math.max(min, openingAt - now);
    }
    return delay;
  }

  /** How long the forecaster has watched the target, in millis (a week if it cannot say). */
  private long watchedFor(TargetState ts) {
    try {
      Duration d = forecaster.watchedFor(ts.id);
      return d == null || d.isNegative() ? 0 : d.compareTo(ADAPTIVE_EXPLORATION) >= 0
          ? ADAPTIVE_EXPLORATION.toMillis() : d.toMillis();
    } catch (RuntimeException e) {
      log.warn("forecaster failed for {}", ts.id, e);
      return ADAPTIVE_EXPLORATION.toMillis();
    }
  }

  /**
   * The start (minus a minute) of the next hour, within the next three, of the forecaster's clock
   * ({@link ReleaseForecaster#zone}: Tehran's hours start at half past UTC's) in which the forecaster
   * expects a calendar opening or a burst of releases well above the target's present rate; or
   * {@code Long.MAX_VALUE}.
   */
  private long predictedOpening(TargetState ts, long now, double rateNow) {
    try {
      long hour = hourStart(now);
      for (io.github.slothunter.core.ForecastWindow w : forecaster.forecast(ts.id, Instant.ofEpochMilli(hour), 4)) {
        long from = w.from().toEpochMilli();
        if (from > now && (w.openingProbability() >= 0.25
            || (w.expectedReleases() >= 4 * rateNow && w.expectedReleases() >= 0.5))) {
          return from - 60_000L;
        }
      }
    } catch (RuntimeException e) {
      log.warn("forecaster failed to forecast {}", ts.id, e);
    }
    return Long.MAX_VALUE;
  }

  /**
   * Diffs a poll against the snapshot, records history, tells each watch, then auto-books.
   *
   * <p><b>Persist, then publish.</b> Nothing a poll produces leaves before the store has it: the
   * snapshot, the history and what each watch was told are saved in one {@link Store#savePoll} call,
   * and only then are the events published and the in-memory state moved on. A save that fails
   * publishes nothing and puts back what each watch was told, so the next poll finds the same
   * difference and tells it once ({@link StoreFailed}). Auto-booking watches are served first (their
   * announcements saved and published in a step of their own, then the hold), the others after.
   */
  void apply(TargetState ts, List<Slot> fresh, Instant now) {
    Map<String, Slot> next = TargetState.index(fresh);
    Map<String, Slot> prev = ts.snapshot;
    List<SlotChange> changes = new ArrayList<>();
    Instant since = ts.previousPollAt;
    if (since != null && since.isAfter(now)) {
      since = null;
    }
    for (Slot s : next.values()) {
      if (!prev.containsKey(s.id())) {
        changes.add(new SlotChange(s, SlotChange.Kind.OPENED, now, since));
      }
    }
    for (Slot s : prev.values()) {
      if (!next.containsKey(s.id())) {
        changes.add(new SlotChange(s, SlotChange.Kind.GONE, now, since));
      }
    }
    List<WatchRuntime> ordered = ts.ordered();
    List<Slot> free = new ArrayList<>(next.values());
    TargetSnapshot snapshot = new TargetSnapshot(ts.id, free, now);
    Map<String, URI> links = new HashMap<>();
    Set<String> told = new HashSet<>();
    boolean booking = hasBookers(ordered);
    if (booking) {
      // Milliseconds matter: auto-booking watches hear about the slot and hold it before anyone
      // else's events are even computed. Their SlotOpened still precedes their HoldPlaced.
      commit(ts, snapshot, changes, announceAll(ts, ordered, true, prev, next, links, now, told));
      advance(ts, prev, next, changes, since, now);
      autoBooker.run(ts, ordered, free);
    }
    Announcements rest = announceAll(ts, ordered, false, prev, next, links, now, told);
    if (booking) {
      commit(ts, snapshot, List.of(), rest); // the history went with the bookers' step
    } else {
      commit(ts, snapshot, changes, rest);
      advance(ts, prev, next, changes, since, now);
    }
  }

  /** What one step of {@link #apply} tells its watches: the events, and each watch's told set before and after. */
  private record Announcements(List<SlotEvent> events, Map<WatchRuntime, Set<String>> before,
      Map<String, Set<String>> after) {}

  /** Computes the SlotOpened/SlotGone of the booking (or the other) watches, remembering what each was told before. */
  private Announcements announceAll(TargetState ts, List<WatchRuntime> ordered, boolean bookers, Map<String, Slot> prev,
      Map<String, Slot> next, Map<String, URI> links, Instant now, Set<String> told) {
    List<SlotEvent> events = new ArrayList<>();
    Map<WatchRuntime, Set<String>> before = new HashMap<>();
    Map<String, Set<String>> after = new HashMap<>();
    for (WatchRuntime wr : ordered) {
      if (wr.watch.booking() != bookers || !told.add(wr.id())) {
        continue;
      }
      synchronized (wr) {
        if (wr.watch.state() == WatchState.CANCELLED || wr.overQuota) {
          continue;
        }
        Set<String> was = idsOf(wr, ts);
        if (announce(wr, ts, prev, next, events, links, now)) {
          before.put(wr, was);
          after.put(wr.id(), idsOf(wr, ts));
        }
      }
    }
    return new Announcements(events, before, after);
  }

  /**
   * Saves one step of a poll and publishes its events; on a failed save, puts back what the watches
   * were told and throws {@link StoreFailed} (nothing is published).
   */
  private void commit(TargetState ts, TargetSnapshot snapshot, List<SlotChange> changes, Announcements a) {
    try {
      store.savePoll(snapshot, changes, a.after());
    } catch (RuntimeException e) {
      String prefix = ts.id + "@";
      for (Map.Entry<WatchRuntime, Set<String>> b : a.before().entrySet()) {
        WatchRuntime wr = b.getKey();
        synchronized (wr) {
          wr.announced.removeIf(id -> id.startsWith(prefix));
          wr.announced.addAll(b.getValue());
          wr.slotsAnnounced.addAndGet(-a.events().stream()
              .filter(ev -> ev instanceof SlotOpened o && o.watchId().equals(wr.id())).count());
        }
      }
      throw new StoreFailed(e);
    }
    a.events().forEach(bus::publish);
  }

  /** After the save: the snapshot, the counters, the forecaster and the metrics move on. */
  private void advance(TargetState ts, Map<String, Slot> prev, Map<String, Slot> next, List<SlotChange> changes,
      Instant since, Instant now) {
    for (SlotChange c : changes) {
      if (c.kind() == SlotChange.Kind.OPENED) {
        ts.firstSeen.put(c.slot().id(), now);
        ts.opened.incrementAndGet();
        if (since != null) {
          metrics.detected(ts.runtime.id(), Duration.between(since, now).dividedBy(2));
        }
      } else {
        ts.gone.incrementAndGet();
        Instant first = ts.firstSeen.remove(c.slot().id());
        if (first != null) {
          ts.recordFreeTime(Duration.between(first, now));
        }
      }
    }
    ts.snapshot = next;
    ts.everPolled = true;
    try {
      forecaster.observe(ts.runtime.id(), ts.id, since, now, changes);
    } catch (RuntimeException e) {
      log.warn("forecaster failed to observe a poll of {}", ts.id, e);
    }
  }

  /** The store failed to save a poll: nothing was published, the next poll tries the same difference again. */
  static final class StoreFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailed(RuntimeException cause) {
      super("the store failed to save a poll", cause);
    }
  }

  /** The ids of this target's slots the watch was told about. Caller holds the watch's lock. */
  private static Set<String> idsOf(WatchRuntime wr, TargetState ts) {
    String prefix = ts.id + "@";
    Set<String> out = new HashSet<>();
    for (String id : wr.announced) {
      if (id.startsWith(prefix)) {
        out.add(id);
      }
    }
    return out;
  }

  private static boolean hasBookers(List<WatchRuntime> ordered) {
    for (WatchRuntime wr : ordered) {
      if (wr.watch.booking()) {
        return true;
      }
    }
    return false;
  }

  static List<WatchRuntime> byPriority(java.util.Collection<WatchRuntime> all) {
    List<WatchRuntime> list = new ArrayList<>(all);
    list.sort(Comparator.comparingInt((WatchRuntime w) -> -w.plan.priority())
        .thenComparing(w -> w.watch.createdAt()).thenComparing(WatchRuntime::id));
    return list;
  }

  /**
   * Computes one watch's SlotOpened/SlotGone for a target and updates what it was told.
   * Caller holds the watch's lock.
   *
   * @return whether the announced set changed
   */
  private boolean announce(WatchRuntime wr, TargetState ts, Map<String, Slot> prev, Map<String, Slot> next,
      List<SlotEvent> events, Map<String, URI> links, Instant now) {
    Watch w = wr.watch;
    ZoneId zone = ts.runtime.info().zone();
    String prefix = ts.id + "@";
    boolean changed = false;
    List<Slot> matching = new ArrayList<>();
    for (Slot s : next.values()) {
      String why = w.filter().rejection(s, zone, ts.price);
      if (why == null) {
        if (matching.isEmpty() || !w.filter().earliestOnly()) {
          matching.add(s);
        }
      } else if (wr.rejectedIds.add(s.id())) {
        WatchRuntime.Rejections r = wr.rejected.computeIfAbsent(why, k -> new WatchRuntime.Rejections());
        r.count++;
        r.days.add(s.start().atZone(zone).getDayOfWeek());
      }
    }
    wr.rejectedIds.removeIf(id -> id.startsWith(prefix) && !next.containsKey(id));
    if (w.snoozed(ts.id, now)) {
      matching.clear(); // told once the snooze ends, if still free
    }
    for (Slot s : matching) {
      if (wr.announced.add(s.id())) {
        changed = true;
        wr.slotsAnnounced.incrementAndGet();
        URI link = links.computeIfAbsent(s.id(), k -> bookingLink(ts.runtime, s));
        events.add(new SlotOpened(w.id(), w.owner(), s, link, now));
      }
    }
    for (java.util.Iterator<String> it = wr.announced.iterator(); it.hasNext(); ) {
      String id = it.next();
      if (id.startsWith(prefix) && !next.containsKey(id)) {
        it.remove();
        changed = true;
        Slot old = prev.get(id);
        if (old != null) {
          events.add(new SlotGone(w.id(), w.owner(), old, now));
        }
      }
    }
    return changed;
  }

  private static URI bookingLink(ProviderRuntime rt, Slot slot) {
    try {
      return rt.provider().bookingLink(slot).orElse(null);
    } catch (RuntimeException e) {
      log.warn("provider {} failed to build a booking link", rt.id(), e);
      return null;
    }
  }

  private void onBreakerTransition(ProviderRuntime rt, CircuitBreaker.StateTransition transition) {
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
    for (WatchRuntime wr : watches.values()) {
      if (wr.watch.doctor().providerId().equals(rt.id())) {
        action.accept(wr);
      }
    }
  }

  // ---------------------------------------------------------------- health

  private WatchRuntime watchOrThrow(String watchId) {
    WatchRuntime wr = watches.get(watchId);
    if (wr == null) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "no watch with id '" + abbreviate(watchId) + "'");
    }
    return wr;
  }

  public WatchHealth health(String watchId) {
    return health(watchOrThrow(watchId));
  }

  private WatchHealth health(WatchRuntime wr) {
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
      synchronized (schedLock) {
        if (ts.queued) {
          updatePace(ts, now, true);
        }
        pace = Math.max(pace, ts.paceMillis);
        long due = Math.max(ts.dueAt, now); // a resumed poll is due "at 0": now
        if (ts.queued && (next == null || due < next)) {
          next = due;
        }
      }
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
      TargetState ts = targets.get(t.id());
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

  public List<String> explain(String watchId, java.util.Locale locale) {
    WatchRuntime wr = watchOrThrow(watchId);
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
    return Health.explain(h, wr.watch, days, wr.bookingPausedBy, full, fallback, zone, locale);
  }

  /** Re-applies the owner's plan limits to their watches: watches beyond the quota stop being told. */
  void applyQuota(String owner) {
    Plan plan = planOf(owner);
    List<WatchRuntime> mine = new ArrayList<>();
    for (String id : byOwner.getOrDefault(owner, Set.of())) {
      WatchRuntime wr = watches.get(id);
      if (wr != null) {
        mine.add(wr);
      }
    }
    mine.sort(Comparator.comparing((WatchRuntime w) -> w.watch.createdAt()).thenComparing(WatchRuntime::id));
    for (int i = 0; i < mine.size(); i++) {
      WatchRuntime wr = mine.get(i);
      wr.overQuota = i >= plan.maxWatches();
      wr.bookingOverQuota = wr.watch.autoBook() != null && !plan.autoBook();
      updateHealth(wr);
    }
  }

  /** Snoozes a target for one watch; returns the updated watch. */
  public Watch snooze(String watchId, String targetId, Duration duration) {
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

  // ---------------------------------------------------------------- queries

  public List<Slot> snapshot(Target target) {
    TargetState ts = targets.get(target.id());
    return ts == null ? List.of() : ts.slots();
  }

  public TargetStats stats(Target target) {
    TargetState ts = targets.get(target.id());
    if (ts == null) {
      return new TargetStats(target.id(), 0, 0, 0, 0, 0, 0, 0, null, null, null, 0, 0);
    }
    return new TargetStats(ts.id, ts.watches.size(), ts.polls.get(), ts.requests.get(), ts.errors.get(),
        ts.opened.get(), ts.gone.get(), ts.snapshot.size(), ts.medianFreeTime(), ts.interval, ts.lastPollAt,
        ts.bookingsTried.get(), ts.bookingsMade.get());
  }

  public OwnerStats ownerStats(String owner) {
    long announced = 0;
    long bookings = 0;
    int count = 0;
    for (String id : byOwner.getOrDefault(owner, Set.of())) {
      WatchRuntime wr = watches.get(id);
      if (wr != null) {
        count++;
        announced += wr.slotsAnnounced.get();
        bookings += wr.bookingsMade.get();
      }
    }
    return new OwnerStats(owner, planOf(owner).name(), count, announced, bookings);
  }

  public EngineStats stats() {
    List<ProviderStats> ps = new ArrayList<>();
    for (ProviderRuntime rt : runtimes.values()) {
      ps.add(new ProviderStats(rt.id(), rt.gate().budget(), rt.gate().effectivePerMinute(), rt.gate().usedLastMinute(),
          rt.sent(), rt.rateLimited(), rt.failed(), rt.breaker().getState().name()));
    }
    return new EngineStats(watches.size(), targets.size(), bus.published(), bus.dropped(), ps);
  }

  /** The registered provider ids. */
  public List<String> providerIds() {
    return List.copyOf(runtimes.keySet());
  }

  /** A registered provider's per-minute limit now (see {@link #providerIds()}). */
  public int budgetPerMinute(String providerId) {
    return runtime(providerId).gate().effectivePerMinute();
  }

  /** Requests sent to a registered provider in the last minute. */
  public int budgetUsedLastMinute(String providerId) {
    return runtime(providerId).gate().usedLastMinute();
  }

  public ReleaseForecaster forecaster() {
    return forecaster;
  }

  ProviderRuntime runtimeOf(String providerId) {
    return runtimes.get(providerId);
  }

  // ---------------------------------------------------------------- lifecycle

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("SlotHunter is closed");
    }
  }

  @Override
  public void close() {
    synchronized (schedLock) {
      if (closed) {
        return;
      }
      closed = true;
      schedLock.notifyAll();
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    lookups.close();
    if (dispatcher != null) {
      dispatcher.interrupt();
      joinQuietly(dispatcher, deadline);
    }
    if (pollPool != null) {
      if (ownsPool) {
        pollPool.shutdown();
      }
      while (pollsInFlight.get() > 0 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    }
    autoBooker.releaseAll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(1));
    if (shared) {
      try {
        leases.release(instanceId, List.copyOf(targets.keySet()));
      } catch (RuntimeException e) {
        log.warn("could not give back target leases; they expire in {}", leaseTime, e);
      }
    }
    if (ownsPool && pollPool != null) {
      pollPool.shutdownNow();
    }
    bus.close(Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(200), deadline - System.nanoTime())));
    for (ProviderRuntime rt : runtimes.values()) {
      rt.close();
    }
    try {
      store.close();
    } catch (Exception e) {
      log.warn("store failed to close", e);
    }
    log.info("SlotHunter stopped");
  }

  private static void joinQuietly(Thread t, long deadlineNanos) {
    try {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String newId() {
    byte[] b = new byte[9];
    random.nextBytes(b);
    return "w-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 80 ? one : one.substring(0, 80) + "…";
  }

  static final class NamedThreadFactory implements java.util.concurrent.ThreadFactory {
    private final String prefix;
    private final AtomicLong n = new AtomicLong();

    NamedThreadFactory(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
