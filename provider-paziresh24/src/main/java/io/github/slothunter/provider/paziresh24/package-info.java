/**
 * The Paziresh24 (paziresh24.com) provider: {@link io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory},
 * found by {@link java.util.ServiceLoader} under the id {@code paziresh24}, the configuration
 * keys it reads ({@link io.github.slothunter.provider.paziresh24.Paziresh24Config}) and its parsers
 * for captured answers ({@link io.github.slothunter.provider.paziresh24.Paziresh24Responses}).
 * Public API.
 *
 * <p>Everything in {@code io.github.slothunter.provider.paziresh24.internal} is an implementation
 * detail: it is not API, is not covered by compatibility promises and may change in any release.
 * Use the provider through the {@link io.github.slothunter.spi} interfaces, and captured answers
 * through {@link io.github.slothunter.provider.paziresh24.Paziresh24Responses}.
 */
package io.github.slothunter.provider.paziresh24;
