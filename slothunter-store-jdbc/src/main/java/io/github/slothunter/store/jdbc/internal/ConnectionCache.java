package io.github.slothunter.store.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps closed connections of an embedded database open for reuse: {@code close()} on a borrowed
 * connection rolls back an unfinished transaction, restores autocommit and parks it (up to
 * {@code maxIdle}); the next {@code getConnection()} takes it back. No limit on connections in use,
 * no validation, no eviction: an embedded H2 connection does not go stale. It halves the cost of
 * a short store call compared with H2's own {@code JdbcConnectionPool}, which rolls back and
 * re-wraps on every checkout. Thread-safe.
 */
final class ConnectionCache implements DataSource, AutoCloseable {
  private final DataSource target;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  ConnectionCache(DataSource target, int maxIdle) {
    this.target = target;
    this.maxIdle = maxIdle;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("the store's database is closed", "08003");
    }
    Connection physical = idle.pollFirst();
    if (physical != null) {
      idleCount.decrementAndGet();
    } else {
      physical = target.getConnection();
    }
    return borrowed(physical);
  }

  private Connection borrowed(Connection physical) {
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(ConnectionCache.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close":
              if (returned.compareAndSet(false, true)) {
                giveBack(physical);
              }
              return null;
            case "isClosed":
              return returned.get() || physical.isClosed();
            default:
              if (returned.get()) {
                throw new SQLException("connection already closed", "08003");
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
          }
        });
  }

  private void giveBack(Connection physical) throws SQLException {
    try {
      if (!physical.getAutoCommit()) {
        physical.rollback();
        physical.setAutoCommit(true);
      }
    } catch (SQLException e) {
      physical.close();
      throw e;
    }
    if (!closed) {
      if (idleCount.incrementAndGet() <= maxIdle) {
        idle.offerFirst(physical);
        if (closed && idle.remove(physical)) {
          physical.close(); // close() drained the idle connections while we parked this one
        }
        return;
      }
      idleCount.decrementAndGet();
    }
    physical.close();
  }

  /** Closes the idle connections; connections in use are closed when they are given back. */
  @Override
  public void close() throws SQLException {
    closed = true;
    SQLException first = null;
    Connection c;
    while ((c = idle.pollFirst()) != null) {
      try {
        c.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the store's connections use fixed credentials");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
