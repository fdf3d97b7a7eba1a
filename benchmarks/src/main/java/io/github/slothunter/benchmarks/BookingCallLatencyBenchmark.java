package io.github.slothunter.benchmarks;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakePaziresh24;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;

/**
 * The three calls of an auto-booking, one at a time, through the real Paziresh24 provider to
 * FakePaziresh24 over localhost HTTP: {@code suspend} (hold), {@code book}, and the receipt read
 * (read-back). Each iteration opens a slot, then times each call from the provider method's entry
 * to its return (request building, HTTP, parsing). These are the latencies the booking-timeout is
 * set against (3x the read timeout): on the fake they are the engine's own cost; on the real site
 * its answer time adds to them.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.BookingCallLatencyBenchmark [iterations]}
 */
public final class BookingCallLatencyBenchmark {
  private BookingCallLatencyBenchmark() {}

  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = Math.max(50, iterations / 5);
    String slug = "dr-sara-ahmadi";
    FakePaziresh24 fake = FakePaziresh24.builder().clock(Clock.systemUTC()).seed(1).bookingWindowDays(400)
        .doctor(slug, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
            .center("1001", c -> c.name("مطب").city("تهران").address("ولیعصر").serverId("1")
                .service("2001", s -> s.title("ویزیت").price(0).duration(Duration.ofMinutes(15))
                    .userCenterId("3001"))))
        .build().start();
    Provider provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
        .clock(Clock.systemUTC()).systemProperties(new Properties()).environment(Map.of())
        .config(ProviderContext.BASE_URL, fake.baseUrl()).build());
    Booker booker = provider.booker().orElseThrow();
    Patient patient = Patient.of("Sara", "Ahmadi", "0499370899", "09121234567");
    AccountSession session = fake.login("09121234567").toSession();
    Target target = provider.lookup(provider.parse("https://www.paziresh24.com/dr/" + slug + "/").orElseThrow())
        .bookableTargets().get(0);
    long[] hold = new long[iterations];
    long[] book = new long[iterations];
    long[] readBack = new long[iterations];
    Instant base = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
    try {
      for (int i = -warmup; i < iterations; i++) {
        Instant start = base.plus(Duration.ofMinutes(15L * (i + warmup)));
        fake.openSlot(slug, "1001", "2001", start);
        Slot slot = provider.slots().freeSlots(target, start.atZone(provider.info().zone()).toLocalDate()).stream()
            .filter(s -> s.start().equals(start)).findFirst().orElseThrow();
        long t0 = System.nanoTime();
        Hold h = booker.hold(slot, session);
        long t1 = System.nanoTime();
        Booking b = booker.book(h, patient, session);
        long t2 = System.nanoTime();
        if (booker.readBack(b, session).isEmpty()) {
          throw new IllegalStateException("the fake does not show booking " + b.providerBookingKey());
        }
        long t3 = System.nanoTime();
        if (i >= 0) {
          hold[i] = t1 - t0;
          book[i] = t2 - t1;
          readBack[i] = t3 - t2;
        }
      }
      System.out.printf("iterations=%d (+%d warm-up), fake on %s, bookings %d, outstanding holds %d%n", iterations,
          warmup, fake.baseUrl(), fake.bookings().size(), fake.outstandingHolds());
      System.out.println("suspend (hold):      " + Percentiles.summary(hold, iterations));
      System.out.println("book:                " + Percentiles.summary(book, iterations));
      System.out.println("receipt (read-back): " + Percentiles.summary(readBack, iterations));
    } finally {
      provider.close();
      fake.close();
    }
  }
}
