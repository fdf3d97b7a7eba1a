package io.github.slothunter.examples.cli;

import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors (a missing or unknown option, a value that does not convert) as one sentence in the
 * user's language plus the command's short usage line; exit code {@value ExitCodes#BAD_INPUT}, as
 * picocli's own usage errors. Stateless.
 */
final class UsageErrors {
  private UsageErrors() {}

  /** A usage error the CLI raises itself, with its sentence in both languages. */
  static final class UsageError extends ParameterException {
    private static final long serialVersionUID = 1L;
    private final String persian;

    UsageError(CommandLine commandLine, String english, String persian) {
      super(commandLine, english);
      this.persian = persian;
    }
  }

  /** A value a converter refused, with its sentence in both languages. */
  static final class BadValue extends TypeConversionException {
    private static final long serialVersionUID = 1L;
    private final String english;
    private final String persian;

    BadValue(String english, String persian) {
      super(english);
      this.english = english;
      this.persian = persian;
    }

    String message(Lang lang) {
      return lang.pick(english, persian);
    }
  }

  /** The two lines to print: the sentence, then the usage line. */
  static String lines(ParameterException ex, Lang lang) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String synopsis = new CommandLine.Help(cmd.getCommandSpec(), CommandLine.Help.defaultColorScheme(
        CommandLine.Help.Ansi.OFF)).abbreviatedSynopsis().strip();
    return lang.pick("error: ", "خطا: ") + sentence(ex, lang) + System.lineSeparator()
        + lang.pick("usage: ", "طرز استفاده: ") + synopsis
        + lang.pick("  (more: " + name + " --help)", "  (راهنما: " + name + " --help)");
  }

  /** The sentence alone. */
  static String sentence(ParameterException ex, Lang lang) {
    if (ex instanceof UsageError u) {
      return lang.pick(u.getMessage(), u.persian);
    }
    Optional<BadValue> bad = Optional.ofNullable(ex.getCause()).filter(BadValue.class::isInstance)
        .map(BadValue.class::cast);
    if (bad.isPresent()) {
      return label(ex.getArgSpec()) + ": " + bad.get().message(lang);
    }
    if (lang == Lang.EN) {
      return ex.getMessage();
    }
    if (ex instanceof MissingParameterException m) {
      return "این ورودی لازم است و داده نشده: "
          + m.getMissing().stream().map(UsageErrors::label).collect(Collectors.joining("، "));
    }
    if (ex instanceof UnmatchedArgumentException u) {
      return "این ورودی شناخته نیست: " + String.join(" ", u.getUnmatched());
    }
    ArgSpec arg = ex.getArgSpec();
    return arg == null ? "ورودی فرمان درست نیست." : "مقدار " + label(arg) + " درست نیست.";
  }

  private static String label(ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      return o.longestName();
    }
    if (arg instanceof PositionalParamSpec p) {
      return p.paramLabel();
    }
    return arg == null ? "" : arg.paramLabel();
  }
}
