package io.github.slothunter.api;

import java.time.Instant;

/**
 * The provider confirmed a booking made by the engine.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param booking the booking, with the provider's tracking code
 * @param verified whether the booking was read back from the provider after it was made
 * @param at when it was confirmed
 */
public record BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, Instant at)
    implements WatchEvent {}
