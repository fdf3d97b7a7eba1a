package io.github.slothunter.core;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a watch is really watching, and what it saw: the answer to "is the bot dead?" and "why
 * no alert?". A point-in-time copy; {@link SlotHunter#health(String)} builds a new one per call,
 * and {@link SlotHunter#explain} turns it into sentences.
 *
 * <p>For a watch on several calendars, times and counts cover all of them: the last successful
 * poll is the most recent one, the next poll the soonest, and the state the worst.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param state the current state
 * @param lastSuccessfulPoll when a poll last succeeded, or {@code null} if none has yet
 * @param lastError the last poll error if the last poll failed, or {@code null}
 * @param lastErrorMessage a short description of {@code lastError}, free of personal data, or {@code null}
 * @param lastErrorAt when {@code lastError} happened, or {@code null}
 * @param nextPoll when the next poll is due, or {@code null} if none is scheduled (quota, no target)
 * @param pollsLastHour polls in the hour before {@code at}
 * @param slotsAnnounced slots announced to the watch since the engine started
 * @param filteredOut slots seen but turned away by the watch's filter since the engine started, by rule
 *     ({@code "date"}, {@code "day"}, {@code "time"}, {@code "price"}); each slot counted once
 * @param at when this was taken
 * @param pace about how often the watch's calendars are checked now, given the plan and the
 *     provider's request budget shared with every other calendar (for several calendars, the slowest);
 *     longer than the plan's interval when the state is {@link HealthState#BUDGET_SHORT}; {@code null}
 *     when nothing is scheduled
 */
public record WatchHealth(String watchId, HealthState state, Instant lastSuccessfulPoll, ErrorCode lastError,
    String lastErrorMessage, Instant lastErrorAt, Instant nextPoll, int pollsLastHour, long slotsAnnounced,
    Map<String, Integer> filteredOut, Instant at, java.time.Duration pace) {

  /** A health without a known pace. */
  public WatchHealth(String watchId, HealthState state, Instant lastSuccessfulPoll, ErrorCode lastError,
      String lastErrorMessage, Instant lastErrorAt, Instant nextPoll, int pollsLastHour, long slotsAnnounced,
      Map<String, Integer> filteredOut, Instant at) {
    this(watchId, state, lastSuccessfulPoll, lastError, lastErrorMessage, lastErrorAt, nextPoll, pollsLastHour,
        slotsAnnounced, filteredOut, at, null);
  }

  /** Validates and copies. */
  public WatchHealth {
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(state, "state");
    filteredOut = Map.copyOf(filteredOut);
    Objects.requireNonNull(at, "at");
  }

  /** {@link #lastSuccessfulPoll()} as an optional. */
  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccessfulPoll);
  }

  /** {@link #nextPoll()} as an optional. */
  public Optional<Instant> next() {
    return Optional.ofNullable(nextPoll);
  }

  /** How many slots the filter turned away, over all rules. */
  public int filteredOutTotal() {
    return filteredOut.values().stream().mapToInt(Integer::intValue).sum();
  }
}
