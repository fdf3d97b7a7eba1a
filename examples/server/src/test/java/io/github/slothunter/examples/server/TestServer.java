package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A whole server for tests on 127.0.0.1: a fake Paziresh24 and the engine share a {@link FakeClock},
 * the engine polls only when {@link #poll()} says so, the database is a fresh embedded H2 in a temp
 * directory. Calls go over real HTTP with the JDK's client.
 */
final class TestServer implements AutoCloseable {
  static final String ADMIN = "test-admin-key-0123456789";
  static final byte[] STORE_KEY = new byte[32];
  static final String SARA = "dr-sara-test";
  static final String REZA = "dr-reza-test";
  /** Saturday 2026-01-03 09:00 in Tehran. */
  static final Instant START = Instant.parse("2026-01-03T05:30:00Z");
  static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

  final FakeClock clock;
  final FakePaziresh24 fake;
  final SlotHunterServer server;
  final Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private boolean deleteOnClose;

  private TestServer(FakeClock clock, FakePaziresh24 fake, SlotHunterServer server, Path dir) {
    this.clock = clock;
    this.fake = fake;
    this.server = server;
    this.dir = dir;
  }

  static TestServer start() {
    return start(b -> {});
  }

  /** A server on a new database; {@code customize} may change the builder. */
  static TestServer start(Consumer<SlotHunterServer.Builder> customize) {
    Path dir;
    try {
      dir = Files.createTempDirectory("slothunter-server-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FakeClock clock = FakeClock.at(START);
    FakePaziresh24 fake = fake(clock);
    return start(clock, fake, dir, customize);
  }

  /** A server on a new database that {@link #close()} also deletes. */
  static TestServer throwaway(Consumer<SlotHunterServer.Builder> customize) {
    TestServer s = start(customize);
    s.deleteOnClose = true;
    return s;
  }

  /** A server on an existing database directory (a restart). */
  static TestServer start(FakeClock clock, FakePaziresh24 fake, Path dir, Consumer<SlotHunterServer.Builder> customize) {
    SlotHunterServer.Builder b = SlotHunterServer.builder()
        .database(dir.toString())
        .storeKey(STORE_KEY)
        .adminKey(ADMIN)
        .port(0)
        .clock(clock)
        .sandbox(fake)
        .manualScheduling()
        .rateLimit(1000, 1000)
        .anonymousRateLimit(1000, 1000)
        .keyIdFailureRateLimit(1000, 1000)
        .allowPrivateWebhooks(true); // the tests' webhook receivers listen on 127.0.0.1
    customize.accept(b);
    try {
      return new TestServer(clock, fake, b.start(), dir);
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  /** Two doctors; Sara has two services (in person, phone), Reza one; no free slots yet. */
  static FakePaziresh24 fake(FakeClock clock) {
    return FakePaziresh24.builder().clock(clock).seed(7)
        .doctor(SARA, d -> d.displayName("دکتر سارا آزمون").expertise("قلب")
            .center("1001", c -> c.name("مطب ولیعصر").city("تهران").address("تهران، ولیعصر")
                // in-person visits are paid at the office (free_price 0): their bookings are final
                .service("2001", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(15))
                    .userCenterId("3001")))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
                .service("2002", s -> s.title("مشاوره تلفنی").price(900_000).duration(Duration.ofMinutes(10))
                    .userCenterId("3002"))))
        .doctor(REZA, d -> d.displayName("دکتر رضا آزمون").expertise("پوست")
            .center("1002", c -> c.name("کلینیک کریمی").city("مشهد").address("مشهد")
                .service("2003", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(20))
                    .userCenterId("3003"))))
        .build().start();
  }

  static String link(String slug) {
    return "https://www.paziresh24.com/dr/" + slug + "/";
  }

  /** Opens a slot in Sara's in-person calendar on Monday at the given Tehran time. */
  Instant openSaraSlot(int hour, int minute) {
    return fake.openSlots(SARA, "1001", "2001", MONDAY, LocalTime.of(hour, minute), LocalTime.of(hour, minute).plusMinutes(15))
        .get(0).from();
  }

  /** Lets a few seconds pass and runs every poll that is due (and the bookings that follow). */
  int poll() {
    clock.advance(Duration.ofSeconds(3));
    return server.hunter().runDue();
  }

  String url(String path) {
    return server.baseUrl() + path;
  }

  // ------------------------------------------------------------------ HTTP

  Response get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  Response delete(String path, String key) {
    return send(request(path, key).DELETE().build());
  }

  Response post(String path, String key, String json) {
    return send(request(path, key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  Response put(String path, String key, String json) {
    return send(request(path, key).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates an owner on a plan with the admin key; returns its id and key. */
  Created owner(String name, String plan) {
    Response r = post("/api/v1/owners", ADMIN, "{\"name\":" + Json.write(name) + ",\"plan\":\"" + plan + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("owner not created: " + r);
    }
    return new Created(r.json().get("id").asText(), r.json().get("apiKey").asText());
  }

  /** Registers a watch on a doctor; returns its JSON. */
  JsonNode watch(String key, String slug) {
    Response r = post("/api/v1/watches", key, "{\"link\":\"" + link(slug) + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("watch not created: " + r);
    }
    return r.json();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      fake.close();
      if (deleteOnClose) {
        deleteFiles();
      }
    }
  }

  /** Deletes the database directory (after close). */
  void deleteFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Created(String id, String key) {}

  /** An HTTP answer. */
  record Response(HttpResponse<String> raw) {
    int status() {
      return raw.statusCode();
    }

    String body() {
      return raw.body();
    }

    JsonNode json() {
      return Json.read(raw.body());
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + raw.body();
    }
  }
}
