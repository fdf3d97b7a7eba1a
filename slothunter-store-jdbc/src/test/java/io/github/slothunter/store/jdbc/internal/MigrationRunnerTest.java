package io.github.slothunter.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's rules that need no database; the database side is in MigrationTest. */
class MigrationRunnerTest {

  @Test
  void splitsScriptsIntoStatementsDroppingCommentLines() {
    String sql = "-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\n  -- another\nCREATE INDEX i ON a (x);\n";

    assertThat(MigrationRunner.statements(sql)).containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
  }

  @Test
  void checksumsIgnoreLineEndingsButNotContent() {
    assertThat(MigrationRunner.checksum("A;\r\nB;\r\n")).isEqualTo(MigrationRunner.checksum("A;\nB;\n"));
    assertThat(MigrationRunner.checksum("A;\n")).isNotEqualTo(MigrationRunner.checksum("B;\n")).hasSize(64);
  }

  @Test
  void fileNamesGiveVersionAndDescription() {
    MigrationRunner.Migration m = MigrationRunner.Migration.of("V12__add_an_index.sql", "SELECT 1");

    assertThat(m.version()).isEqualTo(12);
    assertThat(m.description()).isEqualTo("add an index");
    assertThat(m).hasToString("V12 (add an index)");
  }

  @Test
  void rejectsBadFileNames() {
    assertThatThrownBy(() -> MigrationRunner.Migration.of("init.sql", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MigrationRunner.Migration.of("V0__init.sql", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsGapsInVersions() {
    List<MigrationRunner.Migration> gap = List.of(MigrationRunner.Migration.of("V1__a.sql", "SELECT 1"),
        MigrationRunner.Migration.of("V3__c.sql", "SELECT 1"));

    assertThatThrownBy(() -> new MigrationRunner(gap, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive");
  }

  @Test
  void missingResourcesAreReportedByPath() {
    assertThatThrownBy(() -> MigrationRunner.fromResources(getClass(), "nowhere", List.of("V1__x.sql")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nowhere/V1__x.sql");
  }
}
