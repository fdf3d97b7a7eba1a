package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The one place that turns Paziresh24 answers and transport failures into
 * {@link SlotHunterException}s. Stateless and thread-safe.
 *
 * <ul>
 *   <li>Transport: timeouts, refused connections, unknown hosts, any I/O error: {@code PROVIDER_UNAVAILABLE}.
 *   <li>HTTP: 429 {@code RATE_LIMITED} with {@code Retry-After} (seconds or HTTP date, default
 *       {@value #DEFAULT_RETRY_AFTER_SECONDS} s); 5xx {@code PROVIDER_UNAVAILABLE}; 401/403
 *       {@code AUTH_REQUIRED}; 404 {@code NOT_FOUND}; 423 and other 4xx with a JSON body are read
 *       like 200 (the frontend does so for 423, spec 2); other codes {@code PROTOCOL}.
 *   <li>Body: not JSON (an HTML error page, truncated JSON, no {@code status}) {@code PROTOCOL} with
 *       a redacted excerpt; {@code status} 1 success; 0 {@code INVALID_INPUT} naming the
 *       {@code details} fields (never their values), or, on the slot calls (getFreeTurns, suspend,
 *       book), {@code SLOT_TAKEN} when the message says the time is reserved/taken; 300 per {@link Endpoint#status300()} ({@code HOLD_EXPIRED} after a
 *       hold, {@code SLOT_TAKEN} before; a "taken" message wins); 39 {@code RATE_LIMITED}; 7
 *       {@code AUTH_REQUIRED}; 700 {@code BOOKING_OFF}; anything else {@code PROTOCOL}. Status 32 (no
 *       free slot) is not an error: {@link #saysNoSlots} lets the calendar readers answer "empty".
 *   <li>Receipt (read-back): {@link #saysNoSuchBooking} and {@link #saysBookingGone} tell an absent
 *       or cancelled booking from a failed read.
 * </ul>
 *
 * <p>Nothing here retries (spec 2.1's "reads: retry once after ~1 s"): a read that fails with
 * {@code PROVIDER_UNAVAILABLE} (a 5xx, a gateway that hangs then answers 504, a timeout) is polled
 * again by the engine after its backoff (about 2 s at first), inside the request budget, and
 * {@code book} is never retried blindly (spec 5.0).
 *
 * <p>The server's messages are Persian and not documented (spec 10: UNKNOWN), so the keyword
 * lists below are best-effort; every keyword list lives here.
 */
public final class ResponseClassifier {
  static final String PROVIDER = Paziresh24ProviderFactory.ID;
  static final long DEFAULT_RETRY_AFTER_SECONDS = 60;
  /** Used when a 429 or a throttle status comes without a usable {@code Retry-After}. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(DEFAULT_RETRY_AFTER_SECONDS);
  private static final int MAX_MESSAGE = 120;
  /** The calls where a "reserved/taken" message means someone else has the slot. */
  private static final Set<Endpoint> SLOT_CALLS = EnumSet.of(Endpoint.GET_FREE_TURNS, Endpoint.SUSPEND, Endpoint.BOOK);

  /** "reserved", "taken", "already/previously". */
  private static final List<String> TAKEN = List.of("رزرو", "گرفته", "قبلا", "already", "taken", "reserved");
  /** "does not exist", "not found", "not available", "no free ... / empty". */
  private static final List<String> NONE = List.of("وجود ندارد", "یافت نشد", "موجود نیست", "خالی نیست",
      "نوبت خالی ندارد", "نوبتی نیست", "no free", "not available", "no slot", "no turn", "not found");
  /** Wording that shows a NONE message is about slots or days, not about a missing center. */
  private static final List<String> ABOUT_SLOTS = List.of("نوبت", "زمان", "روز", "turn", "slot", "time", "day");
  /** "expired", "released", "not found": a hold that is already gone. */
  private static final List<String> RELEASED = List.of("منقضی", "آزاد", "یافت نشد", "وجود ندارد", "expired",
      "released", "not found");

  /**
   * "not found": a receipt that answers but has no such booking (UNVERIFIED wording). The Persian
   * "does not exist" is left out on purpose: the site also says it for "not possible".
   */
  private static final List<String> NO_SUCH_BOOKING = List.of("یافت نشد", "پیدا نشد", "not found",
      "does not exist", "no such");
  /** {@code book_status} values meaning the booking is gone: "deleted", "cancelled" (UNVERIFIED, spec 5 step 7). */
  private static final List<String> GONE_STATUS = List.of("delete", "cancel", "حذف", "لغو");

  private ResponseClassifier() {}

  /** A transport failure: the request may or may not have reached the site. */
  static SlotHunterException transport(Endpoint endpoint, IOException e) {
    String what;
    if (e instanceof InterruptedIOException) {
      what = "timed out";
    } else if (e instanceof ConnectException) {
      what = "connection refused";
    } else if (e instanceof UnknownHostException) {
      what = "unknown host";
    } else {
      what = "I/O error (" + e.getClass().getSimpleName() + ")";
    }
    return error(ErrorCode.PROVIDER_UNAVAILABLE, endpoint, what).cause(e).build();
  }

  /**
   * Checks the HTTP status; returns normally when the body should be read.
   *
   * @param retryAfter the {@code Retry-After} header, or {@code null}
   */
  static void checkHttp(Endpoint endpoint, int code, String retryAfter, String body, Instant now) {
    if ((code >= 200 && code < 300) || code == 423) {
      return;
    }
    if (code == 429) {
      throw error(ErrorCode.RATE_LIMITED, endpoint, "HTTP 429")
          .retryAfter(retryAfter(retryAfter, now).orElse(DEFAULT_RETRY_AFTER)).build();
    }
    if (code >= 500) {
      throw error(ErrorCode.PROVIDER_UNAVAILABLE, endpoint, "HTTP " + code).build();
    }
    if (code == 401 || code == 403) {
      throw error(ErrorCode.AUTH_REQUIRED, endpoint, "HTTP " + code + ": log in again").build();
    }
    if (code == 404) {
      throw error(ErrorCode.NOT_FOUND, endpoint, "HTTP 404").build();
    }
    if (code >= 400 && body.strip().startsWith("{")) {
      return; // a JSON error body ({status: 0, details}) says more than the HTTP code
    }
    throw error(ErrorCode.PROTOCOL, endpoint, "unexpected HTTP " + code).excerpt(body).build();
  }

  /**
   * Parses a JSON object body.
   *
   * @throws SlotHunterException {@code PROTOCOL} for empty, HTML, truncated or non-object bodies
   */
  static JsonNode json(Endpoint endpoint, String body) {
    String s = body.strip();
    if (s.isEmpty()) {
      throw error(ErrorCode.PROTOCOL, endpoint, "empty body where JSON was expected").build();
    }
    if (s.startsWith("<")) {
      throw error(ErrorCode.PROTOCOL, endpoint, "HTML where JSON was expected").excerpt(s).build();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(s);
    } catch (JacksonException e) {
      throw error(ErrorCode.PROTOCOL, endpoint, "malformed JSON").excerpt(s).cause(e).build();
    }
    if (!node.isObject()) {
      throw error(ErrorCode.PROTOCOL, endpoint, "JSON body is not an object").excerpt(s).build();
    }
    return node;
  }

  /** The body's {@code status}, a number or a numeric string; empty when absent or odd. */
  static OptionalInt status(JsonNode body) {
    OptionalLong v = Json.integer(body.get("status"));
    if (v.isEmpty() || v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) v.getAsLong());
  }

  /** Whether {@code status} is 1. */
  static boolean isSuccess(JsonNode body) {
    OptionalInt s = status(body);
    return s.isPresent() && s.getAsInt() == Value.STATUS_SUCCESS;
  }

  /** Returns normally for {@code status} 1, throws the mapped error otherwise. */
  static void requireSuccess(Endpoint endpoint, JsonNode body) {
    if (!isSuccess(body)) {
      throw failure(endpoint, body);
    }
  }

  /** The error for a body whose {@code status} is not 1. */
  static SlotHunterException failure(Endpoint endpoint, JsonNode body) {
    OptionalInt status = status(body);
    if (status.isEmpty()) {
      return error(ErrorCode.PROTOCOL, endpoint, "no status in the response").excerpt(body.toString()).build();
    }
    int s = status.getAsInt();
    String message = message(body);
    String said = message.isEmpty() ? "" : ": " + message;
    if (s == Value.STATUS_OTP_THROTTLED) {
      return error(ErrorCode.RATE_LIMITED, endpoint, "status 39 (throttled)" + said)
          .retryAfter(DEFAULT_RETRY_AFTER).build();
    }
    if (s == Value.STATUS_BOOKING_OFF) {
      return error(ErrorCode.BOOKING_OFF, endpoint, "status 700 (online booking is switched off for this service)"
          + said).build();
    }
    if (s == Value.STATUS_EXPIRED_CERTIFICATE) {
      return error(ErrorCode.AUTH_REQUIRED, endpoint, "status 7 (expired certificate): log in again").build();
    }
    if (SLOT_CALLS.contains(endpoint) && saysSlotTaken(message)) {
      return error(ErrorCode.SLOT_TAKEN, endpoint, "status " + s + " (slot taken)" + said).build();
    }
    if (s == Value.STATUS_EXPIRE_TIME_SLOT) {
      String meaning = endpoint.status300() == ErrorCode.SLOT_TAKEN ? "slot no longer available" : "hold expired";
      return error(endpoint.status300(), endpoint, "status 300 (" + meaning + ")" + said).build();
    }
    if (s == Value.STATUS_FORM_VALIDATION) {
      List<String> fields = detailFields(body);
      String which = fields.isEmpty() ? "" : " in fields " + fields;
      return error(ErrorCode.INVALID_INPUT, endpoint, "status 0 (rejected)" + which + said).build();
    }
    return error(ErrorCode.PROTOCOL, endpoint, "unexpected status " + s + said).excerpt(body.toString()).build();
  }

  /**
   * Whether a non-success body says there are simply no free slots or days: status 32 (spec 2.1,
   * HIGH), or a message saying so.
   */
  static boolean saysNoSlots(JsonNode body) {
    OptionalInt s = status(body);
    if (s.isPresent() && s.getAsInt() == Value.STATUS_NO_FREE_SLOT) {
      return true;
    }
    if (s.isPresent() && s.getAsInt() == Value.STATUS_BOOKING_OFF) {
      return false;
    }
    String m = message(body).toLowerCase(Locale.ROOT);
    return containsAny(m, NONE) && containsAny(m, ABOUT_SLOTS);
  }

  /** Whether a non-success unsuspend body says the hold is already gone. */
  static boolean saysAlreadyReleased(JsonNode body) {
    OptionalInt s = status(body);
    if (s.isPresent() && s.getAsInt() == Value.STATUS_EXPIRE_TIME_SLOT) {
      return true;
    }
    return containsAny(message(body).toLowerCase(Locale.ROOT), RELEASED);
  }

  /**
   * Whether a receipt body without a booking record says there is no such booking: a {@code status}
   * of 404, or a non-success status whose message says "not found".
   */
  static boolean saysNoSuchBooking(JsonNode body) {
    OptionalInt s = status(body);
    if (s.isEmpty() || s.getAsInt() == Value.STATUS_SUCCESS) {
      return false;
    }
    return s.getAsInt() == 404 || containsAny(message(body).toLowerCase(Locale.ROOT), NO_SUCH_BOOKING);
  }

  /** Whether a receipt's {@code book_status} says the booking was deleted or cancelled. */
  static boolean saysBookingGone(String bookStatus) {
    return containsAny(bookStatus.toLowerCase(Locale.ROOT), GONE_STATUS);
  }

  /** Whether a message says the time is reserved or taken. */
  static boolean saysSlotTaken(String message) {
    return containsAny(message.toLowerCase(Locale.ROOT), TAKEN);
  }

  /**
   * Parses {@code Retry-After}: delay seconds or an HTTP date (RFC 1123), relative to {@code now}.
   * Empty when absent or unparsable; a date in the past gives zero.
   */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (v.length() > 9) {
        return Optional.of(Duration.ofSeconds(999_999_999L));
      }
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A {@code PROTOCOL} error for a response of the wrong shape. */
  static SlotHunterException protocol(Endpoint endpoint, String what, String raw) {
    return error(ErrorCode.PROTOCOL, endpoint, what).excerpt(raw).build();
  }

  /** A builder preset with the provider id and an {@code endpoint: what} message. */
  static SlotHunterException.Builder error(ErrorCode code, Endpoint endpoint, String what) {
    return SlotHunterException.builder(code).providerId(PROVIDER).message(PROVIDER + " " + endpoint.logName() + ": " + what);
  }

  /** The body's {@code message}, redacted, on one line and cut short; empty when absent. */
  static String message(JsonNode body) {
    String m = Json.text(body, "message").orElse("");
    if (m.isEmpty()) {
      return "";
    }
    String redacted = Pii.redact(m.replaceAll("\\s+", " ").strip());
    return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "…";
  }

  private static List<String> detailFields(JsonNode body) {
    List<String> names = new ArrayList<>();
    JsonNode details = body.get("details");
    if (details != null && details.isObject()) {
      for (Map.Entry<String, JsonNode> e : details.properties()) {
        String name = Pii.redact(e.getKey().strip());
        names.add(name.length() <= 40 ? name : name.substring(0, 40));
        if (names.size() == 10) {
          break;
        }
      }
    }
    return names;
  }

  private static boolean containsAny(String text, List<String> needles) {
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
