package io.github.slothunter.spi;

import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link Store}: maps in memory, outbox included (it lives as long as the JVM, so it
 * only matters to an engine torn down and rebuilt on the same store object). History keeps the
 * last {@value #HISTORY_CAP} changes per target. Thread-safe.
 */
final class InMemoryStore implements Store {
  static final int HISTORY_CAP = 10_000;

  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final Map<String, TargetSnapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, Deque<SlotChange>> history = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> announced = new ConcurrentHashMap<>();
  private final Map<String, BookingAttempt> attempts = new ConcurrentHashMap<>();
  private final Map<String, io.github.slothunter.api.Subscription> ownerPlans = new ConcurrentHashMap<>();
  /** Each owner's patients by label, in the order first saved; guarded by itself. */
  private final Map<String, java.util.LinkedHashMap<String, OwnerPatient>> ownerPatients = new java.util.HashMap<>();
  /**
   * The outbox: undelivered events in the order saved, with their publisher; guarded by this. An
   * event's id is worked out only when needed (a replacement, a delivered mark): polls only append.
   */
  private final Map<String, Pending> outbox = new java.util.LinkedHashMap<>();
  /** Events appended since the outbox last needed ids, newer than every entry of {@link #outbox}. */
  private final java.util.ArrayDeque<Pending> appended = new java.util.ArrayDeque<>();

  private static final class Pending {
    final SlotEvent event;
    final String publisher;
    private String id;

    Pending(SlotEvent event, String publisher) {
      this.event = event;
      this.publisher = publisher == null ? "" : publisher;
    }

    String id() {
      if (id == null) {
        id = event.id();
      }
      return id;
    }
  }

  @Override
  public void saveWatch(Watch watch) {
    watches.put(watch.id(), watch);
  }

  // Under the lock savePoll holds: a watch deleted while a poll saves its ids must not keep them.
  @Override
  public synchronized void deleteWatch(String watchId) {
    watches.remove(watchId);
    announced.remove(watchId);
  }

  @Override
  public List<Watch> loadWatches() {
    return watches.values().stream().filter(w -> w.state() != WatchState.CANCELLED).toList();
  }

  @Override
  public Optional<TargetSnapshot> loadSnapshot(String targetId) {
    return Optional.ofNullable(snapshots.get(targetId));
  }

  @Override
  public synchronized void savePoll(TargetSnapshot snapshot, List<SlotChange> changes,
      Map<String, Set<String>> announcedByWatch) {
    snapshots.put(snapshot.targetId(), snapshot);
    if (!changes.isEmpty()) {
      Deque<SlotChange> h = history.computeIfAbsent(snapshot.targetId(), k -> new ArrayDeque<>());
      for (SlotChange c : changes) {
        h.addLast(c);
        if (h.size() > HISTORY_CAP) {
          h.removeFirst();
        }
      }
    }
    String prefix = snapshot.targetId() + "@";
    announcedByWatch.forEach((watchId, ids) -> {
      if (watches.containsKey(watchId)) {
        Set<String> merged = new java.util.HashSet<>();
        for (String id : announced.getOrDefault(watchId, Set.of())) {
          if (!id.startsWith(prefix)) {
            merged.add(id);
          }
        }
        merged.addAll(ids);
        announced.put(watchId, Set.copyOf(merged));
      }
    });
  }

  @Override
  public synchronized void savePoll(TargetSnapshot snapshot, List<SlotChange> changes,
      Map<String, Set<String>> announcedByWatch, List<SlotEvent> events, String publisher) {
    savePoll(snapshot, changes, announcedByWatch);
    append(events, publisher);
  }

  @Override
  public synchronized void saveAttempt(BookingAttempt attempt, List<SlotEvent> events, String publisher) {
    saveAttempt(attempt);
    append(events, publisher);
  }

  /** Events that are new by construction (a poll's, an attempt step's): appended without a look for their id. */
  private void append(List<SlotEvent> events, String publisher) {
    for (SlotEvent e : events) {
      appended.addLast(new Pending(e, publisher));
    }
  }

  /** Gives the appended events their ids, keeping the order saved. */
  private void index() {
    for (Pending p; (p = appended.pollFirst()) != null; ) {
      outbox.put(p.id(), p);
    }
  }

  @Override
  public synchronized void saveEvents(List<SlotEvent> events, String publisher) {
    index();
    for (SlotEvent e : events) {
      Pending next = new Pending(e, publisher);
      outbox.put(next.id(), next); // a replacement keeps its place
    }
  }

  @Override
  public synchronized List<SlotEvent> undelivered(String publisher) {
    List<SlotEvent> out = new ArrayList<>();
    index();
    for (Pending e : outbox.values()) {
      if (publisher == null || publisher.equals(e.publisher)) {
        out.add(e.event);
      }
    }
    return out;
  }

  @Override
  public synchronized void markDelivered(java.util.Collection<String> eventIds) {
    index();
    eventIds.forEach(outbox::remove);
  }

  @Override
  public Set<String> announced(String watchId) {
    return announced.getOrDefault(watchId, Set.of());
  }

  @Override
  public synchronized List<SlotChange> history(String targetId) {
    Deque<SlotChange> h = history.get(targetId);
    return h == null ? List.of() : List.copyOf(new ArrayList<>(h));
  }

  @Override
  public Optional<BookingAttempt> attempt(String key) {
    return Optional.ofNullable(attempts.get(key));
  }

  @Override
  public void saveAttempt(BookingAttempt attempt) {
    attempts.put(attempt.key(), attempt);
  }

  @Override
  public List<BookingAttempt> attempts(String watchId) {
    return attempts.values().stream().filter(a -> a.watchId().equals(watchId)).toList();
  }

  @Override
  public List<BookingAttempt> openAttempts() {
    return attempts.values().stream().filter(BookingAttempt::open).toList();
  }

  @Override
  public Optional<String> ownerPlan(String owner) {
    return subscription(owner).map(io.github.slothunter.api.Subscription::planName);
  }

  @Override
  public void saveOwnerPlan(String owner, String planName) {
    saveSubscription(io.github.slothunter.api.Subscription.unlimited(owner, planName));
  }

  @Override
  public Optional<io.github.slothunter.api.Subscription> subscription(String owner) {
    return Optional.ofNullable(ownerPlans.get(owner));
  }

  @Override
  public void saveSubscription(io.github.slothunter.api.Subscription subscription) {
    ownerPlans.put(subscription.owner(), subscription);
  }

  @Override
  public List<io.github.slothunter.api.Subscription> endingSubscriptions() {
    return ownerPlans.values().stream().filter(s -> s.until() != null).toList();
  }

  @Override
  public void saveOwnerPatient(String owner, OwnerPatient patient) {
    saveOwnerPatients(owner, List.of(patient));
  }

  @Override
  public void saveOwnerPatients(String owner, List<OwnerPatient> patients) {
    java.util.Objects.requireNonNull(owner, "owner");
    List<OwnerPatient> copy = List.copyOf(patients);
    synchronized (ownerPatients) {
      java.util.LinkedHashMap<String, OwnerPatient> book =
          ownerPatients.computeIfAbsent(owner, k -> new java.util.LinkedHashMap<>());
      for (OwnerPatient p : copy) {
        book.put(p.label(), p); // a replaced label keeps its place
      }
    }
  }

  @Override
  public List<OwnerPatient> ownerPatients(String owner) {
    java.util.Objects.requireNonNull(owner, "owner");
    synchronized (ownerPatients) {
      java.util.LinkedHashMap<String, OwnerPatient> book = ownerPatients.get(owner);
      return book == null ? List.of() : List.copyOf(book.values());
    }
  }

  @Override
  public boolean deleteOwnerPatient(String owner, String label) {
    java.util.Objects.requireNonNull(owner, "owner");
    java.util.Objects.requireNonNull(label, "label");
    synchronized (ownerPatients) {
      java.util.LinkedHashMap<String, OwnerPatient> book = ownerPatients.get(owner);
      boolean removed = book != null && book.remove(label) != null;
      if (book != null && book.isEmpty()) {
        ownerPatients.remove(owner);
      }
      return removed;
    }
  }
}
