package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientsCommandTest {
  private static final String SARA = WatchCommandTest.SARA;

  @TempDir
  Path home;

  private Path patientFile(String firstName, String nationalCode, String mobile) throws Exception {
    return Files.writeString(home.resolve(firstName + ".properties"), "firstName=" + firstName + "\nlastName=Ahmadi\n"
        + "nationalCode=" + nationalCode + "\nmobile=" + mobile + "\ngender=female\n");
  }

  @Test
  void addListAndRemoveShowOnlyMaskedNationalCodesAndMobiles() throws Exception {
    Path mom = patientFile("Maryam", "0499370899", "09121234567");

    CliRun added = CliRun.run(home, "patients", "add", "mom", "--patient-file", mom.toString());
    CliRun listed = CliRun.run(home, "patients", "list");
    CliRun removed = CliRun.run(home, "patients", "remove", "mom");
    CliRun again = CliRun.run(home, "patients", "remove", "mom");

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(listed.outLines()).containsExactly(
        "mom  Maryam Ahmadi  national code ********99  mobile 0912***4567  entered by hand");
    assertThat(added.all() + listed.all()).doesNotContain("0499370899", "09121234567");
    assertThat(removed.out()).contains("removed mom");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(again.err()).contains("no patient labelled 'mom'");
    assertThat(CliRun.run(home, "patients", "list").out()).contains("No patients yet");
  }

  @Test
  void theBookIsEncryptedOnDiskUnderAnOwnerOnlyKey() throws Exception {
    Path mom = patientFile("Maryam", "0499370899", "09121234567");

    CliRun added = CliRun.run(home, "patients", "add", "mom", "--patient-file", mom.toString());

    assertThat(added.exitCode()).as(added.err()).isZero();
    Path key = PatientBook.keyFile(home, false);
    assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    List<Path> files;
    try (Stream<Path> s = Files.list(PatientBook.directory(home, false))) {
      files = s.toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(raw).doesNotContain("0499370899", "09121234567", "Maryam", "mom");
    }
  }

  @Test
  void eachOwnerAndTheSandboxHaveTheirOwnBook() throws Exception {
    Path mom = patientFile("Maryam", "0499370899", "09121234567");
    CliRun.run(home, "patients", "add", "mom", "--patient-file", mom.toString(), "--owner", "sara");

    assertThat(CliRun.run(home, "patients", "list", "--owner", "sara").out()).contains("mom  Maryam");
    assertThat(CliRun.run(home, "patients", "list").out()).contains("No patients yet");
    assertThat(CliRun.run(home, "patients", "list", "--sandbox", "--owner", "sara").out()).contains("No patients yet");
  }

  @Test
  void importBringsTheSandboxAccountsFamilyIn() {
    CliRun imported = CliRun.run(home, "patients", "import", "paziresh24", "--sandbox");
    CliRun again = CliRun.run(home, "patients", "import", "paziresh24", "--sandbox");
    CliRun listed = CliRun.run(home, "patients", "list", "--sandbox");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Imported 2 people from your paziresh24 account:");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(listed.outLines()).containsExactly(
        "Test Patient  Test Patient  national code ********99  mobile 0912***4567  from your paziresh24 account (books"
            + " as its user)",
        "Test Child  Test Child  national code ********79  mobile 0935***4567  from your paziresh24 account (books as"
            + " its user)");
  }

  @Test
  void importWithoutALoginTellsTheUserToLogIn() {
    CliRun run = CliRun.run(home, "patients", "import", "paziresh24");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("run 'slothunter login paziresh24 <mobile>' first");
  }

  @Test
  void addNeedsAValidPatientFile() throws Exception {
    Path bad = patientFile("Maryam", "0499370898", "09121234567");

    CliRun run = CliRun.run(home, "patients", "add", "mom", "--patient-file", bad.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("nationalCode").doesNotContain("0499370898");
  }

  @Test
  void watchBooksForAChosenImportedFamilyMemberInTheSandbox() throws Exception {
    CliRun.run(home, "patients", "import", "paziresh24", "--sandbox");

    CliRun run = CliRun.run(home, "watch", SARA, "--sandbox", "--auto-book", "--patient", "Test Child", "--json",
        "--for", "3", "--status-every", "0", "--time", "00:00-23:59");

    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> types = new ArrayList<>();
    for (String l : run.outLines()) {
      JsonNode n = json.readTree(l);
      types.add(n.get("type").asText());
    }
    assertThat(types).contains("booking_succeeded");
    assertThat(run.all()).doesNotContain("0012345679", "09351234567");
  }

  @Test
  void watchRefusesAnUnknownPatientAndAPatientWithAPatientFile() throws Exception {
    Path mom = patientFile("Maryam", "0499370899", "09121234567");

    CliRun unknown = CliRun.run(home, "watch", SARA, "--auto-book", "--patient", "dad");
    CliRun both = CliRun.run(home, "watch", SARA, "--auto-book", "--patient", "mom", "--patient-file", mom.toString());
    CliRun notBooking = CliRun.run(home, "watch", SARA, "--patient", "mom");

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("no patient labelled 'dad'").contains("slothunter patients list");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("not both");
    assertThat(notBooking.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(notBooking.err()).contains("only make sense with --auto-book");
  }
}
