package io.github.slothunter.examples.cli;

import io.github.slothunter.api.JalaliFormat;

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
}
