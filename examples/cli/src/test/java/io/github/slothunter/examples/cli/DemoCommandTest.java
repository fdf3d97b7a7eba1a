package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir
  Path home;

  @Test
  void demoShowsSlotsABookingAndASummaryWithNoHoldLeft() {
    CliRun run = CliRun.run(home, "demo", "--seconds", "8");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("SLOT OPEN").contains("BOOKED").contains("tracking code");
    assertThat(run.out()).contains("SUMMARY").contains("slots seen").contains("detection latency")
        .contains("holds / bookings").contains("requests").contains("paziresh24:");
    assertThat(run.outLines()).anyMatch(l -> l.contains("outstanding holds") && l.contains("0 on the fake after close"));
    assertThat(run.out()).contains("1 booking").doesNotContain("0 bookings");
    assertThat(run.all()).doesNotContain("Exception").doesNotContain("0499370899");
  }

  @Test
  void demoInJsonPrintsOneObjectPerLineEndingWithTheSummary() throws Exception {
    CliRun run = CliRun.run(home, "demo", "--seconds", "3", "--json", "--lang", "fa");

    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : run.outLines()) {
      lines.add(json.readTree(l));
    }
    assertThat(lines).extracting(n -> n.get("type").asText())
        .contains("note", "slot_opened", "hold_placed", "booking_succeeded");
    JsonNode opened = lines.stream().filter(n -> n.get("type").asText().equals("slot_opened")).findFirst().orElseThrow();
    assertThat(opened.get("slot").get("jalali").asText()).matches("14\\d\\d/\\d\\d/\\d\\d");
    assertThat(opened.get("slot").get("weekdayFa").asText()).isNotBlank();
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(summary.get("type").asText()).isEqualTo("summary");
    assertThat(summary.get("outstandingHoldsAfterClose").asInt()).isZero();
    assertThat(summary.get("bookings").asInt()).isEqualTo(1);
    assertThat(summary.get("requests").get("paziresh24").get("sent").asInt()).isPositive();
  }

  @Test
  void demoRejectsAnOutOfRangeDuration() {
    CliRun run = CliRun.run(home, "demo", "--seconds", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("error: --seconds must be 1-3600, not 0");
  }

  @Test
  void demoRejectsAnUnknownLanguageInOneSentenceAndTheUsageLine() {
    CliRun run = CliRun.run(home, "demo", "--lang", "de");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines().get(1)).startsWith("usage: slothunter demo");
    assertThat(run.err()).contains("--lang").contains("de");
  }
}
