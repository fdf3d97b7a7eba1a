package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotsCommandTest {
  static final String SARA = "https://www.paziresh24.com/dr/dr-sara-ahmadi/";

  @TempDir
  Path home;

  @Test
  void sandboxLookupPrintsATablePerCalendar() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", SARA, "--days", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("دکتر سارا احمدی").contains("paziresh24:dr-sara-ahmadi")
        .contains("center 1001, service 2001").contains("center 5532, service 2002")
        .contains("JALALI").contains("WEEKDAY").contains("TEHRAN").contains("ISO INSTANT")
        .contains("rials").contains("free slots over the next 2 free days");
    // the weekday is English only ("Monday", never "Monday دوشنبه")
    assertThat(run.outLines()).anyMatch(l -> l.matches("\\s+14\\d\\d/\\d\\d/\\d\\d\\s+\\w+day\\s+\\d\\d:\\d\\d\\s+20\\d\\d-.*Z"));
    assertThat(run.out()).doesNotContainPattern("[\\u0600-\\u06FF]+شنبه|جمعه");
  }

  @Test
  void sandboxLookupAcceptsABareSlugAndPersianOutput() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", "dr-reza-karimi", "--lang", "fa", "--days", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("دکتر رضا کریمی").containsPattern("۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2}");
  }

  @Test
  void jsonPrintsOneObjectPerFreeSlot() throws Exception {
    CliRun run = CliRun.run(home, "slots", "--sandbox", SARA, "--json", "--days", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    assertThat(run.outLines()).isNotEmpty().allSatisfy(l -> {
      JsonNode n = json.readTree(l);
      assertThat(n.get("type").asText()).isIn("free_slot", "no_free_slots");
      assertThat(n.get("doctorKey").asText()).isEqualTo("dr-sara-ahmadi");
    });
  }

  @Test
  void aLinkNoProviderUnderstandsExitsWith2AndOneSentence() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", "https://example.com/doctor/42");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("error: ").contains("https://example.com/doctor/42")
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("INVALID_INPUT");
  }

  @Test
  void anUnknownDoctorExitsWith2() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", "https://www.paziresh24.com/dr/dr-nobody/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("dr-nobody");
  }

  @Test
  void anUnreachableSiteExitsWith3() {
    // a closed local port stands in for the real site; configured the way users point providers elsewhere
    String key = "slothunter.paziresh24.base-url";
    System.setProperty(key, "http://127.0.0.1:9");
    CliRun run;
    try {
      run = CliRun.run(home, "slots", SARA);
    } finally {
      System.clearProperty(key);
    }

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("error: paziresh24 is unreachable right now");
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRun run = CliRun.run(home, "--verbose", "slots", "--sandbox", "https://example.com/doctor/42");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("CliException").contains("\tat ");
  }

  @Test
  void daysOutOfRangeIsBadInput() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", SARA, "--days", "99");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("error: --days must be 1-30, not 99");
  }
}
