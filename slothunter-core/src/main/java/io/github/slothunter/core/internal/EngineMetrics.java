package io.github.slothunter.core.internal;

import java.time.Duration;

/**
 * What the engine reports to a metrics backend. The default does nothing; {@link MicrometerMetrics}
 * records Micrometer meters. Implementations are called from poll threads concurrently and must be
 * thread-safe and fast.
 */
public interface EngineMetrics {
  /** Records nothing. */
  EngineMetrics NOOP = new EngineMetrics() {};

  /** Binds gauges that read the engine's state (called once, when the engine starts). */
  default void bind(Engine engine) {}

  /** One poll of a target finished; {@code outcome} is {@code ok} or an error code name. */
  default void poll(String providerId, String outcome) {}

  /** One provider request finished; {@code outcome} is {@code ok} or an error code name. */
  default void request(String providerId, String outcome) {}

  /** A slot release was detected; {@code latency} is the estimated time since it happened. */
  default void detected(String providerId, Duration latency) {}

  /** A hold was placed {@code sinceDetection} after the poll that saw the slot. */
  default void held(String providerId, Duration sinceDetection) {}

  /** A booking attempt ended; {@code outcome} is booked, failed or unknown. */
  default void booking(String providerId, String outcome, boolean verified, Duration sinceHold) {}
}
