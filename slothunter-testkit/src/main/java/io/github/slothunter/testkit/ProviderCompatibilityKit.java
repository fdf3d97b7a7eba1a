package io.github.slothunter.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.AreaSearch;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.Provider;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tests every {@link Provider} must pass, like Micrometer's {@code MeterRegistryCompatibilityKit}:
 * a provider's test class extends this and supplies the hooks, usually backed by a fake site from
 * this testkit (for Paziresh24, {@link FakePaziresh24} with {@code base-url} set to its
 * {@link FakePaziresh24#baseUrl()}).
 *
 * <pre>{@code
 * class Paziresh24ProviderCompatibilityTest extends ProviderCompatibilityKit {
 *   @RegisterExtension
 *   final FakePaziresh24Extension site = new FakePaziresh24Extension(b -> b.clock(clock).doctor(...));
 *   private Provider provider;
 *
 *   @Override protected Provider provider() {
 *     if (provider == null) {
 *       provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
 *           .config(ProviderContext.BASE_URL, site.baseUrl()).clock(clock).build());
 *     }
 *     return provider;
 *   }
 *   // parse() does no I/O, so the real site's link works; site.fake().doctorUrl(slug) gives the fake's own
 *   @Override protected String doctorLink() { return "https://www.paziresh24.com/dr/dr-sara-ahmadi/"; }
 *   @Override protected String foreignLink() { return "https://doctoreto.com/doctor/dr-x/ZaEBBZ"; }
 *   @Override protected Optional<AccountSession> session() { return Optional.of(site.fake().login("09121234567").toSession()); }
 *   @Override protected int outstandingHolds() { return site.fake().outstandingHolds(); }
 * }
 * }</pre>
 *
 * <p>Hook contract: {@link #provider()} may be called several times per test and must return the
 * same instance within a test (create it lazily: the kit's tests run after the subclass's
 * {@code @BeforeEach} and extensions). Closing it is the subclass's job. The doctor behind
 * {@link #doctorLink()} must have at least one bookable target with free slots in the future.
 * Booking tests run only when {@link #session()} is present and the provider has a {@link Booker};
 * they hold, book and release real slots on the site behind the provider, so never point this kit
 * at a live site.
 *
 * <p>Not thread-safe, and need not be: under JUnit's default lifecycle every test runs on its own
 * instance.
 */
public abstract class ProviderCompatibilityKit {
  private static final int DAYS_CHECKED = 3;

  /** For subclasses: one per provider under test. */
  protected ProviderCompatibilityKit() {}

  /** The provider under test, configured against a fake site; the same instance within a test. */
  protected abstract Provider provider();

  /** A link to a doctor on the site that has at least one bookable target with future free slots. */
  protected abstract String doctorLink();

  /** A well-formed link to another provider's doctor, which this provider must not claim. */
  protected abstract String foreignLink();

  /** A logged-in session for booking tests; empty (the default) skips them. */
  protected Optional<AccountSession> session() {
    return Optional.empty();
  }

  /** The patient booking tests book for; default a valid test patient. */
  protected Patient patient() {
    return Patient.of("سارا", "احمدی", "0012345679", "09121234567");
  }

  /**
   * How many holds the site behind the provider has outstanding now, or a negative number (the
   * default) when unknown, which skips the hold-count assertions.
   */
  protected int outstandingHolds() {
    return -1;
  }

  /** A doctor the site does not have; default the link's doctor key with a suffix no doctor uses. */
  protected DoctorRef unknownDoctor() {
    DoctorRef known = ownRef();
    return new DoctorRef(known.providerId(), known.key() + "-no-such-doctor-404");
  }

  /** Inputs no provider may claim; each must give an empty parse and no exception. */
  protected List<String> garbageInputs() {
    return List.of("", "   ", "not a link", "https://example.com/some/path", "mailto:someone@example.com",
        "http://", "://", "javascript:alert(1)", "https://www.google.com/search?q=doctor", "%E0%A4%A",
        "x".repeat(10_000), "\u0000\u0001\u0002");
  }

  /**
   * A city and specialty with doctors, for the area-search paging check; empty (the default) skips it.
   * The AREA_SEARCH checks run only when the provider offers {@link Provider#areaSearch()}.
   */
  protected Optional<AreaPageRequest> areaQuery() {
    return Optional.empty();
  }

  private DoctorRef ownRef() {
    return provider().parse(doctorLink())
        .orElseThrow(() -> new AssertionError("provider does not parse its own doctor link " + doctorLink()));
  }

  private Target bookableTargetWithFreeDays() {
    Doctor doctor = provider().lookup(ownRef());
    for (Target t : doctor.bookableTargets()) {
      if (!provider().slots().freeDays(t).isEmpty()) {
        return t;
      }
    }
    throw new AssertionError("no bookable target of " + doctor.ref() + " has free days; doctorLink() must have some");
  }

  private Slot firstFreeSlot() {
    Target t = bookableTargetWithFreeDays();
    for (LocalDate day : provider().slots().freeDays(t)) {
      List<Slot> slots = provider().slots().freeSlots(t, day);
      if (!slots.isEmpty()) {
        return slots.get(0);
      }
    }
    throw new AssertionError("free days of " + t.id() + " have no free slots");
  }

  private static SlotHunterException expectCode(ErrorCode code, Runnable call) {
    SlotHunterException e = assertThrows(SlotHunterException.class, call::run);
    assertEquals(code, e.code(), () -> "expected " + code + " but got " + e);
    return e;
  }

  @Test
  @DisplayName("info(): a valid id, the Tehran zone, a usable budget and the read capabilities")
  void infoIsSane() {
    ProviderInfo info = provider().info();

    assertTrue(info.id().matches("[a-z0-9][a-z0-9-]{0,31}"), "id " + info.id());
    assertFalse(info.name().isBlank(), "name");
    assertEquals(SlotHunterZones.TEHRAN, info.zone());
    assertTrue(info.defaultBudget().perMinute() >= 1 && info.defaultBudget().maxInFlight() >= 1, "budget");
    assertTrue(info.can(Capability.LOOKUP) && info.can(Capability.FREE_SLOTS), "LOOKUP and FREE_SLOTS");
    if (provider().booker().isPresent()) {
      assertTrue(info.can(Capability.HOLD) && info.can(Capability.BOOK), "a booker implies HOLD and BOOK");
    }
  }

  @Test
  @DisplayName("parse(): accepts its own doctor link, without I/O")
  void parsesItsOwnLink() {
    Optional<DoctorRef> ref = provider().parse(doctorLink());

    assertTrue(ref.isPresent(), "own link " + doctorLink());
    assertEquals(provider().info().id(), ref.get().providerId());
    assertFalse(ref.get().key().isBlank());
  }

  @Test
  @DisplayName("parse(): gives the same doctor for the same link with surrounding spaces")
  void parsesItsOwnLinkWithSurroundingSpaces() {
    assertEquals(provider().parse(doctorLink()), provider().parse("  " + doctorLink() + " \n"));
  }

  @Test
  @DisplayName("parse(): another provider's link is empty, not an exception")
  void rejectsForeignLinkWithEmpty() {
    Optional<DoctorRef> ref = assertDoesNotThrow(() -> provider().parse(foreignLink()));

    assertTrue(ref.isEmpty(), "foreign link parsed as " + ref);
  }

  @Test
  @DisplayName("parse(): garbage is empty, not an exception")
  void rejectsGarbageWithEmpty() {
    for (String input : garbageInputs()) {
      Optional<DoctorRef> ref = assertDoesNotThrow(() -> provider().parse(input),
          () -> "parse threw for " + abbreviate(input));

      assertTrue(ref.isEmpty(), () -> "parsed garbage " + abbreviate(input) + " as " + ref);
    }
  }

  private static String abbreviate(String s) {
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
  }

  @Test
  @DisplayName("lookup(): the doctor has a name and at least one bookable target")
  void lookupGivesABookableTarget() {
    DoctorRef ref = ownRef();

    Doctor doctor = provider().lookup(ref);

    assertEquals(ref.providerId(), doctor.ref().providerId());
    assertFalse(doctor.displayName().isBlank(), "displayName");
    assertFalse(doctor.bookableTargets().isEmpty(), "bookable targets of " + ref);
    for (Target t : doctor.bookableTargets()) {
      assertEquals(ref.providerId(), t.providerId());
    }
  }

  @Test
  @DisplayName("lookup(): an unknown doctor fails with NOT_FOUND")
  void unknownDoctorIsNotFound() {
    DoctorRef unknown = unknownDoctor();

    expectCode(ErrorCode.NOT_FOUND, () -> provider().lookup(unknown));
  }

  @Test
  @DisplayName("freeDays(): strictly ascending")
  void freeDaysAreAscending() {
    List<LocalDate> days = provider().slots().freeDays(bookableTargetWithFreeDays());

    assertFalse(days.isEmpty());
    for (int i = 1; i < days.size(); i++) {
      assertTrue(days.get(i - 1).isBefore(days.get(i)), "days out of order: " + days);
    }
  }

  @Test
  @DisplayName("freeSlots(): each slot falls on its day in the provider's zone, sorted, on the asked target")
  void freeSlotsFallOnTheirDaySorted() {
    Target target = bookableTargetWithFreeDays();
    List<LocalDate> days = provider().slots().freeDays(target);
    boolean sawSlot = false;

    for (LocalDate day : days.subList(0, Math.min(DAYS_CHECKED, days.size()))) {
      List<Slot> slots = provider().slots().freeSlots(target, day);
      for (int i = 0; i < slots.size(); i++) {
        Slot s = slots.get(i);
        sawSlot = true;
        assertEquals(day, s.startIn(provider().info().zone()).toLocalDate(), "slot " + s.start() + " on " + day);
        assertEquals(target.id(), s.target().id());
        assertTrue(s.end().isAfter(s.start()));
        assertFalse(s.providerSlotKey().isBlank());
        if (i > 0) {
          assertFalse(slots.get(i - 1).start().isAfter(s.start()), "slots out of order on " + day);
        }
      }
    }
    assertTrue(sawSlot, "free days without free slots: " + days);
  }

  @Test
  @DisplayName("freeSlots(): a day long past has none")
  void freeSlotsOfAPastDayAreEmpty() {
    Target target = bookableTargetWithFreeDays();

    List<Slot> slots = provider().slots().freeSlots(target, LocalDate.of(2001, 1, 1));

    assertNotNull(slots);
    assertTrue(slots.isEmpty(), "slots on 2001-01-01: " + slots);
  }

  @Test
  @DisplayName("hold then book: a booking for the slot, and no hold left behind")
  void holdThenBookLeavesNoHolds() {
    Booker booker = bookerOrSkip();
    AccountSession session = session().orElseThrow();
    Slot slot = firstFreeSlot();

    Hold hold = booker.hold(slot, session);
    Booking booking = booker.book(hold, patient(), session);

    assertEquals(slot.start(), hold.slot().start());
    assertEquals(slot.start(), booking.slot().start());
    assertFalse(booking.providerBookingKey().isBlank());
    assertHolds(0);
    if (provider().info().can(Capability.CANCEL)) {
      assertDoesNotThrow(() -> booker.cancel(booking, patient(), session));
    }
  }

  @Test
  @DisplayName("hold then release twice: release is idempotent and no hold is left")
  void releaseIsIdempotent() {
    Booker booker = bookerOrSkip();
    AccountSession session = session().orElseThrow();
    Slot slot = firstFreeSlot();

    Hold hold = booker.hold(slot, session);
    assertHolds(1);
    booker.release(hold, session);
    booker.release(hold, session);

    assertHolds(0);
  }

  @Test
  @DisplayName("book after release: the hold is gone (HOLD_EXPIRED or SLOT_TAKEN)")
  void bookingAReleasedHoldFails() {
    Booker booker = bookerOrSkip();
    AccountSession session = session().orElseThrow();
    Hold hold = booker.hold(firstFreeSlot(), session);
    booker.release(hold, session);

    SlotHunterException e = assertThrows(SlotHunterException.class, () -> booker.book(hold, patient(), session));

    if (e.code() != ErrorCode.HOLD_EXPIRED && e.code() != ErrorCode.SLOT_TAKEN) {
      fail("expected HOLD_EXPIRED or SLOT_TAKEN but got " + e);
    }
  }

  @Test
  @DisplayName("readBack(): a booking made is read back; a cancelled one is not (READ_BACK providers)")
  void readBackSeesABookingButNotItsCancellation() {
    Booker booker = bookerOrSkip();
    Assumptions.assumeTrue(provider().info().can(Capability.READ_BACK), "provider does not list READ_BACK");
    AccountSession session = session().orElseThrow();
    Booking booking = booker.book(booker.hold(firstFreeSlot(), session), patient(), session);

    Optional<Booking> read = booker.readBack(booking, session);

    assertTrue(read.isPresent(), () -> "booking " + booking.providerBookingKey() + " not read back");
    assertEquals(booking.providerBookingKey(), read.get().providerBookingKey());
    assertEquals(booking.slot().start(), read.get().slot().start(), "the slot start on record");
    assertEquals(booking.slot().target().id(), read.get().slot().target().id());
    if (provider().info().can(Capability.CANCEL)) {
      booker.cancel(booking, patient(), session);
      assertEquals(Optional.empty(), booker.readBack(booking, session), "a cancelled booking is not on record");
    }
  }

  @Test
  @DisplayName("readBack(): UNSUPPORTED unless the provider lists READ_BACK")
  void readBackWithoutTheCapabilityIsUnsupported() {
    Optional<Booker> booker = provider().booker();
    Assumptions.assumeTrue(booker.isPresent(), "provider cannot book");
    Assumptions.assumeFalse(provider().info().can(Capability.READ_BACK), "provider lists READ_BACK");
    Booking never = new Booking(firstFreeSlot(), "compat-kit-no-such-booking", "", Instant.EPOCH);
    AccountSession session = session().orElseGet(() ->
        new AccountSession(provider().info().id(), "compat-kit-token", Map.of(), null));

    SlotHunterException e = assertThrows(SlotHunterException.class, () -> booker.get().readBack(never, session),
        "a provider that does not list READ_BACK must answer readBack with UNSUPPORTED");
    assertEquals(ErrorCode.UNSUPPORTED, e.code(), () -> "expected UNSUPPORTED but got " + e);
  }

  @Test
  @DisplayName("findBooking(): finds the booking of a booked slot, none for a slot not booked (FIND_BOOKING providers)")
  void findBookingFindsABookedSlotAndNothingElse() {
    Booker booker = bookerOrSkip();
    Assumptions.assumeTrue(provider().info().can(Capability.FIND_BOOKING), "provider does not list FIND_BOOKING");
    AccountSession session = session().orElseThrow();
    Slot free = firstFreeSlot();
    Optional<Booking> before = booker.findBooking(free, session);
    Booking booking = booker.book(booker.hold(free, session), patient(), session);

    Optional<Booking> found = booker.findBooking(free, session);

    assertEquals(Optional.empty(), before, "a slot not booked has no booking");
    assertTrue(found.isPresent(), () -> "booking " + booking.providerBookingKey() + " not found by its slot");
    assertEquals(booking.providerBookingKey(), found.get().providerBookingKey());
    assertEquals(booking.slot().start(), found.get().slot().start(), "the slot start on record");
  }

  @Test
  @DisplayName("findBooking(): UNSUPPORTED unless the provider lists FIND_BOOKING")
  void findBookingWithoutTheCapabilityIsUnsupported() {
    Optional<Booker> booker = provider().booker();
    Assumptions.assumeTrue(booker.isPresent(), "provider cannot book");
    Assumptions.assumeFalse(provider().info().can(Capability.FIND_BOOKING), "provider lists FIND_BOOKING");
    AccountSession session = session().orElseGet(() ->
        new AccountSession(provider().info().id(), "compat-kit-token", Map.of(), null));
    Slot slot = firstFreeSlot();

    SlotHunterException e = assertThrows(SlotHunterException.class, () -> booker.get().findBooking(slot, session),
        "a provider that does not list FIND_BOOKING must answer findBooking with UNSUPPORTED");
    assertEquals(ErrorCode.UNSUPPORTED, e.code(), () -> "expected UNSUPPORTED but got " + e);
  }

  @Test
  @DisplayName("accountPatients(): valid patients, each naming a distinct account user (ACCOUNT_PATIENTS providers)")
  void accountPatientsNameDistinctAccountUsers() {
    Optional<io.github.slothunter.spi.Authenticator> auth = provider().authenticator();
    Assumptions.assumeTrue(auth.isPresent(), "provider has no login");
    Assumptions.assumeTrue(provider().info().can(Capability.ACCOUNT_PATIENTS), "provider does not list ACCOUNT_PATIENTS");
    Assumptions.assumeTrue(session().isPresent(), "no session() given");

    List<Patient> people = auth.get().accountPatients(session().get());

    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Patient p : people) {
      assertTrue(p.accountUserId() != null, () -> "an account patient without an account user id: " + p);
      assertTrue(ids.add(p.accountUserId()), () -> "two account patients with one account user id: " + p);
    }
  }

  @Test
  @DisplayName("accountPatients(): UNSUPPORTED unless the provider lists ACCOUNT_PATIENTS")
  void accountPatientsWithoutTheCapabilityIsUnsupported() {
    Optional<io.github.slothunter.spi.Authenticator> auth = provider().authenticator();
    Assumptions.assumeTrue(auth.isPresent(), "provider has no login");
    Assumptions.assumeFalse(provider().info().can(Capability.ACCOUNT_PATIENTS), "provider lists ACCOUNT_PATIENTS");
    AccountSession session = session().orElseGet(() ->
        new AccountSession(provider().info().id(), "compat-kit-token", Map.of(), null));

    SlotHunterException e = assertThrows(SlotHunterException.class, () -> auth.get().accountPatients(session),
        "a provider that does not list ACCOUNT_PATIENTS must answer accountPatients with UNSUPPORTED");
    assertEquals(ErrorCode.UNSUPPORTED, e.code(), () -> "expected UNSUPPORTED but got " + e);
  }

  @Test
  @DisplayName("areaSearch(): offered exactly when AREA_SEARCH is listed, with a positive page size")
  void areaSearchMatchesItsCapability() {
    Optional<AreaSearch> area = provider().areaSearch();

    assertEquals(area.isPresent(), provider().info().can(Capability.AREA_SEARCH), "AREA_SEARCH vs areaSearch()");
    area.ifPresent(a -> assertTrue(a.pageSize() >= 1, "pageSize " + a.pageSize()));
  }

  @Test
  @DisplayName("areaSearch(): walking the pages sees total distinct doctors, at most a page size each")
  void areaPagesAddUpToTheTotal() {
    Optional<AreaSearch> area = provider().areaSearch();
    Assumptions.assumeTrue(area.isPresent(), "provider has no area search");
    Assumptions.assumeTrue(areaQuery().isPresent(), "no areaQuery() given");
    AreaPageRequest first = areaQuery().get();
    int limit = Math.min(first.limit(), area.get().pageSize());
    Set<DoctorRef> seen = new HashSet<>();
    AreaPage page;
    int n = first.page();
    do {
      page = area.get().search(new AreaPageRequest(first.city(), first.specialty(), first.gender(), first.visitType(),
          first.earliestFirst(), n++, limit));
      assertTrue(page.hits().size() <= limit, "page " + page.page() + " has " + page.hits().size() + " hits");
      for (AreaHit hit : page.hits()) {
        assertEquals(provider().info().id(), hit.ref().providerId());
        assertTrue(seen.add(hit.ref()), "doctor " + hit.ref() + " on two pages");
      }
    } while (page.more() && n < first.page() + 1000);

    assertFalse(seen.isEmpty(), "areaQuery() found nobody");
    assertEquals(page.total(), seen.size(), "total vs doctors seen");
  }

  @Test
  @DisplayName("areaSearch(): an unknown city fails with NOT_FOUND")
  void unknownAreaIsNotFound() {
    Optional<AreaSearch> area = provider().areaSearch();
    Assumptions.assumeTrue(area.isPresent(), "provider has no area search");
    String specialty = areaQuery().map(AreaPageRequest::specialty)
        .orElseGet(() -> area.get().specialties().isEmpty() ? "no-such-specialty-404"
            : area.get().specialties().get(0).slug());

    expectCode(ErrorCode.NOT_FOUND, () -> area.get().search(
        new AreaPageRequest("no-such-city-404", specialty, null, null, true, 1, area.get().pageSize())));
  }

  private Booker bookerOrSkip() {
    Optional<Booker> booker = provider().booker();
    Assumptions.assumeTrue(booker.isPresent(), "provider cannot book");
    Assumptions.assumeTrue(session().isPresent(), "no session() given");
    return booker.get();
  }

  private void assertHolds(int expected) {
    int holds = outstandingHolds();
    if (holds >= 0) {
      assertEquals(expected, holds, "outstanding holds on the site");
    }
  }
}
