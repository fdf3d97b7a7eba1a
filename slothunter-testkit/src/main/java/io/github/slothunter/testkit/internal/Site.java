package io.github.slothunter.testkit.internal;

import java.time.Duration;

/**
 * One fake site's protocol, as {@link FakeServer} drives it. Implementations are thread-safe:
 * the server calls them from several threads at once.
 */
public interface Site {
  /** The fake's name for the endpoint the request hits (used for logs, counters and fault rules). */
  String endpoint(IncomingRequest request);

  /** Who sent the request, for rate limiting: a terminal/device id, else the remote address. */
  String clientId(IncomingRequest request);

  /** Applies everything due by now on the site's clock (scheduled actions, expiries). */
  void tick();

  /** Handles a request that no fault or limit intercepted. */
  FakeResponse handle(String endpoint, IncomingRequest request);

  /** The site's own error envelope with this message (the {@code status0} fault). */
  FakeResponse siteError(String endpoint, String message);

  /**
   * The site's 429 answer.
   *
   * @param retryAfter what to put in {@code Retry-After}, or {@code null} for no header
   */
  FakeResponse rateLimited(String endpoint, Duration retryAfter);
}
