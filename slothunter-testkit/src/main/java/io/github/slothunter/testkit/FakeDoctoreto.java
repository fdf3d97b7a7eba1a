package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.internal.Checks.requirePositive;
import static io.github.slothunter.testkit.internal.Checks.requireText;

import io.github.slothunter.testkit.internal.FakeSiteRuntime;
import io.github.slothunter.testkit.internal.FakeSiteSettings;
import io.github.slothunter.testkit.internal.Ids;
import io.github.slothunter.testkit.internal.InitialSlots;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.ConsultationSpec;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.DoctorSpec;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.Place;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoSite;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoState;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A stateful fake of Doctoreto (doctoreto.com) on {@code 127.0.0.1}: the profile pages with
 * {@code __NEXT_DATA__}, the short doctor links, the patient API's
 * {@code consultation-times/days} and the reserve hand-off page, all from one base URL (point a
 * provider's {@code base-url} at {@link #baseUrl()}).
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
 * try (FakeDoctoreto fake = FakeDoctoreto.builder()
 *     .clock(clock).seed(7).rateLimitPerMinute(60)
 *     .doctor("ZaEBBZ", "dr-vida-imani", d -> d.fullName("دکتر ویدا ایمانی").speciality("زنان و زایمان")
 *         .consultation(3022, c -> c.placeName("مطب دکتر ایمانی").city("تهران").address("ونک")
 *             .price(450_000).slotLength(Duration.ofMinutes(15))))
 *     .build().start()) {
 *   long slotId = fake.openSlot("ZaEBBZ", 3022, Instant.parse("2026-01-04T06:00:00Z"));
 *   // point the provider at fake.baseUrl() ...
 * }
 * }</pre>
 *
 * <p><b>Protocol.</b> It follows {@code shared/providers/doctoreto.md}. Where the real site is
 * unknown the fake makes a documented choice: {@code GET /doctor/{code}} answers 301 to the
 * canonical {@code /doctor/{slug}/{code}}, another slug answers 308; the consultations query sits
 * at index 2 or 3 of {@code queries[]} (seeded per doctor, or
 * {@link DoctorBuilder#consultationsQueryIndex(int)}) behind decoy queries that also carry
 * {@code fullName}s; each calendar day has {@code date} ({@code yyyy-MM-dd}), {@code shamsi_date}
 * and {@code times[]}; each time has {@code id}, {@code status} (1 free, 2 taken, 3 past) and its
 * start and end under {@link Builder#timeFields(String, String)} (default {@code start_time} and
 * {@code end_time}) in {@link Builder#timeFormat(TimeFormat)} (default {@code HH:mm}); one answer
 * lists {@link Builder#daysPerResponse(int)} days from {@code start_date}; unknown consultations
 * answer 404, bad parameters 422 with Laravel-style {@code errors}; rate limiting answers 429 with
 * {@code Retry-After}. There is no login or booking: the site's are not publicly known.
 *
 * <p><b>Time and determinism.</b> Everything follows the builder's {@link Clock} (use
 * {@link FakeClock}); scheduled actions run lazily, in time order, at the next request or
 * {@link #tick()}. Slot ids, the build id and scenario draws come from {@link Builder#seed(long)}.
 *
 * <p>Thread-safe. {@link #close()} stops the server; it is idempotent.
 */
public final class FakeDoctoreto implements AutoCloseable {
  /** The provider id of the Doctoreto provider. */
  public static final String PROVIDER_ID = "doctoreto";

  /** {@code GET /doctor/{slug}/{code}}: the profile page. */
  public static final String PROFILE_PAGE = DoctoretoSite.PROFILE_PAGE;
  /** {@code GET /doctor/{code}}: the short link, redirected to the profile page. */
  public static final String SHORT_LINK = DoctoretoSite.SHORT_LINK;
  /** {@code GET /api/web/patient/v1/consultation-times/days}. */
  public static final String CONSULTATION_DAYS = DoctoretoSite.CONSULTATION_DAYS;
  /** {@code GET /reserve/consultation?item_type=0&item_id={slotId}}: the hand-off page. */
  public static final String RESERVE_PAGE = DoctoretoSite.RESERVE_PAGE;
  /** Any path the fake does not serve (answered with the 404 page). */
  public static final String UNKNOWN = DoctoretoSite.UNKNOWN;
  /**
   * {@code GET /api/web/patient/v1/regions/cities/available} (spec 8, 11): {@code {"items":[{name, slug,
   * latitude, longitude, priority, is_center, province{...}}]}}, five major cities then the consultations'.
   */
  public static final String CITIES = DoctoretoSite.CITIES;

  /** Default seed. */
  public static final long DEFAULT_SEED = 7L;
  /** Default number of days one calendar answer lists. */
  public static final int DEFAULT_DAYS_PER_RESPONSE = 7;
  /** Default slot length of a consultation. */
  public static final Duration DEFAULT_SLOT_LENGTH = Duration.ofMinutes(15);
  /** Default number of HTTP handler threads. */
  public static final int DEFAULT_SERVER_THREADS = 8;
  /** Default number of requests kept in full by {@link #requests()}. */
  public static final int DEFAULT_REQUEST_LOG_LIMIT = 100_000;

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{6}");
  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_]+");

  /** How the days endpoint writes a slot's start and end. Immutable and thread-safe. */
  public enum TimeFormat {
    /** {@code "09:30"} in Tehran, on the day's {@code date} (the default). */
    TIME_OF_DAY,
    /** {@code "2026-01-04T09:30:00+03:30"}. */
    ISO_OFFSET,
    /** Unix seconds as a JSON number. */
    UNIX_SECONDS
  }

  private final DoctoretoState state;
  private final FakeSiteRuntime runtime;

  private FakeDoctoreto(Builder b, List<DoctorSpec> doctors, String buildId) {
    FakeSiteSettings<FakeDoctoreto> settings = b.settings;
    this.state = new DoctoretoState(settings.clock(), settings.seed(), new DoctoretoDirectory(doctors));
    DoctoretoSite site = new DoctoretoSite(state, new DoctoretoSite.Settings(b.timeFormat, b.startField, b.endField,
        b.daysPerResponse, b.gzipPages, buildId));
    this.runtime = new FakeSiteRuntime("fake-doctoreto", settings, settings.seed() * 13 + 5, faults -> site);
  }

  /** A builder with the defaults: system clock, no doctors, no rate limit. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /**
   * Starts serving on {@code 127.0.0.1} (a free port unless {@link Builder#port(int)} chose one).
   * Idempotent while running.
   *
   * @return this
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException after {@link #close()}
   */
  public FakeDoctoreto start() {
    runtime.start();
    return this;
  }

  /** Whether it is serving. */
  public boolean isRunning() {
    return runtime.isRunning();
  }

  /** Stops serving at once. Idempotent; the state stays inspectable. */
  @Override
  public void close() {
    runtime.close();
  }

  /**
   * {@code http://127.0.0.1:PORT}: the one base URL serving the website's and the API's paths.
   *
   * @throws IllegalStateException when not started
   */
  public String baseUrl() {
    return runtime.baseUrl();
  }

  /**
   * The bound port.
   *
   * @throws IllegalStateException when not started
   */
  public int port() {
    return runtime.port();
  }

  /**
   * The doctor's canonical profile link on this fake: {@code baseUrl()/doctor/{slug}/{code}}.
   *
   * @throws IllegalArgumentException for an unknown code
   * @throws IllegalStateException when not started
   */
  public String doctorUrl(String code) {
    return baseUrl() + DoctoretoSite.canonicalPath(requireDoctor(code));
  }

  /**
   * The doctor's short link on this fake: {@code baseUrl()/doctor/{code}}.
   *
   * @throws IllegalArgumentException for an unknown code
   * @throws IllegalStateException when not started
   */
  public String shortUrl(String code) {
    return baseUrl() + "/doctor/" + requireDoctor(code).code();
  }

  /**
   * The reserve page of a slot on this fake, as the real site's hand-off link has it.
   *
   * @throws IllegalStateException when not started
   */
  public String reserveUrl(long slotId) {
    return baseUrl() + "/reserve/consultation?item_type=0&item_id=" + slotId;
  }

  private DoctorSpec requireDoctor(String code) {
    Objects.requireNonNull(code, "code");
    return state.directory().doctor(code)
        .orElseThrow(() -> new IllegalArgumentException("no doctor with code " + code));
  }

  /** The clock the fake runs on. */
  public Clock clock() {
    return runtime.clock();
  }

  /** The fake's current time: the clock's, or a scheduled action's due time while that action runs. */
  public Instant now() {
    return state.now();
  }

  /** The doctors' codes, in registration order. */
  public List<String> codes() {
    return state.directory().doctors().stream().map(DoctorSpec::code).toList();
  }

  // ---- calendar control ------------------------------------------------------------------------

  /**
   * Opens one slot lasting the consultation's slot length (the clinic adds a time, or a patient
   * cancels a taken one). A slot already free is left as it is.
   *
   * @return the slot id ({@code times[].id}, the {@code item_id} of the reserve page); a slot keeps
   *     its id when it is taken and opened again
   * @throws IllegalArgumentException for an unknown doctor or consultation, or a slot overlapping another
   */
  public long openSlot(String code, long consultationId, Instant start) {
    return state.openSlot(Objects.requireNonNull(code, "code"), consultationId, start);
  }

  /**
   * Opens a day's calendar: back-to-back slots from {@code from} until the last one that ends by
   * {@code to}, in Tehran time.
   *
   * @return the slot ids in start order
   * @throws IllegalArgumentException for an unknown doctor or consultation, or overlapping slots
   */
  public List<Long> openSlots(String code, long consultationId, LocalDate day, LocalTime from, LocalTime to) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return state.openSlots(code, consultationId, day, from, to);
  }

  /**
   * Another patient books the slot starting at {@code start}.
   *
   * @return {@code false} when it was not free (unknown or already taken)
   * @throws IllegalArgumentException for an unknown doctor or consultation
   */
  public boolean takeSlot(String code, long consultationId, Instant start) {
    return state.takeSlot(Objects.requireNonNull(code, "code"), consultationId, start);
  }

  /**
   * Another patient books the slot with this id.
   *
   * @return {@code false} when it is unknown or was not free
   */
  public boolean takeSlot(long slotId) {
    return state.takeSlot(slotId);
  }

  /**
   * The id of the slot starting at {@code start}.
   *
   * @throws IllegalArgumentException for an unknown doctor or consultation
   */
  public Optional<Long> slotId(String code, long consultationId, Instant start) {
    return state.slotId(Objects.requireNonNull(code, "code"), consultationId, start);
  }

  /** The slot with this id, whatever its state. */
  public Optional<FakeSlot> slot(long slotId) {
    return state.slot(slotId);
  }

  /**
   * A consultation's free future slots in start order.
   *
   * @throws IllegalArgumentException for an unknown doctor or consultation
   */
  public List<FakeSlot> freeSlots(String code, long consultationId) {
    return state.freeSlots(Objects.requireNonNull(code, "code"), consultationId);
  }

  /** Every free future slot of every consultation. */
  public List<FakeSlot> freeSlots() {
    return state.freeSlots();
  }

  /** Another patient takes a random free future slot (seeded); empty when none is free. */
  public Optional<FakeSlot> takeRandomFreeSlot() {
    synchronized (state) {
      tick();
      return state.takeRandomFreeSlot();
    }
  }

  /** Another patient cancels a random taken future slot, which becomes free (seeded); empty when none. */
  public Optional<FakeSlot> cancelRandomTakenSlot() {
    synchronized (state) {
      tick();
      return state.cancelRandomTakenSlot();
    }
  }

  // ---- scheduled scenarios ---------------------------------------------------------------------

  /**
   * Runs {@code action} once the clock reaches {@code when}: at the first request or {@link #tick()}
   * after that, with the fake's "now" set to {@code when} while it runs. An action that throws is
   * logged and skipped.
   */
  public void schedule(Instant when, Consumer<FakeDoctoreto> action) {
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(action, "action");
    state.schedule(when, () -> action.accept(this));
  }

  /** Runs every scheduled action due by the clock's current time. */
  public void tick() {
    state.tick();
  }

  // ---- faults and introspection ----------------------------------------------------------------

  /** The fault rules, by endpoint name (for example {@link #CONSULTATION_DAYS}). */
  public Faults faults() {
    return runtime.faults();
  }

  /** The requests received (the newest {@link Builder#requestLogLimit(int)}), oldest first. */
  public List<RecordedRequest> requests() {
    return runtime.requests();
  }

  /** The requests received by one endpoint, oldest first. */
  public List<RecordedRequest> requests(String endpoint) {
    return runtime.requests(endpoint);
  }

  /** How many requests reached {@code endpoint} (one of the endpoint constants). */
  public int requestCount(String endpoint) {
    return runtime.requestCount(endpoint);
  }

  /** How many requests arrived in total. */
  public int requestCount() {
    return runtime.requestCount();
  }

  /** The most requests in flight at once since start or {@link #resetCounters()}. */
  public int maxConcurrentRequests() {
    return runtime.maxConcurrentRequests();
  }

  /** Clears the request log and counts, the concurrency peak and the rate-limit windows. */
  public void resetCounters() {
    runtime.resetCounters();
  }

  @Override
  public String toString() {
    return runtime.describe("FakeDoctoreto", codes());
  }

  // ---- builders --------------------------------------------------------------------------------

  /** Builds a {@link FakeDoctoreto}; not thread-safe. */
  public static final class Builder {
    private final FakeSiteSettings<FakeDoctoreto> settings =
        new FakeSiteSettings<>(DEFAULT_SEED, DEFAULT_SERVER_THREADS, DEFAULT_REQUEST_LOG_LIMIT);
    private int daysPerResponse = DEFAULT_DAYS_PER_RESPONSE;
    private boolean gzipPages;
    private TimeFormat timeFormat = TimeFormat.TIME_OF_DAY;
    private String startField = "start_time";
    private String endField = "end_time";
    private final List<DoctorBuilder> doctors = new ArrayList<>();

    private Builder() {}

    /** The clock everything follows; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      settings.clock(value);
      return this;
    }

    /** Seeds slot ids, the build id and random choices; default {@value #DEFAULT_SEED}. */
    public Builder seed(long value) {
      settings.seed(value);
      return this;
    }

    /**
     * Requests allowed per client (remote address) per clock minute before HTTP 429;
     * {@code 0} (the default) turns limiting off.
     */
    public Builder rateLimitPerMinute(int value) {
      settings.rateLimitPerMinute(value);
      return this;
    }

    /** The port to bind; {@code 0} (the default) picks a free one. */
    public Builder port(int value) {
      settings.port(value);
      return this;
    }

    /** HTTP handler threads; default {@value #DEFAULT_SERVER_THREADS}. */
    public Builder serverThreads(int value) {
      settings.serverThreads(value);
      return this;
    }

    /** How many requests {@link #requests()} keeps in full (counts are never truncated); default 100,000. */
    public Builder requestLogLimit(int value) {
      settings.requestLogLimit(value);
      return this;
    }

    /** How many days one calendar answer lists from its {@code start_date}; default {@value #DEFAULT_DAYS_PER_RESPONSE}. */
    public Builder daysPerResponse(int value) {
      if (value < 1 || value > 366) {
        throw new IllegalArgumentException("daysPerResponse must be 1-366: " + value);
      }
      this.daysPerResponse = value;
      return this;
    }

    /**
     * Whether HTML pages come gzip-compressed without a {@code Content-Encoding} header, as the
     * real site is reported to send them; default {@code false}.
     */
    public Builder gzipPages(boolean value) {
      this.gzipPages = value;
      return this;
    }

    /** How slot times are written; default {@link TimeFormat#TIME_OF_DAY}. */
    public Builder timeFormat(TimeFormat value) {
      this.timeFormat = Objects.requireNonNull(value, "timeFormat");
      return this;
    }

    /**
     * The names of a slot's start and end fields; default {@code start_time} and {@code end_time}
     * (the real names are unknown; rename them to test a client's configuration).
     */
    public Builder timeFields(String start, String end) {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      for (String f : List.of(start, end)) {
        if (!FIELD.matcher(f).matches() || f.equals("id") || f.equals("status")) {
          throw new IllegalArgumentException("time field must be letters, digits or _, and not id or status: '" + f + "'");
        }
      }
      if (start.equals(end)) {
        throw new IllegalArgumentException("start and end fields must differ: " + start);
      }
      this.startField = start;
      this.endField = end;
      return this;
    }

    /**
     * Adds a doctor.
     *
     * @param code the six-character code of the profile URL ({@code [A-Za-z0-9_-]})
     * @param slug the Latin slug of the profile URL
     */
    public Builder doctor(String code, String slug, Consumer<DoctorBuilder> spec) {
      DoctorBuilder d = new DoctorBuilder(code, slug);
      Objects.requireNonNull(spec, "spec").accept(d);
      doctors.add(d);
      return this;
    }

    /** Schedules an action on the built fake (see {@link FakeDoctoreto#schedule}). */
    public Builder schedule(Instant when, Consumer<FakeDoctoreto> action) {
      settings.schedule(when, action);
      return this;
    }

    /**
     * Builds the fake (not started) and opens the initial slots.
     *
     * @throws IllegalArgumentException on duplicate codes or consultation ids, or overlapping slots
     */
    public FakeDoctoreto build() {
      Ids ids = new Ids(settings.seed() ^ 0x5DEECE66DL);
      List<DoctorSpec> specs = new ArrayList<>();
      for (DoctorBuilder d : doctors) {
        specs.add(d.spec(ids));
      }
      FakeDoctoreto fake = new FakeDoctoreto(this, specs, ids.token(21));
      for (DoctorBuilder d : doctors) {
        for (ConsultationBuilder c : d.consultations) {
          c.initial.openOn(t -> fake.openSlot(d.code, c.id, t),
              (day, from, to) -> fake.openSlots(d.code, c.id, day, from, to));
        }
      }
      settings.forEachScheduled(fake::schedule);
      return fake;
    }
  }

  /** Describes one doctor; not thread-safe. */
  public static final class DoctorBuilder {
    private final String code;
    private final String slug;
    private String fullName;
    private String title = "";
    private String medicalNumber;
    private Integer queryIndex;
    private final List<String> specialities = new ArrayList<>();
    private final List<ConsultationBuilder> consultations = new ArrayList<>();

    private DoctorBuilder(String code, String slug) {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(slug, "slug");
      if (!CODE.matcher(code).matches()) {
        throw new IllegalArgumentException("code must be six letters, digits, _ or -: '" + code + "'");
      }
      if (!SLUG.matcher(slug).matches()) {
        throw new IllegalArgumentException("slug must be Latin letters, digits, _ or -: '" + slug + "'");
      }
      this.code = code;
      this.slug = slug;
    }

    /** The name the page shows; default {@code دکتر <slug>}. */
    public DoctorBuilder fullName(String value) {
      this.fullName = requireText(value, "fullName");
      return this;
    }

    /** The headline under the name; default empty. */
    public DoctorBuilder title(String value) {
      this.title = Objects.requireNonNull(value, "title");
      return this;
    }

    /** Adds a specialty. */
    public DoctorBuilder speciality(String value) {
      specialities.add(requireText(value, "speciality"));
      return this;
    }

    /** The medical council number; default seeded digits. */
    public DoctorBuilder medicalNumber(String value) {
      this.medicalNumber = requireText(value, "medicalNumber");
      return this;
    }

    /**
     * Where the consultations query sits in the page's {@code queries[]} (1-4; the other four are
     * decoys); default 2 or 3, seeded.
     */
    public DoctorBuilder consultationsQueryIndex(int value) {
      if (value < 1 || value > 4) {
        throw new IllegalArgumentException("consultationsQueryIndex must be 1-4: " + value);
      }
      this.queryIndex = value;
      return this;
    }

    /** Adds a consultation (an office, a clinic or, with {@link ConsultationBuilder#online()}, an online service). */
    public DoctorBuilder consultation(long consultationId, Consumer<ConsultationBuilder> spec) {
      if (consultationId < 1) {
        throw new IllegalArgumentException("consultationId must be positive: " + consultationId);
      }
      ConsultationBuilder c = new ConsultationBuilder(consultationId);
      Objects.requireNonNull(spec, "spec").accept(c);
      consultations.add(c);
      return this;
    }

    private DoctorSpec spec(Ids ids) {
      List<ConsultationSpec> cs = new ArrayList<>();
      for (ConsultationBuilder c : consultations) {
        cs.add(c.spec());
      }
      int index = queryIndex != null ? queryIndex : 2 + ids.nextInt(2);
      return new DoctorSpec(code, slug, fullName != null ? fullName : "دکتر " + slug, title, specialities,
          medicalNumber != null ? medicalNumber : ids.digits(6), index, cs);
    }
  }

  /** Describes one consultation and its initial calendar; not thread-safe. */
  public static final class ConsultationBuilder {
    private final long id;
    private String title;
    private boolean online;
    private String placeName = "مطب";
    private String address = "";
    private String city = "تهران";
    private String citySlug;
    private final List<String> phones = new ArrayList<>();
    private double latitude = 35.6892;
    private double longitude = 51.3890;
    private Long price;
    private Duration slotLength = DEFAULT_SLOT_LENGTH;
    private final InitialSlots initial = new InitialSlots();

    private ConsultationBuilder(long id) {
      this.id = id;
    }

    /** A {@code title} field on the consultation; default none (the real field is unknown). */
    public ConsultationBuilder title(String value) {
      this.title = requireText(value, "title");
      return this;
    }

    /** An online consultation: {@code place} is {@code null}. */
    public ConsultationBuilder online() {
      this.online = true;
      return this;
    }

    /** {@code place.name}; default {@code مطب}. */
    public ConsultationBuilder placeName(String value) {
      this.placeName = requireText(value, "placeName");
      return this;
    }

    /** {@code place.address}; default empty. */
    public ConsultationBuilder address(String value) {
      this.address = Objects.requireNonNull(value, "address");
      return this;
    }

    /** {@code place.city.name}; default {@code تهران}. */
    public ConsultationBuilder city(String value) {
      this.city = Objects.requireNonNull(value, "city");
      return this;
    }

    /** {@code place.city.slug}; default {@code tehran} for Tehran, else the city name. */
    public ConsultationBuilder citySlug(String value) {
      this.citySlug = requireText(value, "citySlug");
      return this;
    }

    /** Adds a display phone number to {@code place.phone}. */
    public ConsultationBuilder phone(String value) {
      phones.add(requireText(value, "phone"));
      return this;
    }

    /** {@code place.coordinates}; default central Tehran. */
    public ConsultationBuilder coordinates(double lat, double lon) {
      this.latitude = lat;
      this.longitude = lon;
      return this;
    }

    /** A {@code price} field; default none (the real field and unit are unknown). */
    public ConsultationBuilder price(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("price must not be negative: " + value);
      }
      this.price = value;
      return this;
    }

    /** The length of each slot; default 15 minutes. */
    public ConsultationBuilder slotLength(Duration value) {
      this.slotLength = requirePositive(value, "slotLength");
      return this;
    }

    /** A slot free from the start. */
    public ConsultationBuilder slot(Instant start) {
      initial.slot(start);
      return this;
    }

    /** A day's calendar free from the start (see {@link FakeDoctoreto#openSlots}). */
    public ConsultationBuilder day(LocalDate day, LocalTime from, LocalTime to) {
      initial.day(day, from, to);
      return this;
    }

    private ConsultationSpec spec() {
      Place place = online ? null : new Place(placeName, address, city,
          citySlug != null ? citySlug : city.equals("تهران") ? "tehran" : city, phones, latitude, longitude);
      return new ConsultationSpec(id, title, place, price, slotLength);
    }
  }
}
