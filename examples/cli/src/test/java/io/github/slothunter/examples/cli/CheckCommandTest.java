package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir
  Path home;

  @Test
  void sandboxCheckPrintsOneLinePerEndpointAndASummaryWithoutCrashing() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--sandbox");

    // The fake is being moved to the live shapes: some lines may say "shape DIFF" today, none may crash.
    assertThat(run.exitCode()).as(run.all()).isIn(ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.UNAVAILABLE);
    assertThat(run.err()).isEmpty();
    assertThat(run.outLines()).hasSize(9);
    assertThat(run.outLines()).extracting(l -> l.substring(0, 22).strip()).containsExactly("search", "profile page",
        "slug lookup", "full profile", "availability-status", "getFreeDays calendar", "getFreeDays all-slots",
        "getFreeTurns", "summary: 8 endpoints,");
    assertThat(run.outLines().get(1)).contains("GET 127.0.0.1:").contains("/dr/{slug}/").contains("HTTP 200");
    assertThat(run.outLines().get(8)).contains("read-only");
  }

  @Test
  void aDoctorThatDoesNotExistFailsItsEndpointLines() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--sandbox", "--doctor",
        "https://www.paziresh24.com/dr/dr-nobody/");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.outLines()).anyMatch(l -> l.startsWith("profile page ") && l.contains("HTTP 404") && l.contains("FAIL"))
        .anyMatch(l -> l.startsWith("full profile ") && l.contains("HTTP 404"))
        .anyMatch(l -> l.startsWith("getFreeDays calendar ") && l.contains("SKIP"))
        .noneMatch(l -> l.contains("dr-nobody"));
  }

  @Test
  void doctoretoWithoutItsRequiredDoctorIsAUsageErrorNotAFail() {
    CliRun run = CliRun.run(home, "check", "doctoreto");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty(); // no "FAIL" line: nothing was checked
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines().get(0)).isEqualTo(
        "error: check doctoreto needs --doctor <link>: doctoreto has no doctor search to find one");
    assertThat(run.errLines().get(1)).startsWith("usage: slothunter check [OPTIONS] <provider>");
  }

  @Test
  void doctoretoWithoutItsRequiredDoctorIsAUsageErrorInPersianToo() {
    CliRun run = CliRun.run(home, "--lang", "fa", "check", "doctoreto");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines().get(0)).startsWith("خطا: ").contains("--doctor").contains("دکترتو")
        .doesNotContain("needs");
    assertThat(run.errLines().get(1)).startsWith("طرز استفاده: slothunter check");
  }

  @Test
  void aLinkOfAnotherSiteIsBadInputBeforeAnyRequest() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--sandbox", "--doctor", "https://example.com/x");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty(); // not one endpoint line: no request was made
    assertThat(run.errLines()).containsExactly("error: 'https://example.com/x' is a link to example.com, not to a doctor"
        + " on Paziresh24 or Doctoreto: give " + DoctorInput.EXPECTED_EN);
  }

  @Test
  void anUnknownProviderIsBadInputWithoutTouchingTheNetwork() {
    CliRun run = CliRun.run(home, "check", "nosuchsite");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("nosuchsite").contains("paziresh24");
  }

  @Test
  void theSandboxOnlyFakesPaziresh24() {
    CliRun run = CliRun.run(home, "check", "doctoreto", "--sandbox");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("only fakes paziresh24");
  }
}
