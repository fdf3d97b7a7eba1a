package io.github.slothunter.spi;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import java.util.List;

/** OTP login: send a code by SMS, then exchange the code for an {@link AccountSession}. Thread-safe. */
public interface Authenticator {
  /**
   * Asks the provider to send a code to the mobile number.
   *
   * @param mobile an Iranian mobile in any common form
   * @throws io.github.slothunter.api.SlotHunterException {@code INVALID_INPUT} for a bad number,
   *     {@code RATE_LIMITED} when the provider throttles code requests
   */
  OtpChallenge start(String mobile);

  /**
   * Completes the login with the code the user received.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code AUTH_REQUIRED} for a wrong or expired code
   */
  AccountSession complete(OtpChallenge challenge, String code);

  /**
   * The people this logged-in account books for, as the provider has them on record: the account
   * holder first, then any family members (Paziresh24: {@code auth/me -> users[]}). Each carries the
   * {@link Patient#accountUserId()} the provider's {@link Booker#book} uses to book for that person.
   * Optional: a provider that implements it lists
   * {@link io.github.slothunter.api.Capability#ACCOUNT_PATIENTS}.
   *
   * <p>A person whose details on record do not make a valid {@link Patient} (no national code, a
   * malformed mobile) is left out, never the whole list; an implementation says in its Javadoc how it
   * reports them. One request or a few; the result is not cached.
   *
   * @return the account's people, holder first; empty when none has valid details
   * @throws SlotHunterException {@code UNSUPPORTED} by default; {@code AUTH_REQUIRED} for a missing,
   *     expired or rejected session; otherwise the provider's error
   */
  default List<Patient> accountPatients(AccountSession session) {
    throw SlotHunterException.builder(ErrorCode.UNSUPPORTED)
        .message("this provider cannot list the people an account books for").build();
  }
}
