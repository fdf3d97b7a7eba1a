package io.github.slothunter.examples.cli;

import java.util.Arrays;
import picocli.CommandLine;

/**
 * {@code slothunter}: the command-line front door to SlotHunter. Run {@code slothunter --help}.
 *
 * <p>{@link #run(Cli, String...)} is the whole program without {@link System#exit(int)}, for tests
 * and embedding.
 */
public final class Main {
  private Main() {}

  /** Runs the CLI and exits with its {@link ExitCodes exit code}. */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--verbose")) {
      // slf4j-simple reads this once, when the first logger is made
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    System.exit(run(Cli.system(), args));
  }

  /**
   * Runs one command.
   *
   * @return the exit code
   */
  public static int run(Cli cli, String... args) {
    return commandLine(cli).execute(args);
  }

  /** The configured picocli command tree. */
  static CommandLine commandLine(Cli cli) {
    SlotHunterCommand root = new SlotHunterCommand(cli);
    CommandLine cmd = new CommandLine(root);
    cmd.setOut(cli.out());
    cmd.setErr(cli.err());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(cli.color() ? CommandLine.Help.Ansi.ON
        : CommandLine.Help.Ansi.OFF));
    InputConverters.register(cmd);
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (root.verbose()) {
        ex.printStackTrace(cli.err());
      }
      cli.err().println(Errors.line(ex, root.lang()));
      cli.err().flush();
      return Errors.exitCode(ex);
    });
    cmd.setParameterExceptionHandler((ex, args) -> {
      if (root.verbose()) {
        ex.printStackTrace(cli.err());
      }
      // the error may come before picocli reached --lang: read it from the arguments
      cli.err().println(UsageErrors.lines(ex, Lang.fromArgs(args).orElse(root.lang())));
      cli.err().flush();
      return ExitCodes.BAD_INPUT;
    });
    return cmd;
  }
}
