package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Service;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine's {@code Watch} does not keep but people want to see: the link as pasted, the
 * doctor's name and each target's center and service names, in {@code server_watches}. Cached in
 * memory (one small row per watch). Thread-safe.
 */
final class WatchLabels {
  private final Database db;
  private final Map<String, Label> cache = new ConcurrentHashMap<>();

  WatchLabels(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** The labels of a watch as registered from {@code doctor}. */
  static Label from(String watchId, String ownerId, String link, Doctor doctor, Instant createdAt) {
    Map<String, TargetLabel> targets = new LinkedHashMap<>();
    for (Center c : doctor.centers()) {
      for (Service s : c.services()) {
        String targetId = doctor.ref() + "/" + c.id() + "/" + s.id();
        targets.put(targetId, new TargetLabel(c.name(), s.title(), s.price(), c.city()));
      }
    }
    return new Label(watchId, ownerId, link, doctor.displayName(), targets, createdAt);
  }

  void save(Label label) {
    ObjectNode json = Json.object();
    label.targets().forEach((id, t) -> {
      ObjectNode n = json.putObject(id);
      n.put("center", t.center());
      n.put("service", t.service());
      n.put("city", t.city());
      if (t.price() != null) {
        n.put("price", t.price());
      }
    });
    db.run("save watch labels", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO server_watches"
          + " (watch_id, owner_id, link, doctor_name, labels, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, label.watchId());
        p.setString(2, label.ownerId());
        p.setString(3, label.link());
        p.setString(4, label.doctorName());
        p.setString(5, Json.write(json));
        p.setLong(6, label.createdAt().toEpochMilli());
        return p.executeUpdate();
      }
    });
    cache.put(label.watchId(), label);
  }

  Optional<Label> find(String watchId) {
    Label l = cache.get(watchId);
    if (l != null) {
      return Optional.of(l);
    }
    l = db.run("read watch labels", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT watch_id, owner_id, link, doctor_name, labels, created_at FROM server_watches WHERE watch_id = ?")) {
        p.setString(1, watchId);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return null;
          }
          Map<String, TargetLabel> targets = new LinkedHashMap<>();
          JsonNode json = Json.read(r.getString(5));
          for (Map.Entry<String, JsonNode> e : json.properties()) {
            JsonNode t = e.getValue();
            targets.put(e.getKey(), new TargetLabel(t.path("center").asText(""), t.path("service").asText(""),
                t.hasNonNull("price") ? t.get("price").asLong() : null, t.path("city").asText("")));
          }
          return new Label(r.getString(1), r.getString(2), r.getString(3), r.getString(4), targets,
              Instant.ofEpochMilli(r.getLong(6)));
        }
      }
    });
    if (l != null) {
      cache.put(watchId, l);
    }
    return Optional.ofNullable(l);
  }

  void delete(String watchId) {
    cache.remove(watchId);
    db.run("delete watch labels", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM server_watches WHERE watch_id = ?")) {
        p.setString(1, watchId);
        return p.executeUpdate();
      }
    });
  }

  /**
   * A watch's labels.
   *
   * @param targets per engine target id
   */
  record Label(String watchId, String ownerId, String link, String doctorName, Map<String, TargetLabel> targets,
      Instant createdAt) {
    Label {
      targets = Map.copyOf(targets);
    }

    /** A target's label, or an empty one. */
    TargetLabel target(String targetId) {
      return targets.getOrDefault(targetId, TargetLabel.NONE);
    }
  }

  /** A target's names; {@code price} may be {@code null}. */
  record TargetLabel(String center, String service, Long price, String city) {
    static final TargetLabel NONE = new TargetLabel("", "", null, "");

    /** {@code center · service}, or whichever is known. */
    String place() {
      if (center.isEmpty()) {
        return service;
      }
      return service.isEmpty() ? center : center + " · " + service;
    }
  }
}
