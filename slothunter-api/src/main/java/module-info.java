/**
 * The public model and the SPIs of SlotHunter: values, events and the one exception type in
 * {@code io.github.slothunter.api}; what a provider or a store implements, and provider discovery,
 * in {@code io.github.slothunter.spi}. Depends on nothing but {@code java.base}.
 *
 * <p>{@link io.github.slothunter.spi.Providers#discover()} finds the providers of modules that
 * declare {@code provides io.github.slothunter.spi.ProviderFactory with ...} and, on the class path,
 * the ones listed in {@code META-INF/services/io.github.slothunter.spi.ProviderFactory}.
 */
module io.github.slothunter.api {
  exports io.github.slothunter.api;
  exports io.github.slothunter.spi;

  // Providers.discover calls ServiceLoader.load(ProviderFactory.class, ...) from this module.
  uses io.github.slothunter.spi.ProviderFactory;
}
