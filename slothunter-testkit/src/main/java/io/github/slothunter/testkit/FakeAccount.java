package io.github.slothunter.testkit;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Pii;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A logged-in account on a fake site, issued without the SMS round trip (for tests that need a
 * session but do not test login).
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider id the session is for ({@code paziresh24})
 * @param userId the site's user id
 * @param mobile the account's mobile, {@code 09xxxxxxxxx}
 * @param token the bearer token the site accepts
 * @param expiresAt when the site stops accepting the token
 */
public record FakeAccount(String providerId, String userId, String mobile, String token, Instant expiresAt) {

  /** The attribute key under which {@link #toSession()} stores the user id. */
  public static final String USER_ID = "user_id";

  /** Validates. */
  public FakeAccount {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(mobile, "mobile");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The session a provider's login would produce: the token, {@value #USER_ID} and the expiry. */
  public AccountSession toSession() {
    return new AccountSession(providerId, token, Map.of(USER_ID, userId), expiresAt);
  }

  /** Masks the mobile and the token. */
  @Override
  public String toString() {
    return "FakeAccount[providerId=" + providerId + ", userId=" + userId + ", mobile=" + Pii.maskMobile(mobile)
        + ", token=" + Pii.maskToken(token) + ", expiresAt=" + expiresAt + "]";
  }
}
