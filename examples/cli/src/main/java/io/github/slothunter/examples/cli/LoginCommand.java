package io.github.slothunter.examples.cli;

import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    String normalised;
    try {
      normalised = Patient.normaliseMobile(mobile);
    } catch (SlotHunterException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "'" + Pii.maskMobile(mobile)
          + "' is not an Iranian mobile number like 09121234567", e);
    }
    Path file = sessionFile != null ? sessionFile : SessionFile.defaultPath(cli.home(), provider, sandbox);
    AccountSession session;
    try (Backend backend = Backend.of(cli.clock(), sandbox)) {
      session = backend.login(provider, normalised, challenge -> askCode(cli, challenge));
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.AUTH_REQUIRED) {
        throw new CliException(ExitCodes.FAILURE, provider + " rejected the SMS code (wrong or expired); "
            + "run the login again for a new code", e);
      }
      throw e;
    }
    SessionFile.write(file, session);
    String until = session.expiresAt().equals(Instant.MAX) ? "until the site ends it"
        : "until " + JalaliFormat.ENGLISH.slot(session.expiresAt()) + " Tehran time";
    cli.out().println("Logged in to " + provider + " as " + Pii.maskMobile(normalised) + "; session saved to "
        + file + " (owner-only), valid " + until + ".");
    cli.out().flush();
    return ExitCodes.OK;
  }

  /**
   * One line, in English, saying where the code went. When the site throttled the request (its code
   * sent a moment ago still works) it says so once, with the wait the site gave; when the account has
   * a password, that the password is asked instead.
   *
   * @param sandboxCode the fake's code to show, or {@code null}
   */
  static String codeSentLine(OtpChallenge challenge, Instant now, String sandboxCode) {
    String who = Pii.maskMobile(challenge.mobile());
    String sandboxNote = sandboxCode == null ? "" : " (sandbox: the code is " + sandboxCode + ")";
    if (challenge.staticPassword()) {
      return "This account has a password: type it instead of an SMS code.";
    }
    long wait = challenge.resendWait(now).toSeconds();
    if (wait > 0) {
      return "A code was sent to " + who + " a moment ago and the site will not send another for " + wait
          + " s: type the code you already received." + sandboxNote;
    }
    return "An SMS code was sent to " + who + "." + sandboxNote;
  }

  private String askCode(Cli cli, OtpChallenge challenge) {
    PrintWriter err = cli.err();
    err.println(codeSentLine(challenge, cli.clock().instant(), sandbox ? Backend.sandboxOtp() : null));
    err.print(challenge.staticPassword() ? "Password: " : "SMS code: ");
    err.flush();
    String line;
    try {
      line = cli.in().readLine();
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "could not read the SMS code: " + e.getMessage(), e);
    }
    if (!cli.console()) {
      err.println(); // nobody pressed Enter on a terminal: end the prompt's line ourselves
      err.flush();
    }
    if (line == null || line.isBlank()) {
      throw CliException.badInput("no SMS code was entered");
    }
    return line.strip();
  }
}
