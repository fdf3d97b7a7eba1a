package io.github.slothunter.provider.paziresh24.internal;

/** Character classes shared by the parsers. */
final class Chars {
  /**
   * Bidi marks and embeddings, zero-width space and joiner, BOM and the Arabic letter mark: what
   * apps wrap around pasted text. ZWNJ (U+200C) is not here: Persian words need it.
   */
  private static final String INVISIBLE =
      "\u200B\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF\u061C";

  private Chars() {}

  static boolean isInvisible(char c) {
    return INVISIBLE.indexOf(c) >= 0;
  }

  /** Whitespace, control or invisible: what becomes a single space (or nothing) in display text. */
  static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || isInvisible(c);
  }
}
