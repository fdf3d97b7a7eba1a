package io.github.slothunter.api;

import java.time.Instant;

/**
 * A watch stopped polling or booking for a while (provider down, budget exhausted, session expired).
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param reason the error class behind it
 * @param message a short explanation, free of personal data
 * @param at when it happened
 */
public record WatchPaused(String watchId, String owner, ErrorCode reason, String message, Instant at)
    implements WatchEvent {}
