package io.github.slothunter.core;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider with inspectable state: calendars, holds, bookings, a request log and
 * injectable failures. Links look like {@code mem:<doctor>}.
 */
final class MemoryProvider implements Provider, SlotWatcher, Booker {
  static final String ID = "mem";

  record Request(String op, String targetId, Instant at) {}

  private final Clock clock;
  private final RequestBudget budget;
  private final boolean canBook;
  private final Map<String, Doctor> doctors = new ConcurrentHashMap<>();
  private final Map<String, TreeMap<Instant, Slot>> calendars = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  private final List<Booking> bookings = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Deque<RuntimeException>> failures = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger holdSeq = new AtomicInteger();
  volatile Duration holdTtl = Duration.ofMinutes(5);
  volatile CountDownLatch bookGate;
  volatile CountDownLatch holdGate;
  volatile CountDownLatch holdEntered;
  volatile CountDownLatch bookEntered;
  volatile boolean takeAfterHold;
  /** Whether the provider can read bookings back (Capability.READ_BACK). */
  volatile boolean readBack;
  /** A broken site: book() answers success but nothing is recorded, so read-back finds nothing. */
  volatile boolean loseBookings;
  /** How read-back shows a stored booking (the identity unless a test changes it). */
  volatile java.util.function.UnaryOperator<Booking> readBackView = b -> b;
  volatile boolean closed;
  /** Whether the provider can move bookings (Capability.MOVE). */
  volatile boolean canMove;
  /** Whether book() answers "pay to confirm" with a payment link. */
  volatile boolean payToConfirm;
  /** A lost answer: book() and move() do their work, then fail with PROVIDER_UNAVAILABLE (a timeout after the fact). */
  volatile boolean loseAnswers;
  /**
   * When set, {@link #freeCalendar} answers like Paziresh24's all-slots mode: free days and their slots
   * up to this many days from today (Tehran), "fully booked" for an empty calendar; else the default.
   */
  volatile Integer windowDays;
  private final List<String> releasedHoldKeys = new ArrayList<>();

  MemoryProvider(Clock clock, RequestBudget budget, boolean canBook) {
    this.clock = clock;
    this.budget = budget;
    this.canBook = canBook;
  }

  ProviderFactory factory() {
    MemoryProvider self = this;
    return new ProviderFactory() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public Provider create(ProviderContext context) {
        return self;
      }
    };
  }

  // ------------------------------------------------------------------ set-up

  /** Adds a doctor with one center and the given services (all bookable, price 1000 each). */
  List<Target> doctor(String key, String... serviceIds) {
    return pricedDoctor(key, 1000L, serviceIds);
  }

  /** Adds a doctor with one center and the given services, all bookable at this price ({@code null}: unknown). */
  List<Target> pricedDoctor(String key, Long price, String... serviceIds) {
    DoctorRef ref = new DoctorRef(ID, key);
    List<Service> services = new ArrayList<>();
    for (String s : serviceIds) {
      services.add(new Service(s, "visit " + s, price, Duration.ofMinutes(15), true, Map.of("k", "v")));
    }
    Doctor d = new Doctor(ref, "Dr " + key, List.of("heart"), List.of(new Center("c1", "Clinic", "St 1", "Tehran", services)));
    doctors.put(key, d);
    List<Target> targets = d.bookableTargets();
    for (Target t : targets) {
      calendars.putIfAbsent(t.id(), new TreeMap<>());
    }
    return targets;
  }

  Target target(String key) {
    return doctor(key, "s1").get(0);
  }

  synchronized Slot open(Target t, Instant start) {
    Slot s = new Slot(t, start, start.plus(Duration.ofMinutes(15)), "k" + start.getEpochSecond());
    calendars.computeIfAbsent(t.id(), k -> new TreeMap<>()).put(start, s);
    return s;
  }

  synchronized void take(Slot s) {
    calendars.get(s.target().id()).remove(s.start());
  }

  synchronized void failNext(String op, RuntimeException e) {
    failures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(e);
  }

  static SlotHunterException error(ErrorCode code) {
    return SlotHunterException.builder(code).providerId(ID).message("injected " + code).build();
  }

  // ------------------------------------------------------------------ inspection

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized long count(String op) {
    return requests.stream().filter(r -> r.op().equals(op)).count();
  }

  synchronized long count(String op, Target t) {
    return requests.stream().filter(r -> r.op().equals(op) && t.id().equals(r.targetId())).count();
  }

  int outstandingHolds() {
    return holds.size();
  }

  synchronized List<Booking> bookings() {
    return List.copyOf(bookings);
  }

  /** The hold keys release() was called with, in order. */
  synchronized List<String> releasedHoldKeys() {
    return List.copyOf(releasedHoldKeys);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void enter(String op, String targetId) {
    int n = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(n, Math::max);
    RuntimeException e;
    synchronized (this) {
      requests.add(new Request(op, targetId, clock.instant()));
      Deque<RuntimeException> q = failures.get(op);
      e = q == null ? null : q.poll();
    }
    if (e != null) {
      inFlight.decrementAndGet();
      throw e;
    }
  }

  private void exit() {
    inFlight.decrementAndGet();
  }

  // ------------------------------------------------------------------ Provider

  @Override
  public ProviderInfo info() {
    Set<Capability> caps = EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.BOOKING_LINK);
    if (canBook) {
      caps.addAll(EnumSet.of(Capability.HOLD, Capability.BOOK, Capability.CANCEL));
      if (readBack) {
        caps.add(Capability.READ_BACK);
      }
      if (canMove) {
        caps.add(Capability.MOVE);
      }
    }
    return new ProviderInfo(ID, "Memory", SlotHunterZones.TEHRAN, caps, budget);
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    if (urlOrSlug.startsWith("mem:") && urlOrSlug.length() > 4 && !urlOrSlug.substring(4).contains("/")) {
      return Optional.of(new DoctorRef(ID, urlOrSlug.substring(4)));
    }
    return Optional.empty();
  }

  @Override
  public Doctor lookup(DoctorRef ref) {
    enter("lookup", null);
    try {
      Doctor d = doctors.get(ref.key());
      if (d == null) {
        throw SlotHunterException.builder(ErrorCode.NOT_FOUND).providerId(ID).message("no doctor " + ref.key()).build();
      }
      return d;
    } finally {
      exit();
    }
  }

  @Override
  public SlotWatcher slots() {
    return this;
  }

  @Override
  public Optional<Booker> booker() {
    return canBook ? Optional.of(this) : Optional.empty();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Optional<DoctorSearch> search() {
    return Optional.empty();
  }

  @Override
  public Optional<URI> bookingLink(Slot slot) {
    return Optional.of(URI.create("https://mem.example/book/" + slot.providerSlotKey()));
  }

  @Override
  public void close() {
    closed = true;
  }

  // ------------------------------------------------------------------ SlotWatcher

  @Override
  public FreeCalendar freeCalendar(Target target) {
    Integer window = windowDays;
    if (window == null) {
      return SlotWatcher.super.freeCalendar(target);
    }
    enter("freeCalendar", target.id());
    try {
      synchronized (this) {
        LocalDate through = LocalDate.now(clock.withZone(SlotHunterZones.TEHRAN)).plusDays(window);
        java.util.TreeMap<LocalDate, List<Slot>> byDay = new java.util.TreeMap<>();
        java.util.Collection<Slot> free = calendar(target).values();
        if (free.isEmpty()) {
          return FreeCalendar.full();
        }
        for (Slot s : free) {
          LocalDate d = s.start().atZone(SlotHunterZones.TEHRAN).toLocalDate();
          if (!d.isAfter(through)) {
            byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(s);
          }
        }
        return new FreeCalendar(List.copyOf(byDay.keySet()), byDay, through, false);
      }
    } finally {
      exit();
    }
  }

  @Override
  public List<LocalDate> freeDays(Target target) {
    enter("freeDays", target.id());
    try {
      synchronized (this) {
        return calendar(target).values().stream().map(s -> s.start().atZone(SlotHunterZones.TEHRAN).toLocalDate())
            .distinct().sorted().toList();
      }
    } finally {
      exit();
    }
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    enter("freeSlots", target.id());
    try {
      synchronized (this) {
        return calendar(target).values().stream()
            .filter(s -> s.start().atZone(SlotHunterZones.TEHRAN).toLocalDate().equals(day)).toList();
      }
    } finally {
      exit();
    }
  }

  private TreeMap<Instant, Slot> calendar(Target t) {
    TreeMap<Instant, Slot> c = calendars.get(t.id());
    if (c == null) {
      throw SlotHunterException.builder(ErrorCode.NOT_FOUND).providerId(ID).message("no calendar " + t.id()).build();
    }
    TreeMap<Instant, Slot> free = new TreeMap<>(c);
    for (Hold h : holds.values()) {
      free.remove(h.slot().start(), h.slot());
    }
    return free;
  }

  // ------------------------------------------------------------------ Booker

  @Override
  public Hold hold(Slot slot, AccountSession session) {
    enter("hold", slot.target().id());
    try {
      await(holdEntered, holdGate);
      synchronized (this) {
        if (!calendar(slot.target()).containsKey(slot.start())) {
          throw SlotHunterException.builder(ErrorCode.SLOT_TAKEN).providerId(ID).message("taken " + slot.id()).build();
        }
        Hold h = new Hold(slot, "h" + holdSeq.incrementAndGet(), clock.instant().plus(holdTtl));
        holds.put(h.providerHoldKey(), h);
        if (takeAfterHold) {
          calendars.get(slot.target().id()).remove(slot.start());
        }
        return h;
      }
    } finally {
      exit();
    }
  }

  @Override
  public Booking book(Hold hold, Patient patient, AccountSession session) {
    enter("book", hold.slot().target().id());
    try {
      await(bookEntered, bookGate);
      synchronized (this) {
        if (!holds.containsKey(hold.providerHoldKey())) {
          throw SlotHunterException.builder(ErrorCode.HOLD_EXPIRED).providerId(ID).message("no hold").build();
        }
        TreeMap<Instant, Slot> c = calendars.get(hold.slot().target().id());
        if (!hold.slot().equals(c.get(hold.slot().start()))) {
          holds.remove(hold.providerHoldKey());
          throw SlotHunterException.builder(ErrorCode.SLOT_TAKEN).providerId(ID).message("taken after hold").build();
        }
        holds.remove(hold.providerHoldKey());
        c.remove(hold.slot().start());
        String id = "b" + holdSeq.incrementAndGet();
        Booking b = payToConfirm
            ? new Booking(hold.slot(), id, "TRK" + bookings.size(), clock.instant(), PaymentState.PAY_TO_CONFIRM,
                URI.create("https://mem.example/pay/" + id))
            : new Booking(hold.slot(), id, "TRK" + bookings.size(), clock.instant());
        if (!loseBookings) {
          bookings.add(b);
        }
        if (loseAnswers) {
          throw error(ErrorCode.PROVIDER_UNAVAILABLE);
        }
        return b;
      }
    } finally {
      exit();
    }
  }

  private static void await(CountDownLatch entered, CountDownLatch gate) {
    if (entered != null) {
      entered.countDown();
    }
    if (gate != null) {
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Booking move(Booking existing, Hold newHold, AccountSession session) {
    if (!canMove) {
      return Booker.super.move(existing, newHold, session);
    }
    if (existing.paymentRequired()) {
      throw SlotHunterException.builder(ErrorCode.UNSUPPORTED).providerId(ID).message("awaiting payment").build();
    }
    enter("move", newHold.slot().target().id());
    try {
      synchronized (this) {
        if (!holds.containsKey(newHold.providerHoldKey())) {
          throw SlotHunterException.builder(ErrorCode.HOLD_EXPIRED).providerId(ID).message("no hold").build();
        }
        if (bookings.stream().noneMatch(b -> b.providerBookingKey().equals(existing.providerBookingKey()))) {
          throw SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(ID).message("no such booking").build();
        }
        holds.remove(newHold.providerHoldKey());
        calendars.get(newHold.slot().target().id()).remove(newHold.slot().start());
        Booking moved = existing.movedTo(newHold.slot(), clock.instant());
        bookings.removeIf(b -> b.providerBookingKey().equals(existing.providerBookingKey()));
        bookings.add(moved);
        if (loseAnswers) {
          throw error(ErrorCode.PROVIDER_UNAVAILABLE);
        }
        return moved;
      }
    } finally {
      exit();
    }
  }

  @Override
  public void release(Hold hold, AccountSession session) {
    enter("release", hold.slot().target().id());
    try {
      synchronized (this) {
        releasedHoldKeys.add(hold.providerHoldKey());
      }
      holds.remove(hold.providerHoldKey());
    } finally {
      exit();
    }
  }

  @Override
  public void cancel(Booking booking, Patient patient, AccountSession session) {
    enter("cancel", booking.slot().target().id());
    try {
      synchronized (this) {
        bookings.removeIf(b -> b.providerBookingKey().equals(booking.providerBookingKey()));
      }
    } finally {
      exit();
    }
  }

  @Override
  public Optional<Booking> readBack(Booking booking, AccountSession session) {
    enter("readBack", booking.slot().target().id());
    try {
      synchronized (this) {
        return bookings.stream().filter(b -> b.providerBookingKey().equals(booking.providerBookingKey())).findFirst()
            .map(readBackView);
      }
    } finally {
      exit();
    }
  }

  /** Records a booking made elsewhere (the patient's current booking). */
  synchronized Booking addBooking(Slot slot) {
    Booking b = new Booking(slot, "b" + holdSeq.incrementAndGet(), "TRK" + bookings.size(), clock.instant());
    bookings.add(b);
    return b;
  }
}
