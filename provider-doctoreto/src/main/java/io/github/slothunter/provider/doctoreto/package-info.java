/**
 * The Doctoreto (doctoreto.com) provider: find it with {@link java.util.ServiceLoader} under id
 * {@code doctoreto}, or register {@link io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory}
 * explicitly.
 *
 * <p>Only {@link io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory} and its
 * configuration key constants are public API. Everything under {@code ...doctoreto.internal} may
 * change in any release.
 *
 * <p>What the provider does: parses doctor links, reads a doctor's consultations from the profile
 * page, lists free days and slots, and hands booking off to the site with a deep link. It cannot
 * hold or book by itself and has no login, because the site's booking and OTP-verify calls are
 * not publicly documented.
 */
package io.github.slothunter.provider.doctoreto;
