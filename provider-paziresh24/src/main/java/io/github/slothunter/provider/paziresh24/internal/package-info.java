/**
 * Implementation of the Paziresh24 provider. Not API: nothing here is covered by compatibility
 * promises; classes are public only so the module's own benchmarks can reach the parsers.
 *
 * <p>Map: {@link io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints} (every path,
 * field and header, with its provenance), {@link io.github.slothunter.provider.paziresh24.internal.ResponseClassifier}
 * (every error mapping), {@link io.github.slothunter.provider.paziresh24.internal.DoctorLinkParser},
 * {@link io.github.slothunter.provider.paziresh24.internal.ProfileParser} and
 * {@link io.github.slothunter.provider.paziresh24.internal.AvailabilityParser} (pure parsing, no I/O:
 * both getFreeDays modes and getFreeTurns), {@code Paziresh24SlotWatcher} (one-request polls and their
 * fallback), {@code Paziresh24Booker} (hold, book, move, release, cancel, read-back, payment state) with
 * {@code BookingAddon} (the Hamdast pre-booking widget), {@code Paziresh24Authenticator} (register,
 * SMS code, login), {@code Terminal} (the terminal id), {@code Paziresh24Client} and
 * {@code Paziresh24Http} (the one place requests are sent, status-3 terminal renewal included), and
 * {@link io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider} wiring the features.
 */
package io.github.slothunter.provider.paziresh24.internal;
