package io.github.slothunter.api;

import java.time.Instant;

/**
 * A slot announced by {@link SlotOpened} is no longer free (taken, or its time passed).
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the slot that disappeared
 * @param at when the engine noticed
 */
public record SlotGone(String watchId, String owner, Slot slot, Instant at) implements WatchEvent {}
