/**
 * The Paziresh24 (paziresh24.com) provider. It provides
 * {@link io.github.slothunter.spi.ProviderFactory} with id {@code paziresh24}, so
 * {@link io.github.slothunter.spi.Providers#discover()} finds it on the module path and (through
 * {@code META-INF/services}) on the class path. Exports only
 * {@code io.github.slothunter.provider.paziresh24}: the factory, the configuration keys and the
 * response parsers; {@code io.github.slothunter.provider.paziresh24.internal} is not exported.
 */
// The name follows the package root, and the site's own name ends in digits; javac's advice against
// terminal digits is there to keep version numbers out of module names, which this is not.
@SuppressWarnings("module")
module io.github.slothunter.provider.paziresh24 {
  // the public classes implement spi types and take and return api types
  requires transitive io.github.slothunter.api;
  // okhttp3 requires okio transitively, whose types (BufferedSource) are read here too
  requires okhttp3;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.slothunter.provider.paziresh24;

  provides io.github.slothunter.spi.ProviderFactory
      with io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
}
