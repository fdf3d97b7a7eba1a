package io.github.slothunter.provider.paziresh24;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.AvailabilityParser;
import io.github.slothunter.provider.paziresh24.internal.ProfileParser;
import java.util.List;
import java.util.Objects;

/**
 * Parses answers of the Paziresh24 site the way the provider does, with no network I/O: a
 * {@code getFreeTurns} body into {@link Slot}s and a doctor's profile page into a {@link Doctor}.
 * For tests against captured answers (an integrator's, or a benchmark's) without a fake server.
 *
 * <p>Stable API, unlike the provider's {@code internal} package, and the same code the provider
 * runs. Stateless and thread-safe. An answer of an unexpected shape fails with
 * {@link ErrorCode#PROTOCOL} (the message carries a short, redacted excerpt), never with a
 * {@code NullPointerException} or a silently empty result.
 */
public final class Paziresh24Responses {
  private Paziresh24Responses() {}

  /**
   * The free slots in a {@code getFreeTurns} answer for one target, ascending by start and distinct
   * by {@link Slot#providerSlotKey()} ({@code "<from>-<to>"} in unix seconds). Each slot names
   * {@code target}.
   *
   * @param target the Paziresh24 calendar the answer is for
   * @param body the answer's body (JSON)
   * @return the slots; empty when the answer says nothing is free (status 32, or no result)
   * @throws IllegalArgumentException when {@code target} is not a Paziresh24 target
   * @throws SlotHunterException {@link ErrorCode#PROTOCOL} for a body of another shape or slot times
   *     that are not unix seconds; an error answer (a rate limit, booking turned off...) with the
   *     code the provider maps it to
   */
  public static List<Slot> freeTurns(Target target, String body) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
    requirePaziresh24(target.providerId(), "target");
    return AvailabilityParser.freeTurns(target, body);
  }

  /**
   * The doctor a profile page ({@code https://www.paziresh24.com/dr/<slug>/}) describes: name,
   * expertises, centers and their services, read from the page's {@code __NEXT_DATA__} block. The
   * services that can be booked online are the doctor's {@link Doctor#bookableTargets()}.
   *
   * @param ref the Paziresh24 doctor the page is for
   * @param html the page (HTML)
   * @throws IllegalArgumentException when {@code ref} is not a Paziresh24 doctor
   * @throws SlotHunterException {@link ErrorCode#PROTOCOL} when the data block is missing, malformed
   *     or of an unknown shape; {@link ErrorCode#PROVIDER_UNAVAILABLE} when the page came without
   *     server-side data, which usually passes on retry
   */
  public static Doctor profilePage(DoctorRef ref, String html) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(html, "html");
    requirePaziresh24(ref.providerId(), "ref");
    return ProfileParser.parsePage(ref, html);
  }

  private static void requirePaziresh24(String providerId, String what) {
    if (!Paziresh24ProviderFactory.ID.equals(providerId)) {
      throw new IllegalArgumentException(what + " is for provider '" + providerId + "', not '"
          + Paziresh24ProviderFactory.ID + "'");
    }
  }
}
