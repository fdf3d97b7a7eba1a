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
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.InMemoryProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine killed (no {@code close()}, every later store call refused) at each step of poll ->
 * save -> publish -> mark delivered, then restarted with the same instance id on the same database:
 * no {@code SlotOpened} is lost, none reaches listeners twice under different ids, and a replayed one
 * keeps its id.
 */
class CrashRecoveryTest {
  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock("2026-12-05T05:30:00Z");
  private final InMemoryProvider provider = InMemoryProvider.builder().id("fake").clock(clock).booking(false).build();
  private final List<SlotHunter> engines = new ArrayList<>();
  private final List<CrashingStore> crashing = new ArrayList<>();
  private final Target target = target("dr-a");

  /** Where the kill happens. */
  enum Step {
    BEFORE_THE_POLL_IS_SAVED(CrashingStore.Point.before("savePoll")),
    AFTER_THE_POLL_IS_SAVED(CrashingStore.Point.after("savePoll")),
    AFTER_PUBLISHING_BEFORE_MARKING(CrashingStore.Point.before("markDelivered")),
    AFTER_MARKING_DELIVERED(CrashingStore.Point.after("markDelivered"));

    final CrashingStore.Point point;

    Step(CrashingStore.Point point) {
      this.point = point;
    }
  }

  static Stream<Arguments> steps() {
    List<Arguments> out = new ArrayList<>();
    for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
      for (Step step : Step.values()) {
        out.add(Arguments.of(kind, step));
      }
    }
    return out.stream();
  }

  @AfterEach
  void closeEngines() {
    crashing.forEach(CrashingStore::revive); // the killed engines only have threads left to stop
    engines.forEach(SlotHunter::close);
  }

  private SlotHunter engine(CrashingStore store) {
    SlotHunter h = store.engine(provider.factory(), clock);
    engines.add(0, h);
    return h;
  }

  @ParameterizedTest(name = "{0}, killed {1}")
  @MethodSource("steps")
  void aKillAtAnyStepLosesNoSlotOpenedAndRepeatsNoneUnderAnotherId(TestDatabase.Kind kind, Step step)
      throws InterruptedException {
    TestDatabase db = kind.create(dir);
    Slot slot = slot(target, 0);
    provider.open(slot);

    CrashingStore store = new CrashingStore(db.open(TestDatabase.KEY, clock), step.point);
    crashing.add(store);
    SlotHunter killed = engine(store);
    HeardEvents before = new HeardEvents();
    killed.listen(before::onEvent);
    killed.watch(WatchRequest.of("u1", target).plan("PRO"));
    for (int round = 0; round < 20 && !store.crashed(); round++) {
      try {
        killed.runDue(); // polls, and first marks what the listeners handled since the last round
      } catch (CrashingStore.Crash expected) {
        break;
      }
      if (step.point.call().equals("markDelivered")) {
        before.await(SlotOpened.class); // the mark comes with the next round
      }
      clock.advance(Duration.ofSeconds(30));
    }
    assertThat(store.crashed()).as("killed " + step).isTrue();
    before.kill();

    HeardEvents after = new HeardEvents();
    try (SlotHunter restarted = CrashingStore.node(provider.factory(), db.open(TestDatabase.KEY, clock), clock)) {
      restarted.listen(after::onEvent);
      clock.advance(Duration.ofMinutes(10));
      restarted.runDue();
    } // close() delivers what is queued and marks it

    List<SlotOpened> all = new ArrayList<>(before.of(SlotOpened.class));
    all.addAll(after.of(SlotOpened.class));
    assertThat(all).as("every SlotOpened heard, before and after the restart").isNotEmpty()
        .allSatisfy(e -> assertThat(e.slot()).isEqualTo(slot));
    assertThat(all.stream().map(SlotEvent::id).distinct()).as("one event, one id").hasSize(1);
    switch (step) {
      case BEFORE_THE_POLL_IS_SAVED, AFTER_THE_POLL_IS_SAVED -> {
        assertThat(before.of(SlotOpened.class)).isEmpty(); // nothing was published before the kill
        assertThat(after.of(SlotOpened.class)).hasSize(1); // found again, or replayed from the outbox
      }
      case AFTER_PUBLISHING_BEFORE_MARKING -> {
        assertThat(before.of(SlotOpened.class)).hasSize(1);
        assertThat(after.of(SlotOpened.class)).as("replayed under the same id").hasSize(1);
      }
      case AFTER_MARKING_DELIVERED -> {
        assertThat(before.of(SlotOpened.class)).hasSize(1);
        assertThat(after.of(SlotOpened.class)).as("delivered and marked: not again").isEmpty();
      }
    }
    assertThat(db.rows("SELECT event_id FROM event_outbox")).as("the outbox is empty once delivered").isEmpty();
  }
}
