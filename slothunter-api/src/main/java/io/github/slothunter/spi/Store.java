package io.github.slothunter.spi;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.SlotEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the engine keeps what must survive a restart: watches, per-target snapshots, slot history,
 * which slots each watch was told about, booking attempts, the outbox of events not yet
 * delivered, and each owner's patient book. Implementations must be thread-safe; each method is
 * atomic on its own.
 *
 * <p>Patients (in auto-booking watches and in the patient book) are personal data: a store that writes
 * them anywhere lasting should encrypt them, labels included (the JDBC store does).
 */
public interface Store extends AutoCloseable {

  /** A store that lives as long as the JVM, outbox included; the engine's default. Thread-safe. */
  static Store inMemory() {
    return new InMemoryStore();
  }

  /** Inserts or replaces a watch. */
  void saveWatch(Watch watch);

  /** Deletes a watch and what was announced to it; a no-op if absent. */
  void deleteWatch(String watchId);

  /** Every stored watch, cancelled ones excluded. */
  List<Watch> loadWatches();

  /**
   * The ids of the stored watches, cancelled ones excluded. Instances sharing a store call this
   * often to notice watches added or cancelled elsewhere; implementations should make it cheap
   * (no decryption). The default derives it from {@link #loadWatches()}.
   */
  default Set<String> watchIds() {
    Set<String> ids = new java.util.HashSet<>();
    for (Watch w : loadWatches()) {
      ids.add(w.id());
    }
    return ids;
  }

  /** One stored watch, if present and not cancelled. The default scans {@link #loadWatches()}. */
  default Optional<Watch> loadWatch(String watchId) {
    return loadWatches().stream().filter(w -> w.id().equals(watchId)).findFirst();
  }

  /**
   * What each of these watches has been told about, in one call (restoring 100,000 watches one
   * query at a time is slow on a remote database). The default asks {@link #announced(String)} per watch.
   */
  default Map<String, Set<String>> announced(java.util.Collection<String> watchIds) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    for (String id : watchIds) {
      out.put(id, announced(id));
    }
    return out;
  }

  /** A target's last snapshot. */
  Optional<TargetSnapshot> loadSnapshot(String targetId);

  /**
   * Records one poll atomically: the new snapshot, the history entries it produced, and per watch
   * the ids of this target's slots the watch has now been told about. For each watch in the map,
   * the ids it had for this target (ids starting with {@code snapshot.targetId() + "@"}) are
   * replaced; its ids for other targets are left alone, so instances polling different targets of
   * one watch never overwrite each other. Watches not in the map keep what they had.
   */
  void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch);

  /**
   * Records one poll and the events it produced in one atomic step: {@link #savePoll(TargetSnapshot,
   * List, Map)} plus the events into the store's <em>outbox</em>, from which the engine publishes
   * them and to which it reports them {@linkplain #markDelivered delivered}. Events left undelivered
   * by a crash are published again, under the same {@linkplain SlotEvent#id() id}, when an engine
   * with the same {@code publisher} starts ({@link #undelivered}); so nothing a poll found is lost and
   * a consumer that deduplicates by id acts once.
   *
   * <p>The default has no outbox: it saves the poll and drops the events, so a crash between the
   * save and the publication loses them (at-most-once). Stores that keep events durably override
   * this, {@link #saveAttempt(BookingAttempt, List, String)}, {@link #saveEvents},
   * {@link #undelivered} and {@link #markDelivered} together.
   *
   * @param publisher the engine instance that will publish the events
   */
  default void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch,
      List<SlotEvent> events, String publisher) {
    savePoll(snapshot, changes, announcedByWatch);
  }

  /**
   * Saves a booking attempt and the events its new state produced in one atomic step (see
   * {@link #savePoll(TargetSnapshot, List, Map, List, String)}); durable before it returns. The
   * default saves the attempt only.
   */
  default void saveAttempt(BookingAttempt attempt, List<SlotEvent> events, String publisher) {
    saveAttempt(attempt);
  }

  /**
   * Puts events into the outbox; an event whose id is already there replaces it (a booking's final
   * {@link io.github.slothunter.api.BookingSucceeded} replaces the provisional one saved with the
   * booked attempt). Durable before it returns. The default does nothing.
   */
  default void saveEvents(List<SlotEvent> events, String publisher) {}

  /**
   * The outbox's events not yet marked delivered, in the order they were saved: every one if
   * {@code publisher} is {@code null} (a single engine instance); otherwise those saved by
   * {@code publisher} plus, for a store that tracks live instances ({@link #leases()}), those of
   * publishers it no longer knows (dead instances, whose heartbeat it has dropped), so no event is
   * stranded by an instance that never comes back. The default has none.
   */
  default List<SlotEvent> undelivered(String publisher) {
    return List.of();
  }

  /** Takes delivered events out of the outbox; unknown ids are ignored. The default does nothing. */
  default void markDelivered(java.util.Collection<String> eventIds) {}

  /** The slot ids a watch has been told about (over all its targets) and not yet told are gone. */
  Set<String> announced(String watchId);

  /** A target's slot history, oldest first (implementations may cap it). */
  List<SlotChange> history(String targetId);

  /** A booking attempt by key. */
  Optional<BookingAttempt> attempt(String key);

  /** Inserts or replaces a booking attempt; durable before it returns. */
  void saveAttempt(BookingAttempt attempt);

  /** A watch's booking attempts. */
  List<BookingAttempt> attempts(String watchId);

  /** Attempts that never finished (see {@link BookingAttempt#open()}). */
  List<BookingAttempt> openAttempts();

  /** The plan name registered for an owner. */
  Optional<String> ownerPlan(String owner);

  /** Registers an owner's plan. */
  void saveOwnerPlan(String owner, String planName);

  /**
   * The owner's plan with its end, if one was registered. The default reads {@link #ownerPlan}: a
   * plan without an end.
   */
  default Optional<io.github.slothunter.api.Subscription> subscription(String owner) {
    return ownerPlan(owner).map(p -> io.github.slothunter.api.Subscription.unlimited(owner, p));
  }

  /**
   * Registers an owner's plan with its end (durably, before returning). The default keeps plans
   * without an end through {@link #saveOwnerPlan} and refuses an end it could not keep.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code UNSUPPORTED} for an end this store cannot keep
   */
  default void saveSubscription(io.github.slothunter.api.Subscription subscription) {
    if (subscription.until() != null) {
      throw new io.github.slothunter.api.SlotHunterException(io.github.slothunter.api.ErrorCode.UNSUPPORTED,
          "this store keeps plans without an end only; use one that keeps subscriptions (the in-memory or JDBC store)");
    }
    saveOwnerPlan(subscription.owner(), subscription.planName());
  }

  /** Every subscription with an end (lapsed or not), for the engine to follow at start-up. The default has none. */
  default List<io.github.slothunter.api.Subscription> endingSubscriptions() {
    return List.of();
  }

  /**
   * Inserts an owner's patient, or replaces the one under the same {@linkplain OwnerPatient#label()
   * label} (which keeps its place in {@link #ownerPatients}). Durable before it returns.
   *
   * @throws SlotHunterException {@code UNSUPPORTED} by default: a store written before patient books
   *     existed keeps none
   */
  default void saveOwnerPatient(String owner, OwnerPatient patient) {
    throw SlotHunterException.builder(ErrorCode.UNSUPPORTED).message("this store keeps no patient book").build();
  }

  /**
   * Saves several of an owner's patients as {@link #saveOwnerPatient} does, in one atomic step where
   * the store can (an import from a provider account is saved whole or not at all). The default saves
   * them one by one.
   */
  default void saveOwnerPatients(String owner, List<OwnerPatient> patients) {
    for (OwnerPatient p : patients) {
      saveOwnerPatient(owner, p);
    }
  }

  /** An owner's patients in the order they were first saved; empty for none (and by default). */
  default List<OwnerPatient> ownerPatients(String owner) {
    return List.of();
  }

  /**
   * Deletes an owner's patient by label; durable before it returns. Watches that book for the patient
   * keep their own copy.
   *
   * @return whether there was one (by default: {@code false})
   */
  default boolean deleteOwnerPatient(String owner, String label) {
    return false;
  }

  /**
   * Target leases for several engine instances sharing this store. The default (and the
   * in-memory store) grants every target to the one instance there is.
   */
  default TargetLeases leases() {
    return TargetLeases.SINGLE_INSTANCE;
  }

  /** Releases resources; the in-memory store does nothing. */
  @Override
  default void close() {}
}
