package io.github.slothunter.examples.server;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.SlotLabel;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bookings the engine made, recorded from {@link BookingSucceeded} events in
 * {@code server_bookings} so owners can list them after the watch is gone. Recording is
 * idempotent (the id derives from the watch and the provider's booking key). Holds no patient
 * data. Thread-safe.
 */
final class Bookings {
  private final Database db;

  Bookings(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Records a booking; a second call for the same booking does nothing. The doctor and place are the
   * event's label (the engine's, which also names an area watch's member); the server's own labels
   * stand in where the engine knew nothing.
   */
  void record(String ownerId, BookingSucceeded e, WatchLabels.Label label) {
    Booking b = e.booking();
    String targetId = b.slot().target().id();
    String id = "bk_" + HexFormat.of().formatHex(Ids.sha256(e.watchId() + "|" + b.providerBookingKey())).substring(0, 24);
    SlotLabel engine = e.label();
    String doctor = !engine.doctor().isEmpty() ? engine.doctor()
        : label == null ? b.slot().target().ref().toString() : label.doctorName();
    String enginePlace = new WatchLabels.TargetLabel(engine.center(), engine.service(), null, "").place();
    String place = !enginePlace.isEmpty() ? enginePlace : label == null ? "" : label.target(targetId).place();
    db.run("record a booking", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO server_bookings (id, owner_id, watch_id, target_id,"
          + " doctor_name, place, slot_start, slot_end, tracking_code, provider_booking_key, verified, booked_at,"
          + " payment_required, payment_link)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        p.setString(1, id);
        p.setString(2, ownerId);
        p.setString(3, e.watchId());
        p.setString(4, targetId);
        p.setString(5, doctor);
        p.setString(6, place);
        p.setLong(7, b.slot().start().toEpochMilli());
        p.setLong(8, b.slot().end().toEpochMilli());
        p.setString(9, b.trackingCode());
        p.setString(10, b.providerBookingKey());
        p.setBoolean(11, e.verified());
        p.setLong(12, b.bookedAt().toEpochMilli());
        p.setBoolean(13, b.paymentRequired());
        p.setString(14, b.paymentLink() == null ? null : b.paymentLink().toString());
        return p.executeUpdate();
      }
    });
  }

  /** The owner's bookings, newest first. */
  List<Row> list(String ownerId, int limit) {
    return db.run("list bookings", c -> {
      try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE owner_id = ? ORDER BY booked_at DESC, id LIMIT ?")) {
        p.setString(1, ownerId);
        p.setInt(2, limit);
        return read(p);
      }
    });
  }

  /** One of the owner's bookings. */
  Optional<Row> find(String ownerId, String id) {
    return db.run("read a booking", c -> {
      try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE owner_id = ? AND id = ?")) {
        p.setString(1, ownerId);
        p.setString(2, id);
        return read(p).stream().findFirst();
      }
    });
  }

  private static final String SELECT = "SELECT id, watch_id, target_id, doctor_name, place, slot_start, slot_end,"
      + " tracking_code, provider_booking_key, verified, booked_at, payment_required, payment_link FROM server_bookings";

  private static List<Row> read(PreparedStatement p) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            Instant.ofEpochMilli(r.getLong(6)), Instant.ofEpochMilli(r.getLong(7)), r.getString(8), r.getString(9),
            r.getBoolean(10), Instant.ofEpochMilli(r.getLong(11)), r.getBoolean(12), r.getString(13)));
      }
    }
    return out;
  }

  /**
   * A recorded booking. {@code paymentRequired}: "pay to confirm", final only once paid online;
   * {@code paymentLink} where to pay, or {@code null}.
   */
  record Row(String id, String watchId, String targetId, String doctorName, String place, Instant start, Instant end,
      String trackingCode, String providerBookingKey, boolean verified, Instant bookedAt, boolean paymentRequired,
      String paymentLink) {}
}
