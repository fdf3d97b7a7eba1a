/**
 * Test support for SlotHunter hosts and provider authors: in-process fakes of the provider sites
 * ({@link io.github.slothunter.testkit.FakePaziresh24}, {@link io.github.slothunter.testkit.FakeDoctoreto}),
 * an in-memory provider, a fixed clock and the provider compatibility kit. Exports only
 * {@code io.github.slothunter.testkit}; its {@code internal} packages are not exported.
 *
 * <p>JUnit is optional: only {@link io.github.slothunter.testkit.FakePaziresh24Extension} and
 * {@link io.github.slothunter.testkit.ProviderCompatibilityKit} need it.
 */
module io.github.slothunter.testkit {
  // fakes and the kit take and return api and spi types
  requires transitive io.github.slothunter.api;
  // the extension implements JUnit callbacks, and the kit is a JUnit test class: exposed, optional
  requires static transitive org.junit.jupiter.api;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  // the fake sites serve HTTP with the JDK's com.sun.net.httpserver
  requires jdk.httpserver;

  exports io.github.slothunter.testkit;
  // JUnit calls the kit's package-private @Test methods in a subclass's test run reflectively
  opens io.github.slothunter.testkit to org.junit.platform.commons;
}
