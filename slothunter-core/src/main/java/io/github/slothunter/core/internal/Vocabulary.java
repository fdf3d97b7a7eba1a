package io.github.slothunter.core.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.AreaSearch;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each provider's area vocabulary (cities and specialties), read through its budget and kept for
 * {@link #TTL}, and the words people type resolved to the provider's slugs: case, Persian and Arabic
 * letter forms ({@code ي}/{@code ی}, {@code ك}/{@code ک}), Persian and Arabic digits, diacritics,
 * spaces, dashes and half-spaces are folded before comparing; a word that matches nothing is refused
 * with {@code NOT_FOUND} naming the closest names (edit distance on the folded forms).
 *
 * <p>Thread-safe: one lock guards the cache; no lock is held across a provider call.
 */
final class Vocabulary {
  /** How long a provider's lists are kept. */
  static final Duration TTL = Duration.ofDays(1);
  /** How many suggestions an unknown word's error names. */
  static final int SUGGESTIONS = 5;

  /** What a list is of. */
  enum Kind {
    CITY("city"),
    SPECIALTY("specialty");

    final String word;

    Kind(String word) {
      this.word = word;
    }

    /** The list of this kind, read from the provider (one request). */
    List<Place> read(AreaSearch search) {
      return this == CITY ? search.cities() : search.specialties();
    }
  }

  private record Cached(List<Place> places, Instant at) {}

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Cached> cache = new HashMap<>();

  Vocabulary(Clock clock) {
    this.clock = clock;
  }

  /**
   * The place a word names.
   *
   * @param read reads the list (one provider call, through the budget) when the cache has none
   * @throws SlotHunterException {@code NOT_FOUND} with the closest names when nothing matches
   */
  Place resolve(String providerId, Kind kind, String word, java.util.function.Supplier<List<Place>> read) {
    List<Place> places = places(providerId, kind, read);
    String folded = fold(word);
    for (Place p : places) {
      if (fold(p.slug()).equals(folded)) {
        return p;
      }
      for (String name : p.names()) {
        if (fold(name).equals(folded)) {
          return p;
        }
      }
    }
    List<Scored> closest = closest(places, folded);
    throw SlotHunterException.builder(ErrorCode.NOT_FOUND).providerId(providerId)
        .message("no " + kind.word + " '" + Directory.abbreviate(word) + "' on " + providerId + suggestions(closest))
        .suggestions(closest.stream().map(Scored::place).toList())
        .build();
  }

  private List<Place> places(String providerId, Kind kind, java.util.function.Supplier<List<Place>> read) {
    String key = providerId + "\n" + kind;
    Instant now = clock.instant();
    synchronized (lock) {
      Cached c = cache.get(key);
      if (c != null && now.isBefore(c.at().plus(TTL))) {
        return c.places();
      }
    }
    List<Place> places = List.copyOf(read.get());
    synchronized (lock) {
      cache.put(key, new Cached(places, now));
    }
    return places;
  }

  /** The places closest to a folded word, closest first, at most {@value #SUGGESTIONS}, with the name that came closest. */
  private static List<Scored> closest(List<Place> places, String folded) {
    List<Scored> scored = new ArrayList<>();
    for (Place p : places) {
      Scored best = new Scored(p, p.slug(), distance(folded, fold(p.slug())));
      for (String name : p.names()) {
        int d = distance(folded, fold(name));
        if (d < best.distance()) {
          best = new Scored(p, name, d);
        }
      }
      scored.add(best);
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(s -> s.place().slug()));
    return List.copyOf(scored.subList(0, Math.min(SUGGESTIONS, scored.size())));
  }

  /** A place and how far its closest name is from a word. */
  private record Scored(Place place, String name, int distance) {}

  /** {@code "; did you mean: تهران / Tehran (tehran), ..."}, or empty. */
  private static String suggestions(List<Scored> closest) {
    StringBuilder b = new StringBuilder();
    for (Scored s : closest) {
      b.append(b.length() == 0 ? "; did you mean: " : ", ").append(s.place().displayName());
      if (!s.name().equals(s.place().displayName())) {
        b.append(" / ").append(s.name());
      }
      b.append(" (").append(s.place().slug()).append(")");
    }
    return b.toString();
  }

  /** A word as compared: lower case, one form per Persian letter, ASCII digits, no marks or separators. */
  static String fold(String s) {
    String n = io.github.slothunter.api.JalaliFormat.asciiDigits(
        Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT));
    StringBuilder b = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '\u064A' || c == '\u0649') {
        c = '\u06CC'; // Arabic yeh and alef maksura -> Persian yeh
      } else if (c == '\u0643') {
        c = '\u06A9'; // Arabic kaf -> Persian keheh
      } else if (c == '\u0629') {
        c = '\u0647'; // teh marbuta -> heh
      } else if (c == '\u0623' || c == '\u0625' || c == '\u0622') {
        c = '\u0627'; // alef forms -> alef
      }
      if (Character.getType(c) == Character.NON_SPACING_MARK || Character.isWhitespace(c) || c == '\u200C'
          || c == '\u200D' || c == '-' || c == '_' || c == '.' || c == '\u060C' || c == ',' || c == '\u0640') {
        continue;
      }
      b.append(c);
    }
    String out = b.toString();
    return out.startsWith("\u0634\u0647\u0631") && out.length() > 3 ? out.substring(3) : out; // "shahr" (city) prefix
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
