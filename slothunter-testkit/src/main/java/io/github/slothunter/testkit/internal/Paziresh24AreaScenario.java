package io.github.slothunter.testkit.internal;

import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import io.github.slothunter.testkit.FakeSlot;
import io.github.slothunter.testkit.Sandbox;
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

/**
 * Builds a seeded fake Paziresh24 with many doctors spread over a few cities and specialties, for
 * area-search tests, demos and benchmarks (see {@code Sandbox.area}).
 *
 * <p>Doctor {@code i} has slug {@code dr-area-<i>}, an in-person center {@code c<i>} (service
 * {@code s<i>}, user center {@code u<i>}) in one of {@link #CITIES} with a map pin spread over the city
 * (about one in ten has none), and about a third also an online visit (center {@code 5532}, service
 * {@code o<i>}, priced). Genders and specialties ({@link #SPECIALTIES}) are drawn; in-person visits are
 * priced in about half the cases (rials). Calendars are open a week ahead with most slots taken; a new
 * day opens each midnight, and cancellations and other patients follow the fake's usual release machinery
 * ({@link FakePaziresh24#scheduleCancellations}, {@link FakePaziresh24#scheduleOtherPatients}). The same
 * clock, seed and size give the same fake. Stateless and thread-safe: each {@link #start} builds a new fake.
 */
public final class Paziresh24AreaScenario {
  /**
   * A city of the scenario.
   *
   * @param slug the search slug
   * @param name the Persian name
   * @param lat the centre's latitude
   * @param lon the centre's longitude
   */
  public record City(String slug, String name, double lat, double lon) {}

  /**
   * A specialty of the scenario.
   *
   * @param slug the search category slug
   * @param title the Persian title
   */
  public record Specialty(String slug, String title) {}

  /** The cities, Tehran first (it gets about half the doctors). */
  public static final List<City> CITIES = List.of(
      new City("tehran", "تهران", 35.6892, 51.3890),
      new City("mashhad", "مشهد", 36.2605, 59.6168),
      new City("isfahan", "اصفهان", 32.6546, 51.6680),
      new City("shiraz", "شیراز", 29.5918, 52.5837),
      new City("tabriz", "تبریز", 38.0800, 46.2919));

  /** The specialties. */
  public static final List<Specialty> SPECIALTIES = List.of(
      new Specialty("dermatology", "پوست و مو"),
      new Specialty("cardiovascular", "قلب و عروق"),
      new Specialty("pediatrics", "کودکان"),
      new Specialty("general-practitioner", "پزشک عمومی"));


  private static final List<String> FIRST_FEMALE = List.of("سارا", "مریم", "نرگس", "لیلا", "زهرا", "فاطمه");
  private static final List<String> FIRST_MALE = List.of("رضا", "علی", "حسین", "محمد", "امیر", "مهدی");
  private static final List<String> FAMILY = List.of("احمدی", "کریمی", "حسینی", "رضایی", "موسوی", "جعفری",
      "نوری", "صادقی");
  /** About 0.05 degrees is 5 km: a pin within roughly 10 km of the city centre. */
  private static final double SPREAD_DEGREES = 0.09;
  private static final int DAYS_AHEAD = 7;
  private static final double INITIALLY_TAKEN = 0.85;

  private Paziresh24AreaScenario() {}

  /**
   * A started fake.
   *
   * @param clock the clock everything follows
   * @param seed seeds the directory, the calendars and the random events
   * @param doctors how many doctors, at least 1
   * @param port the port to bind, {@code 0} for a free one
   */
  public static FakePaziresh24 start(Clock clock, long seed, int doctors, int port) {
    Objects.requireNonNull(clock, "clock");
    if (doctors < 1) {
      throw new IllegalArgumentException("doctors must be at least 1: " + doctors);
    }
    Random random = new Random(seed);
    FakePaziresh24Builder builder = FakePaziresh24.builder().clock(clock).seed(seed).port(port);
    List<Boolean> online = new ArrayList<>();
    for (int i = 0; i < doctors; i++) {
      online.add(doctor(builder, i, random));
    }
    FakePaziresh24 fake = builder.build();
    Instant now = clock.instant();
    LocalDate today = now.atZone(SlotHunterZones.TEHRAN).toLocalDate();
    Random calendars = new Random(seed * 31 + 7);
    for (int d = 0; d < DAYS_AHEAD; d++) {
      openDay(fake, online, today.plusDays(d), calendars);
    }
    Instant nextMidnight = today.plusDays(1).atStartOfDay(SlotHunterZones.TEHRAN).toInstant();
    fake.scheduleEvery(nextMidnight, Duration.ofDays(1), f -> openDay(f, online,
        f.now().atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(DAYS_AHEAD - 1), calendars));
    fake.scheduleCancellations(now, Instant.MAX, Sandbox.MEAN_CANCELLATION_INTERVAL);
    fake.scheduleOtherPatients(now, Instant.MAX, Sandbox.MEAN_OTHER_PATIENT_INTERVAL);
    return fake.start();
  }

  /** Adds doctor {@code i}; whether it has an online visit. */
  private static boolean doctor(FakePaziresh24Builder builder, int i, Random random) {
    City city = random.nextBoolean() ? CITIES.get(0) : CITIES.get(1 + random.nextInt(CITIES.size() - 1));
    Specialty specialty = SPECIALTIES.get(random.nextInt(SPECIALTIES.size()));
    boolean female = random.nextBoolean();
    List<String> firsts = female ? FIRST_FEMALE : FIRST_MALE;
    String name = "دکتر " + firsts.get(random.nextInt(firsts.size())) + " " + FAMILY.get(random.nextInt(FAMILY.size()));
    boolean pinned = random.nextInt(10) != 0;
    double lat = city.lat() + (random.nextDouble() * 2 - 1) * SPREAD_DEGREES;
    double lon = city.lon() + (random.nextDouble() * 2 - 1) * SPREAD_DEGREES;
    long price = random.nextBoolean() ? 0 : 500_000L * (2 + random.nextInt(8));
    boolean online = random.nextInt(3) == 0;
    long onlinePrice = 300_000L * (2 + random.nextInt(6));
    int minutes = 10 + 5 * random.nextInt(3);
    builder.doctor("dr-area-" + i, d -> {
      d.displayName(name).expertise(specialty.title(), specialty.slug()).gender(female ? "female" : "male");
      d.center("c" + i, c -> {
        c.name("مطب " + name).city(city.name()).citySlug(city.slug())
            .address(city.name() + "، خیابان " + (1 + i % 40))
            .service("s" + i, s -> s.title("ویزیت حضوری").price(price).duration(Duration.ofMinutes(minutes))
                .userCenterId("u" + i));
        if (pinned) {
          c.location(lat, lon);
        }
      });
      if (online) {
        d.center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
            .service("o" + i, s -> s.title("ویزیت آنلاین").price(onlinePrice).duration(Duration.ofMinutes(10))
                .userCenterId("uo" + i)));
      }
    });
    return online;
  }

  private static void openDay(FakePaziresh24 fake, List<Boolean> online, LocalDate day, Random random) {
    if (day.getDayOfWeek() == DayOfWeek.FRIDAY) {
      return;
    }
    List<FakeSlot> opened = new ArrayList<>();
    for (int i = 0; i < online.size(); i++) {
      String slug = "dr-area-" + i;
      LocalTime from = LocalTime.of(i % 2 == 0 ? 9 : 16, 0);
      opened.addAll(fake.openSlots(slug, "c" + i, "s" + i, day, from, from.plusHours(3)));
      if (online.get(i)) {
        opened.addAll(fake.openSlots(slug, FakePaziresh24.ONLINE_CENTER_ID, "o" + i, day, LocalTime.of(21, 0),
            LocalTime.of(22, 0)));
      }
    }
    for (FakeSlot s : opened) {
      if (random.nextDouble() < INITIALLY_TAKEN) {
        fake.takeSlot(s.doctorKey(), s.centerId(), s.serviceId(), s.from());
      }
    }
  }
}
