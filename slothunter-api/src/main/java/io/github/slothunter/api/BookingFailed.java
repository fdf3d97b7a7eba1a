package io.github.slothunter.api;

import java.time.Instant;

/**
 * An auto-booking attempt failed. Any hold it made has been released.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the slot it tried to book
 * @param code why
 * @param reason a short explanation, free of personal data
 * @param willRetry whether the engine keeps trying other slots for this watch
 * @param at when it failed
 */
public record BookingFailed(String watchId, String owner, Slot slot, ErrorCode code, String reason, boolean willRetry,
    Instant at) implements WatchEvent {}
