package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.TargetSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQL of polls: each target's latest snapshot (table {@code snapshots}), its slot history
 * ({@code slot_history}, pruned to the newest {@code historyLimit} entries every tenth of it) and what
 * each watch was told ({@code announced}). Encoding happens before the transaction ({@link #encode});
 * every SQL call works on the connection it is given, in the caller's transaction. Thread-safe.
 */
public final class Polls {
  private final Codec codec;
  private final String upsertSnapshot;
  private final int historyLimit;
  private final int pruneEvery;
  private final Map<String, AtomicInteger> historyWrites = new ConcurrentHashMap<>();

  /**
   * @param historyLimit the newest history entries kept per target
   */
  public Polls(Codec codec, Dialect dialect, int historyLimit) {
    this.codec = codec;
    this.upsertSnapshot = dialect.upsert("snapshots", List.of("target_id"), List.of("target_id", "slots", "polled_at"));
    this.historyLimit = historyLimit;
    this.pruneEvery = Math.max(1, historyLimit / 10);
  }

  /** A poll encoded for {@link #save}, and whether its save prunes the target's history. */
  public record Encoded(TargetSnapshot snapshot, List<SlotChange> changes, String slots, List<String> history,
      boolean prune, AtomicInteger writes) {}

  /** Encodes a poll outside any transaction and counts its history writes toward the next prune. */
  public Encoded encode(TargetSnapshot snapshot, List<SlotChange> changes) {
    List<String> history = new ArrayList<>(changes.size());
    for (SlotChange change : changes) {
      history.add(codec.writeSlot(change.slot()));
    }
    AtomicInteger writes = historyWrites.computeIfAbsent(snapshot.targetId(), k -> new AtomicInteger(pruneEvery));
    boolean prune = !changes.isEmpty() && writes.addAndGet(changes.size()) >= pruneEvery;
    return new Encoded(snapshot, List.copyOf(changes), codec.writeSlots(snapshot.slots()), history, prune, writes);
  }

  /**
   * Writes the snapshot, its history entries and what each watch was told (only the differences;
   * ids of watches that are not stored are ignored), in the caller's transaction.
   */
  public void save(Connection c, Encoded poll, Map<String, Set<String>> announcedByWatch) throws SQLException {
    String targetId = poll.snapshot().targetId();
    try (PreparedStatement p = c.prepareStatement(upsertSnapshot)) {
      p.setString(1, targetId);
      p.setString(2, poll.slots());
      p.setObject(3, Sql.timestamp(poll.snapshot().polledAt()));
      p.executeUpdate();
    }
    List<SlotChange> changes = poll.changes();
    if (!changes.isEmpty()) {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO slot_history (target_id, slot_id, kind, changed_at, slot, since_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < changes.size(); i++) {
          SlotChange change = changes.get(i);
          p.setString(1, targetId);
          p.setString(2, change.slot().id());
          p.setString(3, change.kind().name());
          p.setObject(4, Sql.timestamp(change.at()));
          p.setString(5, poll.history().get(i));
          p.setObject(6, change.since() == null ? null : Sql.timestamp(change.since()));
          p.addBatch();
        }
        p.executeBatch();
      }
    }
    if (poll.prune()) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM slot_history WHERE target_id = ? AND id < (SELECT MIN(id)"
          + " FROM (SELECT id FROM slot_history WHERE target_id = ? ORDER BY id DESC LIMIT ?) newest)")) {
        p.setString(1, targetId);
        p.setString(2, targetId);
        p.setInt(3, historyLimit);
        p.executeUpdate();
      }
    }
    if (!announcedByWatch.isEmpty()) {
      replaceAnnounced(c, targetId, announcedByWatch);
    }
  }

  /** After the poll's transaction committed: a prune restarts the count toward the next one. */
  public void saved(Encoded poll) {
    if (poll.prune()) {
      poll.writes().set(0);
    }
  }

  /** The target's latest snapshot. */
  public Optional<TargetSnapshot> loadSnapshot(Connection c, String targetId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT slots, polled_at FROM snapshots WHERE target_id = ?")) {
      p.setString(1, targetId);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new TargetSnapshot(targetId, codec.readSlots(rs.getString(1)), Sql.instant(rs, 2)));
      }
    }
  }

  /** What each wanted watch was told (an empty set for a watch told nothing), in one scan. */
  public Map<String, Set<String>> announced(Connection c, Set<String> wanted) throws SQLException {
    Map<String, Set<String>> out = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT watch_id, slot_id FROM announced")) {
      p.setFetchSize(5000);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String w = rs.getString(1);
          if (wanted.contains(w)) {
            out.computeIfAbsent(w, k -> new HashSet<>()).add(rs.getString(2));
          }
        }
      }
    }
    for (String id : wanted) {
      out.putIfAbsent(id, Set.of());
    }
    return out;
  }

  /** What one watch was told. */
  public Set<String> announced(Connection c, String watchId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT slot_id FROM announced WHERE watch_id = ?")) {
      p.setString(1, watchId);
      Set<String> out = new HashSet<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return Set.copyOf(out);
    }
  }

  /** The target's newest {@code historyLimit} history entries, oldest first. */
  public List<SlotChange> history(Connection c, String targetId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT slot, kind, changed_at, since_at FROM slot_history WHERE target_id = ? ORDER BY id DESC LIMIT ?")) {
      p.setString(1, targetId);
      p.setInt(2, historyLimit);
      List<SlotChange> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new SlotChange(codec.readSlot(rs.getString(1)), SlotChange.Kind.valueOf(rs.getString(2)),
              Sql.instant(rs, 3), Sql.instantOrNull(rs, 4)));
        }
      }
      Collections.reverse(out);
      return List.copyOf(out);
    }
  }

  private static void replaceAnnounced(Connection c, String targetId, Map<String, Set<String>> byWatch)
      throws SQLException {
    // one round trip: which of the watches are stored, and what each was told about this target
    Map<String, Set<String>> current = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT w.id, a.slot_id FROM watches w"
        + " LEFT JOIN announced a ON a.watch_id = w.id AND a.target_id = ? WHERE w.id = ANY(?)")) {
      p.setString(1, targetId);
      p.setArray(2, Sql.varchars(c, byWatch.keySet()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          Set<String> ids = current.computeIfAbsent(rs.getString(1), k -> new HashSet<>());
          String slotId = rs.getString(2);
          if (slotId != null) {
            ids.add(slotId);
          }
        }
      }
    }
    if (current.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM announced WHERE watch_id = ? AND slot_id = ?");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO announced (watch_id, target_id, slot_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      int deletes = 0;
      int inserts = 0;
      for (Map.Entry<String, Set<String>> stored : current.entrySet()) {
        String watchId = stored.getKey();
        Set<String> want = byWatch.get(watchId);
        Set<String> have = stored.getValue();
        for (String slotId : have) {
          if (!want.contains(slotId)) {
            delete.setString(1, watchId);
            delete.setString(2, slotId);
            delete.addBatch();
            deletes++;
          }
        }
        for (String slotId : want) {
          if (!have.contains(slotId)) {
            insert.setString(1, watchId);
            insert.setString(2, targetId);
            insert.setString(3, slotId);
            insert.addBatch();
            inserts++;
          }
        }
      }
      if (deletes > 0) {
        delete.executeBatch();
      }
      if (inserts > 0) {
        insert.executeBatch();
      }
    }
  }
}
