package io.github.slothunter.spi;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.Slot;
import java.net.URI;
import java.util.Optional;

/**
 * One booking platform. Implementations are thread-safe: the engine calls them from several
 * polling threads at once.
 *
 * <p>Every method that does I/O maps every failure to a
 * {@link io.github.slothunter.api.SlotHunterException} with the right
 * {@link io.github.slothunter.api.ErrorCode}; none throws {@code NullPointerException} or a raw
 * {@code IOException} for bad provider data.
 */
public interface Provider extends AutoCloseable {
  /** Static facts: id, name, zone, capabilities, default request budget. */
  ProviderInfo info();

  /**
   * Parses a doctor link or slug in any form users paste. Never does I/O and never throws for
   * foreign input.
   *
   * @return the doctor, or empty when the input is not a link to this provider
   */
  Optional<DoctorRef> parse(String urlOrSlug);

  /**
   * Fetches the doctor's profile.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code NOT_FOUND} for an unknown doctor,
   *     {@code PROTOCOL} for a page this client does not understand, and the usual transport codes
   */
  Doctor lookup(DoctorRef ref);

  /** Free days and slots. */
  SlotWatcher slots();

  /** Hold and book; empty when the provider cannot book. */
  Optional<Booker> booker();

  /** OTP login; empty when the provider has none we can drive. */
  Optional<Authenticator> authenticator();

  /** Doctor search; empty when the provider has none. */
  Optional<DoctorSearch> search();

  /** Area search (a specialty in a city, with first free slots); empty when the provider has none. */
  default Optional<AreaSearch> areaSearch() {
    return Optional.empty();
  }

  /**
   * A link where a person can finish booking this slot by hand (a deep link into the site).
   * The default offers none.
   */
  default Optional<URI> bookingLink(Slot slot) {
    return Optional.empty();
  }

  /** Releases HTTP clients and threads. Idempotent; never throws. */
  @Override
  void close();
}
