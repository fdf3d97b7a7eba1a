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
}
