package io.github.slothunter.store.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An embedded H2 file database for the store, its connections kept for reuse by a
 * {@link ConnectionCache}. H2 is an optional dependency: this class is only loaded when a host asks
 * for it (after checking H2 is there). {@code QUERY_CACHE_SIZE} is raised from 8 so each connection
 * keeps every statement the store uses parsed.
 *
 * <p>{@code WRITE_DELAY=0}: H2 2.x by default keeps committed changes in memory for up to 500 ms
 * before its MVStore writes them to the file, so a process killed in that window loses writes that
 * were already reported as done. With a delay of 0 the commit of a transaction that changed data
 * writes the new MVStore chunk to the file ({@code MVStore.commit()}, a synchronous write through
 * {@code FileChannel.write}) before the commit returns. It does not {@code fsync}: a committed write
 * survives the process dying ({@code kill -9}, a JVM crash: the operating system has the bytes),
 * not the machine losing power or the OS crashing before it flushes its page cache.
 */
public final class EmbeddedH2 implements AutoCloseable {
  /**
   * The settings that make H2 accept the PostgreSQL-flavoured schema and queries unchanged, and
   * write every commit to the file before it returns ({@code WRITE_DELAY=0}, see the class comment).
   */
  public static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
      + ";QUERY_CACHE_SIZE=64;WRITE_DELAY=0";
  private static final int MAX_IDLE = 16;

  private final ConnectionCache pool;

  private EmbeddedH2(ConnectionCache pool) {
    this.pool = pool;
  }

  /**
   * Opens (creating if needed) the database {@code slothunter} in the directory.
   *
   * @throws IllegalArgumentException for a directory path H2 cannot take in a URL
   */
  public static EmbeddedH2 open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    String path = dir.toString().replace('\\', '/');
    if (path.contains(";")) {
      throw new IllegalArgumentException("the H2 directory must not contain ';': " + dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store directory " + dir, e);
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + path + "/slothunter" + SETTINGS);
    h2.setUser("sa");
    h2.setPassword("");
    return new EmbeddedH2(new ConnectionCache(h2, MAX_IDLE));
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** Closes the idle connections; the database file closes with the last connection. */
  @Override
  public void close() {
    try {
      pool.close();
    } catch (SQLException e) {
      throw Sql.failure("close", e);
    }
  }
}
