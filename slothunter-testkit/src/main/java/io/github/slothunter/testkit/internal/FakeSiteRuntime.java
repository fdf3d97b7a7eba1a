package io.github.slothunter.testkit.internal;

import io.github.slothunter.testkit.Faults;
import io.github.slothunter.testkit.RecordedRequest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The site-independent half of a fake: its {@link FakeServer}, request log, fault rules and rate
 * limiter, built from a builder's {@link FakeSiteSettings}. Each public fake delegates its lifecycle
 * and introspection methods here. Thread-safe.
 */
public final class FakeSiteRuntime implements AutoCloseable {
  private final Clock clock;
  private final int port;
  private final FaultRules faults;
  private final RateLimiter limiter;
  private final RequestLog requestLog;
  private final FakeServer server;

  /**
   * A runtime, not yet started.
   *
   * @param name the server's name, for example {@code fake-paziresh24}
   * @param settings the builder's settings
   * @param faultSeed the seed of the fault rules' random source
   * @param site the site's protocol, given the fault rules
   */
  public FakeSiteRuntime(String name, FakeSiteSettings<?> settings, long faultSeed, Function<FaultRules, Site> site) {
    this.clock = settings.clock();
    this.port = settings.port();
    this.faults = new FaultRules(faultSeed);
    this.limiter = new RateLimiter(settings.rateLimitPerMinute());
    this.requestLog = new RequestLog(settings.requestLogLimit());
    this.server = new FakeServer(Objects.requireNonNull(name, "name"), site.apply(faults), clock, requestLog, faults,
        limiter, settings.serverThreads());
  }

  /** The clock the fake runs on. */
  public Clock clock() {
    return clock;
  }

  /** Starts serving on the settings' port; see {@link FakeServer#start(int)}. */
  public void start() {
    server.start(port);
  }

  /** Whether it is serving. */
  public boolean isRunning() {
    return server.isRunning();
  }

  /** Stops serving; idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /** {@code http://127.0.0.1:PORT}; see {@link FakeServer#baseUrl()}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The bound port; see {@link FakeServer#port()}. */
  public int port() {
    return server.port();
  }

  /** The fault rules. */
  public Faults faults() {
    return faults;
  }

  /** The kept requests, oldest first. */
  public List<RecordedRequest> requests() {
    return requestLog.all();
  }

  /** The kept requests to one endpoint, oldest first. */
  public List<RecordedRequest> requests(String endpoint) {
    return requestLog.of(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /** How many requests reached {@code endpoint}. */
  public int requestCount(String endpoint) {
    return requestLog.count(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /** How many requests arrived in total. */
  public int requestCount() {
    return requestLog.count();
  }

  /** The most requests in flight at once since start or {@link #resetCounters()}. */
  public int maxConcurrentRequests() {
    return server.maxConcurrentRequests();
  }

  /** Clears the request log and counts, the concurrency peak and the rate-limit windows. */
  public void resetCounters() {
    requestLog.reset();
    server.resetPeak();
    limiter.reset();
  }

  /** {@code Type[baseUrl or stopped, doctors=[...]]}, for the fake's {@code toString()}. */
  public String describe(String type, List<String> doctors) {
    return type + "[" + (server.isRunning() ? server.baseUrl() : "stopped") + ", doctors=" + doctors + "]";
  }
}
