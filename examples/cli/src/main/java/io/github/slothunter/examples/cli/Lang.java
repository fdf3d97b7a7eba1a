package io.github.slothunter.examples.cli;

/** The language the CLI writes dates and event labels in. */
public enum Lang {
  /** English labels, ASCII digits, transliterated Jalali month names. */
  EN,
  /** Persian labels, Persian digits and month names. */
  FA
}
