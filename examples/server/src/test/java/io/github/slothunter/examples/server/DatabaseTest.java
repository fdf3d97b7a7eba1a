package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir
  Path dir;

  @Test
  void theSchemaIsCreatedOnceAndReopensCleanly() {
    try (Database db = Database.open(dir.toString(), null, null)) {
      db.run("insert", c -> c.createStatement().executeUpdate(
          "INSERT INTO server_owners (id, name, key_id, key_hash, created_at) VALUES ('o', 'n', 'k', 'h', 1)"));
    }

    try (Database again = Database.open(dir.toString(), null, null)) {
      int owners = again.run("count", c -> {
        try (var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM server_owners")) {
          r.next();
          return r.getInt(1);
        }
      });
      assertThat(owners).isEqualTo(1);
      assertThat(again.toString()).contains("embedded H2");
    }
  }

  @Test
  void anH2UrlWorksToo() {
    try (Database db = Database.open("jdbc:h2:mem:servertest" + Database.H2_SETTINGS, null, null)) {
      assertThat(db.toString()).startsWith("H2 jdbc:h2:mem:");
    }
  }

  @Test
  void theEmbeddedDatabaseWritesEveryCommitBeforeItReturns() {
    try (Database db = Database.open(dir.toString(), null, null)) {
      assertThat(writeDelay(db)).isEqualTo("0");
    }
  }

  @Test
  void anH2UrlWithoutAWriteDelayGetsNone() {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().toString().replace('\\', '/') + "/given" + ";MODE=PostgreSQL"
        + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    try (Database db = Database.open(url, null, null)) {
      assertThat(writeDelay(db)).isEqualTo("0");
      assertThat(db.toString()).endsWith(";WRITE_DELAY=0");
    }
  }

  @Test
  void anH2UrlWithAWriteDelayIsRefused() {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/given;MODE=PostgreSQL;write_delay=500;PASSWORD=secret";

    assertThatThrownBy(() -> Database.open(url, null, null))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("write_delay=500").doesNotContain("secret");
        });
    assertThat(Database.withoutWriteDelay("jdbc:h2:mem:x;WRITE_DELAY=0")).isEqualTo("jdbc:h2:mem:x;WRITE_DELAY=0");
  }

  private static String writeDelay(Database db) {
    return db.run("read WRITE_DELAY", c -> {
      try (var r = c.createStatement().executeQuery(
          "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
        r.next();
        return r.getString(1);
      }
    });
  }

  @Test
  void unsupportedUrlsAreInvalidInput() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://db/x?password=secret", null, null))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).doesNotContain("secret");
        });
  }

  @Test
  void anUnreachableDatabaseIsUnavailable() {
    assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "u", "p"))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
  }

  @Test
  void passwordsAreHiddenInUrls() {
    assertThat(Database.redactUrl("jdbc:postgresql://h/db?user=a&password=b&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
  }
}
