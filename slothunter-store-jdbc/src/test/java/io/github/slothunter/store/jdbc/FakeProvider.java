package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider with calendars in memory (id {@code fake}), watched by target; it cannot book. It logs
 * every calendar read (one per poll) by target id.
 */
final class FakeProvider implements Provider, SlotWatcher {
  private final Map<String, List<Slot>> calendars = new ConcurrentHashMap<>();
  private final List<String> polled = new CopyOnWriteArrayList<>();

  void open(Slot slot) {
    calendars.computeIfAbsent(slot.target().id(), k -> new CopyOnWriteArrayList<>()).add(slot);
  }

  /** How many times the target's free days were read: once per poll. */
  int polls(Target target) {
    return (int) polled.stream().filter(target.id()::equals).count();
  }

  ProviderFactory factory() {
    FakeProvider self = this;
    return new ProviderFactory() {
      @Override
      public String id() {
        return "fake";
      }

      @Override
      public Provider create(ProviderContext context) {
        return self;
      }
    };
  }

  @Override
  public ProviderInfo info() {
    return new ProviderInfo("fake", "Fake", SlotHunterZones.TEHRAN, Set.of(Capability.FREE_SLOTS),
        RequestBudget.of(10_000, 100_000, 4));
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    return Optional.empty();
  }

  @Override
  public Doctor lookup(DoctorRef ref) {
    throw new SlotHunterException(ErrorCode.NOT_FOUND, "the fake provider has no profiles");
  }

  @Override
  public SlotWatcher slots() {
    return this;
  }

  @Override
  public List<LocalDate> freeDays(Target target) {
    polled.add(target.id());
    return calendar(target).stream().map(s -> s.startIn(SlotHunterZones.TEHRAN).toLocalDate()).distinct().sorted().toList();
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    return calendar(target).stream().filter(s -> s.startIn(SlotHunterZones.TEHRAN).toLocalDate().equals(day)).toList();
  }

  private List<Slot> calendar(Target target) {
    return calendars.getOrDefault(target.id(), List.of());
  }

  @Override
  public Optional<Booker> booker() {
    return Optional.empty();
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
}
