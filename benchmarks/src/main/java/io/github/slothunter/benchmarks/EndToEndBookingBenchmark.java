package io.github.slothunter.benchmarks;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.SlotWatcher;
import io.github.slothunter.testkit.FakePaziresh24;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * End to end on localhost: FakePaziresh24 releases a slot, the engine (threaded, real clock) polls
 * it through the real Paziresh24 provider over HTTP, holds and books it; we time until
 * {@code BookingSucceeded} reaches a listener.
 *
 * <ul>
 *   <li>"from poll response": from the moment the provider returned the free-slots answer that first
 *       showed the slot (the poll wait excluded);
 *   <li>"from release": from {@code fake.openSlot(...)}, with the poll interval included.
 * </ul>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.EndToEndBookingBenchmark [releases] [intervalMillis]}
 */
public final class EndToEndBookingBenchmark {
  private EndToEndBookingBenchmark() {}

  /** Wraps the real provider to note when a free-slots answer first shows each slot. */
  static final class Timing {
    final Map<Instant, Long> firstSeen = new ConcurrentHashMap<>();
    final ProviderFactory factory = SlotWatcherTap.wrap(new Paziresh24ProviderFactory(), w -> new SlotWatcher() {
      @Override
      public List<LocalDate> freeDays(Target target) {
        return w.freeDays(target);
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        return seen(w.freeSlots(target, day));
      }

      @Override
      public io.github.slothunter.spi.FreeCalendar freeCalendar(Target target) {
        io.github.slothunter.spi.FreeCalendar c = w.freeCalendar(target);
        seen(c.allSlots());
        return c;
      }

      private List<Slot> seen(List<Slot> slots) {
        long now = System.nanoTime();
        for (Slot s : slots) {
          firstSeen.putIfAbsent(s.start(), now);
        }
        return slots;
      }
    });
  }

  public static void main(String[] args) throws Exception {
    int releases = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long intervalMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    String slug = "dr-sara-ahmadi";
    FakePaziresh24 fake = FakePaziresh24.builder().clock(Clock.systemUTC()).seed(1)
        .doctor(slug, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
            .center("1001", c -> c.name("مطب").city("تهران").address("ولیعصر").serverId("1")
                .service("2001", s -> s.title("ویزیت").price(1_500_000).duration(Duration.ofMinutes(15))
                    .userCenterId("3001"))))
        .build().start();
    Timing timing = new Timing();
    Plan fastest = new Plan("FASTEST", Plan.UNLIMITED, Duration.ofMillis(intervalMillis), true, 8);
    LinkedBlockingQueue<BookingSucceeded> booked = new LinkedBlockingQueue<>();
    long[] fromPoll = new long[releases];
    long[] fromRelease = new long[releases];
    Patient patient = Patient.of("Sara", "Ahmadi", "0499370899", "09121234567");
    AccountSession session = fake.login("09121234567").toSession();
    try (SlotHunter hunter = SlotHunter.builder().provider(timing.factory)
        .providerConfig("paziresh24", "base-url", fake.baseUrl())
        .budget("paziresh24", RequestBudget.of(100_000, 1_000_000, 4))
        .plans(Plans.of(fastest, List.of(fastest))).build()) {
      hunter.listen(e -> {
        if (e instanceof BookingSucceeded b) {
          booked.add(b);
        }
      });
      String link = "https://www.paziresh24.com/dr/" + slug + "/";
      hunter.watch(WatchRequest.of("warmup", link).autoBook(new AutoBook(patient, session, 100)));
      int warm = 20;
      Instant base = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      for (int i = -warm; i < releases; i++) {
        if ((i + warm) % 100 == 0) {
          hunter.watch(WatchRequest.of("owner-" + (i + warm), link).autoBook(new AutoBook(patient, session, 100)));
        }
        Instant start = base.plus(Duration.ofMinutes(15L * (i + warm)));
        long released = System.nanoTime();
        fake.openSlot(slug, "1001", "2001", start);
        BookingSucceeded b = booked.poll(30, TimeUnit.SECONDS);
        long delivered = System.nanoTime();
        if (b == null) {
          throw new IllegalStateException("no booking for release " + i);
        }
        if (i >= 0) {
          fromRelease[i] = delivered - released;
          fromPoll[i] = delivered - timing.firstSeen.get(b.booking().slot().start());
        }
      }
      System.out.printf("releases=%d, poll interval %d ms, fake on %s, outstanding holds after: %d%n", releases,
          intervalMillis, fake.baseUrl(), fake.outstandingHolds());
    }
    System.out.println("poll response -> BookingSucceeded delivered: " + Percentiles.summary(fromPoll, releases));
    System.out.println("release -> BookingSucceeded delivered:       " + Percentiles.summary(fromRelease, releases));
    System.out.println("bookings on the fake: " + fake.bookings().size() + ", outstanding holds: " + fake.outstandingHolds());
    fake.close();
  }
}
