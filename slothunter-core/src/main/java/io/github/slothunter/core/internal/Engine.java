package io.github.slothunter.core.internal;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotListener;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.EngineStats;
import io.github.slothunter.core.LookupProgress;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.spi.Store;
import io.github.slothunter.core.TargetStats;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.spi.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link io.github.slothunter.core.SlotHunter}: wires the rooms below and answers
 * the public API by delegating to them. The room that owns each piece of state:
 *
 * <ul>
 *   <li>{@link Registry}: the watches, by id and by owner (registration, cancel, plans, quota,
 *       snooze, restore); its lock serialises registrations.
 *   <li>{@link Scheduler}: the poll streams ({@link TargetState}, one per coalesced target) and
 *       their due queues; its lock guards every scheduling field. {@link AdaptivePolicy} (worth of
 *       an early poll, bounds) and {@link Pacing} (the pace the budget gives) are its arithmetic,
 *       {@link ProviderQueues} its per-provider state.
 *   <li>{@link Dispatcher}: the dispatcher thread and the poll executor (or {@code runDue} in manual
 *       mode).
 *   <li>{@link Poller}: one poll's requests, through the budget ({@link ProviderRuntime},
 *       {@link BudgetGate}).
 *   <li>{@link Announcer}: poll -> diff -> persist -> publish; what each watch was told (under the
 *       watch's lock, {@link WatchRuntime}).
 *   <li>{@link Outbox}: events saved with the state they report, published after, marked delivered
 *       once handled, replayed after a crash; {@link EventBus}: delivery to listeners.
 *   <li>{@link AutoBooker}: hold -> book -> release; sees watches only through
 *       {@link WatchStates}. {@link HoldReleases}: the holds placed and not yet booked or released.
 *       {@link OutcomeResolver}: finds out, from the account's bookings, what became of an attempt
 *       whose outcome is unknown, then closes it and lets the watch book again.
 *   <li>{@link HealthTracker}: each watch's health and its events ({@link Health}: the rules).
 *   <li>{@link ClusterSync}: leases and takeover with a shared store.
 *   <li>{@link Directory} and {@link Lookups}: doctor links, lookups, searches and one-off reads.
 *   <li>{@link Vocabulary}, {@link AreaWatches} and {@link AreaSweeps}: area watches (words to slugs,
 *       membership, sweeps and the calendars they point the watch at).
 *   <li>{@link PatientBook}: each owner's patients in the store, and imports from provider accounts.
 *   <li>{@link EngineContext}: the shared wiring (clock, store, bus, providers) and the closed flag.
 * </ul>
 *
 * <p>A slot's path runs one way: Dispatcher -> Poller -> Announcer (-> AutoBooker) -> EventBus,
 * then Scheduler and HealthTracker for what comes next; every event that reports stored state passes through the
 * Outbox. Thread-safe: every public method may be
 * called from any thread.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final EngineContext ctx;
  private final Duration closeTimeout;
  private final Lookups lookups;
  private final Directory directory;
  private final Scheduler scheduler;
  private final ClusterSync cluster;
  private final HealthTracker health;
  private final Registry registry;
  private final Dispatcher dispatcher;
  private final Outbox outbox;
  final AutoBooker autoBooker;
  private final HoldReleases releases;
  private final OutcomeResolver resolver;
  private final Subscriptions subscriptions;
  private final PatientBook patients;
  private final AreaWatches areas;
  private final AreaSweeps sweeps;

  public Engine(Clock clock, Store store, Plans plans, List<ProviderRuntime> providers, int eventCapacity,
      ExecutorService executor, boolean manual, Duration closeTimeout, String instanceId, Duration leaseTime,
      ReleaseForecaster forecaster, EngineMetrics metrics) {
    this.ctx = new EngineContext(clock, store, plans, new EventBus(eventCapacity, clock), manual, metrics, forecaster,
        providers);
    this.closeTimeout = closeTimeout;
    this.lookups = new Lookups(clock, manual);
    this.directory = new Directory(ctx, lookups);
    this.patients = new PatientBook(ctx);
    this.cluster = new ClusterSync(ctx, instanceId, leaseTime);
    this.scheduler = new Scheduler(ctx, new AdaptivePolicy(forecaster), leaseTime, cluster::nextSyncAt,
        cluster::onNewTarget);
    this.outbox = new Outbox(store, ctx.bus, instanceId, cluster.shared());
    WatchStates watchStates = new WatchStates() {
      @Override
      public void save(WatchRuntime wr, WatchState state) {
        registry.saveWatch(wr, state);
      }

      @Override
      public void updateHealth(WatchRuntime wr) {
        health.updateHealth(wr);
      }
    };
    this.releases = new HoldReleases(ctx);
    this.resolver = new OutcomeResolver(ctx, outbox, watchStates, releases);
    HoldIntents intents = new HoldIntents(ctx, outbox, releases);
    Replacements replacements = new Replacements(ctx, outbox, watchStates);
    this.autoBooker = new AutoBooker(ctx, outbox, watchStates, releases, resolver, intents, replacements);
    this.health = new HealthTracker(ctx, scheduler, this::registered);
    Announcer announcer = new Announcer(ctx, outbox, autoBooker);
    this.registry = new Registry(ctx, scheduler, announcer, health);
    this.subscriptions = new Subscriptions(ctx, registry);
    this.areas = new AreaWatches(ctx, new Vocabulary(clock), lookups::cached);
    this.sweeps = new AreaSweeps(ctx, areas, registry, lookups);
    health.areaSweeps(sweeps::nextSweep);
    health.lapsedPlans(registry::lapsed);
    cluster.bind(registry, scheduler, outbox);
    Poller poller = new Poller(ctx, scheduler, announcer, health);
    int threads = Math.max(2, Math.min(64, providers.stream().mapToInt(r -> r.gate().budget().maxInFlight()).sum() + 1));
    Runnable chores = () -> {
      releases.retryPending();
      resolver.resolveDue();
      intents.resolveDue();
      replacements.resolveDue();
      subscriptions.resolveDue();
      sweeps.runDue();
    };
    this.dispatcher = new Dispatcher(ctx, executor, threads, scheduler, poller, cluster, chores, lookups, outbox);
    for (ProviderRuntime rt : providers) {
      rt.breaker().getEventPublisher().onStateTransition(e -> health.onBreakerTransition(rt, e.getStateTransition()));
      rt.metrics = metrics;
    }
    replacements.finishAtStart(); // its final success replaces the provisional one in the outbox, unheard
    new UnheardBookings(ctx, outbox).verifyAtStart(); // a booking killed before its read-back is read back now
    outbox.replay(); // what the last run committed but did not deliver comes first
    registry.restore();
    sweeps.restore(registry.all());
    subscriptions.restore();
    autoBooker.reconcile(registry::watchRuntime);
    resolver.restore(registry.all());
    metrics.bind(this);
    cluster.start();
    dispatcher.start();
    log.info("SlotHunter started: providers={}, watches={}, targets={}, mode={}", ctx.runtimes.keySet(),
        registry.size(), scheduler.targets().size(), manual ? "manual" : "threaded");
  }

  private java.util.Collection<WatchRuntime> registered() {
    return registry.all();
  }

  // ---------------------------------------------------------------- registration

  public Watch watch(WatchRequest req) {
    ctx.ensureOpen();
    Plan plan = planFor(req);
    if (req.area().isPresent()) {
      return watchArea(req, plan);
    }
    if (req.target().isPresent()) {
      return registry.register(req, plan, directory.resolveTarget(req.target().get()));
    }
    Directory.ParsedLink parsed = directory.parseOrThrow(req.link().orElseThrow());
    return registry.register(req, plan, Directory.resolve(req, parsed.runtime(), lookups.lookup(parsed.runtime(),
        parsed.ref())));
  }

  /** An area watch: listed (the cap enforced), registered, pointed at its first candidates. */
  private Watch watchArea(WatchRequest req, Plan plan) {
    AreaWatches.Listed l = areas.prepare(req, plan);
    Watch w = registry.register(req, plan, new Directory.Resolved(l.resolved().runtime(), l.resolved().ref(), List.of(),
        java.util.Map.of(), java.util.Map.of()), l.area());
    sweeps.started(w.id(), l.resolved(), l.hits());
    return registry.find(w.id()).orElse(w);
  }

  /** One page of an area as members with distances, earliest first free slot first. */
  public List<io.github.slothunter.api.AreaMember> areaSearch(io.github.slothunter.api.AreaQuery query) {
    return areas.search(query);
  }

  /**
   * What the member owning a calendar of an area watch is to an event (name, center, price,
   * distance); empty for another watch or calendar. For the slot labels.
   */
  public Optional<AreaWatches.MemberInfo> areaMember(String watchId, String targetId) {
    return AreaWatches.member(registry.find(watchId).orElse(null), targetId);
  }

  /** When an area watch's next sweep is due; empty for another watch. */
  public Optional<java.time.Instant> nextSweep(String watchId) {
    return Optional.ofNullable(sweeps.nextSweep(watchId));
  }

  /**
   * Registers a watch once its doctor is looked up, queued inside the provider's budget (see
   * {@link Lookups}): bad input and quota fail at once, the rest completes the future.
   */
  public CompletableFuture<Watch> watchAsync(WatchRequest req) {
    ctx.ensureOpen();
    Plan plan = planFor(req);
    if (req.area().isPresent()) {
      try {
        return CompletableFuture.completedFuture(watchArea(req, plan));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    if (req.target().isPresent()) {
      Directory.Resolved r = directory.resolveTarget(req.target().get());
      return CompletableFuture.supplyAsync(() -> registry.register(req, plan, r), Runnable::run);
    }
    Directory.ParsedLink parsed = directory.parseOrThrow(req.link().orElseThrow());
    return lookups.lookupAsync(parsed.runtime(), parsed.ref())
        .thenApply(doctor -> registry.register(req, plan, Directory.resolve(req, parsed.runtime(), doctor)));
  }

  /** What the doctor lookups have done and have left, for one provider or (null) all. */
  public LookupProgress lookupProgress(String providerId) {
    return lookups.progress(providerId);
  }

  private Plan planFor(WatchRequest req) {
    Plan plan = req.planName().map(ctx.plans::get).orElseGet(() -> registry.planOf(req.owner()));
    registry.checkQuota(req, plan);
    return plan;
  }

  public boolean cancel(String watchId) {
    return registry.cancel(watchId);
  }

  public List<Watch> watches(String owner) {
    return registry.watches(owner);
  }

  public Optional<Watch> find(String watchId) {
    return registry.find(watchId);
  }

  public Plans plans() {
    return ctx.plans;
  }

  public Plan planOf(String owner) {
    return registry.planOf(owner);
  }

  public io.github.slothunter.api.Subscription setPlan(String owner, String planName, java.time.Instant until) {
    return subscriptions.set(owner, planName, until);
  }

  public io.github.slothunter.api.Subscription extendPlan(String owner, String planName, Duration period) {
    return subscriptions.extend(owner, planName, period);
  }

  public java.util.Optional<io.github.slothunter.api.Subscription> subscription(String owner) {
    return subscriptions.of(owner);
  }

  /** Snoozes a target for one watch; returns the updated watch. */
  public Watch snooze(String watchId, String targetId, Duration duration) {
    return registry.snooze(watchId, targetId, duration);
  }

  public Runnable listen(SlotListener listener) {
    return ctx.bus.add(listener);
  }

  // ---------------------------------------------------------------- doctors and calendars

  /** The reference a registered provider parses from a doctor link, without I/O. */
  public Optional<DoctorRef> parse(String link) {
    return directory.parse(link).map(Directory.ParsedLink::ref);
  }

  public Doctor lookup(String link) {
    return directory.lookup(link);
  }

  /** Looks a doctor up by reference (cached like {@link #lookup(String)}). */
  public Doctor lookup(DoctorRef ref) {
    return directory.lookup(ref);
  }

  /** One page of a provider's doctor search, through its budget. */
  public List<DoctorSummary> search(String providerId, SearchQuery query) {
    return directory.search(providerId, query);
  }

  /** Free slots of a target over its free days (at most {@code maxDays} days), through the budget. */
  public List<Slot> freeSlots(Target target, int maxDays) {
    return directory.freeSlots(target, maxDays);
  }

  public Optional<Authenticator> authenticator(String providerId) {
    ProviderRuntime rt = ctx.runtimes.get(providerId);
    return rt == null ? Optional.empty() : rt.provider().authenticator();
  }

  // ---------------------------------------------------------------- patient books

  public void savePatient(String owner, io.github.slothunter.api.OwnerPatient patient) {
    patients.save(owner, patient);
  }

  public List<io.github.slothunter.api.OwnerPatient> patients(String owner) {
    return patients.list(owner);
  }

  public Optional<io.github.slothunter.api.OwnerPatient> patient(String owner, String label) {
    return patients.find(owner, label);
  }

  public boolean removePatient(String owner, String label) {
    return patients.remove(owner, label);
  }

  public List<io.github.slothunter.api.OwnerPatient> importAccountPatients(String owner, String providerId,
      io.github.slothunter.api.AccountSession session) {
    return patients.importAccount(owner, providerId, session);
  }

  // ---------------------------------------------------------------- health

  public WatchHealth health(String watchId) {
    return health.health(registry.watchOrThrow(watchId));
  }

  public List<String> explain(String watchId, Locale locale) {
    return health.explain(registry.watchOrThrow(watchId), locale);
  }

  // ---------------------------------------------------------------- polling

  /** Manual mode: runs every due poll the budget allows on this thread. */
  public int runDue() {
    return dispatcher.runDue();
  }

  // ---------------------------------------------------------------- queries


  // ---------------------------------------------------------------- queries

  public List<Slot> snapshot(Target target) {
    TargetState ts = scheduler.target(target.id());
    return ts == null ? List.of() : ts.slots();
  }

  public TargetStats stats(Target target) {
    TargetState ts = scheduler.target(target.id());
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
    for (WatchRuntime wr : registry.of(owner)) {
      count++;
      announced += wr.slotsAnnounced.get();
      bookings += wr.bookingsMade.get();
    }
    return new OwnerStats(owner, registry.planOf(owner).name(), count, announced, bookings);
  }

  public EngineStats stats() {
    List<ProviderStats> ps = new ArrayList<>();
    for (ProviderRuntime rt : ctx.runtimes.values()) {
      ps.add(new ProviderStats(rt.id(), rt.gate().budget(), rt.gate().effectivePerMinute(), rt.gate().usedLastMinute(),
          rt.sent(), rt.rateLimited(), rt.failed(), rt.breaker().getState().name()));
    }
    return new EngineStats(registry.size(), scheduler.targets().size(), ctx.bus.published(), ctx.bus.dropped(), ps);
  }

  /** The registered provider ids. */
  public List<String> providerIds() {
    return List.copyOf(ctx.runtimes.keySet());
  }

  /** A registered provider's per-minute limit now (see {@link #providerIds()}). */
  public int budgetPerMinute(String providerId) {
    return ctx.runtime(providerId).gate().effectivePerMinute();
  }

  /** Requests sent to a registered provider in the last minute. */
  public int budgetUsedLastMinute(String providerId) {
    return ctx.runtime(providerId).gate().usedLastMinute();
  }

  public ReleaseForecaster forecaster() {
    return ctx.forecaster;
  }


  // ---------------------------------------------------------------- lifecycle

  @Override
  public void close() {
    synchronized (ctx) {
      if (ctx.closed) {
        return;
      }
      ctx.closed = true;
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    lookups.close();
    sweeps.close();
    dispatcher.stop(deadline);
    releases.releaseAll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(1));
    cluster.releaseAll();
    dispatcher.shutdownNow();
    ctx.bus.close(Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(200), deadline - System.nanoTime())));
    outbox.flush(); // what the listeners handled is not delivered again next time
    for (ProviderRuntime rt : ctx.runtimes.values()) {
      rt.close();
    }
    try {
      ctx.store.close();
    } catch (Exception e) {
      log.warn("store failed to close", e);
    }
    log.info("SlotHunter stopped");
  }
}
