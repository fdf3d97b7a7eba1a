package io.github.slothunter.examples.server;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Subscription;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Price;
import io.github.slothunter.core.SlotHunter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans bought through a {@link PaymentGateway}, kept in {@code server_payments}: checkout, the
 * gateway's callback, receipts, and the plan each verified payment pays for, added exactly once.
 *
 * <p>A payment's life: {@code CREATED} when the gateway gave it an authority (the row is written only
 * then, so no row points at a payment the gateway does not have), then on the callback, after the
 * gateway verified it, {@code PAID}; or {@code FAILED} (the gateway said not paid, or not for this
 * amount) or {@code CANCELLED} (the payer came back with {@code Status=NOK} and the gateway confirmed
 * nothing was paid). {@code PAID} is final. The amount verified is always the one stored at checkout,
 * never one from the callback, and the plan and its period are fixed at checkout too.
 *
 * <p>Exactly once, in three steps, each committed before the next begins (persist, then act):
 * <ol>
 *   <li>The move to {@code PAID} is one conditional {@code UPDATE ... WHERE state <> 'PAID'}, with
 *       {@code plan_applied = FALSE}: of any number of callbacks, replays, concurrent verifies or
 *       server instances, one changes the row, and only that caller goes on.
 *   <li>Applying, under a lock on the owner ({@code SELECT ... FOR UPDATE} on {@code server_owners}, so
 *       instances sharing the database take turns): the new end of the plan is computed once, with
 *       {@link SlotHunter#extendPlan}'s rule (from the current end when the owner is on this plan and it
 *       has not ended, else from now, plus the period), and stored in the payment ({@code plan_until})
 *       before it is used.
 *   <li>{@link SlotHunter#setPlan(String, String, Instant) setPlan(owner, plan, plan_until)}, then
 *       {@code plan_applied = TRUE}.
 * </ol>
 * Why not {@code extendPlan} itself: it is not idempotent, and its write (the engine's store) and ours
 * cannot share a transaction, so a crash between it and marking the payment applied would extend the
 * plan a second time on recovery. Setting the stored end is idempotent: a crash anywhere leaves a
 * {@code PAID} payment with {@code plan_applied = FALSE}, and {@link #applyPending()} (at start) or the
 * next callback finishes it with the same end. In one process, a lock per payment also keeps concurrent
 * callbacks from verifying twice.
 *
 * <p>Thread-safe.
 */
final class Payments {
  /** A payment's state. */
  enum State { CREATED, PAID, FAILED, CANCELLED }

  /** The plan period one payment buys, unless configured. */
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
  /** The callback's path; Zarinpal appends {@code ?Authority=...&Status=OK|NOK}. */
  static final String CALLBACK_PATH = Api.PREFIX + "/payments/zarinpal/callback";
  private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Logger log = LoggerFactory.getLogger(Payments.class);
  private static final String COLUMNS = "id, owner_id, plan, amount_rials, period_seconds, gateway, authority, state,"
      + " ref_id, card_pan, failure_code, failure_message, plan_until, plan_applied, created_at, verified_at";

  private final Database db;
  private final SlotHunter hunter;
  private final Clock clock;
  private final PaymentGateway gateway;
  private final Supplier<String> publicUrl;
  private final Duration period;
  private final Consumer<String> faults;
  private final ReentrantLock[] locks = new ReentrantLock[64];

  /**
   * @param publicUrl the server's address as payers' browsers reach it ({@code https://host}), for the callback
   * @param period what one payment adds to the plan
   * @param faults called with the name of each step just committed ({@code paid}, {@code planUntil},
   *     {@code planSet}); tests throw from it to stop the work there, as a crash would
   */
  Payments(Database db, SlotHunter hunter, Clock clock, PaymentGateway gateway, Supplier<String> publicUrl,
      Duration period, Consumer<String> faults) {
    this.db = Objects.requireNonNull(db, "db");
    this.hunter = Objects.requireNonNull(hunter, "hunter");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    this.period = Objects.requireNonNull(period, "period");
    this.faults = Objects.requireNonNull(faults, "faults");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the payment period must be positive: " + period);
    }
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * One payment, as stored.
   *
   * @param cardPan masked, or {@code null}
   * @param planUntil the end of the plan this payment paid for, once computed
   */
  record Payment(String id, String ownerId, String plan, long amountRials, Duration period, String gateway,
      String authority, State state, String refId, String cardPan, Integer failureCode, String failureMessage,
      Instant planUntil, boolean planApplied, Instant createdAt, Instant verifiedAt) {}

  /** A checkout: the payment and where to send the payer. */
  record Checkout(Payment payment, String redirectUrl) {}

  // ------------------------------------------------------------------ checkout

  /**
   * Creates a payment for {@code planName} at its catalogue price.
   *
   * @throws ApiException 422 for an unknown plan or one without a price in rials; 503 when the gateway is
   *     unavailable, 502 when it refused (nothing is stored in either case)
   */
  Checkout checkout(String ownerId, String planName) {
    Plan plan = hunter.plans().find(planName).orElseThrow(() -> ApiException.invalid("field 'plan' must be one of "
        + hunter.plans().all().stream().map(Plan::name).toList()));
    Price price = plan.price();
    if (price == null || price.amount() <= 0) {
      throw ApiException.invalid("plan " + plan.name() + " is not for sale: it has no price");
    }
    if (!price.currency().equals("IRR")) {
      throw ApiException.invalid("plan " + plan.name() + " is priced in " + price.currency() + "; "
          + gateway.name() + " takes rials (IRR)");
    }
    String id = Ids.random("pay_", 8);
    PaymentGateway.Created created;
    try {
      created = gateway.create(new PaymentGateway.Order(id, price.amount(), "SlotHunter " + plan.name() + ", "
          + period.toDays() + " days", publicUrl.get() + CALLBACK_PATH));
    } catch (PaymentGateway.GatewayException e) {
      throw gatewayError(e);
    }
    Instant now = clock.instant();
    Payment p = new Payment(id, ownerId, plan.name(), price.amount(), period, gateway.name(), created.authority(),
        State.CREATED, null, null, null, null, null, false, now, null);
    db.run("create a payment", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO server_payments (id, owner_id, plan, amount_rials,"
          + " period_seconds, gateway, authority, state, plan_applied, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)")) {
        s.setString(1, p.id());
        s.setString(2, ownerId);
        s.setString(3, p.plan());
        s.setLong(4, p.amountRials());
        s.setLong(5, period.toSeconds());
        s.setString(6, p.gateway());
        s.setString(7, p.authority());
        s.setString(8, p.state().name());
        s.setLong(9, now.toEpochMilli());
        return s.executeUpdate();
      }
    });
    log.info("payment {} created for owner {}: plan {}, {} rials", id, ownerId, p.plan(), p.amountRials());
    return new Checkout(p, created.redirectUrl());
  }

  private static ApiException gatewayError(PaymentGateway.GatewayException e) {
    if (e.unavailable()) {
      log.warn("payment gateway unavailable: {}", e.getMessage());
      return new ApiException(503, "GATEWAY_UNAVAILABLE", "the payment gateway is unavailable; nothing was charged,"
          + " try again later", Duration.ofSeconds(30));
    }
    log.warn("payment gateway refused: {}", e.getMessage());
    return new ApiException(502, "GATEWAY_REFUSED", "the payment gateway refused the payment (code " + e.code() + ")");
  }

  // ------------------------------------------------------------------ callback

  /**
   * Handles the gateway's callback: verifies the payment with the gateway (unless it is already settled),
   * records the outcome, and applies the plan to a payment that became {@code PAID}.
   *
   * @param status {@code OK} or {@code NOK}, as the gateway sent it (anything else counts as {@code NOK})
   * @throws ApiException 422 for a malformed authority, 404 for one that is not ours (the gateway is not
   *     asked), 503 when the gateway is unavailable (the payment stays {@code CREATED}: a later callback
   *     verifies it), 500 {@code PLAN_NOT_APPLIED} when the payment is paid but its plan could not be
   *     applied (the next callback or start applies it)
   */
  Payment callback(String authority, String status) {
    if (authority == null || !AUTHORITY.matcher(authority).matches()) {
      throw ApiException.invalid("query parameter 'Authority' must be 1-64 letters or digits");
    }
    Payment p = findByAuthority(authority).orElseThrow(() -> ApiException.notFound("no payment with that authority"));
    ReentrantLock lock = locks[Math.floorMod(p.id().hashCode(), locks.length)];
    lock.lock();
    try {
      p = find(p.id()).orElseThrow();
      if (p.state() == State.CREATED) {
        p = verify(p, "OK".equals(status));
      }
      if (p.state() == State.PAID && !p.planApplied()) {
        try {
          p = apply(p.id());
        } catch (RuntimeException e) {
          // the payer paid and the gateway said so: tell them that, not "internal error"
          log.error("payment {} is paid (ref {}) but its plan could not be applied yet", p.id(), p.refId(), e);
          throw new ApiException(500, "PLAN_NOT_APPLIED", "the payment is verified (reference " + p.refId()
              + ") but the plan could not be applied yet; it is applied at the next callback or server start");
        }
      }
      return p;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Verifies a {@code CREATED} payment. A {@code NOK} callback is verified too: a forged {@code NOK} must
   * not cancel a payment that was in fact paid, and the gateway's answer is the only proof either way.
   */
  private Payment verify(Payment p, boolean statusOk) {
    PaymentGateway.Verification v = gateway.verify(p.authority(), p.amountRials());
    if (v instanceof PaymentGateway.Verification.Unavailable u) {
      log.warn("payment {}: gateway unavailable while verifying ({}); it stays CREATED", p.id(), u.reason());
      throw new ApiException(503, "GATEWAY_UNAVAILABLE", "the payment gateway is unavailable; the payment was not"
          + " verified yet, retry the callback later", Duration.ofSeconds(30));
    }
    if (v instanceof PaymentGateway.Verification.Verified ok) {
      return markPaid(p, ok.refId(), ok.cardPan());
    }
    if (v instanceof PaymentGateway.Verification.AlreadyVerified again) {
      // verified before, by us (an answer lost to a crash or a timeout): paid all the same, and the
      // conditional update below still lets only one caller apply the plan
      return markPaid(p, again.refId(), again.cardPan());
    }
    PaymentGateway.Verification.Failed f = (PaymentGateway.Verification.Failed) v;
    State to = statusOk ? State.FAILED : State.CANCELLED;
    int changed = db.run("fail a payment", c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE server_payments SET state = ?, failure_code = ?,"
          + " failure_message = ?, verified_at = ? WHERE id = ? AND state = 'CREATED'")) {
        s.setString(1, to.name());
        s.setInt(2, f.code());
        s.setString(3, f.message());
        s.setLong(4, clock.instant().toEpochMilli());
        s.setString(5, p.id());
        return s.executeUpdate();
      }
    });
    if (changed == 1) {
      log.info("payment {} {}: gateway code {}", p.id(), to, f.code());
    }
    return find(p.id()).orElseThrow();
  }

  private Payment markPaid(Payment p, String refId, String cardPan) {
    // PAID wins over FAILED/CANCELLED: the gateway confirmed the money, whatever another caller recorded
    int changed = db.run("record a paid payment", c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE server_payments SET state = 'PAID', ref_id = ?,"
          + " card_pan = ?, failure_code = NULL, failure_message = NULL, verified_at = ?, plan_applied = FALSE"
          + " WHERE id = ? AND state <> 'PAID'")) {
        s.setString(1, refId);
        s.setString(2, cardPan);
        s.setLong(3, clock.instant().toEpochMilli());
        s.setString(4, p.id());
        return s.executeUpdate();
      }
    });
    if (changed == 1) {
      log.info("payment {} PAID (ref {}) for owner {}", p.id(), refId, p.ownerId());
      faults.accept("paid");
    }
    return find(p.id()).orElseThrow();
  }

  // ------------------------------------------------------------------ applying the plan

  /** Applies every {@code PAID} payment whose plan was not applied yet (after a crash); returns how many. */
  int applyPending() {
    List<String> ids = db.run("list unapplied payments", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id FROM server_payments WHERE state = 'PAID' AND plan_applied = FALSE ORDER BY verified_at, id");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    });
    int applied = 0;
    for (String id : ids) {
      try {
        if (apply(id).planApplied()) {
          applied++;
        }
      } catch (RuntimeException e) {
        log.error("payment {} is paid but its plan could not be applied; retried at the next start or callback", id, e);
      }
    }
    if (applied > 0) {
      log.info("applied the plans of {} paid payment(s) left unapplied", applied);
    }
    return applied;
  }

  /** Applies a PAID payment's plan once (see the class comment); returns the payment as stored after. */
  private Payment apply(String id) {
    return db.run("apply a payment", lockConnection -> {
      boolean autoCommit = lockConnection.getAutoCommit();
      lockConnection.setAutoCommit(false);
      try {
        Payment p = find(lockConnection, id).orElseThrow();
        lockOwner(lockConnection, p.ownerId());
        p = find(lockConnection, id).orElseThrow();
        if (p.state() != State.PAID || p.planApplied()) {
          lockConnection.commit();
          return p;
        }
        Instant until = p.planUntil();
        if (until == null) {
          until = newEnd(p);
          Instant end = until;
          // its own commit, before the plan changes: a recovery must reuse this end, not compute another
          db.run("record a payment's plan end", c -> update(c, "UPDATE server_payments SET plan_until = ?"
              + " WHERE id = ? AND plan_until IS NULL", end.toEpochMilli(), id));
          until = find(id).orElseThrow().planUntil();
          faults.accept("planUntil");
        }
        hunter.setPlan(p.ownerId(), p.plan(), until);
        faults.accept("planSet");
        db.run("mark a payment applied", c -> update(c, "UPDATE server_payments SET plan_applied = TRUE WHERE id = ?",
            null, id));
        lockConnection.commit();
        log.info("payment {}: owner {} on {} until {}", id, p.ownerId(), p.plan(), until);
        return find(id).orElseThrow();
      } catch (SQLException | RuntimeException e) {
        lockConnection.rollback();
        throw e;
      } finally {
        lockConnection.setAutoCommit(autoCommit);
      }
    });
  }

  /** {@link SlotHunter#extendPlan}'s rule: from the current end if on this plan and not ended, else now. */
  private Instant newEnd(Payment p) {
    Instant now = clock.instant();
    Instant from = hunter.subscription(p.ownerId())
        .filter(s -> s.planName().equals(p.plan()) && s.until() != null && s.until().isAfter(now))
        .map(Subscription::until).orElse(now);
    return from.plus(p.period());
  }

  private static void lockOwner(Connection c, String ownerId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM server_owners WHERE id = ? FOR UPDATE")) {
      s.setString(1, ownerId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SlotHunterException(ErrorCode.NOT_FOUND, "owner " + ownerId + " of a paid payment is gone", null);
        }
      }
    }
  }

  private static int update(Connection c, String sql, Long millis, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (millis != null) {
        s.setLong(i++, millis);
      }
      s.setString(i, id);
      return s.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ reading

  /** The owner's payments, newest first. */
  List<Payment> list(String ownerId, int limit) {
    return db.run("list payments", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM server_payments WHERE owner_id = ?"
          + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
        s.setString(1, ownerId);
        s.setInt(2, limit);
        return read(s);
      }
    });
  }

  /** One payment by id. */
  Optional<Payment> find(String id) {
    return db.run("read a payment", c -> find(c, id));
  }

  private Optional<Payment> findByAuthority(String authority) {
    return db.run("read a payment", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM server_payments WHERE gateway = ?"
          + " AND authority = ?")) {
        s.setString(1, gateway.name());
        s.setString(2, authority);
        return read(s).stream().findFirst();
      }
    });
  }

  private static Optional<Payment> find(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM server_payments WHERE id = ?")) {
      s.setString(1, id);
      return read(s).stream().findFirst();
    }
  }

  private static List<Payment> read(PreparedStatement s) throws SQLException {
    List<Payment> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        int failure = r.getInt(11);
        Integer failureCode = r.wasNull() ? null : failure;
        long until = r.getLong(13);
        Instant planUntil = r.wasNull() ? null : Instant.ofEpochMilli(until);
        long verified = r.getLong(16);
        Instant verifiedAt = r.wasNull() ? null : Instant.ofEpochMilli(verified);
        out.add(new Payment(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
            Duration.ofSeconds(r.getLong(5)), r.getString(6), r.getString(7), State.valueOf(r.getString(8)),
            r.getString(9), r.getString(10), failureCode, r.getString(12), planUntil, r.getBoolean(14),
            Instant.ofEpochMilli(r.getLong(15)), verifiedAt));
      }
    }
    return out;
  }

  /** The gateway (its name in paths and receipts). */
  PaymentGateway gateway() {
    return gateway;
  }
}
