package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.examples.support.AppDatabase;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The bot's database: one connection pool shared by the engine's {@code JdbcStore} (watches, filters,
 * plans, patient books) and the bot's own tables ({@code bot_chats}, {@code bot_labels},
 * {@code bot_counters}, {@code bot_charges}, {@code bot_reminders}, see {@link BotStore}), created
 * idempotently at start. An embedded H2 file by default; PostgreSQL (or any H2 URL) by JDBC URL. An
 * embedded database's directory is made owner-only ({@code 0700}).
 *
 * <p>Both kinds are pooled by H2's small {@code JdbcConnectionPool} (see {@link AppDatabase}) (it pools PostgreSQL's
 * {@link javax.sql.ConnectionPoolDataSource} too), as the server example does. Thread-safe.
 */
final class BotDatabase implements AutoCloseable {
  /**
   * The settings {@code JdbcStore.h2} uses too: H2 speaks the store's PostgreSQL-flavoured SQL and
   * writes each commit to the file before the commit returns ({@code WRITE_DELAY=0}), so what the bot
   * told a user survives the process dying right after.
   */
  static final String H2_SETTINGS = AppDatabase.H2_SETTINGS;
  private static final int MAX_CONNECTIONS = 16;

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

  private static final AppDatabase.Settings SETTINGS =
      new AppDatabase.Settings("slothunter-bot", "--db", MAX_CONNECTIONS, "the bot's tables", SCHEMA);

  private final AppDatabase db;

  private BotDatabase(AppDatabase db) {
    this.db = db;
  }

  /**
   * Opens the database and creates the bot's tables if missing (see {@link AppDatabase#open}).
   *
   * @param location a JDBC URL ({@code jdbc:postgresql://...}, {@code jdbc:h2:...}) or a directory for an
   *     embedded H2 file database
   * @param user the database user, or {@code null} (PostgreSQL also reads it from the URL)
   * @param password the password, or {@code null}
   * @throws SlotHunterException {@code INVALID_INPUT} for an unsupported URL, {@code STORE_UNAVAILABLE}
   *     when the database cannot be reached
   */
  static BotDatabase open(String location, String user, String password) {
    return new BotDatabase(AppDatabase.open(location, user, password, SETTINGS));
  }

  /** A private in-memory H2 database, gone when closed: for tests and throw-away runs. */
  static BotDatabase inMemory() {
    return new BotDatabase(AppDatabase.inMemory(SETTINGS));
  }

  /** See {@link AppDatabase#withoutWriteDelay}. */
  static String withoutWriteDelay(String url) {
    return AppDatabase.withoutWriteDelay(url, SETTINGS.option());
  }

  /** A database failure: retryable, naming the operation and the SQL state (never the values). */
  static SlotHunterException failure(String operation, SQLException e) {
    return AppDatabase.failure(operation, e);
  }

  /** A URL with any password parameter hidden. */
  static String redactUrl(String url) {
    return AppDatabase.redactUrl(url);
  }

  /** The pooled data source, for the engine's {@code JdbcStore}. */
  DataSource dataSource() {
    return db.dataSource();
  }

  /** Runs one unit of work on a pooled connection (auto-commit). */
  <T> T run(String operation, AppDatabase.Work<T> work) {
    return db.run(operation, work);
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
