package io.github.slothunter.examples.server;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owners and their API keys in {@code server_owners}. Keys are stored as SHA-256 hashes (see
 * {@link ApiKeys}); a whole key is only ever returned by {@link #create} and {@link #rotateKey}.
 *
 * <p>Authentication reads a small cache (key id to owner and hash) so the hot path does not touch
 * the database; entries expire after {@link #CACHE_TTL}, so a key rotated on another instance
 * sharing the database stops working there within that time. Key ids the database does not know are
 * remembered as unknown for the same time (at most {@link #MAX_UNKNOWN} of them), so repeating a
 * made-up key costs no database query either; an unknown id is compared against a dummy hash, the
 * same work as a known one. Thread-safe.
 */
final class Owners {
  static final Duration CACHE_TTL = Duration.ofSeconds(30);
  /** Unknown key ids remembered at most; beyond that the expired ones are swept, then nothing more is remembered. */
  static final int MAX_UNKNOWN = 10_000;
  /** Compared against when the key id is unknown, so a miss costs the same hashing as a hit. */
  private static final String DUMMY_HASH = ApiKeys.hash("shk_0000000000000000_" + "0".repeat(43));

  private final Database db;
  private final Clock clock;
  private final Map<String, CachedKey> byKeyId = new ConcurrentHashMap<>();
  /** Key ids the database did not know, with when it was asked. */
  private final Map<String, Instant> unknown = new ConcurrentHashMap<>();
  private final AtomicLong keyQueries = new AtomicLong();

  Owners(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new owner and its first key (the only time the key is returned). */
  Created create(String name) {
    Owner owner = new Owner(Ids.random("own_", 8), name, clock.instant());
    ApiKeys.NewKey key = ApiKeys.generate();
    db.run("create an owner", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO server_owners (id, name, key_id, key_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, owner.id());
        p.setString(2, owner.name());
        p.setString(3, key.keyId());
        p.setString(4, ApiKeys.hash(key.key()));
        p.setLong(5, owner.createdAt().toEpochMilli());
        return p.executeUpdate();
      }
    });
    unknown.remove(key.keyId());
    return new Created(owner, key.key());
  }

  /** Replaces an owner's key; the old one stops working at once on this instance. */
  Optional<String> rotateKey(String ownerId) {
    ApiKeys.NewKey key = ApiKeys.generate();
    int updated = db.run("rotate a key", c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE server_owners SET key_id = ?, key_hash = ? WHERE id = ?")) {
        p.setString(1, key.keyId());
        p.setString(2, ApiKeys.hash(key.key()));
        p.setString(3, ownerId);
        return p.executeUpdate();
      }
    });
    if (updated == 0) {
      return Optional.empty();
    }
    unknown.remove(key.keyId());
    byKeyId.values().removeIf(k -> k.owner.id().equals(ownerId));
    return Optional.of(key.key());
  }

  /** Every owner, oldest first. */
  List<Owner> list() {
    return db.run("list owners", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT id, name, created_at FROM server_owners ORDER BY created_at, id")) {
        return read(p);
      }
    });
  }

  /** One owner. */
  Optional<Owner> find(String id) {
    List<Owner> found = db.run("read an owner", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT id, name, created_at FROM server_owners WHERE id = ?")) {
        p.setString(1, id);
        return read(p);
      }
    });
    return found.stream().findFirst();
  }

  /**
   * The owner a presented key belongs to when its key id is in the cache and the key matches; empty
   * otherwise (not cached, or not matching): never asks the database.
   */
  Optional<Owner> authenticateCached(String presented) {
    Optional<String> keyId = ApiKeys.keyId(presented);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    CachedKey k = byKeyId.get(keyId.get());
    if (k == null || !k.loadedAt.plus(CACHE_TTL).isAfter(clock.instant())) {
      return Optional.empty();
    }
    return ApiKeys.matches(presented, k.hash) ? Optional.of(k.owner) : Optional.empty();
  }

  /** The owner a presented key belongs to, comparing hashes in constant time. */
  Optional<Owner> authenticate(String presented) {
    Optional<String> keyId = ApiKeys.keyId(presented);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    CachedKey k = cached(keyId.get());
    if (k == null) {
      ApiKeys.matches(presented, DUMMY_HASH);
      return Optional.empty();
    }
    return ApiKeys.matches(presented, k.hash) ? Optional.of(k.owner) : Optional.empty();
  }

  private CachedKey cached(String keyId) {
    Instant now = clock.instant();
    CachedKey k = byKeyId.get(keyId);
    if (k != null && k.loadedAt.plus(CACHE_TTL).isAfter(now)) {
      return k;
    }
    Instant askedAt = unknown.get(keyId);
    if (askedAt != null && askedAt.plus(CACHE_TTL).isAfter(now)) {
      return null;
    }
    keyQueries.incrementAndGet();
    CachedKey loaded = db.run("read a key", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT id, name, created_at, key_hash FROM server_owners WHERE key_id = ?")) {
        p.setString(1, keyId);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return null;
          }
          Owner o = new Owner(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)));
          return new CachedKey(o, r.getString(4), now);
        }
      }
    });
    if (loaded == null) {
      byKeyId.remove(keyId);
      rememberUnknown(keyId, now);
    } else {
      unknown.remove(keyId);
      byKeyId.put(keyId, loaded);
    }
    return loaded;
  }

  private void rememberUnknown(String keyId, Instant now) {
    if (unknown.size() >= MAX_UNKNOWN) {
      unknown.values().removeIf(at -> !at.plus(CACHE_TTL).isAfter(now));
      if (unknown.size() >= MAX_UNKNOWN) {
        return;
      }
    }
    unknown.put(keyId, now);
  }

  /** Database queries made to look a key id up (for tests: the negative cache saves them). */
  long keyQueries() {
    return keyQueries.get();
  }

  private static List<Owner> read(PreparedStatement p) throws java.sql.SQLException {
    List<Owner> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new Owner(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
      }
    }
    return out;
  }

  /** A created owner and its key. */
  record Created(Owner owner, String apiKey) {
    @Override
    public String toString() {
      return "Created[" + owner + ", apiKey=<redacted>]";
    }
  }

  private record CachedKey(Owner owner, String hash, Instant loadedAt) {}
}
