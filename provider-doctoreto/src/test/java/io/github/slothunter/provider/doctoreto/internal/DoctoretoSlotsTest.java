package io.github.slothunter.provider.doctoreto.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import io.github.slothunter.spi.SlotWatcher;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DoctoretoSlotsTest {
  @RegisterExtension
  static final WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

  private static final String DAYS = "/api/web/patient/v1/consultation-times/days";
  private static final DoctorRef VIDA = new DoctorRef("doctoreto", "ZaEBBZ");
  private static final Target OFFICE = new Target(VIDA, "3022", "3022", Map.of("consultation_id", "3022"));
  private static final LocalDate OCT_28 = LocalDate.of(2024, 10, 28);

  private final DoctoretoFixtures.SettableClock clock = new DoctoretoFixtures.SettableClock(DoctoretoFixtures.NOW);
  private DoctoretoProvider provider = provider(Map.of());

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  private DoctoretoProvider provider(Map<String, String> config) {
    return new DoctoretoProvider(DoctoretoFixtures.context(api.baseUrl(), clock).config(config).build());
  }

  private SlotWatcher watcher() {
    return provider.slots();
  }

  private static MappingBuilder days() {
    return get(urlPathEqualTo(DAYS));
  }

  private static ResponseDefinitionBuilder json(String fixture) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(DoctoretoFixtures.text(fixture));
  }

  private static Instant tehran(String localDateTime) {
    return LocalDate.parse(localDateTime.substring(0, 10))
        .atTime(java.time.LocalTime.parse(localDateTime.substring(11)))
        .atZone(java.time.ZoneId.of("Asia/Tehran")).toInstant();
  }

  private SlotHunterException failure(Runnable call) {
    return catchThrowableOfType(SlotHunterException.class, call::run);
  }

  @Test
  void listsDaysWithAFreeTimeInAscendingOrder() {
    api.stubFor(days().willReturn(json("days-basic.json")));

    List<LocalDate> free = watcher().freeDays(OFFICE);

    assertThat(free).containsExactly(OCT_28, LocalDate.of(2024, 10, 31));
  }

  @Test
  void asksForTodayInTehranWithTheDocumentedParametersAndHeaders() {
    clock.set(Instant.parse("2024-10-27T21:00:00Z")); // 00:30 on the 28th in Tehran, still the 27th in UTC
    api.stubFor(days().willReturn(json("days-empty.json")));

    watcher().freeDays(OFFICE);

    List<LoggedRequest> sent = api.findAll(getRequestedFor(urlPathEqualTo(DAYS)));
    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.queryParameter("consultation_id").firstValue()).isEqualTo("3022");
      assertThat(r.queryParameter("start_date").firstValue()).isEqualTo("2024-10-28");
      assertThat(r.queryParameter("day_navigate").firstValue()).isEqualTo("1");
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
      assertThat(r.getHeader("Origin")).isEqualTo(api.baseUrl());
      assertThat(r.getHeader("Referer")).isEqualTo(api.baseUrl() + "/");
      assertThat(r.getHeader("User-Agent")).startsWith("Mozilla/5.0");
      assertThat(r.containsHeader("Authorization")).isFalse();
    });
  }

  @Test
  void returnsNothingForAnEmptyCalendar() {
    api.stubFor(days().willReturn(json("days-empty.json")));

    assertThat(watcher().freeDays(OFFICE)).isEmpty();
    assertThat(watcher().freeSlots(OFFICE, OCT_28)).isEmpty();
  }

  @Test
  void ignoresEveryStatusButOne() {
    api.stubFor(days().willReturn(json("days-all-taken.json")));

    assertThat(watcher().freeDays(OFFICE)).isEmpty();
    assertThat(watcher().freeSlots(OFFICE, OCT_28)).isEmpty();
  }

  @Test
  void listsTheFreeSlotsOfADayByStartWithTheTimeIdAsKey() {
    api.stubFor(days().willReturn(json("days-basic.json")));

    List<Slot> slots = watcher().freeSlots(OFFICE, OCT_28);

    assertThat(slots).containsExactly(
        new Slot(OFFICE, tehran("2024-10-28T09:30"), tehran("2024-10-28T09:45"), "981003"),
        new Slot(OFFICE, tehran("2024-10-28T09:45"), tehran("2024-10-28T10:00"), "981001"));
  }

  @Test
  void answersFreeSlotsRightAfterFreeDaysFromTheSameResponse() {
    api.stubFor(days().willReturn(json("days-basic.json")));
    SlotWatcher watcher = watcher();

    List<LocalDate> free = watcher.freeDays(OFFICE);
    clock.advance(Duration.ofSeconds(2));
    List<Slot> first = watcher.freeSlots(OFFICE, free.get(0));
    List<Slot> last = watcher.freeSlots(OFFICE, free.get(1));

    assertThat(first).hasSize(2);
    assertThat(last).extracting(Slot::providerSlotKey).containsExactly("981201");
    api.verify(1, getRequestedFor(urlPathEqualTo(DAYS)));
  }

  @Test
  void asksAgainOnceTheCachedResponseIsOlderThanItsTtl() {
    api.stubFor(days().willReturn(json("days-basic.json")));
    SlotWatcher watcher = watcher();

    watcher.freeDays(OFFICE);
    clock.advance(Duration.ofSeconds(5));
    watcher.freeSlots(OFFICE, OCT_28);

    List<LoggedRequest> sent = api.findAll(getRequestedFor(urlPathEqualTo(DAYS)));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).queryParameter("start_date").firstValue()).isEqualTo("2024-10-28");
  }

  @Test
  void asksForADayOutsideTheCachedWindowStartingThatDay() {
    api.stubFor(days().willReturn(json("days-basic.json")));
    SlotWatcher watcher = watcher();

    watcher.freeDays(OFFICE);
    watcher.freeSlots(OFFICE, LocalDate.of(2024, 11, 5));

    List<LoggedRequest> sent = api.findAll(getRequestedFor(urlPathEqualTo(DAYS)));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).queryParameter("start_date").firstValue()).isEqualTo("2024-11-05");
  }

  @Test
  void alwaysAsksTheSiteForFreeDays() {
    api.stubFor(days().willReturn(json("days-basic.json")));
    SlotWatcher watcher = watcher();

    watcher.freeDays(OFFICE);
    watcher.freeDays(OFFICE);

    api.verify(2, getRequestedFor(urlPathEqualTo(DAYS)));
  }

  @Test
  void cachesNothingWhenTheTtlIsOff() {
    provider.close();
    provider = provider(Map.of(DoctoretoProviderFactory.SLOT_CACHE_TTL, "off"));
    api.stubFor(days().willReturn(json("days-basic.json")));

    watcher().freeDays(OFFICE);
    watcher().freeSlots(OFFICE, OCT_28);

    api.verify(2, getRequestedFor(urlPathEqualTo(DAYS)));
  }

  @Test
  void cachesNothingWhenTheTtlIsZero() {
    provider.close();
    provider = provider(Map.of(DoctoretoProviderFactory.SLOT_CACHE_TTL, "0"));
    api.stubFor(days().willReturn(json("days-basic.json")));

    watcher().freeDays(OFFICE);
    watcher().freeSlots(OFFICE, OCT_28);

    api.verify(2, getRequestedFor(urlPathEqualTo(DAYS)));
  }

  @Test
  void distrustsTheCacheWhenTheClockGoesBackwards() {
    api.stubFor(days().willReturn(json("days-basic.json")));
    SlotWatcher watcher = watcher();

    watcher.freeDays(OFFICE);
    clock.advance(Duration.ofSeconds(-1));
    watcher.freeSlots(OFFICE, OCT_28);

    api.verify(2, getRequestedFor(urlPathEqualTo(DAYS)));
  }

  @Test
  void remembersABoundedNumberOfConsultations() {
    api.stubFor(days().willReturn(json("days-empty.json")));
    DoctoretoHttp http = new DoctoretoHttp(Duration.ofSeconds(5), clock);
    DoctoretoSlotWatcher bounded = new DoctoretoSlotWatcher(http, HttpUrl.get(api.baseUrl()), Headers.of(),
        new ObjectMapper(), DoctoretoAssumptions.from(DoctoretoFixtures.context(api.baseUrl(), clock).build()),
        clock, Duration.ofSeconds(5), 2);

    try {
      bounded.freeDays(new Target(VIDA, "1", "1", Map.of()));
      bounded.freeDays(new Target(VIDA, "2", "2", Map.of()));
      bounded.freeDays(new Target(VIDA, "2", "2", Map.of()));
      int full = bounded.cachedCount();
      clock.advance(Duration.ofSeconds(3));
      bounded.freeDays(new Target(VIDA, "3", "3", Map.of())); // all fresh: forget them all
      int afterOverflow = bounded.cachedCount();
      clock.advance(Duration.ofSeconds(3));
      bounded.freeDays(new Target(VIDA, "4", "4", Map.of()));

      assertThat(full).isEqualTo(2);
      assertThat(afterOverflow).isEqualTo(1);
      assertThat(bounded.cachedCount()).isEqualTo(2);
    } finally {
      http.close();
    }
  }

  @Test
  void combinesATimeOfDayWithTheDaysDateAndReadsTheEndField() {
    api.stubFor(days().willReturn(json("days-time-of-day.json")));

    List<Slot> slots = watcher().freeSlots(OFFICE, OCT_28);

    assertThat(slots).containsExactly(
        new Slot(OFFICE, tehran("2024-10-28T09:30"), tehran("2024-10-28T09:50"), "t-1"),
        new Slot(OFFICE, tehran("2024-10-28T09:50"), tehran("2024-10-28T10:05"), "t-2"));
  }

  @Test
  void readsUnixSecondsAndDatesDaysWithoutADateFieldByTheirSlots() {
    api.stubFor(days().willReturn(json("days-unix.json")));

    List<LocalDate> free = watcher().freeDays(OFFICE);
    List<Slot> slots = watcher().freeSlots(OFFICE, LocalDate.of(2024, 10, 29));

    assertThat(free).containsExactly(OCT_28, LocalDate.of(2024, 10, 29));
    assertThat(slots).containsExactly(
        new Slot(OFFICE, tehran("2024-10-29T09:00"), tehran("2024-10-29T09:15"), "701"));
    assertThat(watcher().freeSlots(OFFICE, OCT_28)).singleElement()
        .satisfies(s -> assertThat(s.length()).isEqualTo(Duration.ofMinutes(20)));
  }

  @Test
  void readsLocalDateTimesAsTehranTime() {
    api.stubFor(days().willReturn(json("days-local.json")));

    assertThat(watcher().freeSlots(OFFICE, OCT_28)).containsExactly(
        new Slot(OFFICE, tehran("2024-10-28T10:00"), tehran("2024-10-28T10:30"), "1"));
  }

  @Test
  void readsJalaliDatesAndPersianDigits() {
    api.stubFor(days().willReturn(json("days-jalali.json")));

    assertThat(watcher().freeDays(OFFICE)).containsExactly(OCT_28);
    assertThat(watcher().freeSlots(OFFICE, OCT_28)).extracting(Slot::start)
        .containsExactly(tehran("2024-10-28T09:30"));
  }

  @Test
  void readsSlotAndDayFieldsUnderConfiguredNames() {
    provider.close();
    provider = provider(Map.of(
        DoctoretoProviderFactory.SLOT_START_FIELD, "begins_at",
        DoctoretoProviderFactory.DAY_DATE_FIELD, "when.gregorian",
        DoctoretoProviderFactory.SLOT_LENGTH, "30m"));
    api.stubFor(days().willReturn(json("days-custom-fields.json")));

    assertThat(watcher().freeDays(OFFICE)).containsExactly(OCT_28);
    assertThat(watcher().freeSlots(OFFICE, OCT_28)).containsExactly(
        new Slot(OFFICE, tehran("2024-10-28T11:00"), tehran("2024-10-28T11:30"), "42"));
  }

  @Test
  void namesTheFieldsItTriedWhenNoStartFieldIsPresent() {
    api.stubFor(days().willReturn(json("days-no-start-field.json")));

    SlotHunterException e = failure(() -> watcher().freeSlots(OFFICE, OCT_28));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.providerId()).contains("doctoreto");
    assertThat(e.getMessage()).contains("start_time", "from", "datetime", "slot-start-field");
    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x).contains("capacity"));
  }

  @Test
  void stillListsFreeDaysByDateWhenStartFieldsAreUnknown() {
    api.stubFor(days().willReturn(json("days-no-start-field.json")));

    assertThat(watcher().freeDays(OFFICE)).containsExactly(OCT_28);
  }

  @Test
  void reportsAStartFieldInAnUnreadableFormAsProtocol() {
    api.stubFor(days().willReturn(json("days-custom-fields.json")));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("[start_time]", "slot-start-field");
  }

  @Test
  void reportsAFreeTimeWithoutAnIdAsProtocol() {
    api.stubFor(days().willReturn(json("days-time-without-id.json")));

    assertThat(failure(() -> watcher().freeDays(OFFICE)).code()).isEqualTo(ErrorCode.PROTOCOL);
  }

  @Test
  void reportsAnUnexpectedShapeAsProtocolWithAnExcerpt() {
    api.stubFor(days().willReturn(json("days-wrong-shape.json")));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("items.days");
    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x).contains("\"items\""));
  }

  @Test
  void reportsHtmlInsteadOfJsonAsProtocol() {
    api.stubFor(days().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody(DoctoretoFixtures.text("profile-no-next-data.html"))));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x).startsWith("Checking your browser"));
  }

  @Test
  void reportsA429WithRetryAfterSecondsAsRateLimited() {
    api.stubFor(days().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
    assertThat(e.providerId()).contains("doctoreto");
  }

  @Test
  void reportsA429WithAnHttpDateRelativeToTheClock() {
    String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(DoctoretoFixtures.NOW.plusSeconds(90), java.time.ZoneOffset.UTC));
    api.stubFor(days().willReturn(aResponse().withStatus(429).withHeader("Retry-After", in90s)));

    assertThat(failure(() -> watcher().freeDays(OFFICE)).retryAfter()).contains(Duration.ofSeconds(90));
  }

  @Test
  void reportsA429WithoutRetryAfterAsOneMinute() {
    api.stubFor(days().willReturn(aResponse().withStatus(429).withBody("{\"message\":\"Too Many Attempts.\"}")));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void reportsATimeoutAsUnavailable() {
    provider.close();
    provider = provider(Map.of("timeout", "150ms"));
    api.stubFor(days().willReturn(json("days-empty.json").withFixedDelay(1_000)));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("timed out");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void reportsARefusedConnectionAsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    provider.close();
    provider = new DoctoretoProvider(
        DoctoretoFixtures.context("http://127.0.0.1:" + closedPort, clock).build());

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("could not connect");
  }

  @Test
  void reportsABrokenConnectionAsUnavailable() {
    api.stubFor(days().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(failure(() -> watcher().freeDays(OFFICE)).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void reportsServerErrorsAsUnavailableKeepingRetryAfter() {
    api.stubFor(days().willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")
        .withBody("<html><body><h1>Service Unavailable</h1></body></html>")));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(e.excerpt()).contains("Service Unavailable");
  }

  @Test
  void reportsAnUnknownConsultationAsNotFound() {
    api.stubFor(days().willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

    assertThat(failure(() -> watcher().freeDays(OFFICE)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void reportsOtherClientErrorsAsProtocol() {
    api.stubFor(days().willReturn(aResponse().withStatus(422)
        .withBody("{\"message\":\"The start date field is required.\",\"mobile\":\"09121234567\"}")));

    SlotHunterException e = failure(() -> watcher().freeDays(OFFICE));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x).contains("start date").doesNotContain("1234567"));
  }

  @Test
  void reportsAuthAndBlockingStatuses() {
    api.stubFor(days().willReturn(aResponse().withStatus(401)));
    assertThat(failure(() -> watcher().freeDays(OFFICE)).code()).isEqualTo(ErrorCode.AUTH_REQUIRED);

    api.stubFor(days().willReturn(aResponse().withStatus(403).withBody("blocked")));
    assertThat(failure(() -> watcher().freeDays(OFFICE)).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void usesTheServiceIdWhenTheTargetHasNoConsultationKey() {
    api.stubFor(days().willReturn(json("days-empty.json")));

    watcher().freeDays(new Target(VIDA, "44867", "44867", Map.of()));

    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(DAYS))).get(0)
        .queryParameter("consultation_id").firstValue()).isEqualTo("44867");
  }

  @Test
  void rejectsTargetsItCannotPollWithoutIo() {
    Target foreign = new Target(new DoctorRef("paziresh24", "dr-x"), "1", "2", Map.of());
    Target malformed = new Target(VIDA, "3022", "3022", Map.of("consultation_id", "30 22&x=1"));

    assertThat(failure(() -> watcher().freeDays(foreign)).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(failure(() -> watcher().freeSlots(malformed, OCT_28)).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void readsTheApiFromItsOwnUrlWhenConfigured() {
    provider.close();
    provider = provider(Map.of("www-url", "https://doctoreto.example", "api-url", api.baseUrl() + "/"));
    api.stubFor(days().willReturn(json("days-basic.json")));

    watcher().freeDays(OFFICE);

    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(DAYS))).get(0).getHeader("Origin"))
        .isEqualTo("https://doctoreto.example");
  }

  @Test
  void failsOnceClosed() {
    SlotWatcher watcher = watcher();
    provider.close();

    assertThatThrownBy(() -> watcher.freeDays(OFFICE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> watcher.freeSlots(OFFICE, OCT_28)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> provider.lookup(VIDA)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> provider.slots()).isInstanceOf(IllegalStateException.class);
  }
}
