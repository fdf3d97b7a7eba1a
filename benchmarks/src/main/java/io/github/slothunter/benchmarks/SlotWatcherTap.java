package io.github.slothunter.benchmarks;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.Slot;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import io.github.slothunter.api.Target;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Benchmark instrumentation: the real providers, with their slot watcher wrapped; everything else delegated. */
final class SlotWatcherTap {
  private SlotWatcherTap() {}

  /** A factory whose providers are {@code real}'s, their {@link Provider#slots()} passed through {@code tap}. */
  static ProviderFactory wrap(ProviderFactory real, UnaryOperator<SlotWatcher> tap) {
    return new ProviderFactory() {
      @Override
      public String id() {
        return real.id();
      }

      @Override
      public Provider create(ProviderContext context) {
        Provider p = real.create(context);
        SlotWatcher tapped = tap.apply(p.slots());
        return new Provider() {
          @Override
          public ProviderInfo info() {
            return p.info();
          }

          @Override
          public Optional<DoctorRef> parse(String urlOrSlug) {
            return p.parse(urlOrSlug);
          }

          @Override
          public Doctor lookup(DoctorRef ref) {
            return p.lookup(ref);
          }

          @Override
          public SlotWatcher slots() {
            return tapped;
          }

          @Override
          public Optional<Booker> booker() {
            return p.booker();
          }

          @Override
          public Optional<Authenticator> authenticator() {
            return p.authenticator();
          }

          @Override
          public Optional<DoctorSearch> search() {
            return p.search();
          }

          @Override
          public Optional<URI> bookingLink(Slot slot) {
            return p.bookingLink(slot);
          }

          @Override
          public void close() {
            p.close();
          }
        };
      }
    };
  }

  /**
   * A watcher that delegates to {@code w} and calls {@code onPoll} with the target each time a poll
   * starts: at {@link SlotWatcher#freeCalendar} when {@code oneRequest}, else at
   * {@link SlotWatcher#freeDays} with the interface's default {@code freeCalendar} (free days, then
   * each day's slots: the way polls went before one-request calendars).
   */
  static SlotWatcher counting(SlotWatcher w, boolean oneRequest, java.util.function.Consumer<Target> onPoll) {
    return oneRequest ? new SlotWatcher() {
      @Override
      public FreeCalendar freeCalendar(Target target) {
        onPoll.accept(target);
        return w.freeCalendar(target);
      }

      @Override
      public List<LocalDate> freeDays(Target target) {
        return w.freeDays(target);
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        return w.freeSlots(target, day);
      }
    } : new SlotWatcher() {
      @Override
      public List<LocalDate> freeDays(Target target) {
        onPoll.accept(target);
        return w.freeDays(target);
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        return w.freeSlots(target, day);
      }
    };
  }
}
