package io.github.slothunter.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception SlotHunter throws for anything that is not a programming error.
 *
 * <p>Switch on {@link #code()}; never parse {@link #getMessage()}. The message names what failed
 * and the identifying values, never a token, mobile number, national code or patient name.
 * Programming errors (a {@code null} argument, a call on a closed engine) stay plain JDK
 * exceptions.
 *
 * <p>Safe to share between threads: its own fields are immutable, and what it inherits from
 * {@link Throwable} (stack trace, suppressed exceptions) is synchronized by the JDK.
 */
public class SlotHunterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest response excerpt an exception carries. */
  public static final int MAX_EXCERPT = 200;

  private final ErrorCode code;
  private final String reason;
  private final String providerId;
  private final Duration retryAfter;
  private final String excerpt;
  private final URI handOff;
  /** Not serialized: places are plain records; a deserialized exception has none. */
  private final transient java.util.List<Place> suggestions;

  /**
   * Creates an exception with a code and message.
   *
   * @param code what went wrong
   * @param message what failed and the identifying values; must not contain secrets
   */
  public SlotHunterException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a code, message and cause.
   *
   * @param code what went wrong
   * @param message what failed and the identifying values; must not contain secrets
   * @param cause the underlying failure, or {@code null}
   */
  public SlotHunterException(ErrorCode code, String message, Throwable cause) {
    this(builder(code).message(message).cause(cause));
  }

  private SlotHunterException(Builder b) {
    super(format(b), b.cause);
    this.code = b.code;
    this.reason = b.message;
    this.providerId = b.providerId;
    this.retryAfter = b.retryAfter;
    this.excerpt = b.excerpt;
    this.handOff = b.handOff;
    this.suggestions = b.suggestions;
  }

  private static String format(Builder b) {
    StringBuilder s = new StringBuilder().append(b.code).append(": ").append(b.message);
    if (b.providerId != null) {
      s.append(" [provider=").append(b.providerId).append(']');
    }
    if (b.retryAfter != null) {
      s.append(" [retryAfter=").append(b.retryAfter).append(']');
    }
    if (b.excerpt != null) {
      s.append(" [excerpt=").append(b.excerpt).append(']');
    }
    if (b.handOff != null) {
      s.append(" [handOff=").append(b.handOff).append(']');
    }
    return s.toString();
  }

  /** Starts building an exception with the given code. */
  public static Builder builder(ErrorCode code) {
    return new Builder(code);
  }

  /** Shorthand for an {@link ErrorCode#INVALID_INPUT} error about one field. */
  public static SlotHunterException invalid(String field, String why) {
    return new SlotHunterException(ErrorCode.INVALID_INPUT, field + " " + why);
  }

  /** What went wrong. */
  public ErrorCode code() {
    return code;
  }

  /**
   * The plain explanation, without the code prefix and the provider/retry/excerpt suffixes that
   * {@link #getMessage()} adds; suitable for showing to a user.
   */
  public String reason() {
    return reason;
  }

  /** Whether repeating the call later may succeed; same as {@code code().retryable()}. */
  public boolean retryable() {
    return code.retryable();
  }

  /** The provider that raised the error, if any. */
  public Optional<String> providerId() {
    return Optional.ofNullable(providerId);
  }

  /** How long the provider asked us to wait, when it said so (mostly with {@link ErrorCode#RATE_LIMITED}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** A short, redacted excerpt of the unexpected response (with {@link ErrorCode#PROTOCOL}). */
  public Optional<String> excerpt() {
    return Optional.ofNullable(excerpt);
  }

  /**
   * The page where a person can finish what could not be done unattended (with {@link
   * ErrorCode#MANUAL_ACTION_REQUIRED}; Paziresh24: the doctor's booking page for the center and service).
   */
  public Optional<URI> handOff() {
    return Optional.ofNullable(handOff);
  }

  /**
   * For {@link ErrorCode#NOT_FOUND} of a word (an area's city or specialty): the closest names the
   * provider knows, closest first, for an app to offer as choices; empty otherwise. The message names
   * them too.
   */
  public java.util.List<Place> suggestions() {
    return suggestions == null ? java.util.List.of() : suggestions;
  }

  /** Builds a {@link SlotHunterException}; not thread-safe. */
  public static final class Builder {
    private final ErrorCode code;
    private String message = "";
    private Throwable cause;
    private String providerId;
    private Duration retryAfter;
    private String excerpt;
    private URI handOff;
    private java.util.List<Place> suggestions = java.util.List.of();

    private Builder(ErrorCode code) {
      this.code = Objects.requireNonNull(code, "code");
    }

    /** What failed and the identifying values, without secrets. */
    public Builder message(String value) {
      this.message = Objects.requireNonNull(value, "message");
      return this;
    }

    /** The underlying failure. */
    public Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    /** The provider id the error belongs to. */
    public Builder providerId(String value) {
      this.providerId = value;
      return this;
    }

    /** How long to wait before retrying, when the provider said. */
    public Builder retryAfter(Duration value) {
      if (value != null && value.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + value);
      }
      this.retryAfter = value;
      return this;
    }

    /**
     * An excerpt of the raw response; it is redacted with {@link Pii#redact(String)} and cut to
     * {@link #MAX_EXCERPT} characters here, so callers may pass the raw body.
     */
    public Builder excerpt(String rawResponse) {
      if (rawResponse == null) {
        this.excerpt = null;
        return this;
      }
      String oneLine = rawResponse.replaceAll("\\s+", " ").strip();
      String redacted = Pii.redact(oneLine);
      if (redacted.length() <= MAX_EXCERPT) {
        this.excerpt = redacted;
        return this;
      }
      int cut = MAX_EXCERPT - 1; // room for the ellipsis
      if (Character.isHighSurrogate(redacted.charAt(cut - 1))) {
        cut--;
      }
      this.excerpt = redacted.substring(0, cut) + "…";
      return this;
    }

    /** The page where a person can finish the operation by hand; must not carry personal data. */
    public Builder handOff(URI value) {
      this.handOff = value;
      return this;
    }

    /** The closest names to a word that was not found (see {@link SlotHunterException#suggestions()}). */
    public Builder suggestions(java.util.List<Place> value) {
      this.suggestions = java.util.List.copyOf(value);
      return this;
    }

    /** Builds the exception. */
    public SlotHunterException build() {
      return new SlotHunterException(this);
    }
  }
}
