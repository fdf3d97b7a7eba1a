package io.github.slothunter.examples.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the commands talk to instead of the process's globals: output streams, the input,
 * environment, home directory, clock and whether to draw colors and install shutdown hooks. Tests
 * build one around string buffers; {@link #system()} is the real process.
 *
 * @param out where results go (events, tables, summaries)
 * @param err where status lines and errors go
 * @param in where answers typed by the user come from (the SMS code)
 * @param env environment lookup ({@code NO_COLOR}, {@code HOME})
 * @param home the user's home directory (default session files live under it)
 * @param clock wall clock for timestamps and deadlines
 * @param color whether stdout is a terminal that may get ANSI colors
 * @param hooks whether long-running commands install a JVM shutdown hook, so Ctrl-C shuts down cleanly
 * @param console whether a person types on a terminal (their Enter ends a prompt's line)
 */
public record Cli(PrintWriter out, PrintWriter err, BufferedReader in, UnaryOperator<String> env, Path home,
    Clock clock, boolean color, boolean hooks, boolean console) {

  /** Validates. */
  public Cli {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * The real process: UTF-8 stdout/stderr/stdin, colors only when there is a console and
   * {@code NO_COLOR} is unset.
   */
  public static Cli system() {
    UnaryOperator<String> env = System::getenv;
    boolean console = System.console() != null;
    String noColor = env.apply("NO_COLOR");
    boolean color = console && (noColor == null || noColor.isEmpty());
    return new Cli(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        env, Path.of(System.getProperty("user.home")), Clock.systemUTC(), color, true, console);
  }

  /** A context for tests: no colors, no shutdown hooks, the given streams, home and environment. */
  public static Cli of(PrintWriter out, PrintWriter err, BufferedReader in, Path home, Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return new Cli(out, err, in, copy::get, home, Clock.systemUTC(), false, false, false);
  }
}
