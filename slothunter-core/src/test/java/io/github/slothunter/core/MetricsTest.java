package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Micrometer meters, and an engine without Micrometer on the class path. */
class MetricsTest {

  @Test
  void theEngineCountsPollsRequestsDetectionsAndBookingsPerProvider() {
    MeterRegistry registry = new SimpleMeterRegistry();
    EngineFixture f = new EngineFixture();
    f.hunter.close();
    f.hunter = f.builder().meterRegistry(registry).build();
    f.hunter.listen(f.events);
    try {
      Target t = f.provider.target("dr-a");
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
      f.hunter.runDue(); // first poll: initial inventory, nothing "released"
      f.provider.open(t, f.at("06:00", 1));
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);
      f.tick(Duration.ofSeconds(10));
      f.tick(Duration.ofSeconds(10));
      f.events.await(BookingSucceeded.class, 1);

      assertThat(registry.get("slothunter.polls").tag("provider", "mem").tag("outcome", "ok").counter().count())
          .isEqualTo(2);
      assertThat(registry.get("slothunter.polls").tag("outcome", "PROVIDER_UNAVAILABLE").counter().count()).isEqualTo(1);
      assertThat(registry.get("slothunter.requests").tag("outcome", "ok").counter().count())
          .isEqualTo(f.provider.requests().size() - 1.0);
      assertThat(registry.get("slothunter.requests").tag("outcome", "PROVIDER_UNAVAILABLE").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("slothunter.detection.latency").timer().count()).isEqualTo(1);
      assertThat(registry.get("slothunter.detection.latency").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(10); // half of the 20 s window since the last successful look
      assertThat(registry.get("slothunter.booking.hold.latency").timer().count()).isEqualTo(1);
      assertThat(registry.get("slothunter.bookings").tag("outcome", "booked").tag("verified", "false").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("slothunter.booking.book.latency").timer().count()).isEqualTo(1);
      assertThat(registry.get("slothunter.watches").gauge().value()).isEqualTo(1);
      assertThat(registry.get("slothunter.targets").gauge().value()).isEqualTo(1);
      assertThat(registry.get("slothunter.budget.limit").tag("provider", "mem").gauge().value()).isEqualTo(1000);
      assertThat(registry.get("slothunter.budget.used").tag("provider", "mem").gauge().value()).isPositive();
      assertThat(registry.get("slothunter.events.dropped").functionCounter().count()).isZero();
      assertThat(registry.get("slothunter.events.published").functionCounter().count()).isPositive();
    } finally {
      f.close();
    }
  }

  @Test
  void withoutMicrometerOnTheClassPathTheEngineRunsAndRecordsNothing() throws Exception {
    // The test's module path (the engine, when it runs as a module) and class path, minus Micrometer,
    // all on one class path.
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String mp = System.getProperty("jdk.module.path", "");
    List<URL> urls = new ArrayList<>();
    for (String entry : (mp + File.pathSeparator + cp).split(File.pathSeparator)) {
      if (!entry.isBlank() && !entry.contains("micrometer")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), new JdkOnlyClassLoader())) {
      Callable<?> run = (Callable<?>) isolated.loadClass(NoMicrometerRun.class.getName()).getDeclaredConstructor()
          .newInstance();
      Object result = run.call();

      assertThat(result).isEqualTo("micrometer absent, 1 slot opened");
    }
  }

  /**
   * The JDK's own classes and nothing else. The platform class loader alone is not enough of a
   * parent: it also hands out the classes of every module in the boot layer, and when the tests run
   * on the module path that layer holds the engine and Micrometer.
   */
  private static final class JdkOnlyClassLoader extends ClassLoader {
    private final Set<String> jdkPackages = ModuleLayer.boot().modules().stream()
        .filter(m -> m.getClassLoader() == null || m.getClassLoader() == ClassLoader.getPlatformClassLoader())
        .flatMap(m -> m.getPackages().stream()).collect(Collectors.toUnmodifiableSet());

    JdkOnlyClassLoader() {
      super("jdk-only", null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
      if (!jdkPackages.contains(pkg)) {
        throw new ClassNotFoundException(name);
      }
      return ClassLoader.getPlatformClassLoader().loadClass(name);
    }
  }

  /** Runs inside a class loader without Micrometer. */
  public static final class NoMicrometerRun implements Callable<String> {
    @Override
    public String call() {
      boolean absent;
      try {
        Class.forName("io.micrometer.core.instrument.MeterRegistry");
        absent = false;
      } catch (ClassNotFoundException e) {
        absent = true;
      }
      try (EngineFixture f = new EngineFixture()) {
        Target t = f.provider.target("dr-a");
        f.provider.open(t, f.at("06:00", 1));
        f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
        f.hunter.runDue();
        int opened = f.events.await(SlotOpened.class, 1).size();
        return (absent ? "micrometer absent" : "micrometer present") + ", " + opened + " slot opened";
      }
    }
  }
}
