package io.github.slothunter.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakePaziresh24;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a Paziresh24 JSON scenario (format on {@code FakePaziresh24Builder#scenario}) into a
 * builder through small callback interfaces. Strict: unknown keys and bad values fail with the
 * JSON path. Stateless.
 */
public final class Paziresh24ScenarioReader {
  private static final Set<String> TOP = Set.of("now", "seed", "holdTtl", "tokenTtl", "otp", "rateLimitPerMinute",
      "doctors", "events", "description", "bookingWindowDays", "allSlotsWindowDays", "strictTerminals",
      "requireWidgetMetaData", "holidays");
  private static final Set<String> DOCTOR = Set.of("slug", "displayName", "name", "family", "gender", "id", "userId",
      "serverId", "employeeId", "experience", "expertises", "aliases", "centers", "widget");
  private static final Set<String> WIDGET = Set.of("app", "captcha", "metaData");
  private static final Set<String> CENTER = Set.of("id", "name", "city", "citySlug", "province", "address", "serverId",
      "centerType", "userCenterId", "phone", "services");
  private static final Set<String> SERVICE = Set.of("id", "title", "price", "duration", "userCenterId", "bookable",
      "canRequest", "hoursOfWork", "slots", "days", "bookingOff");
  private static final Set<String> DAY = Set.of("date", "from", "to");
  private static final Set<String> EVENT = Set.of("at", "type", "slug", "centerId", "serviceId", "start", "date",
      "from", "to");

  private Paziresh24ScenarioReader() {}

  /** Receives the scenario's top level. */
  public interface Target {
    /** The scenario's starting time. */
    void now(Instant now);

    /** The seed. */
    void seed(long value);

    /** The hold lifetime. */
    void holdTtl(Duration value);

    /** The token lifetime. */
    void tokenTtl(Duration value);

    /** The OTP. */
    void otp(String value);

    /** The rate limit. */
    void rateLimitPerMinute(int value);

    /** The booking window in days. */
    void bookingWindowDays(int value);

    /** The all-slots window in days. */
    void allSlotsWindowDays(int value);

    /** Strict terminals. */
    void strictTerminals(boolean value);

    /** Whether book requires the widget's meta_data. */
    void requireWidgetMetaData(boolean value);

    /** A holiday. */
    void holiday(LocalDate day, String name);

    /** Starts a doctor. */
    DoctorTarget doctor(String slug);

    /** A timed event. */
    void event(Instant at, Consumer<FakePaziresh24> action);
  }

  /** Receives one doctor. */
  public interface DoctorTarget {
    /** A scalar setting (arrays arrive one element at a time as {@code expertise} and {@code alias}). */
    void set(String key, String value);

    /** A Hamdast pre-booking widget. */
    void widget(String app, boolean captcha, Map<String, String> metaData);

    /** Starts a center. */
    CenterTarget center(String id);
  }

  /** Receives one center. */
  public interface CenterTarget {
    /** A scalar setting. */
    void set(String key, String value);

    /** Starts a service. */
    ServiceTarget service(String id);
  }

  /** Receives one service. */
  public interface ServiceTarget {
    /** A scalar setting. */
    void set(String key, String value);

    /** An initially free slot. */
    void slot(Instant start);

    /** An initially open day. */
    void day(LocalDate day, LocalTime from, LocalTime to);
  }

  /**
   * Reads the scenario into {@code target}.
   *
   * @throws UncheckedIOException if the stream cannot be read or is not JSON
   * @throws IllegalArgumentException naming the path of the first bad key or value
   */
  public static void read(InputStream json, Target target) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("scenario is not readable JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("scenario must be a JSON object");
    }
    try {
      readTop(root, target);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("scenario has a malformed value: " + e.getMessage(), e);
    }
  }

  private static void readTop(JsonNode root, Target target) {
    check(root, TOP, "$");
    if (root.has("now")) {
      target.now(instant(root.get("now"), "$.now"));
    }
    if (root.has("seed")) {
      target.seed(number(root.get("seed"), "$.seed"));
    }
    if (root.has("holdTtl")) {
      target.holdTtl(Duration.parse(text(root.get("holdTtl"), "$.holdTtl")));
    }
    if (root.has("tokenTtl")) {
      target.tokenTtl(Duration.parse(text(root.get("tokenTtl"), "$.tokenTtl")));
    }
    if (root.has("otp")) {
      target.otp(text(root.get("otp"), "$.otp"));
    }
    if (root.has("rateLimitPerMinute")) {
      target.rateLimitPerMinute(Math.toIntExact(number(root.get("rateLimitPerMinute"), "$.rateLimitPerMinute")));
    }
    if (root.has("bookingWindowDays")) {
      target.bookingWindowDays(Math.toIntExact(number(root.get("bookingWindowDays"), "$.bookingWindowDays")));
    }
    if (root.has("allSlotsWindowDays")) {
      target.allSlotsWindowDays(Math.toIntExact(number(root.get("allSlotsWindowDays"), "$.allSlotsWindowDays")));
    }
    if (root.has("strictTerminals")) {
      target.strictTerminals(bool(root.get("strictTerminals"), "$.strictTerminals"));
    }
    if (root.has("requireWidgetMetaData")) {
      target.requireWidgetMetaData(bool(root.get("requireWidgetMetaData"), "$.requireWidgetMetaData"));
    }
    if (root.has("holidays")) {
      JsonNode h = root.get("holidays");
      if (!h.isObject()) {
        throw new IllegalArgumentException("$.holidays must be an object {\"2026-02-11\": \"name\"}");
      }
      for (Map.Entry<String, JsonNode> e : h.properties()) {
        target.holiday(LocalDate.parse(e.getKey()), text(e.getValue(), "$.holidays." + e.getKey()));
      }
    }
    JsonNode doctors = array(root, "doctors", "$");
    for (int i = 0; i < doctors.size(); i++) {
      readDoctor(doctors.get(i), target, "$.doctors[" + i + "]");
    }
    JsonNode events = array(root, "events", "$");
    for (int i = 0; i < events.size(); i++) {
      readEvent(events.get(i), target, "$.events[" + i + "]");
    }
  }

  private static void readDoctor(JsonNode node, Target target, String path) {
    check(node, DOCTOR, path);
    DoctorTarget d = target.doctor(text(node.get("slug"), path + ".slug"));
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      switch (f.getKey()) {
        case "slug":
        case "centers":
          break;
        case "widget": {
          JsonNode w = f.getValue();
          String wp = path + ".widget";
          check(w, WIDGET, wp);
          Map<String, String> meta = new java.util.LinkedHashMap<>();
          if (w.has("metaData")) {
            check(w.get("metaData"), Set.copyOf(iterable(w.get("metaData"))), wp + ".metaData");
            for (Map.Entry<String, JsonNode> m : w.get("metaData").properties()) {
              meta.put(m.getKey(), scalar(m.getValue(), wp + ".metaData." + m.getKey()));
            }
          }
          d.widget(text(w.get("app"), wp + ".app"), w.has("captcha") && bool(w.get("captcha"), wp + ".captcha"), meta);
          break;
        }
        case "expertises":
          for (JsonNode e : array(node, "expertises", path)) {
            d.set("expertise", text(e, path + ".expertises[]"));
          }
          break;
        case "aliases":
          for (JsonNode e : array(node, "aliases", path)) {
            d.set("alias", text(e, path + ".aliases[]"));
          }
          break;
        default:
          d.set(f.getKey(), scalar(f.getValue(), path + "." + f.getKey()));
      }
    }
    JsonNode centers = array(node, "centers", path);
    for (int i = 0; i < centers.size(); i++) {
      String cp = path + ".centers[" + i + "]";
      JsonNode c = centers.get(i);
      check(c, CENTER, cp);
      CenterTarget ct = d.center(scalar(c.get("id"), cp + ".id"));
      for (Map.Entry<String, JsonNode> f : c.properties()) {
        if (!f.getKey().equals("id") && !f.getKey().equals("services")) {
          ct.set(f.getKey(), scalar(f.getValue(), cp + "." + f.getKey()));
        }
      }
      JsonNode services = array(c, "services", cp);
      for (int j = 0; j < services.size(); j++) {
        readService(services.get(j), ct, cp + ".services[" + j + "]");
      }
    }
  }

  private static void readService(JsonNode s, CenterTarget ct, String sp) {
    check(s, SERVICE, sp);
    ServiceTarget st = ct.service(scalar(s.get("id"), sp + ".id"));
    for (Map.Entry<String, JsonNode> f : s.properties()) {
      if (!Set.of("id", "slots", "days").contains(f.getKey())) {
        st.set(f.getKey(), scalar(f.getValue(), sp + "." + f.getKey()));
      }
    }
    for (JsonNode t : array(s, "slots", sp)) {
      st.slot(instant(t, sp + ".slots[]"));
    }
    JsonNode days = array(s, "days", sp);
    for (int k = 0; k < days.size(); k++) {
      String dp = sp + ".days[" + k + "]";
      JsonNode day = days.get(k);
      check(day, DAY, dp);
      st.day(LocalDate.parse(text(day.get("date"), dp + ".date")), LocalTime.parse(text(day.get("from"), dp + ".from")),
          LocalTime.parse(text(day.get("to"), dp + ".to")));
    }
  }

  private static void readEvent(JsonNode e, Target target, String path) {
    check(e, EVENT, path);
    Instant at = instant(e.get("at"), path + ".at");
    String type = text(e.get("type"), path + ".type");
    String slug = text(e.get("slug"), path + ".slug");
    String center = scalar(e.get("centerId"), path + ".centerId");
    String service = scalar(e.get("serviceId"), path + ".serviceId");
    switch (type) {
      case "release": {
        Instant start = instant(e.get("start"), path + ".start");
        target.event(at, f -> f.openSlot(slug, center, service, start));
        break;
      }
      case "take": {
        Instant start = instant(e.get("start"), path + ".start");
        target.event(at, f -> f.takeSlot(slug, center, service, start));
        break;
      }
      case "openDay": {
        LocalDate day = LocalDate.parse(text(e.get("date"), path + ".date"));
        LocalTime from = LocalTime.parse(text(e.get("from"), path + ".from"));
        LocalTime to = LocalTime.parse(text(e.get("to"), path + ".to"));
        target.event(at, f -> f.openSlots(slug, center, service, day, from, to));
        break;
      }
      default:
        throw new IllegalArgumentException(path + ".type must be release, take or openDay: '" + type + "'");
    }
  }

  private static void check(JsonNode node, Set<String> allowed, String path) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(path + " must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(path + " has unknown key '" + name + "'; allowed: " + allowed);
      }
    }
  }

  private static JsonNode array(JsonNode parent, String name, String path) {
    JsonNode a = parent.get(name);
    if (a == null || a.isNull()) {
      return Json.array();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException(path + "." + name + " must be an array");
    }
    return a;
  }

  private static String text(JsonNode n, String path) {
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(path + " must be a string");
    }
    return n.asText();
  }

  private static String scalar(JsonNode n, String path) {
    if (n == null || !(n.isTextual() || n.isNumber() || n.isBoolean())) {
      throw new IllegalArgumentException(path + " must be a string, number or boolean");
    }
    return n.asText();
  }

  private static java.util.List<String> iterable(JsonNode n) {
    java.util.List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static boolean bool(JsonNode n, String path) {
    if (n == null || !n.isBoolean()) {
      throw new IllegalArgumentException(path + " must be true or false");
    }
    return n.asBoolean();
  }

  private static long number(JsonNode n, String path) {
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
      throw new IllegalArgumentException(path + " must be an integer");
    }
    return n.asLong();
  }

  private static Instant instant(JsonNode n, String path) {
    return Instant.parse(text(n, path));
  }
}
