package io.github.slothunter.examples.cli;

import io.github.slothunter.api.JalaliFormat;
import java.util.Locale;
import java.util.Optional;

/** The language the CLI writes in: dates, numbers, labels, headers and errors. */
public enum Lang {
  /** English labels, ASCII digits, transliterated Jalali month names. */
  EN(JalaliFormat.ENGLISH),
  /** Persian labels, Persian digits and month names. */
  FA(JalaliFormat.PERSIAN);

  private final JalaliFormat format;

  Lang(JalaliFormat format) {
    this.format = format;
  }

  /** The Jalali dates, times, digits and amounts of this language. */
  public JalaliFormat format() {
    return format;
  }

  /** The text of this language out of a pair. */
  public String pick(String en, String fa) {
    return this == FA ? fa : en;
  }

  /** The language named ({@code fa}, {@code EN}), or empty. */
  public static Optional<Lang> parse(String name) {
    String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
    for (Lang l : values()) {
      if (l.name().equals(n)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The language a command line asks for with {@code --lang X} or {@code --lang=X}, or empty. */
  public static Optional<Lang> fromArgs(String... args) {
    Optional<Lang> found = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lang") && i + 1 < args.length) {
        found = parse(args[i + 1]);
      } else if (args[i].startsWith("--lang=")) {
        found = parse(args[i].substring("--lang=".length()));
      }
    }
    return found;
  }
}
