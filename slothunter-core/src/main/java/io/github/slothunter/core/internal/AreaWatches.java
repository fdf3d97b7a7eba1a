package io.github.slothunter.core.internal;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.spi.AreaSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Area watches' membership: an {@link AreaQuery} resolved to the provider's slugs ({@link Vocabulary}),
 * its doctors listed from the provider's search pages through the budget ({@link #scan}), the member
 * cap enforced, the list refreshed daily ({@link #refreshed}), and what a member is to events
 * ({@link #member}). Registration goes through the {@link Registry}; the sweeps that decide which
 * calendars to poll are {@link AreaSweeps}'.
 *
 * <p>Thread-safe: no state of its own beyond the thread-safe {@link Vocabulary}; no lock is held
 * across a provider call.
 */
final class AreaWatches {
  private static final Logger log = LoggerFactory.getLogger(AreaWatches.class);
  /** How often an area's members are listed again. */
  static final Duration REFRESH = Duration.ofDays(1);
  /** The most search hits read to list an area (20 pages of 50): a bigger area is refused. */
  static final int MAX_SCAN = 1000;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * What a member is to an event about one of its calendars: for the slot labels.
   *
   * @param doctor the doctor's name
   * @param center the center's name; empty when unknown
   * @param price the visit's price in rials, or {@code null}
   * @param distanceKm the distance from the query's point to the center, or {@code null}
   */
  record MemberInfo(String doctor, String center, Long price, Double distanceKm) {}

  /** An area resolved to slugs, with the provider's search. */
  record Resolved(ProviderRuntime runtime, AreaSearch search, AreaQuery query, String city, String specialty) {
    DoctorRef ref() {
      return new DoctorRef(runtime.id(), "area-" + city + "-" + specialty);
    }
  }

  private final EngineContext ctx;
  private final Vocabulary vocabulary;

  private final java.util.function.Function<DoctorRef, io.github.slothunter.api.Doctor> cachedDoctors;

  AreaWatches(EngineContext ctx, Vocabulary vocabulary,
      java.util.function.Function<DoctorRef, io.github.slothunter.api.Doctor> cachedDoctors) {
    this.cachedDoctors = cachedDoctors;
    this.ctx = ctx;
    this.vocabulary = vocabulary;
  }

  /**
   * The query's provider, search and slugs; the vocabularies are read (two requests, a person
   * waiting) unless cached.
   *
   * @throws SlotHunterException {@code UNSUPPORTED} for a provider without area search, {@code NOT_FOUND}
   *     with suggestions for an unknown city or specialty
   */
  Resolved resolve(AreaQuery q) {
    ProviderRuntime rt = ctx.runtime(q.providerId());
    AreaSearch search = rt.provider().areaSearch().orElseThrow(() ->
        SlotHunterException.builder(ErrorCode.UNSUPPORTED).providerId(rt.id())
            .message(rt.id() + " has no area search").build());
    Place city = vocabulary.resolve(rt.id(), Vocabulary.Kind.CITY, q.city(),
        () -> urgent(rt, () -> Vocabulary.Kind.CITY.read(search)));
    Place specialty = vocabulary.resolve(rt.id(), Vocabulary.Kind.SPECIALTY, q.specialty(),
        () -> urgent(rt, () -> Vocabulary.Kind.SPECIALTY.read(search)));
    return new Resolved(rt, search, q, city.slug(), specialty.slug());
  }

  /**
   * The members of a new area watch, listed now (a person waiting).
   *
   * @throws SlotHunterException {@code INVALID_INPUT} naming the count when the area has more doctors
   *     than the query's cap (or than {@link #MAX_SCAN} to look through)
   */
  Listed list(Resolved r) {
    Instant now = ctx.clock.instant();
    List<AreaHit> hits = scan(r, BudgetGate.Use.URGENT, h -> false, true, false);
    return new Listed(r, new WatchArea(r.query(), r.city(), r.specialty(),
        capped(r, members(r.query(), hits, List.of())), now), hits);
  }

  /** The members refreshed from a full scan's hits: joiners added, leavers dropped, the rest kept as they were. */
  WatchArea refreshed(WatchArea area, Resolved r, List<AreaHit> hits, Instant now) {
    List<AreaMember> fresh = members(area.query(), hits, area.members());
    if (fresh.size() > area.query().maxMembers()) {
      log.warn("area {}/{} has {} doctors now, more than its cap of {}; keeping the earliest", area.city(),
          area.specialty(), fresh.size(), area.query().maxMembers());
      fresh = fresh.subList(0, area.query().maxMembers());
    }
    return area.withMembers(fresh, now);
  }

  private List<AreaMember> capped(Resolved r, List<AreaMember> members) {
    if (members.size() > r.query().maxMembers()) {
      throw tooMany(r, members.size(), false);
    }
    return members;
  }

  private static SlotHunterException tooMany(Resolved r, int count, boolean scanLimit) {
    String what = r.query().specialty() + " in " + r.query().city();
    return SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(r.runtime().id())
        .message(scanLimit
            ? "the area " + what + " lists " + count + " doctors on " + r.runtime().id() + ", more than SlotHunter reads ("
                + MAX_SCAN + "); narrow it (another specialty, a gender, a visit type)"
            : "the area " + what + " has " + count + " doctors, more than the cap of " + r.query().maxMembers()
                + "; narrow it (a radius, a price, a gender) or raise maxMembers (at most " + AreaQuery.HARD_MAX_MEMBERS + ")")
        .build();
  }

  /**
   * Reads the area's pages until the last page, {@link #MAX_SCAN} hits, or {@code enough} says the
   * hits so far are enough (later pages can hold nothing wanted).
   *
   * @param earliestFirst sorted by each doctor's first free slot (a sweep); {@code false} for a listing
   *     of every member, as the site's earliest-first sort may leave out doctors with no free slot
   *
   * @param strict with {@code true}, an area larger than the cap (without a radius, known from the
   *     first page's total) or than {@link #MAX_SCAN} is refused at once
   * @throws ProviderRuntime.BudgetExhausted when the budget refuses a page (only with {@code Use.LOOKUP})
   */
  List<AreaHit> scan(Resolved r, BudgetGate.Use use, Predicate<List<AreaHit>> enough, boolean strict,
      boolean earliestFirst) {
    AreaQuery q = r.query();
    int size = Math.max(1, r.search().pageSize());
    List<AreaHit> hits = new ArrayList<>();
    for (int page = 1; ; page++) {
      AreaPageRequest req = new AreaPageRequest(r.city(), r.specialty(), q.gender(), q.visitType(), earliestFirst, page,
          size);
      AreaPage p = use == BudgetGate.Use.URGENT ? urgent(r.runtime(), () -> r.search().search(req))
          : r.runtime().call(use, Duration.ZERO, () -> r.search().search(req));
      if (strict && page == 1) {
        if (p.total() > MAX_SCAN) {
          throw tooMany(r, p.total(), true);
        }
        if (q.radiusKm() == null && p.total() > q.maxMembers()) {
          throw tooMany(r, p.total(), false);
        }
      }
      hits.addAll(p.hits());
      if (!p.more() || p.hits().isEmpty() || hits.size() >= MAX_SCAN || enough.test(hits)) {
        return hits;
      }
    }
  }

  /** Pages of an area: how many requests a full scan of {@code members} doctors takes. */
  static int pages(int members, int pageSize) {
    return Math.max(1, (members + Math.max(1, pageSize) - 1) / Math.max(1, pageSize));
  }

  /**
   * Hits to members: centers outside the query's radius (or without coordinates, unless kept) or
   * dearer than its price cap are dropped, a doctor without a kept center is not a member; a doctor already a member keeps the
   * calendars and pins it has (a lookup's), else takes the page's. In the hits' order.
   *
   * <p>A search page may give no pins at all (Paziresh24's does not): with a radius (and without
   * keep-unlocated, which keeps such centers as they are), a center the page shows without one is kept
   * <em>unpinned</em> until the doctor's profile is looked up (which it is
   * before any of its calendars is read: the page's calendars of unpinned centers are not taken), and
   * {@link #pinned} then keeps or drops it.
   */
  static List<AreaMember> members(AreaQuery q, List<AreaHit> hits, List<AreaMember> before) {
    List<AreaMember> out = new ArrayList<>();
    java.util.Set<DoctorRef> seen = new java.util.HashSet<>();
    for (AreaHit h : hits) {
      if (!seen.add(h.ref())) {
        continue; // a doctor moving up a page between two requests shows twice
      }
      AreaMember old = null;
      for (AreaMember x : before) {
        if (x.ref().equals(h.ref()) && !x.targets().isEmpty()) {
          old = x;
        }
      }
      AreaMember m = member(q, h, old);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  /** A hit as a member, or {@code null} when none of its centers is kept. */
  static AreaMember member(AreaQuery q, AreaHit h) {
    return member(q, h, null);
  }

  /**
   * A hit as a member, or {@code null} when none of its centers is kept; {@code known} is the member
   * as its lookup left it (its pins and calendars stand), or {@code null}.
   */
  private static AreaMember member(AreaQuery q, AreaHit h, AreaMember known) {
    boolean radius = q.point() != null && q.radiusKm() != null && !q.keepUnlocated(); // a pin decides membership
    List<AreaCenter> kept = new ArrayList<>();
    java.util.Set<String> unpinned = new java.util.HashSet<>();
    for (AreaCenter c : h.centers()) {
      AreaCenter was = known == null ? null : known.center(c.centerId());
      io.github.slothunter.api.GeoPoint pin = c.location() != null ? c.location() : was == null ? null : was.location();
      if (pin == null && radius && known == null && !tooDear(q, c.price())) {
        kept.add(c); // pinned by the doctor's lookup before any calendar of it is read
        unpinned.add(c.centerId());
      } else {
        keep(q, c, pin, c.price(), kept);
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    List<Target> targets = new ArrayList<>();
    for (Target t : known != null ? known.targets() : h.targets()) {
      if (kept.stream().anyMatch(c -> c.centerId().equals(t.centerId())) && !unpinned.contains(t.centerId())) {
        targets.add(t);
      }
    }
    if (!unpinned.isEmpty() && targets.size() < h.targets().size()) {
      targets.clear(); // looked up first: the lookup gives the pins and every calendar at once
    }
    return new AreaMember(h.ref(), h.displayName(), kept, targets, nearest(q, kept));
  }

  /**
   * A member after its doctor's lookup: centers the page showed without a pin (or a price) take the
   * profile's ({@link io.github.slothunter.api.Center#location()}, the cheapest bookable service), the
   * radius (and the keep-unlocated option) is applied again, and the member's calendars are the doctor's bookable ones at the centers kept;
   * {@code null} when no center is left.
   */
  static AreaMember pinned(AreaQuery q, AreaMember m, io.github.slothunter.api.Doctor doctor) {
    List<AreaCenter> kept = new ArrayList<>();
    for (AreaCenter c : m.centers()) {
      io.github.slothunter.api.GeoPoint pin = c.location();
      Long price = c.price();
      for (io.github.slothunter.api.Center dc : doctor.centers()) {
        if (dc.id().equals(c.centerId())) {
          pin = pin != null ? pin : dc.location();
          price = price != null ? price : cheapest(dc);
        }
      }
      keep(q, c, pin, price, kept);
    }
    if (kept.isEmpty()) {
      return null;
    }
    AreaMember located = new AreaMember(m.ref(), m.displayName(), kept, List.of(), nearest(q, kept));
    return located.withTargets(targetsOf(located, doctor));
  }

  /** Adds the center, with this pin and price, to {@code kept} when the query's radius and price cap keep it. */
  private static void keep(AreaQuery q, AreaCenter c, io.github.slothunter.api.GeoPoint pin, Long price,
      List<AreaCenter> kept) {
    if (!q.inRadius(pin) || tooDear(q, price)) {
      return;
    }
    kept.add(pin == c.location() && java.util.Objects.equals(price, c.price()) ? c
        : new AreaCenter(c.centerId(), c.name(), pin, c.firstFree(), price));
  }

  /** The distance from the query's point to the nearest of these centers with a pin, or {@code null}. */
  private static Double nearest(AreaQuery q, List<AreaCenter> centers) {
    Double nearest = null;
    for (AreaCenter c : centers) {
      Double d = q.distanceKm(c.location());
      if (d != null && (nearest == null || d < nearest)) {
        nearest = d;
      }
    }
    return nearest;
  }

  /** Whether a center's known price is over the query's cap (an unknown price is kept). */
  private static boolean tooDear(AreaQuery q, Long price) {
    return q.maxPrice() != null && price != null && price > q.maxPrice();
  }

  /** The lowest price of a center's bookable services, or {@code null} when none says. */
  private static Long cheapest(io.github.slothunter.api.Center center) {
    Long min = null;
    for (io.github.slothunter.api.Service sv : center.services()) {
      if (sv.bookable() && sv.price() != null && (min == null || sv.price() < min)) {
        min = sv.price();
      }
    }
    return min;
  }

  /** A member's calendars from a looked-up doctor: the bookable services at its kept centers. */
  static List<Target> targetsOf(AreaMember m, io.github.slothunter.api.Doctor doctor) {
    List<Target> out = new ArrayList<>();
    for (Target t : doctor.bookableTargets()) {
      if (m.center(t.centerId()) != null) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * One page of an area, earliest first slot first, as members with their distances (one request
   * besides the vocabularies); for apps that show an area before watching it. A center the page shows
   * without a pin takes the one of a lookup made in the last day; otherwise its distance is unknown
   * ({@code null}) and it is listed: no lookup is made for a preview.
   */
  List<AreaMember> search(AreaQuery q) {
    ctx.ensureOpen();
    Resolved r = resolve(q);
    int size = Math.max(1, r.search().pageSize());
    AreaPage page = urgent(r.runtime(), () -> r.search().search(
        new AreaPageRequest(r.city(), r.specialty(), q.gender(), q.visitType(), true, 1, size)));
    List<AreaMember> out = new ArrayList<>();
    for (AreaMember m : members(q, page.hits(), List.of())) {
      io.github.slothunter.api.Doctor known = m.targets().isEmpty() ? cachedDoctors.apply(m.ref()) : null;
      AreaMember shown = known == null ? m : pinned(q, m, known); // pins a lookup already gave; no request
      if (known == null || shown != null) {
        out.add(shown);
      }
    }
    out.sort(Comparator.comparing(AreaMember::firstFree, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }

  /**
   * What the member owning a calendar of an area watch is to an event: name, center, price and
   * distance from the query's point; empty for a watch that is not an area watch or a calendar of
   * none of its members.
   */
  static Optional<MemberInfo> member(Watch w, String targetId) {
    WatchArea area = w == null ? null : w.area();
    if (area == null) {
      return Optional.empty();
    }
    for (AreaMember m : area.members()) {
      for (Target t : m.targets()) {
        if (t.id().equals(targetId)) {
          AreaCenter c = m.center(t.centerId());
          return Optional.of(new MemberInfo(m.displayName(), c == null ? "" : c.name(), c == null ? null : c.price(),
              c == null ? null : area.query().distanceKm(c.location())));
        }
      }
    }
    return Optional.empty();
  }

  /** A new area listed: resolved, its members (capped) and the hits they came from. */
  record Listed(Resolved resolved, WatchArea area, List<AreaHit> hits) {}

  /** Resolves and lists the area of a watch request (a person waiting). */
  Listed prepare(WatchRequest req, Plan plan) {
    ctx.ensureOpen();
    Listed l = list(resolve(req.area().orElseThrow()));
    log.debug("area {}/{} on {} listed: {} members (plan {})", l.area().city(), l.area().specialty(),
        l.resolved().runtime().id(), l.area().members().size(), plan.name());
    return l;
  }

  private <T> T urgent(ProviderRuntime rt, java.util.function.Supplier<T> call) {
    try {
      return rt.call(BudgetGate.Use.URGENT, ctx.manual ? Duration.ZERO : WAIT, call);
    } catch (ProviderRuntime.BudgetExhausted e) {
      throw Lookups.budgetSpent(rt, ctx.clock, BudgetGate.Use.URGENT);
    }
  }

  /** The prices of an area watch's calendars: each center's price from its member. */
  static Map<String, Long> prices(WatchArea area, List<Target> targets) {
    Map<String, Long> out = new java.util.HashMap<>();
    for (Target t : targets) {
      AreaMember m = area.member(t.ref());
      AreaCenter c = m == null ? null : m.center(t.centerId());
      if (c != null && c.price() != null) {
        out.put(t.id(), c.price());
      }
    }
    return out;
  }
}
