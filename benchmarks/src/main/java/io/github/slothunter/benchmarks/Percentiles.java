package io.github.slothunter.benchmarks;

import java.util.Arrays;

/** p50/p90/p99/max of a sample of nanosecond durations, printed in milliseconds. */
final class Percentiles {
  private Percentiles() {}

  static String summary(long[] nanos, int n) {
    long[] s = Arrays.copyOf(nanos, n);
    Arrays.sort(s);
    return String.format("n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms", n, ms(s, 0.50), ms(s, 0.90),
        ms(s, 0.99), s[n - 1] / 1e6);
  }

  static double ms(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
