package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link Doctor} from a profile page ({@code __NEXT_DATA__ -> props.pageProps}, spec 3
 * option A) or from the JSON full profile (spec 3 option B). Stateless and thread-safe.
 *
 * <p>Both carry the same centers and services (spec 3B): ids are UUID strings except the online
 * center {@code "5532"}; {@code server_id} is a number or a string; {@code duration} is
 * {@code "HH:MM:SS"} (older shapes and the testkit's fake: whole minutes); {@code free_price} is in
 * rials, 0 when the service is not priced online (paid at the office). A service is bookable online
 * when its center is active ({@code is_active} not false: false means booking is off and the site
 * lists its services with id {@code -1}, which are skipped), {@code can_booking} is truthy (1) and
 * it has {@code hours_of_work}; other services stay in the {@link Doctor} with
 * {@link Service#bookable()} false, so they are never watch targets. The provider keys are the
 * center's {@code server_id} (else the doctor's) and the service's {@code user_center_id} (else the
 * center's). Centers or services without an id are skipped; any other missing field becomes empty.
 * A center's {@code map{lat,lon}} (spec 3B, HIGH) becomes {@link Center#location()} (null when absent,
 * 0,0 or odd). {@code freeturn} and {@code hours_of_work[].day} (1 = Monday .. 7 = Sunday, unlike getFreeDays'
 * {@code non_workdays}) are not read. Never throws {@code NullPointerException} on odd JSON.
 */
public final class ProfileParser {
  private static final String NEXT_DATA_ID = "__NEXT_DATA__";
  private static final int MAX_EXPERTISES = 20;
  /** The service id the site lists under a center whose booking is off (spec 3B). */
  static final String INACTIVE_SERVICE_ID = "-1";
  private static final Pattern HMS = Pattern.compile("([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?");

  private ProfileParser() {}

  /**
   * Parses a profile page.
   *
   * @throws SlotHunterException {@code PROTOCOL} when the data block is missing or malformed or
   *     {@code pageProps} has an unknown shape; {@code PROVIDER_UNAVAILABLE} when the page was served
   *     without server-side data ({@code shouldFetchOnClient}), which usually passes on retry
   */
  public static Doctor parsePage(DoctorRef ref, String html) {
    return parseServerRendered(ref, html).orElseThrow(ProfileParser::noServerSideData);
  }

  /** The "retry later" error for a page served without server-side data. */
  static SlotHunterException noServerSideData() {
    return ResponseClassifier.error(ErrorCode.PROVIDER_UNAVAILABLE, Endpoint.PROFILE_PAGE,
        "the page came without server-side profile data (shouldFetchOnClient); retry later").build();
  }

  /**
   * Like {@link #parsePage} but empty, instead of failing, when the page was served without
   * server-side data ({@code shouldFetchOnClient} or no {@code information}).
   */
  static Optional<Doctor> parseServerRendered(DoctorRef ref, String html) {
    JsonNode pageProps = pageProps(html);
    JsonNode information = pageProps.path("information");
    if (Json.truthy(pageProps.get("shouldFetchOnClient")) || !information.isObject()) {
      return Optional.empty();
    }
    JsonNode centers = pageProps.path("centers");
    if (!centers.isArray() && !centers.isNull() && !centers.isMissingNode()) {
      throw ResponseClassifier.protocol(Endpoint.PROFILE_PAGE, "pageProps.centers is not a list", centers.toString());
    }
    return Optional.of(toDoctor(ref, information, centers, pageProps.path("expertises")));
  }

  /**
   * Parses the drprofile full-profile JSON (spec 3B, HIGH): {@code {"status":"SUCCESS", "message",
   * "data":{...}}} with the doctor's fields, {@code centers[]} and {@code expertises} in
   * {@code data}. A body without the envelope (the doctor's fields at the top level) is read too.
   *
   * @throws SlotHunterException {@code PROTOCOL} for a body of another shape or a {@code status}
   *     other than {@code "SUCCESS"}
   */
  public static Doctor parseFullProfile(DoctorRef ref, String json) {
    JsonNode root = ResponseClassifier.json(Endpoint.FULL_PROFILE, json);
    JsonNode status = root.get("status");
    if (status != null && status.isTextual() && !Value.PROFILE_SUCCESS.equalsIgnoreCase(status.textValue().strip())) {
      throw ResponseClassifier.protocol(Endpoint.FULL_PROFILE,
          "the full profile answered status '" + cut(status.textValue(), 40) + "'", json);
    }
    JsonNode info = root.path("data").isObject() ? root.path("data") : root;
    JsonNode centers = info.path("centers");
    if (!centers.isArray()) {
      throw ResponseClassifier.protocol(Endpoint.FULL_PROFILE, "no centers list in the full profile", json);
    }
    return toDoctor(ref, info, centers, info.path("expertises"));
  }

  /** The {@code props.pageProps} object of the page's {@code __NEXT_DATA__} block. */
  static JsonNode pageProps(String html) {
    String json = nextData(html).orElseThrow(() -> ResponseClassifier.protocol(Endpoint.PROFILE_PAGE,
        "no __NEXT_DATA__ block in the page", html));
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw ResponseClassifier.error(ErrorCode.PROTOCOL, Endpoint.PROFILE_PAGE, "malformed __NEXT_DATA__ JSON")
          .excerpt(json).cause(e).build();
    }
    JsonNode pageProps = root.path("props").path("pageProps");
    if (!pageProps.isObject()) {
      throw ResponseClassifier.protocol(Endpoint.PROFILE_PAGE, "__NEXT_DATA__ has no props.pageProps object",
          json);
    }
    return pageProps;
  }

  /** The text inside {@code <script id="__NEXT_DATA__" ...>...</script>}, attribute order free. */
  static Optional<String> nextData(String html) {
    int idAt = html.indexOf(NEXT_DATA_ID);
    while (idAt >= 0) {
      int tagStart = html.lastIndexOf('<', idAt);
      int tagEnd = html.indexOf('>', idAt);
      if (tagStart >= 0 && tagEnd > idAt && html.regionMatches(true, tagStart, "<script", 0, 7)) {
        int close = indexOfIgnoreCase(html, "</script", tagEnd + 1);
        if (close < 0) {
          return Optional.empty();
        }
        return Optional.of(html.substring(tagEnd + 1, close).strip());
      }
      idAt = html.indexOf(NEXT_DATA_ID, idAt + NEXT_DATA_ID.length());
    }
    return Optional.empty();
  }

  /** {@code centersNode} and {@code expertisesNode} may be missing nodes; a non-list is read as empty. */
  static Doctor toDoctor(DoctorRef ref, JsonNode info, JsonNode centersNode, JsonNode expertisesNode) {
    String doctorServerId = Json.text(info, "server_id").orElse(null);
    List<Center> centers = new ArrayList<>();
    for (JsonNode c : centersNode) { // iterating an object node or a scalar yields its values or nothing
      if (c.isObject()) {
        center(c, doctorServerId).ifPresent(centers::add);
      }
    }
    return new Doctor(ref, displayName(ref, info), expertises(expertisesNode, info), centers);
  }

  private static String displayName(DoctorRef ref, JsonNode info) {
    String display = cut(Json.text(info, "display_name").orElse(""), 200);
    if (!display.isEmpty()) {
      return display;
    }
    String full = cut(Json.text(info, "name").orElse("") + " " + Json.text(info, "family").orElse(""), 200);
    return full.isEmpty() ? ref.key() : full;
  }

  /** {@code pageProps.expertises} as a list or as {@code {expertises: [...]}}, else {@code information.expertises}. */
  private static List<String> expertises(JsonNode node, JsonNode info) {
    JsonNode list = node.isObject() ? node.path("expertises") : node;
    if (!list.isArray()) {
      list = info.path("expertises");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode e : list) {
      Optional<String> name = Json.text(e).or(() -> Json.text(e, "alias_title"))
          .or(() -> Json.text(e, "name"));
      name.map(n -> cut(n, 200)).filter(n -> !n.isEmpty()).ifPresent(out::add);
    }
    return out.stream().limit(MAX_EXPERTISES).collect(Collectors.toUnmodifiableList());
  }

  private static Optional<Center> center(JsonNode c, String doctorServerId) {
    Optional<String> id = Json.text(c, "id").filter(ProfileParser::plausibleId);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    String serverId = Json.text(c, "server_id").orElse(doctorServerId);
    String centerUserCenterId = Json.text(c, "user_center_id").orElse(null);
    JsonNode isActive = c.get("is_active");
    // spec 3B: is_active false = online booking off at this center; absent (older pages) = on
    boolean active = isActive == null || isActive.isNull() || Json.truthy(isActive);
    List<Service> services = new ArrayList<>();
    JsonNode list = c.path("services");
    if (list.isArray()) {
      for (JsonNode s : list) {
        service(s, serverId, centerUserCenterId, active).ifPresent(services::add);
      }
    }
    String name = Json.text(c, "name").or(() -> Optional.of(Value.ONLINE_CENTER_ID.equals(id.get())
        ? Value.ONLINE_CENTER_NAME : "")).filter(n -> !n.isEmpty())
        .or(() -> Json.text(c, "center_type_name")).orElse("");
    return Optional.of(new Center(id.get(), cut(name, 200), cut(Json.text(c, "address").orElse(""), 1000),
        cut(city(c.path("city")), 200), services, Json.point(c.get("map"))));
  }

  private static Optional<Service> service(JsonNode s, String serverId, String centerUserCenterId, boolean active) {
    Optional<String> id = Json.text(s, "id").or(() -> Json.text(s, "service_id")).filter(ProfileParser::plausibleId);
    if (id.isEmpty() || id.get().equals(INACTIVE_SERVICE_ID)) {
      return Optional.empty(); // -1: a placeholder of a center whose booking is off (spec 3B), not a service
    }
    Map<String, String> keys = new HashMap<>();
    Optional.ofNullable(serverId).filter(ProfileParser::plausibleId).ifPresent(v -> keys.put(Field.SERVER_ID, v));
    Json.text(s, "user_center_id").or(() -> Optional.ofNullable(centerUserCenterId))
        .filter(ProfileParser::plausibleId).ifPresent(v -> keys.put(Field.USER_CENTER_ID, v));
    boolean bookable = active && Json.truthy(s.get("hours_of_work")) && Json.truthy(s.get("can_booking"));
    String title = Json.text(s, "alias_title").or(() -> Json.text(s, "title")).orElse("");
    OptionalLong price = Json.integer(s.get("free_price")); // rials (spec 3B)
    return Optional.of(new Service(id.get(), cut(title, 200),
        price.isPresent() && price.getAsLong() >= 0 ? Long.valueOf(price.getAsLong()) : null,
        duration(s.get("duration")).orElse(null), bookable, keys));
  }

  /**
   * A service's {@code duration}: {@code "HH:MM:SS"} or {@code "HH:MM"} (spec 3B, HIGH), or a whole
   * number of minutes (older shapes, the testkit's fake). Empty for null, zero, odd text or more than a day.
   */
  static Optional<Duration> duration(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    Duration d;
    if (node.isTextual() && node.textValue().contains(":")) {
      Matcher m = HMS.matcher(node.textValue().strip());
      if (!m.matches()) {
        return Optional.empty();
      }
      int minutes = Integer.parseInt(m.group(2));
      int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      if (minutes > 59 || seconds > 59) {
        return Optional.empty();
      }
      d = Duration.ofHours(Integer.parseInt(m.group(1))).plusMinutes(minutes).plusSeconds(seconds);
    } else {
      OptionalLong minutes = Json.integer(node);
      if (minutes.isEmpty() || minutes.getAsLong() > 24 * 60) {
        return Optional.empty();
      }
      d = Duration.ofMinutes(minutes.getAsLong());
    }
    return d.isZero() || d.isNegative() || d.compareTo(Duration.ofDays(1)) > 0 ? Optional.empty() : Optional.of(d);
  }

  private static String city(JsonNode city) {
    return Json.text(city).or(() -> Json.text(city, "name")).orElse("");
  }

  /** Ids go into headers and paths: printable ASCII, short. */
  static boolean plausibleId(String s) {
    if (s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Display text for a record: control and invisible characters (bidi marks, zero-width; ZWNJ
   * stays) become spaces, runs of whitespace collapse, and the result is cut to {@code max}.
   */
  static String cut(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max + 16));
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Chars.isBlank(c)) {
        space = b.length() > 0;
        continue;
      }
      if (b.length() + (space ? 2 : 1) > max) {
        break;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(c);
    }
    return b.toString();
  }

  private static int indexOfIgnoreCase(String s, String needle, int from) {
    for (int i = from; i <= s.length() - needle.length(); i++) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }
}
