package io.github.slothunter.core;

import io.github.slothunter.api.RequestBudget;

/**
 * One provider's request accounting.
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider
 * @param budget the configured budget
 * @param effectivePerMinute the per-minute limit in force (lower after rate limits)
 * @param usedLastMinute requests in the last rolling minute
 * @param requestsSent requests sent since start
 * @param rateLimited answers that were rate limits
 * @param failures failed requests (unavailable or protocol errors)
 * @param circuit the circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN})
 */
public record ProviderStats(String providerId, RequestBudget budget, int effectivePerMinute, int usedLastMinute,
    long requestsSent, long rateLimited, long failures, String circuit) {}
