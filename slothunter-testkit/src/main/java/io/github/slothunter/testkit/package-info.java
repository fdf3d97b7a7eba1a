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
 * <p>Who owns what:
 * <ul>
 *   <li>{@link io.github.slothunter.testkit.FakePaziresh24}: the running fake site: lifecycle, calendar control,
 *       scheduled scenarios, faults and introspection, accounts. It is built by
 *       {@link io.github.slothunter.testkit.FakePaziresh24Builder} (the site's settings, from code or a JSON
 *       scenario), whose doctors are described by {@link io.github.slothunter.testkit.Paziresh24DoctorBuilder},
 *       {@link io.github.slothunter.testkit.Paziresh24CenterBuilder} and
 *       {@link io.github.slothunter.testkit.Paziresh24ServiceBuilder} (the site's data only). Its state,
 *       protocol and timeline live in {@code internal} ({@code Paziresh24State}, {@code Paziresh24Site},
 *       {@code Paziresh24Scenarios}).
 *   <li>{@link io.github.slothunter.testkit.InMemoryProvider}: the in-memory provider's public face: set-up,
 *       scripting switches and inspection, and the {@code Provider} SPI; it is built by
 *       {@link io.github.slothunter.testkit.InMemoryProviderBuilder}, and
 *       {@link io.github.slothunter.testkit.InMemoryGate} holds one operation's calls in flight for a test.
 *       Package-private classes do the work:
 *       {@code InMemoryRequests} (the request log, hooks, scripted failures and gates every call passes),
 *       {@code InMemoryWatcher} ({@code SlotWatcher}), {@code InMemoryBooker} ({@code Booker}) and
 *       {@code InMemoryLogin} ({@code Authenticator}); {@link io.github.slothunter.testkit.InMemoryArea} is
 *       its area search and that search's set-up.
 *   <li>{@link io.github.slothunter.testkit.FakeDoctoreto}: the fake Doctoreto site, with its nested builders.
 * </ul>
 *
 * <p>Nothing here accepts or returns {@code null} unless its Javadoc says so. The fakes are
 * thread-safe; the builders are not. Everything under {@code io.github.slothunter.testkit.internal}
 * is an implementation detail that may change in any release.
 */
package io.github.slothunter.testkit;
