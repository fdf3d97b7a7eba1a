package io.github.slothunter.examples.server;

import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the SlotHunter server and runs it until the JVM stops (Ctrl-C).
 *
 * <pre>
 * java -jar examples/server/target/slothunter-server.jar                 # sandbox, embedded H2, port 8080
 * java -jar slothunter-server.jar --db jdbc:postgresql://db/slothunter --host 0.0.0.0
 * </pre>
 *
 * <p>See {@link ServerConfig#USAGE} for the options, {@link ServerKeys} for where the keys come
 * from and {@link InstanceId} for the name the engine leases its targets under. Without {@code --db} the server runs the testkit's fake Paziresh24 in-process (nothing real is
 * polled or booked) and, on a fresh database, creates a demo owner whose key it prints once, so the
 * dashboard works at once. The admin key is never printed: a generated one is written to an
 * owner-only file whose path is printed.
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
    if (config.keys().adminKeyOnCommandLine()) {
      System.err.println("warning: --admin-key is visible to other users of this machine (ps, /proc);"
          + " prefer --admin-key-file FILE or SLOTHUNTER_ADMIN_KEY");
    }
    Running running;
    try {
      running = start(config, Clock.systemUTC(), System.out);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    } catch (PortInUse e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "slothunter-server-shutdown"));
    stopped.await();
  }

  /** The port is taken: its message is the one sentence printed (no stack trace: there is nothing to debug). */
  static final class PortInUse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortInUse(ServerConfig config, Throwable cause) {
      super("port " + config.port() + " is in use on " + config.host() + "; pass --port N (another port, or 0 for"
          + " any free one) or set SLOTHUNTER_PORT, or stop the program that holds it", cause);
    }
  }

  /** Fails fast, before the database and the engine start, when the port is visibly taken. */
  private static void checkPortFree(ServerConfig config) {
    if (config.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(config.host(), config.port()));
    } catch (BindException e) {
      throw new PortInUse(config, e);
    } catch (IOException e) {
      // not a clear "in use" (an unknown host, say): let the server's own start report it
    }
  }

  /**
   * Starts everything the configuration asks for and prints how to use it.
   *
   * @throws PortInUse when the port is taken (checked first, and again when the server binds)
   */
  static Running start(ServerConfig config, Clock clock, PrintStream out) {
    checkPortFree(config);
    ServerKeys.AdminKey adminKey = ServerKeys.adminKey(config);
    ServerKeys.StoreKey storeKey = ServerKeys.storeKey(config);
    InstanceId instance = InstanceId.of(config);
    FakePaziresh24 fake = null;
    if (config.sandbox()) {
      // The JDK HttpServer under the fake leaves Nagle on (40 ms delayed ACKs on Linux) unless told.
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      fake = Sandbox.demo(clock, config.seed());
    }
    SlotHunterServer server;
    try {
      ServerConfig.Streams streams = config.streams();
      SlotHunterServer.Builder b = SlotHunterServer.builder()
          .database(config.database())
          .databaseCredentials(config.dbUser(), config.dbPassword())
          .storeKey(storeKey.bytes())
          .adminKey(adminKey.value())
          .host(config.host())
          .port(config.port())
          .clock(clock)
          .instanceId(instance.value())
          .rateLimit((int) Math.ceil(config.rateLimit() * 3), config.rateLimit())
          .allowPrivateWebhooks(config.allowPrivateWebhooks())
          .streamLimits(streams.streamsPerOwner(), streams.maxStreams())
          .ticketLimits(streams.ticketsPerOwner(), streams.maxTickets())
          .dedupIds(config.dedupIds());
      if (fake != null) {
        b.sandbox(fake);
      }
      ServerConfig.PaymentOptions payments = config.payments();
      if (payments != null) {
        b.zarinpal(payments.baseUrl(), payments.readMerchantId(), payments.timeout()).paymentPeriod(payments.period());
        if (payments.publicUrl() != null) {
          b.publicUrl(payments.publicUrl());
        }
      }
      server = b.start();
    } catch (JavalinBindException e) {
      // taken between the check and the bind
      if (fake != null) {
        fake.close();
      }
      throw new PortInUse(config, e);
    } catch (RuntimeException e) {
      if (fake != null) {
        fake.close();
      }
      throw e;
    }
    out.println("SlotHunter server: " + server.baseUrl() + "/  (API " + server.baseUrl() + Api.PREFIX
        + ", OpenAPI " + server.baseUrl() + Api.PREFIX + "/openapi.json, reference " + server.baseUrl()
        + SlotHunterServer.DOCS_PATH + ")");
    if (adminKey.generated()) {
      out.println("admin key: generated into " + adminKey.source() + " (owner-only; starts " + adminKey.prefix()
          + "); the next start reads it from there");
    } else {
      out.println("admin key: from " + adminKey.source() + " (starts " + adminKey.prefix() + ")");
    }
    out.println("store key: from " + storeKey.source());
    out.println("instance id: " + instance.value() + (instance.generated() ? " (generated into " : " (from ")
        + instance.source() + ")");
    if (fake != null) {
      out.println("sandbox: fake Paziresh24 at " + fake.baseUrl() + "; nothing real is polled or booked");
      if (server.ownerCount() == 0) {
        Owners.Created demo = server.createOwner("demo", "PREMIUM");
        out.println("demo owner created; its API key (shown only now, paste it into the dashboard): " + demo.apiKey());
      }
    }
    return new Running(server, fake);
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
