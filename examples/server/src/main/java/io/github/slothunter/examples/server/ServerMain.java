package io.github.slothunter.examples.server;

import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the SlotHunter server and runs it until the JVM stops (Ctrl-C).
 *
 * <pre>
 * java -jar examples/server/target/slothunter-server.jar                 # sandbox, embedded H2, port 8080
 * java -jar slothunter-server.jar --db jdbc:postgresql://db/slothunter --host 0.0.0.0
 * </pre>
 *
 * <p>See {@link ServerConfig#USAGE} for the options. Without {@code --db} the server runs the
 * testkit's fake Paziresh24 in-process (nothing real is polled or booked) and, on a fresh
 * database, creates a demo owner whose key it prints once, so the dashboard works at once.
 */
public final class ServerMain {

  private ServerMain() {}

  /**
   * Runs the server.
   *
   * @param args see {@link ServerConfig#USAGE}
   * @throws InterruptedException if the main thread is interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ServerConfig config;
    try {
      config = ServerConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(ServerConfig.USAGE);
      System.exit(2);
      return;
    }
    if (config.help()) {
      System.out.println(ServerConfig.USAGE);
      return;
    }
    Running running = start(config, Clock.systemUTC(), System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "slothunter-server-shutdown"));
    stopped.await();
  }

  /** Starts everything the configuration asks for and prints how to use it. */
  static Running start(ServerConfig config, Clock clock, PrintStream out) {
    FakePaziresh24 fake = null;
    if (config.sandbox()) {
      // The JDK HttpServer under the fake leaves Nagle on (40 ms delayed ACKs on Linux) unless told.
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      fake = Sandbox.demo(clock, config.seed());
    }
    String adminKey = config.adminKey();
    boolean generated = adminKey == null;
    if (generated) {
      adminKey = "sha_" + Ids.secret(32);
    }
    SlotHunterServer server;
    try {
      SlotHunterServer.Builder b = SlotHunterServer.builder()
          .database(config.database())
          .databaseCredentials(config.dbUser(), config.dbPassword())
          .storeKey(storeKey(config))
          .adminKey(adminKey)
          .host(config.host())
          .port(config.port())
          .clock(clock)
          .rateLimit((int) Math.ceil(config.rateLimit() * 3), config.rateLimit())
          .allowPrivateWebhooks(config.allowPrivateWebhooks());
      if (fake != null) {
        b.sandbox(fake);
      }
      server = b.start();
    } catch (RuntimeException e) {
      if (fake != null) {
        fake.close();
      }
      throw e;
    }
    out.println("SlotHunter server: " + server.baseUrl() + "/  (API " + server.baseUrl() + Api.PREFIX
        + ", OpenAPI " + server.baseUrl() + Api.PREFIX + "/openapi.json)");
    if (generated) {
      out.println("admin key (generated; shown only now, pass --admin-key or SLOTHUNTER_ADMIN_KEY to keep one): "
          + adminKey);
    }
    if (fake != null) {
      out.println("sandbox: fake Paziresh24 at " + fake.baseUrl() + "; nothing real is polled or booked");
      if (server.ownerCount() == 0) {
        Owners.Created demo = server.createOwner("demo", "PREMIUM");
        out.println("demo owner created; its API key (shown only now, paste it into the dashboard): " + demo.apiKey());
      }
    }
    return new Running(server, fake);
  }

  /**
   * The 32-byte store key: from {@code SLOTHUNTER_STORE_KEY} (base64), else from {@code store.key} in the
   * data directory, created with owner-only permissions on first start.
   */
  static byte[] storeKey(ServerConfig config) {
    if (config.storeKeyBase64() != null) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(config.storeKeyBase64());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("SLOTHUNTER_STORE_KEY is not base64", e);
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("SLOTHUNTER_STORE_KEY must decode to 32 bytes, got " + key.length);
      }
      return key;
    }
    Path file = config.dataDir().resolve("store.key");
    try {
      Files.createDirectories(config.dataDir());
      if (!Files.exists(file)) {
        byte[] key = Ids.bytes(32);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
          return read(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        return key;
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the store key " + file, e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
    if (key.length != 32) {
      throw new IllegalArgumentException(file + " must hold 32 bytes in base64, got " + key.length);
    }
    return key;
  }

  /** A started server and the sandbox it polls. */
  record Running(SlotHunterServer server, FakePaziresh24 fake) implements AutoCloseable {
    @Override
    public void close() {
      try {
        server.close();
      } finally {
        if (fake != null) {
          fake.close();
        }
      }
    }
  }
}
