package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Target;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.InMemoryProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An engine killed without {@code close()} (as by {@code kill -9}) leaves its leases in the database.
 * Restarted with the same instance id it takes them back at once; any other instance waits for them
 * to expire. The clock only moves when the test says so, and every poll is read from the fake's log.
 */
class KilledInstanceRestartTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Plan FAST = new Plan("FAST", 100, Duration.ofSeconds(5), false, 4);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock("2026-12-05T05:30:00Z");
  private final InMemoryProvider provider = InMemoryProvider.builder().id("fake").clock(clock).booking(false).build();
  private final List<SlotHunter> engines = new ArrayList<>();
  private final Target target = target("dr-a");

  @AfterEach
  void closeEngines() {
    // the killed engine too, last, once the test has looked at everything: it only has threads to stop
    engines.forEach(SlotHunter::close);
  }

  private SlotHunter engine(TestDatabase db, String instanceId) {
    SlotHunter h = SlotHunter.builder().provider(provider.factory()).store(db.open(TestDatabase.KEY, clock))
        .clock(clock).plans(Plans.of(FAST, List.of(FAST))).closeTimeout(Duration.ofSeconds(2)).manualScheduling()
        .instanceId(instanceId).leaseTime(LEASE).build();
    engines.add(0, h);
    return h;
  }

  /** Starts instance "a", lets it poll the target once, and "kills" it: no close, no more renewals. */
  private void pollOnceAndDie(TestDatabase db) {
    provider.open(slot(target, 0));
    SlotHunter killed = engine(db, "a");
    killed.watch(WatchRequest.of("u1", target).plan("FAST"));
    killed.runDue();
    assertThat(provider.count(InMemoryProvider.Operation.FREE_DAYS, target)).isEqualTo(1);
    assertThat(db.rows("SELECT instance_id FROM target_leases WHERE target_id = ?", target.id()))
        .containsExactly(List.of("a"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void restartWithTheSameInstanceIdPollsItsTargetsAtOnce(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    pollOnceAndDie(db);
    clock.advance(FAST.minInterval()); // the target is due again; its lease has 25 s to go

    SlotHunter restarted = engine(db, "a");
    restarted.runDue();

    assertThat(provider.count(InMemoryProvider.Operation.FREE_DAYS, target)).isEqualTo(2);
    assertThat(restarted.stats(target).polls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anotherInstanceWaitsUntilTheKilledInstancesLeasesExpire(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    pollOnceAndDie(db);
    clock.advance(FAST.minInterval());

    SlotHunter other = engine(db, "b");
    for (Duration elapsed = FAST.minInterval(); elapsed.compareTo(LEASE) < 0; elapsed = elapsed.plusSeconds(5)) {
      other.runDue();
      assertThat(provider.count(InMemoryProvider.Operation.FREE_DAYS, target)).as("polls %s after the last renewal", elapsed).isEqualTo(1);
      clock.advance(Duration.ofSeconds(5));
    }
    clock.advance(LEASE.dividedBy(3)); // the lease has expired and a renewal period has passed: a sync took it
    other.runDue();

    assertThat(provider.count(InMemoryProvider.Operation.FREE_DAYS, target)).isEqualTo(2);
    assertThat(other.stats(target).polls()).isEqualTo(1);
  }
}
