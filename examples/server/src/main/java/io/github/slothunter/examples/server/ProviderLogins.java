package io.github.slothunter.examples.server;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.spi.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider account logins for auto-booking: the SMS (OTP) login of a provider, started and
 * completed over the API, leaving a session the owner refers to by id when creating an auto-booking
 * watch. Sessions live in memory only, for at most {@link #SESSION_TTL} (or the provider's expiry);
 * the copy inside a watch is what persists, encrypted by the store. Neither the mobile number nor
 * the token is ever returned or logged in clear. Thread-safe.
 */
final class ProviderLogins {
  static final Duration SESSION_TTL = Duration.ofHours(1);
  static final int MAX_PER_OWNER = 10;

  private final SlotHunter hunter;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Held> sessions = new ConcurrentHashMap<>();

  ProviderLogins(SlotHunter hunter, Clock clock) {
    this.hunter = Objects.requireNonNull(hunter, "hunter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sends the code. */
  Started start(String ownerId, String providerId, String mobile) {
    sweep();
    if (pending.values().stream().filter(p -> p.ownerId.equals(ownerId)).count() >= MAX_PER_OWNER) {
      throw ApiException.conflict("too many logins in progress; complete or let them expire first");
    }
    Authenticator auth = hunter.authenticator(providerId).orElseThrow(() -> new SlotHunterException(
        ErrorCode.UNSUPPORTED, "provider '" + providerId + "' is not registered or has no SMS login"));
    OtpChallenge challenge = auth.start(mobile);
    String id = Ids.random("lgn_", 8);
    pending.put(id, new Pending(ownerId, providerId, challenge));
    Duration wait = challenge.resendWait(clock.instant());
    return new Started(id, providerId, Pii.maskMobile(challenge.mobile()), challenge.expiresAt(), challenge.notice(),
        wait.isZero() ? null : clock.instant().plus(wait), challenge.staticPassword());
  }

  /**
   * Completes a login with the SMS code.
   *
   * @throws ApiException 404 for an unknown login (or another owner's)
   */
  SessionRef complete(String ownerId, String loginId, String code) {
    Pending p = pending.get(loginId);
    if (p == null || !p.ownerId.equals(ownerId)) {
      throw ApiException.notFound("no login " + loginId);
    }
    Authenticator auth = hunter.authenticator(p.providerId).orElseThrow(() -> new SlotHunterException(
        ErrorCode.UNSUPPORTED, "provider '" + p.providerId + "' has no SMS login"));
    AccountSession session = auth.complete(p.challenge, code);
    pending.remove(loginId);
    if (sessions.values().stream().filter(h -> h.ownerId.equals(ownerId)).count() >= MAX_PER_OWNER) {
      sweep();
    }
    String id = Ids.random("ses_", 8);
    Instant until = min(session.expiresAt(), clock.instant().plus(SESSION_TTL));
    sessions.put(id, new Held(ownerId, session, until));
    return new SessionRef(id, p.providerId, until);
  }

  /** The owner's session with this id, if it exists and has not expired. */
  Optional<AccountSession> session(String ownerId, String sessionId) {
    Held h = sessions.get(sessionId);
    if (h == null || !h.ownerId.equals(ownerId) || !h.until.isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(h.session);
  }

  /**
   * The owner's live session with this id, for an API request naming it in {@code field}.
   *
   * @throws ApiException 400 naming the field when there is none (unknown, another owner's, or expired)
   */
  AccountSession live(String ownerId, String sessionId, String field) {
    return session(ownerId, sessionId).orElseThrow(() -> ApiException.invalid(
        "field '" + field + "' is not a live session of yours; log in again with POST /api/v1/logins"));
  }

  private void sweep() {
    Instant now = clock.instant();
    pending.values().removeIf(p -> !p.challenge.expiresAt().isAfter(now));
    sessions.values().removeIf(h -> !h.until.isAfter(now));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** A started login. {@code mobile} is masked. */
  /**
   * A started login.
   *
   * @param notice the provider's own words to show once (empty: none), e.g. that a code was sent a moment ago
   * @param resendAfter when a new code may be asked for, or {@code null} now (the code sent earlier still works)
   * @param passwordExpected whether the account's password is expected instead of an SMS code
   */
  record Started(String id, String provider, String mobile, Instant expiresAt, String notice, Instant resendAfter,
      boolean passwordExpected) {}

  /** A completed login: the id to pass as {@code autoBook.sessionId}. */
  record SessionRef(String id, String provider, Instant expiresAt) {}

  private record Pending(String ownerId, String providerId, OtpChallenge challenge) {}

  private record Held(String ownerId, AccountSession session, Instant until) {
    @Override
    public String toString() {
      return "Held[" + ownerId + ", until=" + until + "]";
    }
  }
}
