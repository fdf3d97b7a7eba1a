package io.github.slothunter.examples.server;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Objects;

/**
 * An API error: the HTTP status and the {@code {code, message}} body the client receives. The code
 * is an {@link ErrorCode} name for engine and provider errors, or one of the API's own codes
 * ({@code UNAUTHORIZED}, {@code FORBIDDEN}, {@code RATE_LIMITED}, {@code INVALID_INPUT},
 * {@code NOT_FOUND}, {@code CONFLICT}, {@code PAYLOAD_TOO_LARGE}, {@code NOT_IMPLEMENTED},
 * {@code INTERNAL}). Messages never carry personal data or keys. Immutable.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Duration retryAfter;

  ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiException(int status, String code, String message, Duration retryAfter) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfter = retryAfter;
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "UNAUTHORIZED", message);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "FORBIDDEN", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "CONFLICT", message);
  }

  static ApiException invalid(String message) {
    return new ApiException(422, ErrorCode.INVALID_INPUT.name(), message);
  }

  static ApiException rateLimited(Duration retryAfter) {
    return new ApiException(429, ErrorCode.RATE_LIMITED.name(), "too many requests; retry after "
        + Math.max(1, retryAfter.toSeconds()) + " s", retryAfter);
  }

  static ApiException notImplemented(String message) {
    return new ApiException(501, "NOT_IMPLEMENTED", message);
  }

  /** The API error for an engine or provider error: the code is kept, the status follows it. */
  static ApiException of(SlotHunterException e) {
    return new ApiException(statusOf(e.code()), e.code().name(), e.reason(), e.retryAfter().orElse(null));
  }

  /** The HTTP status an {@link ErrorCode} answers with. */
  static int statusOf(ErrorCode code) {
    switch (code) {
      case INVALID_INPUT:
        return 422;
      case NOT_FOUND:
        return 404;
      case RATE_LIMITED:
      case BUDGET_SPENT:
        return 429;
      case QUOTA_EXCEEDED:
      case BOOKING_OFF:
      case SLOT_TAKEN:
      case HOLD_EXPIRED:
        return 409;
      case AUTH_REQUIRED:
        // the provider account (not the API key) needs a login: the request cannot be processed as sent
        return 422;
      case PROVIDER_UNAVAILABLE:
      case STORE_UNAVAILABLE:
        return 503;
      case PROTOCOL:
        return 502;
      case UNSUPPORTED:
        return 501;
      default:
        return 500;
    }
  }

  /** The HTTP status. */
  int status() {
    return status;
  }

  /** The error code of the JSON body. */
  String code() {
    return code;
  }

  /** How long the client should wait, for 429 and 503 answers; {@code null} otherwise. */
  Duration retryAfter() {
    return retryAfter;
  }
}
