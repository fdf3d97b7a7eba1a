package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --lang fa} output is Persian throughout: headers, weekdays, digits, amounts and status
 * lines. Links and slugs are the only Latin text allowed (and the commands and options a sentence
 * tells the user to type).
 */
class PersianOutputTest {
  @TempDir
  Path home;

  /** The text with what may stay Latin taken out: links, slugs, commands and options to type. */
  static String latinOutsideLinksAndSlugs(String text) {
    return text.replaceAll("https?://\\S+", "")
        .replaceAll("dr-[a-z0-9-]+", "")
        .replaceAll("'slothunter [^']*'", "")
        .replaceAll("--[a-z-]+", "")
        .replaceAll("Ctrl-C", "")
        .replaceAll("[^A-Za-z]", "");
  }

  @Test
  void slotsInPersianHasNoLatinLetterAndUsesPersianDigitsWeekdaysAndRials() {
    CliRun run = CliRun.run(home, "slots", "--sandbox", "--lang", "fa", "dr-sara-ahmadi", "--days", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(latinOutsideLinksAndSlugs(run.out())).as(run.out()).isEmpty();
    assertThat(run.out()).contains("تاریخ").contains("روز").contains("ساعت").contains("ریال").contains("پذیرش۲۴")
        .containsPattern("۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2}\\s+\\S*شنبه|جمعه")
        .doesNotContainPattern("[0-9]").doesNotContain("rials").doesNotContain("day ");
  }

  @Test
  void loginInPersianHasNoLatinLetterOutsideThePath() {
    Path file = home.resolve("s.session");

    CliRun run = CliRun.withInput(home, "۱۲۳۴\n", "login", "paziresh24", "۰۹۱۲۱۲۳۴۵۶۷", "--sandbox", "--lang", "fa",
        "--session-file", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String shown = run.all().replace(file.toString(), "");
    assertThat(latinOutsideLinksAndSlugs(shown)).as(shown).isEmpty();
    assertThat(run.err()).contains("کد پیامکی: ");
    assertThat(run.out()).contains("وارد پذیرش۲۴ شدید").contains("۰۹۱۲***۴۵۶۷");
  }

  @Test
  void watchInPersianPrintsEventsAndStatusWithoutLatinLetters() {
    CliRun run = CliRun.run(home, "watch", "--sandbox", "--lang", "fa", "dr-reza-karimi", "--for", "3",
        "--status-every", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(latinOutsideLinksAndSlugs(run.all())).as(run.all()).isEmpty();
    assertThat(run.err()).contains("پایش ").contains("وضعیت: ").contains("پذیرش۲۴");
  }

  @Test
  void demoInPersianHasNoLatinLetterOutsideTheFakesLink() {
    CliRun run = CliRun.run(home, "demo", "--lang", "fa", "--seconds", "4");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(latinOutsideLinksAndSlugs(run.all())).as(run.all()).isEmpty();
    assertThat(run.out()).contains("نمایش اسلات‌هانتر").contains("علی ").contains("خلاصه")
        .contains("نگه‌داشت باقی‌مانده");
  }

  @Test
  void patientsImportAndListInPersianShowMaskedPersianDigitsAndPersianLabels() {
    CliRun imported = CliRun.run(home, "patients", "import", "paziresh24", "--sandbox", "--lang", "fa");
    CliRun listed = CliRun.run(home, "patients", "list", "--sandbox", "--lang", "fa");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    // the people's labels and names are the user's (the sandbox's family is "Test Patient" and "Test Child")
    String words = listed.out().replaceAll("Test (Patient|Child)", "");
    assertThat(latinOutsideLinksAndSlugs(imported.out().replaceAll("Test (Patient|Child)", ""))).isEmpty();
    assertThat(latinOutsideLinksAndSlugs(words)).as(listed.out()).isEmpty();
    assertThat(listed.out()).contains("کد ملی").contains("همراه ۰۹").contains("از حساب پذیرش۲۴ شما")
        .doesNotContain("0499370899");
  }

  @Test
  void errorsInPersianAreOnePersianSentence() {
    CliRun run = CliRun.run(home, "--lang", "fa", "watch", "--sandbox", "dr-reza-karimi", "--for", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("خطا: ");
    assertThat(latinOutsideLinksAndSlugs(run.err())).isEmpty();
  }
}
