package io.github.slothunter.store.jdbc;

import io.github.slothunter.store.jdbc.internal.EmbeddedH2;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** An empty database a test can open stores on, again and again, and read raw. */
abstract class TestDatabase {
  /** Which database. */
  enum Kind {
    H2, POSTGRES;

    TestDatabase create(Path tempDir) {
      return this == H2 ? new H2Database(tempDir) : new PgDatabase(EmbeddedPg.newSchemaUrl());
    }
  }

  /**
   * The cases of a crash test: every step on every kind of database, and with each of {@code flags}
   * (outermost) when there are any: arguments {@code (kind, step)} or {@code (kind, step, flag)}.
   */
  static <E extends Enum<E>> java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases(E[] steps,
      boolean... flags) {
    List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
    for (int f = 0; f < Math.max(1, flags.length); f++) {
      for (Kind kind : Kind.values()) {
        for (E step : steps) {
          out.add(flags.length == 0 ? org.junit.jupiter.params.provider.Arguments.of(kind, step)
              : org.junit.jupiter.params.provider.Arguments.of(kind, step, flags[f]));
        }
      }
    }
    return out.stream();
  }

  static final byte[] KEY = key(1);
  static final byte[] OTHER_KEY = key(2);

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed * 31 + i);
    }
    return k;
  }

  /** Where this database is, for another process: {@code h2:<dir>} or {@code pg:<jdbc url>} (see {@link #builder(String)}). */
  abstract String location();

  /** A builder pointed at the database a {@link #location()} names, without key or clock. */
  static JdbcStore.Builder builder(String location) {
    if (location.startsWith("h2:")) {
      return JdbcStore.builder().h2(Path.of(location.substring(3)));
    }
    if (location.startsWith("pg:")) {
      return JdbcStore.builder().dataSource(EmbeddedPg.dataSource(location.substring(3)));
    }
    throw new IllegalArgumentException("not a database location: " + location);
  }

  /** A builder pointed at this database, without key or clock. */
  abstract JdbcStore.Builder builder();

  /** Direct access, bypassing the store. */
  abstract DataSource raw();

  JdbcStore open() {
    return open(KEY, Clock.systemUTC());
  }

  JdbcStore open(byte[] key, Clock clock) {
    return builder().encryptionKey(key).clock(clock).build();
  }

  void execute(String sql) {
    try (Connection c = raw().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  List<List<Object>> rows(String sql, Object... params) {
    try (Connection c = raw().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        p.setObject(i + 1, params[i]);
      }
      List<List<Object>> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  int update(String sql, Object... params) {
    try (Connection c = raw().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        p.setObject(i + 1, params[i]);
      }
      return p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String table) {
    return ((Number) rows("SELECT COUNT(*) FROM " + table).get(0).get(0)).longValue();
  }

  private static final class H2Database extends TestDatabase {
    private final Path dir;
    private final JdbcDataSource raw = new JdbcDataSource();

    H2Database(Path dir) {
      this.dir = dir;
      raw.setURL("jdbc:h2:file:" + dir.toAbsolutePath() + "/slothunter" + EmbeddedH2.SETTINGS);
      raw.setUser("sa");
      raw.setPassword("");
    }

    @Override
    JdbcStore.Builder builder() {
      return JdbcStore.builder().h2(dir);
    }

    @Override
    String location() {
      return "h2:" + dir.toAbsolutePath();
    }

    @Override
    DataSource raw() {
      return raw;
    }

    @Override
    public String toString() {
      return "H2";
    }
  }

  private static final class PgDatabase extends TestDatabase {
    private final String url;
    private final DataSource dataSource;

    PgDatabase(String url) {
      this.url = url;
      this.dataSource = EmbeddedPg.dataSource(url);
    }

    @Override
    String location() {
      return "pg:" + url;
    }

    @Override
    JdbcStore.Builder builder() {
      return JdbcStore.builder().dataSource(dataSource);
    }

    @Override
    DataSource raw() {
      return dataSource;
    }

    @Override
    public String toString() {
      return "PostgreSQL";
    }
  }
}
