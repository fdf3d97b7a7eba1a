package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.JalaliFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What the JSON carries for people to read, in both dashboard languages, so no client formats Jalali
 * dates itself: {@code {"fa": "دوشنبه ۱۵ دی ۱۴۰۴ ساعت ۱۰:۳۰", "en": "Monday 15 Dey 1404, 10:30"}}.
 * Everything comes from the api's {@link JalaliFormat} (Tehran time); Persian text has Persian
 * digits and no Latin letters or punctuation. The machine fields ({@code start}, {@code at}: UTC
 * ISO-8601) stay next to these for programs. Stateless and thread-safe.
 */
final class Display {
  private static final Locale FA = Locale.forLanguageTag("fa-IR");

  private Display() {}

  /** A moment with its weekday and date: {@link JalaliFormat#dateTime(Instant)} in both languages. */
  static ObjectNode dateTime(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return both(JalaliFormat.PERSIAN.dateTime(instant), JalaliFormat.ENGLISH.dateTime(instant));
  }

  /** Tehran wall-clock time of a moment, {@code 10:30} / {@code ۱۰:۳۰}. */
  static ObjectNode time(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return both(JalaliFormat.PERSIAN.time(instant), JalaliFormat.ENGLISH.time(instant));
  }

  /** The formatter of a request's {@code lang} ({@code fa} or anything else for English). */
  static JalaliFormat format(String lang) {
    return "fa".equals(lang) ? JalaliFormat.PERSIAN : JalaliFormat.ENGLISH;
  }

  /** The locale of a request's {@code lang}, for engine texts that take one. */
  static Locale locale(String lang) {
    return "fa".equals(lang) ? FA : Locale.ENGLISH;
  }

  /**
   * An hour range, {@code 02:00–03:00} / {@code ۰۲:۰۰–۰۳:۰۰} (an en dash, no seconds), in Tehran time.
   */
  static String hours(JalaliFormat f, Instant from, Instant to) {
    return f.time(from) + "–" + f.time(to);
  }

  /** A non-negative amount to one decimal, {@code 0.4} / {@code ۰٫۴} (the Persian decimal separator). */
  static String decimal(JalaliFormat f, double value) {
    String s = String.format(Locale.ROOT, "%.1f", value);
    return f.persian() ? JalaliFormat.persianDigits(s.replace('.', '\u066B')) : s;
  }

  /** Texts already formatted in each language, as {@code {fa, en}}. */
  static ObjectNode both(String fa, String en) {
    ObjectNode n = Json.object();
    n.put("fa", fa);
    n.put("en", en);
    return n;
  }
}
