package io.github.slothunter.api;

/**
 * Receives {@link SlotEvent}s from the engine.
 *
 * <p>Listeners run on the engine's event thread, never on a polling thread, and receive the
 * events of one watch in order. They should be fast and non-blocking: hand work to your own
 * executor. A listener that throws is logged and skipped for that event; it never breaks other
 * listeners or the engine. If listeners fall behind, the oldest undelivered events are dropped and
 * an {@link EventsDropped} is delivered.
 *
 * <p>Each registration gets its events on one thread, one at a time; a listener registered more
 * than once, or sharing state with other threads, must be thread-safe.
 */
@FunctionalInterface
public interface SlotListener {
  /** Handles one event. */
  void onEvent(SlotEvent event);
}
