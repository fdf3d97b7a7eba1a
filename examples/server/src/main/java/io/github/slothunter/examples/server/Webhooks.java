package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.SecretSealer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-owner webhooks: registration (secrets encrypted at rest), signed delivery with retries, and
 * the delivery log in {@code server_deliveries}.
 *
 * <p>Delivery never slows the engine: {@link #publish} only queues (a bounded queue; when it is full
 * the delivery is logged as {@code DROPPED}), a small pool of its own threads sends, and a failed
 * attempt (a non-2xx answer, a timeout, a refused connection) is retried after an exponential
 * backoff with jitter until {@link Settings#maxAttempts()}. Every attempt is one log row with its
 * outcome: {@code DELIVERED}, {@code RETRYING}, {@code FAILED} (last attempt), {@code BLOCKED} (the
 * URL resolves to an address the {@link AddressPolicy} refuses), {@code DROPPED}.
 *
 * <p>A customer must not be able to make the server call its own network: the {@link AddressPolicy}
 * is checked when a URL is registered and again before each attempt, which then connects to exactly
 * the addresses that were checked (a pinned resolver), with the URL's host in the {@code Host}
 * header and for TLS; no proxy, no redirects.
 *
 * <p>Thread-safe.
 */
final class Webhooks implements AutoCloseable {
  /**
   * Sent with every delivery: the event's id, as in the body. For an engine event that is its
   * {@link io.github.slothunter.api.SlotEvent#id()}: the same on every retry, after a restart and on
   * every server sharing the database, so receivers deduplicate on it.
   */
  static final String EVENT_ID_HEADER = "SlotHunter-Event-Id";
  /** Sent with every delivery: 1 for the first attempt. */
  static final String ATTEMPT_HEADER = "SlotHunter-Delivery-Attempt";
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  private static final Duration CACHE_TTL = Duration.ofSeconds(30);
  private static final MediaType JSON = MediaType.get("application/json");

  private final Database db;
  private final Clock clock;
  private final SecretSealer sealer;
  private final Settings settings;
  private final AddressPolicy policy;
  private final OkHttpClient http;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService retries;
  private final Map<String, CachedHooks> byOwner = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  Webhooks(Database db, Clock clock, SecretSealer sealer, Settings settings, AddressPolicy policy) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.http = new OkHttpClient.Builder()
        .connectTimeout(settings.timeout())
        .callTimeout(settings.timeout())
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .proxy(Proxy.NO_PROXY) // a proxy would resolve the host itself, after the check
        .build();
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(settings.queueCapacity()), r -> daemon(r, "slothunter-webhook-" + n.incrementAndGet()));
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "slothunter-webhook-retry"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  // ------------------------------------------------------------------ registration

  /**
   * Registers a webhook; the secret is returned only here.
   *
   * @throws ApiException 422 for a URL that is not an absolute http(s) URL, whose host does not
   *     resolve or resolves to an address the {@link AddressPolicy} refuses; 409 when the owner has
   *     {@link Settings#maxPerOwner()} already
   */
  Created register(String ownerId, String url) {
    return register(ownerId, url, Set.of());
  }

  /**
   * Registers a webhook that receives only the given event types ({@link EventJson#TYPES}); an empty
   * set means every type. A {@code Ping} is always delivered.
   *
   * @throws ApiException as {@link #register(String, String)}
   */
  Created register(String ownerId, String url, Set<String> eventTypes) {
    URI uri = checkUrl(url);
    Set<String> types = Set.copyOf(eventTypes);
    if (!EventJson.TYPES.containsAll(types)) {
      throw new IllegalArgumentException("unknown event types: " + types); // Api validates first
    }
    if (list(ownerId).size() >= settings.maxPerOwner()) {
      throw ApiException.conflict("an owner may have at most " + settings.maxPerOwner() + " webhooks");
    }
    Hook hook = new Hook(Ids.random("wh_", 8), ownerId, uri.toString(), clock.instant(), types);
    String secret = "whsec_" + Ids.secret(32);
    db.run("register a webhook", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO server_webhooks"
          + " (id, owner_id, url, secret_sealed, created_at, event_types) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, hook.id());
        p.setString(2, ownerId);
        p.setString(3, hook.url());
        p.setString(4, sealer.seal(secret, hook.id()));
        p.setLong(5, hook.createdAt().toEpochMilli());
        p.setString(6, types.isEmpty() ? null : String.join(",", new TreeSet<>(types)));
        return p.executeUpdate();
      }
    });
    byOwner.remove(ownerId);
    return new Created(hook, secret);
  }

  private URI checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ApiException.invalid("field 'url' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiException.invalid("field 'url' must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw ApiException.invalid("field 'url' must have a host and no user info or fragment");
    }
    // deliveries parse the URL as OkHttp does; the host checked is the one OkHttp will connect to
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw ApiException.invalid("field 'url' is not a URL");
    }
    try {
      policy.resolve(parsed.host());
    } catch (AddressPolicy.Refused e) {
      throw ApiException.invalid("field 'url' points at a " + e.block() + " address, which this server does not call");
    } catch (UnknownHostException e) {
      throw ApiException.invalid("field 'url' has a host that does not resolve");
    }
    return uri;
  }

  /** The owner's webhooks, oldest first. */
  List<Hook> list(String ownerId) {
    return active(ownerId).stream().map(ActiveHook::hook).toList();
  }

  /** Deletes one of the owner's webhooks; queued deliveries to it still run. */
  boolean delete(String ownerId, String id) {
    int n = db.run("delete a webhook", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM server_webhooks WHERE id = ? AND owner_id = ?")) {
        p.setString(1, id);
        p.setString(2, ownerId);
        return p.executeUpdate();
      }
    });
    byOwner.remove(ownerId);
    return n > 0;
  }

  private List<ActiveHook> active(String ownerId) {
    Instant now = clock.instant();
    CachedHooks c = byOwner.get(ownerId);
    if (c != null && c.loadedAt.plus(CACHE_TTL).isAfter(now)) {
      return c.hooks;
    }
    List<ActiveHook> hooks = db.run("list webhooks", conn -> {
      List<ActiveHook> out = new ArrayList<>();
      try (PreparedStatement p = conn.prepareStatement(
          "SELECT id, url, secret_sealed, created_at, event_types FROM server_webhooks WHERE owner_id = ?"
              + " ORDER BY created_at, id")) {
        p.setString(1, ownerId);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String id = r.getString(1);
            String types = r.getString(5);
            out.add(new ActiveHook(new Hook(id, ownerId, r.getString(2), Instant.ofEpochMilli(r.getLong(4)),
                types == null ? Set.of() : Set.of(types.split(","))), sealer.open(r.getString(3), id)));
          }
        }
      }
      return List.copyOf(out);
    });
    byOwner.put(ownerId, new CachedHooks(hooks, now));
    return hooks;
  }

  // ------------------------------------------------------------------ delivery

  /** Queues the event for every webhook of the owner that takes its type. Never blocks. */
  void publish(String ownerId, String eventId, String type, String body) {
    List<ActiveHook> hooks;
    try {
      hooks = active(ownerId);
    } catch (RuntimeException e) {
      log.warn("cannot read the webhooks of owner {}; event {} not delivered", ownerId, eventId, e);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (ActiveHook h : hooks) {
      if (h.hook().accepts(type)) {
        submit(new Job(h, eventId, type, bytes, 1));
      }
    }
  }

  /**
   * Sends a {@code ping} event to one of the owner's webhooks, to test the endpoint.
   *
   * @return whether the owner has that webhook
   */
  boolean ping(String ownerId, String webhookId, String eventId, String body) {
    for (ActiveHook h : active(ownerId)) {
      if (h.hook().id().equals(webhookId)) {
        submit(new Job(h, eventId, "Ping", body.getBytes(StandardCharsets.UTF_8), 1));
        return true;
      }
    }
    return false;
  }

  private void submit(Job job) {
    try {
      pool.execute(() -> attempt(job));
    } catch (RejectedExecutionException e) {
      record(job, "DROPPED", null, "the delivery queue is full or the server is stopping", 0);
    }
  }

  private void attempt(Job job) {
    inFlight.incrementAndGet();
    long started = System.nanoTime();
    try {
      HttpUrl url = HttpUrl.get(job.hook.hook().url());
      List<InetAddress> checked;
      try {
        checked = policy.resolve(url.host());
      } catch (AddressPolicy.Refused e) {
        record(job, "BLOCKED", null, e.getMessage(), 0);
        return;
      }
      long t = clock.instant().getEpochSecond();
      Request request = new Request.Builder()
          .url(url)
          .header("User-Agent", "SlotHunter-Webhooks/1")
          .header(WebhookSignature.HEADER, WebhookSignature.sign(job.hook.secret(), t, job.body))
          .header(EVENT_ID_HEADER, job.eventId)
          .header(ATTEMPT_HEADER, Integer.toString(job.attempt))
          .post(RequestBody.create(job.body, JSON))
          .build();
      OkHttpClient pinned = http.newBuilder().dns(pinned(url.host(), checked)).build();
      try (Response response = pinned.newCall(request).execute()) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        int status = response.code();
        if (status >= 200 && status < 300) {
          record(job, "DELIVERED", status, null, millis);
        } else {
          failed(job, status, "the endpoint answered " + status, millis);
        }
      }
    } catch (IOException e) {
      failed(job, null, describe(e), (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      log.warn("webhook {} delivery of event {} failed unexpectedly", job.hook.hook().id(), job.eventId, e);
      failed(job, null, describe(e), (System.nanoTime() - started) / 1_000_000);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A resolver that answers only for the checked host, with the checked addresses: OkHttp connects to those. */
  private static Dns pinned(String host, List<InetAddress> checked) {
    return hostname -> {
      if (!hostname.equals(host)) {
        throw new UnknownHostException("only " + host + " was checked");
      }
      return checked;
    };
  }

  private void failed(Job job, Integer status, String error, long millis) {
    if (job.attempt >= settings.maxAttempts()) {
      record(job, "FAILED", status, error, millis);
      log.info("webhook {} gave up on event {} after {} attempts", job.hook.hook().id(), job.eventId, job.attempt);
      return;
    }
    record(job, "RETRYING", status, error, millis);
    Duration delay = backoff(job.attempt);
    try {
      retries.schedule(() -> submit(job.next()), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      record(job.next(), "DROPPED", null, "the server is stopping", 0);
    }
  }

  /** The wait after the given failed attempt: first retry, doubling, capped, with ±20 % jitter. */
  Duration backoff(int attempt) {
    long base = settings.firstRetry().toMillis();
    long exp = base << Math.min(attempt - 1, 30);
    long capped = Math.min(Math.max(exp, base), settings.maxRetry().toMillis());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
  }

  private static String describe(Exception e) {
    String m = e.getMessage() == null ? "" : ": " + e.getMessage();
    String s = e.getClass().getSimpleName() + m;
    return s.length() > 280 ? s.substring(0, 279) + "…" : s;
  }

  private void record(Job job, String outcome, Integer status, String error, long millis) {
    try {
      db.run("log a delivery", c -> {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO server_deliveries (webhook_id, owner_id, event_id,"
            + " event_type, attempt, outcome, status_code, error, duration_ms, attempted_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          p.setString(1, job.hook.hook().id());
          p.setString(2, job.hook.hook().ownerId());
          p.setString(3, job.eventId);
          p.setString(4, job.type.length() > 60 ? job.type.substring(0, 60) : job.type);
          p.setInt(5, job.attempt);
          p.setString(6, outcome);
          if (status == null) {
            p.setNull(7, java.sql.Types.INTEGER);
          } else {
            p.setInt(7, status);
          }
          p.setString(8, error);
          p.setLong(9, millis);
          p.setLong(10, clock.millis());
          return p.executeUpdate();
        }
      });
    } catch (RuntimeException e) {
      log.warn("cannot log delivery of event {} to webhook {}", job.eventId, job.hook.hook().id(), e);
    }
  }

  /** The owner's newest delivery attempts, newest first. */
  List<Delivery> deliveries(String ownerId, int limit) {
    return db.run("list deliveries", c -> {
      List<Delivery> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT id, webhook_id, event_id, event_type, attempt, outcome,"
          + " status_code, error, duration_ms, attempted_at FROM server_deliveries WHERE owner_id = ?"
          + " ORDER BY id DESC LIMIT ?")) {
        p.setString(1, ownerId);
        p.setInt(2, limit);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            int status = r.getInt(7);
            Integer statusOrNull = r.wasNull() ? null : status;
            out.add(new Delivery(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                r.getString(6), statusOrNull, r.getString(8), r.getLong(9), Instant.ofEpochMilli(r.getLong(10))));
          }
        }
      }
      return out;
    });
  }

  /** Deletes delivery log rows older than the cut-off. */
  int prune(Instant olderThan) {
    return db.run("prune deliveries", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM server_deliveries WHERE attempted_at < ?")) {
        p.setLong(1, olderThan.toEpochMilli());
        return p.executeUpdate();
      }
    });
  }

  /** Deliveries queued or being sent now (retries waiting for their time not counted). */
  int pending() {
    return pool.getQueue().size() + inFlight.get();
  }

  /** Stops sending: retries not yet due are dropped; attempts in flight get a few seconds. */
  @Override
  public void close() {
    retries.shutdownNow();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      http.connectionPool().evictAll();
    }
  }

  /**
   * Delivery settings.
   *
   * @param maxAttempts attempts per event and webhook, first one included (1-20)
   * @param firstRetry the wait after the first failure; doubles after each further one
   * @param maxRetry the longest wait between two attempts
   * @param timeout the longest one attempt may take, connecting included
   * @param threads concurrent deliveries
   * @param queueCapacity deliveries waiting for a thread before new ones are dropped
   * @param maxPerOwner webhooks one owner may register
   */
  record Settings(int maxAttempts, Duration firstRetry, Duration maxRetry, Duration timeout, int threads,
      int queueCapacity, int maxPerOwner) {
    /** Production defaults: 6 attempts over about half an hour, 10 s timeout. */
    static final Settings DEFAULTS = new Settings(6, Duration.ofSeconds(30), Duration.ofMinutes(15),
        Duration.ofSeconds(10), 4, 10_000, 10);

    Settings {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be 1-20: " + maxAttempts);
      }
      Objects.requireNonNull(firstRetry, "firstRetry");
      Objects.requireNonNull(maxRetry, "maxRetry");
      Objects.requireNonNull(timeout, "timeout");
      if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
        throw new IllegalArgumentException("need 0 < firstRetry <= maxRetry");
      }
      if (threads < 1 || queueCapacity < 1 || maxPerOwner < 1) {
        throw new IllegalArgumentException("threads, queueCapacity and maxPerOwner must be positive");
      }
    }
  }

  /** A registered webhook; {@code eventTypes} empty means every type. */
  record Hook(String id, String ownerId, String url, Instant createdAt, Set<String> eventTypes) {
    Hook {
      eventTypes = Set.copyOf(eventTypes);
    }

    /** Whether events of this type go to this webhook. */
    boolean accepts(String type) {
      return eventTypes.isEmpty() || eventTypes.contains(type);
    }
  }

  /** A new webhook and its secret (returned once). */
  record Created(Hook hook, String secret) {
    @Override
    public String toString() {
      return "Created[" + hook + ", secret=<redacted>]";
    }
  }

  /** One logged attempt; {@code status} and {@code error} may be {@code null}. */
  record Delivery(long id, String webhookId, String eventId, String eventType, int attempt, String outcome,
      Integer status, String error, long durationMillis, Instant at) {}

  private record ActiveHook(Hook hook, String secret) {
    @Override
    public String toString() {
      return "ActiveHook[" + hook.id() + "]";
    }
  }

  private record CachedHooks(List<ActiveHook> hooks, Instant loadedAt) {}

  private static final class Job {
    final ActiveHook hook;
    final String eventId;
    final String type;
    final byte[] body;
    final int attempt;

    Job(ActiveHook hook, String eventId, String type, byte[] body, int attempt) {
      this.hook = hook;
      this.eventId = eventId;
      this.type = type;
      this.body = body;
      this.attempt = attempt;
    }

    Job next() {
      return new Job(hook, eventId, type, body, attempt + 1);
    }
  }
}
