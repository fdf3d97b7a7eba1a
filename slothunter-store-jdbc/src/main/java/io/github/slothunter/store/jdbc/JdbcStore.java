package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Subscription;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.spi.TargetLeases;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import io.github.slothunter.store.jdbc.internal.Codec;
import io.github.slothunter.store.jdbc.internal.Dialect;
import io.github.slothunter.store.jdbc.internal.EmbeddedH2;
import io.github.slothunter.store.jdbc.internal.JdbcLeases;
import io.github.slothunter.store.jdbc.internal.MigrationRunner;
import io.github.slothunter.store.jdbc.internal.Outbox;
import io.github.slothunter.store.jdbc.internal.OwnerPatients;
import io.github.slothunter.store.jdbc.internal.Polls;
import io.github.slothunter.store.jdbc.internal.SecretBox;
import io.github.slothunter.store.jdbc.internal.Sql;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} in a relational database: an embedded H2 file by default, PostgreSQL in
 * production, where several engine instances can share it through {@link #leases()}.
 *
 * <pre>{@code
 * // embedded, in a directory the host chooses
 * Store store = JdbcStore.h2(Path.of("/var/lib/myapp/slothunter"), key);
 * // PostgreSQL through the host's pool (HikariCP or any DataSource)
 * Store store = JdbcStore.builder().dataSource(hikari).encryptionKey(key).build();
 * SlotHunter hunter = SlotHunter.builder().store(store).build();   // the engine closes the store
 * }</pre>
 *
 * <p><b>Schema.</b> On start the store brings the schema up to date with its own versioned
 * migrations (tables {@code watches}, {@code watch_secrets}, {@code snapshots},
 * {@code slot_history}, {@code announced}, {@code booking_attempts}, {@code owner_plans},
 * {@code owner_patients}, {@code target_leases}, {@code instances}, and {@code slothunter_schema_version} recording what
 * was applied). It refuses to start, with {@link ErrorCode#INVALID_INPUT}, when an applied
 * migration was changed or the database was migrated by a newer version of this library. Use a
 * dedicated schema (PostgreSQL {@code currentSchema}) if the database is shared.
 *
 * <p><b>Patient data at rest.</b> The patient and account session of an auto-booking watch are
 * never stored in clear: they are serialised together, encrypted with AES-256-GCM under the
 * host's 32-byte key with a fresh random 12-byte IV per write, and stored as
 * {@code [1][IV][ciphertext+tag]} in {@code watch_secrets}; the watch id is the associated data,
 * so a row copied to another watch does not decrypt. The rest of a watch (doctor, targets,
 * filter, plan, state) is plain JSON. Each entry of an owner's patient book (its label, which is
 * often a name, and the patient) is sealed the same way in {@code owner_patients}; the row is found by
 * an HMAC-SHA-256 digest of the owner and the label under a key derived from the same key, and the
 * owner and that digest are the associated data, so neither a name, a national code nor a mobile is
 * in the database in clear and a row copied to another owner or label does not decrypt. Keep the key outside the database (a secret manager, an
 * owner-only file); {@link #newEncryptionKey()} makes one. Opening a store with a different key
 * works, but loading an auto-booking watch then fails with {@link ErrorCode#INVALID_INPUT}
 * ("the store's encryption key is not the one they were written with") instead of returning
 * garbage. Key rotation is not supported yet.
 *
 * <p><b>Transactions.</b> {@link #savePoll} writes the snapshot, the history, the announced
 * ids and the poll's events (the outbox, table {@code event_outbox}) in one transaction;
 * {@link #saveWatch} writes a watch and its secret together; {@link #saveAttempt} writes the
 * attempt and its events together and has committed when it returns. The outbox keeps the events
 * that report stored state ({@code SlotOpened}, {@code SlotGone}, {@code HoldPlaced}, {@code
 * HoldOutcomeUnknown}, {@code BookingSucceeded}, {@code BookingFailed}, {@code BookingOutcomeUnknown}) until
 * they are marked
 * delivered. Times are stored to the microsecond.
 * Slot history keeps the newest {@linkplain Builder#historyLimit(int) history limit} entries per
 * target; older rows are pruned as new ones arrive. Snapshots of targets nobody watches any more
 * are kept (the {@link Store} contract has no call to drop them); heartbeats of long-dead
 * instances are deleted by {@link TargetLeases#claim}.
 *
 * <p><b>Durability.</b> A write call that returns has committed, and what the engine reports as
 * done (a watch the host was told is saved, a booking step, an event it publishes) was written by
 * such a call first. How durable a commit is depends on the database:
 * <ul>
 *   <li>Embedded H2 ({@link #h2}, {@link Builder#h2}): the database is opened with
 *       {@code WRITE_DELAY=0}, so each commit is written to the file before it returns (H2's default
 *       keeps commits in memory for up to 500 ms, and a process killed within that time lost writes it
 *       had already confirmed). Commits are not {@code fsync}ed: they survive the process being killed
 *       ({@code kill -9}, a JVM crash, the OOM killer), not the machine losing power or the operating
 *       system crashing before it writes its page cache out. Use PostgreSQL where that matters.
 *   <li>PostgreSQL: durability is the server's. Keep {@code synchronous_commit} on (its default;
 *       {@code local}, {@code remote_write} and {@code remote_apply} are fine too) and {@code fsync} on,
 *       for the store's database or role; with {@code synchronous_commit = off} a server crash can lose
 *       the last commits the store already reported as done.
 * </ul>
 * On open the store logs a warning when it sees a data source that can lose confirmed writes (an H2
 * file database with a {@code WRITE_DELAY} above 0, PostgreSQL with {@code synchronous_commit} off).
 *
 * <p><b>Cost.</b> Every call is one short transaction of a few statements on a connection from
 * the data source (H2's are kept open for reuse), so start-up time grows with the engine's
 * per-watch reads: measure with {@code PollWriteBenchmark} in the test sources.
 *
 * <p><b>Errors.</b> Database failures are {@link SlotHunterException}s with
 * {@link ErrorCode#STORE_UNAVAILABLE} (retryable) naming the operation and SQL state, with the
 * {@link SQLException} as cause; stored data that cannot be read is {@link ErrorCode#PROTOCOL}.
 * Personal data never appears in a message.
 *
 * <p>Thread-safe: every method may be called from any thread; each uses its own connection.
 */
public final class JdbcStore implements Store {
  /** The default {@linkplain Builder#historyLimit(int) history limit} per target, as in the in-memory store. */
  public static final int DEFAULT_HISTORY_LIMIT = 10_000;

  /** Where the migration scripts live: not {@code db/migration}, so a host's Flyway never picks them up. */
  static final String MIGRATION_DIRECTORY = "io/github/slothunter/store/jdbc/migration";
  /** The migrations in order; append only. */
  static final List<String> MIGRATIONS = List.of("V1__init.sql", "V2__open_attempts.sql", "V3__history_window.sql",
      "V4__event_outbox.sql", "V5__owner_patients.sql", "V6__plan_ends.sql",
      "V7__area_watches.sql");

  private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;
  private final EmbeddedH2 embedded;
  private final Dialect dialect;
  private final Clock clock;
  private final SecretBox box;
  private final Codec codec = new Codec();
  private final JdbcLeases leases;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String upsertWatch;
  private final String upsertSecret;
  private final String upsertAttempt;
  private final String upsertPlan;
  private final Outbox outbox;
  private final OwnerPatients ownerPatients;
  private final Polls polls;

  private JdbcStore(Builder b, EmbeddedH2 embedded) {
    this.embedded = embedded;
    this.dataSource = embedded != null ? embedded.dataSource() : b.dataSource;
    this.clock = b.clock;
    this.box = new SecretBox(b.encryptionKey, RANDOM);
    try (Connection c = dataSource.getConnection()) {
      this.dialect = Dialect.of(c);
      dialect.durabilityProblem(c).ifPresent(problem -> log.warn("the store may lose confirmed writes: {}", problem));
    } catch (SQLException e) {
      throw Sql.failure("open", e);
    }
    int version = new MigrationRunner(MigrationRunner.fromResources(JdbcStore.class,
        MIGRATION_DIRECTORY, MIGRATIONS), clock).migrate(dataSource);
    this.leases = new JdbcLeases(dataSource, dialect, clock);
    this.upsertWatch = dialect.upsert("watches", List.of("id"),
        List.of("id", "owner", "state", "body", "created_at", "updated_at", "area"));
    this.upsertSecret = dialect.upsert("watch_secrets", List.of("watch_id"), List.of("watch_id", "sealed"));
    this.polls = new Polls(codec, dialect, b.historyLimit);
    this.outbox = new Outbox(codec, dialect);
    this.ownerPatients = new OwnerPatients(codec, box);
    this.upsertAttempt = dialect.upsert("booking_attempts", List.of("attempt_key"),
        List.of("attempt_key", "watch_id", "state", "is_open", "body", "updated_at"));
    this.upsertPlan = dialect.upsert("owner_plans", List.of("owner"), List.of("owner", "plan_name", "plan_until"));
    log.info("JdbcStore opened on {} (schema version {})", dialect, version);
  }

  /**
   * A store in an embedded H2 database in {@code directory} (created if missing; the files are
   * {@code slothunter.*.db}), with the system clock. The store owns the database and closes it in
   * {@link #close()}. Needs {@code com.h2database:h2} 2.x on the class path (on the module path, the
   * module {@code com.h2database} in the module graph).
   *
   * @param encryptionKey 32 bytes (AES-256) protecting patient details; see the class comment
   * @throws IllegalArgumentException if the key is not 32 bytes
   * @throws IllegalStateException if H2 is not on the class path
   * @throws SlotHunterException {@code INVALID_INPUT} if the schema cannot be used (see the class
   *     comment), {@code STORE_UNAVAILABLE} if the database cannot be opened
   */
  public static JdbcStore h2(Path directory, byte[] encryptionKey) {
    return builder().h2(directory).encryptionKey(encryptionKey).build();
  }

  /** Starts configuring a store. */
  public static Builder builder() {
    return new Builder();
  }

  /** A new random 32-byte key for {@link Builder#encryptionKey(byte[])}; store it safely, it cannot be recovered. */
  public static byte[] newEncryptionKey() {
    byte[] key = new byte[SecretBox.KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  // ------------------------------------------------------------------ watches

  @Override
  public void saveWatch(Watch watch) {
    Objects.requireNonNull(watch, "watch");
    ensureOpen();
    String body = codec.writeWatch(watch);
    byte[] sealed = null;
    if (watch.autoBook() != null) {
      byte[] plain = codec.writeSecret(watch.autoBook());
      sealed = box.seal(plain, watch.id());
      java.util.Arrays.fill(plain, (byte) 0);
    }
    byte[] secret = sealed;
    transaction("save watch", c -> {
      try (PreparedStatement p = c.prepareStatement(upsertWatch)) {
        p.setString(1, watch.id());
        p.setString(2, watch.owner());
        p.setString(3, watch.state().name());
        p.setString(4, body);
        p.setObject(5, Sql.timestamp(watch.createdAt()));
        p.setObject(6, Sql.timestamp(clock.instant()));
        p.setString(7, watch.area() == null ? null : watch.area().query().providerId() + ":" + watch.area().city() + "/"
            + watch.area().specialty());
        p.executeUpdate();
      }
      if (secret != null) {
        try (PreparedStatement p = c.prepareStatement(upsertSecret)) {
          p.setString(1, watch.id());
          p.setBytes(2, secret);
          p.executeUpdate();
        }
      } else {
        update(c, "DELETE FROM watch_secrets WHERE watch_id = ?", watch.id());
      }
      return null;
    });
  }

  @Override
  public void deleteWatch(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    ensureOpen();
    // secrets and announced ids go with it (ON DELETE CASCADE); booking attempts stay as idempotency records
    transaction("delete watch", c -> update(c, "DELETE FROM watches WHERE id = ?", watchId));
  }

  @Override
  public List<Watch> loadWatches() {
    ensureOpen();
    List<String[]> rows = new ArrayList<>();
    List<byte[]> sealed = new ArrayList<>();
    transaction("load watches", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT w.id, w.body, s.sealed FROM watches w"
          + " LEFT JOIN watch_secrets s ON s.watch_id = w.id WHERE w.state <> 'CANCELLED' ORDER BY w.created_at, w.id")) {
        p.setFetchSize(1000); // streams on PostgreSQL (inside a transaction) instead of buffering every row
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rows.add(new String[] {rs.getString(1), rs.getString(2)});
            sealed.add(rs.getBytes(3));
          }
        }
      }
      return null;
    });
    List<Watch> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String id = rows.get(i)[0];
      Codec.Secret secret = null;
      if (sealed.get(i) != null) {
        byte[] plain = box.open(sealed.get(i), id);
        secret = codec.readSecret(plain);
        java.util.Arrays.fill(plain, (byte) 0);
      }
      out.add(codec.readWatch(rows.get(i)[1], secret));
    }
    return out;
  }

  // ------------------------------------------------------------------ polls

  @Override
  public Optional<TargetSnapshot> loadSnapshot(String targetId) {
    Objects.requireNonNull(targetId, "targetId");
    ensureOpen();
    return query("load snapshot", c -> polls.loadSnapshot(c, targetId));
  }

  /**
   * {@inheritDoc}
   *
   * <p>In one transaction. Announced ids are stored per (watch, polled target) and only the
   * differences are written; ids for watches that are not stored are ignored.
   */
  @Override
  public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch) {
    savePoll(snapshot, changes, announcedByWatch, List.of(), "");
  }

  /** {@inheritDoc} The events go into the outbox in the poll's transaction. */
  @Override
  public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch,
      List<SlotEvent> events, String publisher) {
    Objects.requireNonNull(snapshot, "snapshot");
    List<Outbox.Row> rows = outbox.rows(events);
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(announcedByWatch, "announcedByWatch");
    ensureOpen();
    Polls.Encoded poll = polls.encode(snapshot, changes);
    transaction("save poll", c -> {
      polls.save(c, poll, announcedByWatch);
      outbox.insert(c, rows, publisher);
      return null;
    });
    polls.saved(poll);
  }

  @Override
  public Set<String> watchIds() {
    ensureOpen();
    return query("load watch ids", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM watches WHERE state <> 'CANCELLED'")) {
        p.setFetchSize(1000);
        Set<String> out = new HashSet<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<Watch> loadWatch(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    ensureOpen();
    String[] row = new String[2];
    byte[][] sealed = new byte[1][];
    boolean found = query("load watch", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT w.id, w.body, s.sealed FROM watches w"
          + " LEFT JOIN watch_secrets s ON s.watch_id = w.id WHERE w.id = ? AND w.state <> 'CANCELLED'")) {
        p.setString(1, watchId);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          row[0] = rs.getString(1);
          row[1] = rs.getString(2);
          sealed[0] = rs.getBytes(3);
          return true;
        }
      }
    });
    if (!found) {
      return Optional.empty();
    }
    Codec.Secret secret = null;
    if (sealed[0] != null) {
      byte[] plain = box.open(sealed[0], row[0]);
      secret = codec.readSecret(plain);
      java.util.Arrays.fill(plain, (byte) 0);
    }
    return Optional.of(codec.readWatch(row[1], secret));
  }

  @Override
  public Map<String, Set<String>> announced(java.util.Collection<String> watchIds) {
    Objects.requireNonNull(watchIds, "watchIds");
    ensureOpen();
    Set<String> wanted = new HashSet<>(watchIds);
    return query("load announced (all)", c -> polls.announced(c, wanted));
  }

  @Override
  public Set<String> announced(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    ensureOpen();
    return query("load announced", c -> polls.announced(c, watchId));
  }

  /** {@inheritDoc} At most the {@linkplain Builder#historyLimit(int) history limit} newest entries. */
  @Override
  public List<SlotChange> history(String targetId) {
    Objects.requireNonNull(targetId, "targetId");
    ensureOpen();
    return query("load history", c -> polls.history(c, targetId));
  }

  // ------------------------------------------------------------------ booking attempts

  @Override
  public Optional<BookingAttempt> attempt(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    List<BookingAttempt> found = attempts("load attempt", "SELECT body FROM booking_attempts WHERE attempt_key = ?", key);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** {@inheritDoc} Committed (autocommit) before it returns. */
  @Override
  public void saveAttempt(BookingAttempt attempt) {
    saveAttempt(attempt, List.of(), "");
  }

  /** {@inheritDoc} The attempt and the events are committed in one transaction before it returns. */
  @Override
  public void saveAttempt(BookingAttempt attempt, List<SlotEvent> events, String publisher) {
    Objects.requireNonNull(attempt, "attempt");
    ensureOpen();
    String body = codec.writeAttempt(attempt);
    List<Outbox.Row> rows = outbox.rows(events);
    transaction("save attempt", c -> {
      try (PreparedStatement p = c.prepareStatement(upsertAttempt)) {
        p.setString(1, attempt.key());
        p.setString(2, attempt.watchId());
        p.setString(3, attempt.state().name());
        p.setBoolean(4, attempt.open());
        p.setString(5, body);
        p.setObject(6, Sql.timestamp(attempt.updatedAt()));
        p.executeUpdate();
      }
      outbox.insert(c, rows, publisher);
      return null;
    });
  }

  // ------------------------------------------------------------------ outbox

  @Override
  public void saveEvents(List<SlotEvent> events, String publisher) {
    ensureOpen();
    List<Outbox.Row> rows = outbox.rows(events);
    if (!rows.isEmpty()) {
      transaction("save events", c -> {
        outbox.insert(c, rows, publisher);
        return null;
      });
    }
  }

  @Override
  public List<SlotEvent> undelivered(String publisher) {
    ensureOpen();
    return query("load undelivered events", c -> outbox.undelivered(c, publisher));
  }

  @Override
  public void markDelivered(Collection<String> eventIds) {
    Objects.requireNonNull(eventIds, "eventIds");
    ensureOpen();
    if (!eventIds.isEmpty()) {
      query("mark events delivered", c -> outbox.delete(c, eventIds));
    }
  }

  @Override
  public List<BookingAttempt> attempts(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    ensureOpen();
    return attempts("load attempts",
        "SELECT body FROM booking_attempts WHERE watch_id = ? ORDER BY updated_at, attempt_key", watchId);
  }

  @Override
  public List<BookingAttempt> openAttempts() {
    ensureOpen();
    return attempts("load open attempts",
        "SELECT body FROM booking_attempts WHERE is_open = TRUE ORDER BY updated_at, attempt_key", null);
  }

  private List<BookingAttempt> attempts(String operation, String sql, String parameter) {
    return query(operation, c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        if (parameter != null) {
          p.setString(1, parameter);
        }
        List<BookingAttempt> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(codec.readAttempt(rs.getString(1)));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  // ------------------------------------------------------------------ plans, leases, lifecycle

  @Override
  public Optional<String> ownerPlan(String owner) {
    return subscription(owner).map(Subscription::planName);
  }

  @Override
  public void saveOwnerPlan(String owner, String planName) {
    saveSubscription(Subscription.unlimited(owner, planName));
  }

  @Override
  public Optional<Subscription> subscription(String owner) {
    Objects.requireNonNull(owner, "owner");
    ensureOpen();
    return query("load owner plan", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT plan_name, plan_until FROM owner_plans WHERE owner = ?")) {
        p.setString(1, owner);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(new Subscription(owner, rs.getString(1), Sql.instantOrNull(rs, 2)))
              : Optional.empty();
        }
      }
    });
  }

  /** {@inheritDoc} Committed before it returns. */
  @Override
  public void saveSubscription(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    ensureOpen();
    query("save owner plan", c -> {
      try (PreparedStatement p = c.prepareStatement(upsertPlan)) {
        p.setString(1, subscription.owner());
        p.setString(2, subscription.planName());
        p.setObject(3, subscription.until() == null ? null : Sql.timestamp(subscription.until()));
        return p.executeUpdate();
      }
    });
  }

  @Override
  public List<Subscription> endingSubscriptions() {
    ensureOpen();
    return query("load plan ends", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT owner, plan_name, plan_until FROM owner_plans WHERE plan_until IS NOT NULL ORDER BY owner")) {
        List<Subscription> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new Subscription(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  // ------------------------------------------------------------------ patient books

  @Override
  public void saveOwnerPatient(String owner, OwnerPatient patient) {
    Objects.requireNonNull(patient, "patient");
    saveOwnerPatients(owner, List.of(patient));
  }

  /** {@inheritDoc} In one transaction: all of them or none. */
  @Override
  public void saveOwnerPatients(String owner, List<OwnerPatient> patients) {
    Objects.requireNonNull(owner, "owner");
    ensureOpen();
    OwnerPatients.Sealed sealed = ownerPatients.seal(owner, List.copyOf(patients));
    java.time.Instant now = clock.instant();
    transaction("save owner patients", c -> {
      ownerPatients.save(c, owner, sealed, now);
      return null;
    });
  }

  @Override
  public List<OwnerPatient> ownerPatients(String owner) {
    Objects.requireNonNull(owner, "owner");
    ensureOpen();
    return ownerPatients.open(owner, query("load owner patients", c -> ownerPatients.load(c, owner)));
  }

  @Override
  public boolean deleteOwnerPatient(String owner, String label) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(label, "label");
    ensureOpen();
    String key = ownerPatients.key(owner, label);
    return transaction("delete owner patient", c -> ownerPatients.delete(c, owner, key));
  }

  /**
   * Leases in this database: each target is polled by one live instance at a time; see
   * {@link TargetLeases}. Rows are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so
   * instances never wait for each other, and a dead instance's targets move within one lease time.
   * Instances need clocks synchronised well within the lease time.
   */
  @Override
  public TargetLeases leases() {
    return leases;
  }

  /** Closes the embedded database if this store opened it; a host's {@link DataSource} is left open. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && embedded != null) {
      embedded.close();
      log.info("JdbcStore closed");
    }
  }

  @Override
  public String toString() {
    return "JdbcStore[" + dialect + (closed.get() ? ", closed" : "") + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the store is closed");
    }
  }

  private <T> T query(String operation, Sql.Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw Sql.failure(operation, e);
    }
  }

  private <T> T transaction(String operation, Sql.Work<T> work) {
    return query(operation, c -> Sql.inTransaction(c, work));
  }

  private static int update(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, parameter);
      return p.executeUpdate();
    }
  }

  /** Configures a {@link JdbcStore}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private Path h2Directory;
    private byte[] encryptionKey;
    private Clock clock = Clock.systemUTC();
    private int historyLimit = DEFAULT_HISTORY_LIMIT;

    private Builder() {}

    /**
     * The database, typically PostgreSQL through the host's connection pool. The store does not
     * close it. Give the store its own schema (or database) if others share it.
     */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      this.h2Directory = null;
      return this;
    }

    /** An embedded H2 database in this directory instead of a {@link DataSource}; the store owns and closes it. */
    public Builder h2(Path directory) {
      this.h2Directory = Objects.requireNonNull(directory, "directory");
      this.dataSource = null;
      return this;
    }

    /**
     * The 32-byte AES-256 key protecting patient details (copied). Required.
     *
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public Builder encryptionKey(byte[] value) {
      Objects.requireNonNull(value, "encryptionKey");
      if (value.length != SecretBox.KEY_BYTES) {
        throw new IllegalArgumentException("encryptionKey must be " + SecretBox.KEY_BYTES
            + " bytes (AES-256), got " + value.length);
      }
      this.encryptionKey = value.clone();
      return this;
    }

    /** The clock for every stored time (lease expiry, heartbeats, write times); default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How many history entries are kept per target, newest first (default
     * {@value JdbcStore#DEFAULT_HISTORY_LIMIT}).
     *
     * @throws IllegalArgumentException unless 1 to 1,000,000
     */
    public Builder historyLimit(int value) {
      if (value < 1 || value > 1_000_000) {
        throw new IllegalArgumentException("historyLimit must be 1-1000000: " + value);
      }
      this.historyLimit = value;
      return this;
    }

    /**
     * Opens the store and migrates its schema.
     *
     * @throws IllegalStateException without a data source or H2 directory, without a key, or
     *     when {@link #h2(Path)} is used and H2 is not on the class path
     * @throws IllegalArgumentException for a database other than PostgreSQL or H2
     * @throws SlotHunterException {@code INVALID_INPUT} if the schema cannot be used (see the class
     *     comment), {@code STORE_UNAVAILABLE} if the database fails
     */
    public JdbcStore build() {
      if (dataSource == null && h2Directory == null) {
        throw new IllegalStateException("JdbcStore needs dataSource(...) or h2(directory)");
      }
      if (encryptionKey == null) {
        throw new IllegalStateException("JdbcStore needs encryptionKey(...): 32 bytes kept outside the database"
            + " (JdbcStore.newEncryptionKey() makes one)");
      }
      if (h2Directory == null) {
        return new JdbcStore(this, null);
      }
      try {
        Class.forName("org.h2.jdbcx.JdbcDataSource", false, JdbcStore.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("JdbcStore.h2 needs com.h2database:h2 2.x on the class path (on the module"
            + " path: a module that requires com.h2database, or --add-modules com.h2database)", e);
      }
      EmbeddedH2 h2 = EmbeddedH2.open(h2Directory);
      try {
        return new JdbcStore(this, h2);
      } catch (RuntimeException e) {
        h2.close();
        throw e;
      }
    }
  }
}
