package io.github.slothunter.core;

import io.github.slothunter.core.internal.InMemoryStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the engine keeps what must survive a restart: watches, per-target snapshots, slot history,
 * which slots each watch was told about, and booking attempts. Implementations must be thread-safe;
 * each method is atomic on its own.
 */
public interface Store extends AutoCloseable {

  /** A store that lives as long as the JVM; the default. */
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
