package io.github.slothunter.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.slothunter.testkit.Fault;
import io.github.slothunter.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a fake site: a JDK {@link HttpServer} on {@code 127.0.0.1} with a small pool of
 * daemon threads. For each request it reads the body, lets the site {@linkplain Site#tick() tick},
 * applies the per-client rate limit, then the armed fault (if any), then the site's handler, records
 * the request and answers. Latency faults are served by a scheduler, so a slow answer holds no pool
 * thread. Thread-safe.
 */
public final class FakeServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeServer.class);
  private static final int MAX_BODY = 1 << 20;
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final String name;
  private final Site site;
  private final Clock clock;
  private final RequestLog requestLog;
  private final FaultRules faults;
  private final RateLimiter limiter;
  private final int threads;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private HttpServer server;
  private ExecutorService executor;
  private ScheduledExecutorService scheduler;
  private boolean closed;

  /**
   * A server, not yet started.
   *
   * @param name used in thread names, for example {@code fake-paziresh24}
   * @param site the protocol
   * @param clock the site's clock, for request timestamps and rate-limit windows
   * @param requestLog where requests are recorded
   * @param faults the armed faults
   * @param limiter the per-client limit
   * @param threads handler threads, at least 1
   */
  public FakeServer(String name, Site site, Clock clock, RequestLog requestLog, FaultRules faults, RateLimiter limiter,
      int threads) {
    this.name = Objects.requireNonNull(name, "name");
    this.site = Objects.requireNonNull(site, "site");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    this.threads = threads;
  }

  /**
   * Binds {@code 127.0.0.1:port} ({@code 0} = a free port) and starts serving. Idempotent while running.
   *
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void start(int port) {
    if (closed) {
      throw new IllegalStateException(name + " is closed");
    }
    if (server != null) {
      return;
    }
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK add ~40 ms to many answers. The property is read once, when the JDK's
    // server classes initialise, so set it before the first server is created (unless the user did).
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(name + " could not bind 127.0.0.1:" + port, e);
    }
    executor = Executors.newFixedThreadPool(threads, daemon(name + "-http-"));
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon(name + "-delay-"));
    s.setExecutor(executor);
    s.createContext("/", this::accept);
    s.start();
    server = s;
    log.debug("{} listening on {}", name, baseUrl());
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Whether it is serving. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * {@code http://127.0.0.1:PORT}.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * The bound port.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException(name + " is not started; call start() first");
    }
    return server.getAddress().getPort();
  }

  /** The most requests that were in flight at once since start or {@link #resetPeak()}. */
  public int maxConcurrentRequests() {
    return peak.get();
  }

  /** Restarts peak tracking from the current in-flight count. */
  public void resetPeak() {
    peak.set(inFlight.get());
  }

  /** Stops serving at once and releases the threads. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    scheduler.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
    log.debug("{} stopped", name);
  }

  private void accept(HttpExchange exchange) {
    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    boolean handedOff = false;
    try {
      IncomingRequest request = read(exchange);
      site.tick();
      String endpoint = site.endpoint(request);
      String client = site.clientId(request);
      Instant at = clock.instant();
      Optional<Duration> limited = limiter.acquire(client, at);
      if (limited.isPresent()) {
        finish(exchange, request, endpoint, client, at, site.rateLimited(endpoint, limited.get()));
        return;
      }
      Optional<Fault> fault = faults.next(endpoint);
      if (fault.isPresent() && fault.get() instanceof Fault.Latency) {
        Duration delay = ((Fault.Latency) fault.get()).delay();
        scheduler.schedule(() -> executor.execute(() -> {
          try {
            finish(exchange, request, endpoint, client, at, handle(endpoint, request));
          } finally {
            done(exchange);
          }
        }), delay.toNanos(), TimeUnit.NANOSECONDS);
        handedOff = true;
        return;
      }
      if (fault.isPresent() && fault.get() instanceof Fault.SlowAnswer) {
        Duration delay = ((Fault.SlowAnswer) fault.get()).delay();
        FakeResponse acted = handle(endpoint, request);
        scheduler.schedule(() -> executor.execute(() -> {
          try {
            finish(exchange, request, endpoint, client, at, acted);
          } finally {
            done(exchange);
          }
        }), delay.toNanos(), TimeUnit.NANOSECONDS);
        handedOff = true;
        return;
      }
      if (fault.isPresent() && fault.get() instanceof Fault.LostAnswer) {
        handle(endpoint, request);
        requestLog.add(record(request, endpoint, client, at, 0));
        return; // acted, then the connection drops before any header was sent
      }
      if (fault.isPresent() && fault.get() instanceof Fault.Interrupt interrupt) {
        if (interrupt.acts()) {
          handle(endpoint, request);
        }
        interrupt.action().run();
        requestLog.add(record(request, endpoint, client, at, 0));
        return; // the connection drops before any header was sent
      }
      if (fault.isPresent() && fault.get() instanceof Fault.Disconnect) {
        requestLog.add(record(request, endpoint, client, at, 0));
        return; // done() closes the exchange before any header was sent: the connection drops
      }
      FakeResponse response = fault.isPresent() ? render(endpoint, fault.get()) : handle(endpoint, request);
      finish(exchange, request, endpoint, client, at, response);
    } catch (IOException | RuntimeException e) {
      if (e instanceof RejectedExecutionException) {
        log.debug("{} is closing; dropped a request", name);
      } else {
        log.warn("{} failed to serve a request", name, e);
      }
    } finally {
      if (!handedOff) {
        done(exchange);
      }
    }
  }

  private void done(HttpExchange exchange) {
    exchange.close();
    inFlight.decrementAndGet();
  }

  private IncomingRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY);
    }
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    String path = uri.getPath() == null ? "/" : uri.getPath();
    return new IncomingRequest(exchange.getRequestMethod(), path, uri.getRawQuery(), headers, body,
        exchange.getRemoteAddress());
  }

  private FakeResponse handle(String endpoint, IncomingRequest request) {
    try {
      return site.handle(endpoint, request);
    } catch (RuntimeException e) {
      log.warn("{} failed handling {}", name, endpoint, e);
      return FakeResponse.html(500, "<!DOCTYPE html><html><head><title>500 Server Error</title></head>"
          + "<body><h1>500 Server Error</h1></body></html>");
    }
  }

  private FakeResponse render(String endpoint, Fault fault) {
    if (fault instanceof Fault.Status) {
      int status = ((Fault.Status) fault).httpStatus();
      return FakeResponse.json(status, Json.object().put("message", reason(status)));
    }
    if (fault instanceof Fault.MalformedJson) {
      return FakeResponse.rawJson(200, "{\"status\":1,\"message\":\"\",\"result\":[{\"from\":17");
    }
    if (fault instanceof Fault.HtmlErrorPage) {
      int status = ((Fault.HtmlErrorPage) fault).httpStatus();
      return FakeResponse.html(status, "<html>\r\n<head><title>" + status + " " + reason(status)
          + "</title></head>\r\n<body>\r\n<center><h1>" + status + " " + reason(status)
          + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }
    if (fault instanceof Fault.RateLimited) {
      return site.rateLimited(endpoint, ((Fault.RateLimited) fault).retryAfter());
    }
    if (fault instanceof Fault.Status0) {
      return site.siteError(endpoint, ((Fault.Status0) fault).message());
    }
    throw new IllegalStateException("unhandled fault " + fault);
  }

  private static String reason(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Time-out";
      default: return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "OK";
    }
  }

  private void finish(HttpExchange exchange, IncomingRequest request, String endpoint, String client, Instant at,
      FakeResponse response) {
    requestLog.add(record(request, endpoint, client, at, response.status()));
    try {
      exchange.getResponseHeaders().set("Server", "nginx");
      if (!response.contentType().isEmpty()) {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] body = response.body();
      boolean noBody = body.length == 0 || request.method().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      log.debug("{} could not answer {} (client gone?)", name, endpoint, e);
    }
  }

  private static RecordedRequest record(IncomingRequest r, String endpoint, String client, Instant at, int status) {
    return new RecordedRequest(endpoint, r.method(), r.path(), r.query(), r.headers(), r.form(), client, at, status);
  }
}
