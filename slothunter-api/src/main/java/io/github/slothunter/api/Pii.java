package io.github.slothunter.api;

import java.util.regex.Pattern;

/**
 * Masks personal data and secrets before they reach a log line, an exception message or a
 * {@code toString()}.
 *
 * <p>Providers use it when they log request summaries or build protocol excerpts. All methods
 * are null-safe (a {@code null} input gives {@code "null"}) and thread-safe.
 */
public final class Pii {
  // Long digit runs are national codes, mobiles or card numbers; bearer/JWT-looking strings are tokens.
  // Persian and Arabic-Indic digits count too: Persian pages echo numbers in them.
  private static final String DIGITS = "0-9\\u06F0-\\u06F9\\u0660-\\u0669";
  private static final Pattern DIGIT_RUN = Pattern.compile(
      "(?<![" + DIGITS + "])\\+?[" + DIGITS + "][" + DIGITS + " \\-]{6,}[" + DIGITS + "](?![" + DIGITS + "])");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
  private static final Pattern SECRET_FIELD = Pattern.compile(
      "(?i)(\"?(?:token|access_token|refresh_token|certificate|password|national_code|cell|mobile)\"?\\s*[:=]\\s*\"?)[^\"&,}\\s]+");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private Pii() {}

  /** {@code 09121234567} → {@code 0912***4567}. */
  public static String maskMobile(String mobile) {
    if (mobile == null) {
      return "null";
    }
    if (mobile.length() < 11) {
      // shorter than a mobile: first four plus last four would show (nearly) every digit
      return "***";
    }
    return mobile.substring(0, 4) + "***" + mobile.substring(mobile.length() - 4);
  }

  /** Shows only the last two digits: {@code 0012345678} → {@code ********78}. */
  public static String maskNationalCode(String nationalCode) {
    if (nationalCode == null) {
      return "null";
    }
    if (nationalCode.length() <= 2) {
      return "**";
    }
    return "*".repeat(nationalCode.length() - 2) + nationalCode.substring(nationalCode.length() - 2);
  }

  /** A name shown as its first letter: {@code سارا} → {@code س***}. */
  public static String maskName(String name) {
    if (name == null) {
      return "null";
    }
    if (name.isEmpty()) {
      return "";
    }
    return name.codePoints().limit(1)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "***";
  }

  /**
   * A booking's tracking code or id as logs may show it: its last two characters when it has more
   * than four, the rest starred ({@code 48213719} → {@code ******19}); {@code none} for none.
   */
  public static String maskCode(String code) {
    if (code == null || code.isEmpty()) {
      return "none";
    }
    int shown = code.length() > 4 ? 2 : 0;
    return "*".repeat(Math.min(8, code.length() - shown)) + code.substring(code.length() - shown);
  }

  /** A secret shown only by its length: {@code abcd…} → {@code <redacted:32 chars>}. */
  public static String maskToken(String token) {
    if (token == null) {
      return "null";
    }
    return "<redacted:" + token.length() + " chars>";
  }

  /**
   * Redacts free text (a response body, a URL): long digit runs (ASCII, Persian or Arabic-Indic
   * digits), bearer tokens, JWTs and the values of token/password/mobile/national-code fields
   * become {@code ***}.
   */
  public static String redact(String text) {
    if (text == null) {
      return "null";
    }
    String s = BEARER.matcher(text).replaceAll("$1***");
    s = JWT.matcher(s).replaceAll("***");
    s = SECRET_FIELD.matcher(s).replaceAll("$1***");
    return DIGIT_RUN.matcher(s).replaceAll("***");
  }
}
