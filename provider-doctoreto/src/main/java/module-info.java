/**
 * The Doctoreto (doctoreto.com) provider. It provides
 * {@link io.github.slothunter.spi.ProviderFactory} with id {@code doctoreto}, so
 * {@link io.github.slothunter.spi.Providers#discover()} finds it on the module path and (through
 * {@code META-INF/services}) on the class path. Exports only
 * {@code io.github.slothunter.provider.doctoreto}; {@code io.github.slothunter.provider.doctoreto.internal}
 * is not exported.
 */
module io.github.slothunter.provider.doctoreto {
  // the factory implements an spi type and takes and returns api and spi types
  requires transitive io.github.slothunter.api;
  requires okhttp3;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.slothunter.provider.doctoreto;

  provides io.github.slothunter.spi.ProviderFactory
      with io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
}
