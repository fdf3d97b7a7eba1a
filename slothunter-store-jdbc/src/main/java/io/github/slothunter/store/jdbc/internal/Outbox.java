package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.api.SlotEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The SQL of the store's outbox (table {@code event_outbox}): events saved in the caller's
 * transaction, replaced by id, read back in the order saved, deleted once delivered. Thread-safe:
 * stateless beyond the codec; every call works on the connection it is given.
 */
public final class Outbox {
  private final Codec codec;
  private final String upsert;

  public Outbox(Codec codec, Dialect dialect) {
    this.codec = codec;
    this.upsert = dialect.upsert("event_outbox", List.of("event_id"), List.of("event_id", "publisher", "body", "saved_at"));
  }

  /** Events encoded for {@link #insert}, before a transaction opens. */
  public record Row(String id, String body, Instant at) {}

  /** Encodes events; throws {@link IllegalArgumentException} for kinds the outbox does not keep. */
  public List<Row> rows(List<SlotEvent> events) {
    Objects.requireNonNull(events, "events");
    List<Row> rows = new ArrayList<>(events.size());
    for (SlotEvent e : events) {
      rows.add(new Row(e.id(), codec.writeEvent(e), e.at()));
    }
    return rows;
  }

  /** Saves rows under a publisher ({@code null}: none); a row whose id is there replaces it. */
  public void insert(Connection c, List<Row> rows, String publisher) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(upsert)) {
      for (Row row : rows) {
        p.setString(1, row.id());
        p.setString(2, publisher == null ? "" : publisher);
        p.setString(3, row.body());
        p.setObject(4, Sql.timestamp(row.at()));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * The undelivered events, in the order saved: all ({@code publisher} null), or a publisher's and
   * those of publishers with no heartbeat left in {@code instances} (dead, or saved without one).
   */
  public List<SlotEvent> undelivered(Connection c, String publisher) throws SQLException {
    String sql = "SELECT body FROM event_outbox" + (publisher == null ? ""
        : " WHERE publisher = ? OR publisher NOT IN (SELECT instance_id FROM instances)") + " ORDER BY seq";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      if (publisher != null) {
        p.setString(1, publisher);
      }
      List<SlotEvent> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(codec.readEvent(rs.getString(1)));
        }
      }
      return out;
    }
  }

  /** Deletes delivered events by id. */
  public int delete(Connection c, Collection<String> eventIds) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM event_outbox WHERE event_id = ANY(?)")) {
      p.setArray(1, Sql.varchars(c, eventIds));
      return p.executeUpdate();
    }
  }
}
