package io.github.slothunter.examples.cli;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Locale;

/** Turns any failure into one sentence for stderr and an {@link ExitCodes exit code}. Stateless. */
final class Errors {
  private Errors() {}

  /** The exit code of a failure. */
  static int exitCode(Throwable t) {
    if (t instanceof CliException c) {
      return c.exitCode();
    }
    if (t instanceof SlotHunterException e) {
      return ExitCodes.of(e.code());
    }
    return ExitCodes.FAILURE;
  }

  /** One line, no stack trace, no secrets (SlotHunter messages never carry any). */
  static String sentence(Throwable t) {
    String s;
    if (t instanceof CliException) {
      s = t.getMessage();
    } else if (t instanceof SlotHunterException e) {
      s = describe(e);
    } else {
      s = "unexpected " + t.getClass().getSimpleName()
          + (t.getMessage() == null ? "" : ": " + t.getMessage())
          + " (run with --verbose for the stack trace)";
    }
    return oneLine(s);
  }

  private static String describe(SlotHunterException e) {
    String what = bareMessage(e);
    String provider = e.providerId().orElse(null);
    ErrorCode code = e.code();
    String who = provider != null ? provider : "the provider";
    return switch (code) {
      case RATE_LIMITED -> who + " is rate-limiting us" + retry(e) + ": " + what;
      case BUDGET_SPENT -> "SlotHunter's own request budget for " + who + " is spent for now (the site did not refuse"
          + " us)" + retry(e) + "; raise it with --budget-scale if the site allows more";
      case PROVIDER_UNAVAILABLE -> who + " is unreachable right now: " + what;
      case STORE_UNAVAILABLE -> "the local store failed: " + what;
      case AUTH_REQUIRED -> "login needed: " + what + " (run 'slothunter login "
          + (provider != null ? provider : "<provider>") + " <mobile>')";
      case PROTOCOL -> who + " answered something SlotHunter does not understand: " + what;
      case NOT_FOUND, INVALID_INPUT, QUOTA_EXCEEDED -> what;
      case BOOKING_OFF -> who + " has online booking switched off for this doctor: " + what;
      default -> what + " (" + code.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    };
  }

  /** The exception's plain explanation ({@link SlotHunterException#reason()}), or the code in words. */
  static String bareMessage(SlotHunterException e) {
    String m = e.reason().strip();
    return m.isEmpty() ? e.code().name().toLowerCase(Locale.ROOT).replace('_', ' ') : m;
  }

  private static String retry(SlotHunterException e) {
    return e.retryAfter().filter(d -> !d.isZero()).map(Errors::seconds).map(s -> " (retry in " + s + ")").orElse("");
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : (ms + 999) / 1000 + " s";
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
