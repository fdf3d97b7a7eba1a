package io.github.slothunter.testkit.internal;

import io.github.slothunter.testkit.FakeSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;

/**
 * Every calendar of a fake site: slots in four states, holds with expiry, and when each slot last
 * became free. Site-neutral; a fake keys calendars by doctor, center and service. Not thread-safe:
 * guarded by its owner's lock.
 */
public final class SlotCalendars {

  /** A slot's state. */
  public enum State {
    /** Free for anyone to hold. */
    FREE,
    /** Held by a client until the hold is booked, released or expires. */
    HELD,
    /** Booked through the fake's booking endpoint. */
    BOOKED,
    /** Taken by "another patient" (a test or scenario action). */
    TAKEN
  }

  /**
   * Names one calendar.
   *
   * @param doctorKey the doctor's key on the site
   * @param centerId the center id
   * @param serviceId the service id
   */
  public record CalendarKey(String doctorKey, String centerId, String serviceId) {
    /** Validates. */
    public CalendarKey {
      Objects.requireNonNull(doctorKey, "doctorKey");
      Objects.requireNonNull(centerId, "centerId");
      Objects.requireNonNull(serviceId, "serviceId");
    }
  }

  /** One slot; mutable, owned by the calendars. */
  public static final class Entry {
    private final CalendarKey key;
    private final Instant from;
    private final Instant to;
    private State state = State.FREE;
    private Instant releasedAt;
    private Hold hold;

    Entry(CalendarKey key, Instant from, Instant to, Instant releasedAt) {
      this.key = key;
      this.from = from;
      this.to = to;
      this.releasedAt = releasedAt;
    }

    /** Its calendar. */
    public CalendarKey key() {
      return key;
    }

    /** Start. */
    public Instant from() {
      return from;
    }

    /** End. */
    public Instant to() {
      return to;
    }

    /** Current state. */
    public State state() {
      return state;
    }

    /** When it last became free. */
    public Instant releasedAt() {
      return releasedAt;
    }

    /** The live hold on it, if {@link State#HELD}. */
    public Optional<Hold> hold() {
      return Optional.ofNullable(hold);
    }

    /** A public snapshot. */
    public FakeSlot snapshot() {
      return new FakeSlot(key.doctorKey(), key.centerId(), key.serviceId(), from, to, releasedAt);
    }

    /** Marks it booked (from a live hold or directly). */
    public void book() {
      state = State.BOOKED;
      hold = null;
    }

    void free(Instant at) {
      state = State.FREE;
      hold = null;
      releasedAt = at;
    }
  }

  /** A hold on one slot by one client. */
  public static final class Hold {
    private final String code;
    private final Entry entry;
    private final String owner;
    private final String userId;
    private final Instant expiresAt;
    private boolean live = true;
    private boolean lost;

    Hold(String code, Entry entry, String owner, String userId, Instant expiresAt) {
      this.code = code;
      this.entry = entry;
      this.owner = owner;
      this.userId = userId;
      this.expiresAt = expiresAt;
    }

    /** The site's handle for the hold. */
    public String code() {
      return code;
    }

    /** The held slot. */
    public Entry entry() {
      return entry;
    }

    /** The client (terminal) that holds it. */
    public String owner() {
      return owner;
    }

    /** The logged-in user that held it, or empty text. */
    public String userId() {
      return userId;
    }

    /** When it lapses. */
    public Instant expiresAt() {
      return expiresAt;
    }

    /** Whether it still reserves its slot. */
    public boolean live() {
      return live;
    }

    /** Whether someone else took the slot while it was held (a test fault). */
    public boolean lost() {
      return lost;
    }
  }

  private final Map<CalendarKey, TreeMap<Instant, Entry>> calendars = new LinkedHashMap<>();
  // Dead holds are remembered (so a late book/unsuspend gets the site's answer) up to a bound.
  private static final int MAX_REMEMBERED_HOLDS = 100_000;
  private final Map<String, Hold> holds = new LinkedHashMap<>();
  private final PriorityQueue<Hold> byExpiry = new PriorityQueue<>(Comparator.comparing(Hold::expiresAt));

  /** Makes sure a calendar exists (possibly empty). */
  public void register(CalendarKey key) {
    calendars.computeIfAbsent(key, k -> new TreeMap<>());
  }

  /** Whether the calendar exists. */
  public boolean exists(CalendarKey key) {
    return calendars.containsKey(key);
  }

  private TreeMap<Instant, Entry> calendar(CalendarKey key) {
    TreeMap<Instant, Entry> c = calendars.get(key);
    if (c == null) {
      throw new IllegalArgumentException("no such calendar: " + key);
    }
    return c;
  }

  /**
   * Opens a slot, or frees a taken one (a cancellation). A free, held or booked slot is left as it is.
   *
   * @throws IllegalArgumentException if it overlaps another slot with a different start or length
   */
  public Entry open(CalendarKey key, Instant from, Instant to, Instant now) {
    TreeMap<Instant, Entry> c = calendar(key);
    Entry existing = c.get(from);
    if (existing != null) {
      if (!existing.to.equals(to)) {
        throw new IllegalArgumentException("slot " + from + " already exists with end " + existing.to);
      }
      if (existing.state == State.TAKEN) {
        existing.free(now);
      }
      return existing;
    }
    Map.Entry<Instant, Entry> before = c.lowerEntry(from);
    Map.Entry<Instant, Entry> after = c.higherEntry(from);
    if ((before != null && before.getValue().to.isAfter(from)) || (after != null && after.getKey().isBefore(to))) {
      throw new IllegalArgumentException("slot " + from + ".." + to + " overlaps another slot in " + key);
    }
    Entry e = new Entry(key, from, to, now);
    c.put(from, e);
    return e;
  }

  /** The slot starting at {@code from}. */
  public Optional<Entry> find(CalendarKey key, Instant from) {
    TreeMap<Instant, Entry> c = calendars.get(key);
    return c == null ? Optional.empty() : Optional.ofNullable(c.get(from));
  }

  /** The slot starting at {@code from} in any calendar (the first calendar registered wins). */
  public Optional<Entry> findAnywhere(Instant from) {
    for (TreeMap<Instant, Entry> c : calendars.values()) {
      Entry e = c.get(from);
      if (e != null) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Another patient takes a free slot; {@code false} if it is not free. */
  public boolean take(Entry e) {
    if (e.state != State.FREE) {
      return false;
    }
    e.state = State.TAKEN;
    return true;
  }

  /** Frees a booked or taken slot (a cancellation) at {@code now}; {@code false} if it was not booked or taken. */
  public boolean cancel(Entry e, Instant now) {
    if (e.state != State.BOOKED && e.state != State.TAKEN) {
      return false;
    }
    e.free(now);
    return true;
  }

  /** Every slot of one calendar, in start order (a live view; do not modify). */
  public NavigableMap<Instant, Entry> slots(CalendarKey key) {
    return java.util.Collections.unmodifiableNavigableMap(calendar(key));
  }

  /** The free slots of a calendar starting after {@code now}, in start order. */
  public List<Entry> free(CalendarKey key, Instant now) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : calendar(key).tailMap(now, false).values()) {
      if (e.state == State.FREE) {
        out.add(e);
      }
    }
    return out;
  }

  /** The future slots in one state across all calendars, calendar by calendar in start order. */
  public List<Entry> all(State state, Instant now) {
    List<Entry> out = new ArrayList<>();
    for (TreeMap<Instant, Entry> c : calendars.values()) {
      for (Entry e : c.tailMap(now, false).values()) {
        if (e.state == state) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** A uniformly chosen future slot in {@code state}, drawn from {@code random}. */
  public Optional<Entry> random(State state, Instant now, Random random) {
    int count = 0;
    for (TreeMap<Instant, Entry> c : calendars.values()) {
      for (Entry e : c.tailMap(now, false).values()) {
        if (e.state == state) {
          count++;
        }
      }
    }
    if (count == 0) {
      return Optional.empty();
    }
    int pick = random.nextInt(count);
    for (TreeMap<Instant, Entry> c : calendars.values()) {
      for (Entry e : c.tailMap(now, false).values()) {
        if (e.state == state && pick-- == 0) {
          return Optional.of(e);
        }
      }
    }
    throw new IllegalStateException("calendar changed while picking");
  }

  /** Another patient takes a {@linkplain #random random} free future slot; empty when none is free. */
  public Optional<Entry> takeRandom(Instant now, Random random) {
    Optional<Entry> e = random(State.FREE, now, random);
    e.ifPresent(this::take);
    return e;
  }

  /** Another patient cancels a {@linkplain #random random} taken future slot, free again at {@code now}; empty when none. */
  public Optional<Entry> cancelRandom(Instant now, Random random) {
    Optional<Entry> e = random(State.TAKEN, now, random);
    e.ifPresent(x -> cancel(x, now));
    return e;
  }

  /** Holds a free slot for {@code owner} until {@code now + ttl}. */
  public Hold hold(Entry e, String code, String owner, String userId, Instant now, Duration ttl) {
    if (e.state != State.FREE) {
      throw new IllegalStateException("slot is " + e.state);
    }
    if (holds.containsKey(code)) {
      throw new IllegalStateException("duplicate hold code " + code);
    }
    if (holds.size() >= MAX_REMEMBERED_HOLDS) {
      forgetOldDeadHolds();
    }
    Hold h = new Hold(code, e, owner, userId, now.plus(ttl));
    e.state = State.HELD;
    e.hold = h;
    holds.put(code, h);
    byExpiry.add(h);
    return h;
  }

  private void forgetOldDeadHolds() {
    java.util.Iterator<Hold> it = holds.values().iterator();
    while (it.hasNext() && holds.size() >= MAX_REMEMBERED_HOLDS / 2) {
      if (!it.next().live) {
        it.remove();
      }
    }
  }

  /** The hold with this code, live or not. */
  public Optional<Hold> holdByCode(String code) {
    return Optional.ofNullable(holds.get(code));
  }

  /** Gives a live hold back: its slot is free again from {@code now}. {@code false} if it was not live. */
  public boolean release(Hold h, Instant now) {
    if (!h.live) {
      return false;
    }
    h.live = false;
    h.entry.free(now);
    return true;
  }

  /** Turns a live hold into a booking of its slot. */
  public void book(Hold h) {
    if (!h.live) {
      throw new IllegalStateException("hold " + h.code + " is not live");
    }
    h.live = false;
    h.entry.book();
  }

  /** Another patient takes a held slot: the hold is lost and its slot taken. */
  public void lose(Hold h) {
    if (h.live) {
      h.live = false;
      h.lost = true;
      h.entry.state = State.TAKEN;
      h.entry.hold = null;
    }
  }

  /** When the earliest live hold lapses. */
  public Optional<Instant> nextExpiry() {
    while (!byExpiry.isEmpty() && !byExpiry.peek().live) {
      byExpiry.poll();
    }
    return byExpiry.isEmpty() ? Optional.empty() : Optional.of(byExpiry.peek().expiresAt);
  }

  /** Lapses every live hold due at or before {@code t}; each slot is free again from its hold's expiry. */
  public void expireUpTo(Instant t) {
    while (!byExpiry.isEmpty() && !byExpiry.peek().expiresAt.isAfter(t)) {
      Hold h = byExpiry.poll();
      if (h.live) {
        h.live = false;
        h.entry.free(h.expiresAt);
      }
    }
  }

  /** How many holds are live. */
  public int liveHolds() {
    nextExpiry();
    int n = 0;
    for (Hold h : byExpiry) {
      if (h.live) {
        n++;
      }
    }
    return n;
  }
}
