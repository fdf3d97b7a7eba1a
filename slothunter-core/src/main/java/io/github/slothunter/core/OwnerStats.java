package io.github.slothunter.core;

/**
 * What the engine did for one owner.
 *
 * <p>Immutable and thread-safe.
 *
 * @param owner the owner
 * @param plan the owner's plan name
 * @param watches active watches
 * @param slotsAnnounced {@code SlotOpened} events sent to the owner's watches
 * @param bookings bookings made for the owner
 */
public record OwnerStats(String owner, String plan, int watches, long slotsAnnounced, long bookings) {}
