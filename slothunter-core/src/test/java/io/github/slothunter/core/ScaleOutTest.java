package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Watch;
import io.github.slothunter.spi.TargetLeases;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several engines sharing one store: each target is polled by one of them, and a dead one's targets move. */
class ScaleOutTest {

  /** A store shared by engines in one JVM, with an in-memory lease table: the contract the JDBC store meets. */
  static final class SharedStore extends ForwardingStore implements TargetLeases {
    private final FakeClock clock;
    private final Map<String, String> owner = new HashMap<>();
    private final Map<String, Instant> expires = new HashMap<>();
    private final Map<String, Instant> seen = new HashMap<>();

    SharedStore(FakeClock clock) {
      super(Store.inMemory());
      this.clock = clock;
    }

    @Override
    public synchronized Set<String> claim(String instanceId, Collection<String> targetIds, Duration leaseTime) {
      Instant now = clock.instant();
      seen.put(instanceId, now);
      Set<String> held = new HashSet<>();
      for (String t : targetIds) {
        String o = owner.get(t);
        if (o == null || o.equals(instanceId) || !expires.get(t).isAfter(now)) {
          owner.put(t, instanceId);
          expires.put(t, now.plus(leaseTime));
          held.add(t);
        }
      }
      return held;
    }

    @Override
    public synchronized void release(String instanceId, Collection<String> targetIds) {
      for (String t : targetIds) {
        if (instanceId.equals(owner.get(t))) {
          owner.remove(t);
          expires.remove(t);
        }
      }
    }

    @Override
    public synchronized int liveInstances(Duration leaseTime) {
      Instant now = clock.instant();
      return (int) Math.max(1, seen.values().stream().filter(s -> s.plus(leaseTime).isAfter(now)).count());
    }

    @Override
    public TargetLeases leases() {
      return this;
    }
  }

  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private final SharedStore store = new SharedStore(clock);
  private final InMemoryProvider provider = InMemoryProvider.builder().clock(clock).budget(RequestBudget.of(600, 36_000, 4)).build();

  private SlotHunter engine(String id, RecordingListener events) {
    SlotHunter h = SlotHunter.builder().provider(provider.factory()).store(store).clock(clock).manualScheduling()
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).instanceId(id)
        .leaseTime(Duration.ofSeconds(30)).build();
    h.listen(events);
    return h;
  }

  @Test
  void twoInstancesShareTheTargetsFairlyAndASurvivorTakesOverADeadOnesWithoutReannouncing() {
    RecordingListener eventsA = new RecordingListener();
    RecordingListener eventsB = new RecordingListener();
    SlotHunter a = engine("a", eventsA);
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Target t = provider.target("dr-" + i);
      targets.add(t);
      provider.open(t, Instant.parse("2026-12-07T06:00:00Z"));
      a.watch(WatchRequest.of("u" + i, t).plan("FAST"));
    }
    a.runDue();                        // a claims everything it knows first
    SlotHunter b = engine("b", eventsB);
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(10));
      a.runDue();
      b.runDue();
    }
    // b has seen the watches (sync) and a gave it a fair share: each target is polled by one of them
    assertThat(b.watches("u0")).hasSize(1);
    long polledByB = targets.stream().filter(t -> b.stats(t).polls() > 0).count();
    assertThat(polledByB).isEqualTo(3);
    long lastA = 0;
    for (Target t : targets) {
      lastA += a.stats(t).polls();
    }
    assertThat(lastA).isPositive();

    // a dies (no close, no renewals); after one lease period b takes every target over
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofSeconds(10));
      b.runDue();
    }
    Target t0 = targets.get(0);
    provider.open(t0, Instant.parse("2026-12-07T07:00:00Z"));
    clock.advance(Duration.ofSeconds(10));
    b.runDue();

    assertThat(targets).allSatisfy(t -> assertThat(b.stats(t).polls()).isPositive());
    List<SlotOpened> all = new ArrayList<>(eventsA.await(SlotOpened.class, 6));
    all.addAll(eventsB.await(SlotOpened.class, 1));
    eventsB.settle();
    all = new ArrayList<>(eventsA.of(SlotOpened.class));
    all.addAll(eventsB.of(SlotOpened.class));
    // every (watch, slot) announced exactly once across both instances: 6 initial + 1 new
    assertThat(all).hasSize(7);
    assertThat(all.stream().map(o -> o.watchId() + o.slot().id()).distinct()).hasSize(7);
    assertThat(eventsB.of(SlotOpened.class)).singleElement()
        .satisfies(o -> assertThat(o.slot().start()).isEqualTo(Instant.parse("2026-12-07T07:00:00Z")));
    b.close();
  }

  @Test
  void liveInstancesSplitTheBudgetAndACancelledWatchDisappearsEverywhere() {
    RecordingListener ea = new RecordingListener();
    SlotHunter a = engine("a", ea);
    SlotHunter b = engine("b", new RecordingListener());
    Target t = provider.target("dr-x");
    Watch w = a.watch(WatchRequest.of("u1", t).plan("FAST"));
    a.runDue();
    b.runDue();

    assertThat(a.stats().providers().get(0).effectivePerMinute()).isEqualTo(300);
    a.cancel(w.id());
    clock.advance(Duration.ofSeconds(11));
    b.runDue();

    assertThat(b.find(w.id())).isEmpty();
    a.close();
    b.close();
  }
}
