package io.github.slothunter.testkit;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
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
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link Provider} that lives in memory and does what a test scripts: doctors and their calendars,
 * slots opened and taken by hand, holds and bookings, an optional SMS login, failures queued per
 * {@link Operation}, and {@link InMemoryGate}s that stop a call half-way. There is no HTTP and no site
 * protocol: use it to test an engine or an application built on SlotHunter. To test a provider's
 * protocol, use a fake site such as {@link FakePaziresh24} with the real provider instead.
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
 * InMemoryProvider provider = InMemoryProvider.builder().clock(clock).build();
 * Target target = provider.target("dr-sara");
 * provider.open(target, Instant.parse("2026-12-07T06:00:00Z"));
 * provider.failNext(Operation.HOLD, ErrorCode.SLOT_TAKEN);
 * SlotHunter hunter = SlotHunter.builder().provider(provider.factory()).clock(clock).build();
 * // ... watch the target with auto-booking, let the engine poll ...
 * assertThat(provider.holds()).isEmpty();
 * assertThat(provider.count(Operation.HOLD)).isEqualTo(1);
 * }</pre>
 *
 * <p>How it behaves:
 *
 * <ul>
 *   <li>Links are the {@linkplain InMemoryProviderBuilder#linkPrefix(String) link prefix} and a doctor key, by default
 *       {@code mem:dr-sara}; {@link #parse} reads nothing else and never throws.
 *   <li>Each call of the provider's {@link SlotWatcher}, {@link Booker} and {@link Authenticator}, and
 *       {@link #lookup}, is one request: it is logged ({@link #requests()}), counts toward
 *       {@link #maxInFlight()}, is shown to the {@link #onRequest} hook, then throws the next scripted
 *       failure of its operation ({@link #failNext}, else {@link #failAlways}) if there is one, or else
 *       waits at its operation's {@link #gate} and does its work. {@link #parse}, {@link #info} and
 *       {@link #bookingLink} are not requests.
 *   <li>A calendar's free slots are the slots opened on it minus those held; asking for a calendar
 *       never added fails with {@code NOT_FOUND}. {@link SlotWatcher#freeCalendar} asks
 *       {@link SlotWatcher#freeDays} (so it logs {@link Operation#FREE_DAYS}) unless
 *       {@link #calendarWindow(int)} is set.
 *   <li>{@link Booker#hold} fails {@code SLOT_TAKEN} unless the slot is free. Holds expire at
 *       {@link #holdTtl(Duration)} after they are made, by their {@link Hold#expiresAt()} only: the
 *       provider itself never drops one. {@link Booker#book} fails {@code HOLD_EXPIRED} for a hold it
 *       does not have (released, booked or never made) and {@code SLOT_TAKEN} when the slot was taken
 *       after the hold; otherwise it books: the slot leaves the calendar, the hold is gone and the
 *       booking is kept ({@link #bookings()}) with keys {@code b<n>} and tracking codes {@code TRK<n>}
 *       counting from 0. Sessions are not checked.
 *   <li>Read-back ({@link #readBack(boolean)}: {@link Booker#readBack} and {@link Booker#findBooking})
 *       and moves ({@link #moves(boolean)}) are off until turned on; while off, they answer
 *       {@code UNSUPPORTED} without a request and {@link ProviderInfo#capabilities()} does not list them.
 * </ul>
 *
 * <p>Thread-safe: the engine may call it from many threads while the test sets it up, scripts it
 * and inspects it from another. Each request sees the settings as they are when it runs. The
 * {@link InMemoryProviderBuilder} is not thread-safe.
 */
public final class InMemoryProvider implements Provider {
  /** The provider id unless {@link InMemoryProviderBuilder#id(String)} sets another. */
  public static final String DEFAULT_ID = "mem";
  /** The budget unless {@link InMemoryProviderBuilder#budget(RequestBudget)} sets another: ample for tests. */
  public static final RequestBudget DEFAULT_BUDGET = RequestBudget.of(1000, 100_000, 8);
  /** How long a slot made by {@link #open(Target, Instant)} lasts. */
  public static final Duration SLOT_LENGTH = Duration.ofMinutes(15);
  /** How long a call waits at a {@link InMemoryGate} that is never opened before it goes on anyway. */
  public static final Duration GATE_TIMEOUT = Duration.ofSeconds(10);
  /** The holder every hold of this provider is bound to ({@link Booker#holder}). */
  public static final String HOLDER = "mem-terminal-1";
  /** How long an SMS code from the {@linkplain InMemoryProviderBuilder#login(String) login} stays valid. */
  public static final Duration CODE_TTL = Duration.ofMinutes(2);

  /** What a request asks for; the unit of {@link #failNext}, {@link #gate} and {@link #count}. */
  public enum Operation {
    /** {@link Provider#lookup}. */
    LOOKUP,
    /** {@link SlotWatcher#freeCalendar}, only while {@link #calendarWindow(int)} is set. */
    FREE_CALENDAR,
    /** {@link SlotWatcher#freeDays}. */
    FREE_DAYS,
    /** {@link SlotWatcher#freeSlots}. */
    FREE_SLOTS,
    /** {@link Booker#hold}. */
    HOLD,
    /** {@link Booker#book}. */
    BOOK,
    /** {@link Booker#move}. */
    MOVE,
    /** {@link Booker#release}. */
    RELEASE,
    /** {@link Booker#cancel}. */
    CANCEL,
    /** {@link Booker#readBack}. */
    READ_BACK,
    /** {@link Booker#findBooking}. */
    FIND_BOOKING,
    /** {@link Authenticator#start}: an SMS code is asked for. */
    LOGIN_START,
    /** {@link Authenticator#complete}: a code is checked. */
    LOGIN_COMPLETE,
    /** {@link Authenticator#accountPatients}: the people an account books for are listed. */
    ACCOUNT_PATIENTS,
    /** {@link io.github.slothunter.spi.AreaSearch#search}: one page of an area (see {@link #area()}). */
    AREA_SEARCH,
    /** {@link io.github.slothunter.spi.AreaSearch#cities} or {@code specialties}: a vocabulary is listed. */
    AREA_VOCABULARY
  }

  /**
   * One request the provider received.
   *
   * @param operation what was asked
   * @param targetId the {@link Target#id()} of the calendar it was about, or the empty string for a
   *     request about no one calendar (a lookup, a login)
   * @param at when it arrived, on the provider's clock
   */
  public record Request(Operation operation, String targetId, Instant at) {
    /** Validates. */
    public Request {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(at, "at");
    }
  }

  final String id;
  final String name;
  final Clock clock;
  final RequestBudget budget;
  final boolean canBook;
  final String linkPrefix;
  final String code;
  private final InMemoryWatcher watcher = new InMemoryWatcher(this);
  private final InMemoryBooker booker = new InMemoryBooker(this);
  private final InMemoryLogin login = new InMemoryLogin(this);
  private final InMemoryArea area = new InMemoryArea(this);

  final Object lock = new Object();
  private final InMemoryRequests requests;
  final Map<String, Doctor> doctors = new HashMap<>();
  final Map<String, TreeMap<Instant, Slot>> calendars = new HashMap<>();
  final Map<String, Hold> holds = new LinkedHashMap<>();
  final List<Booking> bookings = new ArrayList<>();
  /** Who each booking was made for, by booking key. */
  final Map<String, io.github.slothunter.api.Patient> bookedFor = new HashMap<>();
  final List<String> releasedHoldKeys = new ArrayList<>();
  final List<String> codesSentTo = new ArrayList<>();
  int sequence;
  int trackingCodes;

  volatile Duration holdTtl = Duration.ofMinutes(5);
  volatile boolean takeAfterHold;
  volatile boolean readBack;
  volatile UnaryOperator<Booking> readBackView = UnaryOperator.identity();
  volatile boolean moves;
  volatile boolean payToConfirm;
  volatile boolean loseAnswers;
  volatile boolean loseHoldAnswers;
  volatile RepeatedHold repeatedHold;
  volatile boolean loseBookings;
  volatile int calendarWindow = -1;
  volatile List<io.github.slothunter.api.Patient> accountPatients;
  volatile boolean closed;

  InMemoryProvider(InMemoryProviderBuilder b) {
    this.id = b.id;
    this.name = b.name;
    this.clock = b.clock;
    this.budget = b.budget;
    this.canBook = b.booking;
    this.linkPrefix = b.linkPrefix == null ? b.id + ":" : b.linkPrefix;
    this.code = b.code;
    this.requests = new InMemoryRequests(lock, clock, id);
  }

  /** A builder with the defaults: id {@value #DEFAULT_ID}, the system clock, booking on, no login. */
  public static InMemoryProviderBuilder builder() {
    return new InMemoryProviderBuilder();
  }

  /** A factory that hands every engine this same provider, whatever its context. */
  public ProviderFactory factory() {
    return new ProviderFactory() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Provider create(ProviderContext context) {
        return InMemoryProvider.this;
      }
    };
  }

  // ------------------------------------------------------------------ set-up

  /**
   * Adds a doctor {@code "Dr <key>"} with one center {@code c1} and these services, each bookable,
   * 15 minutes long and priced 1000, each with an empty calendar. Adding a key again replaces the
   * doctor and keeps the calendars it already had.
   *
   * @return the doctor's calendars, one per service, in order
   */
  public List<Target> doctor(String key, String... serviceIds) {
    return pricedDoctor(key, 1000L, serviceIds);
  }

  /**
   * Like {@link #doctor(String, String...)} with another price.
   *
   * @param price the services' price in rials, or {@code null} when the site does not say
   */
  public List<Target> pricedDoctor(String key, Long price, String... serviceIds) {
    Objects.requireNonNull(key, "key");
    List<Service> services = new ArrayList<>();
    for (String s : serviceIds) {
      services.add(new Service(s, "visit " + s, price, SLOT_LENGTH, true, Map.of("k", "v")));
    }
    return addDoctor(new Doctor(new DoctorRef(id, key), "Dr " + key, List.of("heart"),
        List.of(new Center("c1", "Clinic", "St 1", "Tehran", services))));
  }

  /** Adds a doctor with one service {@code s1} (see {@link #doctor(String, String...)}) and returns its calendar. */
  public Target target(String key) {
    return doctor(key, "s1").get(0);
  }

  /**
   * Adds a doctor as given, with an empty calendar for each bookable service not yet known.
   *
   * @return the doctor's bookable calendars
   * @throws IllegalArgumentException when the doctor belongs to another provider id
   */
  public List<Target> addDoctor(Doctor doctor) {
    Objects.requireNonNull(doctor, "doctor");
    if (!doctor.ref().providerId().equals(id)) {
      throw new IllegalArgumentException("doctor " + doctor.ref() + " is not on provider " + id);
    }
    List<Target> targets = doctor.bookableTargets();
    synchronized (lock) {
      doctors.put(doctor.ref().key(), doctor);
      for (Target t : targets) {
        calendars.computeIfAbsent(t.id(), k -> new TreeMap<>());
      }
    }
    return targets;
  }

  /**
   * Adds an empty calendar for a target made by hand (no doctor needed), so that polls of it answer
   * "nothing free" instead of {@code NOT_FOUND}. A calendar already there is kept.
   */
  public InMemoryProvider addCalendar(Target target) {
    Objects.requireNonNull(target, "target");
    synchronized (lock) {
      calendars.computeIfAbsent(target.id(), k -> new TreeMap<>());
    }
    return this;
  }

  /**
   * Opens a {@link #SLOT_LENGTH} slot at {@code start} on the target's calendar (added if missing),
   * keyed {@code k<epoch second>}; it replaces a slot with the same start.
   *
   * @return the free slot
   */
  public Slot open(Target target, Instant start) {
    Objects.requireNonNull(start, "start");
    return open(new Slot(Objects.requireNonNull(target, "target"), start, start.plus(SLOT_LENGTH),
        "k" + start.getEpochSecond()));
  }

  /** Opens this slot on its target's calendar (added if missing); it replaces a slot with the same start. */
  public Slot open(Slot slot) {
    Objects.requireNonNull(slot, "slot");
    synchronized (lock) {
      calendars.computeIfAbsent(slot.target().id(), k -> new TreeMap<>()).put(slot.start(), slot);
    }
    return slot;
  }

  /** Takes the slot off its calendar, as when someone else books it; a hold on it stays. */
  public InMemoryProvider take(Slot slot) {
    Objects.requireNonNull(slot, "slot");
    synchronized (lock) {
      TreeMap<Instant, Slot> calendar = calendars.get(slot.target().id());
      if (calendar != null) {
        calendar.remove(slot.start());
      }
    }
    return this;
  }

  /** Records a booking made elsewhere (say, the patient's current one), so it can be read back, moved or cancelled. */
  public Booking addBooking(Slot slot) {
    Objects.requireNonNull(slot, "slot");
    synchronized (lock) {
      Booking b = new Booking(slot, "b" + ++sequence, "TRK" + trackingCodes++, clock.instant());
      bookings.add(b);
      return b;
    }
  }

  // ------------------------------------------------------------------ scripting

  /**
   * Makes the next request of this operation fail with {@code e} instead of doing its work; calls
   * queue up, one failure per request, in order.
   */
  public InMemoryProvider failNext(Operation operation, RuntimeException e) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(e, "e");
    requests.failNext(operation, e);
    return this;
  }

  /**
   * Makes the next request of this operation fail with a {@link SlotHunterException} of this code
   * (message {@code "injected <code>"}, this provider's id), as {@link #failNext(Operation, RuntimeException)}.
   * {@code PROVIDER_UNAVAILABLE} stands for a timeout or a server error.
   */
  public InMemoryProvider failNext(Operation operation, ErrorCode code) {
    Objects.requireNonNull(code, "code");
    return failNext(operation, injected(code));
  }

  /**
   * Makes the next request of this operation fail {@code RATE_LIMITED} with this retry-after, as the
   * site's 429 answer would, queued as {@link #failNext(Operation, RuntimeException)}.
   */
  public InMemoryProvider throttleNext(Operation operation, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return failNext(operation, SlotHunterException.builder(ErrorCode.RATE_LIMITED).providerId(id)
        .retryAfter(retryAfter).message("injected 429").build());
  }

  /**
   * Makes every request of this operation fail with a {@link SlotHunterException} of this code, as a
   * broken endpoint would, once the failures queued by {@link #failNext} are used up; until
   * {@link #clearFailures(Operation)}.
   */
  public InMemoryProvider failAlways(Operation operation, ErrorCode code) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(code, "code");
    requests.failAlways(operation, code);
    return this;
  }

  /** Drops the failures queued and set for this operation: its next request does its work. */
  public InMemoryProvider clearFailures(Operation operation) {
    Objects.requireNonNull(operation, "operation");
    requests.clearFailures(operation);
    return this;
  }

  /**
   * Puts a new, closed gate in front of this operation (replacing any earlier one): its requests,
   * once logged and past their scripted failures, wait there until the gate opens.
   */
  public InMemoryGate gate(Operation operation) {
    Objects.requireNonNull(operation, "operation");
    InMemoryGate g = new InMemoryGate();
    requests.gate(operation, g);
    return g;
  }

  /**
   * Calls the hook as each request arrives, before its scripted failure and gate, on the calling
   * thread; the hook must be quick and must not call this provider's requests.
   */
  public InMemoryProvider onRequest(Consumer<Request> hook) {
    requests.onRequest(hook);
    return this;
  }

  /**
   * Calls the hook as each request has its answer ready, just before it returns (not when it
   * fails), on the calling thread; the hook must be quick.
   */
  public InMemoryProvider onAnswer(Consumer<Request> hook) {
    requests.onAnswer(hook);
    return this;
  }

  /** How long holds last from when they are made (their {@link Hold#expiresAt()}); default 5 minutes. */
  public InMemoryProvider holdTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
    this.holdTtl = ttl;
    return this;
  }

  /**
   * Drops every hold, as a site does when holds lapse: their slots are free again and booking them
   * fails {@code HOLD_EXPIRED}. The engine is not told.
   */
  public InMemoryProvider dropHolds() {
    synchronized (lock) {
      holds.clear();
    }
    return this;
  }

  /** When on, someone else takes every slot right after it is held, so booking the hold fails {@code SLOT_TAKEN}. */
  public InMemoryProvider takeAfterHold(boolean on) {
    this.takeAfterHold = on;
    return this;
  }

  /**
   * Turns reading the account's bookings on or off, both by id ({@link Capability#READ_BACK}) and by
   * slot ({@link Capability#FIND_BOOKING}); off by default.
   */
  public InMemoryProvider readBack(boolean on) {
    this.readBack = on;
    return this;
  }

  /** How read-back shows a kept booking: the booking itself unless a test changes it (say, to another start). */
  public InMemoryProvider readBackView(UnaryOperator<Booking> view) {
    this.readBackView = Objects.requireNonNull(view, "view");
    return this;
  }

  /**
   * Turns moving bookings ({@link Capability#MOVE}) on or off; off by default. A booking that awaits
   * payment cannot be moved ({@code UNSUPPORTED}).
   */
  public InMemoryProvider moves(boolean on) {
    this.moves = on;
    return this;
  }

  /** When on, bookings come back {@link PaymentState#PAY_TO_CONFIRM} with a payment link. */
  public InMemoryProvider payToConfirm(boolean on) {
    this.payToConfirm = on;
    return this;
  }

  /**
   * When on, the answer of every book and move is lost: the work is done (booked, moved), then the
   * call fails {@code PROVIDER_UNAVAILABLE}, as a timeout after the fact would.
   */
  public InMemoryProvider loseAnswers(boolean on) {
    this.loseAnswers = on;
    return this;
  }

  /**
   * When on, the answer of every hold is lost: the slot is held, then the call fails
   * {@code PROVIDER_UNAVAILABLE}, as a timeout after the fact would, and the engine never learns the
   * hold key.
   */
  public InMemoryProvider loseHoldAnswers(boolean on) {
    this.loseHoldAnswers = on;
    return this;
  }

  /**
   * Turns asking again for a hold whose answer was lost ({@link Booker#reclaim}, capability
   * {@link Capability#RECLAIM_HOLD}) on with the given answer to a repeated hold by the same holder,
   * or off with {@code null} (the default). A reclaim is a hold request ({@link Operation#HOLD}): for a
   * free slot it places a new hold; for a slot this provider's holder holds it answers as {@code
   * answer} says; for a slot that is gone it answers empty. Every hold here has the one holder
   * {@link #HOLDER}.
   */
  public InMemoryProvider reclaims(RepeatedHold answer) {
    this.repeatedHold = answer;
    return this;
  }

  /**
   * When on, the provider is a broken site: book answers success but keeps nothing, so the booking
   * is never read back.
   */
  public InMemoryProvider loseBookings(boolean on) {
    this.loseBookings = on;
    return this;
  }

  /**
   * Makes {@link SlotWatcher#freeCalendar} one request ({@link Operation#FREE_CALENDAR}) that answers
   * like Paziresh24's all-slots mode: the free days up to this many days after today (in Tehran) with
   * all their slots, and "fully booked" for a calendar with nothing free.
   */
  public InMemoryProvider calendarWindow(int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    this.calendarWindow = days;
    return this;
  }

  /**
   * Gives every account of the {@linkplain InMemoryProviderBuilder#login(String) login} these people for
   * {@link Authenticator#accountPatients} (capability {@link Capability#ACCOUNT_PATIENTS}), holder first, as
   * given; none (the default, capability off) answers {@code UNSUPPORTED} without a request. Give them
   * {@link io.github.slothunter.api.Patient#withAccountUserId account user ids} to see, with
   * {@link #patientOf}, whom a booking was made for. An engine reads a provider's capabilities once, when
   * it is built: set this before building one that should import account patients.
   */
  public InMemoryProvider accountPatients(io.github.slothunter.api.Patient... people) {
    this.accountPatients = people.length == 0 ? null : List.of(people);
    return this;
  }

  // ------------------------------------------------------------------ inspection

  /**
   * The patient a booking was made for through {@link Booker#book} (as it got it, its
   * {@linkplain io.github.slothunter.api.Patient#accountUserId() account user id} included), by booking
   * key, also after the booking is cancelled; empty for an unknown key, a booking added with
   * {@link #addBooking} and one lost by {@link #loseBookings}.
   */
  public Optional<io.github.slothunter.api.Patient> patientOf(String providerBookingKey) {
    Objects.requireNonNull(providerBookingKey, "providerBookingKey");
    synchronized (lock) {
      return Optional.ofNullable(bookedFor.get(providerBookingKey));
    }
  }

  /** Every request received so far, in order of arrival. */
  public List<Request> requests() {
    return requests.requests();
  }

  /** How many requests of this operation arrived so far. */
  public long count(Operation operation) {
    Objects.requireNonNull(operation, "operation");
    return requests.count(operation);
  }

  /** How many requests of this operation about this calendar arrived so far. */
  public long count(Operation operation, Target target) {
    Objects.requireNonNull(operation, "operation");
    return requests.count(operation, target);
  }

  /** The most requests that were in flight at once so far. */
  public int maxInFlight() {
    return requests.maxInFlight();
  }

  /** The holds outstanding now (made, neither released nor booked), oldest first. */
  public List<Hold> holds() {
    synchronized (lock) {
      return List.copyOf(holds.values());
    }
  }

  /** The bookings kept now (made or added, not cancelled; moved ones at their new slot), oldest first. */
  public List<Booking> bookings() {
    synchronized (lock) {
      return List.copyOf(bookings);
    }
  }

  /** The hold keys {@link Booker#release} was called with, in order, repeats included. */
  public List<String> releasedHoldKeys() {
    synchronized (lock) {
      return List.copyOf(releasedHoldKeys);
    }
  }

  /** The mobiles (normalised, {@code 09xxxxxxxxx}) an SMS code was sent to, in order. */
  public List<String> codesSentTo() {
    synchronized (lock) {
      return List.copyOf(codesSentTo);
    }
  }

  /** Whether {@link #close()} was called (the provider keeps working after it). */
  public boolean closed() {
    return closed;
  }

  // ------------------------------------------------------------------ Provider

  /**
   * The id and name from the builder, Tehran's zone, the builder's budget, and the capabilities
   * switched on now: always {@code LOOKUP}, {@code FREE_SLOTS}, {@code BOOKING_LINK} and {@code AREA_SEARCH}; with booking
   * {@code HOLD}, {@code BOOK}, {@code CANCEL} and, when on, {@code READ_BACK} with {@code FIND_BOOKING},
   * {@code MOVE} and {@code RECLAIM_HOLD}; with a
   * login {@code LOGIN} and, while {@linkplain #accountPatients account patients} are set, {@code ACCOUNT_PATIENTS}.
   */
  @Override
  public ProviderInfo info() {
    Set<Capability> caps = EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.BOOKING_LINK,
        Capability.AREA_SEARCH);
    if (canBook) {
      caps.addAll(EnumSet.of(Capability.HOLD, Capability.BOOK, Capability.CANCEL));
      if (readBack) {
        caps.add(Capability.READ_BACK);
        caps.add(Capability.FIND_BOOKING);
      }
      if (moves) {
        caps.add(Capability.MOVE);
      }
      if (repeatedHold != null) {
        caps.add(Capability.RECLAIM_HOLD);
      }
    }
    if (code != null) {
      caps.add(Capability.LOGIN);
      if (accountPatients != null) {
        caps.add(Capability.ACCOUNT_PATIENTS);
      }
    }
    return new ProviderInfo(id, name, SlotHunterZones.TEHRAN, caps, budget);
  }

  /**
   * The doctor of a link made of the link prefix and a key (surrounding spaces and trailing slashes
   * ignored); empty for anything else, {@code null} included.
   */
  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    if (urlOrSlug == null) {
      return Optional.empty();
    }
    String s = urlOrSlug.strip();
    if (!s.startsWith(linkPrefix)) {
      return Optional.empty();
    }
    String key = s.substring(linkPrefix.length()).replaceAll("/+$", "");
    if (key.isEmpty() || key.contains("/")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DoctorRef(id, key));
    } catch (SlotHunterException e) {
      return Optional.empty();
    }
  }

  /** The doctor added under the ref's key; {@code NOT_FOUND} for any other. One {@link Operation#LOOKUP} request. */
  @Override
  public Doctor lookup(DoctorRef ref) {
    Objects.requireNonNull(ref, "ref");
    return call(Operation.LOOKUP, "", () -> {
      synchronized (lock) {
        Doctor d = doctors.get(ref.key());
        if (d == null || !ref.providerId().equals(id)) {
          throw error(ErrorCode.NOT_FOUND, "no doctor " + ref.key());
        }
        return d;
      }
    });
  }

  /** The calendars; see the class comment. */
  @Override
  public SlotWatcher slots() {
    return watcher;
  }

  /** The booker, or empty when the builder turned booking off. */
  @Override
  public Optional<Booker> booker() {
    return canBook ? Optional.of(booker) : Optional.empty();
  }

  /** The SMS login, or empty unless the builder set a {@linkplain InMemoryProviderBuilder#login(String) code}. */
  @Override
  public Optional<Authenticator> authenticator() {
    return code == null ? Optional.empty() : Optional.of(login);
  }

  /** Always empty: there is no doctor search. */
  @Override
  public Optional<DoctorSearch> search() {
    return Optional.empty();
  }

  /** The area search; see {@link InMemoryArea}. Always present. */
  @Override
  public Optional<io.github.slothunter.spi.AreaSearch> areaSearch() {
    return Optional.of(area);
  }

  /** The area search's set-up: its cities, specialties and the doctors it finds. */
  public InMemoryArea area() {
    return area;
  }

  /** {@code https://<id>.example/book/<slot key>}. */
  @Override
  public Optional<URI> bookingLink(Slot slot) {
    return Optional.of(URI.create("https://" + id + ".example/book/" + slot.providerSlotKey()));
  }

  /** Marks the provider closed ({@link #closed()}); it keeps answering, so an engine may be restarted on it. */
  @Override
  public void close() {
    closed = true;
  }

  // ------------------------------------------------------------------ requests

  /** One request through the pipeline (see {@link InMemoryRequests}): logged, scripted, then {@code work}. */
  <T> T call(Operation operation, String targetId, Supplier<T> work) {
    return requests.call(operation, targetId, work);
  }

  void run(Operation operation, String targetId, Runnable work) {
    call(operation, targetId, () -> {
      work.run();
      return null;
    });
  }

  SlotHunterException injected(ErrorCode code) {
    return requests.injected(code);
  }

  SlotHunterException error(ErrorCode code, String message) {
    return SlotHunterException.builder(code).providerId(id).message(message).build();
  }

  /** The target's free slots by start: opened minus held. Call with the lock held. */
  TreeMap<Instant, Slot> free(Target t) {
    TreeMap<Instant, Slot> calendar = calendars.get(t.id());
    if (calendar == null) {
      throw error(ErrorCode.NOT_FOUND, "no calendar " + t.id());
    }
    TreeMap<Instant, Slot> free = new TreeMap<>(calendar);
    for (Hold h : holds.values()) {
      free.remove(h.slot().start(), h.slot());
    }
    return free;
  }

  static LocalDate day(Slot s) {
    return s.startIn(SlotHunterZones.TEHRAN).toLocalDate();
  }
}
