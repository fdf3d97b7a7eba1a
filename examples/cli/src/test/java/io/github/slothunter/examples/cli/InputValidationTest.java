package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user types is checked before any request: a fake Paziresh24 on localhost stands in for
 * the real site (configured the way users point a provider elsewhere) and counts what reaches it.
 */
class InputValidationTest {
  private static final String BASE_URL = "slothunter.paziresh24.base-url";

  @TempDir
  Path home;

  private FakePaziresh24 fake;

  @BeforeEach
  void startFake() {
    fake = Sandbox.demo(Clock.systemUTC(), 7);
    System.setProperty(BASE_URL, fake.baseUrl());
  }

  @AfterEach
  void stopFake() {
    System.clearProperty(BASE_URL);
    fake.close();
  }

  @Test
  void aSlugOfPersianDigitsIsRefusedBeforeAnyRequest() {
    CliRun run = CliRun.run(home, "slots", "۱۲۳۴");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly("error: '۱۲۳۴' is only digits, not a doctor: give "
        + DoctorInput.EXPECTED_EN);
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aSlugOfAsciiDigitsIsRefusedByWatchToo() {
    CliRun run = CliRun.run(home, "watch", "1234", "--for", "1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("'1234' is only digits");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aLinkToAnotherSiteIsRefusedNamingWhatIsExpected() {
    CliRun run = CliRun.run(home, "slots", "https://www.google.com/search?q=dr");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("is a link to www.google.com").contains("https://www.paziresh24.com/dr/<slug>/")
        .contains("https://doctoreto.com/doctor/<slug>/<code>");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void refusalsAreOnePersianSentenceUnderLangFa() {
    CliRun run = CliRun.run(home, "slots", "--lang", "fa", "۱۲۳۴");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("خطا: «۱۲۳۴» فقط عدد است").doesNotContain("error").doesNotContain("digits");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aRealSlugStillReachesTheSite() {
    CliRun run = CliRun.run(home, "slots", "dr-sara-ahmadi", "--days", "۱");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(fake.requestCount()).isPositive();
  }

  @Test
  void aBadDateIsAUsageErrorBeforeAnyRequest() {
    CliRun run = CliRun.run(home, "watch", "dr-sara-ahmadi", "--from", "1405/13/01");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines().get(0)).isEqualTo("error: --from: there is no day 1405/13/01");
    assertThat(run.errLines().get(1)).startsWith("usage: slothunter watch");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void numbersDatesWeekdaysAndWindowsAcceptPersianDigitsAndJalaliDates() {
    assertThat(InputConverters.integer("۴۵")).isEqualTo(45);
    assertThat(InputConverters.integer("٤٥")).isEqualTo(45);
    assertThat(InputConverters.longValue("۲۰۰۰۰۰۰")).isEqualTo(2_000_000L);
    assertThat(InputConverters.date("۱۴۰۵/۰۱/۰۱")).isEqualTo(LocalDate.of(2026, 3, 21));
    assertThat(InputConverters.date("1403-12-30")).isEqualTo(LocalDate.of(2025, 3, 20));
    assertThat(InputConverters.date("2026-03-21")).isEqualTo(LocalDate.of(2026, 3, 21));
    assertThat(InputConverters.day("جمعه")).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(InputConverters.window("۰۸:۰۰-۱۲:۳۰").from()).isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void persianDigitsWorkOnTheCommandLine() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", "dr-sara-ahmadi", "--days", "۹۹");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("error: --days must be 1-30, not 99");
  }

  @Test
  void doctorInputKnowsLinksSlugsAndTheSandboxesLoopbackLinks() {
    assertThat(DoctorInput.check(" https://www.paziresh24.com/dr/dr-x/ ", false))
        .isEqualTo("https://www.paziresh24.com/dr/dr-x/");
    assertThat(DoctorInput.check("doctoreto.com/doctor/dr-vida/ZaEBBZ", false)).isNotBlank();
    assertThat(DoctorInput.check("doctoreto:ZaEBBZ", false)).isEqualTo("doctoreto:ZaEBBZ");
    assertThat(DoctorInput.check("http://127.0.0.1:8080/dr/dr-x/", true)).isNotBlank();
    assertThat(refusal(() -> DoctorInput.check("http://127.0.0.1:8080/dr/dr-x/", false))).contains("127.0.0.1");
    assertThat(refusal(() -> DoctorInput.check("https://www.paziresh24.com.evil.io/dr/x", false)))
        .contains("www.paziresh24.com.evil.io");
    assertThat(refusal(() -> DoctorInput.check("https://evil.io@www.paziresh24.com.evil.io/dr/x", false)))
        .contains("is a link to www.paziresh24.com.evil.io");
    assertThat(refusal(() -> DoctorInput.check("javascript:alert(1)", false))).contains("javascript:");
    assertThat(refusal(() -> DoctorInput.check("  ", false))).contains("a doctor is missing");
  }

  private static String refusal(Supplier<String> call) {
    try {
      call.get();
    } catch (CliException e) {
      assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }
}
