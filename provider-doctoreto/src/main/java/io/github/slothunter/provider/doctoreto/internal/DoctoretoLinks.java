package io.github.slothunter.provider.doctoreto.internal;

import io.github.slothunter.api.DoctorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doctor links without I/O. Accepted forms:
 *
 * <ul>
 *   <li>{@code https://doctoreto.com/doctor/{slug}/{code}}, also with {@code www.}, {@code http},
 *       no scheme, a port, a query, a fragment or a trailing slash;
 *   <li>the short form {@code https://doctoreto.com/doctor/{code}} with the same variations;
 *   <li>{@code doctoreto:{code}}, where the caller names the provider.
 * </ul>
 *
 * <p>The key of the {@link DoctorRef} is the six-character code; the slug is not kept (a key may
 * not contain {@code /}, and the site finds a doctor by code). Stateless and thread-safe.
 */
final class DoctoretoLinks {
  /** A doctor code: six letters, digits, {@code _} or {@code -} in every example seen (HIGH). */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{6}");
  private static final Pattern PREFIXED = Pattern.compile("(?i)doctoreto:\\s*(\\S+)");
  private static final Pattern SCHEME = Pattern.compile("(?i)^https?://");
  private static final Pattern HOST = Pattern.compile("(?i)(www\\.)?doctoreto\\.com\\.?(:\\d{1,5})?");

  private DoctoretoLinks() {}

  /** The doctor a link or {@code doctoreto:{code}} names; empty for anything else. Never throws. */
  static Optional<DoctorRef> parse(String input) {
    String s = clean(input);
    Matcher prefixed = PREFIXED.matcher(s);
    if (prefixed.matches()) {
      return code(prefixed.group(1));
    }
    s = cut(cut(s, '#'), '?');
    Matcher scheme = SCHEME.matcher(s);
    if (scheme.find()) {
      s = s.substring(scheme.end());
    } else if (s.contains("://")) {
      return Optional.empty();
    }
    int slash = s.indexOf('/');
    if (slash < 0 || !HOST.matcher(s.substring(0, slash)).matches()) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : s.substring(slash + 1).split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    if (segments.isEmpty() || !segments.get(0).equals("doctor")) {
      return Optional.empty();
    }
    if (segments.size() == 2 || segments.size() == 3) {
      return code(segments.get(segments.size() - 1));
    }
    return Optional.empty();
  }

  /** Whether a key is a well-formed doctor code. */
  static boolean isCode(String key) {
    return CODE.matcher(key).matches();
  }

  private static Optional<DoctorRef> code(String candidate) {
    return isCode(candidate)
        ? Optional.of(new DoctorRef(DoctoretoErrors.PROVIDER_ID, candidate))
        : Optional.empty();
  }

  private static String cut(String s, char at) {
    int i = s.indexOf(at);
    return i < 0 ? s : s.substring(0, i);
  }

  /** Trims and drops the invisible direction marks that text copied from Persian pages carries. */
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean invisible = c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u200E' || c == '\u200F'
          || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF'
          || c == '\u061C';
      if (!invisible) {
        b.append(c);
      }
    }
    return b.toString().strip();
  }
}
