package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever a user pastes into a {@link DoctorRef} whose key is the decoded slug. No I/O,
 * never throws. Stateless and thread-safe.
 *
 * <p>Accepted (spec 3): {@code http(s)://[www.]paziresh24.com/dr/<slug>[/][?query][#fragment]},
 * the same without the scheme, {@code dr/<slug>}, {@code /dr/<slug>/}, the booking page
 * {@code /booking/<slug>?centerId=..&serviceId=..}, a bare slug, percent-encoded or raw Persian
 * slugs (decoded once, or twice when the result is still percent-encoded), and share text that
 * contains exactly one such link. Everything else gives empty: other hosts (including look-alikes
 * and {@code user@host} tricks), non-http schemes, other paths, extra path segments, control
 * characters, slugs with characters other than letters, digits, {@code -}, {@code _} and ZWNJ, and
 * inputs longer than {@value #MAX_INPUT} characters. Short links such as {@code p24.ir} are not in
 * the spec and are not accepted. A parser made {@link #alsoAccepting(String) alsoAccepting} a host
 * (the provider's configured {@code www-url}: a mirror or a local fake) accepts its links too.
 */
public final class DoctorLinkParser {
  /** Accepts only paziresh24.com links (and bare slugs). */
  public static final DoctorLinkParser DEFAULT = new DoctorLinkParser(Set.of());
  /** Longer inputs are not links anyone pastes. */
  public static final int MAX_INPUT = 2048;
  private static final int MAX_SLUG = 200;
  private static final Set<String> HOSTS = Set.of("paziresh24.com", "www.paziresh24.com");
  private static final Set<String> PREFIXES = Set.of("dr", "booking");
  private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)(?:https?://)?(?:www\\.)?paziresh24\\.com/\\S+");
  private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");

  private final Set<String> extraAuthorities;

  private DoctorLinkParser(Set<String> extraAuthorities) {
    this.extraAuthorities = extraAuthorities;
  }

  /**
   * A parser that also accepts links whose {@code host[:port]} is {@code authority} (lower case), for
   * example {@code 127.0.0.1:8024} when {@code www-url} points at a local fake.
   */
  public static DoctorLinkParser alsoAccepting(String authority) {
    return new DoctorLinkParser(Set.of(authority.toLowerCase(Locale.ROOT)));
  }

  /** {@link #DEFAULT}{@code .parseLink(input)}. */
  public static Optional<DoctorRef> parse(String input) {
    return DEFAULT.parseLink(input);
  }

  /** The doctor the input names, or empty when it is not a Paziresh24 doctor link or slug. */
  public Optional<DoctorRef> parseLink(String input) {
    if (input == null || input.length() > MAX_INPUT) {
      return Optional.empty();
    }
    String s = stripInvisible(input).strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (containsWhitespace(s)) {
      return fromText(s);
    }
    return parseOne(trimWrapping(s));
  }

  private Optional<DoctorRef> fromText(String text) {
    Set<DoctorRef> found = new LinkedHashSet<>();
    Matcher m = URL_IN_TEXT.matcher(text);
    while (m.find()) {
      parseOne(trimWrapping(m.group())).ifPresent(found::add);
    }
    return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
  }

  private Optional<DoctorRef> parseOne(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return Optional.empty();
      }
    }
    String lower = s.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      rest = afterHost(s.substring(s.indexOf("://") + 3));
    } else if (lower.startsWith("www.paziresh24.com") || lower.startsWith("paziresh24.com")) {
      rest = afterHost(s);
    } else if (s.contains(":")) {
      return Optional.empty(); // another scheme (javascript:, ftp:, mailto:) or a host:port
    } else if (s.startsWith("/") || s.startsWith("dr/") || s.startsWith("booking/")) {
      rest = s.startsWith("/") ? s : "/" + s;
    } else {
      return slug(stripQueryAndFragment(s));
    }
    if (rest == null) {
      return Optional.empty();
    }
    return fromPath(stripQueryAndFragment(rest));
  }

  /** The part after {@code host[:port]}, or {@code null} when the host is not Paziresh24's. */
  private String afterHost(String s) {
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = s.substring(0, end).toLowerCase(Locale.ROOT);
    if (authority.contains("@")) {
      return null;
    }
    if (extraAuthorities.contains(authority)) {
      return s.substring(end);
    }
    if (authority.endsWith(":443") || authority.endsWith(":80")) {
      authority = authority.substring(0, authority.lastIndexOf(':'));
    }
    if (authority.endsWith(".")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    return HOSTS.contains(authority) ? s.substring(end) : null;
  }

  private static Optional<DoctorRef> fromPath(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.startsWith("/")) {
      return Optional.empty();
    }
    String[] parts = p.substring(1).split("/", -1);
    if (parts.length != 2 || !PREFIXES.contains(parts[0])) {
      return Optional.empty();
    }
    return slug(parts[1]);
  }

  private static Optional<DoctorRef> slug(String raw) {
    String decoded = decode(raw);
    if (decoded != null && PERCENT.matcher(decoded).find()) {
      decoded = decode(decoded); // links copied from some apps are encoded twice
    }
    if (decoded == null || decoded.isEmpty() || decoded.length() > MAX_SLUG) {
      return Optional.empty();
    }
    for (int i = 0; i < decoded.length(); ) {
      int cp = decoded.codePointAt(i);
      boolean ok = Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == 0x200C;
      if (!ok) {
        return Optional.empty();
      }
      i += Character.charCount(cp);
    }
    return Optional.of(new DoctorRef(Paziresh24ProviderFactory.ID, decoded));
  }

  /** Strict UTF-8 percent-decoding ({@code +} stays a plus, as in paths); {@code null} when malformed. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.put((byte) (hi * 16 + lo));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        bytes.put(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    bytes.flip();
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String stripQueryAndFragment(String s) {
    int end = s.length();
    int q = s.indexOf('?');
    int h = s.indexOf('#');
    if (q >= 0) {
      end = q;
    }
    if (h >= 0 && h < end) {
      end = h;
    }
    return s.substring(0, end);
  }

  /** Removes the brackets, quotes and trailing punctuation that come with links pasted from chats. */
  private static String trimWrapping(String s) {
    String t = s;
    boolean changed = true;
    while (changed && !t.isEmpty()) {
      changed = false;
      char first = t.charAt(0);
      if ("<\"'(«".indexOf(first) >= 0) {
        t = t.substring(1);
        changed = true;
      }
      if (!t.isEmpty()) {
        char last = t.charAt(t.length() - 1);
        if (">\"')».,;!،".indexOf(last) >= 0) {
          t = t.substring(0, t.length() - 1);
          changed = true;
        }
      }
    }
    return t;
  }

  private static boolean containsWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i)) || Character.isSpaceChar(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Drops bidi marks and zero-width characters apps put around links (ZWNJ stays: Persian needs it). */
  private static String stripInvisible(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!Chars.isInvisible(s.charAt(i))) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

}
