package io.github.slothunter.examples.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with captured streams. */
record CliRun(int exitCode, String out, String err) {

  static CliRun withInput(Path home, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Cli cli = Cli.of(new PrintWriter(out, true), new PrintWriter(err, true),
        new BufferedReader(new StringReader(stdin)), home, Map.of());
    int code = Main.run(cli, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(Path home, String... args) {
    return withInput(home, "", args);
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  /** Both streams, for "never printed" assertions. */
  String all() {
    return out + err;
  }
}
