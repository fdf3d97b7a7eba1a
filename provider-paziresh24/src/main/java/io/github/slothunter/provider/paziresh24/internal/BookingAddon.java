package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.Paziresh24Config;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Header;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hamdast pre-booking widget (spec 5.9): which doctors have one (the widget list, cached per
 * doctor), and the addon call before {@code book}. Thread-safe.
 *
 * <p>The addon request carries the patient's name, national code and mobile: none of it is logged,
 * and no excerpt of the request or reply goes into an exception. Any failure of the list or the call
 * means "book without {@code meta_data}", as the site does; only a {@code SHOW_FORM} reply stops the
 * booking.
 *
 * <p>{@code data_endpoint} is an absolute URL from the widget list. When its host is one of the
 * site's own hosts (default or configured), it is sent to the configured base URL of that host (so
 * {@code base-url} and mirrors work); the user's bearer token goes only to the API gateway, as the
 * site does. Any other host gets no token or cookie and must be {@code https}.
 */
final class BookingAddon {
  private static final Logger log = LoggerFactory.getLogger(BookingAddon.class);
  /** How long a doctor's widget list is trusted. */
  static final Duration CACHE_TTL = Duration.ofHours(1);
  /** How long a failed widget list is remembered as "no widget" before it is asked again. */
  static final Duration FAILURE_TTL = Duration.ofMinutes(5);
  /** Widget lists kept at most; beyond this the cache is cleared (one entry per watched doctor). */
  static final int MAX_CACHED = 10_000;

  /** What to do before book. */
  enum Action { BOOK, SHOW_FORM }

  /**
   * The addon's answer: book (with {@code metaData} added to the book form, possibly none), or stop
   * because a person must fill a form.
   */
  record Decision(Action action, Map<String, String> metaData) {
    static final Decision BOOK_PLAIN = new Decision(Action.BOOK, Map.of());
  }

  private record Widgets(List<String> endpoints, Instant until) {}

  private final Paziresh24Client client;
  private final Map<String, Widgets> cache = new ConcurrentHashMap<>();

  BookingAddon(Paziresh24Client client) {
    this.client = client;
  }

  /** Asks the doctor's pre-booking widget, if it has one, whether to book (spec 5.9). */
  Decision before(Target target, Patient patient, AccountSession session) {
    String slug = target.ref().key();
    List<String> endpoints = endpoints(slug);
    if (endpoints.isEmpty()) {
      return Decision.BOOK_PLAIN;
    }
    // the site uses the first widget with the placement; several are not known to exist
    String endpoint = endpoints.get(0);
    try {
      return call(endpoint, target, patient, session);
    } catch (SlotHunterException | IllegalArgumentException e) {
      log.warn("paziresh24 pre-booking widget of {} failed ({}); booking without its data", slug,
          e instanceof SlotHunterException she ? she.code() : "bad data_endpoint");
      return Decision.BOOK_PLAIN;
    }
  }

  /** The {@code data_endpoint}s of the doctor's pre-booking widgets, from the cache or the widget list. */
  private List<String> endpoints(String slug) {
    Instant now = client.now();
    Widgets cached = cache.get(slug);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.endpoints();
    }
    Widgets fresh;
    try {
      fresh = new Widgets(parseWidgets(fetchWidgets(slug)), now.plus(CACHE_TTL));
    } catch (SlotHunterException e) {
      log.warn("paziresh24 widget list of {} failed ({}); booking without a pre-booking check", slug, e.code());
      fresh = new Widgets(List.of(), now.plus(FAILURE_TTL));
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(slug, fresh);
    return fresh.endpoints();
  }

  private String fetchWidgets(String slug) {
    HttpUrl url = client.settings.url(Endpoint.HAMDAST_WIDGETS).addQueryParameter(Field.SLUG, slug).build();
    return client.http.sendJsonBody(Endpoint.HAMDAST_WIDGETS, url, null, Map.of(), Value.WIDGETS_TIMEOUT).body();
  }

  /** The widget list: an array (or {@code {data: array}}) of {@code {placement[], data_endpoint?}}. */
  static List<String> parseWidgets(String body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body.strip());
    } catch (JacksonException e) {
      throw ResponseClassifier.error(io.github.slothunter.api.ErrorCode.PROTOCOL, Endpoint.HAMDAST_WIDGETS,
          "malformed JSON").cause(e).build();
    }
    JsonNode list = root != null && root.isObject() ? root.path("data") : root;
    if (list == null || !list.isArray()) {
      throw ResponseClassifier.error(io.github.slothunter.api.ErrorCode.PROTOCOL, Endpoint.HAMDAST_WIDGETS,
          "the widget list is not an array").build();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode w : list) {
      JsonNode placement = w.path("placement");
      boolean beforeBook = false;
      if (placement.isArray()) {
        for (JsonNode p : placement) {
          beforeBook |= Value.BEFORE_BOOK_PLACEMENT.equals(p.asText());
        }
      } else {
        beforeBook = Value.BEFORE_BOOK_PLACEMENT.equals(placement.asText());
      }
      Optional<String> endpoint = Json.text(w, "data_endpoint").filter(s -> !s.isBlank());
      if (beforeBook && endpoint.isPresent()) {
        out.add(endpoint.get().strip());
      }
    }
    return List.copyOf(out);
  }

  private Decision call(String dataEndpoint, Target target, Patient patient, AccountSession session) {
    Resolved r = resolve(dataEndpoint);
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.withToken()) {
      headers.put(Header.AUTHORIZATION, "Bearer " + session.token());
    }
    String reply = client.http.sendJsonBody(Endpoint.BOOKING_ADDON, r.url(), requestBody(target, patient), headers,
        Value.ADDON_TIMEOUT).body();
    return parseReply(reply);
  }

  /** The addon request body (spec 5.9); what the target does not know (doctor name, insurances) is left out. */
  static String requestBody(Target target, Patient patient) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("patient_data")
        .put("name", patient.firstName())
        .put("family", patient.lastName())
        .put("national_code", patient.nationalCode())
        .put("cell", patient.mobile());
    ObjectNode doctor = root.putObject("doctor_data").put("slug", target.ref().key());
    doctor.putArray("doctor_insurances");
    ObjectNode center = root.putObject("center_data").put("id", target.centerId());
    Paziresh24Client.key(target, Field.SERVER_ID).ifPresent(v -> center.put("server_id", v));
    Paziresh24Client.key(target, Field.USER_CENTER_ID).ifPresent(v -> center.put("user_center_id", v));
    root.putObject("service_data").put("id", target.serviceId());
    return root.toString();
  }

  /**
   * The addon reply, optionally wrapped in {@code {data: ...}}: {@code SHOW_FORM} stops; anything
   * else with {@code action BOOK} books with its {@code meta_data} (scalar values only).
   *
   * @throws SlotHunterException {@code PROTOCOL} for a reply that is not a JSON object or names no known action
   */
  static Decision parseReply(String body) {
    JsonNode root = ResponseClassifier.json(Endpoint.BOOKING_ADDON, body);
    JsonNode reply = root.has("action") || !root.path("data").isObject() ? root : root.get("data");
    String action = Json.text(reply, "action").orElse("").strip().toUpperCase(Locale.ROOT);
    if (action.equals(Value.ADDON_SHOW_FORM)) {
      return new Decision(Action.SHOW_FORM, Map.of());
    }
    if (!action.equals(Value.ADDON_BOOK)) {
      // no excerpt: the reply may echo the patient's data
      throw ResponseClassifier.error(io.github.slothunter.api.ErrorCode.PROTOCOL, Endpoint.BOOKING_ADDON,
          "unknown action in the addon reply").build();
    }
    Map<String, String> meta = new LinkedHashMap<>();
    JsonNode m = reply.path("meta_data");
    if (m.isObject()) {
      for (Map.Entry<String, JsonNode> e : m.properties()) {
        if (e.getValue().isValueNode() && !e.getValue().isNull() && !e.getKey().isBlank()) {
          meta.put(e.getKey(), e.getValue().asText());
        }
      }
    }
    return new Decision(Action.BOOK, Map.copyOf(meta));
  }

  private record Resolved(HttpUrl url, boolean withToken) {}

  /** Maps a {@code data_endpoint} onto the configured hosts (see the class comment). */
  private Resolved resolve(String dataEndpoint) {
    HttpUrl given = HttpUrl.get(dataEndpoint); // IllegalArgumentException for a malformed URL
    Paziresh24Settings s = client.settings;
    if (sameHost(given, s.apigw(), Paziresh24Config.DEFAULT_APIGW_URL)) {
      return new Resolved(rebase(given, s.apigw()), true);
    }
    if (sameHost(given, s.www(), Paziresh24Config.DEFAULT_WWW_URL)) {
      return new Resolved(rebase(given, s.www()), false);
    }
    if (sameHost(given, s.api(), Paziresh24Config.DEFAULT_API_URL)) {
      return new Resolved(rebase(given, s.api()), false);
    }
    if (sameHost(given, s.hamdast(), Paziresh24Config.DEFAULT_HAMDAST_URL)) {
      return new Resolved(rebase(given, s.hamdast()), false);
    }
    if (!given.isHttps()) {
      // the body carries the patient's national code and mobile: never over plain HTTP to a stranger
      throw new IllegalArgumentException("data_endpoint on another host must be https");
    }
    return new Resolved(given, false);
  }

  private static boolean sameHost(HttpUrl given, HttpUrl configured, String defaultUrl) {
    HttpUrl def = HttpUrl.get(defaultUrl);
    return (given.host().equals(def.host()) && given.port() == def.port())
        || (given.host().equals(configured.host()) && given.port() == configured.port());
  }

  /** The given URL's path and query on the configured base (which may have a path of its own). */
  private static HttpUrl rebase(HttpUrl given, HttpUrl base) {
    HttpUrl.Builder b = base.newBuilder();
    for (String segment : given.pathSegments()) {
      b.addPathSegment(segment);
    }
    b.encodedQuery(given.encodedQuery());
    return b.build();
  }
}
