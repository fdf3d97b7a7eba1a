package io.github.slothunter.spi;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.OtpChallenge;

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
}
