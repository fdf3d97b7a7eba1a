package io.github.slothunter.examples.telegram;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The restarts of {@link BotRestartTest} on PostgreSQL by JDBC URL (an in-process PostgreSQL 14), the
 * production set-up: the bot's tables and the engine's store side by side, a fresh database per test.
 */
class BotRestartPostgresTest extends BotRestartTest {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres pg;

  @BeforeAll
  static void startPostgres() throws IOException {
    pg = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (pg != null) {
      pg.close();
    }
  }

  @Override
  String location() {
    String name = "bot" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("cannot create the test database " + name, e));
    }
    return pg.getJdbcUrl("postgres", name);
  }
}
