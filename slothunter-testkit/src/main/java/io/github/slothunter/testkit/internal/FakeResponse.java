package io.github.slothunter.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a fake answers: status, content type, body and extra headers. Immutable.
 *
 * @param status HTTP status
 * @param contentType the Content-Type header, empty for none
 * @param body the body bytes (not copied; do not modify)
 * @param headers extra response headers
 */
public record FakeResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  /** Validates and copies the headers. */
  public FakeResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A JSON answer. */
  public static FakeResponse json(int status, JsonNode body) {
    return new FakeResponse(status, "application/json", Json.bytes(body), Map.of());
  }

  /** A JSON answer from raw text (for deliberately broken bodies). */
  public static FakeResponse rawJson(int status, String body) {
    return new FakeResponse(status, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** An HTML answer. */
  public static FakeResponse html(int status, String html) {
    return new FakeResponse(status, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A copy with one more header. */
  public FakeResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new FakeResponse(status, contentType, body, h);
  }

  /**
   * A copy with a {@code Retry-After} header in whole seconds, rounded up; this answer itself when
   * {@code retryAfter} is {@code null}.
   */
  public FakeResponse withRetryAfter(Duration retryAfter) {
    if (retryAfter == null) {
      return this;
    }
    long s = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return withHeader("Retry-After", Long.toString(s));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
