package io.github.slothunter.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that passes through to a real one until told to fail: every connection, or every
 * statement whose SQL contains a fragment. Also fakes a foreign database product name.
 */
final class FaultyDataSource implements DataSource {
  private final DataSource delegate;
  volatile boolean down;
  volatile String failOn;
  volatile String productName;

  FaultyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      throw new SQLException("injected: connection refused", "08001");
    }
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  private Connection wrap(Connection real) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          String fragment = failOn;
          if (method.getName().equals("prepareStatement") && fragment != null && ((String) args[0]).contains(fragment)) {
            throw new SQLException("injected failure on " + fragment, "08006");
          }
          if (method.getName().equals("getMetaData") && productName != null) {
            DatabaseMetaData meta = real.getMetaData();
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? productName : m.invoke(meta, a));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
