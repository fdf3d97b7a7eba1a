package io.github.slothunter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SandboxTest {

  @Test
  void demoServesThreeDoctorsWithMostlyBookedCalendars() {
    FakeClock clock = FakeClock.at(Fixtures.START);
    try (FakePaziresh24 demo = Sandbox.demo(clock, 7)) {
      P24Client client = new P24Client(demo.baseUrl(), Fixtures.TERMINAL_A);

      assertThat(demo.isRunning()).isTrue();
      assertThat(demo.slugs()).containsExactlyElementsOf(Sandbox.DOCTORS);
      for (String slug : Sandbox.DOCTORS) {
        assertThat(client.get("/dr/" + slug + "/").statusCode()).isEqualTo(200);
      }
      assertThat(demo.freeSlots()).isNotEmpty();
      JsonNode days = client.rpc("getFreeDays", java.util.Map.of("center_id", "1001", "service_id", "2001",
          "user_center_id", "3001"));
      assertThat(days.get("status").asInt()).isEqualTo(1);
    }
  }

  @Test
  void demoReleasesAndTakesSlotsAsTimePasses() {
    FakeClock clock = FakeClock.at(Fixtures.START);
    try (FakePaziresh24 demo = Sandbox.demo(clock, 7)) {
      Instant start = clock.instant();

      clock.advance(Duration.ofMinutes(2));

      List<FakeSlot> free = demo.freeSlots();
      assertThat(free).anySatisfy(s -> assertThat(s.releasedAt()).isAfter(start));
      assertThat(demo.requestCount()).isZero();
    }
  }

  @Test
  void demoOpensANewDayEachMidnight() {
    FakeClock clock = FakeClock.at(Fixtures.START);
    try (FakePaziresh24 demo = Sandbox.demo(clock, 7)) {
      Instant lastBefore = demo.freeSlots("dr-reza-karimi", "1002", "2003").stream().map(FakeSlot::from)
          .max(Instant::compareTo).orElseThrow();

      clock.advance(Duration.ofHours(16)); // past the next Tehran midnight

      Instant lastAfter = demo.freeSlots("dr-reza-karimi", "1002", "2003").stream().map(FakeSlot::from)
          .max(Instant::compareTo).orElseThrow();
      assertThat(lastAfter).isAfter(lastBefore.plus(Duration.ofHours(20)));
    }
  }

  @Test
  void sameSeedSameDemo() {
    FakeClock c1 = FakeClock.at(Fixtures.START);
    FakeClock c2 = FakeClock.at(Fixtures.START);
    try (FakePaziresh24 a = Sandbox.demo(c1, 11); FakePaziresh24 b = Sandbox.demo(c2, 11)) {
      c1.advance(Duration.ofMinutes(10));
      c2.advance(Duration.ofMinutes(10));

      assertThat(a.freeSlots()).isEqualTo(b.freeSlots());
    }
  }

  @Test
  void mainPrintsTheAddressAndServesUntilInterrupted() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Thread main = new Thread(() -> {
      try {
        Sandbox.main(new String[] {"--seed", "3"});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sandbox-main-test");
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!captured.toString(StandardCharsets.UTF_8).contains("Ctrl-C") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      main.interrupt();
      main.join(TimeUnit.SECONDS.toMillis(10));
    } finally {
      System.setOut(original);
    }

    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).containsPattern("FakePaziresh24 listening on http://127\\.0\\.0\\.1:\\d+");
    assertThat(out).contains("/dr/dr-sara-ahmadi/", "/dr/dr-reza-karimi/", "/dr/dr-maryam-hosseini/");
    assertThat(main.isAlive()).isFalse();
  }
}
