package io.github.slothunter.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The smallest connection pool that keeps the benchmark honest (a host would use HikariCP):
 * closing a borrowed connection resets it and returns it to the idle queue.
 */
final class SimplePool implements DataSource, AutoCloseable {
  private final DataSource target;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  SimplePool(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real = idle.poll();
    if (real == null) {
      real = target.getConnection();
    }
    Connection borrowed = real;
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            if (!borrowed.getAutoCommit()) {
              borrowed.rollback();
              borrowed.setAutoCommit(true);
            }
            idle.offer(borrowed);
            return null;
          }
          try {
            return method.invoke(borrowed, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public void close() throws SQLException {
    Connection c;
    while ((c = idle.poll()) != null) {
      c.close();
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
