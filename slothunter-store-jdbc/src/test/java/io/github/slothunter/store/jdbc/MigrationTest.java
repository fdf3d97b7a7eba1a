package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.Watch;
import io.github.slothunter.store.jdbc.internal.Codec;
import io.github.slothunter.store.jdbc.internal.MigrationRunner;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationTest {
  @TempDir
  Path dir;

  private static List<MigrationRunner.Migration> shipped(int upTo) {
    return MigrationRunner.fromResources(JdbcStore.class, JdbcStore.MIGRATION_DIRECTORY,
        JdbcStore.MIGRATIONS.subList(0, upTo));
  }

  private static List<Object> version(int v, String description) {
    return List.of(v, description);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void migratesAnEmptyDatabaseToTheLatestVersion(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);

    db.open().close();

    assertThat(db.rows("SELECT version, description FROM slothunter_schema_version ORDER BY version"))
        .containsExactly(version(1, "init"), version(2, "open attempts"), version(3, "history window"),
            version(4, "event outbox"), version(5, "owner patients"), version(6, "plan ends"),
            version(7, "area watches"));
    assertThat(db.count("watches")).isZero();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void upgradesADatabaseAtVersionOneAndBackfillsItsRows(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    new MigrationRunner(shipped(1), Clock.systemUTC()).migrate(db.raw());
    Codec codec = new Codec();
    Watch watch = Fixtures.watch("w-1", "u1", Fixtures.target("dr-a"));
    BookingAttempt open = Fixtures.attempt("w-1", Fixtures.slot(Fixtures.target("dr-a"), 0), BookingAttempt.State.HELD, T0);
    db.update("INSERT INTO watches (id, owner, state, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        watch.id(), watch.owner(), watch.state().name(), codec.writeWatch(watch), T0.atOffset(ZoneOffset.UTC),
        T0.atOffset(ZoneOffset.UTC));
    db.update("INSERT INTO booking_attempts (attempt_key, watch_id, state, body, updated_at) VALUES (?, ?, ?, ?, ?)",
        open.key(), open.watchId(), open.state().name(), codec.writeAttempt(open), T0.atOffset(ZoneOffset.UTC));

    try (JdbcStore store = db.open()) {
      assertThat(store.openAttempts()).containsExactly(open);
      assertThat(store.loadWatches()).containsExactly(watch);
    }
    assertThat(db.count("slothunter_schema_version")).isEqualTo(JdbcStore.MIGRATIONS.size());
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void reopeningAMigratedDatabaseAppliesNothing(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    db.open().close();
    List<List<Object>> before = db.rows("SELECT version, checksum, applied_at FROM slothunter_schema_version ORDER BY version");

    db.open().close();

    assertThat(db.rows("SELECT version, checksum, applied_at FROM slothunter_schema_version ORDER BY version"))
        .isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void refusesToStartWhenAnAppliedMigrationWasChanged(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    MigrationRunner.Migration original = shipped(1).get(0);
    MigrationRunner.Migration edited = MigrationRunner.Migration.of("V1__init.sql", original.sql() + "\n-- edited\n");
    new MigrationRunner(List.of(edited), Clock.systemUTC()).migrate(db.raw());

    assertThatThrownBy(db::open)
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("V1 (init) was changed after it was applied")
        .hasMessageContaining(edited.checksum());
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void refusesToStartOnADatabaseMigratedByANewerLibrary(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    db.open().close();
    db.update("INSERT INTO slothunter_schema_version (version, description, checksum, applied_at) VALUES (8, 'future', 'x', ?)",
        T0.atOffset(ZoneOffset.UTC));

    assertThatThrownBy(db::open)
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("at version 8").hasMessageContaining("up to 7");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aFailingMigrationIsReportedAndNotRecorded(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    List<MigrationRunner.Migration> broken = new ArrayList<>(shipped(1));
    broken.add(MigrationRunner.Migration.of("V2__broken.sql", "CREATE TABLE broken (x NOSUCHTYPE)"));

    assertThatThrownBy(() -> new MigrationRunner(broken, Clock.systemUTC()).migrate(db.raw()))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
        .hasMessageContaining("V2 (broken) failed");
    assertThat(db.rows("SELECT version FROM slothunter_schema_version")).containsExactly(List.of(1));
  }

  @Test
  void concurrentStartsOnOneEmptyPostgresSchemaBothSucceed() throws Exception {
    TestDatabase db = TestDatabase.Kind.POSTGRES.create(dir);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<JdbcStore> opened = new ArrayList<>();
    try {
      List<Callable<JdbcStore>> starts = List.of(db::open, db::open);
      for (Future<JdbcStore> f : pool.invokeAll(starts, 60, TimeUnit.SECONDS)) {
        opened.add(f.get());
      }
    } finally {
      pool.shutdownNow();
      opened.forEach(JdbcStore::close);
    }

    assertThat(opened).hasSize(2);
    assertThat(db.count("slothunter_schema_version")).isEqualTo(JdbcStore.MIGRATIONS.size());
  }

  @Test
  void everyShippedScriptIsListedInOrder() throws IOException, URISyntaxException {
    Path migrations = Path.of(JdbcStore.class.getResource("/" + JdbcStore.MIGRATION_DIRECTORY).toURI());

    try (Stream<Path> files = Files.list(migrations)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(JdbcStore.MIGRATIONS);
    }
    assertThat(new MigrationRunner(shipped(JdbcStore.MIGRATIONS.size()), Clock.systemUTC()).latestVersion())
        .isEqualTo(JdbcStore.MIGRATIONS.size());
  }
}
