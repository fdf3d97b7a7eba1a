package io.github.slothunter.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
