package io.github.slothunter.spi;

/**
 * Creates a configured {@link Provider}. Found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.github.slothunter.spi.ProviderFactory}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface ProviderFactory {
  /** The stable lower-case provider id, for example {@code paziresh24}; unique on the class path. */
  String id();

  /**
   * Creates a provider. Cheap: no network I/O happens here.
   *
   * @param context configuration, clock and overrides for this instance
   */
  Provider create(ProviderContext context);
}
