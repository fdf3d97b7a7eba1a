package io.github.slothunter.benchmarks;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A seeded world of doctors on FakePaziresh24 for the simulations on a virtual clock: each doctor's
 * habits, every slot release over the run and when another patient takes it. Calendars start fully
 * booked, so every free slot is a release. The benchmarks build a world with the generators here
 * (Poisson cancellations with an hour-of-day habit, weekly calendar openings) and replay it, the same
 * for every strategy, with {@link #fake}.
 */
final class SimWorld {
  /** The simulations' time zero: a Saturday (the first day of the Iranian week), 00:00 Tehran. */
  static final Instant START = ZonedDateTime.of(LocalDate.of(2026, 1, 3), LocalTime.MIDNIGHT,
      SlotHunterZones.TEHRAN).toInstant();

  /**
   * One doctor's habits; each doctor has an office of their own (center, service and user-center ids).
   *
   * @param kind the doctor's pattern, for reports
   * @param meanTakeMinutes how long, on average, another patient takes to book a freed slot
   * @param hourly the true release rate per hour of the week (bucket 0: Saturday 00:00-01:00 Tehran)
   * @param openings the part of {@code hourly} that is a weekly calendar opening
   */
  record Doctor(String slug, int n, String kind, double meanTakeMinutes, double[] hourly, double[] openings) {
    String center() {
      return Integer.toString(100_000 + n);
    }

    String service() {
      return Integer.toString(200_000 + n);
    }

    String userCenterId() {
      return Integer.toString(300_000 + n);
    }

    Target target() {
      return new Target(new DoctorRef("paziresh24", slug), center(), service(),
          Map.of("user_center_id", userCenterId(), "server_id", "1"));
    }
  }

  /** One slot becoming free, and when another patient takes it (unless a strategy booked it first). */
  record Release(Doctor doctor, Instant slotStart, Instant releasedAt, Instant takenAt, boolean opening) {
    String key() {
      return key(doctor.slug(), slotStart);
    }

    static String key(String slug, Instant start) {
      return slug + "@" + start.getEpochSecond();
    }
  }

  final List<Doctor> doctors = new ArrayList<>();
  /** Every release, sorted by release time once the world is built ({@link #sortReleases()}). */
  final List<Release> releases = new ArrayList<>();

  void sortReleases() {
    releases.sort((a, b) -> a.releasedAt().compareTo(b.releasedAt()));
  }

  /**
   * Weekly calendar openings: every week at {@code day} (0 = Saturday) and {@code hour}, up to
   * {@code maxLateSeconds} late, the clinic opens the week after's first {@code openDays} working
   * days (Fridays skipped), {@code perDay} slots each from 09:00. Draws from {@code r} in a fixed
   * order (lateness, then the take time of each slot), so a longer run has the same openings.
   */
  void weeklyOpenings(Random r, Doctor d, int day, int hour, int perDay, int openDays, int maxLateSeconds,
      Instant end, Set<Instant> used) {
    d.hourly()[day * 24 + hour] += perDay * openDays;
    d.openings()[day * 24 + hour] += perDay * openDays;
    for (int w = 0; ; w++) {
      Instant at = tehran(START, w * 7 + day, hour, 0).plus(Duration.ofSeconds(r.nextInt(maxLateSeconds)));
      if (!at.isBefore(end)) {
        return;
      }
      LocalDate first = at.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(7);
      for (int k = 0, opened = 0; opened < openDays; k++) {
        LocalDate dd = first.plusDays(k);
        if (dd.getDayOfWeek() == DayOfWeek.FRIDAY) {
          continue;
        }
        opened++;
        for (int s = 0; s < perDay; s++) {
          Instant start = dd.atTime(9, 0).plusMinutes(15L * s).atZone(SlotHunterZones.TEHRAN).toInstant();
          if (used.add(start)) {
            releases.add(new Release(d, start, at, at.plus(take(r, d)), true));
          }
        }
      }
    }
  }

  /**
   * A Poisson stream of {@code perDay} cancellations a day over {@code days} days: {@code habitShare} of
   * them between the habit hours, the rest 07-23; each frees a 15-minute slot 1-10 days ahead
   * (09:00-21:00) that was not freed before.
   */
  void cancellations(Random r, Doctor d, double perDay, int fromHour, int toHour, double habitShare, int days,
      Set<Instant> used) {
    for (int b = 0; b < 168; b++) {
      int h = b % 24;
      d.hourly()[b] += (h >= 7 && h < 23 ? perDay * (1 - habitShare) / 16 : 0)
          + (h >= fromHour && h < toHour ? perDay * habitShare / (toHour - fromHour) : 0);
    }
    for (int day = 0; day < days; day++) {
      int n = poisson(r, perDay);
      for (int i = 0; i < n; i++) {
        boolean habit = r.nextDouble() < habitShare;
        int lo = habit ? fromHour : 7;
        int hi = habit ? toHour : 23;
        Instant at = tehran(START, day, 0, 0).plus(Duration.ofSeconds((long) ((lo + (hi - lo) * r.nextDouble()) * 3600)));
        Instant start = null;
        for (int tries = 0; start == null; tries++) {
          LocalDate slotDay = at.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(1 + r.nextInt(10));
          Instant s = slotDay.atTime(9, 0).plusMinutes(15L * r.nextInt(48)).atZone(SlotHunterZones.TEHRAN).toInstant();
          if (used.add(s)) {
            start = s;
          } else if (tries > 200) { // a busy doctor freed most of the next ten days: take the first free slot later
            start = firstUnused(at, used);
          }
        }
        releases.add(new Release(d, start, at, at.plus(take(r, d)), false));
      }
    }
  }

  private static Instant firstUnused(Instant at, Set<Instant> used) {
    LocalDate day = at.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(1);
    for (int k = 0; ; k++) {
      Instant s = day.plusDays(k / 48).atTime(9, 0).plusMinutes(15L * (k % 48)).atZone(SlotHunterZones.TEHRAN)
          .toInstant();
      if (used.add(s)) {
        return s;
      }
    }
  }

  /** A well-spread seed per doctor and stream (nearby seeds give java.util.Random correlated first draws). */
  static long mix(long seed, int doctor, int stream) {
    long z = seed * 0x9E3779B97F4A7C15L + doctor * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** An exponential take time with the doctor's mean, at least a second. */
  private static Duration take(Random r, Doctor d) {
    double minutes = -Math.log(1 - r.nextDouble()) * d.meanTakeMinutes();
    return Duration.ofMillis(Math.max(1000, (long) (minutes * 60_000)));
  }

  private static int poisson(Random r, double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    int k = -1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k;
  }

  /** Tehran wall-clock time {@code plusDays} after {@code base}'s Tehran date. */
  static Instant tehran(Instant base, int plusDays, int hour, int minute) {
    LocalDateTime t = base.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(plusDays).atTime(hour, minute);
    return t.atZone(SlotHunterZones.TEHRAN).toInstant();
  }

  /**
   * A fresh, started fake with these doctors (free in-person visits of 15 minutes), every release and
   * take scheduled; {@code site} sets anything else (a rate limit, token lifetime).
   */
  FakePaziresh24 fake(FakeClock clock, long seed, Consumer<FakePaziresh24Builder> site) {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(seed).requestLogLimit(100).serverThreads(4);
    for (Doctor d : doctors) {
      b.doctor(d.slug(), x -> x.displayName("دکتر " + d.slug()).expertise("قلب و عروق")
          .center(d.center(), c -> c.name("مطب").city("تهران").serverId("1").userCenterId(d.userCenterId())
              .service(d.service(), s -> s.title("ویزیت").duration(Duration.ofMinutes(15)))));
    }
    site.accept(b);
    FakePaziresh24 fake = b.build();
    for (Release rel : releases) {
      Doctor d = rel.doctor();
      fake.schedule(rel.releasedAt(), f -> f.openSlot(d.slug(), d.center(), d.service(), rel.slotStart()));
      fake.schedule(rel.takenAt(), f -> f.takeSlot(d.slug(), d.center(), d.service(), rel.slotStart()));
    }
    return fake.start();
  }
}
