package io.github.slothunter.examples.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDatabaseTest {
  private static final AppDatabase.Settings SETTINGS = new AppDatabase.Settings("app", "--db", 4, "the app's tables",
      List.of("CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, body VARCHAR(100))"));

  @Test
  void anEmbeddedDatabaseIsOwnerOnlyKeepsItsRowsAcrossAReopenAndRedactsNothingSecret(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("data");
    try (AppDatabase db = AppDatabase.open(dir.toString(), null, null, SETTINGS)) {
      db.run("insert", c -> c.createStatement().executeUpdate("INSERT INTO notes VALUES (1, 'سلام')"));
      assertThat(db).hasToString("embedded H2 in " + dir);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).isNotEmpty().allSatisfy(f ->
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
    }
    try (AppDatabase db = AppDatabase.open(dir.toString(), null, null, SETTINGS)) { // schema again: idempotent
      String body = db.run("read", c -> {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM notes WHERE id = 1");
            ResultSet rs = p.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      });
      assertThat(body).isEqualTo("سلام");
    }
  }

  @Test
  void writeDelaysAreRefusedOrAddedAndPasswordsHidden() {
    assertThat(AppDatabase.withoutWriteDelay("jdbc:h2:mem:x", "--db")).isEqualTo("jdbc:h2:mem:x;WRITE_DELAY=0");
    assertThat(AppDatabase.withoutWriteDelay("jdbc:h2:mem:x;write_delay=0", "--db")).endsWith("write_delay=0");
    assertThatThrownBy(() -> AppDatabase.withoutWriteDelay("jdbc:h2:mem:x;WRITE_DELAY=500", "--db"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("--db").hasMessageContaining("WRITE_DELAY=500");
    assertThat(AppDatabase.redactUrl("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    assertThatThrownBy(() -> AppDatabase.open("jdbc:mysql://h/db?password=s3cret", null, null, SETTINGS))
        .isInstanceOf(SlotHunterException.class).hasMessageContaining("jdbc:postgresql:").hasMessageNotContaining("s3cret");
  }

  @Test
  void aFailedStatementIsAStoreFailureNamingTheOperationNotTheValues() {
    try (AppDatabase db = AppDatabase.inMemory(SETTINGS)) {
      assertThatThrownBy(() -> db.run("insert a note", c -> c.createStatement()
          .executeUpdate("INSERT INTO nowhere VALUES ('0912 123 4567')")))
          .isInstanceOfSatisfying(SlotHunterException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("insert a note").contains("SQL state").doesNotContain("0912");
          });
    }
  }
}
