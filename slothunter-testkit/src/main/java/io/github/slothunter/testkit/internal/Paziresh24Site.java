package io.github.slothunter.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Calendar;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24State.BookingRecord;
import io.github.slothunter.testkit.internal.Paziresh24State.User;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import io.github.slothunter.testkit.internal.SlotCalendars.Hold;
import io.github.slothunter.testkit.internal.SlotCalendars.State;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Paziresh24 protocol over {@link Paziresh24State}: routing every real host's paths from one
 * base URL, validating like the site, answering in the site's JSON and HTML shapes. Thread-safe:
 * each request runs under the state's monitor.
 */
public final class Paziresh24Site implements Site {
  /** Endpoint names (the public constants on {@code FakePaziresh24} repeat these). */
  public static final String HOME = "home";
  public static final String PROFILE_PAGE = "profilePage";
  public static final String DOCTOR_PROFILE = "doctorProfile";
  public static final String FULL_PROFILE = "fullProfile";
  public static final String GET_FREE_DAYS = "getFreeDays";
  public static final String GET_FREE_TURNS = "getFreeTurns";
  public static final String GET_FREE_TURN = "getFreeTurn";
  public static final String SUSPEND = "suspend";
  public static final String UNSUSPEND = "unsuspend";
  public static final String BOOK = "book";
  public static final String DELETE_BOOK = "deleteBook";
  public static final String SET_TERMINAL = "setTerminal";
  public static final String REGISTER = "register";
  public static final String RESET_PASSWORD = "resetpassword";
  public static final String LOGIN = "login";
  public static final String AUTH_ME = "me";
  public static final String RECEIPT = "receipt";
  public static final String SEARCH = "search";
  public static final String MOVE_BOOK = "moveBook";
  public static final String SERVICE_PRICE = "servicePrice";
  public static final String BOOKING_WIDGETS = "bookingWidgets";
  public static final String WIDGET_ADDON = "widgetAddon";
  public static final String AVAILABILITY_STATUS = "availabilityStatus";
  public static final String FACTOR = "factor";
  public static final String UNKNOWN = "unknown";

  private static final Set<String> RPC = Set.of(GET_FREE_DAYS, GET_FREE_TURNS, GET_FREE_TURN, SUSPEND, UNSUSPEND,
      BOOK, DELETE_BOOK, SET_TERMINAL);
  private static final Pattern UUID_V4 = Pattern.compile(
      "(?i)[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern CLINIC_TERMINAL = Pattern.compile("clinic-\\d{13}\\.\\d{8}");
  /** The real shape (spec 2.2): {@code clinic-} + PHP {@code uniqid("", true)}. */
  private static final Pattern CLINIC_UNIQID = Pattern.compile("clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}");
  private static final Pattern CELL = Pattern.compile("09\\d{9}");
  static final Pattern DIGITS = Pattern.compile("-?\\d{1,12}");

  static final String MSG_OK = "درخواست شما با موفقیت انجام شد";
  static final String MSG_NO_FREE_SLOT = "عدم وجود نوبت خالی (تکمیل ظرفیت)";
  static final String MSG_BOOKING_OFF = "نوبت دهی اینترنتی غیر فعال است";
  static final String MSG_BAD_TERMINAL = "شناسه ترمینال نامعتبر است.";
  static final String MSG_WIDGET_META = "اطلاعات افزونه پیش از نوبت ارسال نشده است.";
  static final String MSG_MOVE_ONLINE = "جابجایی نوبت ویزیت آنلاین امکان پذیر نیست.";
  static final String MSG_MOVE_UNPAID = "نوبت پرداخت نشده قابل جابجایی نیست.";
  static final String MSG_MOVE_DELETED = "این نوبت لغو شده است و قابل جابجایی نیست.";
  static final String MSG_MOVE_PAST = "زمان این نوبت گذشته است و قابل جابجایی نیست.";
  static final String MSG_MOVE_HOLD = "نوبت انتخاب شده برای جابجایی معتبر نیست یا زمان نگهداری آن به پایان رسیده است.";
  static final String MSG_INVALID = "اطلاعات ارسال شده معتبر نیست.";
  static final String MSG_REQUIRED = "وارد کردن این فیلد الزامی است.";
  static final String MSG_TERMINAL = "شناسه ترمینال (terminal_id) معتبر نیست.";
  static final String MSG_CENTER = "مرکز درمانی مورد نظر یافت نشد.";
  static final String MSG_SERVICE = "خدمت مورد نظر در این مرکز یافت نشد.";
  static final String MSG_USER_CENTER = "اطلاعات پزشک در این مرکز (user_center_id) معتبر نیست.";
  static final String MSG_SERVER = "server_id معتبر نیست.";
  static final String MSG_NO_SUCH_SLOT = "نوبت انتخاب شده در تقویم پزشک وجود ندارد.";
  static final String MSG_SLOT_GONE = "این نوبت توسط فرد دیگری رزرو شده است. لطفا زمان دیگری انتخاب کنید.";
  static final String MSG_HOLD_EXPIRED = "زمان شما برای دریافت این نوبت به پایان رسیده است. لطفا دوباره زمان نوبت را انتخاب کنید.";
  static final String MSG_NO_FREE_TURN = "در حال حاضر نوبت خالی برای این خدمت وجود ندارد.";
  static final String MSG_UNAUTHENTICATED = "لطفا ابتدا وارد حساب کاربری خود شوید.";
  static final String MSG_DUPLICATE = "شما برای این پزشک یک نوبت فعال دارید.";
  static final String MSG_NO_BOOKING = "نوبتی با این مشخصات یافت نشد.";
  static final String MSG_NATIONAL_CODE_MISMATCH = "کد ملی با اطلاعات نوبت مطابقت ندارد.";
  static final String MSG_ALREADY_CANCELLED = "این نوبت قبلا لغو شده است.";
  static final String MSG_BAD_CELL = "شماره تلفن همراه معتبر نیست.";
  static final String MSG_OTP_SENT = "کد تایید برای شما ارسال شد.";
  static final String MSG_WRONG_OTP = "کد تایید وارد شده صحیح نیست یا منقضی شده است.";
  static final String MSG_TOO_MANY = "تعداد درخواست‌های شما در دقایق گذشته بیش از حد مجاز بوده است. "
      + "لطفا چند دقیقه دیگر دوباره تلاش کنید.";

  private final Paziresh24State state;
  private final FaultRules faults;
  private final Paziresh24Login login;
  private final Paziresh24Addons addons;
  private final Paziresh24Calendars calendars;

  /** The protocol over this state; {@code faults} supplies the take-slot-after-hold fault. */
  public Paziresh24Site(Paziresh24State state, FaultRules faults) {
    this.state = state;
    this.faults = faults;
    this.login = new Paziresh24Login(state);
    this.addons = new Paziresh24Addons(state);
    this.calendars = new Paziresh24Calendars(state);
  }

  // ---- Site ------------------------------------------------------------------------------------

  @Override
  public String endpoint(IncomingRequest r) {
    List<String> s = r.segments();
    int n = s.size();
    if (n == 0) {
      return HOME;
    }
    switch (s.get(0)) {
      case "dr":
        return n == 2 ? PROFILE_PAGE : UNKNOWN;
      case "factor":
        return n == 3 ? FACTOR : UNKNOWN;
      case "api":
        if (n == 2 && RPC.contains(s.get(1))) {
          return s.get(1);
        }
        if (n == 2 && s.get(1).equals(MOVE_BOOK)) {
          return MOVE_BOOK;
        }
        if (n == 3 && s.get(1).equals("v1") && s.get(2).equals("widgets")) {
          return BOOKING_WIDGETS;
        }
        if (n == 3 && s.get(1).equals("full-profile")) {
          return FULL_PROFILE;
        }
        return n == 3 && s.get(1).equals("doctors") ? DOCTOR_PROFILE : UNKNOWN;
      case "booking":
        return n == 3 && s.get(1).equals("v2") && RPC.contains(s.get(2)) ? s.get(2) : UNKNOWN;
      case "moshir":
        return n == 3 && s.get(1).equals("v1") && s.get(2).equals(DELETE_BOOK) ? DELETE_BOOK : UNKNOWN;
      case "gozargah":
        if (n == 2 && (s.get(1).equals(REGISTER) || s.get(1).equals(RESET_PASSWORD))) {
          return s.get(1);
        }
        return n == 3 && s.get(1).equals("v1") && s.get(2).equals(LOGIN) ? LOGIN : UNKNOWN;
      case "v1":
        if (n == 2 && s.get(1).equals("service-price")) {
          return SERVICE_PRICE;
        }
        if (n == 3 && s.get(1).equals("full-profile")) {
          return FULL_PROFILE;
        }
        if (n == 4 && s.get(1).equals("doctors") && s.get(3).equals("availability-status")) {
          return AVAILABILITY_STATUS;
        }
        if (n == 4 && s.get(1).equals("apps") && (s.get(3).equals("prebook") || s.get(3).equals("verify"))) {
          return WIDGET_ADDON;
        }
        return n == 3 && s.get(1).equals("auth") && s.get(2).equals("me") ? AUTH_ME : UNKNOWN;
      case "user":
        return n == 5 && s.get(1).equals("v1") && s.get(2).equals("book") ? RECEIPT : UNKNOWN;
      case "seapi":
        return (n == 4 || n == 5) && s.get(1).equals("v1") && s.get(2).equals("search") ? SEARCH : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  @Override
  public String clientId(IncomingRequest r) {
    return r.param("terminal_id").orElse(r.remoteHost());
  }

  @Override
  public void tick() {
    state.tick();
  }

  @Override
  public FakeResponse siteError(String endpoint, String message) {
    return status0(message, Map.of());
  }

  @Override
  public FakeResponse rateLimited(String endpoint, Duration retryAfter) {
    return FakeResponse.json(429, Json.object().put("status", 0).put("message", MSG_TOO_MANY))
        .withRetryAfter(retryAfter);
  }

  @Override
  public FakeResponse handle(String endpoint, IncomingRequest r) {
    synchronized (state) {
      switch (endpoint) {
        case HOME: return get(r).orElseGet(this::home);
        case PROFILE_PAGE: return get(r).orElseGet(() -> profilePage(r));
        case DOCTOR_PROFILE: return get(r).orElseGet(() -> doctorProfile(r));
        case FULL_PROFILE: return get(r).orElseGet(() -> fullProfile(r));
        case SEARCH: return get(r).orElseGet(() -> Paziresh24SearchPages.search(state, r));
        case RECEIPT: return get(r).orElseGet(() -> receipt(r));
        case AUTH_ME: return get(r).orElseGet(() -> login.me(r));
        case REGISTER: return post(r).orElseGet(() -> login.register(r));
        case RESET_PASSWORD: return post(r).orElseGet(() -> login.resetPassword(r));
        case LOGIN: return post(r).orElseGet(() -> login.login(r));
        case SET_TERMINAL: return post(r).orElseGet(() -> setTerminal(r));
        case DELETE_BOOK: return post(r).orElseGet(() -> deleteBook(r));
        case MOVE_BOOK: return post(r).orElseGet(() -> moveBook(r));
        case SERVICE_PRICE: return get(r).orElseGet(() -> addons.servicePrice(r));
        case BOOKING_WIDGETS: return get(r).orElseGet(() -> addons.widgets(r));
        case WIDGET_ADDON: return post(r).orElseGet(() -> addons.widgetAddon(r));
        case AVAILABILITY_STATUS: return get(r).orElseGet(() -> availability(r));
        case FACTOR: return get(r).orElseGet(() -> addons.factor(r));
        case GET_FREE_DAYS:
        case GET_FREE_TURNS:
        case GET_FREE_TURN:
        case SUSPEND:
        case UNSUSPEND:
        case BOOK:
          return post(r).orElseGet(() -> bookingRpc(endpoint, r));
        default:
          return notFound(r);
      }
    }
  }

  private static Optional<FakeResponse> get(IncomingRequest r) {
    return r.method().equals("GET") || r.method().equals("HEAD") ? Optional.empty() : Optional.of(notAllowed(r, "GET, HEAD"));
  }

  private static Optional<FakeResponse> post(IncomingRequest r) {
    return r.method().equals("POST") ? Optional.empty() : Optional.of(notAllowed(r, "POST"));
  }

  private static FakeResponse notAllowed(IncomingRequest r, String allowed) {
    return FakeResponse.json(405, Json.object().put("message", "The " + r.method() + " method is not supported for route "
        + r.path() + ". Supported methods: " + allowed + ".")).withHeader("Allow", allowed);
  }

  static FakeResponse notFound(IncomingRequest r) {
    return FakeResponse.json(404, Json.object().put("message", "Not Found"));
  }

  // ---- envelopes -------------------------------------------------------------------------------

  static ObjectNode ok(String message) {
    return Json.object().put("status", 1).put("message", message);
  }

  /** {@code {"status":N,"message":...,"result":[]}}: the getFreeDays 32 and 700 bodies (spec 11). */
  static FakeResponse statusWithEmptyResult(int status, String message) {
    ObjectNode body = Json.object().put("status", status).put("message", message);
    body.putArray("result");
    return FakeResponse.json(200, body);
  }

  /** Status 3, terminal rejected: the body is UNVERIFIED in the spec, so the general envelope. */
  private static FakeResponse status3() {
    return FakeResponse.json(200, Json.object().put("status", 3).put("message", MSG_BAD_TERMINAL));
  }

  /** Status 3 when strict terminals are on and the request names a terminal id the fake never minted. */
  private Optional<FakeResponse> strictTerminal(IncomingRequest r) {
    Optional<String> t = r.param("terminal_id");
    if (state.strictTerminals() && t.isPresent() && !state.isMintedTerminal(t.get())) {
      return Optional.of(status3());
    }
    return Optional.empty();
  }

  /** {@code http://<Host>} of the request: the fake's own base URL as the client reached it. */
  static String origin(IncomingRequest r) {
    return "http://" + r.header("host").orElse("127.0.0.1");
  }

  static FakeResponse status0(String message, Map<String, String> details) {
    ObjectNode body = Json.object().put("status", 0).put("message", message);
    if (!details.isEmpty()) {
      ObjectNode d = body.putObject("details");
      details.forEach(d::put);
    }
    return FakeResponse.json(200, body);
  }

  private static FakeResponse status300(String message) {
    return FakeResponse.json(200, Json.object().put("status", 300).put("message", message));
  }

  static FakeResponse unauthenticated() {
    return FakeResponse.json(401, Json.object().put("status", 0).put("message", MSG_UNAUTHENTICATED));
  }

  static FakeResponse missing(List<String> fields) {
    Map<String, String> details = new LinkedHashMap<>();
    for (String f : fields) {
      details.put(f, MSG_REQUIRED);
    }
    return status0(MSG_INVALID, details);
  }

  private static List<String> absent(IncomingRequest r, String... names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (r.param(n).isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  // ---- booking RPC -----------------------------------------------------------------------------

  /** Whether a terminal id looks like one the site hands out or accepts. */
  static boolean validTerminal(String id) {
    return UUID_V4.matcher(id).matches() || CLINIC_TERMINAL.matcher(id).matches()
        || CLINIC_UNIQID.matcher(id).matches();
  }

  private FakeResponse bookingRpc(String endpoint, IncomingRequest r) {
    Optional<FakeResponse> strict = strictTerminal(r);
    if (strict.isPresent()) {
      return strict.get();
    }
    Optional<String> terminal = r.param("terminal_id");
    // pure reads work without a terminal id (spec 2, 2.2: MCP calls getFreeDays without one)
    boolean read = endpoint.equals(GET_FREE_DAYS) || endpoint.equals(GET_FREE_TURNS);
    if (terminal.isEmpty() && !read || terminal.isPresent() && !validTerminal(terminal.get())) {
      return status0(MSG_TERMINAL, Map.of("terminal_id", terminal.isEmpty() ? MSG_REQUIRED : MSG_TERMINAL));
    }
    switch (endpoint) {
      case UNSUSPEND: return unsuspend(r, terminal.get());
      case BOOK: return book(r, terminal.get());
      default: break;
    }
    List<String> missing = absent(r, "center_id", "service_id", "user_center_id");
    if (!missing.isEmpty()) {
      return missing(missing);
    }
    String centerId = r.param("center_id").orElseThrow();
    List<Calendar> atCenter = state.directory().atCenter(centerId);
    if (atCenter.isEmpty()) {
      return status0(MSG_CENTER, Map.of());
    }
    String serviceId = r.param("service_id").orElseThrow();
    List<Calendar> services = new ArrayList<>();
    for (Calendar c : atCenter) {
      if (c.service().id().equals(serviceId)) {
        services.add(c);
      }
    }
    if (services.isEmpty()) {
      return status0(MSG_SERVICE, Map.of());
    }
    String userCenterId = r.param("user_center_id").orElseThrow();
    Optional<Calendar> found = services.stream().filter(c -> c.service().userCenterId().equals(userCenterId)).findFirst();
    if (found.isEmpty()) {
      return status0(MSG_USER_CENTER, Map.of("user_center_id", MSG_USER_CENTER));
    }
    Calendar cal = found.get();
    Optional<String> serverId = r.param("server_id");
    if (serverId.isPresent() && !serverId.get().equals(cal.center().serverId())) {
      return status0(MSG_SERVER, Map.of("server_id", MSG_SERVER));
    }
    if (!Paziresh24Pages.bookable(state, cal)) {
      // spec 2.1: 700 = online booking switched off, or the service is not bookable online
      return statusWithEmptyResult(700, MSG_BOOKING_OFF);
    }
    switch (endpoint) {
      case GET_FREE_DAYS: return calendars.freeDays(cal, r);
      case GET_FREE_TURNS: return calendars.freeTurns(cal, r);
      case GET_FREE_TURN: return firstFreeTurn(cal, r, terminal.get());
      default: return suspend(cal, r, terminal.get());
    }
  }

  private FakeResponse firstFreeTurn(Calendar cal, IncomingRequest r, String terminal) {
    List<Entry> free = state.calendars.free(cal.key(), state.now());
    if (free.isEmpty()) {
      return status0(MSG_NO_FREE_TURN, Map.of());
    }
    Hold h = hold(free.get(0), r, terminal);
    Instant now = state.now();
    java.time.ZonedDateTime at = h.entry().from().atZone(SlotHunterZones.TEHRAN);
    LocalDate today = now.atZone(SlotHunterZones.TEHRAN).toLocalDate();
    String hhmm = String.format(java.util.Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute());
    String dayText = at.toLocalDate().equals(today) ? "امروز (" + JalaliFormat.PERSIAN.weekday(at.getDayOfWeek()) + ")"
        : at.toLocalDate().equals(today.plusDays(1)) ? "فردا (" + JalaliFormat.PERSIAN.weekday(at.getDayOfWeek()) + ")"
        : JalaliFormat.PERSIAN.weekday(at.toLocalDate()) + " " + JalaliFormat.PERSIAN.longDate(at.toLocalDate());
    String full = dayText + "  - ساعت: " + JalaliFormat.persianDigits(hhmm);
    long todayKey = Paziresh24Calendars.dayKey(today);
    ObjectNode body = ok(MSG_OK);
    ObjectNode result = body.putObject("result")
        .put("message", "")
        .put("timestamp", h.entry().from().getEpochSecond())
        .put("date", JalaliFormat.toJalali(at.toLocalDate()).toString().replace('/', '-'))
        .put("time", hhmm)
        .put("request_code", h.code())
        .put("from", h.entry().from().getEpochSecond())
        .put("to", h.entry().to().getEpochSecond());
    ObjectNode av = result.putObject("availibility");
    av.putObject("free_turn").put("from", h.entry().from().getEpochSecond());
    av.putObject("range_date").put("from_hour", "00:00").put("from_date", todayKey).put("is_allow", true)
        .put("from_timestamp", todayKey).put("from_jalali", JalaliFormat.toJalali(today).toString() + " 00:00");
    av.put("booking_hours", "00:00-23:59");
    av.putObject("range").put("from", "0").put("to", Integer.toString(state.settings.bookingWindowDays()));
    av.put("now", now.getEpochSecond());
    result.put("spent_time", 0.01).put("timeString", full).put("full_date", full)
        .put("label", "اولین نوبت خالی (زمان تقریبی)");
    body.putNull("info_book_consult");
    body.put("server_id", cal.center().serverId()).put("server_name", "سرور اصلی");
    return FakeResponse.json(200, body);
  }

  private FakeResponse suspend(Calendar cal, IncomingRequest r, String terminal) {
    List<String> missing = absent(r, "from", "to");
    if (!missing.isEmpty()) {
      return missing(missing);
    }
    String from = r.param("from").orElseThrow();
    String to = r.param("to").orElseThrow();
    if (!DIGITS.matcher(from).matches() || !DIGITS.matcher(to).matches()) {
      return status0(MSG_INVALID, Map.of("from", "زمان نوبت معتبر نیست."));
    }
    Optional<Entry> slot = state.calendars.find(cal.key(), Instant.ofEpochSecond(Long.parseLong(from)));
    if (slot.isEmpty() || !slot.get().from().isAfter(state.now())) {
      return status0(MSG_NO_SUCH_SLOT, Map.of());
    }
    Entry e = slot.get();
    if (e.to().getEpochSecond() != Long.parseLong(to)) {
      return status0(MSG_NO_SUCH_SLOT, Map.of("to", "زمان پایان نوبت معتبر نیست."));
    }
    if (e.state() == State.HELD && e.hold().orElseThrow().owner().equals(terminal)) {
      // the same terminal asks again: the spec does not say what the site answers, so it is a switch
      switch (state.repeatedSuspend()) {
        case SAME_HOLD:
          return FakeResponse.json(200, ok(MSG_OK).put("request_code", e.hold().orElseThrow().code()));
        case NEW_HOLD:
          state.calendars.release(e.hold().orElseThrow(), state.now());
          return FakeResponse.json(200, ok(MSG_OK).put("request_code", hold(e, r, terminal).code()));
        default:
          return status300(MSG_SLOT_GONE);
      }
    }
    if (e.state() != State.FREE) {
      return status300(MSG_SLOT_GONE);
    }
    Hold h = hold(e, r, terminal);
    return FakeResponse.json(200, ok(MSG_OK).put("request_code", h.code()));
  }

  private Hold hold(Entry e, IncomingRequest r, String terminal) {
    String userId = state.userOf(r.bearerToken()).map(u -> u.id).orElse("");
    String code;
    do {
      code = state.uniqid();
    } while (state.calendars.holdByCode(code).isPresent());
    Hold h = state.calendars.hold(e, code, terminal, userId, state.now(), state.settings.holdTtl());
    if (faults.consumeTakeSlotAfterHold()) {
      state.calendars.lose(h);
    }
    return h;
  }

  private FakeResponse unsuspend(IncomingRequest r, String terminal) {
    List<String> missing = absent(r, "center_id", "request_code");
    if (!missing.isEmpty()) {
      return missing(missing);
    }
    Optional<Hold> h = state.calendars.holdByCode(r.param("request_code").orElseThrow());
    if (h.isPresent() && h.get().live() && h.get().owner().equals(terminal)) {
      state.calendars.release(h.get(), state.now());
    }
    return FakeResponse.json(200, ok(MSG_OK));
  }

  private FakeResponse book(IncomingRequest r, String terminal) {
    Optional<User> user = state.userOf(r.bearerToken());
    if (user.isEmpty()) {
      return unauthenticated();
    }
    List<String> missing = absent(r, "request_code", "center_id");
    if (!missing.isEmpty()) {
      return missing(missing);
    }
    Map<String, String> details = validatePatient(r);
    if (!details.isEmpty()) {
      return status0(MSG_INVALID, details);
    }
    Optional<Hold> found = state.calendars.holdByCode(r.param("request_code").orElseThrow());
    if (found.isEmpty() || !found.get().owner().equals(terminal)) {
      return status300(MSG_HOLD_EXPIRED);
    }
    Hold h = found.get();
    if (h.lost()) {
      return status300(MSG_SLOT_GONE);
    }
    if (!h.live()) {
      return status300(MSG_HOLD_EXPIRED);
    }
    Calendar cal = state.directory()
        .require(h.entry().key().doctorKey(), h.entry().key().centerId(), h.entry().key().serviceId());
    if (!cal.center().id().equals(r.param("center_id").orElseThrow())) {
      return status0(MSG_INVALID, Map.of("center_id", "مرکز درمانی با نوبت انتخاب شده مطابقت ندارد."));
    }
    Map<String, String> patient = new LinkedHashMap<>();
    for (String f : List.of("first_name", "last_name", "cell", "national_code", "selected_user_id")) {
      patient.put(f, r.formField(f).orElse(""));
    }
    if (state.settings.rejectDuplicateBookings()
        && state.hasActiveBooking(patient.get("national_code"), cal.doctor().slug())) {
      return status0(MSG_DUPLICATE, Map.of());
    }
    if (state.requireWidgetMetaData()) {
      for (Paziresh24Directory.Widget w : cal.doctor().widgets()) {
        for (String key : w.metaData().keySet()) {
          if (r.formField(key).isEmpty()) {
            return status0(MSG_WIDGET_META, Map.of());
          }
        }
      }
    }
    boolean pay = paymentRequired(cal);
    BookingRecord b = state.book(h, cal, user.get(), terminal, patient, pay);
    ObjectNode body = ok(MSG_OK);
    body.putObject("book_info")
        .put("id", b.bookId)
        .put("reference_code", b.referenceCode)
        .put("from", b.entry.from().getEpochSecond())
        .put("center_id", cal.center().id());
    body.putObject("details").put("from", b.entry.from().getEpochSecond());
    body.putObject("payment").put("reqiure_payment", pay ? "1" : "0")
        .put("redirect_url", pay ? origin(r) + "/factor/" + cal.center().id() + "/" + b.bookId : "");
    return FakeResponse.json(200, body);
  }

  /** A priced service ({@code free_price > 0}) or the online center needs online payment (spec 5.6). */
  static boolean paymentRequired(Calendar cal) {
    return cal.service().price() > 0 || cal.center().id().equals(Paziresh24Pages.ONLINE_CENTER);
  }

  private static Map<String, String> validatePatient(IncomingRequest r) {
    Map<String, String> details = new LinkedHashMap<>();
    if (r.formField("first_name").isEmpty()) {
      details.put("نام", "وارد کردن نام الزامی است.");
    }
    if (r.formField("last_name").isEmpty()) {
      details.put("نام خانوادگی", "وارد کردن نام خانوادگی الزامی است.");
    }
    Optional<String> cell = r.formField("cell");
    if (cell.isEmpty() || !CELL.matcher(cell.get()).matches()) {
      details.put("تلفن همراه", MSG_BAD_CELL);
    }
    if (!r.formField("is_foreigner").orElse("0").equals("1")) {
      Optional<String> nc = r.formField("national_code");
      if (nc.isEmpty()) {
        details.put("کد ملی", "وارد کردن کد ملی الزامی است.");
      } else if (!validNationalCode(nc.get())) {
        details.put("کد ملی", "کد ملی وارد شده معتبر نیست.");
      }
    }
    return details;
  }

  /** The Iranian national-code check: 10 ASCII digits, not all equal, valid check digit. */
  static boolean validNationalCode(String s) {
    if (s.length() != 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9') || s.chars().distinct().count() == 1) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (s.charAt(i) - '0') * (10 - i);
    }
    int rem = sum % 11;
    int check = s.charAt(9) - '0';
    return rem < 2 ? check == rem : check == 11 - rem;
  }

  private FakeResponse deleteBook(IncomingRequest r) {
    Optional<FakeResponse> strict = strictTerminal(r);
    if (strict.isPresent()) {
      return strict.get();
    }
    List<String> missing = absent(r, "center_id", "reference_code", "national_code");
    if (!missing.isEmpty()) {
      return missing(missing);
    }
    Optional<BookingRecord> b = state.bookingByReference(r.param("reference_code").orElseThrow());
    if (b.isEmpty() || !b.get().calendar.center().id().equals(r.param("center_id").orElseThrow())) {
      return status0(MSG_NO_BOOKING, Map.of());
    }
    if (!b.get().nationalCode.equals(r.param("national_code").orElseThrow())) {
      return status0(MSG_NATIONAL_CODE_MISMATCH, Map.of());
    }
    if (b.get().cancelled) {
      return status0(MSG_ALREADY_CANCELLED, Map.of());
    }
    state.cancel(b.get());
    return FakeResponse.json(200, ok(MSG_OK));
  }

  /** Mints {@code clinic-<uniqid>} whatever the browser sent (spec 2.2, 11: the reply is {@code {"id":...}}). */
  private FakeResponse setTerminal(IncomingRequest r) {
    return FakeResponse.json(200, Json.object().put("id", state.mintTerminal()));
  }

  // ---- moveBook --------------------------------------------------------------------------------

  /** moveBook (spec 8): the booking with {@code reference_code} moves onto the hold {@code request_code}. */
  private FakeResponse moveBook(IncomingRequest r) {
    Optional<FakeResponse> strict = strictTerminal(r);
    if (strict.isPresent()) {
      return strict.get();
    }
    Optional<User> user = state.userOf(r.bearerToken());
    if (user.isEmpty()) {
      return unauthenticated();
    }
    List<String> missing = absent(r, "center_id", "reference_code", "request_code");
    if (!missing.isEmpty()) {
      return missing(missing);
    }
    String centerId = r.param("center_id").orElseThrow();
    Optional<BookingRecord> found = state.bookingByReference(r.param("reference_code").orElseThrow());
    if (found.isEmpty() || !found.get().calendar.center().id().equals(centerId)
        || !found.get().userId.equals(user.get().id)) {
      return status0(MSG_NO_BOOKING, Map.of());
    }
    BookingRecord b = found.get();
    if (b.cancelled) {
      return status0(MSG_MOVE_DELETED, Map.of());
    }
    if (b.calendar.center().id().equals(Paziresh24Pages.ONLINE_CENTER)) {
      return status0(MSG_MOVE_ONLINE, Map.of());
    }
    if (b.paymentRequired && !b.paid) {
      return status0(MSG_MOVE_UNPAID, Map.of());
    }
    if (!b.entry.from().isAfter(state.now())) {
      return status0(MSG_MOVE_PAST, Map.of());
    }
    Optional<Hold> h = state.calendars.holdByCode(r.param("request_code").orElseThrow());
    if (h.isEmpty() || !h.get().live() || h.get().lost() || !h.get().entry().key().equals(b.calendar.key())) {
      return status0(MSG_MOVE_HOLD, Map.of());
    }
    state.move(b, h.get());
    return FakeResponse.json(200, ok(MSG_OK));
  }

  // ---- receipt ---------------------------------------------------------------------------------

  private FakeResponse receipt(IncomingRequest r) {
    Optional<User> u = state.userOf(r.bearerToken());
    if (u.isEmpty()) {
      return unauthenticated();
    }
    List<String> s = r.segments();
    Optional<BookingRecord> found = state.bookingById(s.get(4));
    if (found.isEmpty() || !found.get().calendar.center().id().equals(s.get(3))) {
      return FakeResponse.json(404, Json.object().put("status", 0).put("message", MSG_NO_BOOKING));
    }
    BookingRecord b = found.get();
    if (!b.userId.equals(u.get().id)) {
      return FakeResponse.json(403, Json.object().put("status", 0).put("message", "Forbidden"));
    }
    Calendar cal = b.calendar;
    java.time.ZonedDateTime at = b.entry.from().atZone(SlotHunterZones.TEHRAN);
    String status = b.cancelled ? "deleted" : b.entry.from().isAfter(state.now()) ? "not_visited" : "expired";
    ObjectNode wrapper = Json.object();
    ObjectNode body = wrapper.putObject("data")
        .put("book_id", b.bookId)
        .put("book_time", b.entry.from().getEpochSecond())
        .put("book_time_string", JalaliFormat.PERSIAN.dateTime(at.toInstant()))
        .put("reference_code", b.referenceCode)
        .put("book_status", status)
        .put("is_deleted", b.cancelled)
        .put("is_book_request", false)
        .put("is_online_visit", cal.center().id().equals(Paziresh24Pages.ONLINE_CENTER))
        .put("center_id", cal.center().id());
    body.set("server_id", Paziresh24Pages.number(cal.center().serverId()));
    body.putObject("patient").put("name", b.firstName).put("family", b.lastName).put("cell", b.cell)
        .put("national_code", b.nationalCode);
    ObjectNode doctor = body.putObject("doctor").put("id", cal.doctor().id())
        .put("display_name", cal.doctor().displayName()).put("slug", cal.doctor().slug());
    doctor.set("server_id", Paziresh24Pages.number(cal.doctor().serverId()));
    doctor.put("display_expertise", cal.doctor().displayExpertise());
    body.putObject("center").put("name", cal.center().name()).put("address", cal.center().address())
        .put("display_number", cal.center().phone());
    body.putArray("services").addObject().put("id", cal.service().id()).put("title", cal.service().title());
    body.put("share_url", origin(r) + "/receipt/" + cal.center().id() + "/" + b.bookId + "/");
    return FakeResponse.json(200, wrapper);
  }

  // ---- profile, search -------------------------------------------------------------------------

  private FakeResponse doctorProfile(IncomingRequest r) {
    String slug = r.segments().get(2);
    Optional<DoctorSpec> d = state.directory().doctor(slug);
    if (d.isPresent()) {
      DoctorSpec doc = d.get();
      ObjectNode body = Json.object();
      body.set("id", Paziresh24Pages.number(doc.profileId()));
      body.put("slug", doc.slug()).put("owner_id", doc.id());
      body.set("server_id", Paziresh24Pages.number(doc.serverId()));
      body.put("type", "doctor");
      body.set("user_id", Paziresh24Pages.number(doc.userId()));
      return FakeResponse.json(200, body);
    }
    Optional<String> canonical = state.directory().canonical(slug);
    if (canonical.isPresent()) {
      ObjectNode body = Json.object();
      body.putObject("redirect").put("route", "/dr/" + canonical.get() + "/").put("statusCode", 301);
      return FakeResponse.json(400, body);
    }
    return FakeResponse.json(404, Json.object().put("error", "Slug not found"));
  }

  private FakeResponse fullProfile(IncomingRequest r) {
    Optional<DoctorSpec> d = state.directory().doctor(r.segments().get(2));
    if (d.isEmpty()) {
      return FakeResponse.json(404, Json.object().put("error", "Slug not found"));
    }
    return FakeResponse.json(200, Paziresh24Pages.fullProfile(state, d.get()));
  }

  /** saman {@code v1/doctors/<slug>/availability-status} (spec 3C, 11). */
  private FakeResponse availability(IncomingRequest r) {
    Optional<DoctorSpec> d = state.directory().doctor(r.segments().get(2));
    if (d.isEmpty()) {
      return FakeResponse.json(404, Json.object().put("message", "Doctor centers not found"));
    }
    return FakeResponse.json(200, Paziresh24Pages.availability(state, d.get()));
  }

  /** Percent-encodes a slug for a path. */
  public static String encodeSlug(String slug) {
    return URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private FakeResponse profilePage(IncomingRequest r) {
    String slug = r.segments().get(1);
    Optional<DoctorSpec> d = state.directory().doctor(slug);
    if (d.isEmpty()) {
      Optional<String> canonical = state.directory().canonical(slug);
      if (canonical.isPresent()) {
        return FakeResponse.html(301, "<html><body>Moved</body></html>")
            .withHeader("Location", "/dr/" + encodeSlug(canonical.get()) + "/");
      }
      ObjectNode next = Json.object();
      next.putObject("props").putObject("pageProps").put("statusCode", 404);
      next.put("page", "/404").put("buildId", "fake-build").put("isFallback", false);
      return FakeResponse.html(404, "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
          + "<title>404: صفحه مورد نظر یافت نشد</title></head><body><div id=\"__next\"><h1>404</h1>"
          + "<p>صفحه مورد نظر یافت نشد.</p></div>" + nextData(next) + "</body></html>");
    }
    return FakeResponse.html(200, Paziresh24Pages.profile(state, d.get(), Paziresh24Pages.pageProps(state, d.get())));
  }

  static String nextData(ObjectNode next) {
    // "</" inside a script would end it early; the site escapes it the same way.
    return "<script id=\"__NEXT_DATA__\" type=\"application/json\">" + Json.string(next).replace("</", "<\\/")
        + "</script>";
  }

  private FakeResponse home() {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
        + "<title>پذیرش۲۴ (آزمایشی)</title></head><body><h1>پذیرش۲۴ آزمایشی</h1><ul>");
    for (DoctorSpec d : state.directory().doctors()) {
      html.append("<li><a href=\"/dr/").append(encodeSlug(d.slug())).append("/\">")
          .append(Paziresh24Pages.escape(d.displayName())).append("</a> ")
          .append(Paziresh24Pages.escape(d.displayExpertise())).append("</li>");
    }
    html.append("</ul></body></html>");
    return FakeResponse.html(200, html.toString());
  }
}
