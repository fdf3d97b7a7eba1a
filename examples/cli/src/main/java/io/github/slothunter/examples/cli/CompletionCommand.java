package io.github.slothunter.examples.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slothunter completion}: prints picocli's completion script for bash and zsh (the same
 * script serves both: under zsh it loads {@code bashcompinit} itself).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    header = "Prints the shell completion script (bash and zsh).",
    description = {
        "Prints a completion script for the slothunter command: its subcommands, options and enum values.",
        "",
        "Install for the current shell:   source <(slothunter completion)",
        "Install for good (bash):         slothunter completion > ~/.local/share/bash-completion/completions/slothunter",
        "Install for good (zsh):          slothunter completion > ~/.slothunter-completion.zsh",
        "                                 and add 'source ~/.slothunter-completion.zsh' to ~/.zshrc",
        ""})
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand
  SlotHunterCommand root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Cli cli = root.cli();
    cli.out().print(AutoComplete.bash("slothunter", spec.root().commandLine()));
    cli.out().flush();
    return ExitCodes.OK;
  }
}
