package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The interactive API reference is served by the server itself, from files on its class path, without a key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsPageTest {
  private TestServer s;

  @BeforeAll
  void start() {
    s = TestServer.throwaway(b -> {});
  }

  @AfterAll
  void stop() {
    s.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return s.http.send(HttpRequest.newBuilder(URI.create(s.server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theReferencePageAndItsScriptAreServedWithoutAKey() throws Exception {
    HttpResponse<String> page = get(SlotHunterServer.DOCS_PATH);
    HttpResponse<String> script = get("/docs.js");
    HttpResponse<String> document = get("/api/v1/openapi.json");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SecurityHeaders.CSP);
    assertThat(page.body()).contains("<script src=\"/dom.js\" defer></script>")
        .contains("<script src=\"/docs.js\" defer></script>").doesNotContain("<script>");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("/api/v1/openapi.json").doesNotContain("innerHTML");
    assertThat(document.statusCode()).isEqualTo(200);
  }
}
