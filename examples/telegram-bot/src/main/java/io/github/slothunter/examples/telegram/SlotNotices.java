package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which free slots become a message of their own. Keyed by owner and calendar (target), so
 * re-registering a watch (the bot does that to change a filter) changes nothing:
 *
 * <ul>
 *   <li>a slot already announced to the owner is not announced again until it has gone;
 *   <li>at most {@code perBurst} slot messages per calendar per {@code window}; the rest are held
 *       and summarised by {@link #drain()} (the first poll of a calendar often finds many free slots,
 *       and Telegram limits messages per chat).
 * </ul>
 *
 * <p>Thread-safe (every method is synchronized; none does I/O).
 */
final class SlotNotices {
  /** Slots listed one per line in a summary; more are only counted. */
  static final int MAX_LISTED = 5;
  /** Announced slots remembered at most; the oldest are forgotten first. */
  static final int MAX_REMEMBERED = 100_000;

  private final Clock clock;
  private final int perBurst;
  private final Duration window;
  private final Map<String, Boolean> announced = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };
  private final Map<String, Deque<Instant>> sent = new HashMap<>();
  private final Map<String, Held> held = new LinkedHashMap<>();

  SlotNotices(Clock clock, int perBurst, Duration window) {
    this.clock = clock;
    this.perBurst = perBurst;
    this.window = window;
  }

  /**
   * Slots held back for one calendar of one owner.
   *
   * @param owner the owner
   * @param slots the slots, earliest first
   * @param firstLink the booking link of the earliest, or {@code null}
   * @param watchId the watch of the latest event
   * @param label the calendar's label as the latest event gave it
   */
  record Held(String owner, List<Slot> slots, URI firstLink, String watchId, SlotLabel label) {}

  static String calendar(String owner, Slot slot) {
    return owner + "|" + slot.target().id();
  }

  private static String key(String owner, Slot slot) {
    return owner + "|" + slot.id();
  }

  /** The slot, if it deserves a message now; otherwise it is a repeat, or it is held for {@link #drain()}. */
  synchronized Optional<Slot> opened(SlotOpened e) {
    String key = key(e.owner(), e.slot());
    if (announced.containsKey(key)) {
      return Optional.empty();
    }
    announced.put(key, Boolean.TRUE);
    String cal = calendar(e.owner(), e.slot());
    Instant now = clock.instant();
    Deque<Instant> times = sent.computeIfAbsent(cal, k -> new ArrayDeque<>());
    while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
      times.removeFirst();
    }
    if (times.size() < perBurst) {
      times.addLast(now);
      return Optional.of(e.slot());
    }
    Held h = held.get(cal);
    List<Slot> slots = h == null ? new ArrayList<>() : new ArrayList<>(h.slots());
    slots.add(e.slot());
    slots.sort(Comparator.comparing(Slot::start));
    URI link = h == null ? e.bookingLink() : h.firstLink();
    if (slots.get(0).equals(e.slot())) {
      link = e.bookingLink();
    }
    held.put(cal, new Held(e.owner(), List.copyOf(slots), link, e.watchId(), e.label()));
    return Optional.empty();
  }

  /** A slot went: it may be announced again if it comes back, and it leaves any summary. */
  synchronized void gone(SlotGone e) {
    announced.remove(key(e.owner(), e.slot()));
    String cal = calendar(e.owner(), e.slot());
    Held h = held.get(cal);
    if (h == null) {
      return;
    }
    List<Slot> rest = h.slots().stream().filter(s -> !s.id().equals(e.slot().id())).toList();
    if (rest.isEmpty()) {
      held.remove(cal);
    } else {
      URI link = rest.get(0).equals(h.slots().get(0)) ? h.firstLink() : null;
      held.put(cal, new Held(h.owner(), rest, link, h.watchId(), h.label()));
    }
  }

  /** Forgets an owner's calendar (the watch was removed): its slots may be announced afresh later. */
  synchronized void forget(String owner, String targetId) {
    String prefix = owner + "|" + targetId + "@";
    announced.keySet().removeIf(k -> k.startsWith(prefix));
    String cal = owner + "|" + targetId;
    sent.remove(cal);
    held.remove(cal);
  }

  /** Every held summary, emptied. */
  synchronized List<Held> drain() {
    List<Held> out = new ArrayList<>(held.values());
    held.clear();
    return out;
  }
}
