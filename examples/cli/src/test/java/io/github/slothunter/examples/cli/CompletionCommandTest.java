package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir
  Path home;

  @Test
  void printsABashAndZshScriptNamingEverySubcommandAndOption() {
    CliRun run = CliRun.run(home, "completion");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_slothunter")
        .contains("ZSH_VERSION").contains("bashcompinit")
        .contains("demo").contains("slots").contains("watch").contains("login").contains("patients").contains("check")
        .contains("completion").contains("--auto-book").contains("--sandbox");
  }
}
