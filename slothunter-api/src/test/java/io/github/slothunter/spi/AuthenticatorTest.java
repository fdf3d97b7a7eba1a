package io.github.slothunter.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.SlotHunterException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional parts of the {@link Authenticator} SPI. */
class AuthenticatorTest {

  /** A login that implements only the required methods. */
  private static final class MinimalLogin implements Authenticator {
    @Override
    public OtpChallenge start(String mobile) {
      throw new AssertionError("not called");
    }

    @Override
    public AccountSession complete(OtpChallenge challenge, String code) {
      throw new AssertionError("not called");
    }
  }

  @Test
  void listingAnAccountsPatientsIsUnsupportedUnlessTheProviderImplementsIt() {
    AccountSession session = new AccountSession("paziresh24", "tok", Map.of(), Instant.MAX);

    assertThatThrownBy(() -> new MinimalLogin().accountPatients(session))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
          assertThat(e.getMessage()).contains("people an account books for");
        });
  }
}
