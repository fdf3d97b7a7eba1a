package io.github.slothunter.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour a fake site shows instead of (or on top of) its normal answer; armed through
 * {@link Faults}.
 *
 * <p>Most faults replace the answer <em>without running the endpoint</em>: nothing is held, booked
 * or counted against a calendar. {@link Latency} delays the request and then handles it normally (so
 * a client that timed out may still have caused a hold, as on the real site); {@link SlowAnswer},
 * {@link LostAnswer} and {@link Interrupt} with {@code acts} run the endpoint and then delay or drop
 * the answer. Immutable and thread-safe (an {@link Interrupt}'s action is the caller's).
 */
public sealed interface Fault {

  /** Answers with this HTTP status and a short JSON body {@code {"message": "..."}}. */
  static Fault status(int httpStatus) {
    return new Status(httpStatus);
  }

  /** Waits this long (real time, not the fake's clock), then handles the request normally. */
  static Fault latency(Duration delay) {
    return new Latency(delay);
  }

  /** Answers 200 with a JSON content type and a truncated, unparseable body. */
  static Fault malformedJson() {
    return new MalformedJson();
  }

  /** Answers 502 with an HTML error page, as a proxy in front of the site would. */
  static Fault htmlErrorPage() {
    return new HtmlErrorPage(502);
  }

  /** Answers with an HTML error page and this HTTP status (a 403 WAF page, a 200 challenge page...). */
  static Fault htmlErrorPage(int httpStatus) {
    return new HtmlErrorPage(httpStatus);
  }

  /**
   * Answers 429 Too Many Requests.
   *
   * @param retryAfter the {@code Retry-After} to send, whole seconds rounded up; {@code null} sends none
   */
  static Fault rateLimited(Duration retryAfter) {
    return new RateLimited(retryAfter);
  }

  /**
   * Answers with the site's own error envelope; for Paziresh24 HTTP 200
   * {@code {"status": 0, "message": message}}.
   */
  static Fault status0(String message) {
    return new Status0(message);
  }

  /** Closes the connection without answering (the client sees an I/O error). */
  static Fault disconnect() {
    return new Disconnect();
  }

  /**
   * Acts on the request at once (a suspend holds, a book books), then answers only after this delay
   * (real time): a client with a shorter timeout gives up although the site did what was asked.
   */
  static Fault slowAnswer(Duration delay) {
    return new SlowAnswer(delay);
  }

  /**
   * Acts on the request, then closes the connection without answering: the client sees an I/O error
   * although the site did what was asked (the answer was lost).
   */
  static Fault lostAnswer() {
    return new LostAnswer();
  }

  /**
   * Runs {@code action} when the request arrives, then closes the connection without acting or
   * answering: for a chaos test, {@code action} kills the client while its request is in flight and
   * never reached the site. The action runs on the fake's request thread; it should return promptly.
   */
  static Fault interruptBefore(Runnable action) {
    return new Interrupt(action, false);
  }

  /**
   * Acts on the request (a suspend holds, a book books), runs {@code action}, then closes the
   * connection without answering: for a chaos test, {@code action} kills the client as the site's
   * answer would have come back.
   */
  static Fault interruptAfter(Runnable action) {
    return new Interrupt(action, true);
  }

  /**
   * See {@link Fault#status(int)}.
   *
   * @param httpStatus 100-599
   */
  record Status(int httpStatus) implements Fault {
    /** Validates the status. */
    public Status {
      if (httpStatus < 100 || httpStatus > 599) {
        throw new IllegalArgumentException("httpStatus must be 100-599: " + httpStatus);
      }
    }
  }

  /**
   * See {@link Fault#latency(Duration)}.
   *
   * @param delay how long, not negative
   */
  record Latency(Duration delay) implements Fault {
    /** Validates the delay. */
    public Latency {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
    }
  }

  /** See {@link Fault#malformedJson()}. */
  record MalformedJson() implements Fault {}

  /**
   * See {@link Fault#htmlErrorPage(int)}.
   *
   * @param httpStatus 100-599
   */
  record HtmlErrorPage(int httpStatus) implements Fault {
    /** Validates the status. */
    public HtmlErrorPage {
      if (httpStatus < 100 || httpStatus > 599) {
        throw new IllegalArgumentException("httpStatus must be 100-599: " + httpStatus);
      }
    }
  }

  /**
   * See {@link Fault#rateLimited(Duration)}.
   *
   * @param retryAfter the {@code Retry-After} to send, or {@code null} for none
   */
  record RateLimited(Duration retryAfter) implements Fault {
    /** Validates the duration. */
    public RateLimited {
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
      }
    }
  }

  /**
   * See {@link Fault#status0(String)}.
   *
   * @param message the message the site shows, usually Persian
   */
  record Status0(String message) implements Fault {
    /** Validates the message. */
    public Status0 {
      Objects.requireNonNull(message, "message");
    }
  }

  /** See {@link Fault#disconnect()}. */
  record Disconnect() implements Fault {}

  /**
   * See {@link Fault#slowAnswer(Duration)}.
   *
   * @param delay positive
   */
  record SlowAnswer(Duration delay) implements Fault {
    /** Validates the delay. */
    public SlowAnswer {
      if (delay == null || delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("delay must be positive: " + delay);
      }
    }
  }

  /** See {@link Fault#lostAnswer()}. */
  record LostAnswer() implements Fault {}

  /**
   * See {@link Fault#interruptBefore(Runnable)} and {@link Fault#interruptAfter(Runnable)}.
   *
   * @param action what to run (on the fake's request thread)
   * @param acts whether the site acts on the request before {@code action} runs
   */
  record Interrupt(Runnable action, boolean acts) implements Fault {
    /** Validates the action. */
    public Interrupt {
      Objects.requireNonNull(action, "action");
    }
  }
}
