package io.github.slothunter.api;

import java.net.URI;
import java.time.Instant;

/**
 * A slot matching the watch's filter appeared (it was not in the previous snapshot).
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the new slot
 * @param bookingLink where a person can book it by hand, or {@code null} if the provider offers none
 * @param at when the engine saw it
 */
public record SlotOpened(String watchId, String owner, Slot slot, URI bookingLink, Instant at) implements WatchEvent {}
