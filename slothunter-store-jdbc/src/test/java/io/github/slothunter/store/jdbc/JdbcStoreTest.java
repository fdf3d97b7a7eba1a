package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.T0;
import static io.github.slothunter.store.jdbc.Fixtures.opened;
import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.snapshot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static io.github.slothunter.store.jdbc.Fixtures.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.TargetSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour of the JDBC store beyond the shared contract: limits, atomicity, failures, configuration. */
class JdbcStoreTest {
  @TempDir
  Path dir;

  private final Target a = target("dr-a");

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void historyKeepsOnlyTheNewestEntriesUpToTheLimit(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    try (JdbcStore store = db.builder().encryptionKey(TestDatabase.KEY).historyLimit(5).build()) {
      for (int i = 0; i < 12; i++) {
        Slot s = slot(a, i);
        store.savePoll(snapshot(a, T0.plusSeconds(i), s), List.of(opened(s, T0.plusSeconds(i))), Map.of());
      }

      assertThat(store.history(a.id())).extracting(SlotChange::slot)
          .containsExactly(slot(a, 7), slot(a, 8), slot(a, 9), slot(a, 10), slot(a, 11));
      assertThat(db.count("slot_history")).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void historyBeyondTheLimitIsPrunedInBatches(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    try (JdbcStore store = db.builder().encryptionKey(TestDatabase.KEY).historyLimit(20).build()) {
      for (int i = 0; i < 25; i++) {
        Slot s = slot(a, i);
        store.savePoll(snapshot(a, T0.plusSeconds(i), s), List.of(opened(s, T0.plusSeconds(i))), Map.of());
      }

      assertThat(store.history(a.id())).hasSize(20).first().extracting(SlotChange::slot).isEqualTo(slot(a, 5));
      assertThat(db.count("slot_history")).isBetween(20L, 22L);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aPollThatFailsHalfwayLeavesNothingBehind(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    db.open().close();
    FaultyDataSource faulty = new FaultyDataSource(db.raw());
    try (JdbcStore store = JdbcStore.builder().dataSource(faulty).encryptionKey(TestDatabase.KEY).build()) {
      Slot s1 = slot(a, 0);
      Slot s2 = slot(a, 30);
      store.saveWatch(watch("w-1", "u1", a));
      TargetSnapshot first = snapshot(a, T0, s1);
      store.savePoll(first, List.of(opened(s1, T0)), Map.of("w-1", Set.of(s1.id())));
      faulty.failOn = "INSERT INTO announced";

      assertThatThrownBy(() -> store.savePoll(snapshot(a, T0.plusSeconds(30), s1, s2),
          List.of(opened(s2, T0.plusSeconds(30))), Map.of("w-1", Set.of(s1.id(), s2.id()))))
          .isInstanceOfSatisfying(SlotHunterException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getCause()).isInstanceOf(SQLException.class);
          })
          .hasMessageContaining("save poll");

      faulty.failOn = null;
      assertThat(store.loadSnapshot(a.id())).contains(first);
      assertThat(store.history(a.id())).containsExactly(opened(s1, T0));
      assertThat(store.announced("w-1")).containsExactly(s1.id());
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aSavedAttemptIsVisibleToOtherConnectionsWhenSaveReturns(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    try (JdbcStore store = db.open()) {
      BookingAttempt started = Fixtures.attempt("w-1", slot(a, 0), BookingAttempt.State.STARTED, T0);

      store.saveAttempt(started);

      assertThat(db.rows("SELECT state, is_open FROM booking_attempts WHERE attempt_key = ?", started.key()))
          .containsExactly(List.of("STARTED", true));
    }
  }

  @Test
  void databaseOutagesAreRetryableErrorsNamingTheOperation() {
    TestDatabase db = TestDatabase.Kind.H2.create(dir);
    FaultyDataSource faulty = new FaultyDataSource(db.raw());
    try (JdbcStore store = JdbcStore.builder().dataSource(faulty).encryptionKey(TestDatabase.KEY).build()) {
      faulty.down = true;

      assertThatThrownBy(store::loadWatches)
          .isInstanceOfSatisfying(SlotHunterException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(e.getCause()).isInstanceOf(SQLException.class);
          })
          .hasMessageContaining("load watches").hasMessageContaining("08001");
      assertThatThrownBy(() -> store.leases().claim("i-1", List.of("t"), Duration.ofSeconds(5)))
          .hasMessageContaining("lease claim");
      assertThatThrownBy(() -> store.leases().release("i-1", List.of("t"))).hasMessageContaining("lease release");
      assertThatThrownBy(() -> store.leases().liveInstances(Duration.ofSeconds(5))).hasMessageContaining("live instance");
    }
  }

  @Test
  void aStoreThatCannotConnectDoesNotStart() {
    FaultyDataSource faulty = new FaultyDataSource(TestDatabase.Kind.H2.create(dir).raw());
    faulty.down = true;

    assertThatThrownBy(() -> JdbcStore.builder().dataSource(faulty).encryptionKey(TestDatabase.KEY).build())
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
  }

  @Test
  void databasesOtherThanPostgresAndH2AreRefused() {
    FaultyDataSource mysql = new FaultyDataSource(TestDatabase.Kind.H2.create(dir).raw());
    mysql.productName = "MySQL";

    assertThatThrownBy(() -> JdbcStore.builder().dataSource(mysql).encryptionKey(TestDatabase.KEY).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MySQL").hasMessageContaining("PostgreSQL");
  }

  @Test
  void theEmbeddedFactoryCreatesTheDatabaseInTheGivenDirectory() {
    Path nested = dir.resolve("data/slothunter");

    try (JdbcStore store = JdbcStore.h2(nested, TestDatabase.KEY)) {
      store.saveOwnerPlan("u1", "PRO");

      assertThat(store).hasToString("JdbcStore[H2]");
    }

    assertThat(nested.resolve("slothunter.mv.db")).exists();
    try (JdbcStore reopened = JdbcStore.h2(nested, TestDatabase.KEY)) {
      assertThat(reopened.ownerPlan("u1")).contains("PRO");
    }
  }

  @Test
  void aClosedStoreRefusesCallsAndClosingAgainIsHarmless() {
    JdbcStore store = TestDatabase.Kind.H2.create(dir).open();

    store.close();
    store.close();

    assertThat(store.toString()).contains("closed");
    assertThatThrownBy(store::loadWatches).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.saveOwnerPlan("u1", "PRO")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingLeavesTheHostsDataSourceUsable() {
    TestDatabase db = TestDatabase.Kind.POSTGRES.create(dir);
    JdbcStore store = db.open();
    store.saveOwnerPlan("u1", "PRO");

    store.close();

    assertThat(db.rows("SELECT plan_name FROM owner_plans")).containsExactly(List.of("PRO"));
  }

  @Test
  void writeTimesComeFromTheStoresClock() {
    MutableClock clock = new MutableClock("2030-01-02T03:04:05.123456789Z");
    TestDatabase db = TestDatabase.Kind.H2.create(dir);
    try (JdbcStore store = db.open(TestDatabase.KEY, clock)) {
      store.saveWatch(watch("w-1", "u1", a));
    }

    Object updatedAt = db.rows("SELECT updated_at FROM watches").get(0).get(0);

    assertThat(((OffsetDateTime) updatedAt).toInstant()).isEqualTo("2030-01-02T03:04:05.123456Z");
  }

  @Test
  void theBuilderRefusesIncompleteOrInvalidConfiguration() {
    assertThatThrownBy(() -> JdbcStore.builder().encryptionKey(TestDatabase.KEY).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> JdbcStore.builder().h2(dir).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("newEncryptionKey");
    assertThatThrownBy(() -> JdbcStore.builder().encryptionKey(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> JdbcStore.builder().historyLimit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcStore.h2(dir.resolve("a;b"), TestDatabase.KEY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(";");
  }

  @Test
  void newKeysAreRandom256BitKeys() {
    byte[] one = JdbcStore.newEncryptionKey();
    byte[] two = JdbcStore.newEncryptionKey();

    assertThat(one).hasSize(32).isNotEqualTo(two);
  }

  @Test
  void theKeyIsCopiedSoTheHostMayWipeItsArray() {
    byte[] key = TestDatabase.key(7);
    TestDatabase db = TestDatabase.Kind.H2.create(dir);
    try (JdbcStore store = db.builder().encryptionKey(key).build()) {
      java.util.Arrays.fill(key, (byte) 0);
      store.saveWatch(Fixtures.autoBookWatch("w-1", "u1", a));
    }

    try (JdbcStore store = db.open(TestDatabase.key(7), java.time.Clock.systemUTC())) {
      assertThat(store.loadWatches()).hasSize(1);
    }
    assertThat(Files.exists(dir.resolve("slothunter.mv.db"))).isTrue();
  }
}
