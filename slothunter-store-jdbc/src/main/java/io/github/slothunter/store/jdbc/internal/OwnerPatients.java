package io.github.slothunter.store.jdbc.internal;

import io.github.slothunter.api.OwnerPatient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL and sealing of the owners' patient books (table {@code owner_patients}): each entry (label
 * and patient together) is sealed with the store's key, bound to its owner and label digest, so the
 * table holds no name, national code, mobile or label in clear and a row copied elsewhere does not
 * open; rows are found by an HMAC digest of owner and label and keep the order first saved
 * ({@code seq}). Sealing and opening happen outside any transaction; every SQL call works on the
 * connection it is given. Thread-safe.
 */
public final class OwnerPatients {
  private final Codec codec;
  private final SecretBox box;

  public OwnerPatients(Codec codec, SecretBox box) {
    this.codec = codec;
    this.box = box;
  }

  /** Entries sealed for {@link #save}, before a transaction opens. */
  public record Sealed(List<String> keys, List<byte[]> blobs) {}

  /** Seals an owner's entries. */
  public Sealed seal(String owner, List<OwnerPatient> entries) {
    List<String> keys = new ArrayList<>(entries.size());
    List<byte[]> blobs = new ArrayList<>(entries.size());
    for (OwnerPatient p : entries) {
      String key = key(owner, p.label());
      byte[] plain = codec.writeOwnerPatient(p);
      keys.add(key);
      blobs.add(box.seal(plain, associatedData(owner, key)));
      Arrays.fill(plain, (byte) 0);
    }
    return new Sealed(keys, blobs);
  }

  /** The row key of an owner's label. */
  public String key(String owner, String label) {
    return box.digest(owner, label);
  }

  /** Inserts or replaces (in place: it keeps its seq) each sealed entry, in the caller's transaction. */
  public void save(Connection c, String owner, Sealed entries, Instant now) throws SQLException {
    java.time.OffsetDateTime at = Sql.timestamp(now);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO owner_patients (owner, label_key, sealed, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement update = c.prepareStatement(
            "UPDATE owner_patients SET sealed = ?, updated_at = ? WHERE owner = ? AND label_key = ?")) {
      for (int i = 0; i < entries.keys().size(); i++) {
        insert.setString(1, owner);
        insert.setString(2, entries.keys().get(i));
        insert.setBytes(3, entries.blobs().get(i));
        insert.setObject(4, at);
        if (insert.executeUpdate() == 0) { // the label is taken: replace it in place (it keeps its seq)
          update.setBytes(1, entries.blobs().get(i));
          update.setObject(2, at);
          update.setString(3, owner);
          update.setString(4, entries.keys().get(i));
          update.executeUpdate();
        }
      }
    }
  }

  /** An owner's sealed entries in the order first saved. */
  public Sealed load(Connection c, String owner) throws SQLException {
    List<String> keys = new ArrayList<>();
    List<byte[]> blobs = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT label_key, sealed FROM owner_patients WHERE owner = ? ORDER BY seq")) {
      p.setString(1, owner);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
          blobs.add(rs.getBytes(2));
        }
      }
    }
    return new Sealed(keys, blobs);
  }

  /** Opens what {@link #load} read. */
  public List<OwnerPatient> open(String owner, Sealed entries) {
    List<OwnerPatient> out = new ArrayList<>(entries.keys().size());
    for (int i = 0; i < entries.keys().size(); i++) {
      byte[] plain = box.open(entries.blobs().get(i), associatedData(owner, entries.keys().get(i)),
          "a patient-book entry");
      out.add(codec.readOwnerPatient(plain));
      Arrays.fill(plain, (byte) 0);
    }
    return List.copyOf(out);
  }

  /** Deletes an owner's entry by its row key; whether there was one. */
  public boolean delete(Connection c, String owner, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM owner_patients WHERE owner = ? AND label_key = ?")) {
      p.setString(1, owner);
      p.setString(2, key);
      return p.executeUpdate() > 0;
    }
  }

  /** What a row is sealed to: its owner and label digest (a copied row does not open). */
  private static String associatedData(String owner, String labelKey) {
    return "owner-patient\n" + owner + "\n" + labelKey;
  }
}
