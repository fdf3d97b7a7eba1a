package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.spi.TargetLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Target leases in the {@code target_leases} table, one row per target:
 * {@code (target_id, instance_id, expires_at)}; a lease is valid while {@code now < expires_at}.
 *
 * <p>{@link #claim} runs one transaction: it records the instance's heartbeat, locks the rows of
 * the wanted targets that are its own or expired with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (rows another instance is claiming right now are skipped, never waited for) and moves them to
 * itself, then inserts rows for targets nobody has leased yet with {@code INSERT ... ON CONFLICT
 * DO NOTHING} (in sorted order, so two instances inserting the same ids cannot deadlock), and
 * finally reads back which of the wanted targets it holds. Both PostgreSQL and H2 2.x support
 * {@code SKIP LOCKED} and {@code ON CONFLICT DO NOTHING}, so the SQL is the same on both. The
 * update takes rows only through the locks taken by the select, so two instances can never both
 * move the same expired row; a target is held by at most one instance at any time because the
 * table's key is the target id and a row changes hands only once its lease has expired.
 *
 * <p>Times come from the store's clock; instances need roughly synchronised clocks (well under
 * the lease time). Thread-safe.
 */
public final class JdbcLeases implements TargetLeases {
  private static final Duration MIN_INSTANCE_RETENTION = Duration.ofHours(1);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;

  /** Leases in the given database. */
  public JdbcLeases(DataSource dataSource, Dialect dialect, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Set<String> claim(String instanceId, Collection<String> targetIds, Duration leaseTime) {
    Objects.requireNonNull(instanceId, "instanceId");
    Set<String> wanted = new TreeSet<>(targetIds);
    requirePositive(leaseTime);
    Instant now = clock.instant();
    Instant expires = now.plus(leaseTime);
    try (Connection c = dataSource.getConnection()) {
      return Sql.inTransaction(c, tx -> {
        heartbeat(tx, instanceId, now, leaseTime);
        if (wanted.isEmpty()) {
          return Set.of();
        }
        Set<String> claimable = select(tx, "SELECT target_id FROM target_leases WHERE target_id = ANY(?)"
            + " AND (instance_id = ? OR expires_at <= ?) FOR UPDATE SKIP LOCKED", wanted, instanceId, now);
        if (!claimable.isEmpty()) {
          try (PreparedStatement p = tx.prepareStatement(
              "UPDATE target_leases SET instance_id = ?, expires_at = ? WHERE target_id = ANY(?)")) {
            p.setString(1, instanceId);
            p.setObject(2, Sql.timestamp(expires));
            p.setArray(3, Sql.varchars(tx, claimable));
            p.executeUpdate();
          }
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(select(tx, "SELECT target_id FROM target_leases WHERE target_id = ANY(?)", wanted, null, null));
        if (!missing.isEmpty()) {
          try (PreparedStatement p = tx.prepareStatement(
              "INSERT INTO target_leases (target_id, instance_id, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (String id : missing) {
              p.setString(1, id);
              p.setString(2, instanceId);
              p.setObject(3, Sql.timestamp(expires));
              p.addBatch();
            }
            p.executeBatch();
          }
        }
        return Set.copyOf(select(tx, "SELECT target_id FROM target_leases WHERE target_id = ANY(?)"
            + " AND instance_id = ? AND expires_at > ?", wanted, instanceId, now));
      });
    } catch (SQLException e) {
      throw Sql.failure("lease claim", e);
    }
  }

  private void heartbeat(Connection c, String instanceId, Instant now, Duration leaseTime) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(dialect.upsert("instances", List.of("instance_id"),
        List.of("instance_id", "seen_at")))) {
      p.setString(1, instanceId);
      p.setObject(2, Sql.timestamp(now));
      p.executeUpdate();
    }
    Duration retention = leaseTime.multipliedBy(10);
    if (retention.compareTo(MIN_INSTANCE_RETENTION) < 0) {
      retention = MIN_INSTANCE_RETENTION;
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM instances WHERE seen_at < ?")) {
      p.setObject(1, Sql.timestamp(now.minus(retention)));
      p.executeUpdate();
    }
  }

  private static Set<String> select(Connection c, String sql, Collection<String> ids, String instanceId, Instant at)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setArray(1, Sql.varchars(c, ids));
      if (instanceId != null) {
        p.setString(2, instanceId);
        p.setObject(3, Sql.timestamp(at));
      }
      Set<String> out = new HashSet<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  @Override
  public void release(String instanceId, Collection<String> targetIds) {
    Objects.requireNonNull(instanceId, "instanceId");
    if (targetIds.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("DELETE FROM target_leases WHERE instance_id = ? AND target_id = ANY(?)")) {
      p.setString(1, instanceId);
      p.setArray(2, Sql.varchars(c, new TreeSet<>(targetIds)));
      p.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("lease release", e);
    }
  }

  @Override
  public int liveInstances(Duration leaseTime) {
    requirePositive(leaseTime);
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM instances WHERE seen_at > ?")) {
      p.setObject(1, Sql.timestamp(clock.instant().minus(leaseTime)));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return Math.max(1, rs.getInt(1));
      }
    } catch (SQLException e) {
      throw Sql.failure("live instance count", e);
    }
  }

  private static void requirePositive(Duration leaseTime) {
    Objects.requireNonNull(leaseTime, "leaseTime");
    if (leaseTime.isNegative() || leaseTime.isZero()) {
      throw new IllegalArgumentException("leaseTime must be positive: " + leaseTime);
    }
  }
}
