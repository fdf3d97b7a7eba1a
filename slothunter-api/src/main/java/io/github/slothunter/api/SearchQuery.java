package io.github.slothunter.api;

/**
 * A doctor search.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text free text (a name, a specialty), may be empty
 * @param city the provider's city slug ({@code tehran}); empty for the whole country
 * @param expertise the provider's expertise slug; empty for any
 * @param page 1-based result page
 */
public record SearchQuery(String text, String city, String expertise, int page) {

  /** Validates. */
  public SearchQuery {
    text = Text.optional("search text", text, Text.MAX_NAME);
    city = Text.optional("search city", city, 100);
    expertise = Text.optional("search expertise", expertise, 100);
    if (page < 1) {
      throw SlotHunterException.invalid("search page", "must be at least 1: " + page);
    }
    if (text.isEmpty() && city.isEmpty() && expertise.isEmpty()) {
      throw SlotHunterException.invalid("search", "needs a text, a city or an expertise");
    }
  }

  /** A first-page text search over the whole country. */
  public static SearchQuery text(String text) {
    return new SearchQuery(text, "", "", 1);
  }
}
