/**
 * Test and demo support for SlotHunter: realistic fake booking sites that speak the real sites' HTTP
 * protocols on {@code 127.0.0.1} ({@link io.github.slothunter.testkit.FakePaziresh24}), a settable
 * {@link io.github.slothunter.testkit.FakeClock}, a scriptable in-memory provider for engine and application tests
 * ({@link io.github.slothunter.testkit.InMemoryProvider}), a JUnit 5 extension, a provider compatibility kit
 * every provider's tests extend ({@link io.github.slothunter.testkit.ProviderCompatibilityKit}) and a
 * runnable demo ({@link io.github.slothunter.testkit.Sandbox}). Public API.
 *
 * <p>{@link io.github.slothunter.testkit.FakePaziresh24} serves the paths of every Paziresh24 host
 * (www, apigw, drprofile, api, saman, hamdast) from one base URL, with bodies in the shapes of the
 * provider spec's section 11 ({@code shared/providers/paziresh24.md}); its class Javadoc lists the
 * endpoints and the choices made where the spec is silent.
 *
 * <p>Nothing here accepts or returns {@code null} unless its Javadoc says so. The fakes are
 * thread-safe; the builders are not. Everything under {@code io.github.slothunter.testkit.internal}
 * is an implementation detail that may change in any release.
 */
package io.github.slothunter.testkit;
