/**
 * The public model of SlotHunter: immutable values (doctors, targets, slots, holds, bookings,
 * patients, sessions), the sealed {@link io.github.slothunter.api.SlotEvent} hierarchy and the
 * one exception type, {@link io.github.slothunter.api.SlotHunterException}. Public API.
 *
 * <p>Records validate in their constructors and throw {@code SlotHunterException} with
 * {@link io.github.slothunter.api.ErrorCode#INVALID_INPUT}; nothing here accepts or returns
 * {@code null} unless its Javadoc says so. All types are immutable and thread-safe.
 */
package io.github.slothunter.api;
