package io.github.slothunter.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionCacheTest {
  private final JdbcDataSource h2 = new JdbcDataSource();
  private final ConnectionCache cache;
  private final Connection keepAlive;

  ConnectionCacheTest() throws SQLException {
    h2.setURL("jdbc:h2:mem:cache" + System.nanoTime());
    keepAlive = h2.getConnection();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE t (x INT)");
    }
    cache = new ConnectionCache(h2, 1);
  }

  @AfterEach
  void closeAll() throws SQLException {
    cache.close();
    keepAlive.close();
  }

  private static int sessionId(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aClosedConnectionIsReusedByTheNextCaller() throws SQLException {
    int first;
    try (Connection c = cache.getConnection()) {
      first = sessionId(c);
    }

    try (Connection c = cache.getConnection()) {
      assertThat(sessionId(c)).isEqualTo(first);
    }
  }

  @Test
  void anUnfinishedTransactionIsRolledBackWhenTheConnectionIsGivenBack() throws SQLException {
    try (Connection c = cache.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO t VALUES (1)");
    }

    try (Connection c = cache.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void connectionsBeyondTheIdleLimitAreClosed() throws SQLException {
    Connection one = cache.getConnection();
    Connection two = cache.getConnection();
    int second = sessionId(two);

    one.close();
    two.close();

    try (Connection again = cache.getConnection()) {
      assertThat(sessionId(again)).isNotEqualTo(second);
    }
  }

  @Test
  void aGivenBackConnectionCannotBeUsedAgain() throws SQLException {
    Connection c = cache.getConnection();
    c.close();
    c.close();

    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("closed");
  }

  @Test
  void closingTheCacheClosesIdleConnectionsAndThoseInUseWhenGivenBack() throws SQLException {
    Connection inUse = cache.getConnection();
    cache.getConnection().close();

    cache.close();
    inUse.close();

    assertThatThrownBy(cache::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    try (Statement s = keepAlive.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void itUnwrapsOnlyToItself() throws SQLException {
    assertThat(cache.isWrapperFor(ConnectionCache.class)).isTrue();
    assertThat(cache.unwrap(ConnectionCache.class)).isSameAs(cache);
    assertThatThrownBy(() -> cache.unwrap(String.class)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> cache.getConnection("u", "p")).isInstanceOf(SQLException.class);
    cache.setLoginTimeout(3);
    assertThat(cache.getLoginTimeout()).isEqualTo(3);
    assertThat(cache.getLogWriter()).isNull();
  }
}
