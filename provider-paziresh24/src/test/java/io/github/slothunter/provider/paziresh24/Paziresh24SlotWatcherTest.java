package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.SlotWatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Paziresh24SlotWatcherTest extends WireMockSupport {
  private static final String FREE_DAYS = "/booking/v2/getFreeDays";
  private static final String FREE_TURNS = "/booking/v2/getFreeTurns";

  @Test
  void postsTheDocumentedFreeDaysFormAndHeaders() {
    stubPost(FREE_DAYS, 200, fixture("free-days.json"));

    provider("terminal-mode", "generate").slots().freeDays(target());

    LoggedRequest r = single(FREE_DAYS);
    assertThat(r.getHeader("Content-Type")).startsWith(FORM_URLENCODED);
    Map<String, String> form = form(r);
    assertThat(form).containsOnlyKeys("center_id", "service_id", "user_center_id", "server_id", "return_free_turns",
        "return_type", "terminal_id");
    assertThat(form).containsEntry("center_id", "12345").containsEntry("service_id", "2001")
        .containsEntry("user_center_id", "77001").containsEntry("server_id", "1")
        .containsEntry("return_free_turns", "false").containsEntry("return_type", "calendar");
    assertThat(form.get("terminal_id")).matches(TERMINAL);
    assertThat(r.getHeader("terminal_id")).isEqualTo(form.get("terminal_id"));
    assertThat(r.getHeader("center_id")).isEqualTo("12345");
    assertThat(r.getHeader("server_id")).isEqualTo("1");
    assertThat(r.getHeader("Cookie")).isEqualTo("terminal_id=" + form.get("terminal_id"));
    assertThat(r.getHeader("accept")).isEqualTo("application/json, text/plain, */*");
    assertThat(r.getHeader("accept-timezone")).isEqualTo("Asia/Tehran");
    assertThat(r.containsHeader("Authorization")).isFalse();
  }

  @Test
  void turnsCalendarSecondsIntoSortedDistinctTehranDays() {
    stubPost(FREE_DAYS, 200, fixture("free-days.json"));

    List<LocalDate> days = provider().slots().freeDays(target());

    assertThat(days).containsExactly(LocalDate.of(2026, 7, 5), LocalDate.of(2026, 7, 6), LocalDate.of(2026, 7, 8));
  }

  @Test
  void usesTheWebsiteApiPathWhenConfigured() {
    stubPost("/api/getFreeDays", 200, fixture("free-days-empty.json"));

    List<LocalDate> days = provider("booking-endpoint", "www").slots().freeDays(target());

    assertThat(days).isEmpty();
    assertThat(count("/api/getFreeDays")).isOne();
  }

  @Test
  void sendsMultipartFormsWhenConfigured() {
    stubPost(FREE_DAYS, 200, fixture("free-days-empty.json"));

    provider("form-encoding", "multipart", "terminal-mode", "generate").slots().freeDays(target());

    LoggedRequest r = single(FREE_DAYS);
    assertThat(r.getHeader("Content-Type")).startsWith("multipart/form-data");
    assertThat(form(r)).containsEntry("center_id", "12345").containsEntry("return_type", "calendar")
        .containsKey("terminal_id");
  }

  @Test
  void returnsNoDaysForAMissingOrNullCalendar() {
    SlotWatcher slots = provider().slots();
    stubPost(FREE_DAYS, 200, "{\"status\":1}");
    assertThat(slots.freeDays(target())).isEmpty();

    stubPost(FREE_DAYS, 200, "{\"status\":\"1\",\"calendar\":{\"turns\":null}}");
    assertThat(slots.freeDays(target())).isEmpty();
  }

  @Test
  void reportsACalendarOfAnotherShapeAsProtocol() {
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"calendar\":{\"turns\":{\"0\":1783197000}}}");

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void reportsMillisecondsOrTextWhereSecondsBelongAsProtocol() {
    SlotWatcher slots = provider().slots();
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"calendar\":{\"turns\":[1783197000000]}}");
    assertThatThrownBy(() -> slots.freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubPost(FREE_DAYS, 200, "{\"status\":1,\"calendar\":{\"turns\":[\"tomorrow\"]}}");
    assertThatThrownBy(() -> slots.freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void readsTheDaysAsAnEmptyListWhenTheSiteSaysNoneAreFree() {
    stubPost(FREE_DAYS, 200, fixture("free-turns-none.json"));

    assertThat(provider().slots().freeDays(target())).isEmpty();
  }

  @Test
  void mapsAStatusZeroRejectionToInvalidInputNamingFieldsButNotValues() {
    stubPost(FREE_DAYS, 200, fixture("status-0-details.json"));

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.providerId()).contains("paziresh24");
          assertThat(e.getMessage()).contains("کد ملی", "تلفن همراه")
              .doesNotContain("0012345679", "09121234567", "معتبر نیست");
        });
  }

  @Test
  void readsHttp423BodiesLikeAnyOther() {
    stubPost(FREE_DAYS, 423, fixture("free-days.json"));

    assertThat(provider().slots().freeDays(target())).hasSize(3);
  }

  @Test
  void reportsAnHtmlErrorPageWhereJsonBelongsAsProtocolWithARedactedExcerpt() {
    wm.stubFor(post(urlPathEqualTo(FREE_DAYS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody(fixture("error-page.html"))));

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x).contains("502 Bad Gateway")
              .doesNotContain("98127364501").doesNotContain("abcdef"));
        });
  }

  @Test
  void reportsTruncatedJsonAsProtocol() {
    stubPost(FREE_TURNS, 200, fixture("truncated.json"));

    assertThatThrownBy(() -> provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.excerpt()).isPresent();
        });
  }

  @Test
  void reportsEmptyAndNonObjectBodiesAsProtocol() {
    SlotWatcher slots = provider().slots();
    stubPost(FREE_DAYS, 200, "");
    assertThatThrownBy(() -> slots.freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubPost(FREE_DAYS, 200, "[1,2]");
    assertThatThrownBy(() -> slots.freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubPost(FREE_DAYS, 200, "{\"message\":\"ok\"}");
    assertThatThrownBy(() -> slots.freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void mapsHttp429ToRateLimitedWithTheRetryAfterSeconds() {
    wm.stubFor(post(urlPathEqualTo(FREE_DAYS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
        .withBody("<html>Too Many Requests</html>")));

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        });
  }

  @Test
  void mapsHttp429WithAnHttpDateToTheTimeLeft() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
    wm.stubFor(post(urlPathEqualTo(FREE_DAYS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", at)));

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(90)));
  }

  @Test
  void mapsHttp429WithoutRetryAfterToTheDefaultMinute() {
    wm.stubFor(post(urlPathEqualTo(FREE_DAYS)).willReturn(aResponse().withStatus(429)));

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        });
  }

  @Test
  void mapsServerErrorsToProviderUnavailable() {
    stubPost(FREE_DAYS, 502, fixture("error-page.html"));

    assertThatThrownBy(() -> provider().slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void mapsASlowAnswerToProviderUnavailableAfterTheConfiguredTimeout() {
    wm.stubFor(post(urlPathEqualTo(FREE_DAYS)).willReturn(aResponse().withStatus(200)
        .withBody(fixture("free-days.json")).withFixedDelay(3_000)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> provider("timeout", "300ms").slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
          assertThat(e.getMessage()).contains("timed out");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void mapsARefusedConnectionToProviderUnavailable() {
    java.net.ServerSocket closed;
    int port;
    try {
      closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
      port = closed.getLocalPort();
      closed.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    assertThatThrownBy(() -> provider("base-url", "http://127.0.0.1:" + port).slots().freeDays(target()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
          assertThat(e.getMessage()).contains("connection refused");
        });
  }

  @Test
  void sendsTheCalendarValueOfTheDayAsDate() {
    stubPost(FREE_DAYS, 200, fixture("free-days.json"));
    stubPost(FREE_TURNS, 200, "{\"status\":1,\"result\":[]}");
    SlotWatcher slots = provider("terminal-mode", "generate").slots();
    slots.freeDays(target());

    slots.freeSlots(target(), LocalDate.of(2026, 7, 6));

    Map<String, String> form = form(single(FREE_TURNS));
    assertThat(form).containsOnlyKeys("center_id", "service_id", "user_center_id", "server_id", "date", "terminal_id");
    assertThat(form).containsEntry("date", "1783287000").containsEntry("user_center_id", "77001");
  }

  @Test
  void sendsTehranMidnightForADayTheCalendarDidNotGive() {
    stubPost(FREE_TURNS, 200, "{\"status\":1,\"result\":null}");

    List<Slot> slots = provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 9));

    assertThat(slots).isEmpty();
    assertThat(form(single(FREE_TURNS))).containsEntry("date", "1783542600");
  }

  @Test
  void returnsTheDaysSlotsSortedAndDistinctWithFromToKeys() {
    stubPost(FREE_TURNS, 200, fixture("free-turns.json"));

    List<Slot> slots = provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5));

    assertThat(slots).extracting(Slot::providerSlotKey).containsExactly(
        "1783229400-1783230300", "1783230300-1783231200", "1783231200-1783232100", "1783233000-1783233900");
    Slot first = slots.get(0);
    assertThat(first.target()).isEqualTo(target());
    assertThat(first.start()).isEqualTo(Instant.parse("2026-07-05T05:30:00Z"));
    assertThat(first.end()).isEqualTo(Instant.parse("2026-07-05T05:45:00Z"));
  }

  @Test
  void readsNoSlotsWhenTheSiteSaysThereAreNone() {
    stubPost(FREE_TURNS, 200, fixture("free-turns-none.json"));

    assertThat(provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5))).isEmpty();
  }

  @Test
  void reportsASlotThatDoesNotEndAfterItStartsAsProtocol() {
    stubPost(FREE_TURNS, 200, "{\"status\":1,\"result\":[{\"from\":1783229400,\"to\":1783229400}]}");

    assertThatThrownBy(() -> provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void reportsAResultOfAnotherShapeAsProtocol() {
    stubPost(FREE_TURNS, 200, "{\"status\":1,\"result\":{\"from\":1783229400}}");

    assertThatThrownBy(() -> provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void mapsAnUnknownStatusToProtocol() {
    stubPost(FREE_TURNS, 200, "{\"status\":17,\"message\":\"خطای ناشناخته\"}");

    assertThatThrownBy(() -> provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).contains("status 17");
        });
  }

  @Test
  void rejectsATargetWithoutUserCenterIdBeforeSending() {
    Target bare = new Target(ref(), "12345", "2001", Map.of("server_id", "1"));

    assertThatThrownBy(() -> provider().slots().freeDays(bare))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.providerId()).contains("paziresh24");
          assertThat(e.getMessage()).contains("user_center_id");
        });
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void omitsServerIdWhenTheTargetHasNone() {
    stubPost(FREE_DAYS, 200, fixture("free-days-empty.json"));
    Target noServer = new Target(ref(), "12345", "2001", Map.of("user_center_id", "77001"));

    provider().slots().freeDays(noServer);

    LoggedRequest r = single(FREE_DAYS);
    assertThat(form(r)).doesNotContainKey("server_id");
    assertThat(r.containsHeader("server_id")).isFalse();
  }

  @Test
  void rejectsATargetOfAnotherProvider() {
    Target foreign = new Target(new DoctorRef("doctoreto", "x"), "1", "2", Map.of("user_center_id", "3"));

    assertThatThrownBy(() -> provider().slots().freeSlots(foreign, LocalDate.of(2026, 7, 5)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void rejectsIdsThatCannotTravelInAHeader() {
    Target odd = new Target(ref(), "مرکز", "2001", Map.of("user_center_id", "77001"));

    assertThatThrownBy(() -> provider().slots().freeDays(odd))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("center_id");
        });
  }
}
