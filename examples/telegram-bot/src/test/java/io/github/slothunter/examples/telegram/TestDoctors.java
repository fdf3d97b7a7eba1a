package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The doctors of the conversation tests, on the testkit's {@link InMemoryProvider} (no HTTP): links
 * {@code https://doc.example/dr/<slug>}, free slots set by the test, and an SMS login whose code is
 * {@value #OTP}.
 */
final class TestDoctors {
  static final String ID = "fakedoc";
  static final String OTP = "1234";
  static final String SITE = "https://doc.example/dr/";

  private TestDoctors() {}

  /** A provider that knows {@link #sara()} and {@link #reza()}. */
  static InMemoryProvider provider(Clock clock) {
    InMemoryProvider site = InMemoryProvider.builder().id(ID).name("Fake doctors").clock(clock).linkPrefix(SITE)
        .login(OTP).budget(RequestBudget.of(10_000, 100_000, 4)).build();
    site.addDoctor(sara());
    site.addDoctor(reza());
    return site;
  }

  /** A doctor with two centers; the first has two bookable services. */
  static Doctor sara() {
    DoctorRef ref = new DoctorRef(ID, "dr-sara");
    return new Doctor(ref, "دکتر سارا احمدی", List.of("قلب"), List.of(
        new Center("c1", "مطب ولیعصر", "تهران، ولیعصر", "تهران", List.of(
            new Service("s1", "ویزیت حضوری", 1_500_000L, Duration.ofMinutes(15), true, Map.of()),
            new Service("s2", "مشاوره", 900_000L, Duration.ofMinutes(10), true, Map.of()),
            new Service("s3", "نوبت تلفنی", null, null, false, Map.of()))),
        new Center("c2", "ویزیت آنلاین", "", "", List.of(
            new Service("s4", "مشاوره تلفنی", 700_000L, Duration.ofMinutes(10), true, Map.of())))));
  }

  /** A doctor with one center and one service. */
  static Doctor reza() {
    DoctorRef ref = new DoctorRef(ID, "dr-reza");
    return new Doctor(ref, "دکتر رضا کریمی", List.of("پوست"), List.of(
        new Center("c9", "کلینیک کریمی", "مشهد", "مشهد", List.of(
            new Service("s9", "ویزیت حضوری", 1_200_000L, Duration.ofMinutes(20), true, Map.of())))));
  }

  static String link(String slug) {
    return SITE + slug;
  }

  static Target target(Doctor d, String centerId, String serviceId) {
    return new Target(d.ref(), centerId, serviceId, Map.of());
  }

  /** A 15-minute slot, keyed as {@link InMemoryProvider#open(Target, Instant)} keys them. */
  static Slot slot(Target t, Instant start) {
    return new Slot(t, start, start.plus(InMemoryProvider.SLOT_LENGTH), "k" + start.getEpochSecond());
  }
}
