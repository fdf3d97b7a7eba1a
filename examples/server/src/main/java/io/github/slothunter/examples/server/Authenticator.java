package io.github.slothunter.examples.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Decides who calls an {@code /api/v1} route, and keeps the key check itself cheap to defend and
 * silent about which keys exist.
 *
 * <ul>
 *   <li>{@code /health}, {@code /info} and {@code /openapi.json} need no key and count against no
 *       limit: they are constant answers without data, and a load balancer's checks must keep working
 *       however many bad keys arrive through the same proxy address. The payment gateway's callback
 *       needs none either (the payer's browser brings it); it proves nothing by itself and is only
 *       believed after the gateway verified the payment ({@link Payments}).
 *   <li>Failed authentications are limited per client address and, for well-formed owner keys, per
 *       key id, each on its own; only failures use them up. They guard the work a failure can cause:
 *       before an owner key is looked up past the in-memory cache (the database) and before the admin
 *       key is compared (an operator may choose a guessable one), a caller over either limit gets
 *       {@code 429}. An owner key whose entry is cached and matches is accepted without them, so owners
 *       in use keep working while someone sprays bad keys from the same (proxy) address. Guessing an
 *       owner key is not what they stop: its 256 random bits do.
 *   <li>Every {@code 401} leaves no sooner than {@link #FAILURE_FLOOR} after the check began: a known
 *       key id with a wrong secret, an unknown key id (its database query included), a malformed key,
 *       an expired ticket all take the same time, so the answer time does not tell which ids exist.
 *   <li>A caller that authenticated is limited per key (the admin, or the owner).
 * </ul>
 *
 * <p>Thread-safe.
 */
final class Authenticator {
  /** The least time a failed authentication takes; longer than a key lookup in the database. */
  static final Duration FAILURE_FLOOR = Duration.ofMillis(10);
  /** Routes anyone may call, without a key and outside every limit. */
  static final Set<String> PUBLIC = Set.of(Api.PREFIX + "/health", Api.PREFIX + "/info", Api.PREFIX + "/openapi.json",
      Payments.CALLBACK_PATH);

  private final ApiKeys.AdminKey adminKey;
  private final Owners owners;
  private final EventHub hub;
  private final RateLimiter requests;
  private final RateLimiter failuresPerAddress;
  private final RateLimiter failuresPerKeyId;
  private final Duration floor;

  /**
   * @param requests requests per authenticated caller (the admin, or an owner)
   * @param failuresPerAddress failed authentications per client address
   * @param failuresPerKeyId failed authentications per owner key id
   * @param floor the least time a failed authentication takes
   */
  Authenticator(ApiKeys.AdminKey adminKey, Owners owners, EventHub hub, RateLimiter requests,
      RateLimiter failuresPerAddress, RateLimiter failuresPerKeyId, Duration floor) {
    this.adminKey = Objects.requireNonNull(adminKey, "adminKey");
    this.owners = Objects.requireNonNull(owners, "owners");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.failuresPerAddress = Objects.requireNonNull(failuresPerAddress, "failuresPerAddress");
    this.failuresPerKeyId = Objects.requireNonNull(failuresPerKeyId, "failuresPerKeyId");
    this.floor = Objects.requireNonNull(floor, "floor");
  }

  /** Who is calling. */
  record Principal(Owner owner, boolean admin) {
    String bucket() {
      return admin ? "admin" : "owner:" + owner.id();
    }
  }

  /**
   * The caller of a route, or empty for the {@link #PUBLIC} ones.
   *
   * @throws ApiException 401 without a valid key or ticket, 429 over a limit (with {@code Retry-After})
   */
  Optional<Principal> authenticate(Context ctx) {
    if (PUBLIC.contains(ctx.path())) {
      return Optional.empty();
    }
    long started = System.nanoTime();
    String address = "ip:" + ctx.ip();
    String keyIdBucket = null;
    Principal principal = null;
    String auth = ctx.header("Authorization");
    String key = auth == null ? null : bearer(auth);
    Optional<String> keyId = ApiKeys.keyId(key);
    if (keyId.isPresent()) {
      keyIdBucket = "key:" + keyId.get();
      // an owner in use is cached: accepted without the failure budgets a spray may have used up
      principal = owners.authenticateCached(key).map(o -> new Principal(o, false)).orElse(null);
      if (principal == null) {
        refuseIfOver(failuresPerAddress.peek(address));
        refuseIfOver(failuresPerKeyId.peek(keyIdBucket));
        principal = owners.authenticate(key).map(o -> new Principal(o, false)).orElse(null);
      }
    } else if (key != null) {
      // not an owner key: the admin key, which the operator may have chosen weak
      refuseIfOver(failuresPerAddress.peek(address));
      principal = adminKey.matches(key) ? new Principal(null, true) : null;
    } else if (auth == null) {
      String ticket = ctx.queryParam("ticket");
      if (ticket != null && ctx.path().equals(Api.PREFIX + "/events")) {
        principal = hub.redeem(ticket).flatMap(owners::find).map(o -> new Principal(o, false)).orElse(null);
      }
    }
    if (principal == null) {
      failuresPerAddress.acquire(address);
      if (keyIdBucket != null) {
        failuresPerKeyId.acquire(keyIdBucket);
      }
      waitUntil(started + floor.toNanos());
      ctx.header("WWW-Authenticate", "Bearer realm=\"slothunter\"");
      throw ApiException.unauthorized("a valid API key is required: send 'Authorization: Bearer <key>'");
    }
    refuseIfOver(requests.acquire(principal.bucket()));
    return Optional.of(principal);
  }

  /** Forgets idle buckets of every limit. */
  void evictIdle() {
    requests.evictIdle();
    failuresPerAddress.evictIdle();
    failuresPerKeyId.evictIdle();
  }

  private static String bearer(String header) {
    if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private static void refuseIfOver(Duration wait) {
    if (!wait.isZero()) {
      throw ApiException.rateLimited(wait);
    }
  }

  private static void waitUntil(long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    while (left > 0) {
      LockSupport.parkNanos(left);
      left = deadlineNanos - System.nanoTime();
    }
  }
}
