package io.github.slothunter.api;

import java.time.Instant;

/**
 * An earlier booking attempt was interrupted (the process stopped between the attempt record
 * and the provider's answer). The engine does not book again for it; the host should check the
 * patient's account on the provider.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the slot the attempt was for
 * @param attemptKey the idempotency key of the attempt
 * @param at when the engine found it
 */
public record BookingOutcomeUnknown(String watchId, String owner, Slot slot, String attemptKey, Instant at)
    implements WatchEvent {}
