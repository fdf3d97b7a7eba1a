package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.testkit.InMemoryProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Not a test: a main that measures the JDBC store on this machine.
 *
 * <ol>
 *   <li>{@code savePoll} throughput (snapshots per second) on H2 and embedded PostgreSQL, one
 *       thread and four, for 1,000 targets with 10 watches each and 10-slot snapshots. "churn":
 *       every poll has one slot opened and one gone (two history rows, and per watch one announced
 *       id added and one removed); "steady": nothing changed (the common case).
 *   <li>Engine start on a store holding 100,000 watches (10,000 targets, 10% auto-booking, every
 *       target with a snapshot and announced ids): time for {@code JdbcStore} open +
 *       {@code SlotHunter.build()} and the heap the restored engine holds after a GC.
 * </ol>
 *
 * <p>Run: {@code mvn -q -o -pl slothunter-store-jdbc exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.slothunter.store.jdbc.PollWriteBenchmark}; system properties
 * {@code bench.polls} (default 20000) and {@code bench.watches} (default 100000) scale it.
 */
public final class PollWriteBenchmark {
  private static final int TARGETS_FOR_POLLS = 1_000;
  private static final int WATCHES_PER_TARGET = 10;
  private static final int SLOTS = 10;

  private PollWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int polls = Integer.getInteger("bench.polls", 20_000);
    int watches = Integer.getInteger("bench.watches", 100_000);
    Path tmp = Files.createTempDirectory("slothunter-bench");
    System.out.printf("JVM %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      Function<String, JdbcStore> h2 = name -> JdbcStore.builder().h2(tmp.resolve(name))
          .encryptionKey(TestDatabase.KEY).build();
      Function<String, JdbcStore> postgres = name -> JdbcStore.builder().dataSource(pgSchema(pg, name))
          .encryptionKey(TestDatabase.KEY).build();

      for (int threads : new int[] {1, 4}) {
        pollThroughput("H2", h2.apply("polls" + threads), polls, threads);
        pollThroughput("PostgreSQL", postgres.apply("polls" + threads), polls, threads);
      }
      if (Boolean.getBoolean("bench.skipStart")) {
        return;
      }
      engineStart("H2", () -> h2.apply("start"), watches);
      engineStart("PostgreSQL", () -> postgres.apply("start"), watches);
    }
  }

  private static final java.util.Map<String, SimplePool> POOLS = new java.util.concurrent.ConcurrentHashMap<>();

  private static DataSource pgSchema(EmbeddedPostgres pg, String schema) {
    return POOLS.computeIfAbsent(schema, s -> {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return new SimplePool(pg.getDatabase("postgres", "postgres", Map.of("currentSchema", s)));
    });
  }

  private static Target target(int i) {
    return Fixtures.target("dr-" + i);
  }

  private static String watchId(int target, int n) {
    return "w-" + target + "-" + n;
  }

  // ------------------------------------------------------------------ savePoll

  private static void pollThroughput(String db, JdbcStore store, int polls, int threads) throws Exception {
    try (store) {
      for (int t = 0; t < TARGETS_FOR_POLLS; t++) {
        for (int n = 0; n < WATCHES_PER_TARGET; n++) {
          store.saveWatch(Fixtures.watch(watchId(t, n), "u" + t, target(t)));
        }
      }
      int warmUp = Math.min(4_000, polls / 4);
      runPolls(store, 0, warmUp, threads, true);
      for (boolean churn : new boolean[] {true, false}) {
        long started = System.nanoTime();
        runPolls(store, warmUp, polls, threads, churn);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("savePoll %-10s %-6s %d thread(s): %,d polls in %.2f s = %,.0f snapshots/s (%.2f ms per poll per thread)%n",
            db, churn ? "churn" : "steady", threads, polls, seconds, polls / seconds, seconds * 1000 * threads / polls);
      }
    }
  }

  private static void runPolls(JdbcStore store, int offset, int count, int threads, boolean churn) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (int th = 0; th < threads; th++) {
      int thread = th;
      done.add(pool.submit(() -> {
        // each thread owns the targets congruent to it, as leases would give one target to one poller
        int i;
        while ((i = next.getAndIncrement()) < count) {
          int round = churn ? (offset + i) / TARGETS_FOR_POLLS : offset / TARGETS_FOR_POLLS;
          int t = ((offset + i) % (TARGETS_FOR_POLLS / threads)) * threads + thread;
          poll(store, t, round, churn);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static void poll(JdbcStore store, int t, int round, boolean churn) {
    Target target = target(t);
    List<Slot> slots = new ArrayList<>();
    for (int s = round; s < round + SLOTS; s++) {
      slots.add(Fixtures.slot(target, s * 15));
    }
    Set<String> ids = new HashSet<>();
    slots.forEach(s -> ids.add(s.id()));
    java.time.Instant now = Fixtures.T0.plusSeconds(round * 60L);
    List<SlotChange> changes = !churn ? List.of() : List.of(new SlotChange(slots.get(SLOTS - 1), SlotChange.Kind.OPENED, now),
        new SlotChange(Fixtures.slot(target, (round - 1) * 15), SlotChange.Kind.GONE, now));
    Map<String, Set<String>> announced = new java.util.HashMap<>();
    for (int n = 0; n < WATCHES_PER_TARGET; n++) {
      announced.put(watchId(t, n), ids);
    }
    store.savePoll(new TargetSnapshot(target.id(), slots, now), changes, announced);
  }

  // ------------------------------------------------------------------ engine start

  private static void engineStart(String db, java.util.function.Supplier<JdbcStore> open, int watches) throws Exception {
    int targets = Math.max(1, watches / WATCHES_PER_TARGET);
    long filling = System.nanoTime();
    try (JdbcStore store = open.get()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int th = 0; th < 4; th++) {
        int thread = th;
        done.add(pool.submit(() -> {
          for (int t = thread; t < targets; t += 4) {
            Target target = target(t);
            Map<String, Set<String>> announced = new java.util.HashMap<>();
            Slot slot = Fixtures.slot(target, 0);
            for (int n = 0; n < WATCHES_PER_TARGET; n++) {
              store.saveWatch(watch(t, n, target));
              announced.put(watchId(t, n), Set.of(slot.id()));
            }
            store.savePoll(new TargetSnapshot(target.id(), List.of(slot), Fixtures.T0), List.of(), announced);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    }
    System.out.printf("start      %-10s stored %,d watches on %,d targets in %.1f s%n", db, targets * WATCHES_PER_TARGET,
        targets, (System.nanoTime() - filling) / 1e9);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    long started = System.nanoTime();
    JdbcStore store = open.get();
    long opened = System.nanoTime();
    Map<String, long[]> calls = new java.util.TreeMap<>();
    InMemoryProvider provider = InMemoryProvider.builder().id("fake").booking(false).build();
    SlotHunter hunter = SlotHunter.builder().provider(provider.factory()).store(timed(store, calls)).clock(Clock.systemUTC())
        .closeTimeout(Duration.ofSeconds(2)).manualScheduling().build();
    long built = System.nanoTime();
    long after = usedAfterGc(memory);
    System.out.printf("start      %-10s store open %.2f s, SlotHunter.build() restoring %,d watches %.1f s;"
            + " engine heap after GC +%d MB (%d MB used in total)%n", db, (opened - started) / 1e9,
        hunter.stats().watches(), (built - opened) / 1e9, (after - before) >> 20, after >> 20);
    StringBuilder breakdown = new StringBuilder();
    calls.forEach((method, c) -> breakdown.append(String.format(" %s %,d x %.3f ms;", method, c[1], c[0] / 1e6 / c[1])));
    System.out.printf("start      %-10s store calls during build:%s%n", db, breakdown);
    hunter.close();
  }

  /** The store, timing every call by method name. */
  private static io.github.slothunter.spi.Store timed(JdbcStore store, Map<String, long[]> calls) {
    return (io.github.slothunter.spi.Store) java.lang.reflect.Proxy.newProxyInstance(
        PollWriteBenchmark.class.getClassLoader(), new Class<?>[] {io.github.slothunter.spi.Store.class},
        (proxy, method, args) -> {
          long t0 = System.nanoTime();
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          } finally {
            synchronized (calls) {
              long[] c = calls.computeIfAbsent(method.getName(), k -> new long[2]);
              c[0] += System.nanoTime() - t0;
              c[1]++;
            }
          }
        });
  }

  private static Watch watch(int t, int n, Target target) {
    AutoBook autoBook = n == 0 ? new AutoBook(Fixtures.patient(), Fixtures.session(), 1) : null;
    return new Watch(watchId(t, n), "owner-" + (t * WATCHES_PER_TARGET + n) % 20_000, target.ref(), List.of(target),
        Map.of(), SlotFilter.ANY, "PRO", autoBook, Fixtures.T0, WatchState.ACTIVE);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
