package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopperTest {
  @Test
  void awaitReturnsFalseWhenTheTimeoutPasses() {
    try (Stopper s = new Stopper(false)) {
      assertThat(s.await(Duration.ofMillis(20))).isFalse();
      assertThat(s.interrupted()).isFalse();
    }
  }

  @Test
  void stopEndsTheWaitAtOnce() {
    try (Stopper s = new Stopper(false)) {
      s.stop();

      assertThat(s.await(Duration.ofMinutes(5))).isTrue();
    }
  }

  @Test
  void aHookIsRemovedAgainOnClose() {
    Stopper s = new Stopper(true);

    s.close();

    assertThat(s.interrupted()).isFalse();
  }
}
