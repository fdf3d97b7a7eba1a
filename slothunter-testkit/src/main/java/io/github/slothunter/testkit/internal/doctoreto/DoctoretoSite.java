package io.github.slothunter.testkit.internal.doctoreto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.FakeDoctoreto.TimeFormat;
import io.github.slothunter.testkit.internal.FakeResponse;
import io.github.slothunter.testkit.internal.IncomingRequest;
import io.github.slothunter.testkit.internal.Json;
import io.github.slothunter.testkit.internal.Site;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.Calendar;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.ConsultationSpec;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.DoctorSpec;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.Place;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoState.DayView;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoState.TimeView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The Doctoreto protocol over {@link DoctoretoState}, every host's paths from one base URL:
 *
 * <ul>
 *   <li>{@code GET /doctor/{slug}/{code}}: the profile page, a Next.js page whose
 *       {@code __NEXT_DATA__} holds React Query's {@code dehydratedState.queries[]}, with the
 *       {@code ["consultations","doctors",code]} query at the doctor's index (never 0); another slug
 *       redirects (308) to the canonical one; an unknown code is Next.js's 404 page;
 *   <li>{@code GET /doctor/{code}}: 301 to the canonical profile URL;
 *   <li>{@code GET /api/web/patient/v1/consultation-times/days?consultation_id&start_date&day_navigate}:
 *       {@code items.days[].times[]} for a window of days from {@code start_date};
 *   <li>{@code GET /reserve/consultation?item_type=0&item_id={slotId}}: the hand-off page.
 * </ul>
 *
 * <p>Thread-safe: each request runs under the state's monitor.
 */
public final class DoctoretoSite implements Site {
  /** Endpoint names (the public constants on {@code FakeDoctoreto} repeat these). */
  public static final String PROFILE_PAGE = "profilePage";
  /** See {@link #PROFILE_PAGE}. */
  public static final String SHORT_LINK = "shortLink";
  /** See {@link #PROFILE_PAGE}. */
  public static final String CONSULTATION_DAYS = "consultationDays";
  /** See {@link #PROFILE_PAGE}. */
  public static final String RESERVE_PAGE = "reservePage";
  /** See {@link #PROFILE_PAGE}. */
  public static final String UNKNOWN = "unknown";
  /** {@code GET /api/web/patient/v1/regions/cities/available} (spec 8, 11). */
  public static final String CITIES = "cities";

  static final String DAYS_PATH = "/api/web/patient/v1/consultation-times/days";
  static final String CITIES_PATH = "/api/web/patient/v1/regions/cities/available";
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /**
   * How the site renders what the real protocol leaves open.
   *
   * @param timeFormat how slot times are written
   * @param startField the name of a slot's start field
   * @param endField the name of a slot's end field
   * @param daysPerResponse how many days one days response lists
   * @param gzipPages whether HTML pages are gzip-compressed without a {@code Content-Encoding} header
   * @param buildId the Next.js build id in every page
   */
  public record Settings(TimeFormat timeFormat, String startField, String endField, int daysPerResponse,
      boolean gzipPages, String buildId) {
    /** Validates. */
    public Settings {
      Objects.requireNonNull(timeFormat, "timeFormat");
      Objects.requireNonNull(startField, "startField");
      Objects.requireNonNull(endField, "endField");
      Objects.requireNonNull(buildId, "buildId");
      if (daysPerResponse < 1) {
        throw new IllegalArgumentException("daysPerResponse must be positive: " + daysPerResponse);
      }
    }
  }

  private final DoctoretoState state;
  private final Settings settings;

  /** The protocol over this state. */
  public DoctoretoSite(DoctoretoState state, Settings settings) {
    this.state = Objects.requireNonNull(state, "state");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String endpoint(IncomingRequest r) {
    List<String> s = r.segments();
    if (s.size() >= 2 && s.size() <= 3 && s.get(0).equals("doctor")) {
      return s.size() == 3 ? PROFILE_PAGE : SHORT_LINK;
    }
    if (r.path().equals(DAYS_PATH) || r.path().equals(DAYS_PATH + "/")) {
      return CONSULTATION_DAYS;
    }
    if (r.path().equals(CITIES_PATH) || r.path().equals(CITIES_PATH + "/")) {
      return CITIES;
    }
    if (s.size() == 2 && s.get(0).equals("reserve") && s.get(1).equals("consultation")) {
      return RESERVE_PAGE;
    }
    return UNKNOWN;
  }

  @Override
  public String clientId(IncomingRequest r) {
    return r.remoteHost();
  }

  @Override
  public void tick() {
    state.tick();
  }

  /** The site's error envelope: HTTP 422 {@code {"message": ...}} (the real shape is unknown). */
  @Override
  public FakeResponse siteError(String endpoint, String message) {
    return FakeResponse.json(422, Json.object().put("message", message));
  }

  @Override
  public FakeResponse rateLimited(String endpoint, Duration retryAfter) {
    return FakeResponse.json(429, Json.object().put("message", "Too Many Attempts.")).withRetryAfter(retryAfter);
  }

  @Override
  public FakeResponse handle(String endpoint, IncomingRequest r) {
    if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
      return FakeResponse.json(405, Json.object().put("message", "The " + r.method()
          + " method is not supported for route " + r.path() + ". Supported methods: GET, HEAD."))
          .withHeader("Allow", "GET, HEAD");
    }
    synchronized (state) {
      switch (endpoint) {
        case PROFILE_PAGE: return profilePage(r.segments().get(1), r.segments().get(2));
        case SHORT_LINK: return shortLink(r.segments().get(1));
        case CONSULTATION_DAYS: return days(r);
        case RESERVE_PAGE: return reservePage(r);
        case CITIES: return DoctoretoCities.available(state.directory());
        default: return notFoundPage();
      }
    }
  }

  // ---- pages -----------------------------------------------------------------------------------

  private FakeResponse shortLink(String code) {
    return state.directory().doctor(code)
        .map(d -> redirect(301, canonicalPath(d)))
        .orElseGet(this::notFoundPage);
  }

  /** {@code /doctor/{slug}/{code}}. */
  public static String canonicalPath(DoctorSpec d) {
    return "/doctor/" + d.slug() + "/" + d.code();
  }

  private static FakeResponse redirect(int status, String location) {
    return new FakeResponse(status, "", new byte[0], Map.of("Location", location));
  }

  private FakeResponse profilePage(String slug, String code) {
    Optional<DoctorSpec> found = state.directory().doctor(code);
    if (found.isEmpty()) {
      return notFoundPage();
    }
    DoctorSpec d = found.get();
    if (!d.slug().equals(slug)) {
      return redirect(308, canonicalPath(d));
    }
    List<ObjectNode> others = new ArrayList<>();
    others.add(query(Json.array().add("settings"), Json.object().put("supportPhone", "02191001234")
        .put("currency", "toman")));
    others.add(query(Json.array().add("doctors").add("similar").add(code), similarDoctors(d)));
    others.add(query(Json.array().add("doctors").add(code), doctorJson(d)));
    others.add(query(Json.array().add("reviews").add("doctors").add(code).add(Json.object().put("page", 1)),
        Json.object().set("items", Json.array())));
    ArrayNode consultations = Json.array();
    for (ConsultationSpec c : d.consultations()) {
      consultations.add(consultationJson(state.directory().require(d.code(), c.id())));
    }
    others.add(Math.min(d.consultationsQueryIndex(), others.size()),
        query(Json.array().add("consultations").add("doctors").add(code), consultations));
    ArrayNode queries = Json.array();
    others.forEach(queries::add);
    ObjectNode pageProps = Json.object();
    ObjectNode dehydrated = pageProps.putObject("dehydratedState");
    dehydrated.set("mutations", Json.array());
    dehydrated.set("queries", queries);
    ObjectNode next = Json.object();
    ObjectNode props = next.putObject("props");
    props.set("pageProps", pageProps);
    props.put("__N_SSP", true);
    next.put("page", "/doctor/[slug]/[code]");
    next.putObject("query").put("slug", d.slug()).put("code", d.code());
    next.put("buildId", settings.buildId()).put("isFallback", false).put("gssp", true).put("locale", "fa");
    next.set("scriptLoader", Json.array());
    return page(200, d.fullName() + " | دکترتو", "<h1>" + escapeHtml(d.fullName()) + "</h1><p>"
        + escapeHtml(d.title()) + "</p>", next);
  }

  private ArrayNode similarDoctors(DoctorSpec self) {
    ArrayNode out = Json.array();
    for (DoctorSpec other : state.directory().doctors()) {
      if (!other.code().equals(self.code()) && out.size() < 3) {
        ObjectNode o = out.addObject().put("id", other.code()).put("slug", other.slug())
            .put("fullName", other.fullName());
        ArrayNode specs = o.putArray("specialities");
        other.specialities().forEach(s -> specs.addObject().put("fullName", s));
      }
    }
    return out;
  }

  private static ObjectNode doctorJson(DoctorSpec d) {
    ObjectNode o = Json.object().put("id", d.code()).put("slug", d.slug()).put("fullName", d.fullName())
        .put("title", d.title()).put("medicalNumber", d.medicalNumber()).put("rate", 4.7)
        .put("avatar", "/images/doctors/" + d.code() + ".jpg");
    ArrayNode specs = o.putArray("specialities");
    for (int i = 0; i < d.specialities().size(); i++) {
      specs.addObject().put("id", i + 1).put("fullName", d.specialities().get(i));
    }
    return o;
  }

  private ObjectNode consultationJson(Calendar calendar) {
    ConsultationSpec c = calendar.consultation();
    ObjectNode o = Json.object().put("id", c.id());
    if (c.title() != null) {
      o.put("title", c.title());
    }
    if (c.price() != null) {
      o.put("price", c.price());
    }
    Place p = c.place();
    if (p == null) {
      o.putNull("place");
    } else {
      ObjectNode place = o.putObject("place").put("name", p.name()).put("address", p.address());
      place.putObject("city").put("name", p.city()).put("slug", p.citySlug());
      ArrayNode phones = place.putArray("phone");
      p.phones().forEach(phones::add);
      place.putObject("coordinates").put("latitude", p.latitude()).put("longitude", p.longitude());
    }
    ObjectNode next = o.putObject("nextFreeTime");
    Optional<TimeView> free = state.nextFree(calendar);
    next.put("isAvailable", free.isPresent());
    if (free.isPresent()) {
      ZonedDateTime t = free.get().from().atZone(SlotHunterZones.TEHRAN);
      next.put("shamsiDate", JalaliFormat.toJalali(t.toLocalDate()).toString()).put("shamsiTime", HH_MM.format(t))
          .put("datetime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.toOffsetDateTime()));
    } else {
      next.putNull("shamsiDate").putNull("shamsiTime").putNull("datetime");
    }
    return o;
  }

  private ObjectNode query(ArrayNode key, JsonNode data) {
    ObjectNode q = Json.object();
    ObjectNode s = q.putObject("state");
    s.set("data", data);
    s.put("dataUpdateCount", 1).put("dataUpdatedAt", state.now().toEpochMilli()).putNull("error")
        .put("errorUpdateCount", 0).put("errorUpdatedAt", 0).put("fetchFailureCount", 0)
        .putNull("fetchFailureReason").putNull("fetchMeta").put("isInvalidated", false)
        .put("status", "success").put("fetchStatus", "idle");
    q.set("queryKey", key);
    q.put("queryHash", Json.string(key));
    return q;
  }

  private FakeResponse notFoundPage() {
    ObjectNode next = Json.object();
    next.putObject("props").putObject("pageProps").put("statusCode", 404);
    next.put("page", "/404").put("buildId", settings.buildId()).put("isFallback", false).put("gsp", true);
    next.putObject("query");
    return page(404, "صفحه پیدا نشد | دکترتو", "<h1>404</h1><p>صفحه مورد نظر پیدا نشد</p>", next);
  }

  private FakeResponse reservePage(IncomingRequest r) {
    String type = r.query().getOrDefault("item_type", "");
    String item = r.query().getOrDefault("item_id", "");
    if (!type.equals("0") || !item.matches("\\d{1,18}") || state.slot(Long.parseLong(item)).isEmpty()) {
      return notFoundPage();
    }
    long id = Long.parseLong(item);
    boolean free = state.isFree(id);
    ZonedDateTime t = state.slot(id).orElseThrow().from().atZone(SlotHunterZones.TEHRAN);
    ObjectNode next = Json.object();
    next.putObject("props").putObject("pageProps").put("itemType", 0).put("itemId", id).put("isAvailable", free)
        .put("datetime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.toOffsetDateTime()));
    next.put("page", "/reserve/consultation").put("buildId", settings.buildId());
    next.putObject("query").put("item_type", "0").put("item_id", item);
    return page(200, "رزرو نوبت | دکترتو", free ? "<h1>تکمیل رزرو</h1>" : "<h1>این نوبت رزرو شده است</h1>", next);
  }

  private FakeResponse page(int status, String title, String body, ObjectNode nextData) {
    // Next.js escapes <, > and & in the script so that "</script>" never appears in it.
    String json = Json.string(nextData).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    String html = "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charSet=\"utf-8\"/>"
        + "<meta name=\"viewport\" content=\"width=device-width\"/><title>" + escapeHtml(title) + "</title>"
        + "<style data-styled=\"true\">.sc-f4k3d0{display:flex}</style></head><body><div id=\"__next\">"
        + "<div class=\"sc-f4k3d0 hXyZab\">" + body + "</div></div>"
        + "<script id=\"__NEXT_DATA__\" type=\"application/json\">" + json + "</script>"
        + "<script src=\"/_next/static/chunks/main-" + settings.buildId() + ".js\" defer=\"\"></script>"
        + "</body></html>";
    FakeResponse plain = FakeResponse.html(status, html);
    if (!settings.gzipPages()) {
      return plain;
    }
    return new FakeResponse(status, plain.contentType(), gzip(plain.body()), Map.of());
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---- API -------------------------------------------------------------------------------------

  private FakeResponse days(IncomingRequest r) {
    String id = r.query().getOrDefault("consultation_id", "").strip();
    String start = r.query().getOrDefault("start_date", "").strip();
    if (!id.matches("\\d{1,18}")) {
      return invalid("consultation_id", "The consultation id field is required and must be a number.");
    }
    LocalDate first;
    try {
      first = LocalDate.parse(start);
    } catch (DateTimeParseException e) {
      return invalid("start_date", "The start date does not match the format Y-m-d.");
    }
    Optional<Calendar> calendar = state.directory().calendar(Long.parseLong(id));
    if (calendar.isEmpty()) {
      return FakeResponse.json(404, Json.object().put("message", "No query results for model [Consultation] " + id));
    }
    ArrayNode days = Json.array();
    for (DayView day : state.days(calendar.get(), first, settings.daysPerResponse())) {
      ObjectNode d = days.addObject().put("date", day.date().toString())
          .put("shamsi_date", JalaliFormat.toJalali(day.date()).toString())
          .put("weekday", JalaliFormat.PERSIAN.weekday(day.date().getDayOfWeek()));
      ArrayNode times = d.putArray("times");
      for (TimeView t : day.times()) {
        ObjectNode time = times.addObject().put("id", t.id()).put("status", t.status());
        putTime(time, settings.startField(), t.from());
        putTime(time, settings.endField(), t.to());
      }
    }
    ObjectNode body = Json.object();
    body.putObject("items").set("days", days);
    return FakeResponse.json(200, body);
  }

  private void putTime(ObjectNode time, String field, Instant at) {
    ZonedDateTime t = at.atZone(SlotHunterZones.TEHRAN);
    switch (settings.timeFormat()) {
      case TIME_OF_DAY:
        time.put(field, HH_MM.format(t));
        break;
      case ISO_OFFSET:
        time.put(field, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.toOffsetDateTime()));
        break;
      default:
        time.put(field, at.getEpochSecond());
        break;
    }
  }

  private static FakeResponse invalid(String field, String message) {
    ObjectNode body = Json.object().put("message", message);
    body.putObject("errors").putArray(field).add(message);
    return FakeResponse.json(422, body);
  }
}
