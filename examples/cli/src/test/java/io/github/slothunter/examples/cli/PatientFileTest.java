package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Patient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientFileTest {
  @TempDir
  Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void readsAJsonPatient() throws IOException {
    Path f = file("p.json", "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\", \"nationalCode\": \"0499370899\","
        + " \"mobile\": \"+98 912 123 4567\", \"gender\": \"female\"}");

    Patient p = PatientFile.read(f);

    assertThat(p.firstName()).isEqualTo("سارا");
    assertThat(p.nationalCode()).isEqualTo("0499370899");
    assertThat(p.mobile()).isEqualTo("09121234567");
    assertThat(p.gender()).isEqualTo(Gender.FEMALE);
  }

  @Test
  void readsPropertiesWithSnakeCaseKeysAndNoGender() throws IOException {
    Path f = file("p.properties", "first_name=Ali\nlast_name=Rezaei\nnational_code=0499370899\nmobile=09121234567\n");

    Patient p = PatientFile.read(f);

    assertThat(p.lastName()).isEqualTo("Rezaei");
    assertThat(p.gender()).isEqualTo(Gender.UNSPECIFIED);
  }

  @Test
  void aMissingFieldIsNamed() throws IOException {
    Path f = file("p.json", "{\"firstName\": \"Ali\", \"lastName\": \"Rezaei\", \"mobile\": \"09121234567\"}");

    assertThatThrownBy(() -> PatientFile.read(f)).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(e.getMessage()).contains(f.toString()).contains("has no 'nationalCode'");
    });
  }

  @Test
  void aBadNationalCodeNamesTheRuleButNotTheValue() throws IOException {
    Path f = file("p.json", "{\"firstName\": \"Ali\", \"lastName\": \"Rezaei\", \"nationalCode\": \"0499370898\","
        + " \"mobile\": \"09121234567\"}");

    assertThatThrownBy(() -> PatientFile.read(f)).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(e.getMessage()).contains("nationalCode fails the check digit").doesNotContain("0499370898")
          .doesNotContain("INVALID_INPUT");
    });
  }

  @Test
  void brokenJsonPointsAtTheLine() throws IOException {
    Path f = file("p.json", "{\n  \"firstName\": \"Ali\",\n  oops\n}");

    assertThatThrownBy(() -> PatientFile.read(f)).isInstanceOf(CliException.class)
        .hasMessageContaining("is not valid JSON (line 3");
  }

  @Test
  void anUnknownFieldIsRejectedAsAProbableTypo() throws IOException {
    Path f = file("p.json", "{\"firstName\": \"Ali\", \"lastname\": \"R\", \"nationalKode\": \"1\"}");

    assertThatThrownBy(() -> PatientFile.read(f)).isInstanceOf(CliException.class)
        .hasMessageContaining("unknown field 'nationalKode'");
  }

  @Test
  void aJsonArrayOrNestedValueIsRejected() throws IOException {
    assertThatThrownBy(() -> PatientFile.read(file("a.json", "[1, 2]"))).hasMessageContaining("one JSON object");
    assertThatThrownBy(() -> PatientFile.read(file("b.json", "{\"firstName\": {\"x\": 1}}")))
        .hasMessageContaining("'firstName' must be a string");
  }

  @Test
  void aBadGenderAndAnEmptyFileAreExplained() throws IOException {
    Path g = file("g.properties", "firstName=A\nlastName=B\nnationalCode=0499370899\nmobile=09121234567\ngender=x\n");

    assertThatThrownBy(() -> PatientFile.read(g)).hasMessageContaining("gender must be male, female or unspecified");
    assertThatThrownBy(() -> PatientFile.read(file("e.properties", "# nothing\n"))).hasMessageContaining("is empty");
  }

  @Test
  void aMissingFileIsBadInput() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> PatientFile.read(missing)).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(e.getMessage()).isEqualTo("patient file " + missing + " does not exist");
    });
  }

  @Test
  void patientFileErrorsReachTheUserAsOneSentence() throws IOException {
    Path f = file("p.json", "{\"firstName\": \"Ali\"}");

    CliRun run = CliRun.run(dir, "watch", "https://www.paziresh24.com/dr/dr-x/", "--auto-book", "--patient-file",
        f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("error: patient file " + f + " has no 'lastName' (it needs firstName, "
        + "lastName, nationalCode, mobile, and optionally gender)");
  }
}
