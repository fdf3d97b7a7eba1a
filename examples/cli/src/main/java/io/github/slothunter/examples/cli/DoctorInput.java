package io.github.slothunter.examples.cli;

import io.github.slothunter.api.JalaliFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what the user typed for a doctor before any request is made: a profile link of a site
 * SlotHunter knows, or the slug in it. Digits-only input ({@code 1234}, {@code ۱۲۳۴}) is not a
 * slug, and a link to another site is not a doctor; both are refused with one sentence naming what
 * is expected. What passes still goes through the provider's own parser (no I/O either). Stateless.
 */
final class DoctorInput {
  /** The hosts whose doctor links SlotHunter reads. */
  static final Set<String> SITES = Set.of("paziresh24.com", "www.paziresh24.com", "doctoreto.com", "www.doctoreto.com");
  /** Loopback hosts: the sandbox's fake serves its links there. */
  static final Set<String> SANDBOX_HOSTS = Set.of("127.0.0.1", "localhost");

  static final String EXPECTED_EN = "a doctor's profile link such as https://www.paziresh24.com/dr/<slug>/ or"
      + " https://doctoreto.com/doctor/<slug>/<code>, or the slug in it";
  static final String EXPECTED_FA = "نشانی صفحهٔ پزشک مثل https://www.paziresh24.com/dr/<slug>/ یا"
      + " https://doctoreto.com/doctor/<slug>/<code>، یا همان slug داخل آن";

  private static final Pattern SCHEME = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*):(//)?(.*)$");
  private static final Set<String> PROVIDER_PREFIXES = Set.of("doctoreto", "paziresh24");
  private static final Pattern DIGITS = Pattern.compile("[\\d\\s\\-+]+");

  private DoctorInput() {}

  /**
   * The input, stripped, when it may name a doctor.
   *
   * @param sandbox whether loopback links (the fake's) are allowed
   * @throws CliException bad input: digits only, another site, another scheme, or blank
   */
  static String check(String raw, boolean sandbox) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) {
      throw CliException.badInput("a doctor is missing: give " + EXPECTED_EN, "پزشک مشخص نشده است: " + EXPECTED_FA
          + " را بدهید");
    }
    if (DIGITS.matcher(JalaliFormat.asciiDigits(s)).matches()) {
      throw CliException.badInput("'" + s + "' is only digits, not a doctor: give " + EXPECTED_EN,
          "«" + s + "» فقط عدد است و پزشکی را نشان نمی‌دهد: " + EXPECTED_FA + " را بدهید");
    }
    if (s.chars().anyMatch(Character::isWhitespace)) {
      return s; // a shared message with a link inside: the provider's parser finds the link
    }
    String host = host(s);
    if (host != null && !SITES.contains(host) && !(sandbox && SANDBOX_HOSTS.contains(host))) {
      throw CliException.badInput("'" + s + "' is a link to " + host + ", not to a doctor on Paziresh24 or Doctoreto:"
          + " give " + EXPECTED_EN, "«" + s + "» نشانی " + host + " است، نه صفحهٔ پزشکی در پذیرش۲۴ یا دکترتو: "
          + EXPECTED_FA + " را بدهید");
    }
    return s;
  }

  /** The refusal when no provider's parser understands the input. */
  static CliException notUnderstood(String raw) {
    return CliException.badInput("'" + raw.strip() + "' is not a doctor link or slug of a supported site: give "
        + EXPECTED_EN, "«" + raw.strip() + "» نشانی یا slug پزشکی در سایت‌های پشتیبانی‌شده نیست: " + EXPECTED_FA
        + " را بدهید");
  }

  /** The lower-case host of a link ({@code https://x/...}, {@code www.x/...}), or null for a bare slug. */
  static String host(String s) {
    String rest;
    Matcher m = SCHEME.matcher(s);
    // "doctoreto:<slug>" and "paziresh24:<slug>" name a doctor, not a scheme
    if (m.matches() && (m.group(2) != null || !PROVIDER_PREFIXES.contains(m.group(1).toLowerCase(Locale.ROOT)))) {
      String scheme = m.group(1).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return scheme + ":"; // mailto:, javascript:, ftp: ... are never a doctor
      }
      rest = m.group(3);
    } else if (s.indexOf('/') > 0 && s.substring(0, s.indexOf('/')).contains(".")) {
      rest = s; // paziresh24.com/dr/x without a scheme
    } else {
      return null;
    }
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1); // user@host tricks name the host last
    int colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      authority = authority.substring(0, colon);
    }
    return authority.toLowerCase(Locale.ROOT);
  }
}
