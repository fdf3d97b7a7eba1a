package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.InMemoryProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine restarted on the same database: nothing lost, nothing announced twice. */
class EngineRestartTest {
  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock("2026-12-05T05:30:00Z");
  private final InMemoryProvider provider = InMemoryProvider.builder().id("fake").clock(clock).booking(false).build();

  private SlotHunter engine(Store store) {
    return SlotHunter.builder().provider(provider.factory()).store(store).clock(clock)
        .closeTimeout(Duration.ofSeconds(2)).manualScheduling().build();
  }

  /** Collects events; the engine delivers them on its own threads. */
  private static final class Events {
    final BlockingQueue<SlotEvent> queue = new LinkedBlockingQueue<>();
    final List<SlotEvent> seen = new ArrayList<>();

    SlotOpened awaitOpened(Slot slot) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        SlotEvent e = queue.poll(100, TimeUnit.MILLISECONDS);
        if (e != null) {
          seen.add(e);
          if (e instanceof SlotOpened o && o.slot().equals(slot)) {
            return o;
          }
        }
      }
      throw new AssertionError("no SlotOpened for " + slot.id() + " within 10 s; saw " + seen);
    }

    List<Slot> openedSlots() {
      queue.drainTo(seen);
      return seen.stream().filter(e -> e instanceof SlotOpened).map(e -> ((SlotOpened) e).slot()).toList();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void restartLosesNoWatchAndAnnouncesOnlyNewSlots(TestDatabase.Kind kind) throws InterruptedException {
    TestDatabase db = kind.create(dir);
    Target a = target("dr-a");
    Target b = target("dr-b");
    Slot old = slot(a, 0);
    provider.open(old);
    provider.addCalendar(b); // polled too: an empty calendar, not an unknown one
    Events before = new Events();
    Watch first;
    Watch second;
    try (SlotHunter hunter = engine(db.open(TestDatabase.KEY, clock))) {
      hunter.listen(before.queue::add);
      first = hunter.watch(WatchRequest.of("u1", a).plan("PRO"));
      second = hunter.watch(WatchRequest.of("u2", b).plan("PRO"));
      hunter.runDue();
      before.awaitOpened(old);
    }

    Slot fresh = slot(a, 30);
    provider.open(fresh);
    clock.advance(Duration.ofMinutes(1));
    Events after = new Events();
    try (SlotHunter hunter = engine(db.open(TestDatabase.KEY, clock))) {
      hunter.listen(after.queue::add);

      assertThat(hunter.find(first.id())).contains(first);
      assertThat(hunter.find(second.id())).contains(second);

      hunter.runDue();
      assertThat(after.awaitOpened(fresh).watchId()).isEqualTo(first.id());
    }

    assertThat(after.openedSlots()).containsExactly(fresh);
    assertThat(before.openedSlots()).containsExactly(old);
  }
}
