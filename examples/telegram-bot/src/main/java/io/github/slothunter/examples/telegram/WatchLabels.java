package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.SlotHunter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each watched calendar is shown as (doctor, center and service names remembered from the
 * lookup that created the watch; the engine keeps ids), keyed by owner and calendar so a watch
 * re-registered for a new filter keeps its label. Events carry the engine's own label now; the remembered
 * names are the fallback for events and watches without one (see {@link #of(String, Target, SlotLabel, String)}). Written through to {@link BotStore} and read from
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

  /** The label of a watch's (first) calendar: the watch's own label, else the remembered one. */
  WatchLabel of(Watch w) {
    if (w.targets().isEmpty()) {
      return new WatchLabel(w.doctor().key(), "", "", null, w.doctor().toString(), "", "");
    }
    Target t = w.targets().get(0);
    return merged(w.owner(), t, w.label(t));
  }

  /**
   * The label of a watch in a language: a doctor watch as {@link #of(Watch)}, an area watch named by
   * its area (specialty, city, narrowing) with its number of doctors.
   */
  WatchLabel of(Watch w, Messages m) {
    if (w.area() == null) {
      return of(w);
    }
    return new WatchLabel(m.find().areaName(w.area()), m.find().areaPlace(w.area().members().size()), "", null, "",
        "", "");
  }

  /** The label of a watch by id in a language, or one made of the id when the watch is gone. */
  WatchLabel ofWatch(String watchId, Messages m) {
    return hunter.find(watchId).map(w -> of(w, m))
        .orElseGet(() -> new WatchLabel(watchId, "", "", null, watchId, "", ""));
  }

  /**
   * What an event about a calendar shows: the event's own label (the engine's names: the doctor, or the
   * area member, their center, service and price), else the watch's label for the calendar, else what
   * the bot remembered from its own lookup; ids only when nobody knows a name.
   */
  WatchLabel of(String owner, Target t, SlotLabel event, String watchId) {
    SlotLabel l = event;
    if (l.equals(SlotLabel.UNKNOWN)) {
      l = hunter.find(watchId).map(w -> w.label(t)).orElse(SlotLabel.UNKNOWN);
    }
    return merged(owner, t, l);
  }

  /** The engine's label over the remembered one: each name the engine knows wins, the rest are remembered. */
  private WatchLabel merged(String owner, Target t, SlotLabel l) {
    WatchLabel stored = stored(owner, t);
    if (l.equals(SlotLabel.UNKNOWN)) {
      return stored != null ? stored : of(owner, t);
    }
    WatchLabel known = stored != null ? stored
        : new WatchLabel(t.ref().key(), "", "", null, t.ref().toString(), t.centerId(), t.serviceId());
    return new WatchLabel(l.doctor().isEmpty() ? known.doctorName() : l.doctor(),
        l.center().isEmpty() ? known.centerName() : l.center(),
        l.service().isEmpty() ? known.serviceTitle() : l.service(),
        l.price() != null ? l.price() : known.price(), known.link(), t.centerId(), t.serviceId());
  }
}
