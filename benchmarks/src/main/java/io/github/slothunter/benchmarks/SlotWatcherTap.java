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
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
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
}
