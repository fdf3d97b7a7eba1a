package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Doctoreto's {@code GET /api/web/patient/v1/regions/cities/available} (spec 8 and 11, MED):
 * {@code {"items":[{name, slug, latitude, longitude, priority, is_center, province{...}}]}} as
 * {@link Place}s (Persian name first, then the slug as the Latin spelling; the centre from
 * {@code latitude}/{@code longitude}, {@code null} when missing, 0,0 or out of range), in the site's order.
 * Entries without a slug or a name are skipped; numbers may be strings. Stateless and thread-safe.
 */
final class DoctoretoCities {
  static final String PATH = "api/web/patient/v1/regions/cities/available";

  private DoctoretoCities() {}

  /**
   * Parses the answer.
   *
   * @throws SlotHunterException {@code PROTOCOL} for a body that is not JSON or has no {@code items} list
   */
  static List<Place> parse(String body, ObjectMapper json) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw DoctoretoErrors.protocol("the city list is not JSON", DoctoretoErrors.excerptOf(body), e);
    }
    JsonNode items = root == null ? null : root.path("items");
    if (items == null || !items.isArray()) {
      throw DoctoretoErrors.protocol("the city list has no items array", body);
    }
    List<Place> out = new ArrayList<>();
    for (JsonNode c : items) {
      Optional<String> slug = text(c.get("slug"));
      Optional<String> name = text(c.get("name"));
      if (slug.isEmpty() || name.isEmpty() || slug.get().length() > 100 || name.get().length() > 200) {
        continue;
      }
      List<String> names = name.get().equals(slug.get()) ? List.of(name.get()) : List.of(name.get(), slug.get());
      out.add(new Place(slug.get(), names, point(c.get("latitude"), c.get("longitude"))));
    }
    return List.copyOf(out);
  }

  /** A point from two numbers or numeric strings; {@code null} when either is missing or odd, or for 0,0. */
  static GeoPoint point(JsonNode lat, JsonNode lon) {
    Optional<Double> a = number(lat);
    Optional<Double> b = number(lon);
    if (a.isEmpty() || b.isEmpty() || a.get() == 0 && b.get() == 0) {
      return null;
    }
    try {
      return new GeoPoint(a.get(), b.get());
    } catch (SlotHunterException e) {
      return null;
    }
  }

  private static Optional<Double> number(JsonNode n) {
    if (n == null) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(n.doubleValue());
    }
    return text(n).flatMap(s -> {
      try {
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static Optional<String> text(JsonNode n) {
    return n != null && n.isTextual() && !n.textValue().isBlank() ? Optional.of(n.textValue().strip())
        : Optional.empty();
  }
}
