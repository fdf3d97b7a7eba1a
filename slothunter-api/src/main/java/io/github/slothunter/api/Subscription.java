package io.github.slothunter.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An owner's plan and until when it runs: the record the engine keeps per owner. A plan without an
 * end ({@code until == null}) runs until it is changed; one with an end lapses then (after the
 * engine's grace period) and the owner falls back to the default plan.
 *
 * <p>Immutable and thread-safe.
 *
 * @param owner the owner
 * @param planName the plan's name
 * @param until when the plan ends, or {@code null} for never
 */
public record Subscription(String owner, String planName, Instant until) {

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Subscription {
    owner = Text.required("subscription owner", owner, 200);
    planName = Text.required("subscription planName", planName, 64);
  }

  /** A plan without an end. */
  public static Subscription unlimited(String owner, String planName) {
    return new Subscription(owner, planName, null);
  }

  /** Whether the plan has ended by {@code now} once {@code grace} has passed (never, without an end). */
  public boolean lapsed(Instant now, java.time.Duration grace) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(grace, "grace");
    return until != null && !now.isBefore(until.plus(grace));
  }
}
