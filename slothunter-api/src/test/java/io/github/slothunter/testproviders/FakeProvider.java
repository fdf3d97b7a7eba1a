package io.github.slothunter.testproviders;

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
import io.github.slothunter.spi.SlotWatcher;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only provider with an empty calendar; parses {@code <id>:<key>} links. What the test
 * factories here create, so that the api's own tests can check {@code ServiceLoader} discovery
 * ({@code Providers}) and that a factory's context reaches its provider.
 *
 * <p>It stays apart from the testkit's {@code InMemoryProvider}, the fake every other module uses,
 * because the testkit depends on this module: the api's tests cannot depend on it (a Maven cycle).
 * Keep it this small; anything richer belongs in the testkit.
 */
public final class FakeProvider implements Provider {
  private final ProviderContext context;
  private final AtomicInteger closes = new AtomicInteger();

  public FakeProvider(ProviderContext context) {
    this.context = context;
  }

  public ProviderContext context() {
    return context;
  }

  public int closes() {
    return closes.get();
  }

  @Override
  public ProviderInfo info() {
    return new ProviderInfo(context.providerId(), "Fake " + context.providerId(), SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS), context.budget(RequestBudget.of(60, 600, 2)));
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    String prefix = context.providerId() + ":";
    if (urlOrSlug == null || !urlOrSlug.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(new DoctorRef(context.providerId(), urlOrSlug.substring(prefix.length())));
  }

  @Override
  public Doctor lookup(DoctorRef ref) {
    throw SlotHunterException.builder(ErrorCode.NOT_FOUND).providerId(context.providerId())
        .message("no doctor " + ref).build();
  }

  @Override
  public SlotWatcher slots() {
    return new SlotWatcher() {
      @Override
      public List<LocalDate> freeDays(Target target) {
        return List.of();
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        return List.of();
      }
    };
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
  public void close() {
    closes.incrementAndGet();
  }
}
