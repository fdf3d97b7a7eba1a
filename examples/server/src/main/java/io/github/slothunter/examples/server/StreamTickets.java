package io.github.slothunter.examples.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Single-use stream tickets: a dashboard trades its key for one (browsers cannot put an
 * {@code Authorization} header on an {@code EventSource}) and passes it in the stream URL.
 *
 * <p>Outstanding tickets are capped per owner, so one owner issuing tickets cannot crowd out the
 * others, and in total, as a backstop for memory. An owner at its cap is told to retry when its
 * oldest ticket expires; expired tickets are swept when a cap is reached and on every
 * {@link #sweep()}. Thread-safe (one lock: tickets are issued a few times per dashboard connection).
 */
final class StreamTickets {
  private final Clock clock;
  private final Duration ttl;
  private final int perOwner;
  private final int total;
  private final Map<String, Ticket> byValue = new HashMap<>();
  /** Each owner's outstanding tickets, oldest first (all live the same time, so also soonest to expire). */
  private final Map<String, Deque<Ticket>> byOwner = new HashMap<>();

  /**
   * @param ttl how long a ticket stays valid
   * @param perOwner outstanding tickets one owner may hold
   * @param total outstanding tickets of all owners together
   */
  StreamTickets(Clock clock, Duration ttl, int perOwner, int total) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (perOwner < 1 || total < perOwner) {
      throw new IllegalArgumentException("need 1 <= perOwner <= total: " + perOwner + ", " + total);
    }
    this.perOwner = perOwner;
    this.total = total;
  }

  /**
   * Issues a ticket for the owner.
   *
   * @throws ApiException 429 when the owner holds {@code perOwner} unexpired tickets (retry when its
   *     oldest expires) or all owners together hold {@code total}
   */
  synchronized Ticket issue(String ownerId) {
    Instant now = clock.instant();
    if (held(ownerId) >= perOwner || byValue.size() >= total) {
      sweep(now);
    }
    Deque<Ticket> own = byOwner.get(ownerId);
    if (own != null && own.size() >= perOwner) {
      Duration wait = Duration.between(now, own.peekFirst().expiresAt());
      throw ApiException.rateLimited(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }
    if (byValue.size() >= total) {
      throw ApiException.rateLimited(ttl);
    }
    Ticket t = new Ticket(Ids.secret(24), ownerId, now.plus(ttl));
    byValue.put(t.value(), t);
    byOwner.computeIfAbsent(ownerId, k -> new ArrayDeque<>()).addLast(t);
    return t;
  }

  /** The owner a ticket was issued to, consuming it; empty when unknown, used or expired. */
  synchronized Optional<String> redeem(String value) {
    if (value == null || value.length() > 100) {
      return Optional.empty();
    }
    Ticket t = byValue.remove(value);
    if (t == null) {
      return Optional.empty();
    }
    forget(t);
    return t.expiresAt().isAfter(clock.instant()) ? Optional.of(t.ownerId()) : Optional.empty();
  }

  /** Drops expired tickets. */
  synchronized void sweep() {
    sweep(clock.instant());
  }

  /** Unexpired or not yet swept tickets the owner holds. */
  synchronized int held(String ownerId) {
    Deque<Ticket> own = byOwner.get(ownerId);
    return own == null ? 0 : own.size();
  }

  /** Tickets held by all owners. */
  synchronized int size() {
    return byValue.size();
  }

  private void sweep(Instant now) {
    Iterator<Ticket> it = byValue.values().iterator();
    while (it.hasNext()) {
      Ticket t = it.next();
      if (!t.expiresAt().isAfter(now)) {
        it.remove();
        forget(t);
      }
    }
  }

  private void forget(Ticket t) {
    Deque<Ticket> own = byOwner.get(t.ownerId());
    if (own != null) {
      own.remove(t);
      if (own.isEmpty()) {
        byOwner.remove(t.ownerId());
      }
    }
  }

  /** A single-use stream ticket. */
  record Ticket(String value, String ownerId, Instant expiresAt) {
    @Override
    public String toString() {
      return "Ticket[" + ownerId + ", expiresAt=" + expiresAt + "]";
    }
  }
}
