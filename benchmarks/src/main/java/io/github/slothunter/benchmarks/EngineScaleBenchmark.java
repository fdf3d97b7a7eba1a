package io.github.slothunter.benchmarks;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.InMemoryProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * 100,000 watches on 10,000 targets: registration time, heap after GC, and the engine's CPU use
 * while idle (targets scheduled, budget-limited polling of an instant provider).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.EngineScaleBenchmark [idleSeconds] [adaptive|fixed] [perMinute=20] [minIntervalSeconds=300]}
 * ({@code adaptive}: the plan schedules adaptively with the default forecaster, so the short budget
 * has the engine rank all 10,000 targets by expected releases).
 */
public final class EngineScaleBenchmark {
  private EngineScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int targets = 10_000;
    int watches = 100_000;
    int perMinute = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    InMemoryProvider provider = InMemoryProvider.builder().id("bench")
        .budget(RequestBudget.of(perMinute, perMinute * 15, 3)).build();
    for (int i = 0; i < targets; i++) {
      provider.addCalendar(target(i)); // every calendar empty: the engine polls, nothing opens
    }
    boolean adaptive = args.length > 1 && args[1].equals("adaptive");
    Duration interval = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 300);
    Plan plan = new Plan("BENCH", Plan.UNLIMITED, interval, false, 1).withAdaptive(adaptive);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.gc();
    long heapBefore = usedHeap();

    long t0 = System.nanoTime();
    SlotHunter hunter = SlotHunter.builder().provider(provider.factory()).plans(Plans.of(plan, List.of(plan))).build();
    for (int i = 0; i < watches; i++) {
      Target t = target(i % targets);
      hunter.watch(WatchRequest.of("owner-" + (i / 3), t));
    }
    long registerMs = (System.nanoTime() - t0) / 1_000_000;
    System.gc();
    System.gc();
    long heap = usedHeap() - heapBefore;

    long cpu0 = engineCpu(threads);
    long wall0 = System.nanoTime();
    Thread.sleep(idleSeconds * 1000L);
    long cpu = engineCpu(threads) - cpu0;
    long wall = System.nanoTime() - wall0;
    long sent = hunter.stats().providers().get(0).requestsSent();
    hunter.close();

    System.out.printf("watches=%d targets=%d (engine targets=%d)%n", watches, targets, targets);
    System.out.printf("register: %d ms total, %.1f us/watch%n", registerMs, registerMs * 1000.0 / watches);
    System.out.printf("heap after GC for %d watches: %.1f MB%n", watches, heap / 1048576.0);
    System.out.printf("idle %ds%s: engine threads CPU %.3f%% of one core (requests sent %d, budget %d/min)%n",
        idleSeconds, adaptive ? ", adaptive" : "", 100.0 * cpu / wall, sent, perMinute);
  }

  private static Target target(int i) {
    return new Target(new DoctorRef("bench", "dr-" + i), "c1", "s1", Map.of("server_id", "1"));
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long engineCpu(ThreadMXBean mx) {
    long total = 0;
    for (long id : mx.getAllThreadIds()) {
      var info = mx.getThreadInfo(id);
      if (info != null && info.getThreadName().startsWith("slothunter-")) {
        long c = mx.getThreadCpuTime(id);
        if (c > 0) {
          total += c;
        }
      }
    }
    return total;
  }
}
