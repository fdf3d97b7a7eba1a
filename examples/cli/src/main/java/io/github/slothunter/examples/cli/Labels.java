package io.github.slothunter.examples.cli;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback for events without a label ({@link SlotLabel#UNKNOWN}; a {@code SlotGone} never has
 * one): the labels of calendars the CLI has seen, from the doctors it looked up, the watches it
 * started and the labelled events it printed, else the calendar's ids. Thread-safe.
 */
final class Labels {
  private final Map<String, SlotLabel> byTarget = new ConcurrentHashMap<>();

  /** Remembers every calendar of the doctor (names and price, no distance). */
  void add(Doctor doctor) {
    for (Center c : doctor.centers()) {
      for (Service s : c.services()) {
        String id = new Target(doctor.ref(), c.id(), s.id(), Map.of()).id();
        byTarget.put(id, new SlotLabel(doctor.displayName(), c.name(), s.title(), s.price(), null));
      }
    }
  }

  /** Remembers the labels the watch keeps for its calendars (an area watch's members, with distances). */
  void add(Watch watch) {
    for (Target t : watch.targets()) {
      remember(t, watch.label(t));
    }
  }

  /** Remembers an event's label for its calendar, unless it knows nothing. */
  void remember(Target target, SlotLabel label) {
    if (!label.equals(SlotLabel.UNKNOWN)) {
      byTarget.put(target.id(), label);
    }
  }

  /**
   * The label to print for an event about {@code target}: the event's own when it knows something,
   * else the one remembered, else the calendar's ids in the format's language.
   */
  SlotLabel of(Target target, SlotLabel fromEvent, JalaliFormat format) {
    if (!fromEvent.equals(SlotLabel.UNKNOWN)) {
      remember(target, fromEvent);
      return fromEvent;
    }
    SlotLabel known = byTarget.get(target.id());
    if (known != null) {
      return known;
    }
    boolean fa = format.persian();
    return new SlotLabel(target.ref().toString(), (fa ? "مرکز " : "center ") + format.digits(target.centerId()),
        (fa ? "خدمت " : "service ") + format.digits(target.serviceId()), null, null);
  }
}
