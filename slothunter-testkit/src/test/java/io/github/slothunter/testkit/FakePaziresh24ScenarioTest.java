package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.CENTER;
import static io.github.slothunter.testkit.Fixtures.DAY;
import static io.github.slothunter.testkit.Fixtures.NINE;
import static io.github.slothunter.testkit.Fixtures.SERVICE;
import static io.github.slothunter.testkit.Fixtures.SLUG;
import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakePaziresh24ScenarioTest {
  private final FakeClock clock = FakeClock.at(Fixtures.START);

  @Test
  void scheduledActionsRunLazilyAtTheirOwnTime() {
    Instant at = clock.instant().plus(Duration.ofMinutes(10));
    try (FakePaziresh24 fake = Fixtures.builder(clock).build()) {
      fake.scheduleCancellation(at, SLUG, CENTER, SERVICE, NINE);
      AtomicInteger ran = new AtomicInteger();
      fake.schedule(at.plusSeconds(1), f -> ran.incrementAndGet());

      clock.advance(Duration.ofMinutes(9));
      assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).isEmpty();
      clock.advance(Duration.ofHours(1));

      assertThat(fake.freeSlots(SLUG, CENTER, SERVICE)).singleElement()
          .satisfies(s -> assertThat(s.releasedAt()).as("the scheduled time, not the late apply time").isEqualTo(at));
      assertThat(ran).hasValue(1);
      fake.tick();
      assertThat(ran).hasValue(1);
    }
  }

  @Test
  void requestsApplyDueActionsBeforeAnswering() {
    try (FakePaziresh24 fake = Fixtures.builder(clock).build().start()) {
      fake.schedule(clock.instant().plusSeconds(5), f -> f.openSlot(SLUG, CENTER, SERVICE, NINE));
      clock.advance(Duration.ofSeconds(5));

      JsonNode days = new P24Client(fake.baseUrl(), TERMINAL_A).rpc("getFreeDays", Fixtures.ids());

      assertThat(days.at("/calendar/turns")).hasSize(1);
    }
  }

  @Test
  void holdExpiriesAndActionsInterleaveInTimeOrder() {
    try (FakePaziresh24 fake = Fixtures.started(clock)) {
      new P24Client(fake.baseUrl(), TERMINAL_A).rpc("suspend", Fixtures.slot(NINE, Duration.ofMinutes(15)));
      List<Integer> freeSeen = new ArrayList<>();
      fake.schedule(clock.instant().plus(Duration.ofMinutes(4)), f -> freeSeen.add(f.freeSlots().size()));
      fake.schedule(clock.instant().plus(Duration.ofMinutes(6)), f -> freeSeen.add(f.freeSlots().size()));

      clock.advance(Duration.ofMinutes(10));
      fake.tick();

      assertThat(freeSeen).containsExactly(3, 4);
    }
  }

  @Test
  void aThrowingActionIsSkipped() {
    try (FakePaziresh24 fake = Fixtures.builder(clock).build()) {
      fake.schedule(clock.instant(), f -> {
        throw new IllegalStateException("boom");
      });
      fake.schedule(clock.instant(), f -> f.openSlot(SLUG, CENTER, SERVICE, NINE));

      fake.tick();

      assertThat(fake.freeSlots()).hasSize(1);
    }
  }

  @Test
  void calendarOpeningOpensTheWeekButFriday() {
    Instant saturday8 = Instant.parse("2026-01-10T04:30:00Z");
    LocalDate nextSaturday = LocalDate.of(2026, 1, 10);
    try (FakePaziresh24 fake = Fixtures.builder(clock).build()) {
      fake.scheduleCalendarOpening(saturday8, SLUG, CENTER, SERVICE, nextSaturday, 7, LocalTime.of(9, 0),
          LocalTime.of(10, 0));

      clock.set(saturday8.minusSeconds(1));
      assertThat(fake.freeSlots()).isEmpty();
      clock.set(saturday8);

      List<FakeSlot> free = fake.freeSlots(SLUG, CENTER, SERVICE);
      assertThat(free).hasSize(6 * 4);
      assertThat(free).allSatisfy(s -> assertThat(s.releasedAt()).isEqualTo(saturday8));
      assertThat(free).extracting(s -> s.from().atZone(io.github.slothunter.api.SlotHunterZones.TEHRAN).getDayOfWeek())
          .doesNotContain(DayOfWeek.FRIDAY);
    }
  }

  @Test
  void scheduleEveryRepeatsAtItsPeriod() {
    try (FakePaziresh24 fake = Fixtures.builder(clock).build()) {
      List<Instant> runs = new ArrayList<>();
      fake.scheduleEvery(clock.instant().plusSeconds(10), Duration.ofSeconds(10), f -> runs.add(f.now()));

      clock.advance(Duration.ofSeconds(35));
      fake.tick();

      assertThat(runs).containsExactly(clock.instant().minusSeconds(25), clock.instant().minusSeconds(15),
          clock.instant().minusSeconds(5));
    }
  }

  @Test
  void otherPatientsAndCancellationsFollowTheSeed() {
    List<Instant> first = randomDay(3);
    List<Instant> second = randomDay(3);
    List<Instant> otherSeed = randomDay(4);

    assertThat(first).isEqualTo(second);
    assertThat(first).isNotEqualTo(otherSeed);
  }

  private List<Instant> randomDay(long seed) {
    FakeClock c = FakeClock.at(Fixtures.START);
    try (FakePaziresh24 fake = Fixtures.builder(c).seed(seed).build()) {
      fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(17, 0));
      Instant until = c.instant().plus(Duration.ofHours(1));
      fake.scheduleOtherPatients(c.instant(), until, Duration.ofMinutes(2));
      fake.scheduleCancellations(c.instant(), until, Duration.ofMinutes(5));

      c.advance(Duration.ofHours(2));

      List<Instant> free = new ArrayList<>();
      fake.freeSlots(SLUG, CENTER, SERVICE).forEach(s -> free.add(s.from()));
      assertThat(free.size()).isBetween(1, 31);
      return free;
    }
  }

  @Test
  void randomEventsWithNothingToActOnAreHarmless() {
    try (FakePaziresh24 fake = Fixtures.builder(clock).build()) {
      assertThat(fake.takeRandomFreeSlot()).isEmpty();
      assertThat(fake.cancelRandomTakenSlot()).isEmpty();
      fake.openSlot(SLUG, CENTER, SERVICE, NINE);

      assertThat(fake.takeRandomFreeSlot()).hasValueSatisfying(s -> assertThat(s.from()).isEqualTo(NINE));
      assertThat(fake.cancelRandomTakenSlot()).hasValueSatisfying(s -> assertThat(s.from()).isEqualTo(NINE));
      assertThat(fake.freeSlots()).hasSize(1);
    }
  }

  @Test
  void sameSeedGivesTheSameAnswers() {
    assertThat(bookingRun(99)).isEqualTo(bookingRun(99));
    assertThat(bookingRun(99)).isNotEqualTo(bookingRun(100));
  }

  private List<String> bookingRun(long seed) {
    FakeClock c = FakeClock.at(Fixtures.START);
    try (FakePaziresh24 fake = Fixtures.builder(c).seed(seed).build().start()) {
      fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
      P24Client client = new P24Client(fake.baseUrl(), TERMINAL_A).withToken(fake.login(Fixtures.CELL).token());
      List<String> answers = new ArrayList<>();
      answers.add(fake.login("09350000000").token());
      for (FakeSlot s : fake.freeSlots(SLUG, CENTER, SERVICE).subList(0, 2)) {
        JsonNode held = client.rpc("suspend", Fixtures.slot(s.from(), Duration.ofMinutes(15)));
        answers.add(held.toString());
        // redirect_url names the fake's own (random) port
        answers.add(client.rpc("book", Fixtures.patient(held.get("request_code").asText())).toString()
            .replace(fake.baseUrl(), ""));
      }
      return answers;
    }
  }

  @Test
  void loadsAJsonScenario() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/scenarios/paziresh24-basic.json")) {
      FakePaziresh24 fake = FakePaziresh24.fromScenario(in).start();
      try {
        FakeClock scenarioClock = (FakeClock) fake.clock();
        assertThat(scenarioClock.instant()).isEqualTo(Instant.parse("2026-01-03T05:30:00Z"));
        assertThat(fake.slugs()).containsExactly("dr-sara-ahmadi", "dr-reza-karimi");
        assertThat(fake.freeSlots("dr-sara-ahmadi", "1001", "2001")).hasSize(1 + 12);
        assertThat(fake.freeSlots("dr-reza-karimi", "1002", "2003")).isEmpty();

        scenarioClock.advance(Duration.ofHours(1));

        assertThat(fake.freeSlots("dr-reza-karimi", "1002", "2003")).hasSize(1);
        assertThat(fake.freeSlots("dr-sara-ahmadi", "1001", "2001")).hasSize(12);
        JsonNode page = P24Client.parse(new P24Client(fake.baseUrl(), null).get("/api/doctors/sara-old").body());
        assertThat(page.at("/redirect/route").asText()).isEqualTo("/dr/dr-sara-ahmadi/");
        JsonNode days = new P24Client(fake.baseUrl(), TERMINAL_A).rpc("getFreeDays",
            java.util.Map.of("center_id", "1001", "service_id", "2001", "user_center_id", "3001"));
        assertThat(days.get("status").asInt()).isEqualTo(1);
      } finally {
        fake.close();
      }
    }
  }

  @Test
  void loadsAScenarioFileWithTheBuildersClock(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"now\":\"2030-01-01T00:00:00Z\",\"seed\":5,\"holdTtl\":\"PT1M\",\"tokenTtl\":\"PT1H\","
        + "\"otp\":\"9999\",\"rateLimitPerMinute\":5,\"doctors\":[{\"slug\":\"dr-x\",\"centers\":[{\"id\":1,"
        + "\"services\":[{\"id\":2,\"slots\":[\"2026-01-04T06:00:00Z\"]}]}]}]}", StandardCharsets.UTF_8);

    FakePaziresh24 viaBuilder = FakePaziresh24.builder().clock(clock).scenario(file).build();
    FakePaziresh24 viaFactory = FakePaziresh24.fromScenario(file);

    assertThat(viaBuilder.clock()).isSameAs(clock);
    assertThat(viaBuilder.freeSlots("dr-x", "1", "2")).hasSize(1);
    assertThat(viaFactory.clock().instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(viaFactory.freeSlots()).isEmpty();
  }

  @Test
  void scenarioAcceptsEveryDocumentedKey() {
    String json = "{\"description\":\"all keys\",\"doctors\":[{\"slug\":\"dr-all\",\"displayName\":\"دکتر همه\","
        + "\"name\":\"همه\",\"family\":\"کلیدها\",\"gender\":\"female\",\"id\":\"i\",\"userId\":\"u\","
        + "\"serverId\":\"1\",\"employeeId\":\"e\",\"experience\":3,\"expertises\":[\"داخلی\"],"
        + "\"aliases\":[\"old\"],\"centers\":[{\"id\":\"c\",\"name\":\"n\",\"city\":\"شیراز\","
        + "\"citySlug\":\"shiraz\",\"province\":\"فارس\",\"address\":\"a\",\"serverId\":\"1\",\"centerType\":1,"
        + "\"userCenterId\":\"uc\",\"phone\":\"071\",\"services\":[{\"id\":\"s\",\"title\":\"t\","
        + "\"price\":10,\"duration\":\"PT30M\",\"userCenterId\":\"uc\",\"bookable\":true,\"canRequest\":false,"
        + "\"hoursOfWork\":\"h\",\"slots\":[],\"days\":[]}]}]}],\"events\":[]}";

    FakePaziresh24 fake = FakePaziresh24.builder().clock(clock)
        .scenario(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).build();

    assertThat(fake.slugs()).containsExactly("dr-all");
    FakeSlot slot = fake.openSlot("dr-all", "c", "s", NINE);
    assertThat(slot.length()).isEqualTo(Duration.ofMinutes(30));
    assertThat(slot.fromEpochSecond()).isEqualTo(NINE.getEpochSecond());
    assertThat(slot.toEpochSecond()).isEqualTo(NINE.plus(Duration.ofMinutes(30)).getEpochSecond());
  }

  @Test
  void rejectsMalformedScenarios() {
    assertThatThrownBy(() -> scenario("{\"doctors\":[{\"slug\":\"dr-x\",\"colour\":\"red\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.doctors[0]").hasMessageContaining("colour");
    assertThatThrownBy(() -> scenario("{\"holdTtl\":\"five minutes\"}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{\"events\":[{\"at\":\"2026-01-01T00:00:00Z\",\"type\":\"explode\","
        + "\"slug\":\"a\",\"centerId\":\"1\",\"serviceId\":\"2\"}]}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("explode");
    assertThatThrownBy(() -> scenario("[]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{\"seed\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{\"doctors\":{}}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{\"doctors\":[{\"slug\":\"a\",\"centers\":[{\"id\":\"1\",\"x\":1}]}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.doctors[0].centers[0]");
    assertThatThrownBy(() -> scenario("{\"doctors\":[{\"slug\":\"a\",\"centers\":[{\"id\":\"1\","
        + "\"services\":[{\"id\":\"2\",\"days\":[{\"date\":\"2026-01-01\"}]}]}]}]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{\"doctors\":[{\"slug\":1}]}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{\"doctors\":[{\"slug\":\"a\",\"name\":[]}]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scenario("{not json")).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> FakePaziresh24.fromScenario(Path.of("/no/such/file.json")))
        .isInstanceOf(UncheckedIOException.class);
  }

  private static FakePaziresh24 scenario(String json) {
    return FakePaziresh24.fromScenario(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void builderRejectsBadDoctors() {
    assertThatThrownBy(() -> FakePaziresh24.builder().doctor("a/b", d -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().doctor("a", d -> { }).doctor("a", d -> { }).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> FakePaziresh24.builder().doctor("a", d -> d.center("1", c -> { }).center("1", c -> { }))
        .build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().doctor("a", d -> d.center("1", c -> c.service("2", s -> { })
        .service("2", s -> { }))).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().doctor("a", d -> d.alias("b")).doctor("b", d -> { }).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().holdTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().rateLimitPerMinute(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().port(70_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakePaziresh24.builder().otp(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lifecycleRules() {
    FakePaziresh24 fake = Fixtures.builder(clock).build();

    assertThatThrownBy(fake::baseUrl).isInstanceOf(IllegalStateException.class);
    assertThat(fake.start()).isSameAs(fake.start());
    fake.close();
    fake.close();
    assertThat(fake.isRunning()).isFalse();
    assertThatThrownBy(fake::start).isInstanceOf(IllegalStateException.class);
    assertThat(fake.toString()).contains("stopped");
  }
}
