package io.github.slothunter.examples.cli;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns any failure into one sentence for stderr, in the user's language, and an {@link ExitCodes
 * exit code}. Stateless.
 */
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

  /** One line in English. */
  static String sentence(Throwable t) {
    return sentence(t, Lang.EN);
  }

  /** One line in the language, no stack trace, no secrets (SlotHunter messages never carry any). */
  static String sentence(Throwable t, Lang lang) {
    String s;
    if (t instanceof CliException c) {
      s = c.message(lang);
    } else if (t instanceof SlotHunterException e) {
      s = lang == Lang.FA ? persian(e) : describe(e);
    } else {
      s = lang.pick("unexpected " + t.getClass().getSimpleName()
          + (t.getMessage() == null ? "" : ": " + t.getMessage()) + " (run with --verbose for the stack trace)",
          "خطای پیش‌بینی‌نشده‌ای رخ داد (برای جزئیات، فرمان را با --verbose اجرا کنید)");
    }
    return oneLine(s);
  }

  /** {@code "the error line"} as printed: {@code error: ...} / {@code خطا: ...}. */
  static String line(Throwable t, Lang lang) {
    return lang.pick("error: ", "خطا: ") + sentence(t, lang);
  }

  private static String describe(SlotHunterException e) {
    String what = bareMessage(e);
    String provider = e.providerId().orElse(null);
    ErrorCode code = e.code();
    String who = provider != null ? provider : "the provider";
    return switch (code) {
      // the site's own message is left out: it is Persian and often names a wait of its own
      case RATE_LIMITED -> who + " is rate-limiting us; try again " + retry(e, Lang.EN);
      case BUDGET_SPENT -> "SlotHunter's own request budget for " + who + " is spent for now (the site did not refuse"
          + " us); try again " + retry(e, Lang.EN) + ", or raise it with --budget-scale if the site allows more";
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

  /**
   * The Persian sentence: the engine's and providers' explanations are English, so the code says
   * what happened; names of sites are written in Persian.
   */
  private static String persian(SlotHunterException e) {
    String who = e.providerId().map(Errors::siteName).orElse("سایت نوبت‌دهی");
    return switch (e.code()) {
      case RATE_LIMITED -> who + " فعلاً درخواست‌های ما را محدود کرده است؛ " + retry(e, Lang.FA) + " دوباره امتحان کنید.";
      case BUDGET_SPENT -> "سهمیهٔ درخواست‌های اسلات‌هانتر برای " + who + " فعلاً تمام شده است؛ " + retry(e, Lang.FA)
          + " دوباره امتحان کنید.";
      case PROVIDER_UNAVAILABLE -> who + " اکنون در دسترس نیست؛ کمی بعد دوباره امتحان کنید.";
      case STORE_UNAVAILABLE -> "انبارهٔ محلی اسلات‌هانتر خطا داد.";
      case AUTH_REQUIRED -> "باید دوباره وارد حساب " + who + " شوید ('slothunter login "
          + e.providerId().orElse("<provider>") + " <mobile>').";
      case PROTOCOL -> who + " پاسخی داد که اسلات‌هانتر آن را نمی‌فهمد.";
      case NOT_FOUND -> "چنین پزشک یا نوبتی در " + who + " پیدا نشد.";
      case INVALID_INPUT -> "ورودی پذیرفته نشد؛ نشانی، تاریخ یا ساعت را بررسی کنید.";
      case QUOTA_EXCEEDED -> "به سقف مجاز این حساب رسیده‌اید.";
      case BOOKING_OFF -> "نوبت‌دهی اینترنتی این پزشک در " + who + " خاموش است.";
      case SLOT_TAKEN -> "این نوبت را کس دیگری گرفت.";
      case UNSUPPORTED -> who + " این کار را پشتیبانی نمی‌کند.";
      default -> "کار انجام نشد (" + who + ").";
    };
  }

  /** The site's name in Persian: {@code پذیرش۲۴}, {@code دکترتو}; other ids as they are. */
  static String siteName(String providerId) {
    return switch (providerId) {
      case "paziresh24" -> "پذیرش۲۴";
      case "doctoreto" -> "دکترتو";
      default -> providerId;
    };
  }

  /** The exception's plain explanation ({@link SlotHunterException#reason()}), or the code in words. */
  static String bareMessage(SlotHunterException e) {
    String m = e.reason().strip();
    return m.isEmpty() ? e.code().name().toLowerCase(Locale.ROOT).replace('_', ' ') : m;
  }

  /** "in 30 s" / "۳۰ ثانیهٔ دیگر", or "later" when the site gave no wait: the one wait a sentence names. */
  private static String retry(SlotHunterException e, Lang lang) {
    return e.retryAfter().filter(d -> !d.isZero())
        .map(d -> lang.pick("in " + seconds(d), seconds(d, lang) + " دیگر"))
        .orElse(lang.pick("later", "کمی بعد"));
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : (ms + 999) / 1000 + " s";
  }

  /** {@code 30 s} / {@code ۳۰ ثانیه} (whole seconds, rounded up, in Persian). */
  static String seconds(Duration d, Lang lang) {
    if (lang == Lang.EN) {
      return seconds(d);
    }
    return JalaliFormat.PERSIAN.number((d.toMillis() + 999) / 1000) + " ثانیه";
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
