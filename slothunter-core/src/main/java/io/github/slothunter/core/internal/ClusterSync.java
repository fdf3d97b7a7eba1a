package io.github.slothunter.core.internal;

import io.github.slothunter.spi.Store;
import io.github.slothunter.spi.TargetLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several engine instances sharing one store: picks up watches registered or cancelled elsewhere,
 * renews and claims target leases, reloads the state of targets taken over from another instance
 * (so nothing is announced twice), gives back what is over a fair share, splits each
 * provider's budget among the live instances, and publishes events a dead instance left in the
 * outbox. With a single-instance store it does nothing.
 *
 * <p><b>Threads.</b> A sync runs under this object's monitor (the dispatcher, or the manual
 * caller, runs it when due); the next sync time is an atomic so that new targets, made under the
 * scheduler's lock, can ask for a sync soon. Wired to the registry and the scheduler once, by
 * {@link #bind}, before the first sync.
 */
final class ClusterSync {
  private static final Logger log = LoggerFactory.getLogger(ClusterSync.class);

  private final Clock clock;
  private final Store store;
  private final Map<String, ProviderRuntime> runtimes;
  private final TargetLeases leases;
  private final boolean shared;
  private final String instanceId;
  private final Duration leaseTime;
  /** When the next sync is due (clock millis); {@code Long.MIN_VALUE} until the first sync ran. */
  private final AtomicLong nextSync = new AtomicLong(Long.MIN_VALUE);
  private Registry registry;
  private Scheduler scheduler;
  private Outbox outbox;

  ClusterSync(EngineContext ctx, String instanceId, Duration leaseTime) {
    this.clock = ctx.clock;
    this.store = ctx.store;
    this.runtimes = ctx.runtimes;
    this.leases = store.leases();
    this.shared = leases != TargetLeases.SINGLE_INSTANCE;
    this.instanceId = instanceId;
    this.leaseTime = leaseTime;
  }

  /** Wires the rooms a sync works on; called once, before the first {@link #start()}. */
  void bind(Registry registry, Scheduler scheduler, Outbox outbox) {
    this.registry = registry;
    this.scheduler = scheduler;
    this.outbox = outbox;
  }

  /** Whether instances share the store (leases are claimed). */
  boolean shared() {
    return shared;
  }

  /** The first sync, at start-up: the restored state is fresh, so no takeover reload. */
  void start() {
    if (shared) {
      syncCluster();
    }
  }

  /** When the next sync is due (clock millis); {@code Long.MAX_VALUE} with a single instance. */
  long nextSyncAt() {
    return shared ? nextSync.get() : Long.MAX_VALUE;
  }

  /** A new target: with a shared store it is polled only once a sync claims its lease, asked for at once. */
  void onNewTarget(TargetState ts) {
    if (shared) {
      ts.leased = false;
      nextSync.updateAndGet(v -> v == Long.MIN_VALUE ? v : 0);
    }
  }

  /** Gives back every lease this instance holds (at close); they would otherwise expire in {@code leaseTime}. */
  void releaseAll() {
    if (shared) {
      try {
        leases.release(instanceId, scheduler.targetIds());
      } catch (RuntimeException e) {
        log.warn("could not give back target leases; they expire in {}", leaseTime, e);
      }
    }
  }


  // ---------------------------------------------------------------- scale-out

  /**
   * With a shared store: picks up watches registered or cancelled by other instances, renews and
   * claims target leases, reloads the state of targets taken over from another instance (so nothing
   * is announced twice), and splits each provider's budget among the live instances.
   */
  synchronized void syncCluster() {
    long now = clock.millis();
    boolean initial = nextSync.getAndSet(now + Math.max(1, leaseTime.toMillis() / 3)) == Long.MIN_VALUE;
    Set<String> storedIds = store.watchIds();
    for (String id : storedIds) {
      if (!registry.has(id)) { // registered on another instance
        store.loadWatch(id).ifPresent(registry::adopt);
      }
    }
    for (String id : registry.ids()) {
      if (!storedIds.contains(id)) {
        registry.cancel(id); // cancelled on another instance
      }
    }
    int live = leases.liveInstances(leaseTime);
    List<String> all = scheduler.targetIds();
    Set<String> held = new HashSet<>(leases.claim(instanceId, all, leaseTime));
    int fair = (int) Math.ceil(all.size() / (double) Math.max(1, live));
    if (held.size() > fair) {
      // Give back what is over a fair share so that new instances get work: keep the targets held
      // longest (no takeover cost), then the rest in id order.
      List<String> keep = new ArrayList<>(held);
      keep.sort(Comparator.<String, Boolean>comparing(id -> {
        TargetState t = scheduler.target(id);
        return t == null || !t.leased;
      }).thenComparing(Comparator.naturalOrder()));
      List<String> excess = List.copyOf(keep.subList(fair, keep.size()));
      leases.release(instanceId, excess);
      excess.forEach(held::remove);
    }
    for (TargetState ts : scheduler.targets()) {
      boolean mine = held.contains(ts.id);
      if (mine && !ts.leased && !initial) {
        takeOver(ts);
      }
      scheduler.leased(ts, mine);
    }
    runtimes.values().forEach(rt -> rt.gate().share(live));
    if (!initial) { // the engine replayed at start-up, before this first sync
      outbox.replay(); // events stranded by an instance that died and did not come back
    }
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

  void maybeSync() {
    if (shared && clock.millis() >= nextSync.get()) {
      try {
        syncCluster();
      } catch (RuntimeException e) {
        log.warn("cluster sync failed; keeping the current leases until the next try", e);
        nextSync.set(clock.millis() + 1000);
      }
    }
  }
}
