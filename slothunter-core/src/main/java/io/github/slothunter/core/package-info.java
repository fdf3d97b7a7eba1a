/**
 * The engine's public API: {@link io.github.slothunter.core.SlotHunter} and its builder,
 * {@link io.github.slothunter.core.WatchRequest}, plans, the {@link io.github.slothunter.spi.Store}
 * SPI and the value types they return.
 *
 * <p>Everything under {@code io.github.slothunter.core.internal} is not API and may change in any
 * release. Nothing here accepts or returns {@code null} unless its Javadoc says so.
 */
package io.github.slothunter.core;
