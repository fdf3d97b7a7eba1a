package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.core.EngineStats;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.core.SlotHunter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The REST API under {@code /api/v1}: every route, behind the {@link Authenticator} (keys, tickets and
 * their limits). Handlers
 * validate everything before they touch the engine, so a bad request registers nothing; every
 * error leaves as {@code {code, message}} JSON (see {@link ApiException}). The route table is
 * {@link #ROUTES}, which the OpenAPI document must match (a test checks). Watches ({@link WatchesApi}),
 * area searches ({@link AreasApi}), patients ({@link PatientsApi}) and payments ({@link PaymentsApi})
 * have handler classes of their own; the rest are here. Thread-safe.
 */
final class Api {
  static final String PREFIX = "/api/v1";
  private static final String PRINCIPAL = "slothunter.principal";
  private static final int MAX_NAME = 100;
  static final int MAX_LINK = 2048;
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
  private final Bookings bookings;
  private final Webhooks webhooks;
  private final EventHub hub;
  private final Insights insights;
  private final ProviderLogins logins;
  private final ObjectNode info;
  private final String openApi;
  private final long maxBodyBytes;
  private final Payments payments;
  private final PatientsApi patientsApi;
  private final PaymentsApi paymentsApi;
  private final AreasApi areasApi;
  private final WatchesApi watchesApi;

  Api(Parts p) {
    this.hunter = p.hunter;
    this.clock = p.clock;
    this.owners = p.owners;
    this.authenticator = p.authenticator;
    this.bookings = p.bookings;
    this.webhooks = p.webhooks;
    this.hub = p.hub;
    this.insights = p.insights;
    this.logins = p.logins;
    this.info = p.info;
    this.openApi = p.openApi;
    this.maxBodyBytes = p.maxBodyBytes;
    this.payments = p.payments;
    this.patientsApi = new PatientsApi(p.hunter, p.patientIds, p.logins);
    this.paymentsApi = new PaymentsApi(p.payments);
    this.areasApi = new AreasApi(p.hunter);
    this.watchesApi = new WatchesApi(p.hunter, p.labels, p.insights, p.logins, p.linkRewriter, patientsApi, areasApi);
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
    route(r, "POST /api/v1/watches", watchesApi::createWatch);
    route(r, "GET /api/v1/watches", watchesApi::listWatches);
    route(r, "GET /api/v1/watches/{watchId}", watchesApi::getWatch);
    route(r, "DELETE /api/v1/watches/{watchId}", watchesApi::deleteWatch);
    route(r, "GET /api/v1/watches/{watchId}/slots", watchesApi::watchSlots);
    route(r, "GET /api/v1/targets/{targetId}/slots", watchesApi::targetSlots);
    route(r, "GET /api/v1/targets/{targetId}/stats", watchesApi::targetStats);
    route(r, "GET /api/v1/targets/{targetId}/analytics", watchesApi::targetAnalytics);
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
