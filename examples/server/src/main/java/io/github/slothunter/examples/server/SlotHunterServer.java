package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.SecretSealer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.Price;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.Subscription;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.Providers;
import io.github.slothunter.store.jdbc.JdbcStore;
import io.github.slothunter.testkit.FakePaziresh24;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SlotHunter server: the engine on a JDBC store, the REST API and dashboard on Javalin
 * (Jetty), the live event hub and the webhook sender, started by {@link Builder#start()} and
 * stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (SlotHunterServer server = SlotHunterServer.builder()
 *     .database("/var/lib/slothunter")          // or jdbc:postgresql://db/slothunter?user=...
 *     .storeKey(key32)
 *     .adminKey(System.getenv("SLOTHUNTER_ADMIN_KEY"))
 *     .port(8080)
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class SlotHunterServer implements AutoCloseable {
  /** The sandbox's FREE plan: one doctor, checked every 2 seconds, no auto-booking. */
  static final Plan SANDBOX_FREE = new Plan("FREE", 1, Duration.ofSeconds(2), false, 1);
  /** The sandbox's request budget: the fake has no rate limit, but the engine still enforces one. */
  static final RequestBudget SANDBOX_BUDGET = RequestBudget.of(1200, 60_000, 4);
  /** The real Paziresh24 site, as its provider parses links. */
  static final String PAZIRESH24 = "https://www.paziresh24.com";
  private static final Logger log = LoggerFactory.getLogger(SlotHunterServer.class);

  private final Database database;
  private final SlotHunter hunter;
  private final Subscription subscription;
  private final EventHub hub;
  private final Webhooks webhooks;
  private final Authenticator authenticator;
  private final Owners owners;
  private final Payments payments;
  private final Javalin app;
  private final ScheduledExecutorService maintenance;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String host;

  private SlotHunterServer(Builder b) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      this.database = Database.open(b.database, b.dbUser, b.dbPassword);
      opened.add(database);
      JdbcStore store = JdbcStore.builder().dataSource(database.dataSource()).encryptionKey(b.storeKey)
          .clock(b.clock).build();
      this.hunter = engine(b, store).build();
      opened.add(0, hunter);
      this.webhooks = new Webhooks(database, b.clock, new SecretSealer(b.storeKey, "slothunter-server webhook secrets"),
          b.webhookSettings, new AddressPolicy(b.webhookResolver, b.allowPrivateWebhooks));
      opened.add(0, webhooks);
      WatchLabels labels = new WatchLabels(database);
      Bookings bookings = new Bookings(database);
      this.hub = new EventHub(b.clock, b.eventSettings, bookings, labels, webhooks);
      opened.add(0, hub);
      this.subscription = hunter.listen(hub);
      Api.Parts parts = new Api.Parts();
      parts.hunter = hunter;
      parts.clock = b.clock;
      this.owners = new Owners(database, b.clock);
      parts.owners = owners;
      this.authenticator = new Authenticator(new ApiKeys.AdminKey(b.adminKey), owners, hub,
          new RateLimiter(b.clock, b.burst, b.perSecond),
          new RateLimiter(b.clock, b.anonymousBurst, b.anonymousPerSecond),
          new RateLimiter(b.clock, b.keyIdFailureBurst, b.keyIdFailurePerSecond), b.failureFloor);
      parts.authenticator = authenticator;
      parts.labels = labels;
      parts.bookings = bookings;
      parts.webhooks = webhooks;
      parts.hub = hub;
      parts.insights = new Insights(hunter);
      parts.logins = new ProviderLogins(hunter, b.clock);
      parts.patientIds = new PatientIds(b.storeKey);
      parts.linkRewriter = linkRewriter(b.sandbox);
      parts.info = info(b.sandbox, hunter);
      parts.openApi = resource("openapi.json");
      parts.maxBodyBytes = b.maxBodyBytes;
      if (b.paymentGateway != null) {
        String publicUrl = b.publicUrl;
        this.payments = new Payments(database, hunter, b.clock, b.paymentGateway,
            () -> publicUrl != null ? publicUrl : baseUrl(), b.paymentPeriod, b.paymentFaults);
        // a crash may have left paid payments whose plan was not applied yet: finish them before serving
        payments.applyPending();
      } else {
        this.payments = null;
      }
      parts.payments = payments;
      Api api = new Api(parts);

      this.host = b.host;
      this.app = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = b.maxBodyBytes;
        config.http.prefer405over404 = true;
        config.jetty.host = b.host;
        config.jetty.port = b.port;
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.staticFiles.add(sf -> {
          sf.hostedPath = "/";
          sf.directory = "/web";
          sf.location = Location.CLASSPATH;
        });
        config.requestLogger.http((ctx, ms) -> log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(),
            ctx.statusCode(), Math.round(ms)));
        config.routes.before(ctx -> SecurityHeaders.apply(ctx));
        api.register(config.routes);
        // the API reference: a page of its own (web/docs.html) that reads the served openapi.json
        String docsPage = resource("/web/docs.html");
        config.routes.addHttpHandler(io.javalin.http.HandlerType.GET, DOCS_PATH, ctx -> ctx.html(docsPage));
        config.routes.exception(ApiException.class, (e, ctx) -> Api.error(ctx, e));
        config.routes.exception(SlotHunterException.class, (e, ctx) -> Api.error(ctx, ApiException.of(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> Api.error(ctx, fromJavalin(e)));
        config.routes.exception(Exception.class, (e, ctx) -> {
          String ref = Ids.random("err_", 4);
          log.error("unexpected error {} on {} {}", ref, ctx.method(), ctx.path(), e);
          Api.error(ctx, new ApiException(500, "INTERNAL", "internal error (reference " + ref + ")"));
        });
      });
      app.start();
      opened.add(0, app::stop);

      this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slothunter-server-maintenance");
        t.setDaemon(true);
        return t;
      });
      maintenance.scheduleWithFixedDelay(guard(hub::heartbeat), 15, 15, TimeUnit.SECONDS);
      maintenance.scheduleWithFixedDelay(guard(authenticator::evictIdle), 10, 10, TimeUnit.MINUTES);
      maintenance.scheduleWithFixedDelay(guard(() -> webhooks.prune(b.clock.instant().minus(Duration.ofDays(7)))),
          1, 60, TimeUnit.MINUTES);
      log.info("SlotHunter server listening on {} ({}{}{})", baseUrl(), database,
          b.sandbox != null ? ", sandbox " + b.sandbox.baseUrl() : "",
          b.paymentGateway != null ? ", payments through " + b.paymentGateway : "");
    } catch (RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static SlotHunter.Builder engine(Builder b, JdbcStore store) {
    SlotHunter.Builder h = SlotHunter.builder().clock(b.clock).store(store);
    if (b.sandbox != null) {
      h.providers(Providers.of(new Paziresh24ProviderFactory()))
          .providerConfig(Paziresh24ProviderFactory.ID, ProviderContext.BASE_URL, b.sandbox.baseUrl())
          .budget(Paziresh24ProviderFactory.ID, SANDBOX_BUDGET)
          .plans(b.plans != null ? b.plans : sandboxPlans());
    } else {
      h.providers(Providers.discover()).plans(b.plans != null ? b.plans : Plans.defaults());
    }
    if (b.manual) {
      h.manualScheduling();
    }
    if (b.instanceId != null) {
      h.instanceId(b.instanceId);
    }
    return h;
  }

  /**
   * The product's plans with the sandbox's fast polling: FREE every 2 s, the others every second or
   * faster; the paid ones priced in rials, so the sandbox can sell them (through Zarinpal's sandbox).
   */
  static Plans sandboxPlans() {
    return Plans.of(SANDBOX_FREE, List.of(SANDBOX_FREE,
        new Plan("PREMIUM", 10, Duration.ofSeconds(1), true, 2).withPrice(Price.rials(2_000_000)),
        new Plan("PRO", Plan.UNLIMITED, Duration.ofSeconds(1), true, 4).withPrice(Price.rials(5_000_000)),
        new Plan("ENTERPRISE", Plan.UNLIMITED, Duration.ofMillis(500), true, 8).withPrice(Price.rials(20_000_000))));
  }

  private static UnaryOperator<String> linkRewriter(FakePaziresh24 fake) {
    if (fake == null) {
      return UnaryOperator.identity();
    }
    // The provider only accepts paziresh24.com links; links into the fake become those and are fetched from it.
    String base = fake.baseUrl();
    return link -> link.startsWith(base + "/") ? PAZIRESH24 + link.substring(base.length()) : link;
  }

  private static ObjectNode info(FakePaziresh24 fake, SlotHunter hunter) {
    ObjectNode n = Json.object();
    n.put("name", "SlotHunter");
    n.put("apiVersion", "v1");
    n.put("sandbox", fake != null);
    ArrayNode links = n.putArray("exampleLinks");
    if (fake != null) {
      fake.slugs().forEach(s -> links.add(PAZIRESH24 + "/dr/" + s + "/"));
    }
    ArrayNode plans = n.putArray("plans");
    hunter.plans().all().forEach(p -> plans.add(p.name()));
    ArrayNode langs = n.putArray("languages");
    langs.add("fa");
    langs.add("en");
    return n;
  }

  private static ApiException fromJavalin(HttpResponseException e) {
    switch (e.getStatus()) {
      case 404:
        return ApiException.notFound("no such endpoint");
      case 405:
        return new ApiException(405, "METHOD_NOT_ALLOWED", "this endpoint does not accept that method");
      case 413:
        return new ApiException(413, "PAYLOAD_TOO_LARGE", "the request body is too large");
      case 400:
        return ApiException.invalid("bad request");
      default:
        return new ApiException(e.getStatus(), e.getStatus() >= 500 ? "INTERNAL" : "INVALID_INPUT",
            e.getMessage() == null ? "request failed" : e.getMessage());
    }
  }

  private static Runnable guard(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("maintenance task failed", e);
      }
    };
  }

  /** Where the interactive API reference is served. */
  static final String DOCS_PATH = "/api/docs";

  static String resource(String name) {
    try (InputStream in = SlotHunterServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts configuring a server. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the real one when 0 was asked for). */
  public int port() {
    return app.port();
  }

  /** {@code http://host:port}. */
  public String baseUrl() {
    String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return "http://" + h + ":" + port();
  }

  /** The engine (tests drive a manually scheduled one with {@link SlotHunter#runDue()}). */
  SlotHunter hunter() {
    return hunter;
  }

  /** The database (tests look at what is stored). */
  Database database() {
    return database;
  }

  /** The event hub. */
  EventHub hub() {
    return hub;
  }

  /** Creates an owner on a plan (for the sandbox's demo owner); returns its key once. */
  Owners.Created createOwner(String name, String plan) {
    Owners.Created created = owners.create(name);
    hunter.setPlan(created.owner().id(), plan);
    return created;
  }

  /** The owners and their keys. */
  Owners owners() {
    return owners;
  }

  /** How many owners exist. */
  int ownerCount() {
    return owners.list().size();
  }

  /** The payments, or {@code null} without a gateway. */
  Payments payments() {
    return payments;
  }

  /** The webhook sender. */
  Webhooks webhooks() {
    return webhooks;
  }

  /**
   * Stops accepting requests, closes the live streams, stops webhook delivery (a few seconds for
   * attempts in flight), closes the engine (releasing holds) and the database. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    maintenance.shutdownNow();
    hub.close();
    app.stop();
    subscription.close();
    webhooks.close();
    try {
      hunter.close();
    } finally {
      database.close();
    }
    log.info("SlotHunter server stopped");
  }

  /** Configures a {@link SlotHunterServer}. Not thread-safe. */
  public static final class Builder {
    /** The default largest request body: 64 KiB. */
    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    private String database = "slothunter-data";
    private String dbUser;
    private String dbPassword;
    private byte[] storeKey;
    private String adminKey;
    private String host = "127.0.0.1";
    private int port = 8080;
    private Clock clock = Clock.systemUTC();
    private String instanceId;
    private FakePaziresh24 sandbox;
    private Plans plans;
    private boolean manual;
    private int burst = 60;
    private double perSecond = 20;
    private int anonymousBurst = 30;
    private double anonymousPerSecond = 2;
    private int keyIdFailureBurst = 10;
    private double keyIdFailurePerSecond = 0.2;
    private Duration failureFloor = Authenticator.FAILURE_FLOOR;
    private long maxBodyBytes = DEFAULT_MAX_BODY;
    private boolean allowPrivateWebhooks;
    private AddressPolicy.Resolver webhookResolver = AddressPolicy.SYSTEM;
    private Webhooks.Settings webhookSettings = Webhooks.Settings.DEFAULTS;
    private EventHub.Settings eventSettings = EventHub.Settings.DEFAULTS;
    private PaymentGateway paymentGateway;
    private String publicUrl;
    private Duration paymentPeriod = Payments.DEFAULT_PERIOD;
    private Consumer<String> paymentFaults = step -> {};

    private Builder() {}

    /**
     * Sells the priced plans ({@link Plan#price()} in rials) through Zarinpal: {@code POST /api/v1/checkout},
     * receipts at {@code GET /api/v1/payments}, and the gateway's callback. Without this the server sells
     * nothing.
     *
     * @param baseUrl {@code https://payment.zarinpal.com}, or {@code https://sandbox.zarinpal.com} where no money moves
     * @param merchantId the merchant's 36-character code (a credential: never logged)
     * @param timeout the limit on one call to the gateway
     * @throws IllegalArgumentException for a bad URL, merchant id or timeout
     */
    public Builder zarinpal(String baseUrl, String merchantId, Duration timeout) {
      this.paymentGateway = new ZarinpalGateway(baseUrl, merchantId, timeout);
      return this;
    }

    /** Sells the priced plans through this gateway (tests). */
    Builder paymentGateway(PaymentGateway value) {
      this.paymentGateway = Objects.requireNonNull(value, "paymentGateway");
      return this;
    }

    /**
     * This server's address as payers' browsers reach it ({@code https://slots.example.com}), for the
     * payment gateway's callback (default: {@link #baseUrl()}, right only when browsers reach it there).
     */
    public Builder publicUrl(String value) {
      Objects.requireNonNull(value, "publicUrl");
      if (!value.startsWith("https://") && !value.startsWith("http://")) {
        throw new IllegalArgumentException("the public URL must start with https:// or http://: " + value);
      }
      this.publicUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      return this;
    }

    /** What one payment adds to the owner's plan (default 30 days). */
    public Builder paymentPeriod(Duration value) {
      Objects.requireNonNull(value, "paymentPeriod");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the payment period must be positive: " + value);
      }
      this.paymentPeriod = value;
      return this;
    }

    /** Called after each committed step of applying a payment; tests throw to stop there, as a crash would. */
    Builder paymentFaults(Consumer<String> value) {
      this.paymentFaults = Objects.requireNonNull(value, "paymentFaults");
      return this;
    }

    /** A JDBC URL ({@code jdbc:postgresql:...}, {@code jdbc:h2:...}) or a directory for embedded H2. */
    public Builder database(String value) {
      this.database = Objects.requireNonNull(value, "database");
      return this;
    }

    /** Database credentials, when not in the URL. */
    public Builder databaseCredentials(String user, String password) {
      this.dbUser = user;
      this.dbPassword = password;
      return this;
    }

    /** The 32-byte key encrypting patient data (engine store) and webhook secrets. Required. */
    public Builder storeKey(byte[] value) {
      Objects.requireNonNull(value, "storeKey");
      if (value.length != 32) {
        throw new IllegalArgumentException("the store key must be 32 bytes, got " + value.length);
      }
      this.storeKey = value.clone();
      return this;
    }

    /** The administrator's key (16-200 characters). Required. */
    public Builder adminKey(String value) {
      this.adminKey = Objects.requireNonNull(value, "adminKey");
      return this;
    }

    /** The address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for every interface). */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** The port (default 8080; 0 for a free one). */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be 0-65535: " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * This server's name among the servers sharing its database (default: a random one per start). The
     * engine leases the targets it polls under it: a server restarted under the same name polls its
     * targets at once, even after a crash left its leases in the database, while under a new name it
     * waits for those leases to expire. Two running servers must never share a name. {@link ServerMain}
     * keeps one in the data directory ({@link InstanceId}).
     *
     * @throws IllegalArgumentException unless 1-100 characters and not blank
     */
    public Builder instanceId(String value) {
      Objects.requireNonNull(value, "instanceId");
      if (value.isBlank() || value.length() > 100) {
        throw new IllegalArgumentException("instanceId must be 1-100 characters");
      }
      this.instanceId = value;
      return this;
    }

    /** The clock of the engine, the rate limits, tickets and signatures (default UTC system clock). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Polls this fake Paziresh24 instead of the real sites, with fast sandbox plans. The caller starts
     * and stops the fake. Webhooks to local addresses still need {@link #allowPrivateWebhooks}.
     */
    public Builder sandbox(FakePaziresh24 fake) {
      this.sandbox = Objects.requireNonNull(fake, "fake");
      return this;
    }

    /** The plans (default: the product tiers, or their fast sandbox twins). */
    public Builder plans(Plans value) {
      this.plans = Objects.requireNonNull(value, "plans");
      return this;
    }

    /** Requests per second per API key, with a burst allowance (defaults 20/s, burst 60). */
    public Builder rateLimit(int burstSize, double requestsPerSecond) {
      this.burst = burstSize;
      this.perSecond = requestsPerSecond;
      return this;
    }

    /**
     * Failed authentications per second per client address (defaults 2/s, burst 30). Over it, calls
     * without a valid key get 429 before any key is looked up. {@code /health}, {@code /info} and
     * {@code /openapi.json} are outside every limit.
     */
    public Builder anonymousRateLimit(int burstSize, double requestsPerSecond) {
      this.anonymousBurst = burstSize;
      this.anonymousPerSecond = requestsPerSecond;
      return this;
    }

    /**
     * Failed authentications per second per owner key id, whatever the address (defaults one every
     * 5 s, burst 10). Over it, that key id gets 429 before it is looked up, even with the right
     * secret, until the budget refills.
     */
    public Builder keyIdFailureRateLimit(int burstSize, double failuresPerSecond) {
      this.keyIdFailureBurst = burstSize;
      this.keyIdFailurePerSecond = failuresPerSecond;
      return this;
    }

    /** The largest accepted request body (default {@value #DEFAULT_MAX_BODY} bytes). */
    public Builder maxBodyBytes(long value) {
      if (value < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + value);
      }
      this.maxBodyBytes = value;
      return this;
    }

    /**
     * Allows webhooks to loopback, RFC 1918 and unique-local addresses (default: refused, sandbox
     * included). Link-local, shared (carrier-grade NAT) and the other special-purpose addresses stay
     * refused: see {@link AddressPolicy}.
     */
    public Builder allowPrivateWebhooks(boolean value) {
      this.allowPrivateWebhooks = value;
      return this;
    }

    /** For tests: how webhook hosts are resolved (default: the JVM's resolver). */
    Builder webhookResolver(AddressPolicy.Resolver value) {
      this.webhookResolver = Objects.requireNonNull(value, "webhookResolver");
      return this;
    }

    /**
     * Live streams one owner may have open at once, and all owners together (defaults 20 and 10,000).
     *
     * @throws IllegalArgumentException unless {@code 1 <= perOwner <= total}
     */
    public Builder streamLimits(int perOwner, int total) {
      this.eventSettings = eventSettings.withStreamLimits(perOwner, total);
      return this;
    }

    /**
     * Unused stream tickets one owner may hold, and all owners together (defaults 20 and 10,000).
     *
     * @throws IllegalArgumentException unless {@code 1 <= perOwner <= total}
     */
    public Builder ticketLimits(int perOwner, int total) {
      this.eventSettings = eventSettings.withTicketLimits(perOwner, total);
      return this;
    }

    /**
     * How many event ids the server remembers per owner to drop an event the engine publishes again
     * under an id it has already sent (default 10,000; about 120 bytes each). Only within one run: after
     * a restart, replayed events are sent again and consumers deduplicate on their {@code id}.
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder dedupIds(int perOwner) {
      this.eventSettings = eventSettings.withDedupIds(perOwner);
      return this;
    }

    /** For measurements: the least time a failed authentication takes (default {@link Authenticator#FAILURE_FLOOR}). */
    Builder failureFloor(Duration value) {
      this.failureFloor = Objects.requireNonNull(value, "failureFloor");
      return this;
    }

    /** For tests and simulations: the engine polls only when {@link SlotHunter#runDue()} is called. */
    Builder manualScheduling() {
      this.manual = true;
      return this;
    }

    Builder webhookSettings(Webhooks.Settings value) {
      this.webhookSettings = Objects.requireNonNull(value, "webhookSettings");
      return this;
    }

    Builder eventSettings(EventHub.Settings value) {
      this.eventSettings = Objects.requireNonNull(value, "eventSettings");
      return this;
    }

    /**
     * Opens the database, starts the engine and the HTTP server.
     *
     * @throws IllegalStateException without a store key or admin key
     * @throws SlotHunterException when the database or a provider cannot be set up
     */
    public SlotHunterServer start() {
      if (storeKey == null) {
        throw new IllegalStateException("storeKey(...) is required");
      }
      if (adminKey == null) {
        throw new IllegalStateException("adminKey(...) is required");
      }
      return new SlotHunterServer(this);
    }
  }
}
