package io.github.slothunter.provider.paziresh24;

import io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import java.util.Objects;

/**
 * Creates {@link Provider}s for Paziresh24 (paziresh24.com). Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.github.slothunter.spi.ProviderFactory}.
 *
 * <p>Stateless and thread-safe. {@link #create(ProviderContext)} does no network I/O; it reads the
 * keys listed in {@link Paziresh24Config} and fails fast with
 * {@link io.github.slothunter.api.ErrorCode#INVALID_INPUT} on a malformed value. Each provider it
 * returns owns one HTTP client and one terminal id; close it when done.
 */
public final class Paziresh24ProviderFactory implements ProviderFactory {
  /** The provider id, {@value}. */
  public static final String ID = "paziresh24";

  /** For {@link java.util.ServiceLoader}. */
  public Paziresh24ProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * Creates a provider configured by the context.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code INVALID_INPUT} when a configuration
   *     value is malformed
   * @throws IllegalArgumentException when the context belongs to another provider id
   */
  @Override
  public Provider create(ProviderContext context) {
    Objects.requireNonNull(context, "context");
    if (!ID.equals(context.providerId())) {
      throw new IllegalArgumentException("context is for provider '" + context.providerId() + "', not '" + ID + "'");
    }
    return new Paziresh24Provider(context);
  }
}
