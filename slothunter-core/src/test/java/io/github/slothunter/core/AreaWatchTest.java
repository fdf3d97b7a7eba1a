package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.spi.Store;
import io.github.slothunter.testkit.InMemoryArea;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Area watches on the in-memory provider's area search, on a manual clock. */
class AreaWatchTest {
  /** Paziresh24's default budget. */
  private static final RequestBudget SITE_BUDGET = RequestBudget.of(20, 300, 4);
  private static final GeoPoint TEHRAN = new GeoPoint(35.6997, 51.3380);

  private final EngineFixture f = new EngineFixture(SITE_BUDGET, Store.inMemory(), true);
  private final InMemoryArea area = f.provider.area();

  @AfterEach
  void close() {
    f.close();
  }

  /** 200 dermatologists in Tehran, each with a free slot 20 days out (outside the watch's week). */
  private List<Target> twoHundredDoctors() {
    f.provider.calendarWindow(30);
    List<Target> all = area.generate("tehran", "dermatology", 200, 7);
    for (Target t : all) {
      f.provider.open(t, f.at("06:00", 20));
    }
    return all;
  }

  private WatchRequest nextWeek(AreaQuery q) {
    LocalDate today = LocalDate.of(2026, 12, 5);
    return WatchRequest.area("u1", q).plan("FIXED_PRO").between(today.plusDays(1), today.plusDays(7));
  }

  private void run(Duration total) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plusSeconds(10)) {
      f.tick(Duration.ofSeconds(10));
    }
  }

  /** The most requests sent in any rolling window of this length. */
  private int mostIn(Duration window) {
    List<Instant> at = f.provider.requests().stream().map(InMemoryProvider.Request::at).toList();
    int most = 0;
    for (int i = 0, j = 0; i < at.size(); i++) {
      while (!at.get(j).plus(window).isAfter(at.get(i))) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  @Test
  void booksTheMatchingSlotThatOpensAnywhereWithinTheSiteBudget() {
    List<Target> doctors = twoHundredDoctors();
    Watch w = f.hunter.watch(nextWeek(AreaQuery.builder("mem", "پوست", "تهران").build()).autoBook(f.autoBook()));
    assertThat(w.area().members()).hasSize(200);
    assertThat(w.targets()).isEmpty();
    run(Duration.ofMinutes(30));
    assertThat(f.provider.count(Operation.LOOKUP)).isZero(); // nobody is a candidate: nobody is looked up
    assertThat(f.hunter.health(w.id()).nextPoll()).isNotNull(); // the next search sweep

    Slot released = f.provider.open(doctors.get(137), f.at("07:30", 3));
    run(Duration.ofMinutes(90));

    BookingSucceeded booked = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(booked.booking().slot().id()).isEqualTo(released.id());
    assertThat(f.provider.bookings()).hasSize(1);
    assertThat(mostIn(Duration.ofMinutes(1))).isLessThanOrEqualTo(SITE_BUDGET.perMinute());
    assertThat(mostIn(Duration.ofHours(1))).isLessThanOrEqualTo(SITE_BUDGET.perHour());
    assertThat(f.provider.count(Operation.FREE_CALENDAR)).isLessThan(20); // calendars read only where something may match
    assertThat(f.provider.count(Operation.LOOKUP)).isLessThanOrEqualTo(1); // the one candidate, if its page did not describe it
  }

  @Test
  void booksOnceTheEarlierWhenTwoMembersOpenInOneSweep() {
    List<Target> doctors = twoHundredDoctors();
    f.hunter.watch(nextWeek(AreaQuery.builder("mem", "dermatology", "tehran").build()).autoBook(f.autoBook()));
    run(Duration.ofMinutes(5));

    Slot later = f.provider.open(doctors.get(10), f.at("09:00", 4));
    Slot earlier = f.provider.open(doctors.get(99), f.at("08:00", 2));
    run(Duration.ofMinutes(30));

    f.events.await(BookingSucceeded.class, 1);
    assertThat(f.provider.bookings()).hasSize(1);
    assertThat(f.provider.bookings().get(0).slot().id()).isEqualTo(earlier.id()); // candidates are polled earliest first
    assertThat(f.provider.holds()).isEmpty();
    assertThat(f.hunter.watches("u1").get(0).state()).isEqualTo(io.github.slothunter.api.WatchState.BOOKED);
  }

  @Test
  void membersJoinAndLeaveAtTheDailyRefresh() {
    f.provider.calendarWindow(30);
    Target a = area.add("dr-a", "tehran", "dermatology", TEHRAN, 1000L);
    Target b = area.add("dr-b", "tehran", "dermatology", TEHRAN, 1000L);
    Watch w = f.hunter.watch(nextWeek(AreaQuery.builder("mem", "dermatology", "tehran").build()));
    Slot onB = f.provider.open(b, f.at("07:00", 2));
    run(Duration.ofMinutes(10));
    f.events.await(SlotOpened.class, 1);

    area.remove("dr-a");
    Target c = area.add("dr-c", "tehran", "dermatology", TEHRAN, 1000L);
    run(Duration.ofHours(24).plusMinutes(5));

    Watch after = f.hunter.find(w.id()).orElseThrow();
    assertThat(after.area().members()).extracting(m -> m.ref().key()).containsExactlyInAnyOrder("dr-b", "dr-c");
    Slot onC = f.provider.open(c, f.at("08:00", 3));
    run(Duration.ofMinutes(10));
    List<SlotOpened> opened = f.events.await(SlotOpened.class, 2);
    assertThat(opened).extracting(e -> e.slot().id()).containsExactly(onB.id(), onC.id()); // B not told again
    assertThat(a).isNotNull();
  }

  @Test
  void honoursTheRadius() {
    f.provider.calendarWindow(30);
    Target near = area.add("dr-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 1000L); // ~1 km
    Target far = area.add("dr-far", "tehran", "dermatology", new GeoPoint(35.7897, 51.3380), 1000L); // ~10 km
    area.add("dr-nowhere", "tehran", "dermatology", null, 1000L);
    AreaQuery q = AreaQuery.builder("mem", "dermatology", "tehran").near(TEHRAN, 3).build();
    Watch w = f.hunter.watch(nextWeek(q).autoBook(f.autoBook()));
    // the center without a pin stays a member only until its lookup shows it has none
    assertThat(w.area().members()).extracting(m -> m.ref().key()).containsExactly("dr-near", "dr-nowhere");

    f.provider.open(far, f.at("06:00", 1));
    run(Duration.ofMinutes(30));
    assertThat(f.provider.count(Operation.FREE_CALENDAR, far)).isZero();
    assertThat(f.provider.bookings()).isEmpty();

    Slot close = f.provider.open(near, f.at("09:00", 2));
    run(Duration.ofMinutes(10));
    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot().id()).isEqualTo(close.id());
    AreaMember m = f.hunter.find(w.id()).orElseThrow().area().members().get(0);
    assertThat(m.distanceKm()).isBetween(0.9, 1.1);
  }

  @Test
  void keepsCentersWithoutCoordinatesOnlyWhenAsked() {
    area.add("dr-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 1000L);
    area.add("dr-nowhere", "tehran", "dermatology", null, 1000L);
    AreaQuery q = AreaQuery.builder("mem", "dermatology", "tehran").near(TEHRAN, 3).keepUnlocated(true).build();

    List<AreaMember> found = f.hunter.areaSearch(q);

    assertThat(found).extracting(m -> m.ref().key()).containsExactlyInAnyOrder("dr-near", "dr-nowhere");
    assertThat(found).filteredOn(m -> m.ref().key().equals("dr-nowhere")).first()
        .satisfies(m -> assertThat(m.distanceKm()).isNull());
  }

  @Test
  void refusesAnUnknownCityNamingTheClosest() {
    assertThatThrownBy(() -> f.hunter.watch(nextWeek(AreaQuery.builder("mem", "پوست", "تهرن").build())))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("تهران").contains("(tehran)");
          assertThat(e.suggestions()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
          assertThat(e.suggestions().get(0).slug()).isEqualTo("tehran"); // closest first, as data for buttons
        });
    assertThatThrownBy(() -> f.hunter.areaSearch(AreaQuery.builder("mem", "Dermatolgy", "Tehran").build()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.getMessage()).contains("(dermatology)"));
  }

  @Test
  void foldsArabicLettersAndDigitsWhenResolvingWords() {
    List<Place> cities = new ArrayList<>(InMemoryArea.DEFAULT_CITIES);
    cities.add(new Place("tehran-5", List.of("منطقه ۵ تهران", "Tehran District 5"), TEHRAN));
    area.cities(cities);
    area.add("dr-a", "tehran-5", "dermatology", TEHRAN, 1000L);
    area.add("dr-b", "shiraz", "dermatology", null, 1000L);

    assertThat(f.hunter.areaSearch(AreaQuery.builder("mem", "پوست", "منطقه ٥ تهران").build())).hasSize(1);
    assertThat(f.hunter.areaSearch(AreaQuery.builder("mem", "پوست", "شيراز").build())).hasSize(1); // Arabic yeh
    assertThat(f.hunter.areaSearch(AreaQuery.builder("mem", "پوست", "tehran district 5").build())).hasSize(1);
  }

  @Test
  void refusesAnAreaLargerThanItsCapWithTheCount() {
    area.generate("tehran", "dermatology", 250, 1);

    assertThatThrownBy(() -> f.hunter.watch(nextWeek(AreaQuery.builder("mem", "dermatology", "tehran").build())))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("250 doctors").contains("cap of 200");
        });
    assertThat(f.hunter.watches("u1")).isEmpty();
  }

  @Test
  void anAreaWatchSurvivesARestart() {
    List<Target> doctors = twoHundredDoctors();
    Watch w = f.hunter.watch(nextWeek(AreaQuery.builder("mem", "dermatology", "tehran").near(TEHRAN).build())
        .autoBook(f.autoBook()));
    run(Duration.ofMinutes(5));

    f.restart();
    Watch back = f.hunter.find(w.id()).orElseThrow();
    assertThat(back.area()).isEqualTo(w.area());
    Slot released = f.provider.open(doctors.get(42), f.at("07:30", 3));
    run(Duration.ofMinutes(15));

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot().id()).isEqualTo(released.id());
  }

  @Test
  void replacesTheOwnersBookingOnlyWithAStrictlyEarlierSlotAnywhere() {
    f.provider.calendarWindow(30);
    Target a = area.add("dr-a", "tehran", "dermatology", TEHRAN, 1000L);
    Target b = area.add("dr-b", "tehran", "dermatology", TEHRAN, 1000L);
    io.github.slothunter.api.Booking current = f.provider.addBooking(new Slot(a, f.at("06:00", 4),
        f.at("06:15", 4), "k-current"));
    f.hunter.watch(nextWeek(AreaQuery.builder("mem", "dermatology", "tehran").build())
        .autoBook(f.autoBook().replacing(current)));

    f.provider.open(b, f.at("06:00", 5)); // later than the current booking: not worth a calendar read
    run(Duration.ofMinutes(10));
    assertThat(f.provider.count(Operation.FREE_CALENDAR, b)).isZero();

    Slot earlier = f.provider.open(b, f.at("06:00", 2));
    run(Duration.ofMinutes(10));

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot().id()).isEqualTo(earlier.id());
    assertThat(f.provider.bookings()).extracting(x -> x.slot().id()).containsExactly(earlier.id()); // the old one cancelled
  }

  @Test
  void aFreePlanSweepsLessOften() {
    twoHundredDoctors();
    f.hunter.watch(WatchRequest.area("free-user", AreaQuery.builder("mem", "dermatology", "tehran").build()));
    long afterListing = f.provider.count(Operation.AREA_SEARCH);
    run(Duration.ofMinutes(30));
    long free = f.provider.count(Operation.AREA_SEARCH) - afterListing;

    f.hunter.watch(nextWeek(AreaQuery.builder("mem", "dermatology", "tehran").build()));
    long before = f.provider.count(Operation.AREA_SEARCH);
    run(Duration.ofMinutes(30));
    long both = f.provider.count(Operation.AREA_SEARCH) - before;

    assertThat(free).isBetween(5L, 7L); // every 5 minutes, the FREE plan's interval
    assertThat(both - free).isGreaterThanOrEqualTo(50L); // every 30 seconds on FIXED_PRO
  }

  @Test
  void pinsAPageDoesNotShowComeFromTheProfileBeforeAnyCalendarIsRead() {
    f.provider.calendarWindow(30);
    area.pinsOnPage(false); // as on Paziresh24: search items carry no map pins, profiles do
    Target near = area.add("dr-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 1000L); // ~1 km
    Target far = area.add("dr-far", "tehran", "dermatology", new GeoPoint(35.7897, 51.3380), 1000L); // ~10 km
    AreaQuery q = AreaQuery.builder("mem", "dermatology", "tehran").near(TEHRAN, 3).build();
    Watch w = f.hunter.watch(nextWeek(q).autoBook(f.autoBook()));
    assertThat(w.area().members()).allSatisfy(m -> assertThat(m.targets()).isEmpty());

    f.provider.open(far, f.at("06:00", 1));
    Slot close = f.provider.open(near, f.at("09:00", 2));
    run(Duration.ofMinutes(30));

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot().id()).isEqualTo(close.id());
    assertThat(f.provider.count(Operation.FREE_CALENDAR, far)).isZero(); // looked up, found 10 km away, dropped
    Watch now = f.hunter.find(w.id()).orElseThrow();
    assertThat(now.area().members()).extracting(m -> m.ref().key()).containsExactly("dr-near");
    assertThat(now.area().members().get(0).distanceKm()).isBetween(0.9, 1.1);
    assertThat(f.events.await(SlotOpened.class, 1).get(0).label().distanceKm()).isBetween(0.9, 1.1);
    assertThat(f.provider.bookings()).hasSize(1);
  }

  @Test
  void aPreviewShowsDistancesOnlyWherePinsAreKnownWithoutLookingAnyoneUp() {
    area.pinsOnPage(false);
    Target near = area.add("dr-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 1000L);
    area.add("dr-other", "tehran", "dermatology", new GeoPoint(35.7100, 51.3400), 1000L);
    AreaQuery q = AreaQuery.builder("mem", "dermatology", "tehran").near(TEHRAN, 3).build();
    long lookups = f.provider.count(Operation.LOOKUP);

    assertThat(f.hunter.areaSearch(q)).hasSize(2).allSatisfy(m -> assertThat(m.distanceKm()).isNull());
    assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(lookups);

    f.hunter.lookup(near.ref());
    List<AreaMember> shown = f.hunter.areaSearch(q);
    assertThat(shown).filteredOn(m -> m.ref().equals(near.ref())).singleElement()
        .satisfies(m -> assertThat(m.distanceKm()).isBetween(0.9, 1.1));
    assertThat(shown).filteredOn(m -> !m.ref().equals(near.ref())).singleElement()
        .satisfies(m -> assertThat(m.distanceKm()).isNull());
  }

  @Test
  void aPriceCapKeepsDearerDoctorsOutOfTheAreaAndItsPreview() {
    area.add("dr-cheap", "tehran", "dermatology", TEHRAN, 500_000L);
    area.add("dr-dear", "tehran", "dermatology", TEHRAN, 2_000_000L);
    area.add("dr-unpriced", "tehran", "dermatology", TEHRAN, null);
    AreaQuery q = AreaQuery.builder("mem", "dermatology", "tehran").maxPrice(1_000_000).build();

    assertThat(f.hunter.areaSearch(q)).extracting(m -> m.ref().key()).containsExactlyInAnyOrder("dr-cheap", "dr-unpriced");
    Watch w = f.hunter.watch(nextWeek(q));
    assertThat(w.area().members()).extracting(m -> m.ref().key()).containsExactlyInAnyOrder("dr-cheap", "dr-unpriced");
  }

  @Test
  void recommendsOnTheAreaQueryModelEarliestThenNearestInOneRequest() {
    f.provider.calendarWindow(30);
    Target soonFar = area.add("dr-soon-far", "tehran", "dermatology", new GeoPoint(35.7357, 51.3380), 1000L); // ~4 km
    Target soonNear = area.add("dr-soon-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 1000L); // ~1 km
    Target late = area.add("dr-late", "tehran", "dermatology", TEHRAN, 1000L);
    area.add("dr-none", "tehran", "dermatology", TEHRAN, 1000L);
    f.provider.open(soonFar, f.at("09:00", 1));
    f.provider.open(soonNear, f.at("09:00", 1));
    f.provider.open(late, f.at("09:00", 9));
    AreaQuery q = AreaQuery.builder("mem", "پوست", "تهران").near(TEHRAN, 10).build();
    long searches = f.provider.count(Operation.AREA_SEARCH);

    List<AreaMember> picks = f.hunter.analytics().recommend(q, f.at("00:00", 5), 5);

    assertThat(picks).extracting(m -> m.ref().key()).containsExactly("dr-soon-near", "dr-soon-far");
    assertThat(f.provider.count(Operation.AREA_SEARCH)).isEqualTo(searches + 1);
    assertThat(f.hunter.analytics().recommend(q, null, 1)).extracting(m -> m.ref().key()).containsExactly("dr-soon-near");
  }
}
