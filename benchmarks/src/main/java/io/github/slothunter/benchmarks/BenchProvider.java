package io.github.slothunter.benchmarks;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
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
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * An in-process provider that answers instantly from memory, so engine benchmarks measure the
 * engine and nothing else. Hooks record when a poll response is handed back and when a hold is sent.
 */
final class BenchProvider implements Provider, SlotWatcher, Booker {
  static final String ID = "bench";
  final Map<String, List<Slot>> free = new ConcurrentHashMap<>();
  private final RequestBudget budget;
  volatile LongConsumer onSlotsReturned = t -> {};
  volatile LongConsumer onHoldSent = t -> {};
  volatile boolean holdsFail = true;

  BenchProvider(RequestBudget budget) {
    this.budget = budget;
  }

  ProviderFactory factory() {
    BenchProvider self = this;
    return new ProviderFactory() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public Provider create(ProviderContext context) {
        return self;
      }
    };
  }

  static Target target(int i) {
    return new Target(new DoctorRef(ID, "dr-" + i), "c1", "s1", Map.of("server_id", "1"));
  }

  @Override
  public ProviderInfo info() {
    return new ProviderInfo(ID, "Bench", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.HOLD, Capability.BOOK), budget);
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    return Optional.empty();
  }

  @Override
  public Doctor lookup(DoctorRef ref) {
    Service s = new Service("s1", "visit", 1000L, Duration.ofMinutes(15), true, Map.of("server_id", "1"));
    return new Doctor(ref, "Dr", List.of(), List.of(new Center("c1", "C", "", "", List.of(s))));
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
    return Optional.empty();
  }

  @Override
  public Optional<DoctorSearch> search() {
    return Optional.empty();
  }

  @Override
  public void close() {}

  @Override
  public List<LocalDate> freeDays(Target target) {
    List<Slot> slots = free.getOrDefault(target.id(), List.of());
    return slots.stream().map(s -> s.start().atZone(SlotHunterZones.TEHRAN).toLocalDate()).distinct().toList();
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    List<Slot> slots = free.getOrDefault(target.id(), List.of()).stream()
        .filter(s -> s.start().atZone(SlotHunterZones.TEHRAN).toLocalDate().equals(day)).toList();
    onSlotsReturned.accept(System.nanoTime());
    return slots;
  }

  @Override
  public Hold hold(Slot slot, AccountSession session) {
    onHoldSent.accept(System.nanoTime());
    if (holdsFail) {
      throw SlotHunterException.builder(ErrorCode.SLOT_TAKEN).providerId(ID).message("bench: always taken").build();
    }
    return new Hold(slot, "h", java.time.Instant.now().plusSeconds(300));
  }

  @Override
  public Booking book(Hold hold, Patient patient, AccountSession session) {
    return new Booking(hold.slot(), "b", "T", java.time.Instant.now());
  }

  @Override
  public void release(Hold hold, AccountSession session) {}

  @Override
  public void cancel(Booking booking, Patient patient, AccountSession session) {}
}
