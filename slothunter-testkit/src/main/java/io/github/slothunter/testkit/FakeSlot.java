package io.github.slothunter.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one appointment time on a fake site's calendar.
 *
 * <p>Immutable and thread-safe.
 *
 * @param doctorKey the doctor's key on the site (Paziresh24: the slug)
 * @param centerId the center id
 * @param serviceId the service id
 * @param from when the appointment starts
 * @param to when it ends
 * @param releasedAt when the slot last became free: opened, cancelled, released or its hold expired
 *     (the fake's clock, or the scheduled time of the action that freed it). Detection latency is
 *     the time from here to when a client noticed.
 */
public record FakeSlot(String doctorKey, String centerId, String serviceId, Instant from, Instant to,
    Instant releasedAt) {

  /** Validates. */
  public FakeSlot {
    Objects.requireNonNull(doctorKey, "doctorKey");
    Objects.requireNonNull(centerId, "centerId");
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(releasedAt, "releasedAt");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from: " + from + " .. " + to);
    }
  }

  /** {@code to - from}. */
  public Duration length() {
    return Duration.between(from, to);
  }

  /** The start in unix seconds, as the Paziresh24 protocol sends it. */
  public long fromEpochSecond() {
    return from.getEpochSecond();
  }

  /** The end in unix seconds. */
  public long toEpochSecond() {
    return to.getEpochSecond();
  }
}
