package io.github.slothunter.benchmarks;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Inside the engine: from the poll response that first contains a new matching slot to (a) the
 * hold request handed to the provider and (b) {@code SlotOpened} delivered to a listener. 1,000
 * watchers (second argument) share the target, one of them auto-books; the provider answers instantly.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.HoldLatencyBenchmark [iterations]}
 */
public final class HoldLatencyBenchmark {
  private HoldLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int watchers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int warmup = Math.min(5_000, iterations / 4);
    FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
    InMemoryProvider provider = InMemoryProvider.builder().id("bench").clock(clock)
        .budget(RequestBudget.of(1_000_000, 100_000_000, 4)).build();
    Plan plan = new Plan("BENCH", Plan.UNLIMITED, Duration.ofSeconds(1), true, 1);
    Target target = provider.target("dr-1");
    long[] toHold = new long[iterations];
    long[] toEvent = new long[iterations];
    long[] returned = new long[1];
    long[] hold = new long[1];
    provider.onAnswer(r -> {
      if (r.operation() == Operation.FREE_SLOTS) {
        returned[0] = System.nanoTime();
      }
    });
    provider.onRequest(r -> {
      if (r.operation() == Operation.HOLD) {
        hold[0] = System.nanoTime();
      }
    });
    // someone else always wins the slot: the watch keeps auto-booking, and nothing is ever booked
    provider.failAlways(Operation.HOLD, ErrorCode.SLOT_TAKEN);
    try (SlotHunter hunter = SlotHunter.builder().provider(provider.factory()).plans(Plans.of(plan, List.of(plan)))
        .clock(clock).manualScheduling().build()) {
      CountDownLatch[] seen = new CountDownLatch[1];
      long[] eventAt = new long[1];
      String watcherOfInterest = "owner-0";
      hunter.listen(e -> {
        if (e instanceof SlotOpened o && o.owner().equals(watcherOfInterest)) {
          eventAt[0] = System.nanoTime();
          seen[0].countDown();
        }
      });
      for (int i = 0; i < watchers; i++) {
        WatchRequest r = WatchRequest.of("owner-" + i, target);
        if (i == watchers - 1) {
          r = r.autoBook(Patient.of("Sara", "Ahmadi", "0499370899", "09121234567"),
              new AccountSession(provider.info().id(), "token", Map.of(), null));
        }
        hunter.watch(r);
      }
      hunter.runDue();
      Slot previous = null;
      for (int i = -warmup; i < iterations; i++) {
        Instant start = Instant.parse("2026-12-10T05:00:00Z").plus(Duration.ofMinutes(15L * (i + warmup)));
        if (previous != null) {
          provider.take(previous);
        }
        previous = provider.open(new Slot(target, start, start.plusSeconds(900), "k" + i));
        seen[0] = new CountDownLatch(1);
        clock.advance(Duration.ofSeconds(1));
        hunter.runDue();
        if (!seen[0].await(5, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no SlotOpened at iteration " + i);
        }
        if (i >= 0) {
          toHold[i] = hold[0] - returned[0];
          toEvent[i] = eventAt[0] - returned[0];
        }
      }
    }
    System.out.println("poll response -> hold sent:          " + Percentiles.summary(toHold, iterations));
    System.out.println("poll response -> SlotOpened delivered: " + Percentiles.summary(toEvent, iterations)
        + " (" + watchers + " watchers on the target)");
  }
}
