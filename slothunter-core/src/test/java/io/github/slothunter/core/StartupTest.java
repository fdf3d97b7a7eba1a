package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up that never gives up (issue 21, item 1): many watches registered at once queue their
 * lookups inside the budget, report progress, and are all polled at their plan's pace or told why.
 */
class StartupTest {
  private static final RequestBudget TWENTY_A_MINUTE = RequestBudget.of(20, 1200, 3);

  @Test
  void threeHundredWatchesRegisteredAtOnceAllStartInsideTheBudgetAndAreToldThePaceTheyGet() {
    try (EngineFixture f = new EngineFixture(TWENTY_A_MINUTE, Store.inMemory(), true)) {
      List<CompletableFuture<Watch>> started = new ArrayList<>();
      List<io.github.slothunter.api.Target> targets = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        targets.add(f.provider.target("dr-" + i));
        started.add(f.hunter.watchAsync(WatchRequest.of("u" + i, "mem:dr-" + i))); // FREE: every 5 minutes
      }
      assertThat(f.hunter.lookupProgress()).isEqualTo(new LookupProgress(0, 0, 300));

      List<Long> progress = new ArrayList<>();
      for (int s = 1; s <= 3600; s++) {
        f.tick(Duration.ofSeconds(1));
        if (s % 60 == 0) {
          progress.add(f.hunter.lookupProgress().done());
        }
      }

      assertThat(started).allSatisfy(w -> assertThat(w).isCompleted());
      assertThat(f.hunter.lookupProgress()).isEqualTo(new LookupProgress(300, 0, 0));
      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(300);
      // progress was there to show: about 17 lookups a minute (the minute's budget less its reserve)
      assertThat(progress).isSorted();
      assertThat(progress.get(0)).isBetween(10L, 20L);
      assertThat(progress.get(9)).isBetween(150L, 200L);
      // every watch was polled within the hour, no rolling minute went past the budget
      for (int i = 0; i < 300; i++) {
        assertThat(f.provider.count(Operation.FREE_DAYS, targets.get(i))).as("dr-" + i).isPositive();
      }
      assertThat(BudgetAndResilienceTest.maxInWindow(f.provider.requests(), Duration.ofMinutes(1))).isLessThanOrEqualTo(20);
      assertThat(longestSilence(f)).isLessThan(Duration.ofMinutes(2));
      // 300 calendars every 5 minutes is 60 polls a minute on a 20/min budget: each watch is told, with its pace
      Watch w = started.get(123).join();
      WatchHealth h = f.hunter.health(w.id());
      assertThat(h.state()).isEqualTo(HealthState.BUDGET_SHORT);
      assertThat(h.pace()).isBetween(Duration.ofMinutes(12), Duration.ofMinutes(25));
      assertThat(f.events.of(WatchHealthChanged.class)).filteredOn(e -> e.watchId().equals(w.id()))
          .anySatisfy(e -> {
            assertThat(e.current()).isEqualTo(HealthState.BUDGET_SHORT);
            assertThat(e.reason()).isEqualTo(ErrorCode.BUDGET_SPENT);
          });
      assertThat(f.hunter.explain(w.id(), java.util.Locale.ENGLISH).get(0)).contains("less often than the plan asks");
    }
  }

  @Test
  void aFewWatchesWithinTheBudgetArePolledAtTheirPlansPaceAndSaySo() {
    try (EngineFixture f = new EngineFixture(TWENTY_A_MINUTE, Store.inMemory(), true)) {
      List<Watch> watches = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        f.provider.target("dr-" + i);
        watches.add(f.hunter.watch(WatchRequest.of("u" + i, "mem:dr-" + i)));
      }

      for (int s = 0; s < 1800; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      for (Watch w : watches) {
        WatchHealth h = f.hunter.health(w.id());
        assertThat(h.state()).isEqualTo(HealthState.ACTIVE);
        assertThat(h.pace()).isEqualTo(Plans.FREE.minInterval());
        assertThat(h.pollsLastHour()).isBetween(6, 7); // every 5 minutes for half an hour
      }
    }
  }

  @Test
  void aRateLimitOnALookupIsWaitedOutAndTriedAgain() {
    try (EngineFixture f = new EngineFixture(TWENTY_A_MINUTE, Store.inMemory(), true)) {
      f.provider.target("dr-a");
      f.provider.failNext(Operation.LOOKUP, SlotHunterException.builder(ErrorCode.RATE_LIMITED).providerId("memory")
          .retryAfter(Duration.ofSeconds(30)).message("slow down").build());

      CompletableFuture<Watch> w = f.hunter.watchAsync(WatchRequest.of("u1", "mem:dr-a"));
      f.tick(Duration.ofSeconds(1));
      assertThat(w).isNotDone();
      assertThat(f.hunter.lookupProgress().waiting()).isEqualTo(1);
      f.tick(Duration.ofSeconds(20));
      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(1); // paused: nothing sent during the Retry-After
      f.tick(Duration.ofSeconds(11));

      assertThat(w).isCompleted();
      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(2);
      assertThat(f.hunter.watches("u1")).containsExactly(w.join());
    }
  }

  @Test
  void aFailingSiteIsTriedThreeTimesThenTheWatchFailsWithItsError() {
    try (EngineFixture f = new EngineFixture(TWENTY_A_MINUTE, Store.inMemory(), true)) {
      f.provider.target("dr-a");
      for (int i = 0; i < 3; i++) {
        f.provider.failNext(Operation.LOOKUP, SlotHunterException.builder(ErrorCode.PROVIDER_UNAVAILABLE).providerId("memory")
            .message("502").build());
      }

      CompletableFuture<Watch> w = f.hunter.watchAsync(WatchRequest.of("u1", "mem:dr-a"));
      CompletableFuture<Watch> unknown = f.hunter.watchAsync(WatchRequest.of("u2", "mem:dr-nobody"));
      for (int s = 0; s < 10; s++) {
        f.tick(Duration.ofSeconds(5));
      }

      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(4); // three for dr-a, one for dr-nobody
      assertThatThrownBy(w::join).isInstanceOf(CompletionException.class).cause()
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
      assertThatThrownBy(unknown::join).cause()
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThat(f.hunter.lookupProgress()).isEqualTo(new LookupProgress(0, 2, 0));
      assertThat(f.hunter.watches("u1")).isEmpty();
    }
  }

  @Test
  void watchersOfTheSameDoctorShareOneLookupAndBadInputFailsAtOnce() {
    try (EngineFixture f = new EngineFixture(TWENTY_A_MINUTE, Store.inMemory(), true)) {
      f.provider.target("dr-a");

      CompletableFuture<Watch> a = f.hunter.watchAsync(WatchRequest.of("u1", "mem:dr-a"));
      CompletableFuture<Watch> b = f.hunter.watchAsync(WatchRequest.of("u2", "mem:dr-a"));
      f.tick(Duration.ofSeconds(1));

      assertThat(a.join().targets()).isEqualTo(b.join().targets());
      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(1);
      assertThatThrownBy(() -> f.hunter.watchAsync(WatchRequest.of("u3", "https://example.com/x")))
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
      assertThatThrownBy(() -> f.hunter.watchAsync(WatchRequest.of("u1", "mem:dr-a"))) // FREE allows one watch
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    }
  }

  @Test
  void aThreadedWatchWaitsForTheBudgetInsteadOfFailingAndCloseEndsTheWait() throws Exception {
    EngineFixture f = new EngineFixture(RequestBudget.of(1, 100, 1), Store.inMemory(), true);
    f.hunter.close();
    f.provider.target("dr-a");
    f.provider.target("dr-b");
    f.provider.target("dr-c");
    try (SlotHunter hunter = threaded(f)) {
      hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("SLOW")); // the minute's one request

      CompletableFuture<Watch> b = CompletableFuture.supplyAsync(() -> hunter.watch(WatchRequest.of("u2", "mem:dr-b")
          .plan("SLOW")));
      awaitTrue(() -> hunter.lookupProgress().waiting() == 1);
      assertThat(b).isNotDone();
      f.clock.advance(Duration.ofSeconds(61)); // the minute rolls: the queued lookup goes

      assertThat(b.get(10, TimeUnit.SECONDS).doctor().key()).isEqualTo("dr-b");
      CompletableFuture<Watch> c = hunter.watchAsync(WatchRequest.of("u3", "mem:dr-c").plan("SLOW"));
      awaitTrue(() -> hunter.lookupProgress().waiting() == 1);
      hunter.close();
      assertThatThrownBy(() -> c.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  private static SlotHunter threaded(EngineFixture f) {
    return SlotHunter.builder().provider(f.provider.factory()).store(Store.inMemory())
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.SLOW))).clock(f.clock)
        .closeTimeout(Duration.ofSeconds(2)).build();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static Duration longestSilence(EngineFixture f) {
    Duration longest = Duration.ZERO;
    Instant previous = null;
    for (InMemoryProvider.Request r : f.provider.requests()) {
      if (previous != null && Duration.between(previous, r.at()).compareTo(longest) > 0) {
        longest = Duration.between(previous, r.at());
      }
      previous = r.at();
    }
    return longest;
  }
}
