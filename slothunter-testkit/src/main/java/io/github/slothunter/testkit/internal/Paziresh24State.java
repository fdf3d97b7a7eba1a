package io.github.slothunter.testkit.internal;

import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.FakeAccount;
import io.github.slothunter.testkit.FakeAccountUser;
import io.github.slothunter.testkit.FakeBooking;
import io.github.slothunter.testkit.FakeSlot;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Calendar;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import io.github.slothunter.testkit.internal.SlotCalendars.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutable world of a fake Paziresh24: calendars, holds, bookings, users, tokens, OTPs and the
 * scheduled timeline. Every method runs under this object's monitor (callers doing several steps
 * synchronize on it too), so it is thread-safe.
 *
 * <p>Time: {@link #now()} is the clock's time, except while a scheduled action runs, when it is the
 * action's due time. Actions and hold expiries are applied lazily, in time order, by {@link #tick()}.
 */
public final class Paziresh24State {
  private static final Logger log = LoggerFactory.getLogger(Paziresh24State.class);

  /** Settings the state needs from the builder. */
  public record Settings(Clock clock, long seed, Duration holdTtl, Duration tokenTtl, String otp,
      Duration otpResendInterval, Duration otpValidity, boolean rejectDuplicateBookings, int bookingWindowDays,
      int allSlotsWindowDays, Map<LocalDate, String> holidays) {
    /** Validates and copies. */
    public Settings {
      holidays = Map.copyOf(holidays);
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(holdTtl, "holdTtl");
      Objects.requireNonNull(tokenTtl, "tokenTtl");
      Objects.requireNonNull(otp, "otp");
      Objects.requireNonNull(otpResendInterval, "otpResendInterval");
      Objects.requireNonNull(otpValidity, "otpValidity");
    }
  }

  /** A booking made through the booking endpoint. */
  static final class BookingRecord {
    final String bookId;
    final String referenceCode;
    final Calendar calendar;
    Entry entry;
    FakeSlot slot;
    final boolean paymentRequired;
    boolean paid;
    final String userId;
    final String terminalId;
    final String firstName;
    final String lastName;
    final String nationalCode;
    final String cell;
    final String selectedUserId;
    final Instant bookedAt;
    boolean cancelled;

    BookingRecord(String bookId, String referenceCode, Calendar calendar, Entry entry, String userId,
        String terminalId, Map<String, String> patient, Instant bookedAt, boolean paymentRequired) {
      this.bookId = bookId;
      this.paymentRequired = paymentRequired;
      this.referenceCode = referenceCode;
      this.calendar = calendar;
      this.entry = entry;
      this.slot = entry.snapshot();
      this.userId = userId;
      this.terminalId = terminalId;
      this.firstName = patient.getOrDefault("first_name", "");
      this.lastName = patient.getOrDefault("last_name", "");
      this.nationalCode = patient.getOrDefault("national_code", "");
      this.cell = patient.getOrDefault("cell", "");
      this.selectedUserId = patient.getOrDefault("selected_user_id", "");
      this.bookedAt = bookedAt;
    }

    FakeBooking snapshot() {
      return new FakeBooking(bookId, referenceCode, slot, userId, terminalId, firstName, lastName, nationalCode, cell,
          bookedAt, cancelled, paymentRequired, paid, selectedUserId);
    }
  }

  /** A site account. */
  static final class User {
    final String id;
    final String cell;
    String name = "";
    String family = "";
    String nationalCode = "";
    Instant otpIssuedAt;
    Instant otpSentAt;
    boolean registered;
    /** The account's family members, in the order added (auth/me lists them after the holder). */
    final List<FakeAccountUser> members = new ArrayList<>();

    User(String id, String cell) {
      this.id = id;
      this.cell = cell;
    }

    FakeAccountUser holder() {
      return new FakeAccountUser(id, name, family, cell, nationalCode, true);
    }

    /** The holder, then the family members: what auth/me lists. */
    List<FakeAccountUser> accountUsers() {
      List<FakeAccountUser> out = new ArrayList<>();
      out.add(holder());
      out.addAll(members);
      return List.copyOf(out);
    }
  }

  /** An issued token. */
  record Token(String value, String userId, Instant expiresAt) {}

  final Settings settings;
  final Paziresh24Directory directory;
  final SlotCalendars calendars = new SlotCalendars();
  final Ids ids;
  private final Random scenarioRandom;
  private final SiteTime time;
  private final Map<String, BookingRecord> bookingsById = new LinkedHashMap<>();
  private final Map<String, BookingRecord> bookingsByReference = new HashMap<>();
  private final Map<String, User> usersByCell = new LinkedHashMap<>();
  private final Map<String, User> usersById = new HashMap<>();
  /** Ids of family members: never reissued to an account or another member. */
  private final Set<String> memberIds = new HashSet<>();
  private final Map<String, Token> tokens = new HashMap<>();
  /** Every book id and reference code ever answered, kept or lost; never reissued. */
  private final Set<String> issuedIds = new HashSet<>();
  private boolean loseBookings;
  private final Set<SlotCalendars.CalendarKey> bookingOff = new HashSet<>();
  private final Set<String> mintedTerminals = new HashSet<>();
  private final Set<String> uniqids = new HashSet<>();
  private boolean strictTerminals;
  private io.github.slothunter.testkit.RepeatedHold repeatedSuspend = io.github.slothunter.testkit.RepeatedHold.SAME_HOLD;
  private boolean requireWidgetMetaData;

  /** A world with these doctors and no slots yet. */
  public Paziresh24State(Settings settings, Paziresh24Directory directory) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.ids = new Ids(settings.seed());
    this.time = new SiteTime(settings.clock(), log);
    this.scenarioRandom = new Random(settings.seed() * 31 + 7);
    for (Calendar c : directory.calendars()) {
      calendars.register(c.key());
      if (c.service().bookingOff()) {
        bookingOff.add(c.key());
      }
    }
  }

  // ---- switches --------------------------------------------------------------------------------

  /** Switches a calendar's online booking off ({@code true}) or on. */
  public synchronized void bookingOff(String slug, String centerId, String serviceId, boolean off) {
    Calendar c = directory.require(slug, centerId, serviceId);
    if (off) {
      bookingOff.add(c.key());
    } else {
      bookingOff.remove(c.key());
    }
  }

  /** Whether a calendar's online booking is switched off. */
  public synchronized boolean isBookingOff(Calendar c) {
    return bookingOff.contains(c.key());
  }

  /** How a suspend of a slot the same terminal already holds is answered (the spec does not say). */
  public synchronized void repeatedSuspend(io.github.slothunter.testkit.RepeatedHold value) {
    this.repeatedSuspend = java.util.Objects.requireNonNull(value, "value");
  }

  /** See {@link #repeatedSuspend(io.github.slothunter.testkit.RepeatedHold)}. */
  public synchronized io.github.slothunter.testkit.RepeatedHold repeatedSuspend() {
    return repeatedSuspend;
  }

  /** Whether legacy calls with a terminal id the fake never minted answer status 3. */
  public synchronized void strictTerminals(boolean value) {
    this.strictTerminals = value;
  }

  /** See {@link #strictTerminals(boolean)}. */
  public synchronized boolean strictTerminals() {
    return strictTerminals;
  }

  /** Whether book refuses (status 0) a doctor with a widget when the widget's meta_data keys are missing. */
  public synchronized void requireWidgetMetaData(boolean value) {
    this.requireWidgetMetaData = value;
  }

  /** See {@link #requireWidgetMetaData(boolean)}. */
  public synchronized boolean requireWidgetMetaData() {
    return requireWidgetMetaData;
  }

  /**
   * A PHP {@code uniqid("", true)} from the site's clock: 8 hex digits of unix seconds, 5 hex digits
   * of microseconds, then one decimal digit, a dot and 8 decimal digits (seeded). Never repeats.
   */
  synchronized String uniqid() {
    Instant t = now();
    String id;
    do {
      long micros = t.getNano() / 1000;
      StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%08x%05x", t.getEpochSecond(), micros));
      b.append(ids.nextInt(10)).append('.');
      for (int i = 0; i < 8; i++) {
        b.append(ids.nextInt(10));
      }
      id = b.toString();
    } while (!uniqids.add(id));
    return id;
  }

  /** Mints and remembers a terminal id {@code clinic-<uniqid>}. */
  synchronized String mintTerminal() {
    String id = "clinic-" + uniqid();
    mintedTerminals.add(id);
    return id;
  }

  /** Whether the fake minted this terminal id. */
  public synchronized boolean isMintedTerminal(String id) {
    return mintedTerminals.contains(id);
  }

  /** Every terminal id minted so far. */
  public synchronized Set<String> mintedTerminals() {
    return Set.copyOf(mintedTerminals);
  }

  /** The directory. */
  public Paziresh24Directory directory() {
    return directory;
  }

  /** The site's current time (a scheduled action's due time while it runs). */
  public synchronized Instant now() {
    return time.now();
  }

  /** Applies hold expiries and scheduled actions due by the clock's time, in time order. */
  public synchronized void tick() {
    time.advance(calendars::nextExpiry, calendars::expireUpTo);
  }

  /** Runs {@code action} once the clock reaches {@code when} (at the next tick). */
  public synchronized void schedule(Instant when, Runnable action) {
    time.schedule(when, action);
  }

  /** The scenario's seeded random source (draws happen in timeline order). */
  public synchronized Random scenarioRandom() {
    return scenarioRandom;
  }

  // ---- calendar control ------------------------------------------------------------------------

  /** Opens (or re-frees) the slot starting at {@code start}, with the service's duration. */
  public synchronized FakeSlot openSlot(String slug, String centerId, String serviceId, Instant start) {
    Objects.requireNonNull(start, "start");
    tick();
    Calendar c = directory.require(slug, centerId, serviceId);
    return calendars.open(c.key(), start, start.plus(c.service().duration()), now()).snapshot();
  }

  /** Opens back-to-back slots from {@code from} until the last one that ends by {@code to} (Tehran times). */
  public synchronized List<FakeSlot> openSlots(String slug, String centerId, String serviceId, LocalDate day,
      LocalTime from, LocalTime to) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    tick();
    Calendar c = directory.require(slug, centerId, serviceId);
    Duration d = c.service().duration();
    Instant end = ZonedDateTime.of(day, to, SlotHunterZones.TEHRAN).toInstant();
    List<FakeSlot> out = new ArrayList<>();
    for (Instant t = ZonedDateTime.of(day, from, SlotHunterZones.TEHRAN).toInstant(); !t.plus(d).isAfter(end);
        t = t.plus(d)) {
      out.add(calendars.open(c.key(), t, t.plus(d), now()).snapshot());
    }
    return List.copyOf(out);
  }

  /** Another patient books the free slot starting at {@code start}; {@code false} if it is not free. */
  public synchronized boolean takeSlot(String slug, String centerId, String serviceId, Instant start) {
    tick();
    Calendar c = directory.require(slug, centerId, serviceId);
    return calendars.find(c.key(), start).map(calendars::take).orElse(false);
  }

  /** The calendar's free future slots in start order. */
  public synchronized List<FakeSlot> freeSlots(String slug, String centerId, String serviceId) {
    tick();
    Calendar c = directory.require(slug, centerId, serviceId);
    return snapshots(calendars.free(c.key(), now()));
  }

  /** Every free future slot, calendar by calendar. */
  public synchronized List<FakeSlot> freeSlots() {
    tick();
    return snapshots(calendars.all(State.FREE, now()));
  }

  private static List<FakeSlot> snapshots(List<Entry> entries) {
    List<FakeSlot> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.snapshot());
    }
    return List.copyOf(out);
  }

  /** The slot starting at {@code start} in a calendar. */
  public synchronized Optional<FakeSlot> slot(String slug, String centerId, String serviceId, Instant start) {
    tick();
    Calendar c = directory.require(slug, centerId, serviceId);
    return calendars.find(c.key(), start).map(Entry::snapshot);
  }

  /** The slot starting at {@code start} in any calendar. */
  public synchronized Optional<FakeSlot> slotAnywhere(Instant start) {
    tick();
    return calendars.findAnywhere(start).map(Entry::snapshot);
  }

  /** Another patient takes a random free future slot (drawn from the scenario source). */
  public synchronized Optional<FakeSlot> takeRandomFreeSlot() {
    tick();
    return calendars.takeRandom(now(), scenarioRandom).map(Entry::snapshot);
  }

  /** Another patient cancels a random taken future slot, which becomes free. */
  public synchronized Optional<FakeSlot> cancelRandomTakenSlot() {
    tick();
    return calendars.cancelRandom(now(), scenarioRandom).map(Entry::snapshot);
  }

  /** How many holds are live now. */
  public synchronized int outstandingHolds() {
    tick();
    return calendars.liveHolds();
  }

  /** Every booking made through the booking endpoint, oldest first. */
  public synchronized List<FakeBooking> bookings() {
    tick();
    List<FakeBooking> out = new ArrayList<>();
    for (BookingRecord b : bookingsById.values()) {
      out.add(b.snapshot());
    }
    return List.copyOf(out);
  }

  // ---- accounts --------------------------------------------------------------------------------

  /** The user with this {@code 09xxxxxxxxx} mobile, created if new. */
  synchronized User user(String cell) {
    return usersByCell.computeIfAbsent(cell, c -> {
      String id;
      do {
        id = ids.digits(7);
      } while (usersById.containsKey(id) || memberIds.contains(id));
      // ids are numbers on the site (auth/me "id":6120457)
      User u = new User(id, c);
      usersById.put(id, u);
      return u;
    });
  }

  /** Sets the account holder's details (created if new); returns the holder as auth/me lists it. */
  public synchronized FakeAccountUser accountHolder(String cell, String name, String family, String nationalCode) {
    User u = user(cell);
    u.name = Objects.requireNonNull(name, "name");
    u.family = Objects.requireNonNull(family, "family");
    u.nationalCode = Objects.requireNonNull(nationalCode, "nationalCode");
    return u.holder();
  }

  /** Adds a family member with a fresh id to the account (created if new); returns the member. */
  public synchronized FakeAccountUser addAccountUser(String accountCell, String name, String family,
      String nationalCode, String memberCell) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(nationalCode, "nationalCode");
    Objects.requireNonNull(memberCell, "memberCell");
    User u = user(accountCell);
    String id;
    do {
      id = ids.digits(7);
    } while (usersById.containsKey(id) || memberIds.contains(id));
    memberIds.add(id);
    FakeAccountUser member = new FakeAccountUser(id, name, family, memberCell, nationalCode, false);
    u.members.add(member);
    return member;
  }

  /** The account's people, holder first; the holder alone (created if new) until members are added. */
  public synchronized List<FakeAccountUser> accountUsers(String cell) {
    return user(cell).accountUsers();
  }

  /** Issues a token for a user. */
  synchronized Token issueToken(User user) {
    Token t = new Token(ids.token(40), user.id, now().plus(settings.tokenTtl()));
    tokens.put(t.value(), t);
    return t;
  }

  /** The user of a token that is known and not expired. */
  synchronized Optional<User> userOf(Optional<String> token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Token t = tokens.get(token.get());
    if (t == null || !now().isBefore(t.expiresAt())) {
      return Optional.empty();
    }
    return Optional.ofNullable(usersById.get(t.userId()));
  }

  /** Logs an account in without the SMS round trip. */
  public synchronized FakeAccount login(String cell) {
    User u = user(cell);
    Token t = issueToken(u);
    return new FakeAccount("paziresh24", u.id, u.cell, t.value(), t.expiresAt());
  }

  // ---- bookings --------------------------------------------------------------------------------

  /**
   * Turns the "lost bookings" fault on or off: while on, {@link #book} consumes the hold and the slot
   * and answers as usual, but keeps no record of the booking.
   */
  public synchronized void loseBookings(boolean value) {
    this.loseBookings = value;
  }

  synchronized BookingRecord book(SlotCalendars.Hold hold, Calendar calendar, User user, String terminal,
      Map<String, String> patient, boolean paymentRequired) {
    String bookId;
    do {
      bookId = ids.uuid();
    } while (!issuedIds.add(bookId));
    String ref;
    do {
      ref = ids.digits(8);
    } while (!issuedIds.add(ref));
    calendars.book(hold);
    BookingRecord b = new BookingRecord(bookId, ref, calendar, hold.entry(), user.id, terminal, patient, now(),
        paymentRequired);
    if (loseBookings) {
      log.debug("fake paziresh24 lost booking {} on purpose", bookId);
      return b;
    }
    bookingsById.put(bookId, b);
    bookingsByReference.put(ref, b);
    return b;
  }

  synchronized Optional<BookingRecord> bookingById(String bookId) {
    return Optional.ofNullable(bookingsById.get(bookId));
  }

  synchronized Optional<BookingRecord> bookingByReference(String ref) {
    return Optional.ofNullable(bookingsByReference.get(ref));
  }

  /** Whether this national code has a live future booking with this doctor. */
  synchronized boolean hasActiveBooking(String nationalCode, String slug) {
    for (BookingRecord b : bookingsById.values()) {
      if (!b.cancelled && !nationalCode.isEmpty() && b.nationalCode.equals(nationalCode)
          && b.calendar.doctor().slug().equals(slug) && b.entry.from().isAfter(now())) {
        return true;
      }
    }
    return false;
  }

  /** Moves a booking onto a held slot: the hold is consumed, the old slot is free again if still in the future. */
  synchronized void move(BookingRecord b, SlotCalendars.Hold hold) {
    Entry old = b.entry;
    calendars.book(hold);
    if (old.state() == State.BOOKED && old.from().isAfter(now())) {
      calendars.cancel(old, now());
    }
    b.entry = hold.entry();
    b.slot = hold.entry().snapshot();
  }

  /** Marks a payment-required booking paid; {@code false} when unknown. */
  public synchronized boolean pay(String bookId) {
    BookingRecord b = bookingsById.get(bookId);
    if (b == null) {
      return false;
    }
    b.paid = true;
    return true;
  }

  /** Whether the account with this {@code 09xxxxxxxxx} mobile called register. */
  public synchronized boolean registered(String cell) {
    User u = usersByCell.get(cell);
    return u != null && u.registered;
  }

  /** Cancels a booking; its slot is free again if still in the future. */
  synchronized void cancel(BookingRecord b) {
    b.cancelled = true;
    if (b.entry.state() == State.BOOKED && b.entry.from().isAfter(now())) {
      calendars.cancel(b.entry, now());
    }
  }
}
