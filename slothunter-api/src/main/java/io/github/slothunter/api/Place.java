package io.github.slothunter.api;

import java.util.List;

/**
 * A word of a provider's search vocabulary: a city or a specialty, with the slug the provider
 * searches by and the names people type for it (Persian and Latin spellings).
 *
 * <p>Immutable and thread-safe.
 *
 * @param slug the provider's slug ({@code tehran}, {@code dermatology})
 * @param names display name first, then other spellings; never empty
 * @param center the city's centre point, or {@code null} when unknown or not a city
 */
public record Place(String slug, List<String> names, GeoPoint center) {
  /** Validates and copies. */
  public Place {
    slug = Text.required("place slug", slug, Text.MAX_ID);
    Text.requirePresent("place names", names);
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw SlotHunterException.invalid("place names", "needs at least the display name: " + slug);
    }
  }

  /** The name to show. */
  public String displayName() {
    return names.get(0);
  }
}
