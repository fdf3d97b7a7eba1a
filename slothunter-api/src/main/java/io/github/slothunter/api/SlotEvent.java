package io.github.slothunter.api;

import java.time.Instant;

/**
 * Something the engine wants the host to know. The hierarchy is sealed, so hosts can
 * {@code switch} over it exhaustively:
 *
 * <pre>{@code
 * hunter.listen(event -> {
 *   switch (event) {
 *     case SlotOpened e -> notify(e.owner(), e.slot());
 *     case BookingSucceeded e -> notify(e.owner(), e.booking().trackingCode());
 *     default -> {}
 *   }
 * });
 * }</pre>
 *
 * (Pattern matching for {@code switch} needs Java 21; on Java 17 use {@code instanceof}.)
 *
 * <p>Every event is an immutable record, safe to share between threads.
 */
public sealed interface SlotEvent permits WatchEvent, ProviderThrottled, EventsDropped {
  /** When the engine created the event. */
  Instant at();

  /**
   * The event's identity, the key to deduplicate on: derived from what the event is about (its
   * kind, its watch, its slot or booking attempt, and for slot events the time the slot was seen,
   * which tells one appearance of a slot from the next), so it is the same in every process and
   * every cluster instance that makes or replays the event. The engine delivers events at least
   * once across crashes (see {@code Store}'s outbox); a listener, webhook or stream consumer that
   * must not act twice remembers the ids it handled. Two distinct events never share an id; a
   * {@link BookingSucceeded} keeps its id when its verification is updated.
   *
   * @return {@code ev_} followed by 22 URL-safe base64 characters
   */
  default String id() {
    return EventIds.of(this);
  }
}
