package io.github.slothunter.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One in-process PostgreSQL for the whole test run (started on first use, stopped at JVM exit);
 * every caller gets a fresh schema, so tests never see each other's rows.
 */
final class EmbeddedPg {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPg() {}

  /** A data source on a new, empty schema. */
  static DataSource newSchema() {
    return dataSource(newSchemaUrl());
  }

  /** A data source on the database a {@link #newSchemaUrl} names. */
  static DataSource dataSource(String url) {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  /** The JDBC URL (user and schema included) of a new, empty schema; another process can open it. */
  static synchronized String newSchemaUrl() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }, "embedded-pg-stop"));
    }
    String schema = "t" + SCHEMAS.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
  }
}
