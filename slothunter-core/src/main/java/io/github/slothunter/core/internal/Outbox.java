package io.github.slothunter.core.internal;

import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.TargetSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persist, then publish: events that report stored state (a poll's {@code SlotOpened}/{@code
 * SlotGone}, a booking's hold, outcome and failure) are written to the {@link Store}'s outbox in
 * the same atomic step as that state, and only then handed to the {@link EventBus}. Once every
 * listener has handled an event it is marked delivered (in batches, by {@link #flush}); what a
 * crash left undelivered is published again at start-up by {@link #replay}, under the same
 * {@linkplain SlotEvent#id() id}. Delivery is therefore at least once, and exactly once for a
 * consumer that deduplicates by id. A lost "delivered" mark only costs such a duplicate.
 *
 * <p>Events that report no stored state (health changes, pauses, throttling) go to the bus
 * directly: they are recomputed after a restart. Thread-safe.
 */
final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  /** Delivered marks written in one store call at most. */
  private static final int BATCH = 500;

  private final Store store;
  private final EventBus bus;
  /** This engine instance: the publisher its events are saved under. */
  private final String publisher;
  /** Whose undelivered events this engine publishes at start-up: its own, or all with one instance. */
  private final String replays;
  private final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();
  /**
   * Ids published by this engine and not yet marked delivered in the store: a replay skips them.
   * Kept only with a shared store; a single instance replays at start-up only, before it publishes.
   */
  private final Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Outbox(Store store, EventBus bus, String publisher, boolean shared) {
    this.store = store;
    this.bus = bus;
    this.publisher = publisher;
    this.replays = shared ? publisher : null;
  }

  /** Saves a poll with the events it produced (one atomic step); throws what the store throws. */
  void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announced,
      List<SlotEvent> events) {
    store.savePoll(snapshot, changes, announced, events, publisher);
  }

  /** Saves a booking attempt with the events its state produced (one atomic step). */
  void saveAttempt(BookingAttempt attempt, List<SlotEvent> events) {
    store.saveAttempt(attempt, events, publisher);
  }

  /** Saves events of their own (replacing any with the same id), then publishes them. */
  void saveAndPublish(SlotEvent event) {
    store.saveEvents(List.of(event), publisher);
    publish(event);
  }

  /** Publishes committed events. */
  void publish(List<SlotEvent> events) {
    events.forEach(this::publish);
  }

  /** Publishes a committed event; it is marked delivered once every listener handled it. */
  void publish(SlotEvent event) {
    String id = event.id();
    if (replays != null) { // only a shared store replays while running (at each cluster sync)
      inFlight.add(id);
    }
    bus.publish(event, () -> delivered.add(id));
  }

  /** The events {@link #replay} would publish now: this engine's undelivered ones (every one with a single instance). */
  List<SlotEvent> undelivered() {
    return store.undelivered(replays);
  }

  /**
   * Publishes what a crash left undelivered, under the same ids, and returns how many: at start-up
   * this engine's own events (every event with a single instance), and with a shared store, at each
   * cluster sync, those of instances the store no longer knows as alive (see
   * {@link Store#undelivered}). Events this engine published and has not yet marked are skipped.
   */
  int replay() {
    List<SlotEvent> left = new ArrayList<>();
    for (SlotEvent e : store.undelivered(replays)) {
      if (!inFlight.contains(e.id())) {
        left.add(e);
      }
    }
    if (!left.isEmpty()) {
      log.info("publishing {} event(s) left undelivered by a crash (same ids: listeners may have seen some)",
          left.size());
      publish(left);
    }
    return left.size();
  }

  /**
   * Writes the delivered marks gathered since the last flush. A store failure keeps them for the
   * next flush.
   */
  void flush() {
    while (!delivered.isEmpty()) {
      List<String> ids = new ArrayList<>();
      String id;
      while (ids.size() < BATCH && (id = delivered.poll()) != null) {
        ids.add(id);
      }
      try {
        store.markDelivered(ids);
        if (replays != null) {
          ids.forEach(inFlight::remove);
        }
      } catch (RuntimeException e) {
        delivered.addAll(ids);
        log.warn("could not mark {} event(s) delivered; trying again later (a crash now would deliver them again)",
            ids.size(), e);
        return;
      }
    }
  }
}
