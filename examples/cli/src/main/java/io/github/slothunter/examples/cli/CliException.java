package io.github.slothunter.examples.cli;

/**
 * A failure the CLI reports as one sentence and an exit code, without a stack trace (unless
 * {@code --verbose}). For problems the CLI itself finds: unreadable files, bad option values. It
 * carries its sentence in English ({@link #getMessage()}) and in Persian, so it is shown in the
 * language the user chose.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String persian;

  /**
   * Creates one with the same sentence in both languages (for text that is not words: a path, a code).
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message one sentence, no secrets
   */
  public CliException(int exitCode, String message) {
    this(exitCode, message, message, null);
  }

  /**
   * Creates one with a cause (shown with {@code --verbose}).
   *
   * @param exitCode one of {@link ExitCodes}
   * @param english one sentence in English, no secrets
   * @param persian the same sentence in Persian
   * @param cause the underlying failure, or {@code null}
   */
  public CliException(int exitCode, String english, String persian, Throwable cause) {
    super(english, cause);
    this.exitCode = exitCode;
    this.persian = persian;
  }

  /** The process exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** The sentence in the language. */
  public String message(Lang lang) {
    return lang.pick(getMessage(), persian);
  }

  /** A bad-input failure (exit {@value ExitCodes#BAD_INPUT}) in English and Persian. */
  public static CliException badInput(String english, String persian) {
    return new CliException(ExitCodes.BAD_INPUT, english, persian, null);
  }
}
