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
 *   <li>{@code doctoreto:{key}}, where the caller names the provider and {@code key} is a
 *       {@link DoctorRef} key of either form below (so {@code parse(ref.toString())} gives {@code ref}).
 * </ul>
 *
 * <p>Key format: {@code {slug}~{code}} for a full profile link (spec §2: keep the slug, every public
 * client fetches {@code /doctor/{slug}/{code}}; a key may not contain {@code /}, and {@code ~}
 * occurs in neither a slug nor a code), or the bare {@code {code}} for the short form and for
 * keys stored before the slug was kept. The slug is kept as written in the link (percent-encoding
 * included), because the site is fetched with the segment as given. Stateless and thread-safe.
 */
final class DoctoretoLinks {
  /** A doctor code: six letters, digits, {@code _} or {@code -} in every example seen (HIGH). */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{6}");
  /** A slug as it appears in a link's path segment: anything but the separators we rely on. */
  static final Pattern SLUG = Pattern.compile("[^/?#~\\s]{1,200}");
  /** Separates slug and code in a key. */
  static final char SEPARATOR = '~';
  private static final Pattern PREFIXED = Pattern.compile("(?i)doctoreto:\\s*(\\S+)");
  private static final Pattern SCHEME = Pattern.compile("(?i)^https?://");
  private static final Pattern HOST = Pattern.compile("(?i)(www\\.)?doctoreto\\.com\\.?(:\\d{1,5})?");

  private DoctoretoLinks() {}

  /** The doctor a link or {@code doctoreto:{code}} names; empty for anything else. Never throws. */
  static Optional<DoctorRef> parse(String input) {
    String s = clean(input);
    Matcher prefixed = PREFIXED.matcher(s);
    if (prefixed.matches()) {
      return key(prefixed.group(1));
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
    return doctorPath(segments);
  }

  /**
   * The doctor named by a path's segments ({@code doctor, code} or {@code doctor, slug, code});
   * empty for any other path.
   */
  static Optional<DoctorRef> doctorPath(List<String> segments) {
    if (segments.isEmpty() || !segments.get(0).equals("doctor")) {
      return Optional.empty();
    }
    if (segments.size() == 2) {
      return code(segments.get(1));
    }
    if (segments.size() == 3 && SLUG.matcher(segments.get(1)).matches() && isCode(segments.get(2))) {
      return Optional.of(new DoctorRef(DoctoretoErrors.PROVIDER_ID, segments.get(1) + SEPARATOR + segments.get(2)));
    }
    return Optional.empty();
  }

  /** A key of either form ({@code {slug}~{code}} or {@code {code}}), checked. */
  private static Optional<DoctorRef> key(String candidate) {
    return isKey(candidate)
        ? Optional.of(new DoctorRef(DoctoretoErrors.PROVIDER_ID, candidate))
        : Optional.empty();
  }

  /** Whether a key is a bare code or {@code {slug}~{code}}. */
  static boolean isKey(String key) {
    int at = key.lastIndexOf(SEPARATOR);
    return at < 0 ? isCode(key) : isCode(key.substring(at + 1)) && SLUG.matcher(key.substring(0, at)).matches();
  }

  /** The code of a key already checked by {@link #isKey}. */
  static String codeOf(String key) {
    return key.substring(key.lastIndexOf(SEPARATOR) + 1);
  }

  /** The slug of a key already checked by {@link #isKey}; empty for a bare code. */
  static Optional<String> slugOf(String key) {
    int at = key.lastIndexOf(SEPARATOR);
    return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at));
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
