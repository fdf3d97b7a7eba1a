package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies versioned SQL migrations in order and records each in {@value #TABLE} with a checksum.
 *
 * <p>Rules: versions are consecutive from 1; a migration already applied must be byte-for-byte the
 * same (line endings aside) as the one shipped, and a database at a version this code does not
 * know is refused, so an old library never writes to a schema a newer one changed. Each migration
 * runs in one transaction together with its version row (atomic on PostgreSQL; H2 commits DDL
 * implicitly, which is harmless there because an H2 file has one process). When several instances
 * start at once, the loser of a race finds the version applied and only verifies it.
 *
 * <p>Scripts hold plain statements separated by {@code ;}; whole-line {@code --} comments are
 * dropped; a {@code ;} must not appear inside a statement.
 */
public final class MigrationRunner {
  /** The table recording applied migrations. */
  public static final String TABLE = "slothunter_schema_version";

  private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

  /** One migration script. */
  public record Migration(int version, String description, String sql, String checksum) {
    /** Validates. */
    public Migration {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(checksum, "checksum");
    }

    /** A migration from a file name {@code V<n>__<description>.sql} and its text. */
    public static Migration of(String fileName, String sql) {
      Matcher m = NAME.matcher(fileName);
      if (!m.matches()) {
        throw new IllegalArgumentException("migration file name must look like V1__init.sql: " + fileName);
      }
      return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql, MigrationRunner.checksum(sql));
    }

    @Override
    public String toString() {
      return "V" + version + " (" + description + ")";
    }
  }

  private final List<Migration> migrations;
  private final Clock clock;

  /**
   * A runner for these migrations.
   *
   * @throws IllegalArgumentException unless the versions are 1, 2, 3... in order
   */
  public MigrationRunner(List<Migration> migrations, Clock clock) {
    this.migrations = List.copyOf(migrations);
    this.clock = Objects.requireNonNull(clock, "clock");
    for (int i = 0; i < this.migrations.size(); i++) {
      if (this.migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migration versions must be consecutive from 1: " + this.migrations);
      }
    }
  }

  /**
   * Reads {@code directory/<name>} for each name from the resources of {@code owner}'s module (its
   * class loader on the class path), in the given order. Read through a class, not a class loader:
   * in a named module the scripts' directory is an encapsulated package, which a class loader does
   * not show.
   */
  public static List<Migration> fromResources(Class<?> owner, String directory, List<String> fileNames) {
    List<Migration> out = new ArrayList<>();
    for (String name : fileNames) {
      String path = directory + "/" + name;
      try (InputStream in = owner.getResourceAsStream("/" + path)) {
        if (in == null) {
          throw new IllegalStateException("migration resource missing: " + path);
        }
        out.add(Migration.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read migration resource " + path, e);
      }
    }
    return out;
  }

  /** The highest version this runner knows. */
  public int latestVersion() {
    return migrations.size();
  }

  /**
   * Brings the schema up to {@link #latestVersion()}.
   *
   * @return the schema version now
   * @throws SlotHunterException {@code INVALID_INPUT} when an applied migration was changed or the
   *     database is newer than this code; {@code STORE_UNAVAILABLE} when the database fails
   */
  public int migrate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      createVersionTable(c);
      verify(applied(c));
      for (Migration m : migrations) {
        if (!applied(c).containsKey(m.version())) {
          apply(c, m);
        }
      }
      return latestVersion();
    } catch (SQLException e) {
      throw Sql.failure("schema migration", e);
    }
  }

  private static void createVersionTable(Connection c) throws SQLException {
    String ddl = "CREATE TABLE IF NOT EXISTS " + TABLE + " (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
        + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)";
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    } catch (SQLException e) {
      // PostgreSQL: two instances creating the table at once; the other one won
      try (Statement s = c.createStatement()) {
        s.execute(ddl);
      }
    }
  }

  private static Map<Integer, String> applied(Connection c) throws SQLException {
    Map<Integer, String> out = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + TABLE)) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  private void verify(Map<Integer, String> applied) {
    for (Map.Entry<Integer, String> e : applied.entrySet()) {
      int v = e.getKey();
      if (v > migrations.size()) {
        throw new SlotHunterException(ErrorCode.INVALID_INPUT, "database schema is at version " + v
            + " but this slothunter-store-jdbc knows versions up to " + migrations.size()
            + "; a newer SlotHunter wrote it: upgrade the library (never downgrade it on a migrated database)");
      }
      Migration m = migrations.get(v - 1);
      if (!m.checksum().equals(e.getValue())) {
        throw new SlotHunterException(ErrorCode.INVALID_INPUT, "schema migration " + m
            + " was changed after it was applied (checksum in the database " + e.getValue() + ", in the jar "
            + m.checksum() + "); applied migrations must never change: restore the original and add a new version");
      }
    }
  }

  private void apply(Connection c, Migration m) throws SQLException {
    long started = System.nanoTime();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        for (String statement : statements(m.sql())) {
          s.execute(statement);
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO " + TABLE + " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
        p.setInt(1, m.version());
        p.setString(2, m.description());
        p.setString(3, m.checksum());
        p.setObject(4, Sql.timestamp(clock.instant()));
        p.executeUpdate();
      }
      c.commit();
      log.info("applied schema migration {} in {} ms", m, (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      c.rollback();
      c.setAutoCommit(true);
      Map<Integer, String> now = applied(c);
      if (!now.containsKey(m.version())) {
        throw new SlotHunterException(ErrorCode.STORE_UNAVAILABLE,
            "schema migration " + m + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
      }
      // another instance applied it while we tried
      verify(now);
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The statements of a script: whole-line comments dropped, split on {@code ;}. */
  static List<String> statements(String sql) {
    StringBuilder b = new StringBuilder();
    for (String line : sql.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        b.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : b.toString().split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** SHA-256 of the script with line endings normalised, in hex. */
  static String checksum(String sql) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
