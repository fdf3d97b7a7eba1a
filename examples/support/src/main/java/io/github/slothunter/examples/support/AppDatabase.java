package io.github.slothunter.examples.support;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's own database beside the engine's {@code JdbcStore}, on one connection pool they share: an
 * embedded H2 file in a directory (made owner-only: {@code 0700}, its files {@code 0600}) by default,
 * PostgreSQL or any H2 database by JDBC URL. Every commit is on disk before it returns (H2 runs with
 * {@code WRITE_DELAY=0}; a URL asking for another delay is refused), so what the app told a user
 * survives the process dying right after. The app's tables are created idempotently at open.
 *
 * <p>Both kinds are pooled by H2's small {@link JdbcConnectionPool} (it pools PostgreSQL's
 * {@link javax.sql.ConnectionPoolDataSource} too). Failures are {@link ErrorCode#STORE_UNAVAILABLE}
 * naming the operation and the SQL state, never the values. Thread-safe.
 */
public final class AppDatabase implements AutoCloseable {
  /**
   * The settings {@code JdbcStore.h2} uses too: H2 speaks the store's PostgreSQL-flavoured SQL, and
   * writes each commit to the file before the commit returns ({@code WRITE_DELAY=0}; H2's default
   * delays it up to 500 ms). No fsync: that survives the process dying, not the machine losing power.
   */
  public static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
      + ";QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  private static final Logger log = LoggerFactory.getLogger(AppDatabase.class);

  private final JdbcConnectionPool pool;
  private final String description;

  private AppDatabase(JdbcConnectionPool pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /** How to open an app's database. */
  public record Settings(String fileStem, String option, int maxConnections, String what, List<String> schema) {
    /**
     * Validates and copies.
     *
     * @param fileStem the embedded database's file name stem in its directory ({@code slothunter})
     * @param option the setting's name in error messages ({@code --db})
     * @param maxConnections the pool's size
     * @param what the tables' owner in error messages ({@code the server's tables})
     * @param schema idempotent DDL ({@code CREATE TABLE IF NOT EXISTS ...}), run in order at open
     */
    public Settings {
      Objects.requireNonNull(fileStem, "fileStem");
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(what, "what");
      schema = List.copyOf(schema);
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
      }
    }
  }

  /**
   * Opens the database and creates the app's tables if missing.
   *
   * @param location a JDBC URL ({@code jdbc:postgresql://...}, {@code jdbc:h2:...}) or a directory for an
   *     embedded H2 file database
   * @param user the database user, or {@code null} (PostgreSQL also reads it from the URL)
   * @param password the password, or {@code null}
   * @throws SlotHunterException {@code INVALID_INPUT} for an unsupported URL or a write delay,
   *     {@code STORE_UNAVAILABLE} when the database cannot be reached
   */
  public static AppDatabase open(String location, String user, String password, Settings settings) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(settings, "settings");
    JdbcConnectionPool pool;
    String description;
    Path embedded = null;
    if (location.startsWith("jdbc:postgresql:")) {
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      pg.setURL(location);
      if (user != null) {
        pg.setUser(user);
      }
      if (password != null) {
        pg.setPassword(password);
      }
      pool = JdbcConnectionPool.create(pg);
      description = "PostgreSQL " + redactUrl(location);
    } else if (location.startsWith("jdbc:h2:")) {
      String url = withoutWriteDelay(location, settings.option());
      pool = JdbcConnectionPool.create(url, user == null ? "sa" : user, password == null ? "" : password);
      description = "H2 " + redactUrl(url);
    } else if (location.startsWith("jdbc:")) {
      throw SlotHunterException.invalid(settings.option(), "supports jdbc:postgresql: and jdbc:h2: URLs or a"
          + " directory, not " + redactUrl(location));
    } else {
      Path dir = Path.of(location).toAbsolutePath().normalize();
      String path = dir.toString().replace('\\', '/');
      if (path.contains(";")) {
        throw SlotHunterException.invalid(settings.option(), "directory must not contain ';': " + dir);
      }
      ownerOnly(dir, false);
      pool = JdbcConnectionPool.create("jdbc:h2:file:" + path + "/" + settings.fileStem() + H2_SETTINGS, "sa", "");
      description = "embedded H2 in " + dir;
      embedded = dir;
    }
    pool.setMaxConnections(settings.maxConnections());
    AppDatabase db = new AppDatabase(pool, description);
    try {
      db.createSchema(settings);
      if (embedded != null) {
        ownerOnly(embedded, true); // H2 has created its files now
      }
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    log.info("database: {}", description);
    return db;
  }

  /** A private in-memory H2 database, gone when closed: for tests and throw-away runs. */
  public static AppDatabase inMemory(Settings settings) {
    // lives while the pool holds a connection open, that is until close()
    return open("jdbc:h2:mem:app-" + UUID.randomUUID() + H2_SETTINGS, null, null, settings);
  }

  /**
   * An H2 URL that writes every commit before it returns: {@code ;WRITE_DELAY=0} added when the URL
   * does not set it. A URL that sets another delay is refused: the app answers "saved" only for what a
   * crash cannot take back.
   *
   * @param option the setting's name in the error message
   * @throws SlotHunterException {@code INVALID_INPUT} for a URL with a {@code WRITE_DELAY} other than 0
   */
  public static String withoutWriteDelay(String url, String option) {
    String[] parts = url.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("WRITE_DELAY")) {
        if (parts[i].substring(eq + 1).trim().equals("0")) {
          return url;
        }
        throw SlotHunterException.invalid(option, "sets " + parts[i].trim() + ": H2 would then keep commits in memory"
            + " that long, and a crash would lose what was already confirmed; remove it or use WRITE_DELAY=0");
      }
    }
    return url + (url.endsWith(";") ? "" : ";") + "WRITE_DELAY=0";
  }

  /** A URL with any password parameter hidden. */
  public static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** A database failure: retryable, naming the operation and the SQL state (never the values). */
  public static SlotHunterException failure(String operation, SQLException e) {
    return new SlotHunterException(ErrorCode.STORE_UNAVAILABLE,
        "database failed to " + operation + " (SQL state " + e.getSQLState() + ")", e);
  }

  /** The directory {@code 0700}, and with {@code files} every file in it {@code 0600}. */
  private static void ownerOnly(Path dir, boolean files) {
    try {
      if (OwnerOnlyFiles.directory(dir)) {
        log.info("took group and other access away from the database directory {}", dir);
      }
      if (files) {
        OwnerOnlyFiles.restrictFiles(dir);
      }
    } catch (IOException e) {
      throw new SlotHunterException(ErrorCode.STORE_UNAVAILABLE, "cannot make the database directory " + dir
          + " owner-only", e);
    }
  }

  private void createSchema(Settings settings) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : settings.schema()) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw failure("create " + settings.what(), e);
    }
  }

  /** The pooled data source, for the engine's {@code JdbcStore} and the app's own SQL. */
  public DataSource dataSource() {
    return pool;
  }

  /** Runs one unit of work on a pooled connection (auto-commit unless the work says otherwise). */
  public <T> T run(String operation, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** Closes the pool. Idempotent. */
  @Override
  public void close() {
    pool.dispose();
  }

  /** Which database, without its password. */
  @Override
  public String toString() {
    return description;
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work. */
    T run(Connection c) throws SQLException;
  }
}
