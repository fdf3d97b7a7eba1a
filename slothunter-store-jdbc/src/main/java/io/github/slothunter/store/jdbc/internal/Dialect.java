package io.github.slothunter.store.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The few statements that differ between the supported databases. Everything else (schema,
 * queries, {@code = ANY(?)}, {@code FOR UPDATE SKIP LOCKED}, {@code ON CONFLICT DO NOTHING}) is
 * the same SQL on both: H2 runs in PostgreSQL mode.
 */
public enum Dialect {
  /** H2 2.x in PostgreSQL mode: upserts with {@code MERGE ... KEY}. */
  H2,
  /** PostgreSQL 12+: upserts with {@code INSERT ... ON CONFLICT DO UPDATE}. */
  POSTGRESQL;

  /**
   * The dialect of the connected database.
   *
   * @throws IllegalArgumentException for any other database
   */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("unsupported database '" + product
        + "': slothunter-store-jdbc supports PostgreSQL 12+ and H2 2.x");
  }

  /**
   * Why this database may lose a write after its commit returned, or empty: an H2 file database
   * with a {@code WRITE_DELAY} above 0 (its commits reach the file up to that many milliseconds
   * later), or PostgreSQL with {@code synchronous_commit} off (commits return before the WAL is
   * flushed). Reads the connection's own settings: a host's pool may set them per connection. Empty
   * too when the settings cannot be read.
   */
  public Optional<String> durabilityProblem(Connection c) {
    try {
      return readDurabilityProblem(c);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private Optional<String> readDurabilityProblem(Connection c) throws SQLException {
    if (this == H2) {
      if (c.getMetaData().getURL().startsWith("jdbc:h2:mem:")) {
        return Optional.empty(); // nothing survives the process anyway
      }
      String delay = value(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
      if (delay != null && !delay.trim().equals("0")) {
        return Optional.of("H2 WRITE_DELAY is " + delay.trim() + " ms: a crash within that time after a commit loses"
            + " it; open the database with ;WRITE_DELAY=0 in its URL");
      }
      return Optional.empty();
    }
    String sync = value(c, "SHOW synchronous_commit");
    if (sync != null && sync.trim().equalsIgnoreCase("off")) {
      return Optional.of("PostgreSQL synchronous_commit is off: a server crash can lose commits the store reported"
          + " as done; keep it on (or local, remote_write, remote_apply) for the store's role or database");
    }
    return Optional.empty();
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * Inserts a row or replaces the non-key columns of the existing one; parameters are the
   * columns in order.
   */
  public String upsert(String table, List<String> keys, List<String> columns) {
    String cols = String.join(", ", columns);
    String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    if (this == H2) {
      return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keys) + ") VALUES (" + marks + ")";
    }
    List<String> sets = new ArrayList<>();
    for (String col : columns) {
      if (!keys.contains(col)) {
        sets.add(col + " = EXCLUDED." + col);
      }
    }
    return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + String.join(", ", keys)
        + ") DO UPDATE SET " + String.join(", ", sets);
  }
}
