package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Queries over what the engine has seen: per target and per owner, when slots are released, how
 * long they stay free, how quickly the engine noticed, the forecast for the next day, booking
 * success, and other doctors with earlier slots. Obtained from the engine; thread-safe; every
 * query reads the store and the forecaster afresh.
 *
 * <p><b>Estimates.</b> The engine sees a change only at its next poll: a change recorded at
 * {@code at} with window start {@code since} happened somewhere in {@code (since, at]}. Analytics
 * take the middle of that window as the change's time. So a release's <em>detection latency</em> is
 * estimated as {@code (at - since) / 2} (it is at most {@code at - since}), it is counted in the hour
 * of the week of {@code since + (at - since) / 2}, and a slot's <em>free time</em> runs from the
 * middle of the window it appeared in to the middle of the window it disappeared in. Slots that
 * disappeared at or after their start time expired rather than being taken and give no free-time
 * sample. OPENED changes without a window start are a target's initial inventory, not releases.
 */
public final class SlotAnalytics {
  /** The fewest releases in a target's history before {@link TargetAnalytics#bestWindow()} names an hour. */
  public static final int MIN_RELEASES_FOR_HINT = 3;
  /** The most other doctors {@link #recommend} examines, whatever {@code max} is. */
  public static final int MAX_RECOMMEND_CANDIDATES = 10;

  private static final int BUCKETS = HourOfWeekForecaster.BUCKETS;
  /** Major cities' search slugs, as Paziresh24 spells them; other cities are searched country-wide. */
  private static final Map<String, String> CITY_SLUGS = Map.ofEntries(
      Map.entry("تهران", "tehran"), Map.entry("مشهد", "mashhad"), Map.entry("اصفهان", "isfahan"),
      Map.entry("شیراز", "shiraz"), Map.entry("تبریز", "tabriz"), Map.entry("کرج", "karaj"),
      Map.entry("اهواز", "ahvaz"), Map.entry("قم", "qom"), Map.entry("رشت", "rasht"),
      Map.entry("کرمانشاه", "kermanshah"), Map.entry("ارومیه", "urmia"), Map.entry("یزد", "yazd"),
      Map.entry("کرمان", "kerman"), Map.entry("همدان", "hamedan"), Map.entry("اراک", "arak"));

  private final SlotHunter hunter;
  private final Store store;
  private final ReleaseForecaster forecaster;
  private final Clock clock;

  SlotAnalytics(SlotHunter hunter, Store store, ReleaseForecaster forecaster, Clock clock) {
    this.hunter = Objects.requireNonNull(hunter, "hunter");
    this.store = Objects.requireNonNull(store, "store");
    this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---------------------------------------------------------------- per target

  /**
   * A target's analytics from its stored history and the engine's forecaster. A target never
   * watched gives zeros, empty estimates and the forecaster's prior.
   */
  public TargetAnalytics target(String targetId) {
    Objects.requireNonNull(targetId, "targetId");
    Facts facts = new Facts();
    facts.add(store.history(targetId));
    ZoneId zone = ReleaseForecaster.zoneOf(forecaster); // windows start on the forecaster's hours
    Instant hour = ZonedDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    List<ForecastWindow> next = forecaster.forecast(targetId, hour, 24);
    Optional<ForecastWindow> best = Optional.empty();
    if (facts.releases >= MIN_RELEASES_FOR_HINT) {
      best = next.stream().filter(w -> w.expectedReleases() > 0)
          .max(Comparator.comparingDouble(ForecastWindow::expectedReleases)
              .thenComparing(ForecastWindow::from, Comparator.reverseOrder()));
    }
    return new TargetAnalytics(targetId, facts.hours(), facts.releases, median(facts.freeTimes),
        summary(facts.latencies), next, best);
  }

  // ---------------------------------------------------------------- per owner

  /** The analytics of every target the owner's (not cancelled) watches cover, and their booking attempts. */
  public OwnerAnalytics owner(String owner) {
    Objects.requireNonNull(owner, "owner");
    TreeSet<String> targetIds = new TreeSet<>();
    int attempts = 0;
    int booked = 0;
    int finished = 0;
    for (Watch w : store.loadWatches()) {
      if (!w.owner().equals(owner)) {
        continue;
      }
      w.targets().forEach(t -> targetIds.add(t.id()));
      for (BookingAttempt a : store.attempts(w.id())) {
        attempts++;
        switch (a.state()) {
          case BOOKED:
            booked++;
            finished++;
            break;
          case FAILED:
          case UNKNOWN:
            finished++;
            break;
          default:
            break;
        }
      }
    }
    Facts facts = new Facts();
    for (String id : targetIds) {
      facts.add(store.history(id));
    }
    OptionalDouble success = finished == 0 ? OptionalDouble.empty() : OptionalDouble.of(booked / (double) finished);
    return new OwnerAnalytics(owner, List.copyOf(targetIds), facts.hours(), facts.releases, median(facts.freeTimes),
        summary(facts.latencies), attempts, booked, success);
  }

  // ---------------------------------------------------------------- recommendations

  /**
   * Other doctors of the same expertise and city whose earliest free slot is earlier than the
   * target's, earliest first; empty if the target's provider cannot search (never
   * {@code UNSUPPORTED}).
   *
   * <p>How: looks the target's doctor up (cached by the engine), searches the provider for its first
   * expertise in the city of the target's center (first result page), and for each of up to
   * {@code min(max, }{@value #MAX_RECOMMEND_CANDIDATES}{@code )} other doctors in that city looks them
   * up and reads the first free day of its first bookable calendar in that city.
   * The target's own earliest slot comes from its last poll when it is watched, else from its first
   * free day; a target with no free slot is beaten by any slot.
   *
   * <p><b>Cost</b>: everything goes through the provider's request budget, at most
   * {@code 4 + 3 * min(max, 10)} requests (lookups the engine has cached cost nothing). A spent
   * budget ends the query with {@code RATE_LIMITED}, as do other retryable provider errors; a
   * candidate that fails otherwise (gone, unreadable) is skipped.
   *
   * @param max how many doctors to examine, at least 1
   * @throws SlotHunterException {@code RATE_LIMITED} or {@code PROVIDER_UNAVAILABLE} from the
   *     provider, and errors looking up the target's own doctor
   */
  public List<Recommendation> recommend(Target target, int max) {
    Objects.requireNonNull(target, "target");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    Doctor doctor = hunter.lookup(target.ref());
    String city = doctor.centers().stream().filter(c -> c.id().equals(target.centerId())).map(Center::city)
        .findFirst().orElse("");
    String expertise = doctor.expertises().isEmpty() ? "" : doctor.expertises().get(0);
    String citySlug = CITY_SLUGS.getOrDefault(city.strip(), city.strip().matches("[a-z-]+") ? city.strip() : "");
    if (expertise.isBlank() && citySlug.isEmpty()) {
      return List.of(); // nothing to search by
    }
    List<DoctorSummary> hits;
    try {
      hits = hunter.search(target.providerId(), new SearchQuery(expertise, citySlug, "", 1));
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.UNSUPPORTED) {
        return List.of();
      }
      throw e;
    }
    Instant mine = ownEarliest(target);
    List<Recommendation> out = new ArrayList<>();
    int examined = 0;
    for (DoctorSummary hit : hits) {
      if (examined >= Math.min(max, MAX_RECOMMEND_CANDIDATES)) {
        break;
      }
      if (hit.ref().equals(target.ref()) || !sameCity(city, hit.city())) {
        continue;
      }
      examined++;
      try {
        Doctor other = hunter.lookup(hit.ref());
        Optional<Target> calendar = calendarIn(other, city);
        if (calendar.isEmpty()) {
          continue;
        }
        List<Slot> free = hunter.freeSlots(calendar.get(), 1);
        if (!free.isEmpty() && (mine == null || free.get(0).start().isBefore(mine))) {
          out.add(new Recommendation(hit, calendar.get(), free.get(0)));
        }
      } catch (SlotHunterException e) {
        if (e.retryable()) {
          throw e;
        }
        // this candidate vanished or answered nonsense; the others may still help
      }
    }
    out.sort(Comparator.comparing((Recommendation r) -> r.earliest().start()).thenComparing(r -> r.target().id()));
    return List.copyOf(out);
  }

  /**
   * Recommendations on the area-watch query model: the doctors of an area ({@link
   * io.github.slothunter.api.AreaQuery}: specialty, city, point and radius, price, gender, visit type)
   * whose first free slot, as the provider's area search shows it, is earlier than {@code before}
   * (any time when {@code null}), earliest first, then nearest; at most {@code max}.
   *
   * <p><b>Cost</b>: one page of the area's search (one request, plus the provider's city and specialty
   * lists unless read in the last day); no lookups, so a provider whose pages show no map pins gives
   * distances only for doctors already looked up (see {@link SlotHunter#areaSearch}). The first free
   * slot is the search's (its freshness is the provider's); watch the area to confirm and book it.
   *
   * @param max how many doctors to return, at least 1
   * @throws SlotHunterException as {@link SlotHunter#areaSearch} ({@code NOT_FOUND} with the closest
   *     names for an unknown city or specialty, {@code UNSUPPORTED} without area search)
   */
  public List<io.github.slothunter.api.AreaMember> recommend(io.github.slothunter.api.AreaQuery query, Instant before,
      int max) {
    Objects.requireNonNull(query, "query");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    return hunter.areaSearch(query).stream()
        .filter(m -> m.firstFree() != null && (before == null || m.firstFree().isBefore(before)))
        .sorted(Comparator.comparing(io.github.slothunter.api.AreaMember::firstFree)
            .thenComparing(io.github.slothunter.api.AreaMember::distanceKm, Comparator.nullsLast(Comparator.naturalOrder())))
        .limit(max)
        .toList();
  }

  private Instant ownEarliest(Target target) {
    List<Slot> slots = hunter.stats(target).lastPollAt() != null ? hunter.snapshot(target) : hunter.freeSlots(target, 1);
    return slots.stream().map(Slot::start).min(Comparator.naturalOrder()).orElse(null);
  }

  private static boolean sameCity(String a, String b) {
    return a.isBlank() || b.isBlank() || a.strip().equalsIgnoreCase(b.strip());
  }

  /** The doctor's first bookable calendar at a center in the city (any city when either is unknown). */
  private static Optional<Target> calendarIn(Doctor doctor, String city) {
    for (Target t : doctor.bookableTargets()) {
      for (Center c : doctor.centers()) {
        if (c.id().equals(t.centerId()) && sameCity(city, c.city())) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- history arithmetic

  /** Releases, free times and latencies read from histories. */
  private static final class Facts {
    final int[] hours = new int[BUCKETS];
    int releases;
    final List<Duration> freeTimes = new ArrayList<>();
    final List<Duration> latencies = new ArrayList<>();

    void add(List<SlotChange> history) {
      Map<String, Instant> openedAt = new HashMap<>();
      for (SlotChange c : history) {
        if (c.kind() == SlotChange.Kind.OPENED) {
          if (c.since() == null) {
            openedAt.remove(c.slot().id()); // initial inventory: when it became free is unknown
            continue;
          }
          Instant mid = middle(c);
          releases++;
          hours[bucket(mid)]++;
          latencies.add(Duration.between(c.since(), c.at()).dividedBy(2));
          openedAt.put(c.slot().id(), mid);
        } else {
          Instant opened = openedAt.remove(c.slot().id());
          if (opened != null && c.at().isBefore(c.slot().start())) {
            Duration free = Duration.between(opened, middle(c));
            freeTimes.add(free.isNegative() ? Duration.ZERO : free);
          }
        }
      }
    }

    List<Integer> hours() {
      return Arrays.stream(hours).boxed().toList();
    }
  }

  private static Instant middle(SlotChange c) {
    return c.since() == null ? c.at() : c.since().plus(Duration.between(c.since(), c.at()).dividedBy(2));
  }

  /** Hour of the week in Tehran, 0 = Saturday 00:00. */
  static int bucket(Instant t) {
    ZonedDateTime z = t.atZone(SlotHunterZones.TEHRAN);
    return (z.getDayOfWeek().getValue() + 1) % 7 * 24 + z.getHour();
  }

  private static Optional<Duration> median(List<Duration> samples) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    return Optional.of(rank(sorted, 0.5));
  }

  private static Optional<LatencySummary> summary(List<Duration> samples) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    return Optional.of(new LatencySummary(rank(sorted, 0.5), rank(sorted, 0.9), sorted.size()));
  }

  private static Duration rank(List<Duration> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
