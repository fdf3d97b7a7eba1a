package io.github.slothunter.examples.cli;

/**
 * A failure the CLI reports as one sentence and an exit code, without a stack trace (unless
 * {@code --verbose}). For problems the CLI itself finds: unreadable files, bad option values.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates one.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message one sentence, no secrets
   */
  public CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /**
   * Creates one with a cause (shown with {@code --verbose}).
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message one sentence, no secrets
   * @param cause the underlying failure, or {@code null}
   */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** A bad-input failure (exit {@value ExitCodes#BAD_INPUT}). */
  public static CliException badInput(String message) {
    return new CliException(ExitCodes.BAD_INPUT, message);
  }
}
