package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.ErrorCode;

/**
 * Every path, form field, header and fixed value this client sends to Paziresh24, in one place.
 *
 * <p>"spec" below is the project's Paziresh24 protocol notes ({@code shared/providers/paziresh24.md});
 * S1 is Paziresh24's own web frontend, S2 a third-party watcher. "verified-against" means the
 * request shape is asserted by this module's WireMock tests against fixtures shaped like the spec
 * section named; nothing here was checked against the live site except by the opt-in live test
 * ({@code Paziresh24LiveTest}: profile page and getFreeDays only). "UNVERIFIED" marks a guess.
 */
public final class Paziresh24Endpoints {

  /** Which configured base URL an endpoint lives on. */
  public enum Host {
    /** {@code www-url}. */
    WWW,
    /** {@code apigw-url}. */
    APIGW,
    /** {@code drprofile-url}. */
    DRPROFILE,
    /** {@code api-url}. */
    API,
    /** The booking RPC prefix chosen by {@code booking-endpoint}: {@code <apigw>/booking/v2} or {@code <www>/api}. */
    BOOKING,
    /** {@code hamdast-url}: pre-booking widgets (spec 5.9). */
    HAMDAST
  }

  /**
   * One HTTP endpoint. {@code path} is relative to its host; {@code {}} marks a path segment filled
   * (and percent-encoded) at call time; a trailing {@code /} is kept.
   */
  public enum Endpoint {
    /**
     * GET the doctor's profile page, then read {@code __NEXT_DATA__ -> props.pageProps}.
     * verified-against: spec 3 option A (URL HIGH, props HIGH via S1 getAggregatedProfileData.ts,
     * scraping MED via S2); fixtures profile*.html. Live test reads it.
     */
    PROFILE_PAGE("profile", "GET", Host.WWW, "dr/{}/", ErrorCode.HOLD_EXPIRED, false),
    /**
     * GET the JSON full profile, used when the page came without server-side data. Envelope
     * {@code {status:"SUCCESS" (a string), message, data:{...}}}; {@code data.centers[].services[]}
     * with {@code duration} as {@code "HH:MM:SS"}, {@code free_price} in rials, UUID string ids
     * (online center {@code "5532"}), {@code server_id} and {@code freeturn} as number or string,
     * {@code is_active}, {@code can_booking}, {@code hours_of_work[].day} 1 = Monday .. 7 = Sunday.
     * verified-against: spec 3B and 11 "Full profile" (URL and every field above HIGH, S1
     * getFullProfile.ts, MCP doctor.py, S2-HAR); fixtures full-profile*.json.
     */
    FULL_PROFILE("full-profile", "GET", Host.DRPROFILE, "api/full-profile/{}/", ErrorCode.HOLD_EXPIRED, false),
    /**
     * POST, form {@code terminal_id=<uuid v4>, details=<user agent>, ip=0.0.0.0, type=web, version=1};
     * response top-level {@code id}, e.g. {@code clinic-6b4a68000a1f37.52819406}. verified-against:
     * spec 2.2 and 11 (request HIGH, S1 setTerminal.ts; that the server mints the {@code clinic-}
     * uniqid MED; the reply's other fields UNVERIFIED); fixture set-terminal.json. Called once per
     * provider instance on first need with {@code terminal-mode=set-terminal} (the default) and
     * again after a status 3 ({@link Value#STATUS_BAD_TERMINAL}, UNVERIFIED).
     */
    SET_TERMINAL("setTerminal", "POST", Host.WWW, "api/setTerminal", ErrorCode.HOLD_EXPIRED, true),
    /**
     * POST, form {@code center_id, service_id, user_center_id, server_id, return_type=calendar,
     * terminal_id}, in one of two modes:
     * <ul>
     *   <li>all-slots (a poll's one request; spec 4.1b, HIGH: MCP fixture of a live body, 2026-10):
     *       no {@code return_free_turns} field; {@code result} is an object of day keys whose work-hour
     *       blocks list the free slot starts ({@code turns}) and their length ({@code slice}, seconds),
     *       for the days {@code calendar.start_date .. calendar.end_date} (about ten, MED);
     *   <li>calendar (spec 4.1, HIGH): {@code return_free_turns=false}; {@code result} is {@code []} and
     *       {@code calendar.turns[]} lists the free days (unix seconds) of the whole booking window.
     * </ul>
     * Status 32 = nothing free (an empty calendar), 700 = online booking off (spec 2.1, HIGH).
     * verified-against: fixtures free-days*.json in the spec 11 shapes; apigw {@code booking/v2} path HIGH
     * (MCP 2026). Live test reads it.
     */
    GET_FREE_DAYS("getFreeDays", "POST", Host.BOOKING, "getFreeDays", ErrorCode.HOLD_EXPIRED, true),
    /**
     * POST, form as getFreeDays minus the calendar flags plus {@code date} (a {@code calendar.turns}
     * value); response {@code result[] {from, to, workhour_turn_num}}.
     * verified-against: spec 4.2 (fields HIGH, item fields MED); fixtures free-turns*.json.
     */
    GET_FREE_TURNS("getFreeTurns", "POST", Host.BOOKING, "getFreeTurns", ErrorCode.SLOT_TAKEN, true),
    /**
     * POST (hold), form {@code center_id, service_id, user_center_id, server_id, from, to,
     * terminal_id}; response {@code request_code}. verified-against: spec 5 step 4 (fields HIGH,
     * apigw path MED); fixture suspend.json. Hold lifetime UNVERIFIED (config {@code hold-ttl}).
     * Status 300 here means the slot is gone.
     */
    SUSPEND("suspend", "POST", Host.BOOKING, "suspend", ErrorCode.SLOT_TAKEN, true),
    /**
     * POST (release), form {@code center_id, server_id, request_code, terminal_id}.
     * verified-against: spec 5 step 8 (fields HIGH, response beyond status UNKNOWN); fixture
     * unsuspend.json. Status 300 / "not found" are treated as already released (UNVERIFIED wording).
     */
    UNSUSPEND("unsuspend", "POST", Host.BOOKING, "unsuspend", ErrorCode.HOLD_EXPIRED, true),
    /**
     * POST (final booking), form per spec 5 step 6 table; headers {@code center_id, server_id,
     * user_id, user_center_id, terminal_id, Authorization}; response {@code book_info.id}.
     * verified-against: spec 5 step 6 (fields and headers HIGH, S1 hooks/booking.ts); fixtures
     * book*.json. The apigw path {@code booking/v2/book} is UNVERIFIED (spec: LOW guess); use
     * {@code booking-endpoint=www} for the HIGH-confidence {@code /api/book}.
     */
    BOOK("book", "POST", Host.BOOKING, "book", ErrorCode.HOLD_EXPIRED, false),
    /**
     * GET the receipt of one booking: its {@code reference_code} after booking, and the read-back
     * that verifies a booking ({@code book_id}, {@code book_time}, {@code is_deleted},
     * {@code book_status}). verified-against: spec 5 step 7 (URL and fields HIGH, envelope UNKNOWN:
     * the record is searched a few levels deep); fixtures receipt*.json. HTTP 404 means no such
     * booking (the fake answers so; the real site's answer for a deleted booking is UNVERIFIED).
     */
    RECEIPT("receipt", "GET", Host.API, "user/v1/book/{}/{}", ErrorCode.HOLD_EXPIRED, false),
    /**
     * POST, form {@code center_id, reference_code, national_code}. verified-against: spec 8 (HIGH,
     * S1 removeBook.ts); fixture delete-book.json. The flag-gated moshir variant is not used.
     */
    DELETE_BOOK("deleteBook", "POST", Host.WWW, "api/deleteBook", ErrorCode.HOLD_EXPIRED, false),
    /**
     * POST, form {@code cell} (mobile without the leading 0, e.g. {@code 9121234567}: HIGH),
     * {@code terminal_id}; sends the SMS code. Status 1 = sent; status 39 = throttled, NOT an error:
     * the earlier code stays valid, go on to code entry, no resend for 60 s (HIGH, S1 mobileNumber.tsx,
     * otpCode.tsx); {@code result.has_static_password} true = the account's password is expected
     * instead (HIGH). verified-against: spec 7 step 2 and 11 (HIGH); fixtures resetpassword*.json.
     * Sent after {@link #REGISTER}.
     */
    RESET_PASSWORD("resetpassword", "POST", Host.APIGW, "gozargah/resetpassword", ErrorCode.HOLD_EXPIRED, true),
    /**
     * POST, form {@code username} (mobile without the leading 0, as {@code cell}: HIGH),
     * {@code password} (the SMS code or the static password), {@code terminal_id}; success
     * {@code {status:1, token, certificate}} (HIGH); token from JSON {@code token}, else the
     * {@code Set-Cookie: token=} header (MED). verified-against: spec 7 step 3 and 11; fixtures
     * login*.json.
     */
    LOGIN("login", "POST", Host.APIGW, "gozargah/v1/login", ErrorCode.HOLD_EXPIRED, true),
    /**
     * GET with the bearer token; response {@code {users:[{id, name, family, cell, national_code, vip}]}},
     * {@code users[0].id} a number (read as number or string): the session's account id. Every element
     * of {@code users[]} is read for the account's patients ({@code cell} without its leading 0); whether
     * it lists sub-users beside the holder is UNVERIFIED (the spec's example has one user).
     * verified-against: spec 7 step 4 and 11 (HIGH); fixture me.json.
     */
    ME("me", "GET", Host.APIGW, "v1/auth/me", ErrorCode.HOLD_EXPIRED, false),
    /**
     * GET {@code <city or ir>[/<expertise>]?text=&page=} (doctor search) or
     * {@code <city>/<category>?page=&limit=&sortBy=clinic_first_freeturn[&gender=][&turn_type=]} (area
     * search); response {@code search.result[]}, {@code total}, {@code pagination}; 404 = unknown city or
     * category. verified-against: spec 9 (URL and params HIGH, item fields HIGH); fixtures search*.json.
     */
    SEARCH("search", "GET", Host.APIGW, "seapi/v1/search", ErrorCode.HOLD_EXPIRED, false),
    /**
     * POST, form {@code cell} (mobile without the leading 0), {@code terminal_id}; the site calls it
     * before every login, new or existing user (HIGH, S1 mobileNumber.tsx 70-77). Status 0 = the
     * number is refused, the text is {@code details["تلفن همراه"]} (HIGH); any other status goes on
     * (the status for "already registered" is UNVERIFIED). HTTP 404 or a transport failure is logged
     * and skipped: resetpassword decides. verified-against: spec 7 step 1 and 11; fixtures
     * register*.json.
     */
    REGISTER("register", "POST", Host.APIGW, "gozargah/register", ErrorCode.HOLD_EXPIRED, true),
    /**
     * POST, form exactly {@code center_id, reference_code} (the existing booking's tracking code),
     * {@code request_code} (a hold on the new slot); always on www, never the booking prefix (the
     * flag does not override it); response {@code {status:1, message}}: the same booking now has the
     * new time. verified-against: spec 8 (HIGH, S1 moveBook.ts); fixture move-book.json.
     */
    MOVE_BOOK("moveBook", "POST", Host.WWW, "api/moveBook", ErrorCode.HOLD_EXPIRED, false),
    /**
     * GET {@code ?slug=<slug>}: the doctor's Hamdast widgets, an array of {@code {id, app, placement[],
     * data_endpoint?}} (5 s timeout). verified-against: spec 5.9 (HIGH, S1 getBookingWidgets.ts);
     * fixtures hamdast-widgets*.json.
     */
    HAMDAST_WIDGETS("widgets", "GET", Host.HAMDAST, "api/v1/widgets/", ErrorCode.HOLD_EXPIRED, false),
    /**
     * POST JSON to a widget's {@code data_endpoint} (an absolute URL from the widget list; {@code path}
     * is unused): patient, doctor, center and service data; reply {@code action} {@code BOOK} (with
     * {@code meta_data} for the book form) or {@code SHOW_FORM} (10 s timeout). verified-against: spec
     * 5.9 (HIGH, S1 callBookingAddonEndpoint.ts); fixtures hamdast-addon-*.json.
     */
    BOOKING_ADDON("bookingAddon", "POST", Host.APIGW, "", ErrorCode.HOLD_EXPIRED, false);

    private final String logName;
    private final String method;
    private final Host host;
    private final String path;
    private final ErrorCode status300;
    private final boolean terminalInForm;

    Endpoint(String logName, String method, Host host, String path, ErrorCode status300, boolean terminalInForm) {
      this.logName = logName;
      this.method = method;
      this.host = host;
      this.path = path;
      this.status300 = status300;
      this.terminalInForm = terminalInForm;
    }

    /** A short name for logs and error messages. */
    public String logName() {
      return logName;
    }

    /** {@code GET} or {@code POST}. */
    public String method() {
      return method;
    }

    /** Which base URL it lives on. */
    public Host host() {
      return host;
    }

    /** The path template relative to the host. */
    public String path() {
      return path;
    }

    /**
     * What body status 300 (EXPIRE_TIME_SLOT, spec 2) means for this call: {@code HOLD_EXPIRED}
     * after a hold exists, {@code SLOT_TAKEN} before.
     */
    public ErrorCode status300() {
      return status300;
    }

    /**
     * Whether {@code terminal_id} also goes into the form (the spec lists it for the availability,
     * suspend, unsuspend and login forms); the header is sent on every POST regardless. The book and
     * deleteBook tables do not list it, and the site passes unknown book fields through as patient
     * metadata, so it stays out of those.
     */
    public boolean terminalInForm() {
      return terminalInForm;
    }
  }

  /** Path prefix of the booking RPCs on the API gateway (spec 1, MED via S2). */
  public static final String BOOKING_PREFIX_APIGW = "booking/v2";
  /** Path prefix of the booking RPCs on the website (spec 1, HIGH via S1 fallback). */
  public static final String BOOKING_PREFIX_WWW = "api";
  /** Path of the public booking page on the website (spec 3, HIGH). */
  public static final String BOOKING_PAGE = "booking";

  /** Form field names (spec 4, 5, 7, 8), and the receipt's response fields (spec 5 step 7). */
  public static final class Field {
    public static final String CENTER_ID = "center_id";
    public static final String SERVICE_ID = "service_id";
    public static final String USER_CENTER_ID = "user_center_id";
    public static final String SERVER_ID = "server_id";
    public static final String TERMINAL_ID = "terminal_id";
    public static final String RETURN_FREE_TURNS = "return_free_turns";
    public static final String RETURN_TYPE = "return_type";
    public static final String DATE = "date";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String REQUEST_CODE = "request_code";
    public static final String IS_WEBVIEW = "is_webview";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String CELL = "cell";
    public static final String NATIONAL_CODE = "national_code";
    public static final String SELECTED_USER_ID = "selected_user_id";
    public static final String GENDER = "gender";
    public static final String REFERENCE_CODE = "reference_code";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String DETAILS = "details";
    public static final String IP = "ip";
    public static final String TYPE = "type";
    public static final String VERSION = "version";
    public static final String TEXT = "text";
    public static final String PAGE = "page";
    /** Search: doctors per page, at most {@link Value#SEARCH_MAX_LIMIT} (spec 9, HIGH). */
    public static final String LIMIT = "limit";
    /** Search: the order (spec 9, HIGH). */
    public static final String SORT_BY = "sortBy";
    /** Search: {@code consult} (online) or {@code non-consult} (in person) (spec 9, HIGH). */
    public static final String TURN_TYPE = "turn_type";
    /** Receipt: the booking id ({@code book_info.id} of the book answer). */
    public static final String BOOK_ID = "book_id";
    /** Receipt: the appointment time, unix seconds. */
    public static final String BOOK_TIME = "book_time";
    /** Receipt: deleted flag ({@code 1}, {@code "1"} or {@code true} when deleted). */
    public static final String IS_DELETED = "is_deleted";
    /** Receipt: the booking's state as text (values UNKNOWN; seen: {@code not_visited}). */
    public static final String BOOK_STATUS = "book_status";
    /**
     * resetpassword response, under {@code result}: the account has a fixed password, asked for
     * instead of the SMS code (spec 7 step 2, HIGH).
     */
    public static final String HAS_STATIC_PASSWORD = "has_static_password";
    /** Book answer: the payment object (spec 5.6). */
    public static final String PAYMENT = "payment";
    /** Book answer: {@code payment.reqiure_payment} (sic), {@code "1"} when the booking must be paid online. */
    public static final String REQUIRE_PAYMENT = "reqiure_payment";
    /** Book answer: {@code payment.redirect_url}, where to pay on servers other than 1. */
    public static final String REDIRECT_URL = "redirect_url";
    /** Widget list query parameter: the doctor's slug (spec 5.9). */
    public static final String SLUG = "slug";

    private Field() {}
  }

  /** Header names (spec 2). */
  public static final class Header {
    public static final String CENTER_ID = "center_id";
    public static final String SERVER_ID = "server_id";
    public static final String USER_ID = "user_id";
    public static final String USER_CENTER_ID = "user_center_id";
    public static final String TERMINAL_ID = "terminal_id";
    public static final String AUTHORIZATION = "Authorization";
    public static final String ACCEPT = "accept";
    public static final String ACCEPT_TIMEZONE = "accept-timezone";
    public static final String ORIGIN = "Origin";
    public static final String REFERER = "Referer";
    public static final String USER_AGENT = "User-Agent";
    public static final String COOKIE = "Cookie";
    public static final String RETRY_AFTER = "Retry-After";

    private Header() {}
  }

  /** Fixed values (spec 2, 4, 5). */
  public static final class Value {
    /** {@code return_free_turns} for getFreeDays. */
    public static final String RETURN_FREE_TURNS = "false";
    /** {@code return_type} for getFreeDays. */
    public static final String RETURN_TYPE_CALENDAR = "calendar";
    /** {@code is_webview} for a web booking. */
    public static final String IS_WEBVIEW = "0";
    /** {@code accept} as the browser sends it (spec 2, MED via S2). */
    public static final String ACCEPT_JSON = "application/json, text/plain, */*";
    /** {@code accept} for the profile page. */
    public static final String ACCEPT_HTML = "text/html,application/xhtml+xml";
    /** Body status: success (spec 2, HIGH). */
    public static final int STATUS_SUCCESS = 1;
    /** Body status: validation or general error (spec 2, HIGH). */
    public static final int STATUS_FORM_VALIDATION = 0;
    /** Body status: hold expired or slot gone (spec 2, HIGH). */
    public static final int STATUS_EXPIRE_TIME_SLOT = 300;
    /** Body status: expired certificate (spec 2, HIGH); read as an expired login. */
    public static final int STATUS_EXPIRED_CERTIFICATE = 7;
    /** Body status: SMS code requests throttled (spec 2, HIGH). */
    public static final int STATUS_OTP_THROTTLED = 39;
    /**
     * Body status of getFreeDays (both modes): no free slot, the calendar is full (spec 2.1, HIGH:
     * message {@code عدم وجود نوبت خالی (تکمیل ظرفیت)}). An empty calendar, not an error.
     */
    public static final int STATUS_NO_FREE_SLOT = 32;
    /**
     * Body status of getFreeDays: online booking is switched off for the service (spec 2.1, HIGH:
     * message {@code نوبت دهی اینترنتی غیر فعال است}). Not retryable.
     */
    public static final int STATUS_BOOKING_OFF = 700;
    /** The online-consultation pseudo center (spec 3, HIGH). */
    public static final String ONLINE_CENTER_ID = "5532";
    /** Its display name when the page gives none. */
    public static final String ONLINE_CENTER_NAME = "ویزیت آنلاین";
    /**
     * Body status: terminal id rejected ("bad terminal"): mint a fresh one, retry once, then
     * {@code PROTOCOL} (spec 2.1, UNVERIFIED: one comment in MCP http.py, no body seen).
     */
    public static final int STATUS_BAD_TERMINAL = 3;
    /** register status 0: the {@code details} key whose value is the error text (spec 7 step 1, HIGH). */
    public static final String DETAIL_MOBILE = "تلفن همراه";
    /** Full profile envelope {@code status} on success, a string (spec 3B, HIGH). */
    public static final String PROFILE_SUCCESS = "SUCCESS";
    /** {@code payment.reqiure_payment} when online payment is required (spec 5.6, HIGH). */
    public static final String PAYMENT_REQUIRED = "1";
    /** The {@code server_id} whose bookings are paid on the site's factor page (spec 5.6, HIGH). */
    public static final String MAIN_SERVER_ID = "1";
    /** Path of the site's payment page: {@code <www>/factor/<center_id>/<book id>} (spec 5.6, HIGH). */
    public static final String FACTOR_PAGE = "factor";
    /** Widget placement of a pre-booking action (sic, spec 5.9, HIGH). */
    public static final String BEFORE_BOOK_PLACEMENT = "booking_flow::BEFOR_BOOK_ACTION";
    /** Addon reply action: go on and book (spec 5.9). */
    public static final String ADDON_BOOK = "BOOK";
    /** Addon reply action: a person must fill a form first (spec 5.9). */
    public static final String ADDON_SHOW_FORM = "SHOW_FORM";
    /** Timeout of the widget list (spec 5.9: 5 s). */
    public static final java.time.Duration WIDGETS_TIMEOUT = java.time.Duration.ofSeconds(5);
    /** Timeout of an addon call (spec 5.9: 10 s). */
    public static final java.time.Duration ADDON_TIMEOUT = java.time.Duration.ofSeconds(10);

    /** Search: the most doctors one page holds (spec 9, HIGH). */
    public static final int SEARCH_MAX_LIMIT = 50;
    /** Search: {@code sortBy} value ordering by each doctor's first free turn (spec 9, HIGH). */
    public static final String SORT_FIRST_FREETURN = "clinic_first_freeturn";
    /** Search: {@code turn_type} of online visits (spec 9, HIGH). */
    public static final String TURN_CONSULT = "consult";
    /** Search: {@code turn_type} of in-person visits (spec 9, HIGH). */
    public static final String TURN_NON_CONSULT = "non-consult";
    /** Search: {@code gender} values (MCP {@code search.py}: {@code male}/{@code female}; MED). */
    public static final String GENDER_MALE = "male";
    /** Search: {@code gender} of female doctors. */
    public static final String GENDER_FEMALE = "female";

    private Value() {}
  }

  private Paziresh24Endpoints() {}
}
