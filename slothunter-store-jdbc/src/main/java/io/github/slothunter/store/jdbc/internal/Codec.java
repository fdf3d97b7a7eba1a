package io.github.slothunter.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.api.WatchState;
import java.io.IOException;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * JSON for everything the store keeps, written by hand over Jackson's tree model: the api records
 * validate in their constructors (so reading goes through them), times are ISO-8601 strings
 * ({@link Instant#toString()}, also for {@link Instant#MAX}), and nothing is found by reflection,
 * so a field added to a record cannot leak into storage unnoticed. Every document carries a format
 * version {@code "v"}; a document from a newer format is refused rather than half-read (a format
 * change also comes with a schema migration, so an older library refuses the database first).
 * Thread-safe.
 */
public final class Codec {
  private static final int FORMAT = 1;

  private final ObjectMapper mapper = new ObjectMapper();

  /** The patient and account session of an auto-booking watch: the part that is stored encrypted. */
  public record Secret(Patient patient, AccountSession session) {
    /** Validates. */
    public Secret {
      Objects.requireNonNull(patient, "patient");
      Objects.requireNonNull(session, "session");
    }
  }

  // ------------------------------------------------------------------ watches

  /** A watch without its patient and session (see {@link #writeSecret}). */
  public String writeWatch(Watch w) {
    ObjectNode n = doc();
    n.put("id", w.id());
    n.put("owner", w.owner());
    n.set("doctor", ref(w.doctor()));
    ArrayNode targets = n.putArray("targets");
    w.targets().forEach(t -> targets.add(target(t)));
    ObjectNode prices = n.putObject("prices");
    w.prices().forEach(prices::put);
    n.set("filter", filter(w.filter()));
    n.put("plan", w.planName());
    AutoBook ab = w.autoBook();
    if (ab != null) {
      ObjectNode a = n.putObject("autoBook").put("maxBookings", ab.maxBookings())
          .put("maxAttempts", ab.maxAttempts()).put("minLeadTime", ab.minLeadTime().toString());
      if (ab.maxPrice() != null) {
        a.put("maxPrice", ab.maxPrice());
      }
      if (ab.replaces() != null) {
        Booking b = ab.replaces();
        ObjectNode r = a.putObject("replaces").put("slot", writeSlot(b.slot())).put("key", b.providerBookingKey())
            .put("trackingCode", b.trackingCode()).put("bookedAt", b.bookedAt().toString());
        // added fields: absent in documents written before payments were tracked (read as no payment)
        if (b.paymentRequired()) {
          r.put("payment", b.payment().name());
          putOptional(r, "paymentLink", b.paymentLink() == null ? null : b.paymentLink().toString());
        }
      }
      if (!ab.onlinePaymentAllowed()) {
        a.put("onlinePaymentAllowed", false);
      }
    }
    n.put("createdAt", w.createdAt().toString());
    n.put("state", w.state().name());
    if (!w.snoozed().isEmpty()) {
      ObjectNode sn = n.putObject("snoozed");
      w.snoozed().forEach((k, v) -> sn.put(k, v.toString()));
    }
    if (!w.labels().isEmpty()) { // added field: absent in documents written before labels
      ObjectNode ln = n.putObject("labels");
      w.labels().forEach((k, v) -> ln.set(k, label(v)));
    }
    if (w.area() != null) { // added field: absent in documents of doctor watches and those written before areas
      n.set("area", area(w.area()));
    }
    return n.toString();
  }

  /**
   * Reads a watch written by {@link #writeWatch}.
   *
   * @param secret its decrypted patient and session, or {@code null} when the store has none
   * @throws SlotHunterException {@code PROTOCOL} for an unreadable document, {@code INVALID_INPUT}
   *     when the watch auto-books but {@code secret} is missing
   */
  public Watch readWatch(String json, Secret secret) {
    JsonNode n = parse(json, "watch");
    JsonNode ab = n.get("autoBook");
    boolean autoBooks = ab != null && !ab.isNull();
    if (autoBooks && secret == null) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT,
          "the auto-book details of watch " + n.path("id").asText("?") + " are missing from the store");
    }
    try {
      AutoBook autoBook = autoBooks ? autoBook(ab, secret) : null;
      Map<String, Instant> snoozed = new HashMap<>();
      JsonNode sn = n.get("snoozed");
      if (sn != null) {
        sn.properties().forEach(e -> snoozed.put(e.getKey(), Instant.parse(e.getValue().asText())));
      }
      List<Target> targets = new ArrayList<>();
      n.required("targets").forEach(t -> targets.add(target(t)));
      Map<String, Long> prices = new HashMap<>();
      n.required("prices").properties().forEach(e -> prices.put(e.getKey(), e.getValue().longValue()));
      Map<String, SlotLabel> labels = new HashMap<>();
      n.path("labels").properties().forEach(e -> labels.put(e.getKey(), label(e.getValue())));
      return new Watch(text(n, "id"), text(n, "owner"), ref(n.required("doctor")), targets, prices,
          filter(n.required("filter")), text(n, "plan"), autoBook, Instant.parse(text(n, "createdAt")),
          WatchState.valueOf(text(n, "state")), snoozed, n.hasNonNull("area") ? area(n.get("area")) : null, labels);
    } catch (RuntimeException e) {
      throw unreadable("watch", e);
    }
  }

  private AutoBook autoBook(JsonNode ab, Secret secret) {
    JsonNode r = ab.get("replaces");
    Booking replaces = r == null || r.isNull() ? null : new Booking(readSlot(r.required("slot").asText()),
        r.required("key").asText(), r.hasNonNull("trackingCode") ? r.get("trackingCode").asText() : null,
        Instant.parse(r.required("bookedAt").asText()), payment(r), paymentLink(r));
    return new AutoBook(secret.patient(), secret.session(), ab.required("maxBookings").intValue(),
        ab.path("maxAttempts").asInt(0), ab.hasNonNull("minLeadTime") ? java.time.Duration.parse(ab.get("minLeadTime").asText())
            : java.time.Duration.ZERO, ab.hasNonNull("maxPrice") ? ab.get("maxPrice").longValue() : null, replaces,
        ab.path("onlinePaymentAllowed").asBoolean(true));
  }

  /** A document's {@code payment}; {@code NOT_REQUIRED} when absent (written before payments were tracked). */
  private static PaymentState payment(JsonNode n) {
    return n.hasNonNull("payment") ? PaymentState.valueOf(n.get("payment").asText()) : PaymentState.NOT_REQUIRED;
  }

  private static URI paymentLink(JsonNode n) {
    return n.hasNonNull("paymentLink") ? URI.create(n.get("paymentLink").asText()) : null;
  }

  /** The patient and session of an auto-booking watch, as UTF-8 JSON to be encrypted. */
  public byte[] writeSecret(AutoBook autoBook) {
    ObjectNode n = doc();
    putPatient(n.putObject("patient"), autoBook.patient());
    AccountSession s = autoBook.session();
    ObjectNode session = n.putObject("session")
        .put("providerId", s.providerId())
        .put("token", s.token())
        .put("expiresAt", s.expiresAt().toString());
    ObjectNode attributes = session.putObject("attributes");
    s.attributes().forEach(attributes::put);
    try {
      return mapper.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Reads what {@link #writeSecret} wrote. Failures never carry the document's text.
   *
   * @throws SlotHunterException {@code PROTOCOL} for an unreadable document
   */
  public Secret readSecret(byte[] json) {
    try {
      JsonNode n = mapper.readTree(json);
      JsonNode p = n.required("patient");
      JsonNode s = n.required("session");
      Map<String, String> attributes = new HashMap<>();
      s.required("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
      return new Secret(
          patient(p),
          new AccountSession(text(s, "providerId"), text(s, "token"), attributes, Instant.parse(text(s, "expiresAt"))));
    } catch (IOException | RuntimeException e) {
      // no cause: a parser message could quote personal data
      throw new SlotHunterException(ErrorCode.PROTOCOL, "the store holds unreadable auto-book details ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** A patient's fields; {@code accountUserId} only when it names an account user. */
  private static void putPatient(ObjectNode n, Patient p) {
    n.put("firstName", p.firstName())
        .put("lastName", p.lastName())
        .put("nationalCode", p.nationalCode())
        .put("mobile", p.mobile())
        .put("gender", p.gender().name());
    if (p.accountUserId() != null) {
      n.put("accountUserId", p.accountUserId());
    }
  }

  /** Reads {@link #putPatient}; a document written before account users has none (the account holder). */
  private static Patient patient(JsonNode p) {
    return new Patient(text(p, "firstName"), text(p, "lastName"), text(p, "nationalCode"), text(p, "mobile"),
        Gender.valueOf(text(p, "gender")), optText(p, "accountUserId"));
  }

  // ------------------------------------------------------------------ patient books

  /** One entry of an owner's patient book, label included, as UTF-8 JSON to be encrypted. */
  public byte[] writeOwnerPatient(OwnerPatient entry) {
    ObjectNode n = doc();
    n.put("label", entry.label());
    if (entry.providerId() != null) {
      n.put("providerId", entry.providerId());
    }
    putPatient(n.putObject("patient"), entry.patient());
    try {
      return mapper.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Reads what {@link #writeOwnerPatient} wrote. Failures never carry the document's text.
   *
   * @throws SlotHunterException {@code PROTOCOL} for an unreadable document
   */
  public OwnerPatient readOwnerPatient(byte[] json) {
    try {
      JsonNode n = mapper.readTree(json);
      return new OwnerPatient(text(n, "label"), patient(n.required("patient")), optText(n, "providerId"));
    } catch (IOException | RuntimeException e) {
      // no cause: a parser message could quote personal data
      throw new SlotHunterException(ErrorCode.PROTOCOL, "the store holds an unreadable patient-book entry ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  // ------------------------------------------------------------------ slots

  /** One slot. */
  public String writeSlot(Slot s) {
    ObjectNode n = doc();
    n.set("target", target(s.target()));
    putSlotTimes(n, s);
    return n.toString();
  }

  /** Reads what {@link #writeSlot} wrote. */
  public Slot readSlot(String json) {
    JsonNode n = parse(json, "slot");
    try {
      return slot(n, target(n.required("target")));
    } catch (RuntimeException e) {
      throw unreadable("slot", e);
    }
  }

  /** A list of slots, each distinct target written once (a snapshot's slots share one). */
  public String writeSlots(List<Slot> slots) {
    ObjectNode n = doc();
    ArrayNode targets = n.putArray("targets");
    ArrayNode items = n.putArray("slots");
    Map<Target, Integer> index = new LinkedHashMap<>();
    for (Slot s : slots) {
      Integer i = index.get(s.target());
      if (i == null) {
        i = index.size();
        index.put(s.target(), i);
        targets.add(target(s.target()));
      }
      ObjectNode item = items.addObject().put("t", i);
      putSlotTimes(item, s);
    }
    return n.toString();
  }

  /** Reads what {@link #writeSlots} wrote, in order. */
  public List<Slot> readSlots(String json) {
    JsonNode n = parse(json, "slot list");
    try {
      List<Target> targets = new ArrayList<>();
      n.required("targets").forEach(t -> targets.add(target(t)));
      List<Slot> out = new ArrayList<>();
      for (JsonNode item : n.required("slots")) {
        out.add(slot(item, targets.get(item.required("t").intValue())));
      }
      return out;
    } catch (RuntimeException e) {
      throw unreadable("slot list", e);
    }
  }

  // ------------------------------------------------------------------ booking attempts

  /** One booking attempt. */
  public String writeAttempt(BookingAttempt a) {
    ObjectNode n = doc();
    n.put("key", a.key());
    n.put("watchId", a.watchId());
    n.set("slot", slotNode(a.slot()));
    n.put("state", a.state().name());
    putOptional(n, "holdKey", a.holdKey());
    putOptional(n, "holdExpiresAt", a.holdExpiresAt() == null ? null : a.holdExpiresAt().toString());
    putOptional(n, "bookingKey", a.bookingKey());
    putOptional(n, "trackingCode", a.trackingCode());
    putOptional(n, "error", a.error() == null ? null : a.error().name());
    n.put("updatedAt", a.updatedAt().toString());
    // added fields (no migration: the attempt is one JSON document; older documents lack them)
    putOptional(n, "payment", a.payment() == null ? null : a.payment().name());
    putOptional(n, "paymentLink", a.paymentLink() == null ? null : a.paymentLink().toString());
    putOptional(n, "holder", a.holder());
    return n.toString();
  }

  /** Reads what {@link #writeAttempt} wrote. */
  public BookingAttempt readAttempt(String json) {
    JsonNode n = parse(json, "booking attempt");
    try {
      JsonNode s = n.required("slot");
      String holdExpiresAt = optText(n, "holdExpiresAt");
      String error = optText(n, "error");
      return new BookingAttempt(text(n, "key"), text(n, "watchId"), slot(s, target(s.required("target"))),
          BookingAttempt.State.valueOf(text(n, "state")), optText(n, "holdKey"),
          holdExpiresAt == null ? null : Instant.parse(holdExpiresAt), optText(n, "bookingKey"),
          optText(n, "trackingCode"), error == null ? null : ErrorCode.valueOf(error), Instant.parse(text(n, "updatedAt")),
          n.hasNonNull("payment") ? PaymentState.valueOf(n.get("payment").asText())
              : optText(n, "bookingKey") == null ? null : PaymentState.NOT_REQUIRED,
          paymentLink(n), optText(n, "holder"));
    } catch (RuntimeException e) {
      throw unreadable("booking attempt", e);
    }
  }

  // ------------------------------------------------------------------ outbox events

  /**
   * One outbox event: the kinds that report stored state ({@link SlotOpened}, {@link SlotGone},
   * {@link HoldPlaced}, {@link HoldOutcomeUnknown}, {@link BookingSucceeded}, {@link BookingFailed},
   * {@link BookingOutcomeUnknown}).
   *
   * @throws IllegalArgumentException for any other kind
   */
  public String writeEvent(SlotEvent event) {
    ObjectNode n = doc();
    if (event instanceof SlotOpened e) {
      watchEvent(n, "SlotOpened", e.watchId(), e.owner(), e.at()).set("slot", slotNode(e.slot()));
      putOptional(n, "bookingLink", e.bookingLink() == null ? null : e.bookingLink().toString());
    } else if (event instanceof SlotGone e) {
      watchEvent(n, "SlotGone", e.watchId(), e.owner(), e.at()).set("slot", slotNode(e.slot()));
    } else if (event instanceof HoldPlaced e) {
      watchEvent(n, "HoldPlaced", e.watchId(), e.owner(), e.at()).set("slot", slotNode(e.hold().slot()));
      n.put("holdKey", e.hold().providerHoldKey());
      n.put("expiresAt", e.hold().expiresAt().toString());
    } else if (event instanceof BookingSucceeded e) {
      Booking b = e.booking();
      watchEvent(n, "BookingSucceeded", e.watchId(), e.owner(), e.at()).set("slot", slotNode(b.slot()));
      n.put("bookingKey", b.providerBookingKey());
      putOptional(n, "trackingCode", b.trackingCode());
      n.put("bookedAt", b.bookedAt().toString());
      putOptional(n, "payment", b.payment() == null ? null : b.payment().name());
      putOptional(n, "paymentLink", b.paymentLink() == null ? null : b.paymentLink().toString());
      n.put("verified", e.verified());
      putOptional(n, "verification", e.verification());
    } else if (event instanceof BookingFailed e) {
      watchEvent(n, "BookingFailed", e.watchId(), e.owner(), e.at()).set("slot", slotNode(e.slot()));
      n.put("code", e.code().name());
      putOptional(n, "reason", e.reason());
      n.put("willRetry", e.willRetry());
    } else if (event instanceof BookingOutcomeUnknown e) {
      watchEvent(n, "BookingOutcomeUnknown", e.watchId(), e.owner(), e.at()).set("slot", slotNode(e.slot()));
      n.put("attemptKey", e.attemptKey());
    } else if (event instanceof HoldOutcomeUnknown e) {
      watchEvent(n, "HoldOutcomeUnknown", e.watchId(), e.owner(), e.at()).set("slot", slotNode(e.slot()));
      n.put("attemptKey", e.attemptKey());
      n.put("lapsesAt", e.lapsesAt().toString());
    } else {
      throw new IllegalArgumentException("the outbox does not keep " + event.getClass().getSimpleName() + " events");
    }
    SlotLabel label = SlotLabel.of(event);
    if (label != null && !label.equals(SlotLabel.UNKNOWN)) { // added field: absent before labels
      n.set("label", label(label));
    }
    return n.toString();
  }

  /** Reads what {@link #writeEvent} wrote. */
  public SlotEvent readEvent(String json) {
    JsonNode n = parse(json, "event");
    try {
      String watchId = text(n, "watchId");
      String owner = text(n, "owner");
      Instant at = Instant.parse(text(n, "at"));
      JsonNode s = n.required("slot");
      Slot slot = slot(s, target(s.required("target")));
      SlotLabel label = n.has("label") ? label(n.get("label")) : SlotLabel.UNKNOWN;
      return switch (text(n, "type")) {
        case "SlotOpened" -> new SlotOpened(watchId, owner, slot,
            n.hasNonNull("bookingLink") ? URI.create(n.get("bookingLink").asText()) : null, at, label);
        case "SlotGone" -> new SlotGone(watchId, owner, slot, at);
        case "HoldPlaced" -> new HoldPlaced(watchId, owner,
            new Hold(slot, text(n, "holdKey"), Instant.parse(text(n, "expiresAt"))), at, label);
        case "BookingSucceeded" -> new BookingSucceeded(watchId, owner, new Booking(slot, text(n, "bookingKey"),
            optText(n, "trackingCode"), Instant.parse(text(n, "bookedAt")), payment(n), paymentLink(n)),
            n.required("verified").asBoolean(), optText(n, "verification"), at, label);
        case "BookingFailed" -> new BookingFailed(watchId, owner, slot, ErrorCode.valueOf(text(n, "code")),
            optText(n, "reason"), n.required("willRetry").asBoolean(), at, label);
        case "BookingOutcomeUnknown" -> new BookingOutcomeUnknown(watchId, owner, slot, text(n, "attemptKey"), at,
            label);
        case "HoldOutcomeUnknown" -> new HoldOutcomeUnknown(watchId, owner, slot, text(n, "attemptKey"),
            Instant.parse(text(n, "lapsesAt")), at, label);
        default -> throw new IllegalArgumentException("unknown event type " + text(n, "type"));
      };
    } catch (RuntimeException e) {
      throw unreadable("event", e);
    }
  }


  private static ObjectNode label(SlotLabel l) {
    ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    putOptional(n, "doctor", l.doctor().isEmpty() ? null : l.doctor());
    putOptional(n, "center", l.center().isEmpty() ? null : l.center());
    putOptional(n, "service", l.service().isEmpty() ? null : l.service());
    if (l.price() != null) {
      n.put("price", l.price());
    }
    if (l.distanceKm() != null) {
      n.put("distanceKm", l.distanceKm());
    }
    return n;
  }

  private static SlotLabel label(JsonNode n) {
    return new SlotLabel(optText(n, "doctor"), optText(n, "center"), optText(n, "service"),
        n.hasNonNull("price") ? n.get("price").longValue() : null,
        n.hasNonNull("distanceKm") ? n.get("distanceKm").doubleValue() : null);
  }

  private static ObjectNode watchEvent(ObjectNode n, String type, String watchId, String owner, Instant at) {
    return n.put("type", type).put("watchId", watchId).put("owner", owner).put("at", at.toString());
  }

  // ------------------------------------------------------------------ parts

  private ObjectNode doc() {
    return mapper.createObjectNode().put("v", FORMAT);
  }

  private JsonNode parse(String json, String what) {
    try {
      JsonNode n = mapper.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      if (n.path("v").asInt(FORMAT) > FORMAT) {
        throw new IllegalArgumentException("written in format " + n.get("v") + " by a newer version; this one reads "
            + FORMAT);
      }
      return n;
    } catch (JsonProcessingException | RuntimeException e) {
      throw unreadable(what, e);
    }
  }

  private static SlotHunterException unreadable(String what, Exception e) {
    return new SlotHunterException(ErrorCode.PROTOCOL, "the store holds an unreadable " + what + ": " + e.getMessage(), e);
  }

  // ------------------------------------------------------------------ areas

  private ObjectNode area(WatchArea a) {
    ObjectNode n = mapper.createObjectNode();
    AreaQuery q = a.query();
    ObjectNode qn = n.putObject("query").put("providerId", q.providerId()).put("specialty", q.specialty())
        .put("city", q.city()).put("keepUnlocated", q.keepUnlocated()).put("maxMembers", q.maxMembers());
    if (q.point() != null) {
      qn.put("lat", q.point().lat()).put("lon", q.point().lon());
    }
    if (q.radiusKm() != null) {
      qn.put("radiusKm", q.radiusKm());
    }
    if (q.maxPrice() != null) {
      qn.put("maxPrice", q.maxPrice());
    }
    putOptional(qn, "gender", q.gender() == null ? null : q.gender().name());
    putOptional(qn, "visitType", q.visitType() == null ? null : q.visitType().name());
    n.put("city", a.city()).put("specialty", a.specialty()).put("refreshedAt", a.refreshedAt().toString());
    ArrayNode members = n.putArray("members");
    for (AreaMember m : a.members()) {
      ObjectNode mn = members.addObject();
      mn.set("doctor", ref(m.ref()));
      mn.put("name", m.displayName());
      if (m.distanceKm() != null) {
        mn.put("distanceKm", m.distanceKm());
      }
      ArrayNode centers = mn.putArray("centers");
      for (AreaCenter c : m.centers()) {
        ObjectNode cn = centers.addObject().put("id", c.centerId()).put("name", c.name());
        if (c.location() != null) {
          cn.put("lat", c.location().lat()).put("lon", c.location().lon());
        }
        putOptional(cn, "firstFree", c.firstFree() == null ? null : c.firstFree().toString());
        if (c.price() != null) {
          cn.put("price", c.price());
        }
      }
      ArrayNode targets = mn.putArray("targets");
      m.targets().forEach(t -> targets.add(target(t)));
    }
    return n;
  }

  private static WatchArea area(JsonNode n) {
    JsonNode qn = n.required("query");
    AreaQuery.Builder b = AreaQuery.builder(text(qn, "providerId"), text(qn, "specialty"), text(qn, "city"))
        .keepUnlocated(qn.path("keepUnlocated").asBoolean(false))
        .maxMembers(qn.path("maxMembers").asInt(AreaQuery.DEFAULT_MAX_MEMBERS));
    GeoPoint point = point(qn);
    if (point != null) {
      if (qn.hasNonNull("radiusKm")) {
        b.near(point, qn.get("radiusKm").doubleValue());
      } else {
        b.near(point);
      }
    }
    if (qn.hasNonNull("maxPrice")) {
      b.maxPrice(qn.get("maxPrice").longValue());
    }
    String gender = optText(qn, "gender");
    b.gender(gender == null ? null : Gender.valueOf(gender));
    String visit = optText(qn, "visitType");
    b.visitType(visit == null ? null : VisitType.valueOf(visit));
    List<AreaMember> members = new ArrayList<>();
    for (JsonNode mn : n.required("members")) {
      List<AreaCenter> centers = new ArrayList<>();
      for (JsonNode cn : mn.required("centers")) {
        String first = optText(cn, "firstFree");
        centers.add(new AreaCenter(text(cn, "id"), optText(cn, "name"), point(cn),
            first == null ? null : Instant.parse(first), cn.hasNonNull("price") ? cn.get("price").longValue() : null));
      }
      List<Target> targets = new ArrayList<>();
      mn.required("targets").forEach(t -> targets.add(target(t)));
      members.add(new AreaMember(ref(mn.required("doctor")), text(mn, "name"), centers, targets,
          mn.hasNonNull("distanceKm") ? mn.get("distanceKm").doubleValue() : null));
    }
    return new WatchArea(b.build(), text(n, "city"), text(n, "specialty"), members,
        Instant.parse(text(n, "refreshedAt")));
  }

  private static GeoPoint point(JsonNode n) {
    return n.hasNonNull("lat") && n.hasNonNull("lon") ? new GeoPoint(n.get("lat").doubleValue(), n.get("lon").doubleValue())
        : null;
  }

  private ObjectNode ref(DoctorRef r) {
    return mapper.createObjectNode().put("providerId", r.providerId()).put("key", r.key());
  }

  private static DoctorRef ref(JsonNode n) {
    return new DoctorRef(text(n, "providerId"), text(n, "key"));
  }

  private ObjectNode target(Target t) {
    ObjectNode n = mapper.createObjectNode();
    n.set("doctor", ref(t.ref()));
    n.put("centerId", t.centerId());
    n.put("serviceId", t.serviceId());
    ObjectNode keys = n.putObject("providerKeys");
    t.providerKeys().forEach(keys::put);
    return n;
  }

  private static Target target(JsonNode n) {
    Map<String, String> keys = new HashMap<>();
    n.required("providerKeys").properties().forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
    return new Target(ref(n.required("doctor")), text(n, "centerId"), text(n, "serviceId"), keys);
  }

  private ObjectNode slotNode(Slot s) {
    ObjectNode n = mapper.createObjectNode();
    n.set("target", target(s.target()));
    putSlotTimes(n, s);
    return n;
  }

  private static void putSlotTimes(ObjectNode n, Slot s) {
    n.put("start", s.start().toString());
    n.put("end", s.end().toString());
    n.put("key", s.providerSlotKey());
  }

  private static Slot slot(JsonNode n, Target target) {
    return new Slot(target, Instant.parse(text(n, "start")), Instant.parse(text(n, "end")), text(n, "key"));
  }

  private ObjectNode filter(SlotFilter f) {
    ObjectNode n = mapper.createObjectNode();
    putOptional(n, "from", f.from() == null ? null : f.from().toString());
    putOptional(n, "to", f.to() == null ? null : f.to().toString());
    ArrayNode days = n.putArray("days");
    EnumSet<DayOfWeek> sorted = f.days().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(f.days());
    sorted.forEach(d -> days.add(d.name()));
    ArrayNode windows = n.putArray("windows");
    f.windows().forEach(w -> windows.addObject().put("from", w.from().toString()).put("to", w.to().toString()));
    n.put("earliestOnly", f.earliestOnly());
    if (f.maxPrice() != null) {
      n.put("maxPrice", f.maxPrice());
    }
    return n;
  }

  private static SlotFilter filter(JsonNode n) {
    String from = optText(n, "from");
    String to = optText(n, "to");
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    n.required("days").forEach(d -> days.add(DayOfWeek.valueOf(d.asText())));
    List<TimeWindow> windows = new ArrayList<>();
    n.required("windows").forEach(w ->
        windows.add(new TimeWindow(LocalTime.parse(text(w, "from")), LocalTime.parse(text(w, "to")))));
    JsonNode maxPrice = n.get("maxPrice");
    return new SlotFilter(from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to), days,
        windows, n.required("earliestOnly").booleanValue(),
        maxPrice == null || maxPrice.isNull() ? null : maxPrice.longValue());
  }

  private static void putOptional(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
    }
    return v.textValue();
  }

  private static String optText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
