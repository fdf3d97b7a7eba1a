package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {
  static final String SARA = "https://www.paziresh24.com/dr/dr-sara-ahmadi/";

  @TempDir
  Path home;

  @Test
  void sandboxWatchAutoBooksPrintsJsonEventsAndStatusLines() throws Exception {
    CliRun run = CliRun.run(home, "watch", SARA, "--sandbox", "--auto-book", "--json", "--for", "3",
        "--status-every", "1", "--time", "00:00-23:59");

    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> types = new ArrayList<>();
    for (String l : run.outLines()) {
      JsonNode n = json.readTree(l);
      types.add(n.get("type").asText());
      assertThat(n.get("owner").asText()).isEqualTo("me");
    }
    assertThat(types).contains("slot_opened", "hold_placed", "booking_succeeded");
    assertThat(run.err()).contains("watching دکتر سارا احمدی (paziresh24:dr-sara-ahmadi): 2 calendars, auto-booking")
        .contains("status: 1 watch").containsPattern("[1-9] bookings?").contains("stopping");
  }

  @Test
  void aBudgetShortOfThePlanSaysThePaceItReallyGives() {
    // 1% of the sandbox budget: 15 a minute, 600 an hour, for calendars the plan polls every 2 s
    CliRun run = CliRun.run(home, "watch", "dr-sara-ahmadi", "dr-reza-karimi", "dr-maryam-hosseini", "--sandbox",
        "--budget-scale", "0.01", "--for", "2", "--status-every", "0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.errLines()).filteredOn(l -> l.startsWith("watching ")).hasSize(3)
        .last().asString().containsPattern("polling about every \\d+(\\.\\d)? s \\(not every 2\\.0 s: the site's request"
            + " budget is shared by all calendars; --budget-scale raises it\\)");
  }

  @Test
  void aBadBudgetScaleIsBadInput() {
    CliRun run = CliRun.run(home, "watch", SARA, "--budget-scale", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--budget-scale must be a number above 0");
  }

  @Test
  void startUpTellsHowManyDoctorsAreLookedUpWhileTheRestWait() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    java.util.concurrent.CompletableFuture<io.github.slothunter.api.Watch> slow = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<io.github.slothunter.api.Watch> failed =
        java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("x"));
    java.util.Map<String, java.util.concurrent.CompletableFuture<io.github.slothunter.api.Watch>> starting =
        new java.util.LinkedHashMap<>();
    starting.put("a", failed);
    starting.put("b", slow);
    try (Backend backend = Backend.of(java.time.Clock.systemUTC(), true);
        io.github.slothunter.core.SlotHunter hunter = backend.hunter().build()) {
      Cli cli = Cli.of(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
          new java.io.BufferedReader(new java.io.StringReader("")), home, java.util.Map.of());
      Thread done = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        slow.complete(null);
      });
      done.start();

      WatchCommand.awaitStart(cli, Lang.EN, hunter, starting, new java.io.PrintWriter(err, true), java.time.Duration.ofMillis(50));
      done.join();
    }

    assertThat(slow).isDone();
    assertThat(err.toString()).contains("looked up 1 of 2 doctors; the rest wait for the request budget (0 queued)");
    assertThat(err.toString().lines()).hasSize(1); // one line per change, not one per tick
  }

  @Test
  void textEventsCarryTheOwnerAndTheDoctor() {
    CliRun run = CliRun.run(home, "watch", "dr-reza-karimi", "--sandbox", "--for", "2", "--status-every", "0",
        "--owner", "neda", "--days", "sat,sun,mon,tue,wed,thu");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).isNotEmpty().allMatch(l -> l.contains("[neda]"));
    assertThat(run.out()).contains("SLOT OPEN").contains("دکتر رضا کریمی");
    assertThat(run.err()).doesNotContain("status:  ");
  }

  @Test
  void autoBookOnTheRealSiteNeedsAPatientFile() {
    CliRun run = CliRun.run(home, "watch", SARA, "--auto-book");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("error: --auto-book needs --patient LABEL (see 'slothunter patients')"
        + " or --patient-file F (firstName, lastName, nationalCode, mobile)");
  }

  @Test
  void theRealSitesAreNotPolledFasterThanEvery15Seconds() {
    CliRun run = CliRun.run(home, "watch", SARA, "--interval", "5");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("at least 15 seconds");
  }

  @Test
  void aBadTimeWindowOrWeekdayIsAUsageErrorInOneSentenceAndTheUsageLine() {
    CliRun time = CliRun.run(home, "watch", SARA, "--time", "8-12");
    CliRun day = CliRun.run(home, "watch", SARA, "--days", "funday");

    assertThat(time.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(time.errLines()).hasSize(2);
    assertThat(time.errLines().get(0)).isEqualTo("error: --time: '8-12' is not a time window like 08:00-12:00");
    assertThat(time.errLines().get(1)).startsWith("usage: slothunter watch [OPTIONS]")
        .contains("slothunter watch --help");
    assertThat(day.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(day.err()).contains("'funday' is not a weekday");
  }

  @Test
  void datesOutOfOrderAreBadInput() {
    CliRun run = CliRun.run(home, "watch", SARA, "--sandbox", "--from", "2026-05-02", "--to", "2026-05-01");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("2026-05-01 is before start 2026-05-02");
  }

  @Test
  void aMissingSessionFileTellsTheUserToLogIn() throws Exception {
    Path patient = java.nio.file.Files.writeString(home.resolve("p.properties"),
        "firstName=A\nlastName=B\nnationalCode=0499370899\nmobile=09121234567\n");

    CliRun run = CliRun.run(home, "watch", SARA, "--sandbox", "--auto-book", "--patient-file", patient.toString(),
        "--session-file", home.resolve("none.session").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("run 'slothunter login paziresh24 <mobile>' first");
  }

  @Test
  void weekdaysParseFromShortLongAndPersianNames() {
    assertThat(InputConverters.day("sat")).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(InputConverters.day("Thursday")).isEqualTo(DayOfWeek.THURSDAY);
    assertThat(InputConverters.day("tu")).isEqualTo(DayOfWeek.TUESDAY);
    assertThat(InputConverters.day("شنبه")).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(InputConverters.day("پنج شنبه")).isEqualTo(DayOfWeek.THURSDAY);
  }
}
