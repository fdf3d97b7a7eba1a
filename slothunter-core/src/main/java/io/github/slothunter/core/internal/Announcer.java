package io.github.slothunter.core.internal;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a poll into what watches are told: diffs the fresh slots against the target's snapshot,
 * computes each watch's {@link SlotOpened}/{@link SlotGone} through its filter, persists the
 * snapshot, the history and what each watch was told, and only then publishes; auto-booking
 * watches are served first and their slots handed to the {@link AutoBooker}.
 *
 * <p><b>Threads.</b> Called by the one poll running for a target. What a watch was told is guarded
 * by the watch's own lock ({@link WatchRuntime}), since one watch may span targets polled on
 * different threads.
 */
final class Announcer {
  private static final Logger log = LoggerFactory.getLogger(Announcer.class);

  private final Clock clock;
  private final EngineMetrics metrics;
  private final ReleaseForecaster forecaster;
  private final AutoBooker autoBooker;
  private final Outbox outbox;

  Announcer(EngineContext ctx, Outbox outbox, AutoBooker autoBooker) {
    this.outbox = outbox;
    this.clock = ctx.clock;
    this.metrics = ctx.metrics;
    this.forecaster = ctx.forecaster;
    this.autoBooker = autoBooker;
  }

  /**
   * Tells a watch just attached to a polled target about the matching slots already known, saved
   * before they are published.
   */
  void announceKnown(WatchRuntime wr, TargetState ts) {
    List<SlotEvent> events = new ArrayList<>();
    Set<String> was;
    Set<String> now;
    synchronized (wr) {
      was = idsOf(wr, ts);
      announce(wr, ts, ts.snapshot, ts.snapshot, events, new HashMap<>(), clock.instant());
      now = idsOf(wr, ts);
    }
    if (events.isEmpty()) {
      return;
    }
    // Only the watch's announcements are new; the snapshot keeps the time of the poll that made it.
    Instant polledAt = ts.lastPollAt != null ? ts.lastPollAt : clock.instant();
    try {
      outbox.savePoll(new TargetSnapshot(ts.id, ts.slots(), polledAt), List.of(), Map.of(wr.id(), now), events);
    } catch (RuntimeException e) {
      unannounce(ts, new Announcements(events, Map.of(wr, was), Map.of(wr.id(), now)));
      log.warn("could not save what watch {} was told about {}; the next poll tells it", wr.id(), ts.id, e);
      return;
    }
    outbox.publish(events);
  }

  /**
   * Diffs a poll against the snapshot, records history, tells each watch, then auto-books.
   *
   * <p><b>Persist, then publish.</b> Nothing a poll produces leaves before the store has it: the
   * snapshot, the history, what each watch was told and the events are saved in one step (the
   * {@link Outbox}; {@link Store#savePoll(TargetSnapshot, List, Map, List, String)}),
   * and only then are the events published and the in-memory state moved on. A save that fails
   * publishes nothing and puts back what each watch was told, so the next poll finds the same
   * difference and tells it once ({@link StoreFailed}). Auto-booking watches are served first (their
   * announcements saved and published in a step of their own, then the hold), the others after.
   */
  void apply(TargetState ts, List<Slot> fresh, Instant now) {
    Map<String, Slot> next = TargetState.index(fresh);
    Map<String, Slot> prev = ts.snapshot;
    List<SlotChange> changes = new ArrayList<>();
    Instant since = ts.previousPollAt;
    if (since != null && since.isAfter(now)) {
      since = null;
    }
    for (Slot s : next.values()) {
      if (!prev.containsKey(s.id())) {
        changes.add(new SlotChange(s, SlotChange.Kind.OPENED, now, since));
      }
    }
    for (Slot s : prev.values()) {
      if (!next.containsKey(s.id())) {
        changes.add(new SlotChange(s, SlotChange.Kind.GONE, now, since));
      }
    }
    List<WatchRuntime> ordered = ts.ordered();
    List<Slot> free = new ArrayList<>(next.values());
    TargetSnapshot snapshot = new TargetSnapshot(ts.id, free, now);
    Map<String, URI> links = new HashMap<>();
    Set<String> told = new HashSet<>();
    boolean booking = hasBookers(ordered);
    if (booking) {
      // Milliseconds matter: auto-booking watches hear about the slot and hold it before anyone
      // else's events are even computed. Their SlotOpened still precedes their HoldPlaced.
      commit(ts, snapshot, changes, announceAll(ts, ordered, true, prev, next, links, now, told));
      advance(ts, prev, next, changes, since, now);
      autoBooker.run(ts, ordered, free);
    }
    Announcements rest = announceAll(ts, ordered, false, prev, next, links, now, told);
    if (booking) {
      commit(ts, snapshot, List.of(), rest); // the history went with the bookers' step
    } else {
      commit(ts, snapshot, changes, rest);
      advance(ts, prev, next, changes, since, now);
    }
  }

  /** What one step of {@link #apply} tells its watches: the events, and each watch's told set before and after. */
  private record Announcements(List<SlotEvent> events, Map<WatchRuntime, Set<String>> before,
      Map<String, Set<String>> after) {}

  /** Computes the SlotOpened/SlotGone of the booking (or the other) watches, remembering what each was told before. */
  private Announcements announceAll(TargetState ts, List<WatchRuntime> ordered, boolean bookers, Map<String, Slot> prev,
      Map<String, Slot> next, Map<String, URI> links, Instant now, Set<String> told) {
    List<SlotEvent> events = new ArrayList<>();
    Map<WatchRuntime, Set<String>> before = new HashMap<>();
    Map<String, Set<String>> after = new HashMap<>();
    for (WatchRuntime wr : ordered) {
      if (wr.watch.booking() != bookers || !told.add(wr.id())) {
        continue;
      }
      synchronized (wr) {
        if (wr.watch.state() == WatchState.CANCELLED || wr.overQuota) {
          continue;
        }
        Set<String> was = idsOf(wr, ts);
        if (announce(wr, ts, prev, next, events, links, now)) {
          before.put(wr, was);
          after.put(wr.id(), idsOf(wr, ts));
        }
      }
    }
    return new Announcements(events, before, after);
  }

  /**
   * Saves one step of a poll and publishes its events; on a failed save, puts back what the watches
   * were told and throws {@link StoreFailed} (nothing is published).
   */
  private void commit(TargetState ts, TargetSnapshot snapshot, List<SlotChange> changes, Announcements a) {
    try {
      outbox.savePoll(snapshot, changes, a.after(), a.events());
    } catch (RuntimeException e) {
      unannounce(ts, a);
      throw new StoreFailed(e);
    }
    outbox.publish(a.events());
  }

  /** A save failed: each watch's told set goes back to what it was, so the next poll tells it again. */
  private static void unannounce(TargetState ts, Announcements a) {
    String prefix = ts.id + "@";
    for (Map.Entry<WatchRuntime, Set<String>> b : a.before().entrySet()) {
      WatchRuntime wr = b.getKey();
      synchronized (wr) {
        wr.announced.removeIf(id -> id.startsWith(prefix));
        wr.announced.addAll(b.getValue());
        wr.slotsAnnounced.addAndGet(-a.events().stream()
            .filter(ev -> ev instanceof SlotOpened o && o.watchId().equals(wr.id())).count());
      }
    }
  }

  /** After the save: the snapshot, the counters, the forecaster and the metrics move on. */
  private void advance(TargetState ts, Map<String, Slot> prev, Map<String, Slot> next, List<SlotChange> changes,
      Instant since, Instant now) {
    for (SlotChange c : changes) {
      if (c.kind() == SlotChange.Kind.OPENED) {
        ts.firstSeen.put(c.slot().id(), now);
        ts.opened.incrementAndGet();
        if (since != null) {
          metrics.detected(ts.runtime.id(), Duration.between(since, now).dividedBy(2));
        }
      } else {
        ts.gone.incrementAndGet();
        Instant first = ts.firstSeen.remove(c.slot().id());
        if (first != null) {
          ts.recordFreeTime(Duration.between(first, now));
        }
      }
    }
    ts.snapshot = next;
    ts.everPolled = true;
    try {
      forecaster.observe(ts.runtime.id(), ts.id, since, now, changes);
    } catch (RuntimeException e) {
      log.warn("forecaster failed to observe a poll of {}", ts.id, e);
    }
  }

  /** The store failed to save a poll: nothing was published, the next poll tries the same difference again. */
  static final class StoreFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailed(RuntimeException cause) {
      super("the store failed to save a poll", cause);
    }
  }

  /** The ids of this target's slots the watch was told about. Caller holds the watch's lock. */
  private static Set<String> idsOf(WatchRuntime wr, TargetState ts) {
    String prefix = ts.id + "@";
    Set<String> out = new HashSet<>();
    for (String id : wr.announced) {
      if (id.startsWith(prefix)) {
        out.add(id);
      }
    }
    return out;
  }

  private static boolean hasBookers(List<WatchRuntime> ordered) {
    for (WatchRuntime wr : ordered) {
      if (wr.watch.booking()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Computes one watch's SlotOpened/SlotGone for a target and updates what it was told.
   * Caller holds the watch's lock.
   *
   * @return whether the announced set changed
   */
  private boolean announce(WatchRuntime wr, TargetState ts, Map<String, Slot> prev, Map<String, Slot> next,
      List<SlotEvent> events, Map<String, URI> links, Instant now) {
    Watch w = wr.watch;
    ZoneId zone = ts.runtime.info().zone();
    String prefix = ts.id + "@";
    boolean changed = false;
    List<Slot> matching = new ArrayList<>();
    for (Slot s : next.values()) {
      String why = w.filter().rejection(s, zone, ts.price);
      if (why == null) {
        if (matching.isEmpty() || !w.filter().earliestOnly()) {
          matching.add(s);
        }
      } else if (wr.rejectedIds.add(s.id())) {
        WatchRuntime.Rejections r = wr.rejected.computeIfAbsent(why, k -> new WatchRuntime.Rejections());
        r.count++;
        r.days.add(s.start().atZone(zone).getDayOfWeek());
      }
    }
    wr.rejectedIds.removeIf(id -> id.startsWith(prefix) && !next.containsKey(id));
    if (w.snoozed(ts.id, now)) {
      matching.clear(); // told once the snooze ends, if still free
    }
    for (Slot s : matching) {
      if (wr.announced.add(s.id())) {
        changed = true;
        wr.slotsAnnounced.incrementAndGet();
        URI link = links.computeIfAbsent(s.id(), k -> bookingLink(ts.runtime, s));
        events.add(new SlotOpened(w.id(), w.owner(), s, link, now, w.label(s.target())));
      }
    }
    for (java.util.Iterator<String> it = wr.announced.iterator(); it.hasNext(); ) {
      String id = it.next();
      if (id.startsWith(prefix) && !next.containsKey(id)) {
        it.remove();
        changed = true;
        Slot old = prev.get(id);
        if (old != null) {
          events.add(new SlotGone(w.id(), w.owner(), old, now));
        }
      }
    }
    return changed;
  }

  private static URI bookingLink(ProviderRuntime rt, Slot slot) {
    try {
      return rt.provider().bookingLink(slot).orElse(null);
    } catch (RuntimeException e) {
      log.warn("provider {} failed to build a booking link", rt.id(), e);
      return null;
    }
  }
}
