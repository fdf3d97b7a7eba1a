package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path home;

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    CliRun run = CliRun.run(home, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("demo").contains("slots").contains("watch").contains("login").contains("check")
        .contains("Exit codes").contains("NO_COLOR");
  }

  @Test
  void versionNamesTheProduct() {
    CliRun run = CliRun.run(home, "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("slothunter ").doesNotContain("${");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    CliRun none = CliRun.run(home);
    CliRun unknown = CliRun.run(home, "hunt");

    assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(none.errLines()).hasSize(2);
    assertThat(none.errLines().get(0)).startsWith("error: choose a command");
    assertThat(none.errLines().get(1)).startsWith("usage: slothunter [OPTIONS] [COMMAND]");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.errLines()).hasSize(2);
    assertThat(unknown.errLines().get(0)).contains("hunt");
  }

  @Test
  void usageErrorsArePersianUnderLangFaWhereverItIsGiven() {
    CliRun missing = CliRun.run(home, "--lang", "fa", "login", "paziresh24");
    CliRun unknown = CliRun.run(home, "slots", "--sandbox", "dr-sara-ahmadi", "--colour", "--lang=fa");
    CliRun badNumber = CliRun.run(home, "slots", "--lang", "fa", "dr-sara-ahmadi", "--days", "three");

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.errLines()).containsExactly("خطا: این ورودی لازم است و داده نشده: <mobile>",
        "طرز استفاده: slothunter login [OPTIONS] <provider> <mobile>  (راهنما: slothunter login --help)");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.errLines().get(0)).isEqualTo("خطا: این ورودی شناخته نیست: --colour");
    assertThat(badNumber.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(badNumber.errLines().get(0)).isEqualTo("خطا: --days: «three» عدد صحیح نیست");
  }

  @Test
  void verboseWorksAfterTheSubcommandToo() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", "https://example.com/x", "--verbose");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("\tat ");
  }

  @Test
  void exitCodesFollowTheErrorClass() {
    assertThat(ExitCodes.of(ErrorCode.INVALID_INPUT)).isEqualTo(2);
    assertThat(ExitCodes.of(ErrorCode.NOT_FOUND)).isEqualTo(2);
    assertThat(ExitCodes.of(ErrorCode.RATE_LIMITED)).isEqualTo(3);
    assertThat(ExitCodes.of(ErrorCode.PROVIDER_UNAVAILABLE)).isEqualTo(3);
    assertThat(ExitCodes.of(ErrorCode.AUTH_REQUIRED)).isEqualTo(1);
    assertThat(ExitCodes.of(ErrorCode.PROTOCOL)).isEqualTo(1);
  }

  @Test
  void errorSentencesDropCodesAndLogSuffixesAndSayWhatToDo() {
    SlotHunterException limited = SlotHunterException.builder(ErrorCode.RATE_LIMITED).providerId("paziresh24")
        .retryAfter(Duration.ofSeconds(30)).message("too many requests").excerpt("{\"status\":429}").build();
    SlotHunterException down = SlotHunterException.builder(ErrorCode.PROVIDER_UNAVAILABLE).providerId("doctoreto")
        .message("connect timed out\nafter 10 s").build();
    SlotHunterException auth = SlotHunterException.builder(ErrorCode.AUTH_REQUIRED).providerId("paziresh24")
        .message("the session expired").build();

    assertThat(Errors.sentence(limited)).isEqualTo("paziresh24 is rate-limiting us; try again in 30 s");
    assertThat(Errors.exitCode(limited)).isEqualTo(3);
    assertThat(Errors.sentence(down)).isEqualTo("doctoreto is unreachable right now: connect timed out after 10 s");
    assertThat(Errors.sentence(auth)).contains("run 'slothunter login paziresh24 <mobile>'");
    assertThat(Errors.sentence(new IllegalStateException("boom"))).contains("--verbose");
    assertThat(Errors.exitCode(new IllegalStateException("boom"))).isEqualTo(1);
  }
}
