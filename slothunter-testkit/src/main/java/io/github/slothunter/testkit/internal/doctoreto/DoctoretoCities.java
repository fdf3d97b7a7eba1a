package io.github.slothunter.testkit.internal.doctoreto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.testkit.internal.FakeResponse;
import io.github.slothunter.testkit.internal.Json;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.ConsultationSpec;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.DoctorSpec;
import io.github.slothunter.testkit.internal.doctoreto.DoctoretoDirectory.Place;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake's {@code GET /api/web/patient/v1/regions/cities/available} (doctoreto spec 8 and 11, MED):
 * {@code {"items":[{name, slug, latitude, longitude, priority, is_center, province{name, slug, latitude,
 * longitude}}]}}. Five major cities (centre points approximate, {@code priority} 1..5, {@code is_center}
 * true), then every other city a consultation of the fake is in, at that consultation's coordinates
 * ({@code is_center} false, its own province). Stateless and thread-safe.
 */
final class DoctoretoCities {
  private record City(String slug, String name, double lat, double lon, String provinceSlug, String provinceName) {}

  private static final List<City> MAJOR = List.of(
      new City("tehran", "تهران", 35.6892, 51.3890, "tehran", "تهران"),
      new City("mashhad", "مشهد", 36.2605, 59.6168, "khorasan-razavi", "خراسان رضوی"),
      new City("isfahan", "اصفهان", 32.6546, 51.6680, "isfahan", "اصفهان"),
      new City("shiraz", "شیراز", 29.5918, 52.5837, "fars", "فارس"),
      new City("tabriz", "تبریز", 38.0800, 46.2919, "east-azerbaijan", "آذربایجان شرقی"));

  private DoctoretoCities() {}

  static FakeResponse available(DoctoretoDirectory directory) {
    Map<String, City> cities = new LinkedHashMap<>();
    MAJOR.forEach(c -> cities.put(c.slug(), c));
    for (DoctorSpec d : directory.doctors()) {
      for (ConsultationSpec c : d.consultations()) {
        Place p = c.place();
        if (p != null && !p.citySlug().isBlank()) {
          cities.putIfAbsent(p.citySlug(), new City(p.citySlug(), p.city(), p.latitude(), p.longitude(), p.citySlug(),
              p.city()));
        }
      }
    }
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    int priority = 0;
    for (City c : cities.values()) {
      priority++;
      boolean major = priority <= MAJOR.size();
      ObjectNode item = items.addObject().put("name", c.name()).put("slug", c.slug()).put("latitude", c.lat())
          .put("longitude", c.lon()).put("priority", priority).put("is_center", major);
      item.putObject("province").put("name", c.provinceName()).put("slug", c.provinceSlug())
          .put("latitude", c.lat()).put("longitude", c.lon());
    }
    return FakeResponse.json(200, body);
  }
}
