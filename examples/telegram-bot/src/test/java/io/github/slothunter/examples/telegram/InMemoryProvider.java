package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory provider for conversation tests (no HTTP): doctors at {@code https://doc.example/dr/<slug>},
 * free slots set by the test, and an SMS login whose code is {@value #OTP}. Thread-safe.
 */
final class InMemoryProvider implements ProviderFactory, Provider, SlotWatcher, Authenticator, Booker {
  static final String ID = "fakedoc";
  static final String OTP = "1234";
  static final String SITE = "https://doc.example/dr/";

  private final Map<String, Doctor> doctors = new ConcurrentHashMap<>();
  private final List<Slot> free = new CopyOnWriteArrayList<>();
  final List<String> codesSentTo = new CopyOnWriteArrayList<>();

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

  InMemoryProvider() {
    add(sara());
    add(reza());
  }

  void add(Doctor d) {
    doctors.put(d.ref().key(), d);
  }

  static String link(String slug) {
    return SITE + slug;
  }

  static Target target(Doctor d, String centerId, String serviceId) {
    return new Target(d.ref(), centerId, serviceId, Map.of());
  }

  static Slot slot(Target t, Instant start) {
    return new Slot(t, start, start.plus(Duration.ofMinutes(15)), "k" + start.getEpochSecond());
  }

  void open(Slot s) {
    free.add(s);
  }

  // ---------------------------------------------------------------- factory

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Provider create(ProviderContext context) {
    return this;
  }

  // ---------------------------------------------------------------- provider

  @Override
  public ProviderInfo info() {
    return new ProviderInfo(ID, "Fake doctors", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.LOGIN, Capability.BOOKING_LINK,
            Capability.HOLD, Capability.BOOK),
        RequestBudget.of(10_000, 100_000, 4));
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    if (urlOrSlug == null || !urlOrSlug.startsWith(SITE)) {
      return Optional.empty();
    }
    String slug = urlOrSlug.substring(SITE.length()).replaceAll("/+$", "");
    return slug.isEmpty() || slug.contains("/") ? Optional.empty() : Optional.of(new DoctorRef(ID, slug));
  }

  @Override
  public Doctor lookup(DoctorRef ref) {
    Doctor d = doctors.get(ref.key());
    if (d == null) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "no doctor " + ref);
    }
    return d;
  }

  @Override
  public SlotWatcher slots() {
    return this;
  }

  @Override
  public Optional<Booker> booker() {
    return Optional.of(this);
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.of(this);
  }

  @Override
  public Optional<DoctorSearch> search() {
    return Optional.empty();
  }

  @Override
  public Optional<URI> bookingLink(Slot slot) {
    return Optional.of(URI.create("https://doc.example/booking/" + slot.target().ref().key() + "?centerId="
        + slot.target().centerId() + "&serviceId=" + slot.target().serviceId()));
  }

  @Override
  public void close() {}

  // ---------------------------------------------------------------- slots

  @Override
  public List<LocalDate> freeDays(Target target) {
    return free.stream().filter(s -> s.target().id().equals(target.id()))
        .map(s -> s.startIn(SlotHunterZones.TEHRAN).toLocalDate()).distinct().sorted().toList();
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    List<Slot> out = new ArrayList<>();
    for (Slot s : free) {
      if (s.target().id().equals(target.id()) && s.startIn(SlotHunterZones.TEHRAN).toLocalDate().equals(day)) {
        out.add(s);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- booking

  @Override
  public Hold hold(Slot slot, AccountSession session) {
    return new Hold(slot, "hold-" + slot.start().getEpochSecond(), slot.start());
  }

  @Override
  public Booking book(Hold hold, Patient patient, AccountSession session) {
    return new Booking(hold.slot(), "b-" + hold.providerHoldKey(), "TRK-1", hold.slot().start());
  }

  @Override
  public void release(Hold hold, AccountSession session) {}

  @Override
  public void cancel(Booking booking, Patient patient, AccountSession session) {}

  // ---------------------------------------------------------------- login

  @Override
  public OtpChallenge start(String mobile) {
    String m = Patient.normaliseMobile(mobile);
    codesSentTo.add(m);
    return new OtpChallenge(ID, m, Map.of("n", "1"), Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Override
  public AccountSession complete(OtpChallenge challenge, String code) {
    if (!OTP.equals(code)) {
      throw new SlotHunterException(ErrorCode.AUTH_REQUIRED, "wrong code");
    }
    return new AccountSession(ID, "token-" + challenge.mobile().hashCode(), Map.of(), null);
  }
}
