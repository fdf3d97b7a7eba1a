package io.github.slothunter.api;

import java.time.Instant;

/**
 * A paused watch polls again.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param at when it resumed
 */
public record WatchResumed(String watchId, String owner, Instant at) implements WatchEvent {}
