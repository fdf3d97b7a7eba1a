package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

  @Test
  void anIdSeenBeforeIsNotNew() {
    RecentIds ids = new RecentIds(10);

    assertThat(ids.add("ev_a")).isTrue();
    assertThat(ids.add("ev_a")).isFalse();
    assertThat(ids.add("ev_b")).isTrue();
  }

  @Test
  void forgetsTheLeastRecentlySeenIdBeyondItsCapacity() {
    RecentIds ids = new RecentIds(2);
    ids.add("ev_a");
    ids.add("ev_b");
    ids.add("ev_a"); // seen again: now the most recent

    ids.add("ev_c"); // over capacity: ev_b goes

    assertThat(ids.size()).isEqualTo(2);
    assertThat(ids.add("ev_a")).isFalse();
    assertThat(ids.add("ev_b")).isTrue();
  }

  @Test
  void holdsAtMostItsCapacity() {
    RecentIds ids = new RecentIds(100);

    for (int i = 0; i < 10_000; i++) {
      ids.add("ev_" + i);
    }

    assertThat(ids.size()).isEqualTo(100);
    assertThat(ids.add("ev_9999")).isFalse();
    assertThat(ids.add("ev_0")).isTrue();
  }

  @Test
  void rejectsANonPositiveCapacity() {
    assertThatThrownBy(() -> new RecentIds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventHub.Settings.DEFAULTS.withDedupIds(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
