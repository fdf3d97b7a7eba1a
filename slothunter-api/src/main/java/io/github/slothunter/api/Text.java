package io.github.slothunter.api;

/** Input clean-up shared by the model records: digits, invisible marks, lengths. */
final class Text {
  static final int MAX_NAME = 200;
  static final int MAX_ID = 512;

  private Text() {}

  /** Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII; other characters unchanged. */
  static String asciiDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u06F0' && c <= '\u06F9') {
        b.append((char) ('0' + (c - '\u06F0')));
      } else if (c >= '\u0660' && c <= '\u0669') {
        b.append((char) ('0' + (c - '\u0660')));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Removes bidi controls and zero-width characters, then trims whitespace. ZWNJ is kept inside
   * text (Persian words need it) but trimmed at the ends, where it is invisible and meaningless.
   */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean invisible = c == '\u200B' || c == '\u200D' || c == '\u200E' || c == '\u200F'
          || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF'
          || c == '\u061C';
      if (!invisible) {
        b.append(c);
      }
    }
    int start = 0;
    int end = b.length();
    while (start < end && isBlankAtEdge(b.charAt(start))) {
      start++;
    }
    while (end > start && isBlankAtEdge(b.charAt(end - 1))) {
      end--;
    }
    return b.substring(start, end);
  }

  private static boolean isBlankAtEdge(char c) {
    return Character.isWhitespace(c) || c == '\u200C';
  }

  /** A required, cleaned, length-limited text field. */
  static String required(String field, String value, int max) {
    if (value == null) {
      throw SlotHunterException.invalid(field, "is required");
    }
    String v = clean(value);
    if (v.isEmpty()) {
      throw SlotHunterException.invalid(field, "must not be blank");
    }
    if (v.length() > max) {
      throw SlotHunterException.invalid(field, "is too long (" + v.length() + " > " + max + " characters)");
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw SlotHunterException.invalid(field, "must not contain control characters");
      }
    }
    return v;
  }

  /** An optional text field: {@code null} becomes empty; otherwise cleaned and length-limited. */
  static String optional(String field, String value, int max) {
    if (value == null) {
      return "";
    }
    String v = clean(value);
    if (v.length() > max) {
      throw SlotHunterException.invalid(field, "is too long (" + v.length() + " > " + max + " characters)");
    }
    return v;
  }

  static void requirePresent(String field, Object value) {
    if (value == null) {
      throw SlotHunterException.invalid(field, "is required");
    }
  }
}
