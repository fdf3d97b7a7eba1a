package io.github.slothunter.examples.cli;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code slothunter login <provider> <mobile>}: SMS-code login, session saved owner-only. */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Logs in with an SMS code and saves the session for auto-booking.",
    description = {
        "Logs in to a provider with the code it sends by SMS and saves the session for 'watch --auto-book'.",
        "The session file is readable by you only (rw-------); the token is never printed.",
        "",
        "Examples:",
        "  slothunter login paziresh24 09121234567",
        "  slothunter login paziresh24 09121234567 --sandbox   (fake; code 1234)",
        ""})
final class LoginCommand implements Callable<Integer> {
  @ParentCommand
  SlotHunterCommand root;

  @Parameters(index = "0", paramLabel = "<provider>",
      description = "paziresh24 (doctoreto has no SMS login SlotHunter can drive yet).")
  String provider;

  @Parameters(index = "1", paramLabel = "<mobile>", description = "Your Iranian mobile number, e.g. 09121234567.")
  String mobile;

  @Option(names = "--session-file", paramLabel = "F",
      description = "Where to save the session (default ~/.slothunter/<provider>.session, "
          + "or <provider>-sandbox.session with --sandbox).")
  Path sessionFile;

  @Option(names = "--sandbox", description = "Log in to the built-in fake Paziresh24 (its code is 1234).")
  boolean sandbox;

  @Override
  public Integer call() {
    Cli cli = root.cli();
    Lang lang = root.lang();
    String normalised;
    try {
      normalised = Patient.normaliseMobile(mobile);
    } catch (SlotHunterException e) {
      String masked = Pii.maskMobile(mobile);
      throw new CliException(ExitCodes.BAD_INPUT, "'" + masked + "' is not an Iranian mobile number like 09121234567",
          "«" + masked + "» شمارهٔ همراه ایرانی مثل ۰۹۱۲۱۲۳۴۵۶۷ نیست", e);
    }
    Path file = sessionFile != null ? sessionFile : SessionFile.defaultPath(cli.home(), provider, sandbox);
    AccountSession session;
    try (Backend backend = Backend.of(cli.clock(), sandbox)) {
      session = backend.login(provider, normalised, challenge -> askCode(cli, lang, challenge));
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.AUTH_REQUIRED) {
        throw new CliException(ExitCodes.FAILURE, provider + " rejected the SMS code (wrong or expired); "
            + "run the login again for a new code", Errors.siteName(provider) + " کد پیامکی را نپذیرفت (نادرست یا"
            + " منقضی)؛ برای کد تازه دوباره وارد شوید", e);
      }
      throw e;
    }
    SessionFile.write(file, session);
    JalaliFormat jf = lang.format();
    String until = session.expiresAt().equals(Instant.MAX)
        ? lang.pick("until the site ends it", "تا وقتی سایت آن را ببندد")
        : lang.pick("until " + jf.slot(session.expiresAt()) + " Tehran time",
            "تا " + jf.dateTime(session.expiresAt()) + " به وقت تهران");
    String who = Pii.maskMobile(normalised);
    cli.out().println(lang.pick("Logged in to " + provider + " as " + who + "; session saved to " + file
        + " (owner-only), valid " + until + ".", "با " + jf.digits(who) + " وارد " + Errors.siteName(provider)
        + " شدید؛ نشست در " + file + " ذخیره شد (فقط برای شما خواندنی) و " + until + " معتبر است."));
    cli.out().flush();
    return ExitCodes.OK;
  }

  /**
   * One line, in the chosen language, saying where the code went. When the site throttled the
   * request (its code sent a moment ago still works) it says so once, with the one wait the
   * challenge gives (the site's own Persian notice, which names a wait of its own, is not repeated);
   * when the account has a password, that the password is asked instead.
   *
   * @param sandboxCode the fake's code to show, or {@code null}
   */
  static String codeSentLine(OtpChallenge challenge, Instant now, String sandboxCode, Lang lang) {
    JalaliFormat jf = lang.format();
    String who = jf.digits(Pii.maskMobile(challenge.mobile()));
    String sandboxNote = sandboxCode == null ? ""
        : lang.pick(" (sandbox: the code is " + sandboxCode + ")", " (محیط آزمایشی: کد " + jf.digits(sandboxCode) + " است)");
    if (challenge.staticPassword()) {
      return lang.pick("This account has a password: type it instead of an SMS code.",
          "این حساب گذرواژه دارد: به جای کد پیامکی، گذرواژه را بنویسید.");
    }
    // every challenge carries the site's 60 s resend timer; only a throttled one (status 39) has a notice
    Duration wait = challenge.resendWait(now);
    if (!challenge.notice().isEmpty() && !wait.isZero()) {
      return lang.pick("A code was sent to " + who + " a moment ago and the site will not send another for "
          + wait.toSeconds() + " s: type the code you already received.",
          "کدی همین چند لحظه پیش به " + who + " فرستاده شد و سایت تا " + Errors.seconds(wait, lang)
              + " دیگر کد تازه‌ای نمی‌فرستد: همان کدی را که گرفته‌اید بنویسید.") + sandboxNote;
    }
    return lang.pick("An SMS code was sent to " + who + ".", "کد پیامکی به " + who + " فرستاده شد.") + sandboxNote;
  }

  private String askCode(Cli cli, Lang lang, OtpChallenge challenge) {
    PrintWriter err = cli.err();
    err.println(codeSentLine(challenge, cli.clock().instant(), sandbox ? Backend.sandboxOtp() : null, lang));
    err.print(challenge.staticPassword() ? lang.pick("Password: ", "گذرواژه: ") : lang.pick("SMS code: ", "کد پیامکی: "));
    err.flush();
    String line;
    try {
      line = cli.in().readLine();
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "could not read the SMS code: " + e.getMessage(),
          "کد پیامکی خوانده نشد", e);
    }
    if (!cli.console()) {
      err.println(); // nobody pressed Enter on a terminal: end the prompt's line ourselves
      err.flush();
    }
    if (line == null || line.isBlank()) {
      throw CliException.badInput("no SMS code was entered", "کد پیامکی وارد نشد");
    }
    return JalaliFormat.asciiDigits(line.strip());
  }
}
