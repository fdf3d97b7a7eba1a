package io.github.slothunter.api;

import java.time.Instant;

/**
 * The engine holds a slot for an auto-booking watch and is about to book it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param hold the hold
 * @param at when the provider confirmed the hold
 */
public record HoldPlaced(String watchId, String owner, Hold hold, Instant at) implements WatchEvent {}
