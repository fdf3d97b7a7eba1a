package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** JDBC helpers shared by the store and the leases. */
public final class Sql {
  private Sql() {}

  /** Work on a connection that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work. */
    T run(Connection c) throws SQLException;
  }

  /**
   * An instant as a {@code TIMESTAMP WITH TIME ZONE} parameter: UTC, truncated to the microsecond
   * (PostgreSQL's precision; H2 would round instead).
   */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant. */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** A nullable {@code TIMESTAMP WITH TIME ZONE} column as an instant or {@code null}. */
  public static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A {@code varchar[]} parameter for {@code = ANY(?)}. */
  public static Array varchars(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("varchar", values.toArray());
  }

  /**
   * A database failure as the exception the engine expects: {@code STORE_UNAVAILABLE}
   * (retryable), naming the operation and the SQL state; the cause is kept.
   */
  public static SlotHunterException failure(String operation, SQLException e) {
    return new SlotHunterException(ErrorCode.STORE_UNAVAILABLE,
        "store " + operation + " failed (SQLState " + e.getSQLState() + ")", e);
  }

  /** Runs the work in one transaction, committing on success and rolling back on any failure. */
  public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
