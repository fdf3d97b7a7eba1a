package io.github.slothunter.testkit.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a fake site sees it: decoded path, query, headers (lower-case names), form fields,
 * cookies. Immutable.
 */
public final class IncomingRequest {
  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final Map<String, List<String>> headers;
  private final Map<String, String> form;
  private final Map<String, String> cookies;
  private final String remoteHost;
  private final byte[] body;

  /**
   * Builds a request; the form is decoded from the body according to the Content-Type.
   *
   * @param method the HTTP method
   * @param path the decoded path
   * @param rawQuery the raw (encoded) query, or {@code null}
   * @param headers headers in any case
   * @param body the raw body
   * @param remote the client's address, or {@code null}
   */
  public IncomingRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
      InetSocketAddress remote) {
    this.method = method;
    this.path = path;
    this.query = Map.copyOf(FormParser.urlEncoded(rawQuery));
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
      List<String> all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }));
    this.headers = Map.copyOf(lower);
    this.body = body;
    String contentType = header("content-type").orElse("");
    Optional<String> boundary = FormParser.boundary(contentType);
    if (boundary.isPresent()) {
      this.form = Map.copyOf(FormParser.multipart(body, boundary.get()));
    } else if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      this.form = Map.copyOf(FormParser.urlEncoded(new String(body, StandardCharsets.UTF_8)));
    } else {
      this.form = Map.of();
    }
    this.cookies = Map.copyOf(FormParser.cookies(this.headers.get("cookie")));
    this.remoteHost = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The decoded path. */
  public String path() {
    return path;
  }

  /** The path's non-empty segments, decoded. */
  public List<String> segments() {
    List<String> out = new java.util.ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Decoded query parameters. */
  public Map<String, String> query() {
    return query;
  }

  /** Headers, lower-case names. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Decoded form fields. */
  public Map<String, String> form() {
    return form;
  }

  /** Cookies. */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** The client's IP address. */
  public String remoteHost() {
    return remoteHost;
  }

  /** The raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** A non-blank form field, else header, else query parameter, else cookie, stripped. */
  public Optional<String> param(String name) {
    String v = form.get(name);
    if (isBlank(v)) {
      v = header(name).orElse(null);
    }
    if (isBlank(v)) {
      v = query.get(name);
    }
    if (isBlank(v)) {
      v = cookies.get(name);
    }
    return isBlank(v) ? Optional.empty() : Optional.of(v.strip());
  }

  /** A non-blank form field, stripped. */
  public Optional<String> formField(String name) {
    String v = form.get(name);
    return isBlank(v) ? Optional.empty() : Optional.of(v.strip());
  }

  /** The bearer token from {@code Authorization: Bearer}, else the {@code token} cookie. */
  public Optional<String> bearerToken() {
    Optional<String> auth = header("authorization");
    if (auth.isPresent() && auth.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      String t = auth.get().substring(7).strip();
      if (!t.isEmpty()) {
        return Optional.of(t);
      }
    }
    String cookie = cookies.get("token");
    return isBlank(cookie) ? Optional.empty() : Optional.of(cookie);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
