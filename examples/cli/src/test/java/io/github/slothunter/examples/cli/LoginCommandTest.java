package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AccountSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {
  @TempDir
  Path home;

  @Test
  void sandboxLoginSavesAnOwnerOnlySessionAndNeverPrintsTheToken() throws Exception {
    Path file = home.resolve("secrets").resolve("p24.session");

    CliRun run = CliRun.withInput(home, "1234\n", "login", "paziresh24", "09121234567", "--sandbox",
        "--session-file", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    AccountSession session = SessionFile.read(file, "paziresh24");
    assertThat(session.token()).isNotBlank();
    assertThat(run.all()).doesNotContain(session.token()).doesNotContain("09121234567");
    assertThat(run.err()).contains("0912***4567").contains("SMS code: ");
    assertThat(run.out()).contains("Logged in to paziresh24").contains(file.toString()).contains("owner-only");
  }

  @Test
  void defaultSessionFileLivesUnderHomeWithASandboxSuffix() throws Exception {
    CliRun run = CliRun.withInput(home, "۱۲۳۴\n", "login", "paziresh24", "+98 912 123 4567", "--sandbox");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path file = home.resolve(".slothunter").resolve("paziresh24-sandbox.session");
    assertThat(file).exists();
    assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aWrongCodeFailsInOneSentenceAndWritesNothing() {
    CliRun run = CliRun.withInput(home, "0000\n", "login", "paziresh24", "09121234567", "--sandbox");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.errLines()).last().asString().startsWith("error: paziresh24 rejected the SMS code");
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(home.resolve(".slothunter")).doesNotExist();
  }

  @Test
  void noCodeOnStdinIsBadInput() {
    CliRun run = CliRun.withInput(home, "", "login", "paziresh24", "09121234567", "--sandbox");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no SMS code was entered");
  }

  @Test
  void aMobileThatIsNotIranianIsBadInputAndMasked() {
    CliRun run = CliRun.withInput(home, "1234\n", "login", "paziresh24", "0044123456789", "--sandbox");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("is not an Iranian mobile number").doesNotContain("0044123456789");
  }
}
