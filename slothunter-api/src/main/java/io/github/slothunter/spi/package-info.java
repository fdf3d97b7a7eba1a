/**
 * What a booking-platform plugin implements: {@link io.github.slothunter.spi.ProviderFactory},
 * {@link io.github.slothunter.spi.Provider} and its parts, plus discovery with
 * {@link io.github.slothunter.spi.Providers}. Public API.
 *
 * <p>Nothing here accepts or returns {@code null} unless its Javadoc says so. Implementations must
 * be thread-safe.
 */
package io.github.slothunter.spi;
