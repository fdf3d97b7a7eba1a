package io.github.slothunter.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A provider rate-limited us or its circuit breaker opened; every target on it waits.
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider
 * @param code {@link ErrorCode#RATE_LIMITED} or {@link ErrorCode#PROVIDER_UNAVAILABLE}
 * @param pause how long the engine waits before the next request to it
 * @param at when it happened
 */
public record ProviderThrottled(String providerId, ErrorCode code, Duration pause, Instant at) implements SlotEvent {}
