package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.core.Plans;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load figures for the server on localhost (not run by {@code mvn verify}):
 *
 * <ol>
 *   <li>API latency of {@code GET /api/v1/watches} (owners with 5 watches) and {@code POST /api/v1/watches}
 *       under N concurrent clients (each its own owner and key, rate limits lifted), p50/p99/max and
 *       requests/s;
 *   <li>the live stream: M connected dashboards ({@code /api/v1/events}), E events pushed through the
 *       event hub, how many events/s reach every dashboard and the delivery latency.
 * </ol>
 *
 * <p>The server, the fake Paziresh24 and all clients share one JVM and the machine's cores, so the
 * figures are pessimistic for a real deployment. The engine runs as in production (product plans, the
 * sandbox's request budget) and polls the fake's doctors in the background while the API is measured.
 *
 * <pre>
 * cd examples/server &amp;&amp; mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.slothunter.examples.server.ServerBenchmark -Dexec.args="200 50 1000 2000"
 * </pre>
 *
 * Arguments: clients (200), requests per client per phase (50), dashboards (1000), events (2000).
 */
public final class ServerBenchmark {
  private static final String ADMIN = "bench-admin-key-0123456789";

  private ServerBenchmark() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args clients, requests per client, dashboards, events
   * @throws Exception if the benchmark cannot run
   */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int dashboards = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int events = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path dir = Files.createTempDirectory("slothunter-server-bench");
    Clock clock = Clock.systemUTC();
    try (FakePaziresh24 fake = doctors(clock, clients);
        SlotHunterServer server = SlotHunterServer.builder().database(dir.toString()).storeKey(new byte[32])
            .adminKey(ADMIN).port(0).clock(clock).sandbox(fake).plans(Plans.defaults())
            .rateLimit(1_000_000, 1_000_000).anonymousRateLimit(1_000_000, 1_000_000)
            .eventSettings(new EventHub.Settings(1_000_000, 100_000, dashboards + 10, Math.max(10_000, dashboards + 10), 20,
                10_000, 4, 100, EventHub.Settings.DEFAULTS.dedupIds()))
            .start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
          .build();
      String base = server.baseUrl();
      System.out.printf("server %s; %d clients x %d requests per phase; %d dashboards, %d events%n", base, clients,
          perClient, dashboards, events);

      // one owner (and key) per client, for each phase: readers keep 5 watches, writers add theirs
      List<String> readers = owners(http, base, clients, "reader");
      List<String> writers = owners(http, base, clients, "writer");
      // every owner watches its own doctor, as customers do (thousands of watches on one doctor
      // would measure the engine's per-target registration cost instead of the API)
      RequestFor watchOwnDoctor = k -> post(base + "/api/v1/watches", k,
          "{\"link\":\"" + TestServer.link(doctorOf(readers, writers, k)) + "\"}");
      // warm up: JIT, connections, each doctor's lookup (cached by the engine afterwards)
      phase(http, readers, 5, 0, watchOwnDoctor, "warm-up POST", false);
      phase(http, writers, 1, 0, watchOwnDoctor, "warm-up POST", false);
      phase(http, readers, 20, 0, k -> get(base + "/api/v1/watches", k), "warm-up GET", false);

      // closed loop: each client sends its next request as soon as the last one is answered (saturation)
      phase(http, readers, perClient, 0, k -> get(base + "/api/v1/watches", k), "GET  /watches, closed loop", true);
      phase(http, writers, perClient, 0, watchOwnDoctor, "POST /watches, closed loop", true);
      // open loop: each client sends one request a second, like people clicking (200 clients = 200 req/s)
      phase(http, readers, 10, 1000, k -> get(base + "/api/v1/watches", k), "GET  /watches, 1/s each", true);
      phase(http, writers, 10, 1000, watchOwnDoctor, "POST /watches, 1/s each", true);

      stream(http, server, base, readers.get(0), dashboards, events);
    } finally {
      deleteTree(dir);
    }
    System.exit(0);
  }

  /** A fake Paziresh24 with {@code n} doctors, one bookable service each. */
  private static FakePaziresh24 doctors(Clock clock, int n) {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(1);
    for (int i = 0; i < n; i++) {
      int id = i;
      b.doctor("dr-bench-" + i, d -> d.displayName("دکتر آزمون " + id).expertise("قلب")
          .center(String.valueOf(10_000 + id), c -> c.name("مطب " + id).city("تهران")
              .service(String.valueOf(20_000 + id), sv -> sv.title("ویزیت حضوری").price(1_000_000)
                  .duration(Duration.ofMinutes(15)).userCenterId(String.valueOf(30_000 + id)))));
    }
    return b.build().start();
  }

  /** Client i (reader or writer) watches doctor i. */
  private static String doctorOf(List<String> readers, List<String> writers, String key) {
    int i = readers.indexOf(key);
    return "dr-bench-" + (i >= 0 ? i : writers.indexOf(key));
  }

  private static List<String> owners(HttpClient http, String base, int n, String name) throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = send(http, post(base + "/api/v1/owners", ADMIN,
          "{\"name\":\"" + name + " " + i + "\",\"plan\":\"ENTERPRISE\"}"));
      keys.add(Json.read(r.body()).get("apiKey").asText());
    }
    return keys;
  }

  private interface RequestFor {
    HttpRequest build(String key);
  }

  private static void phase(HttpClient http, List<String> keys, int perClient, long paceMillis, RequestFor request,
      String name, boolean print) throws InterruptedException {
    int n = keys.size();
    long[] latencies = new long[n * perClient];
    AtomicInteger errors = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    for (int c = 0; c < n; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        try {
          go.await();
          if (paceMillis > 0) {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(paceMillis)); // spread the clients
          }
          for (int i = 0; i < perClient; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = send(http, request.build(keys.get(client)));
            latencies[client * perClient + i] = System.nanoTime() - t0;
            if (paceMillis > 0) {
              Thread.sleep(Math.max(0, paceMillis - (System.nanoTime() - t0) / 1_000_000));
            }
            if (r.statusCode() >= 300) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, r.statusCode() + " " + r.body());
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, e.toString());
        } finally {
          done.countDown();
        }
      }, "bench-client-" + c);
      t.setDaemon(true);
      t.start();
    }
    long start = System.nanoTime();
    go.countDown();
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!print) {
      return;
    }
    Arrays.sort(latencies);
    System.out.printf("%-28s %6d requests  %7.0f req/s  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  errors %d%n", name,
        latencies.length, latencies.length / seconds, ms(latencies, 0.50), ms(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6, errors.get());
    if (firstError.get() != null) {
      System.out.println("  first error: " + firstError.get());
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static void stream(HttpClient http, SlotHunterServer server, String base, String key, int dashboards, int events)
      throws Exception {
    String ownerId = Json.read(send(http, get(base + "/api/v1/me", key)).body()).get("id").asText();
    int pacedRate = 20;
    int paced = pacedRate * 5;
    AtomicLong received = new AtomicLong();
    Histogram hist = new Histogram();
    CountDownLatch ready = new CountDownLatch(dashboards);
    CountDownLatch burstDone = new CountDownLatch(dashboards);
    CountDownLatch allDone = new CountDownLatch(dashboards);
    List<CompletableFuture<HttpResponse<Void>>> open = new ArrayList<>();
    for (int i = 0; i < dashboards; i++) {
      HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/events")).header("Authorization", "Bearer " + key)
          .header("Accept", "text/event-stream").build();
      open.add(http.sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(
          new Counter(ready, burstDone, events, allDone, events + paced, received, hist))));
    }
    if (!ready.await(120, TimeUnit.SECONDS)) {
      System.out.printf("live stream: only %d of %d dashboards connected%n", dashboards - ready.getCount(), dashboards);
    }
    // 1. a burst: every event at once; how fast does the hub get all of them to every dashboard?
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      publish(server, ownerId, i);
    }
    boolean complete = burstDone.await(300, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    long total = received.get();
    System.out.printf("live stream, burst: %d dashboards x %d events %s in %.2f s -> %.0f events/s to every dashboard"
            + " (%.0f deliveries/s)%n", dashboards, events, complete ? "all delivered" : "NOT all delivered (" + total + ")",
        seconds, events / seconds, total / seconds);
    // 2. a steady flow well below that: the latency a dashboard sees
    hist.reset();
    for (int i = 0; i < paced; i++) {
      publish(server, ownerId, events + i);
      Thread.sleep(1000 / pacedRate);
    }
    complete = allDone.await(60, TimeUnit.SECONDS);
    System.out.printf("live stream, steady: %d events/s to %d dashboards %s; delivery latency p50 %d ms, p99 %d ms,"
        + " max %d ms%n", pacedRate, dashboards, complete ? "all delivered" : "NOT all delivered", hist.quantile(0.50),
        hist.quantile(0.99), hist.quantile(1.0));
    open.forEach(f -> f.cancel(true));
  }

  private static void publish(SlotHunterServer server, String ownerId, int n) {
    ObjectNode data = Json.object();
    data.put("n", n);
    data.put("sentNanos", System.nanoTime());
    server.hub().publish(ownerId, "Bench", data);
  }

  /** Delivery latencies in 1 ms buckets up to a minute. */
  private static final class Histogram {
    private volatile AtomicLongArray buckets = new AtomicLongArray(60_001);

    void record(long millis) {
      AtomicLongArray b = buckets;
      b.incrementAndGet((int) Math.min(b.length() - 1, Math.max(0, millis)));
    }

    void reset() {
      buckets = new AtomicLongArray(60_001);
    }

    long quantile(double q) {
      AtomicLongArray b = buckets;
      long total = 0;
      for (int i = 0; i < b.length(); i++) {
        total += b.get(i);
      }
      long target = Math.max(1, (long) Math.ceil(q * total));
      long seen = 0;
      for (int i = 0; i < b.length(); i++) {
        seen += b.get(i);
        if (seen >= target) {
          return i;
        }
      }
      return b.length() - 1;
    }
  }

  /** Counts one dashboard's events without blocking a thread. */
  private static final class Counter implements Flow.Subscriber<String> {
    private final CountDownLatch ready;
    private final CountDownLatch firstDone;
    private final int first;
    private final CountDownLatch allDone;
    private final int all;
    private final AtomicLong received;
    private final Histogram hist;
    private int mine;
    private boolean gotReady;

    Counter(CountDownLatch ready, CountDownLatch firstDone, int first, CountDownLatch allDone, int all,
        AtomicLong received, Histogram hist) {
      this.ready = ready;
      this.firstDone = firstDone;
      this.first = first;
      this.allDone = allDone;
      this.all = all;
      this.received = received;
      this.hist = hist;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (!line.startsWith("data: ")) {
        return;
      }
      if (!gotReady) {
        gotReady = true;
        ready.countDown();
        return;
      }
      int at = line.indexOf("\"sentNanos\":");
      if (at > 0) {
        int end = at + 12;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
          end++;
        }
        hist.record((System.nanoTime() - Long.parseLong(line.substring(at + 12, end))) / 1_000_000);
      }
      received.incrementAndGet();
      mine++;
      if (mine == first) {
        firstDone.countDown();
      }
      if (mine == all) {
        allDone.countDown();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // a closed stream; the totals show it
    }

    @Override
    public void onComplete() {
      // the server closed the stream
    }
  }

  private static HttpRequest get(String url, String key) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
        .timeout(Duration.ofSeconds(60)).GET().build();
  }

  private static HttpRequest post(String url, String key, String json) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
