package io.github.slothunter.examples.server;

import static io.github.slothunter.examples.server.Api.json;
import static io.github.slothunter.examples.server.Api.owner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.core.SlotHunter;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Area searches over the API ({@code GET /api/v1/areas/search}: the doctors of a specialty in a city,
 * optionally near a point, with their centers, distances, prices and first free slots, as the engine
 * returns them in one call) and the {@code area} object of an area watch (read here into an
 * {@link AreaQuery}, shown back by {@link #areaView}). The criteria read the same from query
 * parameters and from JSON; a bad one is a 422 naming it, an unknown city or specialty the engine's
 * {@code NOT_FOUND} with its closest names. Thread-safe.
 */
final class AreasApi {
  /** The fields of a watch's {@code area} object, also the search's query parameters. */
  static final Set<String> FIELDS = Set.of("provider", "specialty", "city", "near", "km", "maxPrice", "gender",
      "visitType", "keepUnlocated", "maxMembers");
  private static final String DEFAULT_PROVIDER = "paziresh24";
  private static final int MAX_WORDS = 100;

  private final SlotHunter hunter;

  AreasApi(SlotHunter hunter) {
    this.hunter = hunter;
  }

  /** Where criteria come from: a query string or a JSON object; {@code describe} names one in errors. */
  private interface Criteria {
    Optional<String> text(String name);

    String describe(String name);
  }

  void search(Context ctx) {
    owner(ctx);
    for (String name : ctx.queryParamMap().keySet()) {
      if (!FIELDS.contains(name)) {
        throw ApiException.invalid("query parameter '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "' is unknown; use " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    AreaQuery query = query(new Criteria() {
      @Override
      public Optional<String> text(String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
          return Optional.empty();
        }
        if (v.length() > MAX_WORDS || v.chars().anyMatch(Character::isISOControl)) {
          throw ApiException.invalid(describe(name) + " is too long or has control characters");
        }
        return Optional.of(v.strip());
      }

      @Override
      public String describe(String name) {
        return "query parameter '" + name + "'";
      }
    });
    List<AreaMember> members = hunter.areaSearch(query);
    ObjectNode n = Json.object();
    n.set("query", queryView(query));
    n.put("count", members.size());
    ArrayNode out = n.putArray("members");
    members.forEach(m -> out.add(memberView(query, m)));
    json(ctx, 200, n);
  }

  /** The query of a watch's {@code area} object. */
  AreaQuery query(JsonBody area) {
    return query(new Criteria() {
      @Override
      public Optional<String> text(String name) {
        return area.optionalScalar(name, MAX_WORDS);
      }

      @Override
      public String describe(String name) {
        return area.describe(name);
      }
    });
  }

  private static AreaQuery query(Criteria c) {
    String provider = c.text("provider").orElse(DEFAULT_PROVIDER);
    String specialty = c.text("specialty").orElseThrow(() -> ApiException.invalid(c.describe("specialty")
        + " is required (as typed, e.g. پوست or dermatology)"));
    String city = c.text("city").orElseThrow(() -> ApiException.invalid(c.describe("city")
        + " is required (as typed, e.g. تهران or Tehran)"));
    Optional<GeoPoint> near = c.text("near").map(v -> point(c, v));
    Optional<Double> km = c.text("km").map(v -> radius(c, v));
    AreaQuery.Builder b = AreaQuery.builder(provider, specialty, city);
    if (km.isPresent()) {
      b.near(near.orElseThrow(() -> ApiException.invalid(c.describe("km") + " needs a point: give "
          + c.describe("near") + " as lat,lon")), km.get());
    } else {
      near.ifPresent(b::near);
    }
    c.text("maxPrice").ifPresent(v -> b.maxPrice(wholeRials(c, v)));
    c.text("gender").ifPresent(v -> b.gender(choice(c, "gender", v, Gender.class)));
    c.text("visitType").ifPresent(v -> b.visitType(choice(c, "visitType", v, VisitType.class)));
    c.text("keepUnlocated").ifPresent(v -> b.keepUnlocated(bool(c, v)));
    c.text("maxMembers").ifPresent(v -> b.maxMembers(maxMembers(c, v)));
    return b.build();
  }

  private static GeoPoint point(Criteria c, String value) {
    try {
      return GeoPoint.parse(value);
    } catch (SlotHunterException e) {
      throw ApiException.invalid(c.describe("near") + " must be lat,lon in degrees, e.g. 35.7219,51.3347");
    }
  }

  private static double radius(Criteria c, String value) {
    double km;
    try {
      km = Double.parseDouble(JalaliFormat.asciiDigits(value));
    } catch (NumberFormatException e) {
      km = Double.NaN;
    }
    if (!(km > 0 && km <= AreaQuery.MAX_RADIUS_KM)) {
      throw ApiException.invalid(c.describe("km") + " must be a number of kilometres above 0 and at most "
          + (int) AreaQuery.MAX_RADIUS_KM);
    }
    return km;
  }

  private static long wholeRials(Criteria c, String value) {
    try {
      long rials = Long.parseLong(JalaliFormat.asciiDigits(value));
      if (rials >= 0) {
        return rials;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(c.describe("maxPrice") + " must be a whole number of rials, 0 or more");
  }

  private static int maxMembers(Criteria c, String value) {
    try {
      int n = Integer.parseInt(JalaliFormat.asciiDigits(value));
      if (n >= 1 && n <= AreaQuery.HARD_MAX_MEMBERS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(c.describe("maxMembers") + " must be a whole number 1-" + AreaQuery.HARD_MAX_MEMBERS);
  }

  private static boolean bool(Criteria c, String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiException.invalid(c.describe("keepUnlocated") + " must be true or false");
  }

  private static <E extends Enum<E>> E choice(Criteria c, String name, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> known = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      throw ApiException.invalid(c.describe(name) + " must be one of " + String.join(", ", known));
    }
  }

  // ------------------------------------------------------------------ views

  /** An area query as given: words as typed, the point as {@code lat,lon}. */
  static ObjectNode queryView(AreaQuery q) {
    ObjectNode n = Json.object();
    n.put("provider", q.providerId());
    n.put("specialty", q.specialty());
    n.put("city", q.city());
    n.put("near", q.point() == null ? null : q.point().toString());
    if (q.radiusKm() == null) {
      n.putNull("km");
    } else {
      n.put("km", q.radiusKm());
    }
    if (q.maxPrice() == null) {
      n.putNull("maxPrice");
    } else {
      n.put("maxPrice", q.maxPrice());
    }
    n.put("gender", q.gender() == null ? null : q.gender().name());
    n.put("visitType", q.visitType() == null ? null : q.visitType().name());
    n.put("keepUnlocated", q.keepUnlocated());
    n.put("maxMembers", q.maxMembers());
    return n;
  }

  /** The {@code area} of an area watch: its query, the provider's slugs, how many doctors, when listed. */
  static ObjectNode areaView(WatchArea area) {
    ObjectNode n = Json.object();
    n.set("query", queryView(area.query()));
    n.put("citySlug", area.city());
    n.put("specialtySlug", area.specialty());
    n.put("members", area.members().size());
    n.put("refreshedAt", area.refreshedAt().toString());
    n.set("refreshedAtText", Display.dateTime(area.refreshedAt()));
    return n;
  }

  private static ObjectNode memberView(AreaQuery q, AreaMember m) {
    ObjectNode n = Json.object();
    n.put("name", m.displayName());
    ObjectNode d = n.putObject("doctor");
    d.put("provider", m.ref().providerId());
    d.put("key", m.ref().key());
    distance(n, m.distanceKm());
    firstFree(n, m.firstFree());
    ArrayNode centers = n.putArray("centers");
    for (AreaCenter c : m.centers()) {
      ObjectNode cn = centers.addObject();
      cn.put("id", c.centerId());
      cn.put("name", c.name());
      cn.put("location", c.location() == null ? null : c.location().toString());
      distance(cn, c.location() == null ? null : q.distanceKm(c.location()));
      if (c.price() == null) {
        cn.putNull("price");
        cn.putNull("priceText");
      } else {
        cn.put("price", c.price());
        cn.set("priceText", Display.both(JalaliFormat.PERSIAN.rials(c.price()), JalaliFormat.ENGLISH.rials(c.price())));
      }
      firstFree(cn, c.firstFree());
    }
    return n;
  }

  private static void distance(ObjectNode n, Double km) {
    if (km == null) {
      n.putNull("distanceKm");
      n.putNull("distanceText");
    } else {
      n.put("distanceKm", Math.round(km * 10) / 10.0);
      n.set("distanceText", Display.both(JalaliFormat.PERSIAN.kilometres(km), JalaliFormat.ENGLISH.kilometres(km)));
    }
  }

  private static void firstFree(ObjectNode n, Instant at) {
    n.put("firstFree", at == null ? null : at.toString());
    if (at == null) {
      n.putNull("firstFreeText");
    } else {
      n.set("firstFreeText", Display.dateTime(at));
    }
  }
}
