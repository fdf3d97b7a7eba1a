package io.github.slothunter.core.internal;

/**
 * Creates {@link MicrometerMetrics} behind a method boundary, so that code paths without a
 * registry never load a Micrometer class.
 */
public final class MetricsLoader {
  private MetricsLoader() {}

  /** Meters recorded in {@code registry}, a Micrometer {@code MeterRegistry}. */
  public static EngineMetrics micrometer(Object registry) {
    return new MicrometerMetrics(registry);
  }
}
