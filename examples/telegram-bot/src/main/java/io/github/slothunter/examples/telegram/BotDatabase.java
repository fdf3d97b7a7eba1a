package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * The bot's database: one connection pool shared by the engine's {@code JdbcStore} (watches, filters,
 * plans, patient books) and the bot's own tables ({@code bot_chats}, {@code bot_labels},
 * {@code bot_counters}, {@code bot_charges}, {@code bot_reminders}, see {@link BotStore}), created
 * idempotently at start. An embedded H2 file by default; PostgreSQL (or any H2 URL) by JDBC URL. An
 * embedded database's directory is made owner-only ({@code 0700}).
 *
 * <p>Both kinds are pooled by H2's small {@link JdbcConnectionPool} (it pools PostgreSQL's
 * {@link javax.sql.ConnectionPoolDataSource} too), as the server example does. Thread-safe.
 */
final class BotDatabase implements AutoCloseable {
  /**
   * The settings {@code JdbcStore.h2} uses too: H2 speaks the store's PostgreSQL-flavoured SQL and
   * writes each commit to the file before the commit returns ({@code WRITE_DELAY=0}), so what the bot
   * told a user survives the process dying right after.
   */
  static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
      + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  private static final int MAX_CONNECTIONS = 16;
  private static final Logger log = LoggerFactory.getLogger(BotDatabase.class);

  private static final List<String> SCHEMA = List.of(
      // one row per chat; everything but the language and the menu counter is sealed (see BotStore)
      "CREATE TABLE IF NOT EXISTS bot_chats ("
          + " chat_id BIGINT PRIMARY KEY,"
          + " lang VARCHAR(8) NOT NULL,"
          + " flow INT NOT NULL,"
          + " sealed TEXT,"
          + " updated_at BIGINT NOT NULL)",
      // what a watch is shown as (doctor, center, service names from the lookup): no patient data
      "CREATE TABLE IF NOT EXISTS bot_labels ("
          + " owner_id VARCHAR(40) NOT NULL,"
          + " target_id VARCHAR(2000) NOT NULL,"
          + " label TEXT NOT NULL,"
          + " PRIMARY KEY (owner_id, target_id))",
      // what the bot told each chat, for /stats
      "CREATE TABLE IF NOT EXISTS bot_counters ("
          + " chat_id BIGINT NOT NULL,"
          + " name VARCHAR(40) NOT NULL,"
          + " amount BIGINT NOT NULL,"
          + " PRIMARY KEY (chat_id, name))",
      // Telegram Stars charges: applied at most once
      "CREATE TABLE IF NOT EXISTS bot_charges ("
          + " charge_id VARCHAR(256) PRIMARY KEY,"
          + " chat_id BIGINT NOT NULL,"
          + " plan VARCHAR(64) NOT NULL,"
          + " state VARCHAR(12) NOT NULL,"
          + " until_before BIGINT,"
          + " received_at BIGINT NOT NULL)",
      // the plan end each chat was last reminded of
      "CREATE TABLE IF NOT EXISTS bot_reminders ("
          + " chat_id BIGINT PRIMARY KEY,"
          + " plan_until BIGINT NOT NULL)");

  private final JdbcConnectionPool pool;
  private final String description;

  private BotDatabase(JdbcConnectionPool pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /**
   * Opens the database and creates the bot's tables if missing.
   *
   * @param location a JDBC URL ({@code jdbc:postgresql://...}, {@code jdbc:h2:...}) or a directory for an
   *     embedded H2 file database
   * @param user the database user, or {@code null} (PostgreSQL also reads it from the URL)
   * @param password the password, or {@code null}
   * @throws SlotHunterException {@code INVALID_INPUT} for an unsupported URL, {@code STORE_UNAVAILABLE}
   *     when the database cannot be reached
   */
  static BotDatabase open(String location, String user, String password) {
    Objects.requireNonNull(location, "location");
    JdbcConnectionPool pool;
    String description;
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
      String url = withoutWriteDelay(location);
      pool = JdbcConnectionPool.create(url, user == null ? "sa" : user, password == null ? "" : password);
      description = "H2 " + redactUrl(url);
    } else if (location.startsWith("jdbc:")) {
      throw SlotHunterException.invalid("--db", "supports jdbc:postgresql: and jdbc:h2: URLs or a directory, not "
          + redactUrl(location));
    } else {
      Path dir = Path.of(location).toAbsolutePath().normalize();
      String path = dir.toString().replace('\\', '/');
      if (path.contains(";")) {
        throw SlotHunterException.invalid("--db", "directory must not contain ';': " + dir);
      }
      ownerOnlyDirectory(dir);
      pool = JdbcConnectionPool.create("jdbc:h2:file:" + path + "/slothunter-bot" + H2_SETTINGS, "sa", "");
      description = "embedded H2 in " + dir;
    }
    pool.setMaxConnections(MAX_CONNECTIONS);
    BotDatabase db = new BotDatabase(pool, description);
    try {
      db.createSchema();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    log.info("database: {}", description);
    return db;
  }

  /**
   * An H2 URL that writes every commit before it returns: {@code ;WRITE_DELAY=0} added when the URL does
   * not set it; another delay is refused (a crash would lose what the bot already told users).
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for a URL with a {@code WRITE_DELAY} other than 0
   */
  static String withoutWriteDelay(String url) {
    for (String part : url.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("WRITE_DELAY")) {
        if (kv[1].strip().equals("0")) {
          return url;
        }
        throw SlotHunterException.invalid("--db", "sets " + part.strip() + ": H2 would keep commits in memory that"
            + " long and a crash would lose them; remove it or use WRITE_DELAY=0");
      }
    }
    return url + (url.endsWith(";") ? "" : ";") + "WRITE_DELAY=0";
  }

  /** A private in-memory H2 database, gone when closed: for tests and throw-away runs. */
  static BotDatabase inMemory() {
    // lives while the pool holds a connection open, that is until close()
    return open("jdbc:h2:mem:bot-" + UUID.randomUUID() + H2_SETTINGS, null, null);
  }

  private static void ownerOnlyDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      try {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException e) {
        // no POSIX permissions here: the directory's own access control applies
      }
    } catch (IOException e) {
      throw new SlotHunterException(ErrorCode.STORE_UNAVAILABLE, "cannot create the database directory " + dir, e);
    }
  }

  private void createSchema() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw failure("create the bot's tables", e);
    }
  }

  /** The pooled data source, for the engine's {@code JdbcStore}. */
  DataSource dataSource() {
    return pool;
  }

  /** Runs one unit of work on a pooled connection (auto-commit). */
  <T> T run(String operation, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** A database failure: retryable, naming the operation and the SQL state (never the values). */
  static SlotHunterException failure(String operation, SQLException e) {
    return new SlotHunterException(ErrorCode.STORE_UNAVAILABLE,
        "database failed to " + operation + " (SQL state " + e.getSQLState() + ")", e);
  }

  /** A URL with any password parameter hidden. */
  static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public void close() {
    pool.dispose();
  }

  @Override
  public String toString() {
    return description;
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    /** Does the work. */
    T run(Connection c) throws SQLException;
  }
}
