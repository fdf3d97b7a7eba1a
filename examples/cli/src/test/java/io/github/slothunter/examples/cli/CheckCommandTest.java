package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir
  Path home;

  @Test
  void sandboxCheckPassesEveryStep() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--sandbox");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.outLines()).hasSize(5).allMatch(l -> l.matches("OK \\S+ \\d+ms.*"));
    assertThat(run.outLines()).extracting(l -> l.split(" ")[1])
        .containsExactly("parse", "search", "lookup", "free-days", "free-slots");
  }

  @Test
  void aDoctorThatDoesNotExistFailsTheLookupAndSkipsTheRest() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--sandbox", "--doctor",
        "https://www.paziresh24.com/dr/dr-nobody/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.outLines()).anyMatch(l -> l.startsWith("OK parse "))
        .anyMatch(l -> l.startsWith("FAIL lookup: ") && l.contains("dr-nobody"))
        .anyMatch(l -> l.startsWith("SKIP free-days"));
  }

  @Test
  void aLinkOfAnotherSiteFailsTheParseStep() {
    CliRun run = CliRun.run(home, "check", "paziresh24", "--sandbox", "--doctor", "https://example.com/x");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.outLines()).anyMatch(l -> l.startsWith("FAIL parse: "));
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
