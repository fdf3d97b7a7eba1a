package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and sloppy requests: huge bodies, wrong types, unknown fields, injection strings. Each is
 * answered 4xx with a JSON error naming the problem, and registers nothing; text that is accepted is
 * stored and returned exactly as sent (escaping is the renderer's job, see the browser test).
 */
class HostileInputTest extends SharedServerTest {
  private static final String SQL = "Robert'); DROP TABLE server_owners;-- \" OR 1=1";
  private static final String HTML = "<img src=x onerror=\"alert(1)\"><script>alert('x')</script>";
  private TestServer.Created owner;

  @BeforeAll
  void createOwner() {
    owner = s.owner("target", "PREMIUM");
  }

  private int watches() {
    return s.get("/api/v1/watches", owner.key()).json().size();
  }

  @Test
  void aHugeBodyIsRefusedBeforeItIsRead() throws Exception {
    // only the head is sent: the answer must come from Content-Length alone (a client still writing
    // the body when the server answers and closes may see a reset instead, so the body is never sent)
    java.net.URI base = java.net.URI.create(s.url("/"));
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      String head = "POST /api/v1/watches HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nAuthorization: Bearer " + owner.key() + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (70 * 1024) + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }
    assertThat(watches()).isZero();
  }

  @Test
  void aHugeChunkedBodyIsRefusedToo() {
    byte[] big = ("{\"name\":\"" + "b".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpRequest req = s.request("/api/v1/owners", TestServer.ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

    TestServer.Response r = s.send(req);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void wrongTypesNameTheField() {
    List<String> bodies = List.of(
        "{\"link\":123}",
        "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"earliestOnly\":\"yes\"}",
        "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"maxPrice\":\"100\"}",
        "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"maxPrice\":1.5}",
        "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"daysOfWeek\":\"MONDAY\"}",
        "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"autoBook\":true}",
        "{\"link\":[\"" + TestServer.link(TestServer.SARA) + "\"]}");
    List<String> fields = List.of("link", "earliestOnly", "maxPrice", "maxPrice", "daysOfWeek", "autoBook", "link");

    for (int i = 0; i < bodies.size(); i++) {
      TestServer.Response r = s.post("/api/v1/watches", owner.key(), bodies.get(i));
      assertThat(r.status()).as(bodies.get(i)).isEqualTo(422);
      assertThat(r.json().get("code").asText()).isEqualTo("INVALID_INPUT");
      assertThat(r.json().get("message").asText()).as(bodies.get(i)).contains("'" + fields.get(i));
    }
    assertThat(watches()).isZero();
  }

  @Test
  void unknownFieldsAreNamed() {
    TestServer.Response top = s.post("/api/v1/watches", owner.key(),
        "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"priority\":\"high\"}");
    TestServer.Response nested = s.post("/api/v1/watches", owner.key(), "{\"link\":\"" + TestServer.link(TestServer.SARA)
        + "\",\"autoBook\":{\"sessionId\":\"x\",\"patient\":{\"firstName\":\"a\",\"favouriteColour\":\"red\"}}}");
    TestServer.Response owners = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"x\",\"isAdmin\":true}");

    assertThat(top.status()).isEqualTo(422);
    assertThat(top.json().get("message").asText()).contains("unknown field 'priority'");
    assertThat(nested.status()).isEqualTo(422);
    assertThat(nested.json().get("message").asText()).contains("autoBook");
    assertThat(owners.json().get("message").asText()).contains("unknown field 'isAdmin'");
    assertThat(watches()).isZero();
  }

  @Test
  void bodiesThatAreNotOneJsonObjectAreRejected() {
    List<String> bodies = List.of("", "not json", "[]", "\"text\"", "{\"link\":\"a\"} {\"link\":\"b\"}",
        "{\"link\":\"a\",\"link\":\"b\"}", "{\"link\":", "null");

    for (String body : bodies) {
      TestServer.Response r = s.post("/api/v1/watches", owner.key(), body);
      assertThat(r.status()).as(body).isEqualTo(422);
      assertThat(r.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    }
    assertThat(watches()).isZero();
  }

  @Test
  void injectionStringsInNamesAreStoredAndReturnedVerbatim() {
    TestServer.Response sql = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":" + Json.write(SQL) + "}");
    TestServer.Response html = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":" + Json.write(HTML) + "}");

    assertThat(sql.status()).isEqualTo(201);
    assertThat(html.status()).isEqualTo(201);
    assertThat(html.header("Content-Type")).startsWith("application/json");
    JsonNode all = s.get("/api/v1/owners", TestServer.ADMIN).json();
    assertThat(all).extracting(o -> o.get("name").asText()).contains(SQL, HTML);
    assertThat(s.get("/api/v1/me", html.json().get("apiKey").asText()).json().get("name").asText()).isEqualTo(HTML);
  }

  @Test
  void injectionStringsInLinksAreRejectedAndRegisterNothing() {
    List<String> links = List.of(
        "https://www.paziresh24.com/dr/<script>alert(1)</script>/",
        "https://www.paziresh24.com/dr/x' OR '1'='1/",
        "javascript:alert(document.cookie)",
        "'; DROP TABLE watches;--");

    for (String link : links) {
      TestServer.Response r = s.post("/api/v1/watches", owner.key(), "{\"link\":" + Json.write(link) + "}");
      assertThat(r.status()).as(link).isIn(404, 422);
      assertThat(r.header("Content-Type")).startsWith("application/json");
    }
    assertThat(watches()).isZero();
    assertThat(s.get("/api/v1/owners", TestServer.ADMIN).status()).isEqualTo(200);
  }

  @Test
  void controlCharactersAndOverlongTextAreRejected() {
    TestServer.Response nul = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"a\\u0000b\"}");
    TestServer.Response newline = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"a\\nb\"}");
    TestServer.Response longName = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"" + "n".repeat(101) + "\"}");
    TestServer.Response blank = s.post("/api/v1/owners", TestServer.ADMIN, "{\"name\":\"   \"}");

    assertThat(List.of(nul, newline, longName, blank)).allSatisfy(r -> assertThat(r.status()).isEqualTo(422));
    assertThat(longName.json().get("message").asText()).contains("too long");
    assertThat(blank.json().get("message").asText()).contains("required");
  }

  @Test
  void patientDataIsValidatedWithoutBeingEchoed() {
    TestServer.Response r = s.post("/api/v1/watches", owner.key(), "{\"link\":\"" + TestServer.link(TestServer.SARA)
        + "\",\"autoBook\":{\"sessionId\":\"ses_missing\",\"patient\":{\"firstName\":\"Sara\",\"lastName\":\"Test\","
        + "\"nationalCode\":\"1234567890\",\"mobile\":\"09121234567\"}}}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).doesNotContain("1234567890").doesNotContain("09121234567");
    assertThat(watches()).isZero();
  }

  @Test
  void aBadLimitIsRejected() {
    assertThat(s.get("/api/v1/bookings?limit=0", owner.key()).status()).isEqualTo(422);
    assertThat(s.get("/api/v1/bookings?limit=abc", owner.key()).status()).isEqualTo(422);
    assertThat(s.get("/api/v1/webhooks/deliveries?limit=100000", owner.key()).status()).isEqualTo(422);
  }
}
