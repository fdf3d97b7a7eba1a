package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.core.EngineStats;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.TargetStats;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The REST API under {@code /api/v1}: every route, behind the {@link Authenticator} (keys, tickets and
 * their limits). Handlers
 * validate everything before they touch the engine, so a bad request registers nothing; every
 * error leaves as {@code {code, message}} JSON (see {@link ApiException}). The route table is
 * {@link #ROUTES}, which the OpenAPI document must match (a test checks). Thread-safe.
 */
final class Api {
  static final String PREFIX = "/api/v1";
  private static final String PRINCIPAL = "slothunter.principal";
  private static final int MAX_NAME = 100;
  private static final int MAX_LINK = 2048;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /** Every route: method and path, as documented in {@code openapi.json}. */
  static final List<String> ROUTES = List.of(
      "GET /api/v1/health", "GET /api/v1/info", "GET /api/v1/openapi.json", "GET /api/v1/plans",
      "GET /api/v1/me", "GET /api/v1/stats",
      "POST /api/v1/owners", "GET /api/v1/owners", "GET /api/v1/owners/{ownerId}",
      "PUT /api/v1/owners/{ownerId}/plan", "POST /api/v1/owners/{ownerId}/keys",
      "GET /api/v1/areas/search", "POST /api/v1/watches", "GET /api/v1/watches", "GET /api/v1/watches/{watchId}",
      "DELETE /api/v1/watches/{watchId}", "GET /api/v1/watches/{watchId}/slots",
      "GET /api/v1/targets/{targetId}/slots", "GET /api/v1/targets/{targetId}/stats",
      "GET /api/v1/targets/{targetId}/analytics",
      "GET /api/v1/bookings", "GET /api/v1/bookings/{bookingId}", "GET /api/v1/bookings/{bookingId}.ics",
      "POST /api/v1/logins", "POST /api/v1/logins/{loginId}/complete",
      "GET /api/v1/patients", "POST /api/v1/patients", "POST /api/v1/patients/import",
      "GET /api/v1/patients/{patientId}", "DELETE /api/v1/patients/{patientId}",
      "POST /api/v1/webhooks", "GET /api/v1/webhooks", "DELETE /api/v1/webhooks/{webhookId}",
      "POST /api/v1/webhooks/{webhookId}/ping", "GET /api/v1/webhooks/deliveries",
      "POST /api/v1/events/tickets", "GET /api/v1/events", "GET /api/v1/events/recent",
      "POST /api/v1/checkout", "GET /api/v1/payments", "GET /api/v1/payments/zarinpal/callback");

  private final SlotHunter hunter;
  private final Clock clock;
  private final Owners owners;
  private final Authenticator authenticator;
  private final WatchLabels labels;
  private final Bookings bookings;
  private final Webhooks webhooks;
  private final EventHub hub;
  private final Insights insights;
  private final ProviderLogins logins;
  private final PatientIds patientIds;
  private final UnaryOperator<String> linkRewriter;
  private final ObjectNode info;
  private final String openApi;
  private final long maxBodyBytes;
  private final Payments payments;
  private final PatientsApi patientsApi;
  private final PaymentsApi paymentsApi;
  private final AreasApi areasApi;

  Api(Parts p) {
    this.hunter = p.hunter;
    this.clock = p.clock;
    this.owners = p.owners;
    this.authenticator = p.authenticator;
    this.labels = p.labels;
    this.bookings = p.bookings;
    this.webhooks = p.webhooks;
    this.hub = p.hub;
    this.insights = p.insights;
    this.logins = p.logins;
    this.patientIds = p.patientIds;
    this.linkRewriter = p.linkRewriter;
    this.info = p.info;
    this.openApi = p.openApi;
    this.maxBodyBytes = p.maxBodyBytes;
    this.payments = p.payments;
    this.patientsApi = new PatientsApi(p.hunter, p.patientIds, p.logins);
    this.paymentsApi = new PaymentsApi(p.payments);
    this.areasApi = new AreasApi(p.hunter);
  }

  /** What the API is made of; filled by {@link SlotHunterServer}. */
  static final class Parts {
    SlotHunter hunter;
    Clock clock;
    Owners owners;
    Authenticator authenticator;
    WatchLabels labels;
    Bookings bookings;
    Webhooks webhooks;
    EventHub hub;
    Insights insights;
    ProviderLogins logins;
    PatientIds patientIds;
    UnaryOperator<String> linkRewriter = UnaryOperator.identity();
    ObjectNode info;
    String openApi;
    long maxBodyBytes;
    /** {@code null} when no payment gateway is configured. */
    Payments payments;
  }

  // ------------------------------------------------------------------ wiring

  void register(RoutesConfig r) {
    r.before(PREFIX + "/*", this::authenticate);
    route(r, "GET /api/v1/health", ctx -> json(ctx, 200, Map.of("status", "UP")));
    route(r, "GET /api/v1/info", ctx -> json(ctx, 200, info));
    route(r, "GET /api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    route(r, "GET /api/v1/plans", this::plans);
    route(r, "GET /api/v1/me", ctx -> json(ctx, 200, ownerView(owner(ctx))));
    route(r, "GET /api/v1/stats", this::stats);
    route(r, "POST /api/v1/owners", this::createOwner);
    route(r, "GET /api/v1/owners", this::listOwners);
    route(r, "GET /api/v1/owners/{ownerId}", this::getOwner);
    route(r, "PUT /api/v1/owners/{ownerId}/plan", this::setPlan);
    route(r, "POST /api/v1/owners/{ownerId}/keys", this::rotateKey);
    route(r, "GET /api/v1/areas/search", areasApi::search);
    route(r, "POST /api/v1/watches", this::createWatch);
    route(r, "GET /api/v1/watches", this::listWatches);
    route(r, "GET /api/v1/watches/{watchId}", this::getWatch);
    route(r, "DELETE /api/v1/watches/{watchId}", this::deleteWatch);
    route(r, "GET /api/v1/watches/{watchId}/slots", this::watchSlots);
    route(r, "GET /api/v1/targets/{targetId}/slots", this::targetSlots);
    route(r, "GET /api/v1/targets/{targetId}/stats", this::targetStats);
    route(r, "GET /api/v1/targets/{targetId}/analytics", this::targetAnalytics);
    route(r, "GET /api/v1/bookings", this::listBookings);
    // one route serves /bookings/{id} and /bookings/{id}.ics (a path parameter cannot end in a suffix)
    route(r, "GET /api/v1/bookings/{bookingId}", this::getBooking);
    route(r, "POST /api/v1/logins", this::startLogin);
    route(r, "POST /api/v1/logins/{loginId}/complete", this::completeLogin);
    route(r, "GET /api/v1/patients", patientsApi::list);
    route(r, "POST /api/v1/patients", patientsApi::save);
    route(r, "POST /api/v1/patients/import", patientsApi::importFromAccount);
    route(r, "GET /api/v1/patients/{patientId}", patientsApi::get);
    route(r, "DELETE /api/v1/patients/{patientId}", patientsApi::delete);
    route(r, "POST /api/v1/webhooks", this::createWebhook);
    route(r, "GET /api/v1/webhooks", this::listWebhooks);
    route(r, "GET /api/v1/webhooks/deliveries", this::deliveries);
    route(r, "DELETE /api/v1/webhooks/{webhookId}", this::deleteWebhook);
    route(r, "POST /api/v1/webhooks/{webhookId}/ping", this::pingWebhook);
    route(r, "POST /api/v1/events/tickets", this::ticket);
    route(r, "GET /api/v1/events", this::stream);
    route(r, "GET /api/v1/events/recent", this::recentEvents);
    route(r, "POST /api/v1/checkout", paymentsApi::checkout);
    route(r, "GET /api/v1/payments", paymentsApi::list);
    route(r, "GET /api/v1/payments/zarinpal/callback", paymentsApi::callback);
  }

  private static void route(RoutesConfig r, String route, Handler handler) {
    int space = route.indexOf(' ');
    r.addHttpHandler(HandlerType.findOrCreate(route.substring(0, space)), route.substring(space + 1), handler);
  }

  // ------------------------------------------------------------------ authentication

  private void authenticate(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String declared = ctx.header("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > maxBodyBytes) {
          throw new ApiException(413, "PAYLOAD_TOO_LARGE", "the request body is larger than " + maxBodyBytes + " bytes");
        }
      } catch (NumberFormatException e) {
        throw ApiException.invalid("the Content-Length header is not a number");
      }
    }
    authenticator.authenticate(ctx).ifPresent(p -> ctx.attribute(PRINCIPAL, p));
  }

  private static Authenticator.Principal principal(Context ctx, boolean required) {
    Authenticator.Principal p = ctx.attribute(PRINCIPAL);
    if (p == null && required) {
      throw ApiException.unauthorized("a valid API key is required");
    }
    return p;
  }

  static Owner owner(Context ctx) {
    Authenticator.Principal p = principal(ctx, true);
    if (p.admin()) {
      throw ApiException.forbidden("this endpoint acts for an owner: use the owner's API key, not the admin key");
    }
    return p.owner();
  }

  private static void requireAdmin(Context ctx) {
    if (!principal(ctx, true).admin()) {
      throw ApiException.forbidden("this endpoint needs the admin key");
    }
  }

  // ------------------------------------------------------------------ owners and plans

  private void plans(Context ctx) {
    principal(ctx, true);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Plan p : hunter.plans().all()) {
      out.add(planView(p));
    }
    json(ctx, 200, out);
  }

  private ObjectNode planView(Plan p) {
    ObjectNode n = Json.object();
    n.put("name", p.name());
    if (p.maxWatches() == Plan.UNLIMITED) {
      n.putNull("maxWatches");
    } else {
      n.put("maxWatches", p.maxWatches());
    }
    n.put("minIntervalSeconds", p.minInterval().toMillis() / 1000.0);
    n.put("autoBook", p.autoBook());
    n.put("priority", p.priority());
    n.put("default", p.equals(hunter.plans().defaultPlan()));
    if (p.price() == null) {
      n.putNull("price");
    } else {
      ObjectNode price = n.putObject("price");
      price.put("amount", p.price().amount());
      price.put("currency", p.price().currency());
    }
    n.put("forSale", payments != null && p.price() != null && p.price().amount() > 0
        && p.price().currency().equals("IRR"));
    return n;
  }

  private ObjectNode ownerView(Owner o) {
    ObjectNode n = Json.object();
    n.put("id", o.id());
    n.put("name", o.name());
    n.put("plan", hunter.plan(o.id()).name());
    n.put("createdAt", o.createdAt().toString());
    return n;
  }

  private void createOwner(Context ctx) {
    requireAdmin(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("name", "plan"));
    String name = body.requiredString("name", MAX_NAME);
    Optional<String> plan = body.optionalString("plan", 64).map(this::knownPlan);
    Owners.Created created = owners.create(name);
    plan.ifPresent(pl -> hunter.setPlan(created.owner().id(), pl));
    ObjectNode n = ownerView(created.owner());
    n.put("apiKey", created.apiKey());
    ctx.header("Location", PREFIX + "/owners/" + created.owner().id());
    json(ctx, 201, n);
  }

  private String knownPlan(String name) {
    if (hunter.plans().find(name).isEmpty()) {
      List<String> known = hunter.plans().all().stream().map(Plan::name).toList();
      throw ApiException.invalid("field 'plan' must be one of " + known);
    }
    return name;
  }

  private void listOwners(Context ctx) {
    requireAdmin(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    owners.list().forEach(o -> out.add(ownerView(o)));
    json(ctx, 200, out);
  }

  private Owner ownerParam(Context ctx) {
    String id = ctx.pathParam("ownerId");
    return owners.find(id).orElseThrow(() -> ApiException.notFound("no owner " + id));
  }

  private void getOwner(Context ctx) {
    Authenticator.Principal p = principal(ctx, true);
    String id = ctx.pathParam("ownerId");
    if (!p.admin() && !p.owner().id().equals(id)) {
      throw ApiException.notFound("no owner " + id);
    }
    json(ctx, 200, ownerView(ownerParam(ctx)));
  }

  private void setPlan(Context ctx) {
    requireAdmin(ctx);
    Owner o = ownerParam(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("plan"));
    String plan = knownPlan(body.requiredString("plan", 64));
    hunter.setPlan(o.id(), plan);
    json(ctx, 200, ownerView(o));
  }

  private void rotateKey(Context ctx) {
    requireAdmin(ctx);
    Owner o = ownerParam(ctx);
    String key = owners.rotateKey(o.id()).orElseThrow(() -> ApiException.notFound("no owner " + o.id()));
    ObjectNode n = ownerView(o);
    n.put("apiKey", key);
    json(ctx, 201, n);
  }

  private void stats(Context ctx) {
    Authenticator.Principal p = principal(ctx, true);
    if (!p.admin()) {
      OwnerStats s = hunter.ownerStats(p.owner().id());
      ObjectNode n = Json.object();
      n.put("plan", s.plan());
      n.put("watches", s.watches());
      n.put("slotsAnnounced", s.slotsAnnounced());
      n.put("bookings", s.bookings());
      json(ctx, 200, n);
      return;
    }
    EngineStats s = hunter.stats();
    ObjectNode n = Json.object();
    n.put("watches", s.watches());
    n.put("targets", s.targets());
    n.put("eventsPublished", s.eventsPublished());
    n.put("eventsDropped", s.eventsDropped());
    n.put("eventsDeduplicated", hub.duplicates());
    n.put("streams", hub.streams());
    n.put("webhookDeliveriesPending", webhooks.pending());
    // start-up progress: watches registered at once wait for their doctor lookups inside the budget
    io.github.slothunter.core.LookupProgress lookups = hunter.lookupProgress();
    ObjectNode ln = n.putObject("lookups");
    ln.put("done", lookups.done());
    ln.put("failed", lookups.failed());
    ln.put("waiting", lookups.waiting());
    ArrayNode providers = n.putArray("providers");
    for (ProviderStats ps : s.providers()) {
      ObjectNode pn = providers.addObject();
      pn.put("id", ps.providerId());
      pn.put("budgetPerMinute", ps.budget().perMinute());
      pn.put("budgetPerHour", ps.budget().perHour());
      pn.put("effectivePerMinute", ps.effectivePerMinute());
      pn.put("usedLastMinute", ps.usedLastMinute());
      pn.put("requestsSent", ps.requestsSent());
      pn.put("rateLimited", ps.rateLimited());
      pn.put("failures", ps.failures());
      pn.put("circuit", ps.circuit());
    }
    json(ctx, 200, n);
  }

  // ------------------------------------------------------------------ watches

  private static final Set<String> WATCH_FIELDS = Set.of("link", "area", "centerId", "serviceId", "from", "to",
      "daysOfWeek", "timesOfDay", "earliestOnly", "maxPrice", "autoBook");
  private static final Set<String> AUTO_BOOK_FIELDS = Set.of("sessionId", "patient", "patientLabel", "patientId",
      "maxBookings");
  private static final Set<String> PATIENT_FIELDS = Set.of("firstName", "lastName", "nationalCode", "mobile", "gender");

  private void createWatch(Context ctx) {
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

  private void listWatches(Context ctx) {
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

  private void getWatch(Context ctx) {
    json(ctx, 200, watchView(ownedWatch(ctx), true));
  }

  private void deleteWatch(Context ctx) {
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

  private void watchSlots(Context ctx) {
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

  private void targetSlots(Context ctx) {
    OwnedTarget t = ownedTarget(ctx);
    json(ctx, 200, snapshotView(t.watch(), t.target(), t.label()));
  }

  private void targetStats(Context ctx) {
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

  private void targetAnalytics(Context ctx) {
    OwnedTarget t = ownedTarget(ctx);
    String lang = ctx.queryParam("lang");
    json(ctx, 200, insights.analytics(t.target().id(), lang));
  }

  // ------------------------------------------------------------------ bookings

  private void listBookings(Context ctx) {
    Owner owner = owner(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Bookings.Row b : bookings.list(owner.id(), limit(ctx, 100, 500))) {
      out.add(bookingView(b));
    }
    json(ctx, 200, out);
  }

  private void getBooking(Context ctx) {
    Owner owner = owner(ctx);
    String id = ctx.pathParam("bookingId");
    boolean ics = id.endsWith(".ics");
    String bookingId = ics ? id.substring(0, id.length() - 4) : id;
    Bookings.Row b = bookings.find(owner.id(), bookingId)
        .orElseThrow(() -> ApiException.notFound("no booking " + (bookingId.length() > 60 ? "with that id" : bookingId)));
    if (ics) {
      String calendar = insights.ics(b);
      ctx.contentType("text/calendar; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + b.id() + ".ics\"")
          .result(calendar);
      return;
    }
    json(ctx, 200, bookingView(b));
  }

  private static ObjectNode bookingView(Bookings.Row b) {
    ObjectNode n = Json.object();
    n.put("id", b.id());
    n.put("watchId", b.watchId());
    n.put("targetId", Ids.targetKey(b.targetId()));
    n.put("doctor", b.doctorName());
    n.put("place", b.place());
    n.put("start", b.start().toString());
    n.put("end", b.end().toString());
    n.put("startTehran", LOCAL.format(b.start().atZone(io.github.slothunter.api.SlotHunterZones.TEHRAN)));
    n.set("startText", Display.dateTime(b.start()));
    n.put("trackingCode", b.trackingCode());
    n.put("providerBookingId", b.providerBookingKey());
    n.put("verified", b.verified());
    n.put("paymentRequired", b.paymentRequired());
    if (b.paymentLink() != null) {
      n.put("paymentLink", b.paymentLink());
    }
    n.put("bookedAt", b.bookedAt().toString());
    n.put("ics", PREFIX + "/bookings/" + b.id() + ".ics");
    return n;
  }

  // ------------------------------------------------------------------ provider logins

  private void startLogin(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("provider", "mobile"));
    String provider = body.requiredString("provider", 32);
    String mobile = body.requiredString("mobile", 20);
    ProviderLogins.Started s = logins.start(owner.id(), provider, mobile);
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("provider", s.provider());
    n.put("mobile", s.mobile());
    n.put("expiresAt", s.expiresAt().toString());
    if (!s.notice().isEmpty()) {
      n.put("notice", s.notice());
    }
    if (s.resendAfter() != null) {
      n.put("resendAfter", s.resendAfter().toString());
    }
    n.put("passwordExpected", s.passwordExpected());
    json(ctx, 201, n);
  }

  private void completeLogin(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("code"));
    String code = body.requiredString("code", 12);
    ProviderLogins.SessionRef s = logins.complete(owner.id(), ctx.pathParam("loginId"), code);
    ObjectNode n = Json.object();
    n.put("sessionId", s.id());
    n.put("provider", s.provider());
    n.put("expiresAt", s.expiresAt().toString());
    n.set("expiresAtText", Display.dateTime(s.expiresAt()));
    json(ctx, 201, n);
  }

  // ------------------------------------------------------------------ webhooks

  private void createWebhook(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("url", "eventTypes"));
    String url = body.requiredString("url", MAX_LINK);
    Set<String> types = EventJson.types(body.optionalStrings("eventTypes", EventJson.TYPES.size(), 40), "eventTypes");
    Webhooks.Created c = webhooks.register(owner.id(), url, types);
    ObjectNode n = webhookView(c.hook());
    n.put("secret", c.secret());
    json(ctx, 201, n);
  }

  private static ObjectNode webhookView(Webhooks.Hook h) {
    ObjectNode n = Json.object();
    n.put("id", h.id());
    n.put("url", h.url());
    ArrayNode types = n.putArray("eventTypes");
    new java.util.TreeSet<>(h.eventTypes()).forEach(types::add);
    n.put("createdAt", h.createdAt().toString());
    return n;
  }

  private void listWebhooks(Context ctx) {
    Owner owner = owner(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    webhooks.list(owner.id()).forEach(h -> out.add(webhookView(h)));
    json(ctx, 200, out);
  }

  private void deleteWebhook(Context ctx) {
    Owner owner = owner(ctx);
    String id = ctx.pathParam("webhookId");
    if (!webhooks.delete(owner.id(), id)) {
      throw ApiException.notFound("no webhook " + id);
    }
    ctx.status(204);
  }

  private void pingWebhook(Context ctx) {
    Owner owner = owner(ctx);
    String id = ctx.pathParam("webhookId");
    String eventId = Ids.random("evt_ping_", 8);
    ObjectNode ping = Json.object();
    ping.put("id", eventId);
    ping.put("type", "Ping");
    ping.put("at", clock.instant().toString());
    if (!webhooks.ping(owner.id(), id, eventId, Json.write(ping))) {
      throw ApiException.notFound("no webhook " + id);
    }
    ObjectNode n = Json.object();
    n.put("eventId", eventId);
    json(ctx, 202, n);
  }

  private void deliveries(Context ctx) {
    Owner owner = owner(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Webhooks.Delivery d : webhooks.deliveries(owner.id(), limit(ctx, 50, 500))) {
      ObjectNode n = out.addObject();
      n.put("id", d.id());
      n.put("webhookId", d.webhookId());
      n.put("eventId", d.eventId());
      n.put("eventType", d.eventType());
      n.put("attempt", d.attempt());
      n.put("outcome", d.outcome());
      if (d.status() == null) {
        n.putNull("status");
      } else {
        n.put("status", d.status());
      }
      n.put("error", d.error());
      n.put("durationMillis", d.durationMillis());
      n.put("at", d.at().toString());
    }
    json(ctx, 200, out);
  }

  // ------------------------------------------------------------------ live events

  private void ticket(Context ctx) {
    Owner owner = owner(ctx);
    StreamTickets.Ticket t = hub.issueTicket(owner.id());
    ObjectNode n = Json.object();
    n.put("ticket", t.value());
    n.put("expiresAt", t.expiresAt().toString());
    n.put("url", PREFIX + "/events?ticket=" + t.value());
    json(ctx, 201, n);
  }

  private void stream(Context ctx) throws Exception {
    Owner owner = owner(ctx);
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiException(406, "NOT_ACCEPTABLE", "this endpoint streams Server-Sent Events: send 'Accept: text/event-stream'");
    }
    Long last = lastEventId(ctx);
    hub.checkCapacity(owner.id());
    new SseHandler(0, client -> hub.attach(owner.id(), client, last)).handle(ctx);
  }

  private static Long lastEventId(Context ctx) {
    String v = ctx.header("Last-Event-ID");
    if (v == null) {
      v = ctx.queryParam("lastEventId");
    }
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      // the SSE id: line is this server's cursor; the event's own id (data.id, ev_...) is not one
      throw ApiException.invalid("Last-Event-ID must be the number of a frame's 'id:' line");
    }
  }

  private void recentEvents(Context ctx) {
    Owner owner = owner(ctx);
    List<String> events = hub.recent(owner.id(), limit(ctx, 50, 100));
    ctx.contentType("application/json").result("{\"events\":[" + String.join(",", events) + "]}");
  }

  // ------------------------------------------------------------------ helpers

  static int limit(Context ctx, int dflt, int max) {
    String v = ctx.queryParam("limit");
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > max) {
        throw ApiException.invalid("query parameter 'limit' must be 1-" + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalid("query parameter 'limit' must be a number 1-" + max);
    }
  }

  static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  /** Writes an error as {@code {code, message}} JSON, with {@code Retry-After} when known. */
  static void error(Context ctx, ApiException e) {
    if (e.retryAfter() != null) {
      ctx.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
    }
    ObjectNode n = Json.object();
    n.put("code", e.code());
    n.put("message", e.getMessage());
    json(ctx, e.status(), n);
  }
}
