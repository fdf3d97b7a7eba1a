package io.github.slothunter.testkit.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakeDoctoreto;
import io.github.slothunter.testkit.FakeSlot;
import io.github.slothunter.testkit.Fault;
import io.github.slothunter.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeDoctoretoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT_DATA =
      Pattern.compile("<script id=\"__NEXT_DATA__\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);
  private static final LocalDate JAN_4 = LocalDate.of(2026, 1, 4);
  /** 2026-01-04 09:00 in Tehran. */
  private static final Instant NINE = Instant.parse("2026-01-04T05:30:00Z");

  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<FakeDoctoreto> started = new ArrayList<>();

  @AfterEach
  void closeFakes() {
    started.forEach(FakeDoctoreto::close);
  }

  private FakeDoctoreto fake(Consumer<FakeDoctoreto.Builder> extra) {
    FakeDoctoreto.Builder b = FakeDoctoreto.builder().clock(clock).seed(7)
        .doctor("ZaEBBZ", "dr-vida-imani", d -> d.fullName("دکتر ویدا ایمانی").title("متخصص زنان و زایمان")
            .speciality("زنان و زایمان")
            .consultation(3022, c -> c.placeName("مطب دکتر ایمانی").city("تهران").address("ونک، ملاصدرا")
                .phone("02188001234").price(450_000).slotLength(Duration.ofMinutes(20)))
            .consultation(50511, c -> c.online().title("مشاوره تلفنی")))
        .doctor("GXPYab", "jamali", d -> d.fullName("دکتر علی جمالی")
            .consultation(7001, c -> c.placeName("مطب دکتر جمالی").city("شیراز")));
    extra.accept(b);
    FakeDoctoreto f = b.build().start();
    started.add(f);
    return f;
  }

  private FakeDoctoreto fake() {
    return fake(b -> { });
  }

  private HttpResponse<byte[]> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static JsonNode nextData(String html) throws IOException {
    Matcher m = NEXT_DATA.matcher(html);
    assertThat(m.find()).as("__NEXT_DATA__ in page").isTrue();
    return JSON.readTree(m.group(1));
  }

  private static int indexOfQuery(JsonNode queries, String... key) {
    for (int i = 0; i < queries.size(); i++) {
      JsonNode k = queries.get(i).path("queryKey");
      boolean match = k.size() == key.length;
      for (int j = 0; match && j < key.length; j++) {
        match = k.get(j).asText().equals(key[j]);
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  private String daysUrl(FakeDoctoreto f, long consultationId, LocalDate start) {
    return f.baseUrl() + "/api/web/patient/v1/consultation-times/days?consultation_id=" + consultationId
        + "&start_date=" + start + "&day_navigate=1";
  }

  @Test
  void servesTheProfileWithTheConsultationsQueryBehindDecoys() throws IOException {
    FakeDoctoreto f = fake(b -> { });
    f.openSlot("ZaEBBZ", 3022, NINE);

    HttpResponse<byte[]> r = get(f.doctorUrl("ZaEBBZ"));
    JsonNode next = nextData(text(r));
    JsonNode queries = next.path("props").path("pageProps").path("dehydratedState").path("queries");
    int index = indexOfQuery(queries, "consultations", "doctors", "ZaEBBZ");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(next.path("page").asText()).isEqualTo("/doctor/[slug]/[code]");
    assertThat(index).isBetween(2, 3);
    assertThat(queries.get(1).path("state").path("data").get(0).path("fullName").asText()).isEqualTo("دکتر علی جمالی");
    JsonNode consultations = queries.get(index).path("state").path("data");
    assertThat(consultations).hasSize(2);
    JsonNode office = consultations.get(0);
    assertThat(office.path("id").asLong()).isEqualTo(3022);
    assertThat(office.path("price").asLong()).isEqualTo(450_000);
    assertThat(office.path("place").path("name").asText()).isEqualTo("مطب دکتر ایمانی");
    assertThat(office.path("place").path("city").path("name").asText()).isEqualTo("تهران");
    assertThat(office.path("place").path("phone").get(0).asText()).isEqualTo("02188001234");
    assertThat(office.path("nextFreeTime").path("isAvailable").asBoolean()).isTrue();
    assertThat(office.path("nextFreeTime").path("datetime").asText()).isEqualTo("2026-01-04T09:00:00+03:30");
    assertThat(office.path("nextFreeTime").path("shamsiDate").asText()).isEqualTo("1404/10/14");
    JsonNode online = consultations.get(1);
    assertThat(online.path("place").isNull()).isTrue();
    assertThat(online.path("title").asText()).isEqualTo("مشاوره تلفنی");
    assertThat(online.path("nextFreeTime").path("isAvailable").asBoolean()).isFalse();
    JsonNode doctor = queries.get(indexOfQuery(queries, "doctors", "ZaEBBZ")).path("state").path("data");
    assertThat(doctor.path("fullName").asText()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.path("specialities").get(0).path("fullName").asText()).isEqualTo("زنان و زایمان");
  }

  @Test
  void putsTheConsultationsQueryWhereTheBuilderSays() throws IOException {
    FakeDoctoreto f = fake(b -> b.doctor("ZplbBE", "dr-tahere-pur-dast",
        d -> d.consultationsQueryIndex(4).consultation(1, c -> { })));

    JsonNode queries = nextData(text(get(f.doctorUrl("ZplbBE"))))
        .path("props").path("pageProps").path("dehydratedState").path("queries");

    assertThat(indexOfQuery(queries, "consultations", "doctors", "ZplbBE")).isEqualTo(4);
  }

  @Test
  void reflectsEveryBuilderOptionInThePageAndCalendar() throws IOException {
    FakeDoctoreto f = FakeDoctoreto.builder().clock(clock).port(0).serverThreads(2).requestLogLimit(10)
        .doctor("ab_-12", "dr-x", d -> d.medicalNumber("98765").consultationsQueryIndex(1)
            .consultation(9, c -> c.placeName("کلینیک").address("خیابان ۱").city("شیراز").citySlug("shiraz")
                .coordinates(29.6, 52.5).slot(NINE).day(JAN_4.plusDays(1), LocalTime.of(8, 0), LocalTime.of(8, 30))))
        .build();
    started.add(f);
    f.start().start();

    JsonNode queries = nextData(text(get(f.doctorUrl("ab_-12"))))
        .path("props").path("pageProps").path("dehydratedState").path("queries");
    JsonNode place = queries.get(1).path("state").path("data").get(0).path("place");
    JsonNode doctor = queries.get(indexOfQuery(queries, "doctors", "ab_-12")).path("state").path("data");

    assertThat(indexOfQuery(queries, "consultations", "doctors", "ab_-12")).isEqualTo(1);
    assertThat(place.path("city").path("slug").asText()).isEqualTo("shiraz");
    assertThat(place.path("coordinates").path("latitude").asDouble()).isEqualTo(29.6);
    assertThat(place.path("address").asText()).isEqualTo("خیابان ۱");
    assertThat(doctor.path("fullName").asText()).isEqualTo("دکتر dr-x");
    assertThat(doctor.path("medicalNumber").asText()).isEqualTo("98765");
    assertThat(f.freeSlots("ab_-12", 9)).hasSize(3);
    assertThat(f.shortUrl("ab_-12")).isEqualTo(f.baseUrl() + "/doctor/ab_-12");
  }

  @Test
  void redirectsTheShortLinkAndOtherSlugsToTheCanonicalPage() {
    FakeDoctoreto f = fake();

    HttpResponse<byte[]> shortLink = get(f.shortUrl("ZaEBBZ"));
    HttpResponse<byte[]> otherSlug = get(f.baseUrl() + "/doctor/x/ZaEBBZ");

    assertThat(shortLink.statusCode()).isEqualTo(301);
    assertThat(shortLink.headers().firstValue("Location")).contains("/doctor/dr-vida-imani/ZaEBBZ");
    assertThat(otherSlug.statusCode()).isEqualTo(308);
    assertThat(otherSlug.headers().firstValue("Location")).contains("/doctor/dr-vida-imani/ZaEBBZ");
    assertThat(f.requestCount(FakeDoctoreto.SHORT_LINK)).isEqualTo(1);
    assertThat(f.requestCount(FakeDoctoreto.PROFILE_PAGE)).isEqualTo(1);
  }

  @Test
  void answersUnknownDoctorsAndPathsWithTheNotFoundPage() throws IOException {
    FakeDoctoreto f = fake();

    HttpResponse<byte[]> unknown = get(f.baseUrl() + "/doctor/x/AAAAAA");
    HttpResponse<byte[]> shortUnknown = get(f.baseUrl() + "/doctor/AAAAAA");
    HttpResponse<byte[]> elsewhere = get(f.baseUrl() + "/doctors/speciality/dentist");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(nextData(text(unknown)).path("page").asText()).isEqualTo("/404");
    assertThat(shortUnknown.statusCode()).isEqualTo(404);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(f.requestCount(FakeDoctoreto.UNKNOWN)).isEqualTo(1);
  }

  @Test
  void gzipsPagesWithoutSayingSoWhenAsked() throws IOException {
    FakeDoctoreto f = fake(b -> b.gzipPages(true));

    HttpResponse<byte[]> r = get(f.doctorUrl("ZaEBBZ"));

    assertThat(r.body()[0] & 0xff).isEqualTo(0x1f);
    assertThat(r.body()[1] & 0xff).isEqualTo(0x8b);
    assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("__NEXT_DATA__");
    }
  }

  @Test
  void listsAWindowOfDaysWithEachTimesIdStatusAndTimes() throws IOException {
    FakeDoctoreto f = fake(b -> b.daysPerResponse(3));
    List<Long> ids = f.openSlots("ZaEBBZ", 3022, JAN_4, LocalTime.of(9, 0), LocalTime.of(10, 0));
    f.takeSlot(ids.get(1));

    JsonNode days = json(get(daysUrl(f, 3022, JAN_4))).path("items").path("days");

    assertThat(ids).hasSize(3);
    assertThat(days).hasSize(3);
    assertThat(days.get(0).path("date").asText()).isEqualTo("2026-01-04");
    assertThat(days.get(0).path("shamsi_date").asText()).isEqualTo("1404/10/14");
    assertThat(days.get(1).path("times")).isEmpty();
    JsonNode times = days.get(0).path("times");
    assertThat(times).hasSize(3);
    assertThat(times.get(0).path("id").asLong()).isEqualTo(ids.get(0));
    assertThat(times.get(0).path("status").asInt()).isEqualTo(1);
    assertThat(times.get(0).path("start_time").asText()).isEqualTo("09:00");
    assertThat(times.get(0).path("end_time").asText()).isEqualTo("09:20");
    assertThat(times.get(1).path("status").asInt()).isEqualTo(2);
  }

  @Test
  void marksStartedSlotsAsPast() throws IOException {
    FakeDoctoreto f = fake();
    long id = f.openSlot("ZaEBBZ", 3022, NINE);
    clock.set(NINE.plusSeconds(60));

    JsonNode time = json(get(daysUrl(f, 3022, JAN_4))).path("items").path("days").get(0).path("times").get(0);

    assertThat(time.path("id").asLong()).isEqualTo(id);
    assertThat(time.path("status").asInt()).isEqualTo(3);
    assertThat(f.freeSlots("ZaEBBZ", 3022)).isEmpty();
  }

  @Test
  void writesTimesInTheConfiguredFormatAndFields() throws IOException {
    FakeDoctoreto iso = fake(b -> b.timeFormat(FakeDoctoreto.TimeFormat.ISO_OFFSET).timeFields("from", "to"));
    FakeDoctoreto unix = fake(b -> b.timeFormat(FakeDoctoreto.TimeFormat.UNIX_SECONDS).timeFields("begins_at", "ends_at"));
    iso.openSlot("ZaEBBZ", 3022, NINE);
    unix.openSlot("ZaEBBZ", 3022, NINE);

    JsonNode isoTime = json(get(daysUrl(iso, 3022, JAN_4))).path("items").path("days").get(0).path("times").get(0);
    JsonNode unixTime = json(get(daysUrl(unix, 3022, JAN_4))).path("items").path("days").get(0).path("times").get(0);

    assertThat(isoTime.path("from").asText()).isEqualTo("2026-01-04T09:00:00+03:30");
    assertThat(isoTime.path("to").asText()).isEqualTo("2026-01-04T09:20:00+03:30");
    assertThat(unixTime.path("begins_at").asLong()).isEqualTo(NINE.getEpochSecond());
    assertThat(unixTime.has("start_time")).isFalse();
  }

  @Test
  void keepsASlotsIdWhenItIsTakenAndOpenedAgain() {
    FakeDoctoreto f = fake();
    long id = f.openSlot("ZaEBBZ", 3022, NINE);

    boolean taken = f.takeSlot("ZaEBBZ", 3022, NINE);
    boolean takenTwice = f.takeSlot(id);
    long reopened = f.openSlot("ZaEBBZ", 3022, NINE);

    assertThat(taken).isTrue();
    assertThat(takenTwice).isFalse();
    assertThat(reopened).isEqualTo(id);
    assertThat(f.slotId("ZaEBBZ", 3022, NINE)).contains(id);
    assertThat(f.slot(id)).hasValueSatisfying(s -> {
      assertThat(s.from()).isEqualTo(NINE);
      assertThat(s.length()).isEqualTo(Duration.ofMinutes(20));
      assertThat(s.centerId()).isEqualTo("3022");
    });
    assertThat(f.freeSlots()).extracting(FakeSlot::from).containsExactly(NINE);
    assertThat(f.takeSlot(123L)).isFalse();
  }

  @Test
  void givesTheSameIdsForTheSameSeed() throws IOException {
    FakeDoctoreto a = fake();
    FakeDoctoreto b = fake();

    long idA = a.openSlot("ZaEBBZ", 3022, NINE);
    long idB = b.openSlot("ZaEBBZ", 3022, NINE);

    assertThat(idA).isEqualTo(idB);
    assertThat(nextData(text(get(a.doctorUrl("ZaEBBZ")))).path("buildId").asText())
        .isEqualTo(nextData(text(get(b.doctorUrl("ZaEBBZ")))).path("buildId").asText());
  }

  @Test
  void validatesTheDaysParametersLikeTheApi() throws IOException {
    FakeDoctoreto f = fake();

    HttpResponse<byte[]> noId = get(f.baseUrl() + "/api/web/patient/v1/consultation-times/days?start_date=2026-01-04");
    HttpResponse<byte[]> badDate = get(f.baseUrl()
        + "/api/web/patient/v1/consultation-times/days?consultation_id=3022&start_date=04-01-2026");
    HttpResponse<byte[]> unknown = get(daysUrl(f, 999, JAN_4));

    assertThat(noId.statusCode()).isEqualTo(422);
    assertThat(json(noId).path("errors").has("consultation_id")).isTrue();
    assertThat(badDate.statusCode()).isEqualTo(422);
    assertThat(json(badDate).path("errors").has("start_date")).isTrue();
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void refusesOtherMethods() throws Exception {
    FakeDoctoreto f = fake();

    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(daysUrl(f, 3022, JAN_4)))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void servesTheReservePageOfKnownSlotsOnly() throws IOException {
    FakeDoctoreto f = fake();
    long id = f.openSlot("ZaEBBZ", 3022, NINE);

    HttpResponse<byte[]> free = get(f.reserveUrl(id));
    f.takeSlot(id);
    HttpResponse<byte[]> taken = get(f.reserveUrl(id));
    HttpResponse<byte[]> unknown = get(f.reserveUrl(1));
    HttpResponse<byte[]> wrongType = get(f.baseUrl() + "/reserve/consultation?item_type=1&item_id=" + id);

    assertThat(free.statusCode()).isEqualTo(200);
    assertThat(nextData(text(free)).path("props").path("pageProps").path("isAvailable").asBoolean()).isTrue();
    assertThat(nextData(text(taken)).path("props").path("pageProps").path("isAvailable").asBoolean()).isFalse();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(wrongType.statusCode()).isEqualTo(404);
  }

  @Test
  void rateLimitsEachClientPerClockMinute() {
    FakeDoctoreto f = fake(b -> b.rateLimitPerMinute(2));
    String url = daysUrl(f, 3022, JAN_4);

    int first = get(url).statusCode();
    int second = get(url).statusCode();
    HttpResponse<byte[]> third = get(url);
    clock.advance(Duration.ofMinutes(1));
    int nextMinute = get(url).statusCode();

    assertThat(first).isEqualTo(200);
    assertThat(second).isEqualTo(200);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).contains("60");
    assertThat(nextMinute).isEqualTo(200);
  }

  @Test
  void appliesArmedFaultsByEndpoint() throws IOException {
    FakeDoctoreto f = fake();
    f.faults().next(FakeDoctoreto.CONSULTATION_DAYS, Fault.status(503))
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.rateLimited(Duration.ofSeconds(9)))
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.status0("ظرفیت تکمیل است"));

    int unavailable = get(daysUrl(f, 3022, JAN_4)).statusCode();
    HttpResponse<byte[]> limited = get(daysUrl(f, 3022, JAN_4));
    HttpResponse<byte[]> siteError = get(daysUrl(f, 3022, JAN_4));
    int normal = get(daysUrl(f, 3022, JAN_4)).statusCode();

    assertThat(unavailable).isEqualTo(503);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("9");
    assertThat(siteError.statusCode()).isEqualTo(422);
    assertThat(json(siteError).path("message").asText()).isEqualTo("ظرفیت تکمیل است");
    assertThat(normal).isEqualTo(200);
  }

  @Test
  void recordsEveryRequest() {
    FakeDoctoreto f = fake();
    clock.advance(Duration.ofSeconds(5));

    get(daysUrl(f, 3022, JAN_4));

    List<RecordedRequest> days = f.requests(FakeDoctoreto.CONSULTATION_DAYS);
    assertThat(days).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.query()).containsEntry("consultation_id", "3022").containsEntry("start_date", "2026-01-04")
          .containsEntry("day_navigate", "1");
      assertThat(r.at()).isEqualTo(Instant.parse("2026-01-03T05:30:05Z"));
      assertThat(r.status()).isEqualTo(200);
    });
    assertThat(f.requestCount()).isEqualTo(1);
    f.resetCounters();
    assertThat(f.requests()).isEmpty();
    assertThat(f.maxConcurrentRequests()).isLessThanOrEqualTo(1);
  }

  @Test
  void runsScheduledActionsWhenTheClockReachesThem() {
    FakeDoctoreto f = fake(b -> b.schedule(Instant.parse("2026-01-03T06:00:00Z"),
        x -> x.openSlot("ZaEBBZ", 3022, NINE)));
    f.schedule(Instant.parse("2026-01-03T07:00:00Z"), x -> x.takeRandomFreeSlot());

    f.tick();
    List<FakeSlot> before = f.freeSlots("ZaEBBZ", 3022);
    clock.advance(Duration.ofMinutes(30));
    List<FakeSlot> opened = f.freeSlots("ZaEBBZ", 3022);
    clock.advance(Duration.ofHours(1));
    List<FakeSlot> afterTake = f.freeSlots("ZaEBBZ", 3022);
    Instant releasedAt = opened.get(0).releasedAt();
    boolean cancelled = f.cancelRandomTakenSlot().isPresent();

    assertThat(before).isEmpty();
    assertThat(opened).hasSize(1);
    assertThat(releasedAt).isEqualTo(Instant.parse("2026-01-03T06:00:00Z"));
    assertThat(afterTake).isEmpty();
    assertThat(cancelled).isTrue();
    assertThat(f.freeSlots("ZaEBBZ", 3022)).hasSize(1);
    assertThat(f.takeRandomFreeSlot()).isPresent();
  }

  @Test
  void describesItself() {
    FakeDoctoreto f = fake();

    assertThat(f.codes()).containsExactly("ZaEBBZ", "GXPYab");
    assertThat(f.isRunning()).isTrue();
    assertThat(f.port()).isPositive();
    assertThat(f.clock()).isSameAs(clock);
    assertThat(f.now()).isEqualTo(clock.instant());
    assertThat(f).hasToString("FakeDoctoreto[" + f.baseUrl() + ", doctors=[ZaEBBZ, GXPYab]]");
    f.close();
    f.close();
    assertThat(f.isRunning()).isFalse();
    assertThat(f).hasToString("FakeDoctoreto[stopped, doctors=[ZaEBBZ, GXPYab]]");
  }

  @Test
  void rejectsMalformedDoctorsAndSettings() {
    FakeDoctoreto.Builder b = FakeDoctoreto.builder();

    assertThatThrownBy(() -> b.doctor("ZaEBB", "dr-x", d -> { })).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.doctor("ZaEBBZ", "دکتر", d -> { })).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.doctor("ZaEBBZ", "x", d -> d.consultation(0, c -> { })))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.doctor("ZaEBBZ", "x", d -> d.consultationsQueryIndex(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.doctor("ZaEBBZ", "x", d -> d.consultation(1, c -> c.slotLength(Duration.ZERO))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.doctor("ZaEBBZ", "x", d -> d.consultation(1, c -> c.price(-1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeFields("status", "end")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeFields("a", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeFields("a b", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.daysPerResponse(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.rateLimitPerMinute(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.port(70_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.serverThreads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.requestLogLimit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeDoctoreto.builder()
        .doctor("ZaEBBZ", "x", d -> d.consultation(1, c -> { }))
        .doctor("ZaEBBZ", "y", d -> { }).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeDoctoreto.builder()
        .doctor("ZaEBBZ", "x", d -> d.consultation(1, c -> { }))
        .doctor("GXPYab", "y", d -> d.consultation(1, c -> { })).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsCalendarChangesForUnknownConsultations() {
    FakeDoctoreto f = fake();

    assertThatThrownBy(() -> f.openSlot("ZaEBBZ", 7001, NINE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.takeSlot("AAAAAA", 3022, NINE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.doctorUrl("AAAAAA")).isInstanceOf(IllegalArgumentException.class);
    f.openSlot("ZaEBBZ", 3022, NINE);
    assertThatThrownBy(() -> f.openSlot("ZaEBBZ", 3022, NINE.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
