package io.github.slothunter.api;

import java.time.Instant;

/**
 * Listeners fell behind and the engine dropped the oldest undelivered events to protect polling.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count how many events were dropped since the last such notice
 * @param at when the engine noticed
 */
public record EventsDropped(long count, Instant at) implements SlotEvent {}
