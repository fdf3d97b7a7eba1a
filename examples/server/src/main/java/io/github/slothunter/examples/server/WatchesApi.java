package io.github.slothunter.examples.server;

import static io.github.slothunter.examples.server.Api.MAX_LINK;
import static io.github.slothunter.examples.server.Api.PREFIX;
import static io.github.slothunter.examples.server.Api.json;
import static io.github.slothunter.examples.server.Api.owner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.TargetStats;
import io.github.slothunter.core.WatchRequest;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Watches over the API ({@code /api/v1/watches}, doctor and area watches: create with filters and
 * auto-booking, list, read, stop) and what they watch ({@code /watches/{id}/slots},
 * {@code /targets/{id}/slots|stats|analytics}). Every request is validated before it touches the
 * engine, so a bad one registers nothing. Thread-safe.
 */
final class WatchesApi {
  private final SlotHunter hunter;
  private final WatchLabels labels;
  private final Insights insights;
  private final ProviderLogins logins;
  private final UnaryOperator<String> linkRewriter;
  private final PatientsApi patientsApi;
  private final AreasApi areasApi;

  WatchesApi(SlotHunter hunter, WatchLabels labels, Insights insights, ProviderLogins logins,
      UnaryOperator<String> linkRewriter, PatientsApi patientsApi, AreasApi areasApi) {
    this.hunter = hunter;
    this.labels = labels;
    this.insights = insights;
    this.logins = logins;
    this.linkRewriter = linkRewriter;
    this.patientsApi = patientsApi;
    this.areasApi = areasApi;
  }

  // ------------------------------------------------------------------ watches

  private static final Set<String> WATCH_FIELDS = Set.of("link", "area", "centerId", "serviceId", "from", "to",
      "daysOfWeek", "timesOfDay", "earliestOnly", "maxPrice", "autoBook");
  private static final Set<String> AUTO_BOOK_FIELDS = Set.of("sessionId", "patient", "patientLabel", "patientId",
      "maxBookings");
  private static final Set<String> PATIENT_FIELDS = Set.of("firstName", "lastName", "nationalCode", "mobile", "gender");

  void createWatch(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), WATCH_FIELDS);
    Optional<JsonBody> area = body.optionalObject("area", AreasApi.FIELDS);
    if (area.isPresent()) {
      createAreaWatch(ctx, owner, body, area.get());
      return;
    }
    String pasted = body.optionalString("link", MAX_LINK).orElseThrow(() -> ApiException.invalid(
        "field 'link' is required (or 'area' for an area watch)"));
    String link = linkRewriter.apply(pasted);
    WatchRequest req = WatchRequest.of(owner.id(), link);
    Optional<String> center = body.optionalString("centerId", 100);
    if (center.isPresent()) {
      req = req.center(center.get());
    }
    Optional<String> service = body.optionalString("serviceId", 100);
    if (service.isPresent()) {
      req = req.service(service.get());
    }
    req = filtersAndAutoBook(owner, body, req);
    // Everything is valid; the lookup is cached, so the watch() below costs no second request.
    Doctor doctor = hunter.lookup(link);
    Watch w = hunter.watch(req);
    try {
      labels.save(WatchLabels.from(w.id(), owner.id(), pasted, doctor, w.createdAt()));
    } catch (RuntimeException e) {
      hunter.cancel(w.id());
      throw e;
    }
    ctx.header("Location", PREFIX + "/watches/" + w.id());
    json(ctx, 201, watchView(w, false));
  }

  /** An area watch: the engine lists the area's doctors before it answers (refused over the member cap). */
  private void createAreaWatch(Context ctx, Owner owner, JsonBody body, JsonBody area) {
    for (String doctorOnly : List.of("link", "centerId", "serviceId")) {
      if (body.optionalString(doctorOnly, MAX_LINK).isPresent()) {
        throw ApiException.invalid("field '" + doctorOnly + "' does not go with 'area': an area watch covers every"
            + " doctor the area's criteria keep");
      }
    }
    WatchRequest req = filtersAndAutoBook(owner, body, WatchRequest.area(owner.id(), areasApi.query(area)));
    Watch w = hunter.watch(req);
    ctx.header("Location", PREFIX + "/watches/" + w.id());
    json(ctx, 201, watchView(w, false));
  }

  /** The filter and auto-book fields, the same for doctor and area watches. */
  private WatchRequest filtersAndAutoBook(Owner owner, JsonBody body, WatchRequest request) {
    WatchRequest req = request;
    LocalDate from = body.optionalString("from", 10).map(s -> date("from", s)).orElse(null);
    LocalDate to = body.optionalString("to", 10).map(s -> date("to", s)).orElse(null);
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String d : body.optionalStrings("daysOfWeek", 7, 12)) {
      days.add(day(d));
    }
    List<TimeWindow> windows = new ArrayList<>();
    for (String w : body.optionalStrings("timesOfDay", 10, 20)) {
      windows.add(TimeWindow.parse(w));
    }
    Long maxPrice = body.optionalLong("maxPrice", 0, Long.MAX_VALUE).orElse(null);
    req = req.filter(new SlotFilter(from, to, days, windows, body.optionalBoolean("earliestOnly"), maxPrice));
    Optional<JsonBody> auto = body.optionalObject("autoBook", AUTO_BOOK_FIELDS);
    if (auto.isPresent()) {
      req = req.autoBook(autoBook(owner, auto.get()));
    }
    return req;
  }

  private AutoBook autoBook(Owner owner, JsonBody auto) {
    String sessionId = auto.requiredString("sessionId", 100);
    AccountSession session = logins.live(owner.id(), sessionId, "autoBook.sessionId");
    Optional<JsonBody> inline = auto.optionalObject("patient", PATIENT_FIELDS);
    Optional<String> label = auto.optionalString("patientLabel", OwnerPatient.MAX_LABEL);
    Optional<String> patientId = auto.optionalString("patientId", 100);
    if (inline.isPresent() ? label.isPresent() || patientId.isPresent() : label.isPresent() == patientId.isPresent()) {
      throw ApiException.invalid("field 'autoBook' needs exactly one of 'patient', 'patientLabel' or 'patientId'");
    }
    int max = auto.optionalLong("maxBookings", 1, 100).orElse(1L).intValue();
    if (inline.isPresent()) {
      return new AutoBook(patient(inline.get(), "autoBook.patient."), session, max);
    }
    OwnerPatient chosen = label.isPresent()
        ? hunter.patient(owner.id(), label.get()).orElseThrow(() -> ApiException.invalid(
            "field 'autoBook.patientLabel' names none of your patients (see GET /api/v1/patients)"))
        : patientsApi.owned(owner, patientId.get()).orElseThrow(() -> ApiException.invalid(
            "field 'autoBook.patientId' is none of your patients (see GET /api/v1/patients)"));
    // checks that a person imported from one provider's account is not booked with another provider's session
    AutoBook ab = chosen.autoBook(session);
    return new AutoBook(ab.patient(), session, max);
  }

  /** A patient's fields; {@code where} names the object in errors. */
  static Patient patient(JsonBody p, String where) {
    Gender gender = p.optionalString("gender", 20).map(g -> {
      try {
        return Gender.valueOf(g.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("field '" + where + "gender' must be MALE, FEMALE or UNSPECIFIED");
      }
    }).orElse(Gender.UNSPECIFIED);
    return new Patient(p.requiredString("firstName", 100), p.requiredString("lastName", 100),
        p.requiredString("nationalCode", 20), p.requiredString("mobile", 20), gender);
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeException e) {
      throw ApiException.invalid("field '" + field + "' must be a date like 2026-01-31");
    }
  }

  private static DayOfWeek day(String value) {
    try {
      return DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("field 'daysOfWeek' has '" + (value.length() > 12 ? value.substring(0, 12) : value)
          + "'; use SATURDAY, SUNDAY, ... FRIDAY");
    }
  }

  void listWatches(Context ctx) {
    Owner owner = owner(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Watch w : hunter.watches(owner.id())) {
      out.add(watchView(w, true));
    }
    json(ctx, 200, out);
  }

  private Watch ownedWatch(Context ctx) {
    Owner owner = owner(ctx);
    String id = ctx.pathParam("watchId");
    return hunter.find(id).filter(w -> w.owner().equals(owner.id()))
        .orElseThrow(() -> ApiException.notFound("no watch " + id));
  }

  void getWatch(Context ctx) {
    json(ctx, 200, watchView(ownedWatch(ctx), true));
  }

  void deleteWatch(Context ctx) {
    Watch w = ownedWatch(ctx);
    hunter.cancel(w.id());
    labels.delete(w.id());
    ctx.status(204);
  }

  private ObjectNode watchView(Watch w, boolean withHealth) {
    WatchLabels.Label label = labels.find(w.id()).orElse(null);
    ObjectNode n = Json.object();
    n.put("id", w.id());
    n.put("link", label == null ? null : label.link());
    ObjectNode d = n.putObject("doctor");
    d.put("provider", w.doctor().providerId());
    d.put("key", w.doctor().key());
    d.put("name", label != null ? label.doctorName()
        : w.area() != null ? w.area().query().specialty() + " · " + w.area().query().city() : w.doctor().key());
    n.set("area", w.area() == null ? null : AreasApi.areaView(w.area()));
    ArrayNode targets = n.putArray("targets");
    for (Target t : w.targets()) {
      targets.add(targetView(w, t, label));
    }
    SlotFilter f = w.filter();
    ObjectNode fn = n.putObject("filter");
    fn.put("from", f.from() == null ? null : f.from().toString());
    fn.put("to", f.to() == null ? null : f.to().toString());
    ArrayNode days = fn.putArray("daysOfWeek");
    f.days().stream().sorted().forEach(day -> days.add(day.name()));
    ArrayNode times = fn.putArray("timesOfDay");
    f.windows().forEach(tw -> times.add(tw.toString()));
    fn.put("earliestOnly", f.earliestOnly());
    if (f.maxPrice() == null) {
      fn.putNull("maxPrice");
    } else {
      fn.put("maxPrice", f.maxPrice());
    }
    n.put("plan", w.planName());
    n.put("autoBook", w.autoBook() != null);
    n.put("state", w.state().name());
    n.put("createdAt", w.createdAt().toString());
    n.set("createdAtText", Display.dateTime(w.createdAt()));
    if (withHealth) {
      n.set("health", insights.health(w));
    }
    return n;
  }

  /**
   * A watched calendar with the names the engine keeps for it ({@link Watch#label}); the server's own
   * {@link WatchLabels} fill in what the engine does not know (watches registered before it kept labels)
   * and the city.
   */
  private static ObjectNode targetView(Watch w, Target t, WatchLabels.Label label) {
    WatchLabels.TargetLabel tl = label == null ? WatchLabels.TargetLabel.NONE : label.target(t.id());
    SlotLabel sl = w.label(t);
    ObjectNode n = Json.object();
    n.put("id", Ids.targetKey(t.id()));
    n.put("target", t.id());
    n.put("doctor", either(sl.doctor(), label == null ? "" : label.doctorName()));
    n.put("center", either(sl.center(), tl.center()));
    n.put("service", either(sl.service(), tl.service()));
    n.put("city", tl.city());
    Long price = sl.price() != null ? sl.price() : tl.price();
    if (price == null) {
      n.putNull("price");
    } else {
      n.put("price", price);
    }
    if (sl.distanceKm() == null) {
      n.putNull("distanceKm");
    } else {
      n.put("distanceKm", Math.round(sl.distanceKm() * 10) / 10.0);
    }
    n.set("labelText", Display.both(sl.line(JalaliFormat.PERSIAN), sl.line(JalaliFormat.ENGLISH)));
    return n;
  }

  private static String either(String engines, String servers) {
    return engines.isEmpty() ? servers : engines;
  }

  // ------------------------------------------------------------------ slots, stats, analytics

  void watchSlots(Context ctx) {
    Watch w = ownedWatch(ctx);
    WatchLabels.Label label = labels.find(w.id()).orElse(null);
    ObjectNode n = Json.object();
    n.put("watchId", w.id());
    ArrayNode targets = n.putArray("targets");
    for (Target t : w.targets()) {
      targets.add(snapshotView(w, t, label));
    }
    json(ctx, 200, n);
  }

  private ObjectNode snapshotView(Watch w, Target t, WatchLabels.Label label) {
    ObjectNode n = targetView(w, t, label);
    TargetStats s = hunter.stats(t);
    n.put("lastPollAt", s.lastPollAt() == null ? null : s.lastPollAt().toString());
    ArrayNode slots = n.putArray("slots");
    for (Slot slot : hunter.snapshot(t)) {
      slots.add(EventJson.slot(slot));
    }
    return n;
  }

  /** One of the caller's targets by its URL-safe id, with the labels of a watch on it. */
  private record OwnedTarget(Watch watch, Target target, WatchLabels.Label label) {}

  private OwnedTarget ownedTarget(Context ctx) {
    Owner owner = owner(ctx);
    String key = ctx.pathParam("targetId");
    Optional<String> targetId = Ids.targetId(key);
    if (targetId.isPresent()) {
      for (Watch w : hunter.watches(owner.id())) {
        for (Target t : w.targets()) {
          if (t.id().equals(targetId.get())) {
            return new OwnedTarget(w, t, labels.find(w.id()).orElse(null));
          }
        }
      }
    }
    throw ApiException.notFound("no target " + (key.length() > 80 ? key.substring(0, 80) + "…" : key)
        + " among your watches");
  }

  void targetSlots(Context ctx) {
    OwnedTarget t = ownedTarget(ctx);
    json(ctx, 200, snapshotView(t.watch(), t.target(), t.label()));
  }

  void targetStats(Context ctx) {
    OwnedTarget t = ownedTarget(ctx);
    TargetStats s = hunter.stats(t.target());
    ObjectNode n = targetView(t.watch(), t.target(), t.label());
    n.put("watchers", s.watchers());
    n.put("polls", s.polls());
    n.put("requests", s.requests());
    n.put("errors", s.errors());
    n.put("slotsOpened", s.slotsOpened());
    n.put("slotsGone", s.slotsGone());
    n.put("freeNow", s.freeNow());
    if (s.medianFreeTime() == null) {
      n.putNull("medianFreeSeconds");
    } else {
      n.put("medianFreeSeconds", s.medianFreeTime().toSeconds());
    }
    n.put("intervalSeconds", s.interval() == null ? 0 : s.interval().toMillis() / 1000.0);
    n.put("lastPollAt", s.lastPollAt() == null ? null : s.lastPollAt().toString());
    n.put("bookingAttempts", s.bookingAttempts());
    n.put("bookings", s.bookings());
    json(ctx, 200, n);
  }

  void targetAnalytics(Context ctx) {
    OwnedTarget t = ownedTarget(ctx);
    String lang = ctx.queryParam("lang");
    json(ctx, 200, insights.analytics(t.target().id(), lang));
  }
}
