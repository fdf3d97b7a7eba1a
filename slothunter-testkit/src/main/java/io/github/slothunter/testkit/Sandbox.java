package io.github.slothunter.testkit;

import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.Paziresh24AreaScenario;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * A ready-made, lively fake Paziresh24 for demos and manual testing: three doctors with Persian
 * names, a week of mostly booked calendars, cancellations every few seconds and other patients
 * snapping up free slots, and a fresh day opening every midnight.
 *
 * <p>Run {@link #main(String[])} and point a provider's {@code base-url} (or a browser) at the
 * printed address. Everything is driven by the given clock and seeded, so two demos with the same
 * seed and clock behave the same.
 *
 * <p>Stateless and thread-safe: each {@link #demo} call builds and starts a new fake.
 */
public final class Sandbox {
  /** Slugs of the demo doctors. */
  public static final List<String> DOCTORS = List.of("dr-sara-ahmadi", "dr-reza-karimi", "dr-maryam-hosseini");

  /** Mean time between two cancellations (a slot becoming free). */
  public static final Duration MEAN_CANCELLATION_INTERVAL = Duration.ofSeconds(4);

  /** Mean time between two other patients taking a free slot. */
  public static final Duration MEAN_OTHER_PATIENT_INTERVAL = Duration.ofSeconds(6);

  /** The city slugs of {@link #area}'s doctors, Tehran first (UNVERIFIED as the live site's full list). */
  public static final List<String> AREA_CITIES =
      Paziresh24AreaScenario.CITIES.stream().map(Paziresh24AreaScenario.City::slug).toList();

  /** The specialty (search category) slugs of {@link #area}'s doctors. */
  public static final List<String> AREA_SPECIALTIES =
      Paziresh24AreaScenario.SPECIALTIES.stream().map(Paziresh24AreaScenario.Specialty::slug).toList();

  private static final int DAYS_AHEAD = 7;
  private static final double INITIALLY_TAKEN = 0.85;

  private Sandbox() {}

  /**
   * A started demo fake on a free port.
   *
   * @param clock the clock everything follows ({@link Clock#systemUTC()} for a live demo)
   * @param seed seeds the calendars and the random events
   */
  public static FakePaziresh24 demo(Clock clock, long seed) {
    return demo(clock, seed, 0);
  }

  /**
   * A started demo fake.
   *
   * @param clock the clock everything follows
   * @param seed seeds the calendars and the random events
   * @param port the port to bind, {@code 0} for a free one
   */
  public static FakePaziresh24 demo(Clock clock, long seed, int port) {
    Objects.requireNonNull(clock, "clock");
    // in-person visits are paid at the office (the site shows free_price 0, spec 3B); the online visit
    // is paid online, so booking it is "pay to confirm" (spec 5.6)
    FakePaziresh24 fake = FakePaziresh24.builder()
        .clock(clock)
        .seed(seed)
        .port(port)
        .doctor("dr-sara-ahmadi", d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق").gender("female")
            .center("1001", c -> c.name("مطب دکتر سارا احمدی").city("تهران").phone("02188776655")
                .address("تهران، خیابان ولیعصر، بالاتر از پارک ساعی، ساختمان پزشکان، طبقه ۳")
                .service("2001", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(15))
                    .userCenterId("3001")))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
                .service("2002", s -> s.title("مشاوره تلفنی").price(900_000).duration(Duration.ofMinutes(10))
                    .userCenterId("3002"))))
        .doctor("dr-reza-karimi", d -> d.displayName("دکتر رضا کریمی").expertise("پوست و مو").gender("male")
            .center("1002", c -> c.name("کلینیک پوست کریمی").city("مشهد").phone("05138445566")
                .address("مشهد، بلوار سجاد، نبش بهارستان ۱۲")
                .service("2003", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(20))
                    .userCenterId("3003"))))
        .doctor("dr-maryam-hosseini", d -> d.displayName("دکتر مریم حسینی").expertise("اطفال").gender("female")
            .center("1003", c -> c.name("مطب دکتر مریم حسینی").city("اصفهان").phone("03132221100")
                .address("اصفهان، خیابان چهارباغ بالا، کوچه ۸")
                .service("2004", s -> s.title("ویزیت کودک").price(0).duration(Duration.ofMinutes(15))
                    .userCenterId("3004")))
            .center("1004", c -> c.name("بیمارستان کودکان امید").city("اصفهان")
                .address("اصفهان، خیابان شمس‌آبادی")
                .service("2005", s -> s.title("ویزیت درمانگاه").price(0).duration(Duration.ofMinutes(10))
                    .userCenterId("3005"))))
        .build();

    Instant now = clock.instant();
    LocalDate today = now.atZone(SlotHunterZones.TEHRAN).toLocalDate();
    Random random = new Random(seed);
    for (int i = 0; i < DAYS_AHEAD; i++) {
      openDay(fake, today.plusDays(i), random);
    }
    // Each midnight the clinics open the day a week ahead.
    Instant nextMidnight = today.plusDays(1).atStartOfDay(SlotHunterZones.TEHRAN).toInstant();
    fake.scheduleEvery(nextMidnight, Duration.ofDays(1), f -> openDay(f,
        f.now().atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(DAYS_AHEAD - 1), random));
    fake.scheduleCancellations(now, Instant.MAX, MEAN_CANCELLATION_INTERVAL);
    fake.scheduleOtherPatients(now, Instant.MAX, MEAN_OTHER_PATIENT_INTERVAL);
    return fake.start();
  }

  /**
   * A started fake for area searches: {@code doctors} doctors ({@code dr-area-0}, {@code dr-area-1}, ...)
   * over {@link #AREA_CITIES} and {@link #AREA_SPECIALTIES}, with map pins spread over each city (about one
   * in ten centers has none), drawn genders and prices, about a third with a priced online visit, a week of
   * mostly booked calendars, and slots released and taken at the demo's rates ({@link
   * #MEAN_CANCELLATION_INTERVAL}, {@link #MEAN_OTHER_PATIENT_INTERVAL}) across all of them. Deterministic for
   * a given clock, seed and size.
   *
   * @param clock the clock everything follows
   * @param seed seeds the directory, the calendars and the random events
   * @param doctors how many doctors, at least 1 (a few hundred is typical)
   */
  public static FakePaziresh24 area(Clock clock, long seed, int doctors) {
    return Paziresh24AreaScenario.start(clock, seed, doctors, 0);
  }

  private static void openDay(FakePaziresh24 fake, LocalDate day, Random random) {
    if (day.getDayOfWeek() == DayOfWeek.FRIDAY) {
      return;
    }
    List<FakeSlot> opened = new ArrayList<>();
    opened.addAll(fake.openSlots("dr-sara-ahmadi", "1001", "2001", day, LocalTime.of(9, 0), LocalTime.of(13, 0)));
    opened.addAll(fake.openSlots("dr-sara-ahmadi", FakePaziresh24.ONLINE_CENTER_ID, "2002", day, LocalTime.of(20, 0),
        LocalTime.of(22, 0)));
    opened.addAll(fake.openSlots("dr-reza-karimi", "1002", "2003", day, LocalTime.of(16, 0), LocalTime.of(20, 0)));
    opened.addAll(fake.openSlots("dr-maryam-hosseini", "1003", "2004", day, LocalTime.of(10, 0), LocalTime.of(13, 0)));
    opened.addAll(fake.openSlots("dr-maryam-hosseini", "1004", "2005", day, LocalTime.of(17, 0), LocalTime.of(19, 0)));
    for (FakeSlot s : opened) {
      if (random.nextDouble() < INITIALLY_TAKEN) {
        fake.takeSlot(s.doctorKey(), s.centerId(), s.serviceId(), s.from());
      }
    }
  }

  /**
   * Starts the demo on the system clock and serves until interrupted (Ctrl-C).
   *
   * @param args optional {@code --port N} and {@code --seed N}
   * @throws InterruptedException if the main thread is interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    long seed = FakePaziresh24.DEFAULT_SEED;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--seed") && i + 1 < args.length) {
        seed = Long.parseLong(args[++i]);
      } else {
        System.err.println("usage: Sandbox [--port N] [--seed N]");
        System.exit(2);
      }
    }
    FakePaziresh24 fake = demo(Clock.systemUTC(), seed, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    System.out.println("FakePaziresh24 listening on " + fake.baseUrl());
    for (String slug : DOCTORS) {
      System.out.println("  " + fake.doctorUrl(slug));
    }
    System.out.println("Press Ctrl-C to stop.");
    try {
      stopped.await();
    } finally {
      fake.close();
    }
  }
}
