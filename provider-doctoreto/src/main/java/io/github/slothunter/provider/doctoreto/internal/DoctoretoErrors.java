package io.github.slothunter.provider.doctoreto.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place where Doctoreto failures become {@link SlotHunterException}s. Every exception
 * built here carries provider id {@code doctoreto}.
 */
final class DoctoretoErrors {
  static final String PROVIDER_ID = "doctoreto";
  /** What we wait after a 429 that does not say how long. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private DoctoretoErrors() {}

  /**
   * Maps a non-2xx response.
   *
   * @param what the resource, for the message (for example {@code doctor page ZaEBBZ})
   */
  static SlotHunterException forStatus(int status, String retryAfterHeader, String body, String what, Clock clock) {
    if (status == 429) {
      return builder(ErrorCode.RATE_LIMITED, what + " was refused with HTTP 429 (too many requests)")
          .retryAfter(retryAfter(retryAfterHeader, clock).orElse(DEFAULT_RETRY_AFTER))
          .build();
    }
    if (status == 404 || status == 410) {
      return builder(ErrorCode.NOT_FOUND, what + " does not exist (HTTP " + status + ")").build();
    }
    if (status >= 500) {
      return builder(ErrorCode.PROVIDER_UNAVAILABLE, what + " failed with HTTP " + status)
          .retryAfter(retryAfter(retryAfterHeader, clock).orElse(null))
          .excerpt(excerptOf(body))
          .build();
    }
    if (status == 401) {
      return builder(ErrorCode.AUTH_REQUIRED, what + " asked for a login (HTTP 401)").build();
    }
    if (status == 403) {
      // A read-only public page refused: most likely a bot challenge or an IP block, which passes.
      return builder(ErrorCode.PROVIDER_UNAVAILABLE, what + " was refused with HTTP 403 (blocked or challenged)")
          .excerpt(excerptOf(body))
          .build();
    }
    return builder(ErrorCode.PROTOCOL, what + " answered with unexpected HTTP " + status)
        .excerpt(excerptOf(body))
        .build();
  }

  /** Maps a transport failure: timeouts, refused connections, unknown hosts, broken streams. */
  static SlotHunterException forIo(IOException e, String what) {
    String why;
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      why = "timed out";
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      why = "could not connect";
    } else if (e instanceof UnknownHostException) {
      why = "could not resolve the host";
    } else if (e instanceof ProtocolException) {
      // OkHttp's "Too many follow-up requests" (a redirect loop) and malformed HTTP.
      return builder(ErrorCode.PROTOCOL, what + " broke the HTTP protocol: " + e.getMessage()).cause(e).build();
    } else {
      why = "failed: " + e.getClass().getSimpleName();
    }
    return builder(ErrorCode.PROVIDER_UNAVAILABLE, what + " " + why).cause(e).build();
  }

  /** The provider answered with something we do not understand. */
  static SlotHunterException protocol(String message, String rawExcerpt) {
    return builder(ErrorCode.PROTOCOL, message).excerpt(rawExcerpt).build();
  }

  /** The provider answered with something we do not understand, found while parsing. */
  static SlotHunterException protocol(String message, String rawExcerpt, Throwable cause) {
    return builder(ErrorCode.PROTOCOL, message).excerpt(rawExcerpt).cause(cause).build();
  }

  /** The doctor, consultation or page does not exist. */
  static SlotHunterException notFound(String message) {
    return builder(ErrorCode.NOT_FOUND, message).build();
  }

  /** The server-side fetch behind a page failed; the page may be fine again later. */
  static SlotHunterException unavailable(String message) {
    return builder(ErrorCode.PROVIDER_UNAVAILABLE, message).build();
  }

  /** The caller passed something this provider cannot use. */
  static SlotHunterException invalid(String message) {
    return builder(ErrorCode.INVALID_INPUT, message).build();
  }

  private static SlotHunterException.Builder builder(ErrorCode code, String message) {
    return SlotHunterException.builder(code).providerId(PROVIDER_ID).message(message);
  }

  /**
   * Reads {@code Retry-After}: delta seconds or an HTTP date (relative to the clock, never
   * negative). Empty when absent or unreadable.
   */
  static Optional<Duration> retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /**
   * A readable excerpt of a body: for HTML, the visible text without scripts, styles and tags
   * (an nginx or WAF page then reads "502 Bad Gateway nginx"); anything else unchanged. Redaction
   * and truncation happen in {@link SlotHunterException.Builder#excerpt(String)}.
   */
  static String excerptOf(String body) {
    if (body == null) {
      return "";
    }
    String head = body.length() > 20_000 ? body.substring(0, 20_000) : body;
    String lower = head.stripLeading().toLowerCase(Locale.ROOT);
    if (lower.startsWith("<!doctype") || lower.startsWith("<html") || lower.contains("<body")) {
      String text = TAG.matcher(SCRIPT_OR_STYLE.matcher(head).replaceAll(" ")).replaceAll(" ");
      return text.replace("&nbsp;", " ").replaceAll("\\s+", " ").strip();
    }
    return head;
  }
}
