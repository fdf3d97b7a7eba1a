package io.github.slothunter.core.internal;

import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.spi.Store;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every room of the engine shares: the clock, the store, the plans, the event bus, the
 * metrics, the forecaster and the registered providers, all fixed at start-up, plus whether the
 * engine is closed. Thread-safe: the wiring is immutable and {@link #closed} is volatile.
 */
final class EngineContext {
  final Clock clock;
  final Store store;
  final Plans plans;
  final EventBus bus;
  final boolean manual;
  final EngineMetrics metrics;
  final ReleaseForecaster forecaster;
  /** The registered providers by id, in registration order; unmodifiable. */
  final Map<String, ProviderRuntime> runtimes;
  /** Set once by {@link Engine#close()}; every room stops starting new work when it sees it. */
  volatile boolean closed;

  EngineContext(Clock clock, Store store, Plans plans, EventBus bus, boolean manual, EngineMetrics metrics,
      ReleaseForecaster forecaster, List<ProviderRuntime> providers) {
    this.clock = clock;
    this.store = store;
    this.plans = plans;
    this.bus = bus;
    this.manual = manual;
    this.metrics = metrics;
    this.forecaster = forecaster;
    Map<String, ProviderRuntime> map = new LinkedHashMap<>();
    for (ProviderRuntime rt : providers) {
      map.put(rt.id(), rt);
    }
    this.runtimes = Collections.unmodifiableMap(map);
  }

  /** A registered provider, or an {@code INVALID_INPUT} error naming the known ones. */
  ProviderRuntime runtime(String id) {
    ProviderRuntime rt = runtimes.get(id);
    if (rt == null) {
      throw SlotHunterException.invalid("provider", "'" + id + "' is not registered; known: " + runtimes.keySet());
    }
    return rt;
  }

  /** Throws if the engine is closed. */
  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("SlotHunter is closed");
    }
  }
}
