package io.github.slothunter.examples.cli;

import io.github.slothunter.api.ErrorCode;

/**
 * The process exit codes, stable for scripts.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>success (a watch or demo stopped by time or Ctrl-C also counts)</td></tr>
 *   <tr><td>1</td><td>anything else: a failed self-check, a rejected login, an unexpected answer, a bug</td></tr>
 *   <tr><td>2</td><td>bad input: unknown option, bad link, unknown doctor, unreadable or invalid file</td></tr>
 *   <tr><td>3</td><td>the provider is unreachable, rate-limiting us, or our request budget is spent</td></tr>
 * </table>
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Anything not covered below. */
  public static final int FAILURE = 1;
  /** Bad input: options, links, files, unknown doctors. */
  public static final int BAD_INPUT = 2;
  /** The provider is unreachable or rate-limited. */
  public static final int UNAVAILABLE = 3;

  private ExitCodes() {}

  /** The exit code for an engine or provider error code. */
  public static int of(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT, NOT_FOUND, QUOTA_EXCEEDED, UNSUPPORTED, BOOKING_OFF -> BAD_INPUT;
      case RATE_LIMITED, BUDGET_SPENT, PROVIDER_UNAVAILABLE, STORE_UNAVAILABLE -> UNAVAILABLE;
      default -> FAILURE;
    };
  }
}
