package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads one page of a spec-9 search answer as an {@link AreaPage}. Stateless and thread-safe.
 *
 * <p>Read per doctor item (spec 9, HIGH for the names): {@code slug} (or {@code url}), {@code title} /
 * {@code prefix} + {@code display_name}, {@code display_expertise}, {@code gender} (1 male, 2 female),
 * {@code presence_freeturn}, {@code consult_freeturn}, {@code consult_active_booking},
 * {@code centers[{id, user_center_id, name, server_id?, map?}]}, {@code services[{id, center_id}]},
 * {@code freeturns_info[{center_id, freeturn, available_time}]}, {@code consult_services[{id, free_price}]};
 * and {@code search.total}, {@code search.pagination.total_pages}. Everything is lenient: numbers may be
 * strings, any field may be missing; items of another {@code type} (centers) or without a slug are
 * skipped. Times are unix seconds (or ISO-8601 text).
 *
 * <p>Choices where the spec is silent or UNVERIFIED:
 * <ul>
 * <li>A center's first free slot is its {@code freeturns_info} entry; without one, the online center
 *     takes {@code consult_freeturn} and a doctor's only in-person center takes {@code presence_freeturn}.
 *     Times not after {@code now} are dropped (the site keeps stale values, MCP). How fresh the rest are
 *     is UNVERIFIED: confirm with the calendar before holding.</li>
 * <li>Coordinates: spec 9 shows none on search items; {@code centers[].map{lat,lon}} is read when present
 *     (as in the profile, spec 3B), else the location is {@code null} (look the doctor up for it).</li>
 * <li>Price: the online center's from {@code consult_services[].free_price} (rials); in-person prices are
 *     not on search items (a {@code free_price} on a {@code services[]} entry is read if present).</li>
 * <li>Online visits count only when {@code consult_active_booking} is truthy or absent: doctors with online
 *     booking off keep the 5532 center and a stale {@code consult_freeturn} (MCP).</li>
 * <li>Targets: one per {@code services[]} entry whose center has a {@code user_center_id}, with
 *     {@code user_center_id} and, when given, {@code server_id} as provider keys (what the slot watcher
 *     needs; {@code server_id} is optional there).</li>
 * <li>{@code more}: {@code page < pagination.total_pages} when given, else {@code page * limit < total};
 *     a missing {@code total} counts the hits seen so far.</li>
 * </ul>
 */
final class AreaPageParser {
  private static final int MAX_NAME = 200;

  private AreaPageParser() {}

  /**
   * Parses one page.
   *
   * @throws SlotHunterException {@code PROTOCOL} for HTML, malformed JSON or an answer without
   *     {@code search}
   */
  static AreaPage parse(String body, int page, int limit, Instant now) {
    JsonNode root = ResponseClassifier.json(Endpoint.SEARCH, body);
    JsonNode search = root.path("search");
    if (!search.isObject()) {
      throw ResponseClassifier.protocol(Endpoint.SEARCH, "no search object in the answer", body);
    }
    JsonNode result = search.path("result");
    if (!result.isArray() && !result.isMissingNode() && !result.isNull()) {
      throw ResponseClassifier.protocol(Endpoint.SEARCH, "search.result is not a list", body);
    }
    List<AreaHit> hits = new ArrayList<>();
    for (JsonNode item : result) {
      hit(item, now).ifPresent(hits::add);
    }
    long seen = (long) (page - 1) * limit + result.size();
    long total = Math.max(Json.integer(search.get("total")).orElse(seen), 0);
    OptionalLong pages = Json.integer(search.path("pagination").get("total_pages"));
    boolean more = result.size() > 0 && (pages.isPresent() ? page < pages.getAsLong() : (long) page * limit < total);
    return new AreaPage(hits, (int) Math.min(total, Integer.MAX_VALUE), page, more);
  }

  private static Optional<AreaHit> hit(JsonNode item, Instant now) {
    if (!item.isObject()) {
      return Optional.empty();
    }
    Optional<String> type = Json.text(item, "type");
    if (type.isPresent() && !type.get().equals("doctor")) {
      return Optional.empty();
    }
    Optional<DoctorRef> ref = Json.text(item, "slug").flatMap(DoctorLinkParser::parse)
        .or(() -> Json.text(item, "url").flatMap(DoctorLinkParser::parse));
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    boolean onlineOn = !item.has("consult_active_booking") || item.get("consult_active_booking").isNull()
        || Json.truthy(item.get("consult_active_booking"));
    Map<String, JsonNode> centers = new LinkedHashMap<>();
    for (JsonNode c : item.path("centers")) {
      Json.text(c, "id").filter(ProfileParser::plausibleId).ifPresent(id -> centers.putIfAbsent(id, c));
    }
    if (!onlineOn) {
      centers.remove(Value.ONLINE_CENTER_ID);
    }
    Map<String, Instant> firstFree = new HashMap<>();
    for (JsonNode f : item.path("freeturns_info")) {
      Optional<String> center = Json.text(f, "center_id");
      Optional<Instant> at = time(f.get("freeturn")).filter(t -> t.isAfter(now));
      if (center.isPresent() && at.isPresent()) {
        firstFree.merge(center.get(), at.get(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    long inPerson = centers.keySet().stream().filter(id -> !id.equals(Value.ONLINE_CENTER_ID)).count();
    Long onlinePrice = onlinePrice(item);
    List<AreaCenter> areaCenters = new ArrayList<>();
    Set<VisitType> visitTypes = EnumSet.noneOf(VisitType.class);
    for (Map.Entry<String, JsonNode> e : centers.entrySet()) {
      boolean online = e.getKey().equals(Value.ONLINE_CENTER_ID);
      visitTypes.add(online ? VisitType.ONLINE : VisitType.IN_PERSON);
      Instant first = firstFree.get(e.getKey());
      if (first == null && (online || inPerson == 1)) {
        first = time(item.get(online ? "consult_freeturn" : "presence_freeturn")).filter(t -> t.isAfter(now))
            .orElse(null);
      }
      String name = ProfileParser.cut(Json.text(e.getValue(), "name")
          .orElse(online ? Value.ONLINE_CENTER_NAME : ""), MAX_NAME);
      Long price = online ? onlinePrice : servicePrice(item, e.getKey());
      areaCenters.add(new AreaCenter(e.getKey(), name, Json.point(e.getValue().get("map")), first, price));
    }
    return Optional.of(new AreaHit(ref.get(), displayName(item, ref.get()),
        ProfileParser.cut(Json.text(item, "display_expertise").orElse(""), MAX_NAME), gender(item.get("gender")),
        visitTypes, areaCenters, targets(item, ref.get(), centers)));
  }

  private static List<Target> targets(JsonNode item, DoctorRef ref, Map<String, JsonNode> centers) {
    Optional<String> doctorServer = Json.text(item, "server_id").filter(ProfileParser::plausibleId);
    Map<String, Target> out = new LinkedHashMap<>();
    for (JsonNode s : item.path("services")) {
      Optional<String> id = Json.text(s, "id").filter(ProfileParser::plausibleId)
          .filter(v -> !v.equals(ProfileParser.INACTIVE_SERVICE_ID));
      Optional<String> centerId = Json.text(s, "center_id");
      JsonNode center = centerId.map(centers::get).orElse(null);
      if (id.isEmpty() || center == null) {
        continue;
      }
      Optional<String> userCenter = Json.text(s, "user_center_id").or(() -> Json.text(center, "user_center_id"))
          .filter(ProfileParser::plausibleId);
      if (userCenter.isEmpty()) {
        continue;
      }
      Map<String, String> keys = new HashMap<>();
      keys.put(Field.USER_CENTER_ID, userCenter.get());
      Json.text(center, "server_id").filter(ProfileParser::plausibleId).or(() -> doctorServer)
          .ifPresent(v -> keys.put(Field.SERVER_ID, v));
      Target t = new Target(ref, centerId.get(), id.get(), keys);
      out.putIfAbsent(t.id(), t);
    }
    return List.copyOf(out.values());
  }

  private static String displayName(JsonNode item, DoctorRef ref) {
    String title = ProfileParser.cut(Json.text(item, "title").orElse(""), MAX_NAME);
    if (!title.isEmpty()) {
      return title;
    }
    String name = ProfileParser.cut(Json.text(item, "prefix").orElse("") + " "
        + Json.text(item, "display_name").orElse(""), MAX_NAME);
    return name.isEmpty() ? ProfileParser.cut(ref.key(), MAX_NAME) : name;
  }

  private static Gender gender(JsonNode node) {
    String g = Json.text(node).orElse("");
    if (g.equals("1") || g.equalsIgnoreCase(Value.GENDER_MALE)) {
      return Gender.MALE;
    }
    if (g.equals("2") || g.equalsIgnoreCase(Value.GENDER_FEMALE)) {
      return Gender.FEMALE;
    }
    return Gender.UNSPECIFIED;
  }

  private static Long onlinePrice(JsonNode item) {
    for (JsonNode s : item.path("consult_services")) {
      OptionalLong p = Json.integer(s.get("free_price"));
      if (p.isPresent() && p.getAsLong() >= 0) {
        return p.getAsLong();
      }
    }
    return servicePrice(item, Value.ONLINE_CENTER_ID);
  }

  private static Long servicePrice(JsonNode item, String centerId) {
    for (JsonNode s : item.path("services")) {
      OptionalLong p = Json.integer(s.get("free_price"));
      if (Json.text(s, "center_id").filter(centerId::equals).isPresent() && p.isPresent() && p.getAsLong() >= 0) {
        return p.getAsLong();
      }
    }
    return null;
  }

  /** Unix seconds (number or numeric string, 0 = none) or ISO-8601 text with an offset. */
  static Optional<Instant> time(JsonNode node) {
    OptionalLong secs = Json.integer(node);
    if (secs.isPresent()) {
      return secs.getAsLong() > 0 && secs.getAsLong() < 32_503_680_000L
          ? Optional.of(Instant.ofEpochSecond(secs.getAsLong())) : Optional.empty();
    }
    return Json.text(node).flatMap(s -> {
      try {
        return Optional.of(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }
}
