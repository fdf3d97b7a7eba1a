package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch --specialty S --city C}: area watches (issue #24) on the area sandbox. */
class AreaWatchCommandTest {
  @TempDir
  Path home;

  /** The doctors the sandbox's search lists for this specialty and city (the directory depends on the seed only). */
  private Set<String> searchedDoctors(String specialty, String city) {
    CliRun search = CliRun.run(home, "search", "--sandbox", specialty, "--city", city);
    assertThat(search.exitCode()).as(search.err()).isZero();
    return search.outLines().stream().skip(1).filter(l -> l.startsWith("  "))
        .map(l -> l.strip().split(" {2,}")[0]).collect(Collectors.toSet());
  }

  @Test
  void anAreaWatchPrintsSlotsLabelledWithAMembersNameCenterAndPrice() throws Exception {
    Set<String> members = searchedDoctors("pediatrics", "tehran");

    CliRun run = CliRun.run(home, "watch", "--sandbox", "--specialty", "pediatrics", "--city", "tehran", "--near",
        "35.6892,51.3890", "--json", "--for", "4", "--status-every", "0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).containsPattern("watching pediatrics in tehran \\(paziresh24\\): \\d+ doctors, \\d+ calendars?"
        + " polled now");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> opened = new ArrayList<>();
    for (String l : run.outLines()) {
      JsonNode n = json.readTree(l);
      if (n.get("type").asText().equals("slot_opened")) {
        opened.add(n);
      }
    }
    assertThat(opened).isNotEmpty().allSatisfy(n -> {
      assertThat(n.get("doctor").asText()).isIn(members);
      assertThat(n.get("doctorKey").asText()).startsWith("dr-area-");
      assertThat(n.get("center").asText()).isNotEmpty();
      assertThat(n.get("price").asLong()).isPositive();
    });
  }

  @Test
  void anAreaWatchsTextLinesNameTheMemberInPersian() {
    CliRun run = CliRun.run(home, "watch", "--sandbox", "--specialty", "کودکان", "--city", "تهران", "--lang", "fa",
        "--for", "4", "--status-every", "0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("پایش تخصص pediatrics در شهر tehran (پذیرش۲۴)");
    assertThat(run.outLines()).anyMatch(l -> l.matches(".*نوبت آزاد .*[۰-۹]{2}:[۰-۹]{2}  دکتر [^·]+ · [^·]+ · [۰-۹٬]+ ریال .*"));
    assertThat(run.out()).doesNotContainPattern("[A-Za-z]");
  }

  @Test
  void anAreaWatchAutoBooksOneSlotOfAMember() throws Exception {
    CliRun run = CliRun.run(home, "watch", "--sandbox", "--specialty", "pediatrics", "--city", "tehran", "--auto-book",
        "--json", "--for", "5", "--status-every", "0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("auto-booking the first match");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> booked = new ArrayList<>();
    for (String l : run.outLines()) {
      JsonNode n = json.readTree(l);
      if (n.get("type").asText().equals("booking_succeeded")) {
        booked.add(n);
      }
    }
    assertThat(booked).singleElement().satisfies(n -> {
      assertThat(n.get("doctorKey").asText()).startsWith("dr-area-");
      assertThat(n.get("doctor").asText()).startsWith("دکتر ");
    });
    assertThat(run.all()).doesNotContain(DemoCommand.TEST_PATIENT.nationalCode());
  }

  @Test
  void aRadiusAreaStartsWithTheDoctorsWhosePinsItMustStillLookUp() {
    // the sandbox's search pages, like the site's, carry no map pins: the watch lists the doctors and
    // looks each up (its profile has the pin) before reading any of its calendars (core: AreaWatchTest)
    CliRun run = CliRun.run(home, "watch", "--sandbox", "--specialty", "pediatrics", "--city", "tehran", "--near",
        "35.6892,51.3890", "--km", "5", "--for", "1", "--status-every", "0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).containsPattern("watching pediatrics in tehran \\(paziresh24\\): [1-9][0-9]* doctors");
  }

  @Test
  void aLinkAndASpecialtyTogetherAreAUsageError() {
    CliRun run = CliRun.run(home, "watch", "dr-sara-ahmadi", "--specialty", "dermatology", "--city", "tehran");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("give doctor links or --specialty (an area), not both").contains("usage:");
  }

  @Test
  void areaOptionsWithoutASpecialtyAreAUsageError() {
    CliRun run = CliRun.run(home, "watch", "dr-sara-ahmadi", "--city", "tehran", "--lang", "fa");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--city، --near، --km، --keep-unlocated، --gender و --online بدون --specialty معنا"
        + " ندارند");
  }

  @Test
  void anUnknownCityOfAnAreaWatchNamesTheClosest() {
    CliRun run = CliRun.run(home, "watch", "--sandbox", "--specialty", "dermatology", "--city", "shiraaz", "--for", "1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no city 'shiraaz' on paziresh24; did you mean: ").contains("(shiraz)");
  }

  @Test
  void theConfigFilesAreaIsWatched() throws Exception {
    Path config = home.resolve("area.yaml");
    Files.writeString(config, """
        area:
          specialty: پوست و مو
          city: tehran
          near: "۳۵٫۶۸۹۲,۵۱٫۳۸۹۰"
          gender: female
          visitType: in-person
        notify:
          statusEvery: 0
        """);

    CliRun run = CliRun.run(home, "watch", "--sandbox", "--config", config.toString(), "--for", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).containsPattern("watching dermatology in tehran \\(paziresh24\\): \\d+ doctors");
  }

  @Test
  void aLinkOnTheCommandLineReplacesTheConfigFilesArea() throws Exception {
    Path config = home.resolve("area.yaml");
    Files.writeString(config, "area: {specialty: dermatology, city: tehran}\nnotify: {statusEvery: 0}\n");

    CliRun run = CliRun.run(home, "watch", "--sandbox", "--config", config.toString(), "dr-sara-ahmadi", "--for", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("watching دکتر سارا احمدی").doesNotContain("watching dermatology");
  }
}
