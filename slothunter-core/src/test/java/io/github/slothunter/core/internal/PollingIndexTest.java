package io.github.slothunter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PollingIndexTest {
  @Test
  void isHalfTheTimeSinceTheLastPollJustAfterItAndOneLongAfter() {
    assertThat(AdaptivePolicy.pollingIndex(0)).isZero();
    assertThat(AdaptivePolicy.pollingIndex(-1)).isZero();
    assertThat(AdaptivePolicy.pollingIndex(Double.NaN)).isZero();
    assertThat(AdaptivePolicy.pollingIndex(1e-6)).isCloseTo(5e-7, within(1e-12));
    assertThat(AdaptivePolicy.pollingIndex(0.01)).isCloseTo(0.005, within(1e-4));
    assertThat(AdaptivePolicy.pollingIndex(1)).isCloseTo((1 - 2 / Math.E) / (1 - 1 / Math.E), within(1e-12));
    assertThat(AdaptivePolicy.pollingIndex(100)).isEqualTo(1);
    assertThat(AdaptivePolicy.pollingIndex(Double.POSITIVE_INFINITY)).isEqualTo(1);
  }

  @Test
  void growsWithTheTimeSinceTheLastPoll() {
    double last = 0;
    for (double x = 1e-5; x < 35; x *= 1.3) {
      double v = AdaptivePolicy.pollingIndex(x);
      assertThat(v).isGreaterThan(last).isLessThanOrEqualTo(1);
      last = v;
    }
  }
}
