package io.github.slothunter.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options and the subcommands. */
@Command(name = "slothunter", mixinStandardHelpOptions = true, versionProvider = SlotHunterCommand.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Watches Iranian doctor-booking sites (Paziresh24, Doctoreto) for free appointment slots and books them.",
        "",
        "Start with: slothunter demo"},
    subcommands = {DemoCommand.class, SlotsCommand.class, SearchCommand.class, WatchCommand.class, LoginCommand.class,
        PatientsCommand.class, CheckCommand.class, CompletionCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  failure (a failed check, a rejected login, an unexpected answer)",
        "  2  bad input (unknown option, bad link, unknown doctor, invalid file)",
        "  3  provider unreachable or rate-limiting",
        "",
        "Environment: NO_COLOR turns colors off; SLOTHUNTER_<PROVIDER>_<KEY> configures providers "
            + "(for example SLOTHUNTER_PAZIRESH24_BASE_URL=http://127.0.0.1:8080)."})
final class SlotHunterCommand implements Runnable {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show stack traces and library logs (INFO) on errors.")
  boolean verbose;

  @Option(names = "--lang", scope = ScopeType.INHERIT, paramLabel = "fa|en",
      description = "Language of all output and errors: en (default) or fa (Persian words and digits).")
  Lang lang;

  /** Set by a command from its --config file when --lang is not given. */
  private Lang configured;

  SlotHunterCommand(Cli cli) {
    this.cli = cli;
  }

  Cli cli() {
    return cli;
  }

  boolean verbose() {
    return verbose;
  }

  /** The language: --lang, else a --config file's, else English. */
  Lang lang() {
    return lang != null ? lang : configured != null ? configured : Lang.EN;
  }

  /** A --config file's language, used when --lang is not given. */
  void configuredLang(Lang value) {
    configured = value;
  }

  @Override
  public void run() {
    throw new UsageErrors.UsageError(spec.commandLine(),
        "choose a command: demo, slots, search, watch, login, patients, check or completion",
        "یک فرمان انتخاب کنید: demo، slots، search، watch، login، patients، check یا completion");
  }

  /** Reads the version written into the jar at build time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"slothunter " + version(), "Java " + System.getProperty("java.version")};
    }

    static String version() {
      Properties p = new Properties();
      try (InputStream in = SlotHunterCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return p.getProperty("version", "unknown");
    }
  }
}
