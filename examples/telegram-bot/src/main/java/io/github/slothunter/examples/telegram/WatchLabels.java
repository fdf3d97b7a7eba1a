package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.SlotHunter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each watched calendar is shown as (doctor, center and service names remembered from the
 * lookup that created the watch; the engine keeps ids), keyed by owner and calendar so a watch
 * re-registered for a new filter keeps its label. Written through to {@link BotStore} and read from
 * memory, so events are labelled without I/O and a restart keeps the names. Thread-safe.
 */
final class WatchLabels {
  private final SlotHunter hunter;
  private final BotStore store;
  private final Map<String, WatchLabel> labels;

  WatchLabels(SlotHunter hunter, BotStore store) {
    this.hunter = hunter;
    this.store = store;
    this.labels = new ConcurrentHashMap<>(store.labels());
  }

  private static String calendar(String owner, Target target) {
    return owner + "|" + target.id();
  }

  /** Remembers (durably) what an owner's calendar is shown as. */
  void put(String owner, Target target, WatchLabel label) {
    store.saveLabel(owner, target.id(), label);
    labels.put(calendar(owner, target), label);
  }

  /** Forgets an owner's calendar. */
  void remove(String owner, Target target) {
    labels.remove(calendar(owner, target));
    store.deleteLabel(owner, target.id());
  }

  /** The remembered label of an owner's calendar, or {@code null}. */
  WatchLabel stored(String owner, Target target) {
    return labels.get(calendar(owner, target));
  }

  /** The remembered label, or one made of the ids when the bot did not register the calendar. */
  WatchLabel of(String owner, Target t) {
    WatchLabel l = stored(owner, t);
    return l != null ? l : new WatchLabel(t.ref().key(), t.centerId(), t.serviceId(), null, t.ref().toString(),
        t.centerId(), t.serviceId());
  }

  /** The label of a watch's (first) calendar. */
  WatchLabel of(Watch w) {
    if (w.targets().isEmpty()) {
      return new WatchLabel(w.doctor().key(), "", "", null, w.doctor().toString(), "", "");
    }
    return of(w.owner(), w.targets().get(0));
  }

  /** The label of a watch by id, or one made of the id when the watch is gone. */
  WatchLabel ofWatch(String watchId) {
    return hunter.find(watchId).map(this::of)
        .orElseGet(() -> new WatchLabel(watchId, "", "", null, watchId, "", ""));
  }
}
