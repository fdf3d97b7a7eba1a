package io.github.slothunter.examples.telegram;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks. Persian is the default. */
public enum Lang {
  /** Persian: Persian digits, Jalali month and weekday names in Persian. */
  FA("fa"),
  /** English: ASCII digits, Jalali dates with transliterated month names. */
  EN("en");

  /** The language of chats that have not chosen one. */
  public static final Lang DEFAULT = FA;

  private final String code;

  Lang(String code) {
    this.code = code;
  }

  /** The ISO 639-1 code, {@code fa} or {@code en}. */
  public String code() {
    return code;
  }

  /** The language with this code (case-insensitive), if the bot speaks it. */
  public static Optional<Lang> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.strip().toLowerCase(Locale.ROOT);
    for (Lang l : values()) {
      if (l.code.equals(c)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
