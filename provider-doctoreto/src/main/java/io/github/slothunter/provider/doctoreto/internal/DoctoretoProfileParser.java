package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotHunterException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a doctor's profile page into a {@link Doctor}: the {@code __NEXT_DATA__} script, the React
 * Query entry keyed {@code ["consultations","doctors",code]} (found by key, never by position),
 * one {@link Center} and one {@link Service} per consultation. A consultation's
 * {@code place.coordinates{latitude, longitude}} (spec 3a, HIGH) becomes {@link Center#location()}
 * ({@code null} for online consultations, missing or odd coordinates, or 0,0). Stateless and thread-safe.
 */
final class DoctoretoProfileParser {
  static final String CONSULTATION_ID = "consultation_id";
  private static final Pattern NEXT_DATA_ID = Pattern.compile("(?i)\\bid\\s*=\\s*[\"']?__NEXT_DATA__[\"'\\s>/]");
  private static final int MAX_DEPTH = 64;

  private final ObjectMapper json;

  DoctoretoProfileParser(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Parses a profile page.
   *
   * @param ref the doctor the result names
   * @param code the doctor code, as in the URL (the query key matches it case-sensitively)
   *
   * @throws SlotHunterException {@code PROTOCOL} when the page lacks what we need, {@code NOT_FOUND}
   *     when it is Next.js's 404 page, {@code PROVIDER_UNAVAILABLE} when the page says its own
   *     server-side fetch of the consultations failed
   */
  Doctor parse(DoctorRef ref, String code, String html) {
    String script = nextData(html).orElseThrow(() -> DoctoretoErrors.protocol(
        "doctor page " + code + " has no __NEXT_DATA__ script (the site may have changed)",
        DoctoretoErrors.excerptOf(html)));
    JsonNode root;
    try {
      root = json.readTree(script);
    } catch (JacksonException e) {
      throw DoctoretoErrors.protocol("doctor page " + code + " has a __NEXT_DATA__ script that is not JSON",
          script, e);
    }
    String page = root.path("page").asText("");
    if (page.equals("/404") || page.equals("/_error")) {
      throw DoctoretoErrors.notFound("doctor " + code + " does not exist (the site rendered " + page + ")");
    }
    JsonNode queries = root.path("props").path("pageProps").path("dehydratedState").path("queries");
    if (!queries.isArray()) {
      throw DoctoretoErrors.protocol("doctor page " + code
          + " has no props.pageProps.dehydratedState.queries array in __NEXT_DATA__", script);
    }
    JsonNode query = consultationsQuery(queries, code).orElseThrow(() -> DoctoretoErrors.protocol(
        "doctor page " + code + " has no query keyed [consultations, doctors, " + code + "]; keys seen: "
            + queryKeys(queries), queryKeys(queries)));
    JsonNode data = query.path("state").path("data");
    if (data.isObject() && data.path("items").isArray()) {
      data = data.path("items"); // in case the query ever stores the API's {items: [...]} wrapper
    }
    if (!data.isArray()) {
      if ("error".equals(query.path("state").path("status").asText())) {
        throw DoctoretoErrors.unavailable("doctor page " + code
            + " says its server-side fetch of the consultations failed");
      }
      throw DoctoretoErrors.protocol("doctor page " + code + ": the consultations query has no data array",
          query.toString());
    }
    List<Center> centers = new ArrayList<>();
    for (JsonNode consultation : data) {
      centers.add(center(code, consultation));
    }
    JsonNode doctor = doctorNode(root, code);
    return new Doctor(ref, displayName(root, doctor, code), expertises(doctor), centers);
  }

  /** The JSON text of the {@code <script id="__NEXT_DATA__">} element, if any. */
  static Optional<String> nextData(String html) {
    int at = html.indexOf("__NEXT_DATA__");
    while (at >= 0) {
      int open = html.lastIndexOf('<', at);
      int close = html.indexOf('>', at);
      if (open >= 0 && close > at && html.regionMatches(true, open, "<script", 0, 7)
          && html.indexOf('>', open) == close
          && NEXT_DATA_ID.matcher(html.substring(open, close + 1)).find()) {
        int end = indexOfIgnoreCase(html, "</script", close + 1);
        if (end < 0) {
          return Optional.empty();
        }
        return Optional.of(html.substring(close + 1, end).strip());
      }
      at = html.indexOf("__NEXT_DATA__", at + 1);
    }
    return Optional.empty();
  }

  private static int indexOfIgnoreCase(String s, String needle, int from) {
    for (int i = s.indexOf('<', from); i >= 0; i = s.indexOf('<', i + 1)) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<JsonNode> consultationsQuery(JsonNode queries, String code) {
    List<String> prefix = DoctoretoAssumptions.CONSULTATIONS_QUERY_KEY;
    for (JsonNode q : queries) {
      JsonNode key = q.path("queryKey");
      if (!key.isArray() || key.size() < prefix.size() + 1) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < prefix.size() && matches; i++) {
        matches = key.get(i).isTextual() && prefix.get(i).equals(key.get(i).textValue());
      }
      JsonNode keyCode = key.get(prefix.size());
      if (matches && keyCode.isValueNode() && code.equals(keyCode.asText())) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }

  private static String queryKeys(JsonNode queries) {
    List<String> keys = new ArrayList<>();
    for (JsonNode q : queries) {
      keys.add(q.path("queryKey").toString());
    }
    return keys.toString();
  }

  private static Center center(String code, JsonNode c) {
    JsonNode idNode = c.path("id");
    if (!c.isObject() || !(idNode.isIntegralNumber() || (idNode.isTextual() && !idNode.textValue().isBlank()))) {
      throw DoctoretoErrors.protocol("doctor page " + code + " has a consultation without an id", c.toString());
    }
    String id = idNode.asText().strip();
    JsonNode place = c.path("place");
    boolean online = !place.isObject();
    String centerName = online
        ? DoctoretoAssumptions.ONLINE_CENTER_NAME
        : place.path("name").asText(DoctoretoAssumptions.ONLINE_CENTER_NAME);
    String address = online ? "" : place.path("address").asText("");
    JsonNode city = place.path("city");
    String cityName = city.isTextual() ? city.textValue() : city.path("name").asText("");
    String title = DoctoretoAssumptions.firstText(c, DoctoretoAssumptions.TITLE_FIELDS).orElse(centerName);
    Long price = DoctoretoAssumptions.firstAmount(c, DoctoretoAssumptions.PRICE_FIELDS).orElse(null);
    Service service = new Service(id, title, price, null, true, Map.of(CONSULTATION_ID, id));
    JsonNode coordinates = place.path("coordinates");
    GeoPoint location = online ? null
        : DoctoretoCities.point(coordinates.get("latitude"), coordinates.get("longitude"));
    return new Center(id, centerName, address, cityName, List.of(service), location);
  }

  /**
   * The doctor object: one with a {@code fullName} whose {@code id} is the code, else one whose
   * {@code slug} is the page's slug ({@code __NEXT_DATA__.query.slug}); {@code null} when neither exists.
   */
  private static JsonNode doctorNode(JsonNode root, String code) {
    JsonNode byId = find(root, n -> code.equals(n.path("id").asText(null)));
    if (byId != null) {
      return byId;
    }
    String slug = root.path("query").path("slug").asText("");
    return slug.isEmpty() ? null : find(root, n -> slug.equals(n.path("slug").asText(null)));
  }

  private static JsonNode find(JsonNode root, Predicate<JsonNode> doctor) {
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      JsonNode n = todo.poll();
      if (n.isObject() && n.path("fullName").isTextual() && doctor.test(n)) {
        return n;
      }
      if (n.isContainerNode()) {
        n.forEach(todo::add);
      }
    }
    return null;
  }

  /**
   * The doctor's name: the doctor object's {@code fullName}; else the first {@code fullName} outside
   * any list (lists hold similar doctors and reviews); else the first inside one; never one of a
   * {@code specialities} entry; else the code.
   */
  private static String displayName(JsonNode root, JsonNode doctor, String code) {
    if (doctor != null && !doctor.path("fullName").textValue().isBlank()) {
      return doctor.path("fullName").textValue();
    }
    return firstFullName(root, 0, false).or(() -> firstFullName(root, 0, true)).orElse(code);
  }

  private static Optional<String> firstFullName(JsonNode node, int depth, boolean intoLists) {
    if (depth > MAX_DEPTH || !node.isContainerNode()) {
      return Optional.empty();
    }
    JsonNode name = node.path("fullName");
    if (name.isTextual() && !name.textValue().isBlank()) {
      return Optional.of(name.textValue());
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().equals("specialities")) {
          Optional<String> found = firstFullName(e.getValue(), depth + 1, intoLists);
          if (found.isPresent()) {
            return found;
          }
        }
      }
      return Optional.empty();
    }
    if (!intoLists) {
      return Optional.empty();
    }
    for (JsonNode child : node) {
      Optional<String> found = firstFullName(child, depth + 1, true);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static List<String> expertises(JsonNode doctor) {
    if (doctor == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : doctor.path("specialities")) {
      DoctoretoAssumptions.firstText(s, List.of("fullName", "name", "title")).ifPresent(out::add);
    }
    return out;
  }
}
