package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import io.github.slothunter.api.OtpChallenge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {
  @TempDir
  Path home;

  @Test
  void aThrottledCodeIsReportedOnceInEnglishWithTheSitesWait() {
    Instant now = Instant.parse("2026-12-07T08:00:00Z");
    OtpChallenge throttled = new OtpChallenge("paziresh24", "09121234567", Map.of(), now.plusSeconds(120),
        "کد تایید به تازگی ارسال شده است، لطفا کمی صبر کنید.", now.plusSeconds(45), false);
    OtpChallenge sent = new OtpChallenge("paziresh24", "09121234567", Map.of(), now.plusSeconds(120));
    OtpChallenge password = new OtpChallenge("paziresh24", "09121234567", Map.of(), now.plusSeconds(120), "",
        Instant.MIN, true);

    String line = LoginCommand.codeSentLine(throttled, now, null, Lang.EN);

    assertThat(line).contains("45 s").contains("already received").contains("0912***4567")
        .doesNotContain("09121234567").doesNotContainPattern("[\\u0600-\\u06FF]");
    assertThat(LoginCommand.codeSentLine(sent, now, "1234", Lang.EN)).isEqualTo(
        "An SMS code was sent to 0912***4567. (sandbox: the code is 1234)");
    assertThat(LoginCommand.codeSentLine(password, now, null, Lang.EN)).contains("password");
  }

  @Test
  void aThrottledCodeIsReportedOnceInPersianWithOneWait() {
    Instant now = Instant.parse("2026-12-07T08:00:00Z");
    OtpChallenge throttled = new OtpChallenge("paziresh24", "09121234567", Map.of(), now.plusSeconds(120),
        "کد تایید به تازگی ارسال شده است، لطفا ۴۵ ثانیه صبر کنید.", now.plusSeconds(60), false);

    String line = LoginCommand.codeSentLine(throttled, now, null, Lang.FA);

    assertThat(line).contains("۶۰ ثانیه").doesNotContain("۴۵ ثانیه").doesNotContain("لطفا")
        .doesNotContainPattern("[A-Za-z0-9]");
  }

  /**
   * A second login within the site's wait can also end in a status-39 error (spec 2.1) whose text
   * carries the site's own Persian wait: the sentence names one wait, the retry-after, in the
   * chosen language only.
   */
  @Test
  void aSecondLoginRefusedByTheSitesThrottleNamesOneWaitInTheChosenLanguage() {
    SlotHunterException throttled = SlotHunterException.builder(ErrorCode.RATE_LIMITED).providerId("paziresh24")
        .retryAfter(Duration.ofSeconds(60))
        .message("resetpassword: status 39 (throttled): کد تایید به تازگی ارسال شده است، لطفا ۴۵ ثانیه صبر کنید.")
        .build();

    String en = Errors.line(throttled, Lang.EN);
    String fa = Errors.line(throttled, Lang.FA);

    assertThat(en).isEqualTo("error: paziresh24 is rate-limiting us; try again in 60 s")
        .doesNotContainPattern("[\\u0600-\\u06FF]");
    assertThat(fa).isEqualTo("خطا: پذیرش۲۴ فعلاً درخواست‌های ما را محدود کرده است؛ ۶۰ ثانیه دیگر دوباره امتحان کنید.")
        .doesNotContainPattern("[A-Za-z0-9]");
  }

  @Test
  void aFreshCodeIsNotCalledThrottledThoughTheSiteKeepsAResendTimer() {
    Instant now = Instant.parse("2026-12-07T08:00:00Z");
    OtpChallenge fresh = new OtpChallenge("paziresh24", "09121234567", Map.of(), now.plusSeconds(120), "",
        now.plusSeconds(60), false);

    assertThat(LoginCommand.codeSentLine(fresh, now, null, Lang.EN)).isEqualTo("An SMS code was sent to 0912***4567.");
    assertThat(LoginCommand.codeSentLine(fresh, now, null, Lang.FA)).isEqualTo("کد پیامکی به ۰۹۱۲***۴۵۶۷ فرستاده شد.");
  }

  /** Two logins in a row against a fake Paziresh24 on localhost (one fake, as the real site is one). */
  @Test
  void aSecondLoginWithinTheWaitPrintsOneWaitInTheChosenLanguage() {
    String key = "slothunter.paziresh24.base-url";
    try (FakePaziresh24 fake = Sandbox.demo(Clock.systemUTC(), 3)) {
      System.setProperty(key, fake.baseUrl());
      CliRun first;
      CliRun second;
      CliRun third;
      try {
        first = CliRun.withInput(home, "1234\n", "login", "paziresh24", "09121234567");
        second = CliRun.withInput(home, "1234\n", "login", "paziresh24", "09121234567");
        third = CliRun.withInput(home, "1234\n", "login", "paziresh24", "09121234567", "--lang", "fa");
      } finally {
        System.clearProperty(key);
      }

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.err()).contains("An SMS code was sent to 0912***4567.").doesNotContain("a moment ago");
      assertThat(second.err()).contains("a moment ago and the site will not send another for")
          .doesNotContainPattern("[\\u0600-\\u06FF]");
      assertThat(Pattern.compile("\\d+(\\.\\d)? s\\b").matcher(second.err()).results().count()).isOne();
      assertThat(third.err()).contains("همین چند لحظه پیش").doesNotContainPattern("[A-Za-z]{2,}");
      assertThat(Pattern.compile("ثانیه").matcher(third.err()).results().count()).isOne();
    }
  }

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
