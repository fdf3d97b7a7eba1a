package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.SlotEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A listener for crash tests: hears events until its process is "killed", then nothing more. */
final class HeardEvents {
  private final List<SlotEvent> heard = new ArrayList<>();
  private boolean killed;

  synchronized void onEvent(SlotEvent e) {
    if (!killed) {
      heard.add(e);
      notifyAll();
    }
  }

  synchronized void kill() {
    killed = true;
  }

  synchronized <T extends SlotEvent> List<T> of(Class<T> type) {
    return heard.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits (10 s at most) until an event of the type was heard, and fails if none was. */
  synchronized void await(Class<? extends SlotEvent> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (of(type).isEmpty() && System.nanoTime() < deadline) {
      wait(50);
    }
    assertThat(of(type)).as(type.getSimpleName() + " before the crash").isNotEmpty();
  }

  /** The ids of the events of a type heard by two listeners, in order. */
  static List<String> ids(HeardEvents before, HeardEvents after, Class<? extends SlotEvent> type) {
    List<String> ids = new ArrayList<>();
    before.of(type).forEach(e -> ids.add(e.id()));
    after.of(type).forEach(e -> ids.add(e.id()));
    return ids;
  }
}
