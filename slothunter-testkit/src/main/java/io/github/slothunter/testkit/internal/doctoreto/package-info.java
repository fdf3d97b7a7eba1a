/**
 * Implementation of {@link io.github.slothunter.testkit.FakeDoctoreto}: the fake's directory of
 * doctors, its state and its HTTP protocol. Not public API: use {@code FakeDoctoreto}; anything here
 * may change in any release.
 */
package io.github.slothunter.testkit.internal.doctoreto;
