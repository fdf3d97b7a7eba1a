package io.github.slothunter.core.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters for the engine. Only loaded when the host passes a {@code MeterRegistry}, so
 * Micrometer stays an optional dependency. Meter names are listed in the README ("Metrics").
 */
public final class MicrometerMetrics implements EngineMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> polls = new ConcurrentHashMap<>();
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();

  /** Records into {@code registry}. */
  public MicrometerMetrics(Object registry) {
    this.registry = (MeterRegistry) Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void bind(Engine engine) {
    Gauge.builder("slothunter.watches", engine, e -> e.stats().watches()).description("Active watches")
        .register(registry);
    Gauge.builder("slothunter.targets", engine, e -> e.stats().targets()).description("Coalesced poll streams")
        .register(registry);
    FunctionCounter.builder("slothunter.events.dropped", engine, e -> e.stats().eventsDropped())
        .description("Events dropped because a listener fell behind").register(registry);
    FunctionCounter.builder("slothunter.events.published", engine, e -> e.stats().eventsPublished())
        .description("Events published to listeners").register(registry);
    for (String providerId : engine.providerIds()) {
      Gauge.builder("slothunter.budget.limit", engine, e -> e.budgetPerMinute(providerId)).tag("provider", providerId)
          .description("Requests per minute allowed now (after rate limits and instance sharing)").register(registry);
      Gauge.builder("slothunter.budget.used", engine, e -> e.budgetUsedLastMinute(providerId))
          .tag("provider", providerId).description("Requests sent in the last minute").register(registry);
    }
  }

  @Override
  public void poll(String providerId, String outcome) {
    counter(polls, "slothunter.polls", "Polls of a target (a free-days request and its free-slot requests)",
        providerId, outcome).increment();
  }

  @Override
  public void request(String providerId, String outcome) {
    counter(requests, "slothunter.requests", "Requests sent to the provider, by outcome", providerId, outcome)
        .increment();
  }

  /** The counter for a provider and outcome, registered once: these two are counted on every request. */
  private Counter counter(Map<String, Counter> cache, String name, String description, String providerId,
      String outcome) {
    return cache.computeIfAbsent(providerId + '\n' + outcome, k -> Counter.builder(name).tag("provider", providerId)
        .tag("outcome", outcome).description(description).register(registry));
  }

  @Override
  public void detected(String providerId, Duration latency) {
    Timer.builder("slothunter.detection.latency").tag("provider", providerId)
        .description("Estimated time from a slot's release on the provider to its detection").register(registry)
        .record(latency);
  }

  @Override
  public void held(String providerId, Duration sinceDetection) {
    Timer.builder("slothunter.booking.hold.latency").tag("provider", providerId)
        .description("Time from the poll that saw a slot to its hold").register(registry).record(sinceDetection);
  }

  @Override
  public void booking(String providerId, String outcome, boolean verified, Duration sinceHold) {
    Counter.builder("slothunter.bookings").tag("provider", providerId).tag("outcome", outcome)
        .tag("verified", Boolean.toString(verified)).description("Booking attempts, by outcome").register(registry)
        .increment();
    if (sinceHold != null) {
      Timer.builder("slothunter.booking.book.latency").tag("provider", providerId).tag("outcome", outcome)
          .description("Time from a hold to the booking's outcome").register(registry).record(sinceHold);
    }
  }
}
