package io.github.slothunter.testkit;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.spi.AreaSearch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link InMemoryProvider}'s area search: a vocabulary of cities and specialties (Persian and
 * Latin names, see {@link #DEFAULT_CITIES} and {@link #DEFAULT_SPECIALTIES}) and the doctors a
 * search finds, each with one center {@code c1} (a map pin or none, a price) and one service
 * {@code s1} on the provider's calendars. A center's first free slot is read from its real calendar
 * at the time of the search (free slots not yet started), so it is as fresh as the site's own could be.
 *
 * <p>Each {@link #search} is one {@link InMemoryProvider.Operation#AREA_SEARCH} request (logged,
 * failable and gated like any other), each {@link #cities()} and {@link #specialties()} one
 * {@link InMemoryProvider.Operation#AREA_VOCABULARY} request. Pages hold at most {@value #PAGE_SIZE}
 * doctors; an unknown city or specialty slug answers {@code NOT_FOUND} (the site's 404).
 *
 * <p>Thread-safe: set-up and inspection may run while an engine searches.
 */
public final class InMemoryArea implements AreaSearch {
  /** The most doctors a page holds. */
  public static final int PAGE_SIZE = 50;

  /** Tehran, Isfahan, Shiraz, Mashhad, Tabriz and Karaj with their centre points. */
  public static final List<Place> DEFAULT_CITIES = List.of(
      new Place("tehran", List.of("تهران", "Tehran", "Teheran"), new GeoPoint(35.6997, 51.3380)),
      new Place("isfahan", List.of("اصفهان", "Isfahan", "Esfahan"), new GeoPoint(32.6539, 51.6660)),
      new Place("shiraz", List.of("شیراز", "Shiraz"), new GeoPoint(29.5918, 52.5837)),
      new Place("mashhad", List.of("مشهد", "Mashhad"), new GeoPoint(36.2605, 59.6168)),
      new Place("tabriz", List.of("تبریز", "Tabriz"), new GeoPoint(38.0800, 46.2919)),
      new Place("karaj", List.of("کرج", "Karaj"), new GeoPoint(35.8400, 50.9391)));

  /** Eight specialties with the site's slugs and the words people use. */
  public static final List<Place> DEFAULT_SPECIALTIES = List.of(
      new Place("dermatology", List.of("پوست، مو و زیبایی", "پوست", "Dermatology", "skin"), null),
      new Place("cardiovascular", List.of("قلب و عروق", "قلب", "Cardiology", "heart"), null),
      new Place("pediatrics", List.of("کودکان", "اطفال", "Pediatrics"), null),
      new Place("gynecology", List.of("زنان، زایمان و نازایی", "زنان", "Gynecology"), null),
      new Place("ophthalmology", List.of("چشم پزشکی", "چشم", "Ophthalmology"), null),
      new Place("dentistry", List.of("دندانپزشکی", "Dentistry"), null),
      new Place("psychiatry", List.of("روانپزشکی", "Psychiatry"), null),
      new Place("orthopedics", List.of("ارتوپدی", "Orthopedics"), null));

  /**
   * A doctor the area search finds.
   *
   * @param key the doctor key (the calendar is {@code key/c1/s1})
   * @param city the city slug
   * @param specialty the specialty slug
   * @param gender the doctor's gender
   * @param visitType the kind of visit offered
   * @param location the center's map pin, or {@code null} for none
   * @param price the visit's price in rials, or {@code null} when the page does not say
   * @param described whether the page describes the calendar ({@link AreaHit#targets()}); when not,
   *     the engine must look the doctor up
   */
  public record Member(String key, String city, String specialty, Gender gender, VisitType visitType,
      GeoPoint location, Long price, boolean described) {
    /** Validates. */
    public Member {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(city, "city");
      Objects.requireNonNull(specialty, "specialty");
      gender = gender == null ? Gender.UNSPECIFIED : gender;
      visitType = visitType == null ? VisitType.IN_PERSON : visitType;
    }
  }

  private final InMemoryProvider provider;
  private final Object lock = new Object();
  private List<Place> cities = DEFAULT_CITIES;
  private List<Place> specialties = DEFAULT_SPECIALTIES;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private volatile boolean pinsOnPage = true;

  InMemoryArea(InMemoryProvider provider) {
    this.provider = provider;
  }

  // ------------------------------------------------------------------ set-up

  /**
   * Whether the search page shows each center's map pin (default); off, pins are only in the doctor's
   * profile ({@link InMemoryProvider#lookup}), as on Paziresh24, whose search items carry none.
   */
  public InMemoryArea pinsOnPage(boolean on) {
    pinsOnPage = on;
    return this;
  }

  /** Replaces the cities. */
  public InMemoryArea cities(List<Place> value) {
    synchronized (lock) {
      cities = List.copyOf(value);
    }
    return this;
  }

  /**
   * Adds (or replaces) a described, in-person doctor of unspecified gender.
   *
   * @return the doctor's calendar
   */
  public Target add(String key, String city, String specialty, GeoPoint location, Long price) {
    return add(new Member(key, city, specialty, Gender.UNSPECIFIED, VisitType.IN_PERSON, location, price, true));
  }

  /**
   * Adds (or replaces) a doctor with center {@code c1} and service {@code s1} on the provider (see
   * {@link InMemoryProvider#addDoctor}) and makes the search find it.
   *
   * @return the doctor's calendar
   */
  public Target add(Member m) {
    Objects.requireNonNull(m, "m");
    Service s = new Service("s1", "visit", m.price(), InMemoryProvider.SLOT_LENGTH, true, Map.of("k", "v"));
    Doctor d = new Doctor(new DoctorRef(provider.id, m.key()), "Dr " + m.key(), List.of(m.specialty()),
        List.of(new Center("c1", "Clinic " + m.key(), "St " + m.key(), m.city(), List.of(s), m.location())));
    Target t = provider.addDoctor(d).get(0);
    synchronized (lock) {
      members.put(m.key(), m);
    }
    return t;
  }

  /**
   * Adds {@code count} doctors of a specialty in a city (keys {@code <city>-<specialty>-<n>}), their
   * centers spread up to about 15 km around the city's centre (one in ten without a pin), prices from
   * 500,000 to 3,000,000 rials, genders alternating, four in five described by the page. The same seed
   * gives the same doctors.
   *
   * @return their calendars, in key order
   */
  public List<Target> generate(String city, String specialty, int count, long seed) {
    GeoPoint centre;
    synchronized (lock) {
      centre = cities.stream().filter(p -> p.slug().equals(city)).findFirst().map(Place::center)
          .orElse(new GeoPoint(35.6997, 51.3380));
    }
    Random r = new Random(seed);
    List<Target> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      GeoPoint pin = r.nextInt(10) == 0 ? null
          : new GeoPoint(centre.lat() + (r.nextDouble() - 0.5) * 0.27, centre.lon() + (r.nextDouble() - 0.5) * 0.33);
      long price = 500_000 + 100_000L * r.nextInt(26);
      out.add(add(new Member(city + "-" + specialty + "-" + i, city, specialty, i % 2 == 0 ? Gender.FEMALE : Gender.MALE,
          VisitType.IN_PERSON, pin, price, r.nextInt(5) != 0)));
    }
    return out;
  }

  /** The search stops finding the doctor (it left the site's listing); its calendar stays. */
  public InMemoryArea remove(String key) {
    synchronized (lock) {
      members.remove(key);
    }
    return this;
  }

  /** The doctors the search finds now. */
  public List<Member> members() {
    synchronized (lock) {
      return List.copyOf(members.values());
    }
  }

  // ------------------------------------------------------------------ AreaSearch

  /** The cities; one request. */
  @Override
  public List<Place> cities() {
    return provider.call(InMemoryProvider.Operation.AREA_VOCABULARY, "", () -> {
      synchronized (lock) {
        return cities;
      }
    });
  }

  /** The specialties; one request. */
  @Override
  public List<Place> specialties() {
    return provider.call(InMemoryProvider.Operation.AREA_VOCABULARY, "", () -> {
      synchronized (lock) {
        return specialties;
      }
    });
  }

  /** {@value #PAGE_SIZE}. */
  @Override
  public int pageSize() {
    return PAGE_SIZE;
  }

  /** One page; see the class comment. */
  @Override
  public AreaPage search(AreaPageRequest request) {
    Objects.requireNonNull(request, "request");
    return provider.call(InMemoryProvider.Operation.AREA_SEARCH, "", () -> page(request));
  }

  private AreaPage page(AreaPageRequest request) {
    List<Member> found = new ArrayList<>();
    synchronized (lock) {
      if (cities.stream().noneMatch(p -> p.slug().equals(request.city()))
          || specialties.stream().noneMatch(p -> p.slug().equals(request.specialty()))) {
        throw provider.error(ErrorCode.NOT_FOUND, "no area " + request.city() + "/" + request.specialty());
      }
      for (Member m : members.values()) {
        if (m.city().equals(request.city()) && m.specialty().equals(request.specialty())
            && (request.gender() == null || request.gender() == m.gender())
            && (request.visitType() == null || request.visitType() == m.visitType())) {
          found.add(m);
        }
      }
    }
    List<AreaHit> hits = new ArrayList<>();
    Instant now = provider.clock.instant();
    for (Member m : found) {
      hits.add(hit(m, now));
    }
    if (request.earliestFirst()) {
      hits.sort(Comparator.comparing((AreaHit h) -> h.centers().get(0).firstFree(),
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(h -> h.ref().key()));
    }
    int limit = Math.min(request.limit(), PAGE_SIZE);
    int from = Math.min(hits.size(), (request.page() - 1) * limit);
    int to = Math.min(hits.size(), from + limit);
    return new AreaPage(hits.subList(from, to), hits.size(), request.page(), to < hits.size());
  }

  private AreaHit hit(Member m, Instant now) {
    Target t = new Target(new DoctorRef(provider.id, m.key()), "c1", "s1", Map.of("k", "v"));
    Instant first = null;
    synchronized (provider.lock) {
      if (provider.calendars.containsKey(t.id())) {
        TreeMap<Instant, Slot> free = provider.free(t);
        Instant key = free.ceilingKey(now);
        first = key;
      }
    }
    AreaCenter c = new AreaCenter("c1", "Clinic " + m.key(), pinsOnPage ? m.location() : null, first, m.price());
    return new AreaHit(t.ref(), "Dr " + m.key(), m.specialty(), m.gender(), Set.of(m.visitType()), List.of(c),
        m.described() ? List.of(t) : List.of());
  }
}
