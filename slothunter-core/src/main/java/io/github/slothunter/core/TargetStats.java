package io.github.slothunter.core;

import java.time.Duration;
import java.time.Instant;

/**
 * What the engine has seen on one target.
 *
 * <p>Immutable and thread-safe.
 *
 * @param targetId the target
 * @param watchers watches on it now
 * @param polls polls made
 * @param requests provider requests made by those polls
 * @param errors polls or requests that failed
 * @param slotsOpened slots that appeared
 * @param slotsGone slots that disappeared
 * @param freeNow slots free in the last snapshot
 * @param medianFreeTime median time a slot stayed free (recent slots), or {@code null} before any disappeared
 * @param interval the poll interval in force
 * @param lastPollAt the last poll, or {@code null} if never polled
 * @param bookingAttempts auto-booking attempts on it
 * @param bookings bookings made on it
 */
public record TargetStats(String targetId, int watchers, long polls, long requests, long errors, long slotsOpened,
    long slotsGone, int freeNow, Duration medianFreeTime, Duration interval, Instant lastPollAt, long bookingAttempts,
    long bookings) {}
