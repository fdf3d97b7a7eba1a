package io.github.slothunter.testkit;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.spi.Authenticator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SMS login of an {@link InMemoryProvider}: any mobile gets a challenge, the builder's code
 * completes it within {@link InMemoryProvider#CODE_TTL}. Every account books for the people
 * {@link InMemoryProvider#accountPatients} set. Thread-safe.
 */
final class InMemoryLogin implements Authenticator {
  private final InMemoryProvider p;

  InMemoryLogin(InMemoryProvider p) {
    this.p = p;
  }

  @Override
  public OtpChallenge start(String mobile) {
    return p.call(InMemoryProvider.Operation.LOGIN_START, "", () -> {
      String m = Patient.normaliseMobile(mobile);
      synchronized (p.lock) {
        p.codesSentTo.add(m);
        return new OtpChallenge(p.id, m, Map.of("n", Integer.toString(++p.sequence)), p.clock.instant().plus(InMemoryProvider.CODE_TTL));
      }
    });
  }

  @Override
  public AccountSession complete(OtpChallenge challenge, String code) {
    Objects.requireNonNull(challenge, "challenge");
    return p.call(InMemoryProvider.Operation.LOGIN_COMPLETE, "", () -> {
      if (!p.code.equals(code) || p.clock.instant().isAfter(challenge.expiresAt())) {
        throw p.error(ErrorCode.AUTH_REQUIRED, "wrong or expired code");
      }
      return new AccountSession(p.id, "token-" + Integer.toHexString(challenge.mobile().hashCode()), Map.of(), null);
    });
  }

  /** {@inheritDoc} The provider's {@linkplain InMemoryProvider#accountPatients account patients}, whatever the session. */
  @Override
  public List<Patient> accountPatients(AccountSession session) {
    Objects.requireNonNull(session, "session");
    List<Patient> people = p.accountPatients;
    if (people == null) {
      return Authenticator.super.accountPatients(session);
    }
    return p.call(InMemoryProvider.Operation.ACCOUNT_PATIENTS, "", () -> people);
  }
}
