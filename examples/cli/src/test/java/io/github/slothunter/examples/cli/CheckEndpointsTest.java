package io.github.slothunter.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check paziresh24} against WireMock serving the spec's §11 bodies (getFreeDays in both
 * modes, getFreeTurns, full profile, availability-status, status 32) and, where §11 has none, bodies
 * built from the fields §3B and §9 list (slug lookup, search, profile page); then an HTML error page,
 * a 429, a refused connection and shape drift.
 */
class CheckEndpointsTest {
  @RegisterExtension
  static final WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String LINK = "https://www.paziresh24.com/dr/dr-sample-0/";
  private static final List<String> NAMES = List.of("search", "profile page", "slug lookup", "full profile",
      "availability-status", "getFreeDays calendar", "getFreeDays all-slots", "getFreeTurns");

  @TempDir
  Path home;

  private static String body(String name) {
    try (InputStream in = CheckEndpointsTest.class.getResourceAsStream("/check/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder request, String fixture) {
    site.stubFor(request.willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body(fixture))));
  }

  /** The live shapes, per the spec. */
  private static void liveShapes() {
    json(get(urlPathEqualTo("/seapi/v1/search/tehran")), "search.json");
    site.stubFor(get(urlPathEqualTo("/dr/dr-sample-0/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(body("profile-page.html"))));
    json(get(urlPathEqualTo("/api/doctors/dr-sample-0")), "slug-lookup.json");
    json(get(urlPathEqualTo("/api/full-profile/dr-sample-0/")), "full-profile.json");
    json(get(urlPathEqualTo("/v1/doctors/dr-sample-0/availability-status")), "availability-status.json");
    json(post(urlPathEqualTo("/booking/v2/getFreeDays")).withRequestBody(containing("return_free_turns=false")),
        "free-days-calendar.json");
    json(post(urlPathEqualTo("/booking/v2/getFreeDays")).withRequestBody(notContaining("return_free_turns")),
        "free-days-slots.json");
    json(post(urlPathEqualTo("/booking/v2/getFreeTurns")), "free-turns.json");
  }

  private CliRun check(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "check";
    args[1] = "paziresh24";
    args[2] = "--base-url";
    args[3] = "http://127.0.0.1:" + site.getPort();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return CliRun.run(home, args);
  }

  private static Optional<String> line(CliRun run, String name) {
    return run.outLines().stream().filter(l -> l.startsWith(name + " ")).findFirst();
  }

  @Test
  void reportsEveryEndpointShapeOkAgainstTheSpecsBodies() {
    liveShapes();

    CliRun run = check();

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.outLines()).hasSize(NAMES.size() + 1);
    for (String name : NAMES) {
      assertThat(line(run, name)).as(name).hasValueSatisfying(l -> assertThat(l).contains("HTTP 200").contains("shape OK"));
    }
    assertThat(line(run, "getFreeDays calendar")).hasValueSatisfying(l -> assertThat(l)
        .contains("POST 127.0.0.1:" + site.getPort() + "/booking/v2/getFreeDays").contains("status=1")
        .contains("calendar.turns: 3 free days"));
    assertThat(line(run, "getFreeDays all-slots")).hasValueSatisfying(l -> assertThat(l)
        .contains("2 days, 5 slots in {from, turns, slice} blocks"));
    assertThat(line(run, "full profile")).hasValueSatisfying(l -> assertThat(l).contains("status=SUCCESS"));
    assertThat(line(run, "getFreeTurns")).hasValueSatisfying(l -> assertThat(l).contains("result[3]"));
    assertThat(run.outLines().get(NAMES.size()))
        .startsWith("summary: 8 endpoints, 8 shape OK, 0 shape DIFF, 0 not checked, 0 failed, 0 skipped");
  }

  @Test
  void asksTheCalendarModeWithReturnFreeTurnsFalseAndTheAllSlotsModeWithout() {
    liveShapes();

    check("--doctor", LINK);

    assertThat(site.findAll(postRequestedFor(urlPathEqualTo("/booking/v2/getFreeDays"))))
        .extracting(r -> r.getBodyAsString())
        .anySatisfy(b -> assertThat(b).contains("return_free_turns=false").contains("return_type=calendar"))
        .anySatisfy(b -> assertThat(b).doesNotContain("return_free_turns").contains("return_type=calendar")
            .contains("user_center_id=4f1c2a9e-13aa-4b6c-8e02-71c9d5e4a610"));
    assertThat(site.findAll(postRequestedFor(urlPathEqualTo("/booking/v2/getFreeTurns"))))
        .singleElement().satisfies(r -> assertThat(r.getBodyAsString()).contains("date=1800045000"));
  }

  @Test
  void neverHoldsBooksLogsInOrSetsATerminal() {
    liveShapes();

    check("--doctor", LINK);

    assertThat(site.findAll(anyRequestedFor(urlMatching(
        ".*/(getFreeTurn|suspend|unsuspend|setTerminal|book|deleteBook|moveBook)|.*gozargah.*|.*auth.*")))).isEmpty();
  }

  @Test
  void printsNoDoctorSlugOrIdsSoTheOutputCanBePasted() {
    liveShapes();

    CliRun run = check("--doctor", LINK);

    assertThat(run.all()).doesNotContain("dr-sample-0").doesNotContain("4f1c2a9e").doesNotContain("1800045000");
    assertThat(run.out()).contains("/dr/{slug}/").contains("/api/full-profile/{slug}/");
  }

  @Test
  void reportsAnHtmlErrorPageAsAFailureOnEveryLineWithoutCrashing() {
    site.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "text/html").withBody(body("error-502.html"))));

    CliRun run = check("--doctor", LINK);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.outLines()).hasSize(NAMES.size() + 1);
    for (String name : List.of("search", "profile page", "slug lookup", "full profile", "availability-status")) {
      assertThat(line(run, name)).as(name).hasValueSatisfying(l -> assertThat(l).contains("HTTP 502")
          .contains("FAIL (HTTP 502, HTML error page)"));
    }
    for (String name : List.of("getFreeDays calendar", "getFreeDays all-slots", "getFreeTurns")) {
      assertThat(line(run, name)).as(name).hasValueSatisfying(l -> assertThat(l).contains("not called").contains("SKIP"));
    }
    assertThat(run.outLines().get(NAMES.size())).contains("5 failed, 3 skipped");
  }

  @Test
  void reportsAnHtmlPageWhereJsonBelongsAsShapeDiff() {
    liveShapes();
    site.stubFor(get(urlPathEqualTo("/api/full-profile/dr-sample-0/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody(body("error-502.html"))));

    CliRun run = check("--doctor", LINK);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(line(run, "full profile")).hasValueSatisfying(l -> assertThat(l).contains("HTTP 200")
        .contains("shape DIFF (body is not JSON (an HTML page))"));
  }

  @Test
  void reportsA429AsRateLimitedOnItsLine() {
    liveShapes();
    site.stubFor(post(urlPathEqualTo("/booking/v2/getFreeDays")).atPriority(1)
        .willReturn(aResponse().withStatus(429).withBody("Too Many Requests")));

    CliRun run = check("--doctor", LINK);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(line(run, "getFreeDays calendar")).hasValueSatisfying(l -> assertThat(l).contains("HTTP 429")
        .contains("FAIL (rate limited (HTTP 429))"));
    assertThat(line(run, "getFreeDays all-slots")).hasValueSatisfying(l -> assertThat(l).contains("rate limited"));
    assertThat(line(run, "getFreeTurns")).hasValueSatisfying(l -> assertThat(l).contains("SKIP"));
    assertThat(line(run, "full profile")).hasValueSatisfying(l -> assertThat(l).contains("shape OK"));
  }

  @Test
  void countsStatus32AsAnEmptyCalendarNotAFailure() {
    liveShapes();
    json(post(urlPathEqualTo("/booking/v2/getFreeDays")).atPriority(1), "no-free-slot.json");

    CliRun run = check("--doctor", LINK);

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(line(run, "getFreeDays calendar")).hasValueSatisfying(l -> assertThat(l).contains("status=32")
        .contains("shape OK (no free slot"));
    assertThat(line(run, "getFreeTurns")).hasValueSatisfying(l -> assertThat(l).contains("SKIP"));
  }

  @Test
  void saysShapeDiffWhenTheCheckedFieldsAreNotThere() {
    liveShapes();
    // An unwrapped profile (no {status, data}) and a calendar answer in the all-slots shape.
    site.stubFor(get(urlPathEqualTo("/api/full-profile/dr-sample-0/")).atPriority(1).willReturn(aResponse()
        .withStatus(200).withBody("{\"id\":\"x\",\"centers\":[]}")));

    CliRun run = check("--doctor", LINK);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(line(run, "full profile")).hasValueSatisfying(l -> assertThat(l).contains("shape DIFF")
        .contains("missing status:\"SUCCESS\", data{}"));
    assertThat(line(run, "getFreeDays calendar")).hasValueSatisfying(l -> assertThat(l).contains("SKIP"));
  }

  @Test
  void saysShapeDiffForACalendarModeAnswerWithSlots() {
    liveShapes();
    json(post(urlPathEqualTo("/booking/v2/getFreeDays")).atPriority(1), "free-days-slots.json");

    CliRun run = check("--doctor", LINK);

    assertThat(line(run, "getFreeDays calendar")).hasValueSatisfying(l -> assertThat(l).contains("shape DIFF")
        .contains("result: [] (got an object)"));
    assertThat(line(run, "getFreeDays all-slots")).hasValueSatisfying(l -> assertThat(l).contains("shape OK"));
  }

  @Test
  void reportsARefusedConnectionOnEveryLine() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--base-url", "http://127.0.0.1:1", "--doctor", LINK);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(line(run, "search")).hasValueSatisfying(l -> assertThat(l).contains("unreachable")
        .contains("FAIL (connection refused)"));
    assertThat(run.outLines()).hasSize(NAMES.size() + 1);
  }

  @Test
  void skipsTheDoctorEndpointsWhenTheSearchGivesNoDoctorAndNoneWasGiven() {
    site.stubFor(get(urlPathEqualTo("/seapi/v1/search/tehran")).willReturn(aResponse().withStatus(200)
        .withBody("{\"search\":{\"result\":[],\"total\":0}}")));

    CliRun run = check();

    assertThat(line(run, "search")).hasValueSatisfying(l -> assertThat(l).contains("shape OK (0 results)"));
    assertThat(line(run, "profile page")).hasValueSatisfying(l -> assertThat(l).contains("SKIP")
        .contains("pass --doctor <link>"));
    assertThat(run.outLines()).hasSize(NAMES.size() + 1);
  }
}
