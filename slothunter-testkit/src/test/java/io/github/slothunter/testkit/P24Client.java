package io.github.slothunter.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A tiny HTTP client speaking to a fake in tests (java.net.http, no redirects followed). */
final class P24Client {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final String base;
  private final String terminal;
  private String token;

  P24Client(String base, String terminal) {
    this.base = base;
    this.terminal = terminal;
  }

  P24Client withToken(String value) {
    this.token = value;
    return this;
  }

  String terminal() {
    return terminal;
  }

  HttpResponse<String> get(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  HttpResponse<String> postForm(String path, Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers(b);
    return send(b.build());
  }

  HttpResponse<String> postMultipart(String path, Map<String, String> form) {
    String boundary = "----FakeBoundary7MA4YWxkTrZu0gW";
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    headers(b);
    return send(b.build());
  }

  private void headers(HttpRequest.Builder b) {
    if (terminal != null) {
      b.header("terminal_id", terminal);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
  }

  /** POSTs a booking RPC to the apigw path. */
  JsonNode rpc(String name, Map<String, String> form) {
    return json(postForm("/booking/v2/" + name, form));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return parse(response.body());
  }

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
