package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;

/**
 * What {@code /find} has collected so far: the words and choices that make an {@link AreaQuery}.
 * Kept in the chat's step (and so across restarts). Immutable.
 *
 * @param specialty the specialty as typed or chosen, empty until given
 * @param city the city as typed, suggested or guessed from a location, empty until known
 * @param point the shared location, or {@code null}
 * @param radiusKm the chosen distance from {@code point}, or {@code null}
 * @param maxPrice the narrowed price cap in rials, or {@code null}
 * @param gender the narrowed doctor's gender, or {@code null} for any
 */
record AreaPick(String specialty, String city, GeoPoint point, Double radiusKm, Long maxPrice, Gender gender) {
  /** Nothing collected yet. */
  static final AreaPick EMPTY = new AreaPick("", "", null, null, null, null);

  AreaPick withSpecialty(String value) {
    return new AreaPick(value, city, point, radiusKm, maxPrice, gender);
  }

  AreaPick withCity(String value) {
    return new AreaPick(specialty, value, point, radiusKm, maxPrice, gender);
  }

  AreaPick withPoint(GeoPoint value) {
    return new AreaPick(specialty, city, value, radiusKm, maxPrice, gender);
  }

  AreaPick withRadiusKm(Double value) {
    return new AreaPick(specialty, city, point, value, maxPrice, gender);
  }

  AreaPick withMaxPrice(Long value) {
    return new AreaPick(specialty, city, point, radiusKm, value, gender);
  }

  AreaPick withGender(Gender value) {
    return new AreaPick(specialty, city, point, radiusKm, maxPrice, value);
  }

  /**
   * The engine's query on a provider; needs the specialty and the city. With a point, centers without a
   * map pin are kept (their distance unknown): Paziresh24's search pages carry no coordinates, so a radius
   * alone would drop every doctor there.
   */
  AreaQuery query(String providerId) {
    AreaQuery.Builder b = AreaQuery.builder(providerId, specialty, city);
    if (point != null) {
      b.keepUnlocated(true);
      if (radiusKm != null) {
        b.near(point, radiusKm);
      } else {
        b.near(point);
      }
    }
    if (maxPrice != null) {
      b.maxPrice(maxPrice);
    }
    if (gender != null) {
      b.gender(gender);
    }
    return b.build();
  }
}
