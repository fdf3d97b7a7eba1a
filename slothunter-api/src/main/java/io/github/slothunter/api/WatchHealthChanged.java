package io.github.slothunter.api;

import java.time.Instant;

/**
 * A watch's {@link HealthState} changed (for example from {@code ACTIVE} to {@code PROVIDER_DOWN}
 * and back). Sent once per change, never repeated while the state stays the same.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param previous the state before
 * @param current the state now
 * @param reason the error behind the change, or {@code null} when it became {@code ACTIVE}
 * @param at when the engine noticed it
 */
public record WatchHealthChanged(String watchId, String owner, HealthState previous, HealthState current,
    ErrorCode reason, Instant at) implements WatchEvent {}
