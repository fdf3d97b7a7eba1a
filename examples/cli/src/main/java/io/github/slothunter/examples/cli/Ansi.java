package io.github.slothunter.examples.cli;

/** ANSI colors, drawn only when the {@link Cli} says stdout is a color terminal. Stateless. */
enum Ansi {
  BOLD("1"), DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), BLUE("34"), MAGENTA("35"), CYAN("36"),
  BOLD_GREEN("1;32"), BOLD_RED("1;31");

  private final String code;

  Ansi(String code) {
    this.code = code;
  }

  /** The text in this color when {@code on}, else unchanged. */
  String paint(String text, boolean on) {
    return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
