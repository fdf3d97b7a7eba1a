package io.github.slothunter.benchmarks;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests per poll and polls per minute per target under Paziresh24's default budget (20 a minute,
 * 300 an hour), for 3, 30 and 300 watched doctors, before (free days, then one request per free
 * day) and after (one all-slots request, spec 4.1b) the live protocol.
 *
 * <p>The world: the testkit's FakePaziresh24 on a fake clock. A third of the doctors are fully booked;
 * the others have two to four free days in the next ten days (two to six slots each) and one or two
 * free days later in the booking window. Every watch is on the PREMIUM plan (a poll a minute) and
 * wants any day and time. Two simulated hours ({@code -Dhours=N} for more) are measured after ten
 * minutes of warm-up.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.PollCostBenchmark [doctors...]}
 */
public final class PollCostBenchmark {

  private PollCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? new int[] {3, 30, 300} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt)
        .toArray();
    System.out.println("doctors | mode   | polls | requests | requests/poll | polls/min/target | max req in a minute");
    for (int n : sizes) {
      for (boolean oneRequest : new boolean[] {false, true}) {
        run(n, oneRequest);
      }
    }
  }

  private static void run(int doctors, boolean oneRequest) throws Exception {
    FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(doctors);
    for (int i = 0; i < doctors; i++) {
      int k = i;
      b.doctor(slug(i), d -> d.displayName("دکتر نمونه").expertise("پوست")
          .center(center(k), c -> c.name("مطب").city("تهران").address("ولیعصر").serverId("1")
              .service(service(k), s -> s.title("ویزیت").duration(Duration.ofMinutes(15)).userCenterId(userCenter(k)))));
    }
    AtomicLong polls = new AtomicLong();
    try (FakePaziresh24 fake = b.build().start()) {
      open(fake, doctors, clock);
      ProviderFactory factory = SlotWatcherTap.wrap(new Paziresh24ProviderFactory(),
          w -> SlotWatcherTap.counting(w, oneRequest, t -> polls.incrementAndGet()));
      try (SlotHunter hunter = SlotHunter.builder().provider(factory)
          .providerConfig("paziresh24", "base-url", fake.baseUrl())
          .clock(clock).manualScheduling().build()) {
        for (int i = 0; i < doctors; i++) {
          hunter.setPlan("u" + i, "PREMIUM");
          Target t = new Target(new DoctorRef("paziresh24", slug(i)), center(i), service(i),
              Map.of("user_center_id", userCenter(i), "server_id", "1"));
          hunter.watch(WatchRequest.of("u" + i, t).plan(Plans.PREMIUM.name()));
        }
        step(hunter, clock, Duration.ofMinutes(10));
        fake.resetCounters();
        polls.set(0);
        Duration measured = Duration.ofHours(Long.getLong("hours", 2));
        long maxMinute = step(hunter, clock, measured);
        long requests = fake.requestCount(FakePaziresh24.GET_FREE_DAYS) + fake.requestCount(FakePaziresh24.GET_FREE_TURNS);
        System.out.printf(Locale.ROOT, "%7d | %-6s | %5d | %8d | %13.2f | %16.3f | %d%n", doctors,
            oneRequest ? "after" : "before", polls.get(), requests, requests / (double) Math.max(1, polls.get()),
            polls.get() / (double) measured.toMinutes() / doctors, maxMinute);
      }
    }
  }

  /** Advances the clock a second at a time, running due polls; returns the most requests granted in a minute. */
  private static long step(SlotHunter hunter, FakeClock clock, Duration span) {
    long max = 0;
    long minuteStart = sent(hunter);
    for (long s = 1; s <= span.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      hunter.runDue();
      if (s % 60 == 0) {
        long sent = sent(hunter);
        max = Math.max(max, sent - minuteStart);
        minuteStart = sent;
      }
    }
    return max;
  }

  private static long sent(SlotHunter hunter) {
    return hunter.stats().providers().stream().filter(p -> p.providerId().equals("paziresh24")).findFirst()
        .orElseThrow().requestsSent();
  }

  /** A third fully booked; the rest with free days inside and after the one-request window. */
  private static void open(FakePaziresh24 fake, int doctors, FakeClock clock) {
    Random random = new Random(doctors);
    LocalDate today = LocalDate.now(clock.withZone(SlotHunterZones.TEHRAN));
    for (int i = 0; i < doctors; i++) {
      if (i % 3 == 0) {
        continue;
      }
      int near = 2 + random.nextInt(3);
      for (int d = 0; d < near; d++) {
        LocalDate day = today.plusDays(1 + d * 2L + random.nextInt(2));
        LocalTime from = LocalTime.of(9 + random.nextInt(6), 0);
        fake.openSlots(slug(i), center(i), service(i), day, from, from.plusMinutes(15L * (2 + random.nextInt(5))));
      }
      int far = 1 + random.nextInt(2);
      for (int d = 0; d < far; d++) {
        LocalDate day = today.plusDays(14 + d * 7L + random.nextInt(5));
        fake.openSlots(slug(i), center(i), service(i), day, LocalTime.of(16, 0), LocalTime.of(17, 0));
      }
    }
  }

  private static String slug(int i) {
    return "dr-bench-" + i;
  }

  private static String center(int i) {
    return Integer.toString(10_000 + i);
  }

  private static String service(int i) {
    return Integer.toString(20_000 + i);
  }

  private static String userCenter(int i) {
    return Integer.toString(30_000 + i);
  }
}
