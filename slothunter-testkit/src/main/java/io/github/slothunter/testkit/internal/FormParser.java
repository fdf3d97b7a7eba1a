package io.github.slothunter.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Decodes query strings, url-encoded and multipart form bodies, and cookies. Stateless. */
public final class FormParser {
  private FormParser() {}

  /** {@code a=1&b=%D8%A7} to a map; the first value of a repeated name wins; never throws. */
  public static Map<String, String> urlEncoded(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape: keep it raw, as a lenient server would
    }
  }

  /** The boundary of a {@code multipart/form-data} content type. */
  public static Optional<String> boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return Optional.empty();
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() ? Optional.empty() : Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * The text fields of a {@code multipart/form-data} body (file parts give their content as text);
   * the first value of a repeated name wins; malformed parts are skipped.
   */
  public static Map<String, String> multipart(byte[] body, String boundary) {
    Map<String, String> out = new LinkedHashMap<>();
    // ISO-8859-1 maps bytes 1:1 to chars, so splitting on the boundary cannot corrupt UTF-8 values.
    String raw = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    String[] parts = raw.split(java.util.regex.Pattern.quote(delimiter), -1);
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("--")) {
        break;
      }
      if (part.startsWith("\r\n")) {
        part = part.substring(2);
      }
      int headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headerEnd);
      String value = part.substring(headerEnd + 4);
      if (value.endsWith("\r\n")) {
        value = value.substring(0, value.length() - 2);
      }
      String name = dispositionName(headers);
      if (name != null) {
        out.putIfAbsent(utf8(name), utf8(value));
      }
    }
    return out;
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static String dispositionName(String headers) {
    for (String line : headers.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        continue;
      }
      int at = line.indexOf("name=\"");
      while (at > 0 && Character.isLetter(line.charAt(at - 1))) { // skip filename="
        at = line.indexOf("name=\"", at + 1);
      }
      if (at < 0) {
        return null;
      }
      int end = line.indexOf('"', at + 6);
      return end < 0 ? null : line.substring(at + 6, end);
    }
    return null;
  }

  /** Cookies from {@code Cookie} headers; the first value of a repeated name wins. */
  public static Map<String, String> cookies(List<String> cookieHeaders) {
    Map<String, String> out = new LinkedHashMap<>();
    if (cookieHeaders == null) {
      return out;
    }
    for (String header : cookieHeaders) {
      for (String c : header.split(";")) {
        int eq = c.indexOf('=');
        if (eq > 0) {
          out.putIfAbsent(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
        }
      }
    }
    return out;
  }
}
