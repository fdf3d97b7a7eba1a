package io.github.slothunter.examples.telegram;

import io.github.slothunter.examples.support.SecretSealer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own state in its database ({@link BotDatabase}), so a restart forgets nobody: each chat's
 * language, menu counter and flow step ({@code bot_chats}), what each watched calendar is shown as
 * ({@code bot_labels}), what the bot told each chat for {@code /stats} ({@code bot_counters}), the
 * Telegram Stars charges applied ({@code bot_charges}) and the plan ends reminded of
 * ({@code bot_reminders}). Watches, filters, plans and patient books are the engine's, in its
 * {@code JdbcStore} on the same database.
 *
 * <p>A chat's step, auto-booking person and provider session (names, national codes, mobiles, tokens)
 * are written only sealed ({@link SecretSealer}, AES-256-GCM under a key derived from the store key, the chat
 * id as associated data); no column holds them in clear. Every write commits before the method
 * returns. Thread-safe.
 */
final class BotStore {
  /** {@code /stats}: free slots the bot told a chat about (one per slot message, each slot of a summary). */
  static final String SLOTS_ANNOUNCED = "slots_announced";
  /** {@code /stats}: bookings the bot told a chat about. */
  static final String BOOKINGS = "bookings";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(BotStore.class);

  private final BotDatabase db;
  private final SecretSealer sealer;
  private final Clock clock;

  BotStore(BotDatabase db, byte[] storeKey, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.sealer = new SecretSealer(storeKey, "slothunter-bot chat state");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ------------------------------------------------------------------ chats

  /** A chat's state as stored, or a fresh one ({@link Lang#DEFAULT}, idle) for a chat never seen. */
  ChatState loadChat(long chatId) {
    return db.run("load a chat", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT lang, flow, sealed FROM bot_chats WHERE chat_id = ?")) {
        s.setLong(1, chatId);
        try (ResultSet rs = s.executeQuery()) {
          ChatState st = new ChatState();
          if (rs.next()) {
            st.lang = Lang.fromCode(rs.getString(1)).orElse(Lang.DEFAULT);
            st.flow = rs.getInt(2);
            String sealed = rs.getString(3);
            if (sealed != null) {
              // a key that does not open it throws: the operator must bring the right key back
              String plain = sealer.open(sealed, rowId(chatId));
              try {
                ChatStateCodec.read(plain, st);
              } catch (RuntimeException e) {
                // written by another version, or a person no longer valid: the chat starts afresh, keeping its language
                log.warn("chat {}: its stored flow and login cannot be read ({}); the chat starts idle", chatId,
                    e.getClass().getSimpleName());
                st.step = Step.IDLE;
                st.autoBook = null;
                st.session = null;
              }
            }
          }
          return st;
        }
      }
    });
  }

  /** Writes a chat's state (its private parts sealed). */
  void saveChat(long chatId, ChatState st) {
    String plain = ChatStateCodec.write(st);
    String sealed = plain == null ? null : sealer.seal(plain, rowId(chatId));
    long now = clock.millis();
    db.run("save a chat", c -> {
      upsert(c, "UPDATE bot_chats SET lang = ?, flow = ?, sealed = ?, updated_at = ? WHERE chat_id = ?",
          "INSERT INTO bot_chats (lang, flow, sealed, updated_at, chat_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          s -> {
            s.setString(1, st.lang.code());
            s.setInt(2, st.flow);
            s.setString(3, sealed);
            s.setLong(4, now);
            s.setLong(5, chatId);
          });
      return null;
    });
  }

  /** Every chat the bot has talked to. */
  List<Long> chatIds() {
    return db.run("list the chats", c -> {
      List<Long> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT chat_id FROM bot_chats ORDER BY chat_id");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    });
  }

  private static String rowId(long chatId) {
    return "chat:" + chatId;
  }

  // ------------------------------------------------------------------ labels

  /** Every stored label, by {@code owner|targetId}. */
  Map<String, WatchLabel> labels() {
    return db.run("load the watch labels", c -> {
      Map<String, WatchLabel> out = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT owner_id, target_id, label FROM bot_labels");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1) + "|" + rs.getString(2), label(rs.getString(3)));
        }
      }
      return out;
    });
  }

  /** Writes what an owner's calendar is shown as. */
  void saveLabel(String owner, String targetId, WatchLabel label) {
    String json = json(label);
    db.run("save a watch label", c -> {
      upsert(c, "UPDATE bot_labels SET label = ? WHERE owner_id = ? AND target_id = ?",
          "INSERT INTO bot_labels (label, owner_id, target_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", s -> {
            s.setString(1, json);
            s.setString(2, owner);
            s.setString(3, targetId);
          });
      return null;
    });
  }

  /** Forgets an owner's calendar label. */
  void deleteLabel(String owner, String targetId) {
    db.run("delete a watch label", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM bot_labels WHERE owner_id = ? AND target_id = ?")) {
        s.setString(1, owner);
        s.setString(2, targetId);
        return s.executeUpdate();
      }
    });
  }

  private static String json(WatchLabel l) {
    ObjectNode o = JSON.createObjectNode().put("doctor", l.doctorName()).put("center", l.centerName())
        .put("service", l.serviceTitle()).put("link", l.link()).put("centerId", l.centerId())
        .put("serviceId", l.serviceId());
    if (l.price() != null) {
      o.put("price", l.price());
    }
    return o.toString();
  }

  private static WatchLabel label(String text) {
    try {
      JsonNode o = JSON.readTree(text);
      return new WatchLabel(o.get("doctor").asText(), o.get("center").asText(), o.get("service").asText(),
          o.has("price") ? o.get("price").asLong() : null, o.get("link").asText(), o.get("centerId").asText(),
          o.get("serviceId").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored watch label is not JSON", e);
    }
  }

  // ------------------------------------------------------------------ counters

  /** Adds to a chat's counter and returns the new total. */
  long add(long chatId, String counter, long amount) {
    return db.run("count " + counter, c -> {
      upsert(c, "UPDATE bot_counters SET amount = amount + ? WHERE chat_id = ? AND name = ?",
          "INSERT INTO bot_counters (amount, chat_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", s -> {
            s.setLong(1, amount);
            s.setLong(2, chatId);
            s.setString(3, counter);
          });
      return count(c, chatId, counter);
    });
  }

  /** A chat's counter, 0 when never counted. */
  long count(long chatId, String counter) {
    return db.run("read " + counter, c -> count(c, chatId, counter));
  }

  private static long count(Connection c, long chatId, String counter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT amount FROM bot_counters WHERE chat_id = ? AND name = ?")) {
      s.setLong(1, chatId);
      s.setString(2, counter);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  // ------------------------------------------------------------------ charges

  /**
   * A Telegram charge as recorded.
   *
   * @param applied whether the plan was extended for it
   * @param untilBefore the chat's plan end when the charge arrived ({@code null}: no paid plan)
   */
  record Charge(boolean applied, Instant untilBefore) {}

  /** The charge, if it arrived before. */
  Optional<Charge> charge(String chargeId) {
    return db.run("read a charge", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT state, until_before FROM bot_charges WHERE charge_id = ?")) {
        s.setString(1, chargeId);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          long until = rs.getLong(2);
          return Optional.of(new Charge("applied".equals(rs.getString(1)), rs.wasNull() ? null
              : Instant.ofEpochMilli(until)));
        }
      }
    });
  }

  /**
   * Records a charge before its plan is extended.
   *
   * @return {@code false} when it was recorded before (a redelivery)
   */
  boolean chargeReceived(String chargeId, long chatId, String plan, Instant untilBefore) {
    long now = clock.millis();
    return db.run("record a charge", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO bot_charges (charge_id, chat_id, plan, state,"
          + " until_before, received_at) VALUES (?, ?, ?, 'received', ?, ?) ON CONFLICT DO NOTHING")) {
        s.setString(1, chargeId);
        s.setLong(2, chatId);
        s.setString(3, plan);
        if (untilBefore == null) {
          s.setNull(4, java.sql.Types.BIGINT);
        } else {
          s.setLong(4, untilBefore.toEpochMilli());
        }
        s.setLong(5, now);
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Marks a charge's plan extended. */
  void chargeApplied(String chargeId) {
    db.run("mark a charge applied", c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE bot_charges SET state = 'applied' WHERE charge_id = ?")) {
        s.setString(1, chargeId);
        return s.executeUpdate();
      }
    });
  }

  // ------------------------------------------------------------------ reminders

  /** The plan end a chat was last reminded of. */
  Optional<Instant> reminded(long chatId) {
    return db.run("read a reminder", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT plan_until FROM bot_reminders WHERE chat_id = ?")) {
        s.setLong(1, chatId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
        }
      }
    });
  }

  /** Records that a chat was reminded of a plan end. */
  void saveReminded(long chatId, Instant until) {
    db.run("save a reminder", c -> {
      upsert(c, "UPDATE bot_reminders SET plan_until = ? WHERE chat_id = ?",
          "INSERT INTO bot_reminders (plan_until, chat_id) VALUES (?, ?) ON CONFLICT DO NOTHING", s -> {
            s.setLong(1, until.toEpochMilli());
            s.setLong(2, chatId);
          });
      return null;
    });
  }

  /** Forgets a chat's reminder (the plan was extended: the new end gets its own). */
  void forgetReminded(long chatId) {
    db.run("delete a reminder", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM bot_reminders WHERE chat_id = ?")) {
        s.setLong(1, chatId);
        return s.executeUpdate();
      }
    });
  }

  // ------------------------------------------------------------------ SQL

  /**
   * Update, else insert, else (another writer inserted in between) update again: portable between H2
   * and PostgreSQL without {@code MERGE} or {@code ON CONFLICT DO UPDATE}. Both statements take the
   * same parameters in the same order.
   */
  private static void upsert(Connection c, String update, String insert, Binder bind) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(update)) {
      bind.bind(u);
      if (u.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement i = c.prepareStatement(insert)) {
      bind.bind(i);
      if (i.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement u = c.prepareStatement(update)) {
      bind.bind(u);
      u.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }
}
