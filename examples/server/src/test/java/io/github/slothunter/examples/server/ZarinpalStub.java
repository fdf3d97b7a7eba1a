package io.github.slothunter.examples.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Zarinpal's v4 REST API on WireMock, answering with the documented bodies in
 * {@code src/test/resources/zarinpal/}. Each {@link #nextAuthority()} makes the request endpoint hand out
 * a new authority; verify answers are stubbed per authority.
 */
final class ZarinpalStub implements AutoCloseable {
  static final String REQUEST = "/pg/v4/payment/request.json";
  static final String VERIFY = "/pg/v4/payment/verify.json";
  /** A sandbox-style merchant id: any 36 characters. */
  static final String MERCHANT = "00000000-0000-0000-0000-000000000000";
  private static final String DOC_AUTHORITY = "A0000000000000000000000000000wwOGYpd";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long RUN = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L);

  final WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  ZarinpalStub() {
    wm.start();
  }

  String baseUrl() {
    return wm.baseUrl();
  }

  /** The next payment request answers code 100 with a new authority, which is returned. */
  String nextAuthority() {
    String authority = String.format("A%012d%023d", RUN, SEQUENCE.incrementAndGet());
    wm.stubFor(post(urlEqualTo(REQUEST)).willReturn(json(200, body("request-ok.json").replace(DOC_AUTHORITY, authority))));
    return authority;
  }

  /** The payment request answers with {@code file} and {@code status}. */
  void request(int status, String file) {
    wm.stubFor(post(urlEqualTo(REQUEST)).willReturn(json(status, body(file))));
  }

  /** The payment request's connection is reset: the gateway is down. */
  void requestDown() {
    wm.stubFor(post(urlEqualTo(REQUEST)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  /** Verifying {@code authority} answers with {@code file} (HTTP {@code status}). */
  void verify(String authority, int status, String file) {
    wm.stubFor(post(urlEqualTo(VERIFY)).withRequestBody(matchingJsonPath("$.authority", equalTo(authority)))
        .willReturn(json(status, body(file))));
  }

  /** Verifying {@code authority} answers only after {@code millis}. */
  void verifySlow(String authority, String file, int millis) {
    wm.stubFor(post(urlEqualTo(VERIFY)).withRequestBody(matchingJsonPath("$.authority", equalTo(authority)))
        .willReturn(json(200, body(file)).withFixedDelay(millis)));
  }

  /** Verify requests for {@code authority} the stub has seen. */
  List<LoggedRequest> verifies(String authority) {
    return wm.findAll(postRequestedFor(urlEqualTo(VERIFY)).withRequestBody(matchingJsonPath("$.authority",
        equalTo(authority))));
  }

  /** Payment requests the stub has seen whose order id is {@code paymentId}. */
  List<LoggedRequest> requests(String paymentId) {
    return wm.findAll(postRequestedFor(urlEqualTo(REQUEST)).withRequestBody(matchingJsonPath("$.metadata.order_id",
        equalTo(paymentId))));
  }

  static JsonNode json(LoggedRequest r) {
    return Json.read(r.getBodyAsString());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  static String body(String file) {
    try (InputStream in = ZarinpalStub.class.getResourceAsStream("/zarinpal/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing stub body " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    wm.stop();
  }
}
