package io.github.slothunter.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the history of an owner's watched targets shows (see {@link SlotAnalytics#owner}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param owner the owner
 * @param targetIds the distinct targets of the owner's watches, sorted
 * @param releasesByHourOfWeek releases on those targets per hour of the week (168 entries, index 0 =
 *     Saturday 00:00-01:00 Tehran time), as {@link TargetAnalytics#releasesByHourOfWeek()} summed
 * @param releases the sum of {@code releasesByHourOfWeek}
 * @param medianFreeTime the median time a released slot stayed free, over all the targets; empty
 *     before any was taken
 * @param detectionLatency the estimated detection latency over all the targets; empty before any release
 * @param bookingAttempts auto-booking attempts of the owner's watches, in any state
 * @param bookings attempts that ended {@link io.github.slothunter.api.BookingAttempt.State#BOOKED BOOKED}
 * @param bookingSuccessRate {@code BOOKED / (BOOKED + FAILED + UNKNOWN)}; empty while no attempt has
 *     finished
 */
public record OwnerAnalytics(String owner, List<String> targetIds, List<Integer> releasesByHourOfWeek, int releases,
    Optional<Duration> medianFreeTime, Optional<LatencySummary> detectionLatency, int bookingAttempts, int bookings,
    OptionalDouble bookingSuccessRate) {

  /** Validates and copies. */
  public OwnerAnalytics {
    Objects.requireNonNull(owner, "owner");
    targetIds = List.copyOf(targetIds);
    releasesByHourOfWeek = TargetAnalytics.checkHours(releasesByHourOfWeek);
    Objects.requireNonNull(medianFreeTime, "medianFreeTime");
    Objects.requireNonNull(detectionLatency, "detectionLatency");
    Objects.requireNonNull(bookingSuccessRate, "bookingSuccessRate");
  }
}
