/**
 * Implementation of the Doctoreto provider. Not public API: anything here may change in any
 * release. {@link io.github.slothunter.provider.doctoreto.internal.DoctoretoAssumptions} lists
 * every unverified guess about the site's protocol in one place.
 */
package io.github.slothunter.provider.doctoreto.internal;
