package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Authentication failures and error answers: always JSON {code, message}, never an HTML page. */
class AccessTest extends SharedServerTest {
  @Test
  void aMissingKeyIsUnauthorized() {
    TestServer.Response r = s.get("/api/v1/watches", null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(r.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(r.json().get("message").asText()).contains("Authorization");
  }

  @Test
  void wrongAndMalformedKeysAreUnauthorized() {
    String wellFormedButUnknown = "shk_0123456789abcdef_" + "A".repeat(43);
    TestServer.Created o = s.owner("real", "FREE");
    String tampered = o.key().substring(0, 63) + (o.key().endsWith("A") ? "B" : "A");

    List<TestServer.Response> answers = List.of(
        s.get("/api/v1/me", wellFormedButUnknown),
        s.get("/api/v1/me", tampered),
        s.get("/api/v1/me", "not-a-key"),
        s.send(s.request("/api/v1/me", null).header("Authorization", "Basic dXNlcjpwYXNz").GET().build()),
        s.send(s.request("/api/v1/me", null).header("Authorization", "Bearer").GET().build()));

    assertThat(answers).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    });
  }

  @Test
  void publicEndpointsNeedNoKey() {
    assertThat(s.get("/api/v1/health", null).json().get("status").asText()).isEqualTo("UP");
    assertThat(s.get("/api/v1/info", null).json().get("sandbox").asBoolean()).isTrue();
    assertThat(s.get("/api/v1/info", null).json().get("exampleLinks").get(0).asText())
        .isEqualTo(TestServer.link(TestServer.SARA));
    assertThat(s.get("/api/v1/openapi.json", null).json().get("openapi").asText()).isEqualTo("3.0.3");
  }

  @Test
  void unknownEndpointsAndMethodsAnswerJson() {
    TestServer.Created o = s.owner("explorer", "FREE");

    TestServer.Response missing = s.get("/api/v1/nothing-here", o.key());
    TestServer.Response wrongMethod = s.send(s.request("/api/v1/watches", o.key())
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build());
    TestServer.Response page = s.get("/no/such/page.html", null);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).doesNotContain("<html").doesNotContain("Exception");
  }

  @Test
  void requestsJettyRejectsEarlyAnswerJsonToo() throws IOException {
    String badEscape = raw("GET /api/v1/%zz HTTP/1.1");
    String ambiguous = raw("GET /api/v1/watches/..%2F..%2Fetc HTTP/1.1");

    assertThat(badEscape).startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\":\"INVALID_INPUT\"")
        .doesNotContain("<html");
    assertThat(ambiguous).matches("(?s)HTTP/1.1 (400|401|404).*").contains("\"code\":").doesNotContain("<html");
  }

  /** Sends a request line as is (the JDK client refuses malformed URIs) and returns the whole answer. */
  private String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    TestServer.Response page = s.get("/", null);
    TestServer.Response api = s.get("/api/v1/health", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"/app.js\" defer></script>");
    for (TestServer.Response r : List.of(page, api)) {
      assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    }
    assertThat(api.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void theDashboardIsServedWithItsTranslations() {
    assertThat(s.get("/dom.js", null).body()).contains("textContent").doesNotContain("innerHTML"); // el(), both pages
    assertThat(s.get("/app.js", null).body()).contains("SlotHunterDom").doesNotContain("innerHTML")
        .doesNotContain("Intl.DateTimeFormat"); // dates come formatted from the server (JalaliFormat)
    assertThat(s.get("/forms.js", null).body()).contains("textContent").doesNotContain("innerHTML")
        .doesNotContain("Intl.DateTimeFormat");
    assertThat(s.get("/i18n/fa.json", null).json().get("dir").asText()).isEqualTo("rtl");
    assertThat(s.get("/i18n/en.json", null).json().get("dir").asText()).isEqualTo("ltr");
    assertThat(s.get("/app.css", null).status()).isEqualTo(200);
  }
}
