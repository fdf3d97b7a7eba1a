package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The read-only endpoint check behind {@code slothunter check paziresh24}: one request to each
 * read-only endpoint the provider uses (spec {@code shared/providers/paziresh24.md}), each reported
 * as one {@link Line} with the endpoint's name, method, host and path template (never a query
 * value, never a slug: a user pastes the output into a bug report), the HTTP status and time, the
 * legacy body {@code status} seen, and whether the fields the spec documents are really there.
 *
 * <p>Never calls anything that changes state on the site: no setTerminal, no getFreeTurn (it holds
 * a slot), no suspend, unsuspend, book, login, register or resetpassword. Every failure, including
 * a refused connection, an HTML error page or a 429, becomes a line; {@link #run} never throws for
 * what the site answers. Not thread-safe; one instance per check.
 */
final class Paziresh24Check {
  /** The body {@code status} meaning "no free slot": an empty result, not an error (spec §2.1). */
  static final int NO_FREE_SLOT = 32;
  /** The body {@code status} meaning "online booking is off" (spec §2.1). */
  static final int BOOKING_OFF = 700;
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final Pattern NEXT_DATA =
      Pattern.compile("(?is)<script[^>]*id=[\"']?__NEXT_DATA__[\"']?[^>]*>(.*?)</script>");

  /** What a line says about its endpoint. */
  enum Outcome {
    /** Reachable and every checked field is there. */
    OK("shape OK"),
    /** Reachable, but a checked field is missing or of another type. */
    DIFF("shape DIFF"),
    /** Reachable, but the answer carries nothing to check (for example status 700). */
    UNCHECKED("shape not checked"),
    /** Not reachable, or an HTTP error status. */
    FAIL("FAIL"),
    /** Not called: an earlier line gave nothing to call it with. */
    SKIP("SKIP");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  /**
   * One endpoint's result.
   *
   * @param name the endpoint's name (spec wording)
   * @param where method, host and path template, e.g. {@code POST apigw.paziresh24.com/booking/v2/getFreeDays}
   * @param http the HTTP status, 0 when there was no response
   * @param millis how long the request took, -1 when none was sent
   * @param status the legacy body {@code status} seen, or {@code -}
   * @param outcome the verdict
   * @param note what was found or is missing, without personal data
   */
  record Line(String name, String where, int http, long millis, String status, Outcome outcome, String note) {
    /** One line of output. */
    String format() {
      String reach = millis < 0 ? "not called" : http == 0 ? "unreachable " + millis + "ms" : "HTTP " + http + " " + millis + "ms";
      return String.format(Locale.ROOT, "%-22s %-60s %-18s status=%-4s %s%s", name, where, reach, status,
          outcome.label, note.isEmpty() ? "" : " (" + note + ")");
    }
  }

  /** The configured base URLs (each with no trailing slash). */
  record Hosts(HttpUrl www, HttpUrl apigw, HttpUrl drprofile, HttpUrl saman, HttpUrl booking) {}

  /** One response as read: status, time, body text (null when none) and its JSON (null when not JSON). */
  private record Answer(int http, long millis, String body, JsonNode json, String failure) {
    boolean reached() {
      return failure == null;
    }
  }

  /** The calendar the availability endpoints are asked about, from the full profile. */
  private record Calendar(String centerId, String serviceId, String userCenterId, String serverId) {}

  private final OkHttpClient http;
  private final Hosts hosts;
  private final Map<String, String> headers;
  private final ObjectMapper json = new ObjectMapper();
  private final List<Line> lines = new ArrayList<>();

  Paziresh24Check(OkHttpClient http, Hosts hosts, String userAgent) {
    this.http = http;
    this.hosts = hosts;
    String origin = hosts.www().newBuilder().encodedPath("/").build().toString().replaceAll("/$", "");
    this.headers = Map.of("User-Agent", userAgent, "Accept", "application/json, text/plain, */*",
        "accept-timezone", "Asia/Tehran", "Origin", origin, "Referer", origin + "/");
  }

  /** An OkHttp client for the check: the given timeout, redirects followed as the provider does. */
  static OkHttpClient client(Duration timeout) {
    return new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
        .followRedirects(true).build();
  }

  /** Releases the client's threads and connections. */
  static void close(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /**
   * Checks every endpoint.
   *
   * @param slug the doctor to check the doctor endpoints with; empty to take the first search hit
   * @param city the city slug for the search
   * @return one line per endpoint, in a fixed order
   */
  List<Line> run(Optional<String> slug, String city) {
    Optional<String> found = search(city);
    Optional<String> doctor = slug.or(() -> found);
    String none = slug.isEmpty() ? "no doctor: the search gave none; pass --doctor <link>" : "";
    String[] names = {"profile page", "slug lookup", "full profile", "availability-status"};
    if (doctor.isEmpty()) {
      skip(none, names);
      skip(none, "getFreeDays calendar", "getFreeDays all-slots", "getFreeTurns");
      return List.copyOf(lines);
    }
    String s = doctor.get();
    profilePage(s);
    slugLookup(s);
    Optional<Calendar> calendar = fullProfile(s);
    availability(s);
    if (calendar.isEmpty()) {
      skip("the full profile named no online-bookable service", "getFreeDays calendar", "getFreeDays all-slots",
          "getFreeTurns");
      return List.copyOf(lines);
    }
    Optional<String> freeDay = freeDaysCalendar(calendar.get());
    freeDaysAllSlots(calendar.get());
    if (freeDay.isEmpty()) {
      skip("getFreeDays calendar listed no free day to ask about", "getFreeTurns");
    } else {
      freeTurns(calendar.get(), freeDay.get());
    }
    return List.copyOf(lines);
  }

  // ---- endpoints -------------------------------------------------------------------------------

  private Optional<String> search(String city) {
    HttpUrl url = hosts.apigw().newBuilder().addPathSegments("seapi/v1/search").addPathSegment(city)
        .addQueryParameter("page", "1").addQueryParameter("limit", "10").build();
    Answer a = get(url, "application/json, text/plain, */*");
    String where = where("GET", hosts.apigw(), "/seapi/v1/search/{city}");
    if (!usable(a, "search", where)) {
      return Optional.empty();
    }
    JsonNode result = a.json().path("search").path("result");
    if (!result.isArray()) {
      add("search", where, a, Outcome.DIFF, "no search.result array; top-level keys " + keys(a.json()));
      return Optional.empty();
    }
    Optional<String> slug = Optional.empty();
    for (JsonNode item : result) {
      String t = item.path("type").asText("doctor");
      if (slug.isEmpty() && t.equals("doctor") && item.path("slug").isTextual() && !item.path("slug").asText().isBlank()) {
        slug = Optional.of(item.path("slug").asText());
      }
    }
    add("search", where, a, Outcome.OK, CheckCommand.plural(result.size(), "result")
        + (result.size() > 0 && slug.isEmpty() ? "; no doctor item with a slug" : ""));
    return slug;
  }

  private void profilePage(String slug) {
    HttpUrl url = hosts.www().newBuilder().addPathSegment("dr").addPathSegment(slug).addPathSegment("").build();
    Answer a = get(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    String where = where("GET", hosts.www(), "/dr/{slug}/");
    if (!a.reached() || a.http() / 100 != 2) {
      add("profile page", where, a, Outcome.FAIL, failure(a));
      return;
    }
    Matcher m = NEXT_DATA.matcher(a.body());
    if (!m.find()) {
      add("profile page", where, a, Outcome.DIFF, "no __NEXT_DATA__ script in the page");
      return;
    }
    JsonNode props;
    try {
      props = json.readTree(m.group(1).strip()).path("props").path("pageProps");
    } catch (JacksonException e) {
      add("profile page", where, a, Outcome.DIFF, "__NEXT_DATA__ is not JSON");
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!props.path("information").isObject()) {
      missing.add("props.pageProps.information");
    }
    if (!props.path("centers").isArray()) {
      missing.add("props.pageProps.centers[]");
    }
    if (props.path("shouldFetchOnClient").asBoolean(false)) {
      add("profile page", where, a, Outcome.UNCHECKED, "shouldFetchOnClient=true: the page came without server-side data");
    } else if (missing.isEmpty()) {
      add("profile page", where, a, Outcome.OK, "__NEXT_DATA__ pageProps.information, centers["
          + props.path("centers").size() + "]");
    } else {
      add("profile page", where, a, Outcome.DIFF, "missing " + String.join(", ", missing));
    }
  }

  private void slugLookup(String slug) {
    HttpUrl url = hosts.drprofile().newBuilder().addPathSegments("api/doctors").addPathSegment(slug).build();
    Answer a = get(url, null);
    String where = where("GET", hosts.drprofile(), "/api/doctors/{slug}");
    // A renamed slug answers {redirect:{route}} (the fake uses HTTP 400 for it): a valid shape too.
    if (a.reached() && a.json() != null && a.json().path("redirect").path("route").isTextual()) {
      add("slug lookup", where, a, Outcome.OK, "redirect.route (the slug was renamed)");
      return;
    }
    if (!usable(a, "slug lookup", where)) {
      return;
    }
    List<String> missing = missing(a.json(), "id", "slug", "server_id");
    add("slug lookup", where, a, missing.isEmpty() ? Outcome.OK : Outcome.DIFF,
        missing.isEmpty() ? "id, slug, server_id" : "missing " + String.join(", ", missing));
  }

  private Optional<Calendar> fullProfile(String slug) {
    HttpUrl url = hosts.drprofile().newBuilder().addPathSegments("api/full-profile").addPathSegment(slug)
        .addPathSegment("").build();
    Answer a = get(url, null);
    String where = where("GET", hosts.drprofile(), "/api/full-profile/{slug}/");
    if (!usable(a, "full profile", where)) {
      return Optional.empty();
    }
    JsonNode root = a.json();
    List<String> missing = new ArrayList<>();
    if (!"SUCCESS".equals(root.path("status").textValue())) {
      missing.add("status:\"SUCCESS\"");
    }
    if (!root.path("data").isObject()) {
      missing.add("data{}");
    } else if (!root.path("data").path("centers").isArray()) {
      missing.add("data.centers[]");
    }
    // The ids for the calendar calls: from data.centers, else from top-level centers (an older shape).
    JsonNode doctor = root.path("data").isObject() ? root.path("data") : root;
    Optional<Calendar> calendar = calendar(doctor);
    String ids = calendar.isPresent() ? "an online-bookable service found" : "no online-bookable service";
    if (missing.isEmpty()) {
      add("full profile", where, a, Outcome.OK, "status SUCCESS, data.centers[" + doctor.path("centers").size() + "]; "
          + ids);
    } else {
      add("full profile", where, a, Outcome.DIFF, "missing " + String.join(", ", missing) + "; top-level keys "
          + keys(root) + "; " + ids);
    }
    return calendar;
  }

  private void availability(String slug) {
    HttpUrl url = hosts.saman().newBuilder().addPathSegments("v1/doctors").addPathSegment(slug)
        .addPathSegment("availability-status").build();
    Answer a = get(url, null);
    String where = where("GET", hosts.saman(), "/v1/doctors/{slug}/availability-status");
    if (!usable(a, "availability-status", where)) {
      return;
    }
    JsonNode inPerson = a.json().path("in_person_availability");
    if (inPerson.isObject() && inPerson.has("booking_available")) {
      add("availability-status", where, a, Outcome.OK, "in_person_availability.booking_available");
    } else {
      add("availability-status", where, a, Outcome.DIFF, "no in_person_availability.booking_available; top-level keys "
          + keys(a.json()));
    }
  }

  private Optional<String> freeDaysCalendar(Calendar c) {
    FormBody.Builder form = form(c).add("return_free_turns", "false").add("return_type", "calendar");
    Answer a = post(bookingUrl("getFreeDays"), form.build());
    String name = "getFreeDays calendar";
    String where = where("POST", hosts.booking(), "/getFreeDays");
    if (!usable(a, name, where)) {
      return Optional.empty();
    }
    if (!legacy(a, name, where)) {
      return Optional.empty();
    }
    JsonNode root = a.json();
    JsonNode turns = root.path("calendar").path("turns");
    List<String> missing = new ArrayList<>();
    if (!(root.path("result").isArray() && root.path("result").isEmpty())) {
      missing.add("result: [] (got " + kind(root.path("result")) + ")");
    }
    if (!turns.isArray()) {
      missing.add("calendar.turns[]");
    }
    if (missing.isEmpty()) {
      add(name, where, a, Outcome.OK, "result [], calendar.turns: " + CheckCommand.plural(turns.size(), "free day"));
    } else {
      add(name, where, a, Outcome.DIFF, "missing " + String.join(", ", missing));
    }
    JsonNode first = turns.path(0);
    String day = first.isValueNode() ? first.asText() : "";
    return day.matches("\\d{1,12}") ? Optional.of(day) : Optional.empty();
  }

  private void freeDaysAllSlots(Calendar c) {
    Answer a = post(bookingUrl("getFreeDays"), form(c).add("return_type", "calendar").build());
    String name = "getFreeDays all-slots";
    String where = where("POST", hosts.booking(), "/getFreeDays");
    if (!usable(a, name, where) || !legacy(a, name, where)) {
      return;
    }
    JsonNode root = a.json();
    JsonNode result = root.path("result");
    List<String> missing = new ArrayList<>();
    int days = 0;
    int slots = 0;
    if (!result.isObject()) {
      missing.add("result{<day>: [...]} (got " + kind(result) + ")");
    } else {
      for (Map.Entry<String, JsonNode> day : result.properties()) {
        days++;
        if (!day.getKey().matches("\\d{1,12}") || !day.getValue().isArray()) {
          missing.add("result keys of day timestamps holding arrays");
          break;
        }
        for (JsonNode block : day.getValue()) {
          List<String> gone = new ArrayList<>();
          if (!number(block.path("from"))) {
            gone.add("from");
          }
          if (!block.path("turns").isObject()) {
            gone.add("turns{}");
          }
          if (!number(block.path("slice"))) {
            gone.add("slice");
          }
          if (!gone.isEmpty()) {
            missing.add("blocks' " + String.join(", ", gone));
            break;
          }
          slots += block.path("turns").size();
        }
        if (!missing.isEmpty()) {
          break;
        }
      }
    }
    if (!root.path("calendar").path("start_date").isTextual()) {
      missing.add("calendar.start_date");
    }
    if (!root.path("calendar").path("end_date").isTextual()) {
      missing.add("calendar.end_date");
    }
    if (missing.isEmpty()) {
      add(name, where, a, Outcome.OK, "result: " + CheckCommand.plural(days, "day") + ", "
          + CheckCommand.plural(slots, "slot") + " in {from, turns, slice} blocks; calendar.start_date/end_date");
    } else {
      add(name, where, a, Outcome.DIFF, "missing " + String.join(", ", missing));
    }
  }

  private void freeTurns(Calendar c, String day) {
    Answer a = post(bookingUrl("getFreeTurns"), form(c).add("date", day).build());
    String name = "getFreeTurns";
    String where = where("POST", hosts.booking(), "/getFreeTurns");
    if (!usable(a, name, where) || !legacy(a, name, where)) {
      return;
    }
    JsonNode result = a.json().path("result");
    if (!result.isArray()) {
      add(name, where, a, Outcome.DIFF, "missing result[] (got " + kind(result) + ")");
      return;
    }
    for (JsonNode slot : result) {
      if (!number(slot.path("from")) || !number(slot.path("to"))) {
        add(name, where, a, Outcome.DIFF, "result items without numeric from/to");
        return;
      }
    }
    add(name, where, a, Outcome.OK, "result[" + result.size() + "] of {from, to}");
  }

  // ---- shared checks ---------------------------------------------------------------------------

  /**
   * Adds a FAIL or DIFF line and answers false unless the answer is a 2xx JSON object or array.
   */
  private boolean usable(Answer a, String name, String where) {
    if (!a.reached() || a.http() / 100 != 2) {
      add(name, where, a, Outcome.FAIL, failure(a));
      return false;
    }
    if (a.json() == null || !a.json().isContainerNode()) {
      add(name, where, a, Outcome.DIFF, "body is not JSON" + (looksLikeHtml(a.body()) ? " (an HTML page)" : ""));
      return false;
    }
    return true;
  }

  /**
   * Handles the legacy envelope's {@code status}: true when it is 1 and the caller should check
   * the fields; otherwise adds the line (32: OK, nothing free; 700: booking off; other: DIFF).
   */
  private boolean legacy(Answer a, String name, String where) {
    JsonNode status = a.json().path("status");
    if (!status.canConvertToInt() && !(status.isTextual() && status.asText().matches("-?\\d{1,6}"))) {
      add(name, where, a, Outcome.DIFF, "no numeric body status; top-level keys " + keys(a.json()));
      return false;
    }
    int code = status.asInt();
    if (code == 1) {
      return true;
    }
    if (code == NO_FREE_SLOT) {
      add(name, where, a, a.json().has("message") ? Outcome.OK : Outcome.DIFF,
          "no free slot (status 32 is an empty result)" + (a.json().has("message") ? "" : "; no message"));
    } else if (code == BOOKING_OFF) {
      add(name, where, a, Outcome.UNCHECKED, "online booking is off for this service (status 700)");
    } else {
      // The server's own message text (never user data: these calls carry none) says why.
      String message = a.json().path("message").asText("");
      add(name, where, a, Outcome.UNCHECKED, "unexpected status " + code + "; fields not checked"
          + (message.isBlank() ? "" : "; message: " + (message.length() > 80 ? message.substring(0, 80) + "…" : message)));
    }
    return false;
  }

  private static List<String> missing(JsonNode o, String... fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      JsonNode v = o.path(f);
      if (v.isMissingNode() || v.isNull()) {
        out.add(f);
      }
    }
    return out;
  }

  private static boolean number(JsonNode v) {
    return v.isNumber() || (v.isTextual() && v.asText().matches("\\d{1,12}"));
  }

  private static String kind(JsonNode v) {
    if (v.isMissingNode()) {
      return "nothing";
    }
    if (v.isArray()) {
      return v.isEmpty() ? "[]" : "an array";
    }
    return v.isObject() ? "an object" : v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** The object's first keys, to show what came instead (keys are the site's, never user data). */
  private static String keys(JsonNode o) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (names.size() < 6) {
        names.add(e.getKey());
      }
    }
    return names.toString();
  }

  /** The first center with {@code is_active} not false and a service with {@code can_booking} 1. */
  private static Optional<Calendar> calendar(JsonNode doctor) {
    for (JsonNode center : doctor.path("centers")) {
      if (center.path("is_active").isBoolean() && !center.path("is_active").asBoolean()) {
        continue;
      }
      for (JsonNode service : center.path("services")) {
        JsonNode can = service.path("can_booking");
        boolean bookable = can.asInt(0) == 1 || can.asBoolean(false) || "1".equals(can.asText());
        String centerId = text(center.path("id"));
        String serviceId = text(service.path("id"));
        String userCenterId = Optional.ofNullable(text(service.path("user_center_id")))
            .orElse(text(center.path("user_center_id")));
        if (bookable && centerId != null && serviceId != null && userCenterId != null) {
          String server = Optional.ofNullable(text(center.path("server_id")))
              .or(() -> Optional.ofNullable(text(doctor.path("server_id")))).orElse("1");
          return Optional.of(new Calendar(centerId, serviceId, userCenterId, server));
        }
      }
    }
    return Optional.empty();
  }

  private static String text(JsonNode v) {
    return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
  }

  private FormBody.Builder form(Calendar c) {
    return new FormBody.Builder().add("center_id", c.centerId()).add("service_id", c.serviceId())
        .add("user_center_id", c.userCenterId()).add("server_id", c.serverId()); // reads need no terminal id (spec 2, HIGH); the check never mints one
  }

  private HttpUrl bookingUrl(String name) {
    return hosts.booking().newBuilder().addPathSegment(name).build();
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private Answer get(HttpUrl url, String accept) {
    Request.Builder b = new Request.Builder().url(url).get();
    headers.forEach(b::header);
    if (accept != null) {
      b.header("Accept", accept);
    }
    return send(b.build());
  }

  private Answer post(HttpUrl url, FormBody body) {
    Request.Builder b = new Request.Builder().url(url).post(body);
    headers.forEach(b::header);
    return send(b.build());
  }

  private Answer send(Request request) {
    long t0 = System.nanoTime();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes;
      try (var in = body.byteStream()) {
        bytes = in.readNBytes(MAX_BODY);
      }
      long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      String text = new String(bytes, StandardCharsets.UTF_8);
      JsonNode tree = null;
      try {
        tree = json.readTree(text);
      } catch (JacksonException notJson) {
        // stays null: the caller reports "not JSON"
      }
      return new Answer(response.code(), ms, text, tree, null);
    } catch (IOException e) {
      long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      return new Answer(0, ms, null, null, transportFailure(e));
    }
  }

  private static String transportFailure(IOException e) {
    if (e instanceof UnknownHostException) {
      return "unknown host (DNS)";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof InterruptedIOException) {
      return "timed out";
    }
    return e.getClass().getSimpleName();
  }

  private static String failure(Answer a) {
    if (!a.reached()) {
      return a.failure();
    }
    if (a.http() == 429) {
      return "rate limited (HTTP 429)";
    }
    String what = a.json() != null ? "JSON body" : looksLikeHtml(a.body()) ? "HTML error page" : "non-JSON body";
    return "HTTP " + a.http() + ", " + what;
  }

  private static boolean looksLikeHtml(String body) {
    String head = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body");
  }

  /** {@code METHOD host[:port]/path-template}: no scheme, no query, no user values. */
  private static String where(String method, HttpUrl base, String pathTemplate) {
    String prefix = base.encodedPath().equals("/") ? "" : base.encodedPath();
    boolean defaultPort = base.port() == HttpUrl.defaultPort(base.scheme());
    return method + " " + base.host() + (defaultPort ? "" : ":" + base.port()) + prefix + pathTemplate;
  }

  private void add(String name, String where, Answer a, Outcome outcome, String note) {
    String status = "-";
    if (a.json() != null && a.json().path("status").isValueNode()) {
      status = a.json().path("status").asText();
    }
    lines.add(new Line(name, where, a.http(), a.millis(), status, outcome, note));
  }

  private void skip(String why, String... names) {
    for (String name : names) {
      lines.add(new Line(name, "", 0, -1, "-", Outcome.SKIP, why));
    }
  }

  /** The summary line: counts per outcome. */
  static String summary(List<Line> lines, String bookingHost) {
    Function<Outcome, Long> count = o -> lines.stream().filter(l -> l.outcome() == o).count();
    return "summary: " + lines.size() + " endpoints, " + count.apply(Outcome.OK) + " shape OK, "
        + count.apply(Outcome.DIFF) + " shape DIFF, " + count.apply(Outcome.UNCHECKED) + " not checked, "
        + count.apply(Outcome.FAIL) + " failed, " + count.apply(Outcome.SKIP) + " skipped; booking calls on "
        + bookingHost + "; read-only (nothing held, booked or sent by SMS)";
  }
}
