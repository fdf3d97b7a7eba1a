package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.TimeWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchConfigTest {
  @TempDir
  Path home;

  private int files;

  private Path write(String yaml) throws IOException {
    return Files.writeString(home.resolve("watch-" + ++files + ".yaml"), yaml);
  }

  @Test
  void readsDoctorsFiltersPatientAndNotifySettings() throws Exception {
    Path file = write("""
        doctors:
          - https://www.paziresh24.com/dr/dr-sara-ahmadi/
          - dr-reza-karimi
        filters:
          from: ۱۴۰۵/۰۱/۱۰
          to: 2026-04-09
          days: [sat, یکشنبه]
          time: ["08:00-12:00", "۱۶:۰۰-۱۸:۰۰"]
          maxPrice: 2000000
        patient:
          autoBook: true
          label: mom
          sessionFile: ~/p24.session
        notify:
          lang: fa
          json: true
          owner: ali
          statusEvery: ۱۰
          interval: 90
        """);

    WatchConfig c = WatchConfig.read(file, home);

    assertThat(c.doctors()).containsExactly("https://www.paziresh24.com/dr/dr-sara-ahmadi/", "dr-reza-karimi");
    assertThat(c.from()).isEqualTo(LocalDate.of(2026, 3, 30));
    assertThat(c.to()).isEqualTo(LocalDate.of(2026, 4, 9));
    assertThat(c.days()).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(c.windows()).containsExactly(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0)),
        new TimeWindow(LocalTime.of(16, 0), LocalTime.of(18, 0)));
    assertThat(c.maxPrice()).isEqualTo(2_000_000L);
    assertThat(c.autoBook()).isTrue();
    assertThat(c.patientLabel()).isEqualTo("mom");
    assertThat(c.sessionFile()).isEqualTo(home.resolve("p24.session"));
    assertThat(c.lang()).isEqualTo(Lang.FA);
    assertThat(c.json()).isTrue();
    assertThat(c.owner()).isEqualTo("ali");
    assertThat(c.statusEvery()).isEqualTo(10);
    assertThat(c.interval()).isEqualTo(90);
  }

  @Test
  void aPatientWrittenInTheFileIsValidatedAndNeverShownInErrors() throws Exception {
    Path good = write("""
        patient:
          firstName: Test
          lastName: Patient
          nationalCode: "0499370899"
          mobile: "09121234567"
        """);
    assertThat(WatchConfig.read(good, home).patient().nationalCode()).isEqualTo("0499370899");

    Path bad = write("""
        patient:
          firstName: Test
          lastName: Patient
          nationalCode: "0499370898"
          mobile: "09121234567"
        """);
    assertThatThrownBy(() -> WatchConfig.read(bad, home)).isInstanceOf(CliException.class)
        .hasMessageContaining(bad.toString()).hasMessageNotContaining("0499370898").hasMessageNotContaining("0912");
  }

  @Test
  void aMissingFileIsOneSentenceInBothLanguages() {
    Path missing = home.resolve("nope.yaml");

    assertThatThrownBy(() -> WatchConfig.read(missing, home)).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(e.message(Lang.EN)).isEqualTo("config file " + missing + " does not exist");
      assertThat(e.message(Lang.FA)).isEqualTo("پروندهٔ تنظیمات " + missing + " وجود ندارد");
    });
  }

  @Test
  void badYamlNamesTheLine() throws Exception {
    Path file = write("doctors:\n  - dr-x\nfilters:\n  from: \"1405/01/01\n");

    assertThatThrownBy(() -> WatchConfig.read(file, home)).isInstanceOf(CliException.class)
        .hasMessageStartingWith("config file " + file + " is not valid YAML (line ");
  }

  @Test
  void anUnknownKeyIsNamedWithWhereItIsAndTheKnownOnes() throws Exception {
    Path file = write("filters:\n  weekdays: [sat]\n");

    assertThatThrownBy(() -> WatchConfig.read(file, home)).isInstanceOf(CliException.class)
        .hasMessage("config file " + file + " has an unknown key 'weekdays' under 'filters'"
            + " (known: days, from, maxPrice, time, to)");
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    Path day = write("filters:\n  days: [funday]\n");
    Path price = write("filters:\n  maxPrice: cheap\n");
    Path lang = write("notify:\n  lang: de\n");
    Path kind = write("doctors: dr-x\n");

    assertThatThrownBy(() -> WatchConfig.read(day, home)).hasMessageContaining("filters.days: 'funday' is not a weekday");
    assertThatThrownBy(() -> WatchConfig.read(price, home)).hasMessageContaining("filters.maxPrice: 'cheap' is not a whole number");
    assertThatThrownBy(() -> WatchConfig.read(lang, home)).hasMessageContaining("notify.lang: must be fa or en, not 'de'");
    assertThatThrownBy(() -> WatchConfig.read(kind, home)).hasMessageContaining("'doctors' has the wrong kind of value");
  }

  @Test
  void theCommandLineOverridesTheFileAndTheFileFillsTheRest() throws Exception {
    Path file = write("""
        doctors: [dr-reza-karimi]
        filters:
          time: ["16:00-18:00"]
        notify:
          lang: fa
          json: true
          owner: ali
        """);

    CliRun fromFile = CliRun.run(home, "watch", "--sandbox", "--config", file.toString(), "--for", "2",
        "--status-every", "0");
    CliRun overridden = CliRun.run(home, "watch", "--sandbox", "--config", file.toString(), "--for", "2",
        "--status-every", "0", "--lang", "en", "--owner", "neda", "dr-maryam-hosseini");

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromFile.err()).contains("پایش دکتر رضا کریمی");
    assertThat(fromFile.outLines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{")
        .contains("\"owner\":\"ali\"").contains("dr-reza-karimi"));
    assertThat(overridden.exitCode()).as(overridden.err()).isZero();
    assertThat(overridden.err()).contains("watching ").contains("dr-maryam-hosseini").doesNotContain("dr-reza-karimi");
    assertThat(overridden.outLines()).allSatisfy(l -> assertThat(l).contains("\"owner\":\"neda\""));
  }

  @Test
  void aConfigErrorOnTheCommandLineIsOneSentenceWithExit2() {
    CliRun run = CliRun.run(home, "watch", "--sandbox", "--config", home.resolve("nope.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("error: config file " + home.resolve("nope.yaml") + " does not exist");
  }

  @Test
  void noDoctorAnywhereIsAUsageError() throws Exception {
    Path file = write("notify:\n  owner: ali\n");

    CliRun run = CliRun.run(home, "watch", "--sandbox", "--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines().get(0)).isEqualTo(
        "error: give at least one <doctor-link> or --specialty S --city C, here or under 'doctors:' or 'area:' in"
            + " --config");
    assertThat(run.errLines().get(1)).startsWith("usage: slothunter watch");
  }

  @Test
  void readsAnAreaWithPersianWordsAndDigits() throws Exception {
    Path file = write("""
        area:
          specialty: پوست
          city: تهران
          near: "۳۵٫۷۲۱۹،۵۱٫۳۳۴۷"
          km: "۵"
          maxPrice: 3000000
          gender: زن
          visitType: online
          keepUnlocated: true
        """);

    WatchConfig c = WatchConfig.read(file, home);

    assertThat(c.doctors()).isEmpty();
    assertThat(c.area()).isEqualTo(new AreaOptions.Area("پوست", "تهران", new io.github.slothunter.api.GeoPoint(35.7219,
        51.3347), 5.0, 3_000_000L, io.github.slothunter.api.Gender.FEMALE, io.github.slothunter.api.VisitType.ONLINE,
        true));
  }

  @Test
  void anAreaAndDoctorsTogetherAreRefused() throws Exception {
    Path file = write("doctors: [dr-sara-ahmadi]\narea: {specialty: dermatology, city: tehran}\n");

    assertThatThrownBy(() -> WatchConfig.read(file, home)).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(e.getMessage()).isEqualTo("config file " + file + ": area: give doctors or an area, not both");
    });
  }

  @Test
  void aBadPointInTheAreaNamesItsKey() throws Exception {
    Path file = write("area: {specialty: dermatology, city: tehran, near: 'north of the park'}\n");

    assertThatThrownBy(() -> WatchConfig.read(file, home)).isInstanceOfSatisfying(CliException.class, e ->
        assertThat(e.message(Lang.FA)).startsWith("پروندهٔ تنظیمات " + file + "، «area.near»: «north of the park» نقطه"
            + " نیست"));
  }

  @Test
  void anAreaWithoutASpecialtyIsRefused() throws Exception {
    Path file = write("area: {city: tehran}\n");

    assertThatThrownBy(() -> WatchConfig.read(file, home)).isInstanceOfSatisfying(CliException.class, e ->
        assertThat(e.getMessage()).contains("area.specialty: is required"));
  }
}
