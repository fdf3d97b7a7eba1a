package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.store.jdbc.internal.Dialect;
import io.github.slothunter.store.jdbc.internal.EmbeddedH2;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings that decide whether a commit the store reported can still be lost, and the warning about them. */
class DurabilitySettingsTest {
  @TempDir
  Path dir;

  @Test
  void theEmbeddedH2WritesEveryCommitBeforeItReturns() throws SQLException {
    try (EmbeddedH2 h2 = EmbeddedH2.open(dir); Connection c = h2.dataSource().getConnection()) {
      assertThat(value(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
          .isEqualTo("0");
      assertThat(Dialect.H2.durabilityProblem(c)).isEmpty();
    }
  }

  @Test
  void anH2FileDatabaseWithAWriteDelayIsReported() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.toAbsolutePath() + "/delayed;WRITE_DELAY=500");

    try (Connection c = h2.getConnection("sa", "")) {
      assertThat(Dialect.H2.durabilityProblem(c)).hasValueSatisfying(p -> assertThat(p).contains("WRITE_DELAY is 500"));
    }
  }

  @Test
  void postgresWithSynchronousCommitOffIsReported() throws SQLException {
    try (Connection c = EmbeddedPg.newSchema().getConnection(); Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit = off");
      assertThat(Dialect.POSTGRESQL.durabilityProblem(c))
          .hasValueSatisfying(p -> assertThat(p).contains("synchronous_commit is off"));

      s.execute("SET synchronous_commit = on");
      assertThat(Dialect.POSTGRESQL.durabilityProblem(c)).isEmpty();
    }
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
