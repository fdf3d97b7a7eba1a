package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.internal.Checks.requirePositive;

import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.FakeSiteRuntime;
import io.github.slothunter.testkit.internal.FakeSiteSettings;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24Scenarios;
import io.github.slothunter.testkit.internal.Paziresh24Site;
import io.github.slothunter.testkit.internal.Paziresh24State;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A realistic, stateful fake of Paziresh24 (paziresh24.com) on {@code 127.0.0.1} speaking the live
 * protocol: the profile pages with {@code __NEXT_DATA__}, the booking RPC (free days in both modes,
 * free turns, suspend, unsuspend, book, deleteBook, moveBook, setTerminal), OTP login, drprofile,
 * service price, receipts, availability status, Hamdast widgets and search, all from one base URL
 * (point a provider's {@code base-url} at {@link #baseUrl()}).
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
 * try (FakePaziresh24 fake = FakePaziresh24.builder()
 *     .clock(clock).seed(42)
 *     .doctor("dr-sara-ahmadi", d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
 *         .center("1001", c -> c.name("مطب").city("تهران")
 *             .service("2001", s -> s.title("ویزیت حضوری").price(1_500_000)
 *                 .duration(Duration.ofMinutes(15)).userCenterId("3001"))))
 *     .build().start()) {
 *   fake.openSlots("dr-sara-ahmadi", "1001", "2001", LocalDate.of(2026, 1, 4), LocalTime.of(9, 0), LocalTime.of(12, 0));
 *   // point the provider at fake.baseUrl() ...
 * }
 * }</pre>
 *
 * <p><b>Time.</b> Everything follows the builder's {@link Clock} (use {@link FakeClock} in tests):
 * hold expiry, token expiry, OTP throttling, rate-limit windows, and {@linkplain #schedule scheduled
 * actions}. Scheduled actions and expiries are applied lazily, in time order, when a request
 * arrives or {@link #tick()} (or any inspection method) is called; while an action runs the fake's
 * "now" is the action's due time, so {@link FakeSlot#releasedAt()} is exact even when applied late.
 *
 * <p><b>Determinism.</b> Ids, tokens, request codes, probability faults and scenario draws come
 * from random sources seeded by {@link FakePaziresh24Builder#seed(long)}: the same seed, clock and request
 * sequence give the same answers.
 *
 * <p><b>Live protocol.</b> Response bodies follow {@code shared/providers/paziresh24.md} (the spec of
 * 2026-12-06), section 11's example bodies, field for field; where the spec shows no body the fake
 * uses the general legacy envelope {@code {"status":N,"message":"..."}}. Paths of every real host are
 * served from the one base URL (point {@code base-url}, or each of {@code www-url}, {@code apigw-url},
 * {@code drprofile-url}, {@code api-url}, saman and hamdast, at {@link #baseUrl()}):
 * <ul>
 * <li>www / apigw booking RPC ({@code POST /api/<name>} or {@code /booking/v2/<name>}): getFreeDays in
 *     calendar mode (form has {@code return_free_turns}: {@code result:[]}, {@code calendar.turns} over
 *     the {@linkplain FakePaziresh24Builder#bookingWindowDays booking window}, {@code holidays} map, {@code non_workdays}
 *     in JavaScript numbering, ...) and all-slots mode (no {@code return_free_turns}: {@code result}
 *     keyed by day with work-hour blocks over the {@linkplain FakePaziresh24Builder#allSlotsWindowDays all-slots
 *     window}); status 32 when nothing is free in the booking window, 700 when
 *     {@linkplain #bookingOff booking is off} or the service is not bookable online; getFreeTurns,
 *     getFreeTurn, suspend, unsuspend, book, deleteBook, setTerminal;</li>
 * <li>www only: {@code POST /api/moveBook}, {@code GET /factor/<center>/<book>} (a minimal page);</li>
 * <li>apigw: {@code /gozargah/register}, {@code /gozargah/resetpassword}, {@code /gozargah/v1/login},
 *     {@code GET /v1/auth/me}, {@code GET /v1/service-price}, {@code GET /v1/full-profile/<slug>/},
 *     {@code POST /v1/apps/<app>/prebook} and {@code /verify} (Hamdast addons), {@code /moshir/v1/deleteBook},
 *     {@code /seapi/v1/search/...};</li>
 * <li>drprofile: {@code GET /api/doctors/<slug>}, {@code GET /api/full-profile/<slug>/}; the page
 *     {@code /dr/<slug>/} carries the same centers in {@code __NEXT_DATA__};</li>
 * <li>api: receipt {@code GET /user/v1/book/<center>/<book>} ({@code {"data":{...}}}, {@code book_status}
 *     {@code not_visited}, {@code expired} or {@code deleted});</li>
 * <li>saman: {@code GET /v1/doctors/<slug>/availability-status}; hamdast: {@code GET /api/v1/widgets/?slug=}.</li>
 * </ul>
 *
 * <p><b>Choices where the spec is silent or UNVERIFIED.</b> Reads (getFreeDays, getFreeTurns) work
 * without a terminal id; holds and book need one (status 0 with {@code details.terminal_id} otherwise);
 * holds are bound to the terminal that made them. setTerminal always mints {@code clinic-<uniqid>} from
 * the fake's clock (spec 2.2); hold codes are uniqids too. Status 3 for unknown terminals only with
 * {@linkplain FakePaziresh24Builder#strictTerminals strict terminals}. {@code book} and {@code moveBook} need a
 * Bearer token (or {@code token} cookie), else HTTP 401 {@code {"status":0,"message":...}}; a priced
 * service ({@code free_price > 0}) or the online center {@value #ONLINE_CENTER_ID} answers
 * {@code "reqiure_payment":"1"} with {@code redirect_url} = this fake's own base URL (as the client
 * reached it, from the {@code Host} header) + {@code /factor/<center>/<book id>}, the spec-11 URL form
 * with the fake as the www host. moveBook refuses (status 0) online visits, unpaid bookings
 * ({@link #markPaid}), cancelled or past bookings, and holds that are unknown, expired or of another
 * calendar. The service price's VAT is 3% (the ratio of the spec's example). The weekly
 * {@code hours_of_work} (and so {@code non_workdays} and {@code workhour_info}) come from the slots the
 * calendar has, or Saturday to Wednesday 09:00-13:00 while it has none. register is not required
 * before resetpassword. The receipt is shown to the booking's account only (else 403) and 404 for
 * an unknown booking; rate limiting answers HTTP 429 with {@code Retry-After}.
 *
 * <p>Thread-safe. {@link #close()} stops the server; it is idempotent.
 */
public final class FakePaziresh24 implements AutoCloseable {
  /** The provider id sessions from this fake are for. */
  public static final String PROVIDER_ID = "paziresh24";

  /** {@code GET /} (an index page; not part of the real site). */
  public static final String HOME = Paziresh24Site.HOME;
  /** {@code GET /dr/{slug}/}: the profile page. */
  public static final String PROFILE_PAGE = Paziresh24Site.PROFILE_PAGE;
  /** {@code GET /api/doctors/{slug}} (drprofile host). */
  public static final String DOCTOR_PROFILE = Paziresh24Site.DOCTOR_PROFILE;
  /**
   * {@code GET /api/full-profile/{slug}/} (drprofile host) or {@code /v1/full-profile/{slug}/} (apigw):
   * {@code {"status":"SUCCESS","message":...,"data":{...}}} (spec 3B, 11).
   */
  public static final String FULL_PROFILE = Paziresh24Site.FULL_PROFILE;
  /** {@code POST /api/getFreeDays} or {@code /booking/v2/getFreeDays}. */
  public static final String GET_FREE_DAYS = Paziresh24Site.GET_FREE_DAYS;
  /** {@code POST /api/getFreeTurns} or {@code /booking/v2/getFreeTurns}. */
  public static final String GET_FREE_TURNS = Paziresh24Site.GET_FREE_TURNS;
  /** {@code POST /api/getFreeTurn} or {@code /booking/v2/getFreeTurn} (earliest slot, held). */
  public static final String GET_FREE_TURN = Paziresh24Site.GET_FREE_TURN;
  /** {@code POST /api/suspend} or {@code /booking/v2/suspend}: hold a slot. */
  public static final String SUSPEND = Paziresh24Site.SUSPEND;
  /** {@code POST /api/unsuspend} or {@code /booking/v2/unsuspend}: release a hold. */
  public static final String UNSUSPEND = Paziresh24Site.UNSUSPEND;
  /** {@code POST /api/book} or {@code /booking/v2/book}. */
  public static final String BOOK = Paziresh24Site.BOOK;
  /** {@code POST /api/deleteBook}, {@code /booking/v2/deleteBook} or {@code /moshir/v1/deleteBook}. */
  public static final String DELETE_BOOK = Paziresh24Site.DELETE_BOOK;
  /** {@code POST /api/setTerminal} or {@code /booking/v2/setTerminal}. */
  public static final String SET_TERMINAL = Paziresh24Site.SET_TERMINAL;
  /** {@code POST /gozargah/register}. */
  public static final String REGISTER = Paziresh24Site.REGISTER;
  /** {@code POST /gozargah/resetpassword}: sends the OTP. */
  public static final String RESET_PASSWORD = Paziresh24Site.RESET_PASSWORD;
  /** {@code POST /gozargah/v1/login}. */
  public static final String LOGIN = Paziresh24Site.LOGIN;
  /** {@code GET /v1/auth/me}. */
  public static final String AUTH_ME = Paziresh24Site.AUTH_ME;
  /** {@code GET /user/v1/book/{centerId}/{bookId}}: the receipt. */
  public static final String RECEIPT = Paziresh24Site.RECEIPT;
  /** {@code GET /seapi/v1/search/{city}[/{category}]}. */
  public static final String SEARCH = Paziresh24Site.SEARCH;
  /** {@code POST /api/moveBook} (www only): move a booking onto a held slot (spec 8). */
  public static final String MOVE_BOOK = Paziresh24Site.MOVE_BOOK;
  /** {@code GET /v1/service-price?center_id&service_id&user_center_id} (apigw host, spec 5.6). */
  public static final String SERVICE_PRICE = Paziresh24Site.SERVICE_PRICE;
  /** {@code GET /api/v1/widgets/?slug=} (hamdast host, spec 5.9): the doctor's pre-booking widgets. */
  public static final String BOOKING_WIDGETS = Paziresh24Site.BOOKING_WIDGETS;
  /** {@code POST /v1/apps/{app}/prebook} and {@code /v1/apps/{app}/verify} (apigw host, JSON): a widget's addon. */
  public static final String WIDGET_ADDON = Paziresh24Site.WIDGET_ADDON;
  /** {@code GET /v1/doctors/{slug}/availability-status} (saman host, spec 3C). */
  public static final String AVAILABILITY_STATUS = Paziresh24Site.AVAILABILITY_STATUS;
  /** {@code GET /factor/{centerId}/{bookId}} (www): a minimal invoice page, where {@code redirect_url} points. */
  public static final String FACTOR = Paziresh24Site.FACTOR;
  /** Any path the fake does not serve (answered 404). */
  public static final String UNKNOWN = Paziresh24Site.UNKNOWN;

  /** The online-visit pseudo center id. */
  public static final String ONLINE_CENTER_ID = "5532";

  /** Default seed. */
  public static final long DEFAULT_SEED = 24L;
  /** Default hold lifetime: 5 minutes. */
  public static final Duration DEFAULT_HOLD_TTL = Duration.ofMinutes(5);
  /** Default token lifetime: 24 hours. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(24);
  /** Default OTP every login accepts. */
  public static final String DEFAULT_OTP = "1234";
  /** Default minimum time between two OTP sends to one mobile (else status 39). */
  public static final Duration DEFAULT_OTP_RESEND_INTERVAL = Duration.ofSeconds(60);
  /** Default time an OTP stays usable after it was sent. */
  public static final Duration DEFAULT_OTP_VALIDITY = Duration.ofMinutes(5);
  /** Default number of HTTP handler threads. */
  public static final int DEFAULT_SERVER_THREADS = 8;
  /** Default booking window: getFreeDays lists free days up to today + 60 days (spec 4.1, 2025 sample). */
  public static final int DEFAULT_BOOKING_WINDOW_DAYS = 60;
  /** Default all-slots window: getFreeDays without {@code return_free_turns} covers today + 10 days (spec 4.1b). */
  public static final int DEFAULT_ALL_SLOTS_WINDOW_DAYS = 10;
  /** Default number of requests kept in full by {@link #requests()}. */
  public static final int DEFAULT_REQUEST_LOG_LIMIT = 100_000;

  private final Paziresh24State state;
  private final FakeSiteRuntime runtime;

  FakePaziresh24(FakeSiteSettings<FakePaziresh24> settings, Paziresh24State state) {
    this.state = state;
    this.runtime = new FakeSiteRuntime("fake-paziresh24", settings, settings.seed() * 17 + 3,
        faults -> new Paziresh24Site(state, faults));
  }

  /** A builder with the defaults: system clock, no doctors, no rate limit. */
  public static FakePaziresh24Builder builder() {
    return new FakePaziresh24Builder();
  }

  /**
   * A fake (not started) from a JSON scenario file; see {@link FakePaziresh24Builder#scenario(InputStream)} for the format.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the scenario is malformed
   */
  public static FakePaziresh24 fromScenario(Path file) {
    return builder().scenario(file).build();
  }

  /**
   * A fake (not started) from a JSON scenario; see {@link FakePaziresh24Builder#scenario(InputStream)} for the format.
   *
   * @throws UncheckedIOException if the stream cannot be read
   * @throws IllegalArgumentException if the scenario is malformed
   */
  public static FakePaziresh24 fromScenario(InputStream json) {
    return builder().scenario(json).build();
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /**
   * Starts serving on {@code 127.0.0.1} (a free port unless {@link FakePaziresh24Builder#port(int)} chose one).
   * Idempotent while running.
   *
   * @return this
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException after {@link #close()}
   */
  public FakePaziresh24 start() {
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
   * {@code http://127.0.0.1:PORT}: the one base URL serving every real host's paths.
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
   * The doctor's profile link on this fake: {@code baseUrl()/dr/<percent-encoded slug>/}.
   *
   * @throws IllegalStateException when not started
   */
  public String doctorUrl(String slug) {
    return baseUrl() + "/dr/" + Paziresh24Site.encodeSlug(Objects.requireNonNull(slug, "slug")) + "/";
  }

  /** The clock the fake runs on. */
  public Clock clock() {
    return runtime.clock();
  }

  /** The fake's current time: the clock's, or a scheduled action's due time while that action runs. */
  public Instant now() {
    return state.now();
  }

  /** The doctors' slugs, in registration order. */
  public List<String> slugs() {
    return state.directory().doctors().stream().map(DoctorSpec::slug).toList();
  }

  // ---- calendar control ------------------------------------------------------------------------

  /**
   * Opens one slot (the clinic adds a time, or a patient cancels a taken one), lasting the
   * service's duration. A slot already free, held or booked is left as it is.
   *
   * @return the slot; {@link FakeSlot#releasedAt()} is when it (last) became free
   * @throws IllegalArgumentException for an unknown calendar or a slot overlapping another
   */
  public FakeSlot openSlot(String slug, String centerId, String serviceId, Instant start) {
    return state.openSlot(slug, centerId, serviceId, start);
  }

  /**
   * Opens a day's calendar: back-to-back slots of the service's duration from {@code from} until
   * the last one that ends by {@code to}, in Tehran time.
   *
   * @throws IllegalArgumentException for an unknown calendar or overlapping slots
   */
  public List<FakeSlot> openSlots(String slug, String centerId, String serviceId, LocalDate day, LocalTime from,
      LocalTime to) {
    return state.openSlots(slug, centerId, serviceId, day, from, to);
  }

  /**
   * Another patient books the slot starting at {@code start}.
   *
   * @return {@code false} if it was not free (unknown, held, booked or already taken)
   * @throws IllegalArgumentException for an unknown calendar
   */
  public boolean takeSlot(String slug, String centerId, String serviceId, Instant start) {
    return state.takeSlot(slug, centerId, serviceId, start);
  }

  /** The calendar's free future slots in start order (held, booked and taken slots are not free). */
  public List<FakeSlot> freeSlots(String slug, String centerId, String serviceId) {
    return state.freeSlots(slug, centerId, serviceId);
  }

  /** Every free future slot of every calendar. */
  public List<FakeSlot> freeSlots() {
    return state.freeSlots();
  }

  /** When the slot starting at {@code slotFrom} last became free, searching every calendar. */
  public Optional<Instant> releaseTime(Instant slotFrom) {
    return state.slotAnywhere(Objects.requireNonNull(slotFrom, "slotFrom")).map(FakeSlot::releasedAt);
  }

  /** When the slot starting at {@code slotFrom} in one calendar last became free. */
  public Optional<Instant> releaseTime(String slug, String centerId, String serviceId, Instant slotFrom) {
    return state.slot(slug, centerId, serviceId, Objects.requireNonNull(slotFrom, "slotFrom")).map(FakeSlot::releasedAt);
  }

  /** Another patient takes a random free future slot (seeded); empty when none is free. */
  public Optional<FakeSlot> takeRandomFreeSlot() {
    return state.takeRandomFreeSlot();
  }

  /** Another patient cancels a random taken future slot, which becomes free (seeded); empty when none. */
  public Optional<FakeSlot> cancelRandomTakenSlot() {
    return state.cancelRandomTakenSlot();
  }

  // ---- scheduled scenarios ---------------------------------------------------------------------

  /**
   * Runs {@code action} once the clock reaches {@code when}: at the first request or {@link #tick()}
   * after that, with the fake's "now" set to {@code when} while it runs. An action that throws is
   * logged and skipped.
   */
  public void schedule(Instant when, Consumer<FakePaziresh24> action) {
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(action, "action");
    state.schedule(when, () -> action.accept(this));
  }

  /** Runs {@code action} at {@code first}, then every {@code period}, forever. */
  public void scheduleEvery(Instant first, Duration period, Consumer<FakePaziresh24> action) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(action, "action");
    requirePositive(period, "period");
    Paziresh24Scenarios.every(state, first, period, () -> action.accept(this));
  }

  /** At {@code when}, the patient holding the slot starting at {@code slotStart} cancels: it becomes free. */
  public void scheduleCancellation(Instant when, String slug, String centerId, String serviceId, Instant slotStart) {
    state.directory().require(slug, centerId, serviceId);
    Objects.requireNonNull(slotStart, "slotStart");
    schedule(when, f -> f.openSlot(slug, centerId, serviceId, slotStart));
  }

  /**
   * At {@code when} the clinic opens {@code days} consecutive days from {@code firstDay} (skipping
   * Fridays, the Iranian weekend), each from {@code from} to {@code to} Tehran time. Use it for "the
   * calendar for next week opens on Saturday at 08:00".
   */
  public void scheduleCalendarOpening(Instant when, String slug, String centerId, String serviceId, LocalDate firstDay,
      int days, LocalTime from, LocalTime to) {
    state.directory().require(slug, centerId, serviceId);
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (days < 1) {
      throw new IllegalArgumentException("days must be positive: " + days);
    }
    schedule(when, f -> {
      for (int i = 0; i < days; i++) {
        LocalDate day = firstDay.plusDays(i);
        if (day.getDayOfWeek() != DayOfWeek.FRIDAY) {
          f.openSlots(slug, centerId, serviceId, day, from, to);
        }
      }
    });
  }

  /**
   * From {@code from} until {@code until}, other patients take a random free slot at random times,
   * on average every {@code meanInterval} (exponential gaps, seeded).
   */
  public void scheduleOtherPatients(Instant from, Instant until, Duration meanInterval) {
    scheduleRandom(from, until, meanInterval, FakePaziresh24::takeRandomFreeSlot);
  }

  /**
   * From {@code from} until {@code until}, other patients cancel a random taken slot at random
   * times, on average every {@code meanInterval} (exponential gaps, seeded): the releases a watcher
   * is waiting for.
   */
  public void scheduleCancellations(Instant from, Instant until, Duration meanInterval) {
    scheduleRandom(from, until, meanInterval, FakePaziresh24::cancelRandomTakenSlot);
  }

  private void scheduleRandom(Instant from, Instant until, Duration meanInterval, Consumer<FakePaziresh24> event) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    requirePositive(meanInterval, "meanInterval");
    Paziresh24Scenarios.randomly(state, from, until, meanInterval, () -> event.accept(this));
  }

  /** Applies every hold expiry and scheduled action due by the clock's current time. */
  public void tick() {
    state.tick();
  }

  // ---- faults and introspection ----------------------------------------------------------------

  /** The fault rules; arm them before or during a test. */
  public Faults faults() {
    return runtime.faults();
  }

  /** The requests received (the newest {@link FakePaziresh24Builder#requestLogLimit(int)}), oldest first. */
  public List<RecordedRequest> requests() {
    return runtime.requests();
  }

  /** The requests received by one endpoint (see the endpoint constants), oldest first. */
  public List<RecordedRequest> requests(String endpoint) {
    return runtime.requests(endpoint);
  }

  /** How many requests reached {@code endpoint} (one of the endpoint constants, for example {@link #GET_FREE_DAYS}). */
  public int requestCount(String endpoint) {
    return runtime.requestCount(endpoint);
  }

  /** How many requests arrived in total. */
  public int requestCount() {
    return runtime.requestCount();
  }

  /** How many holds are live now (expired, released, booked and lost holds are not). */
  public int outstandingHolds() {
    return state.outstandingHolds();
  }

  /** The bookings made through the booking endpoint, oldest first, with their cancellation state. */
  public List<FakeBooking> bookings() {
    return state.bookings();
  }

  /**
   * Simulates a site that answers "booked" but never records the booking (a lost write). While
   * {@code true}, {@link #BOOK} still consumes the hold, takes the slot off the calendar and answers
   * status 1 with a fresh {@code book_info.id} and reference code, but keeps no booking: its
   * {@linkplain #RECEIPT receipt} answers HTTP 404, {@link #bookings()} does not list it and
   * {@link #DELETE_BOOK} does not know its reference code. Bookings made while it is off are
   * unaffected. Default {@code false}; it can be flipped at any time.
   *
   * <p>Use it to check that a booking is reported as verified only once the provider reads it back.
   */
  public void loseBookings(boolean lose) {
    state.loseBookings(lose);
  }

  /**
   * Switches online booking of one service off ({@code true}) or back on, at any time. While off,
   * getFreeDays (both modes), getFreeTurns, getFreeTurn and suspend answer
   * {@code {"status":700,"message":"نوبت دهی اینترنتی غیر فعال است","result":[]}}; the profile shows the
   * service with {@code can_booking} 0, and when every service of the center is off the center shows
   * {@code is_active:false} with its services' {@code id} -1 and {@code can_booking} null (spec 3B).
   *
   * @throws IllegalArgumentException for an unknown calendar
   */
  public void bookingOff(String slug, String centerId, String serviceId, boolean off) {
    state.bookingOff(slug, centerId, serviceId, off);
  }

  /**
   * Turns "strict terminals" on or off at run time (see {@link FakePaziresh24Builder#strictTerminals(boolean)}).
   */
  public void strictTerminals(boolean strict) {
    state.strictTerminals(strict);
  }

  /**
   * How a suspend of a slot that the same terminal already holds is answered: the spec does not say
   * (UNVERIFIED), so each plausible answer is a switch; {@link RepeatedHold#SAME_HOLD} (the same
   * {@code request_code}) by default. {@link RepeatedHold#NEW_HOLD} releases the old hold and answers a
   * new code; {@link RepeatedHold#REFUSED} answers status 300 as for anyone else.
   */
  public void repeatedSuspend(RepeatedHold answer) {
    state.repeatedSuspend(answer);
  }

  /**
   * Turns the Hamdast meta_data check on or off at run time (see {@link FakePaziresh24Builder#requireWidgetMetaData(boolean)}).
   */
  public void requireWidgetMetaData(boolean require) {
    state.requireWidgetMetaData(require);
  }

  /** Every terminal id {@link #SET_TERMINAL} has minted ({@code clinic-<uniqid>}). */
  public java.util.Set<String> mintedTerminals() {
    return state.mintedTerminals();
  }

  /**
   * Whether this mobile called {@link #REGISTER} successfully (the fake does not require register
   * before resetpassword: the real site's behaviour is unknown).
   *
   * @param mobile {@code 09xxxxxxxxx} or {@code 9xxxxxxxxx}
   */
  public boolean registered(String mobile) {
    Objects.requireNonNull(mobile, "mobile");
    return state.registered(mobile.startsWith("0") ? mobile : "0" + mobile);
  }

  /**
   * Marks a payment-required booking paid (as if the patient paid on the factor page): it is then
   * movable. {@code false} for an unknown book id.
   */
  public boolean markPaid(String bookId) {
    return state.pay(Objects.requireNonNull(bookId, "bookId"));
  }

  /**
   * Whether a recorded {@link #GET_FREE_DAYS} request asked for all-slots mode (spec 4.1b): its form
   * (or query) had no {@code return_free_turns} field. Calendar-mode calls (spec 4.1) carry it.
   */
  public static boolean isAllSlotsRequest(RecordedRequest request) {
    Objects.requireNonNull(request, "request");
    return request.endpoint().equals(GET_FREE_DAYS) && request.field("return_free_turns").map(String::isBlank)
        .orElse(true);
  }

  /** How many logged {@link #GET_FREE_DAYS} requests were all-slots calls (see {@link #isAllSlotsRequest}). */
  public int allSlotsRequestCount() {
    return (int) requests(GET_FREE_DAYS).stream().filter(FakePaziresh24::isAllSlotsRequest).count();
  }

  /** How many logged {@link #GET_FREE_DAYS} requests were calendar-mode calls (with {@code return_free_turns}). */
  public int calendarModeRequestCount() {
    return (int) requests(GET_FREE_DAYS).stream().filter(r -> !isAllSlotsRequest(r)).count();
  }

  /** The most requests in flight at once since start or {@link #resetCounters()}. */
  public int maxConcurrentRequests() {
    return runtime.maxConcurrentRequests();
  }

  /** Clears the request log and counts, the concurrency peak and the rate-limit windows. */
  public void resetCounters() {
    runtime.resetCounters();
  }

  /**
   * Logs an account in without the SMS round trip, as if it had completed the OTP login.
   *
   * @param mobile {@code 09xxxxxxxxx} or {@code 9xxxxxxxxx}
   * @throws IllegalArgumentException for anything else
   */
  public FakeAccount login(String mobile) {
    Objects.requireNonNull(mobile, "mobile");
    if (!mobile.matches("0?9\\d{9}")) {
      throw new IllegalArgumentException("mobile must look like 09121234567");
    }
    return state.login(mobile.startsWith("0") ? mobile : "0" + mobile);
  }

  /**
   * Gives the account with this mobile (created if new) its holder's details, as {@link #AUTH_ME} lists
   * them in {@code users[0]}: {@code name}, {@code family}, {@code national_code}, and {@code cell}
   * without its leading 0 (spec 7, 11). Until set they are empty strings, as for an account that never
   * filled in its profile.
   *
   * @param mobile {@code 09xxxxxxxxx} or {@code 9xxxxxxxxx}
   * @return the holder, with the account's user id
   * @throws IllegalArgumentException for another mobile form
   */
  public FakeAccountUser accountHolder(String mobile, String name, String family, String nationalCode) {
    return state.accountHolder(cell(mobile, "mobile"), name, family, nationalCode);
  }

  /**
   * Adds a family member to the account with this mobile (created if new): {@link #AUTH_ME} then lists
   * them after the holder, in the order added, in the same {@code users[]} element shape (spec 11), with a
   * fresh numeric {@code id}. A booking for them sends that id as {@code selected_user_id} (spec 5.4),
   * which {@link FakeBooking#selectedUserId()} records. Whether the real {@code auth/me} lists family
   * members is UNVERIFIED (the spec's example has one user); the fake serves no sub-user endpoint
   * ({@code /api/listSubUser}: its answer is not in the spec).
   *
   * @param accountMobile the account's mobile, {@code 09xxxxxxxxx} or {@code 9xxxxxxxxx}
   * @param cell the member's mobile, {@code 09xxxxxxxxx} or {@code 9xxxxxxxxx} (several people may share one)
   * @return the member, with its new id
   * @throws IllegalArgumentException for another mobile form
   */
  public FakeAccountUser addAccountUser(String accountMobile, String name, String family, String nationalCode,
      String cell) {
    return state.addAccountUser(cell(accountMobile, "accountMobile"), name, family, nationalCode, cell(cell, "cell"));
  }

  /**
   * The people of the account with this mobile (created if new) as {@link #AUTH_ME} lists them: the
   * holder first, then the family members in the order added.
   */
  public List<FakeAccountUser> accountUsers(String mobile) {
    return state.accountUsers(cell(mobile, "mobile"));
  }

  private static String cell(String mobile, String name) {
    Objects.requireNonNull(mobile, name);
    if (!mobile.matches("0?9\\d{9}")) {
      throw new IllegalArgumentException(name + " must look like 09121234567");
    }
    return mobile.startsWith("0") ? mobile : "0" + mobile;
  }

  @Override
  public String toString() {
    return runtime.describe("FakePaziresh24", slugs());
  }

  /** Tehran midnight of {@code day}, handy for expectations on {@code calendar.turns}. */
  public static long tehranMidnight(LocalDate day) {
    return ZonedDateTime.of(day, LocalTime.MIDNIGHT, SlotHunterZones.TEHRAN).toEpochSecond();
  }
}
