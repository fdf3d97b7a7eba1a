package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Pii;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the bot runs, from the command line and the environment.
 *
 * <pre>
 * TELEGRAM_BOT_TOKEN=123:abc java -jar slothunter-telegram-bot.jar [--sandbox] [--seed N]
 *     [--admin CHAT_ID] [--api-url URL] [--poll-timeout SECONDS]
 * </pre>
 *
 * <p>The token only comes from {@code TELEGRAM_BOT_TOKEN} (never the command line, which other
 * users of the machine can read). {@code TELEGRAM_ADMIN_CHAT_ID} and {@code TELEGRAM_API_URL} are
 * the environment twins of {@code --admin} and {@code --api-url}; flags win.
 *
 * @param token the bot token; {@link #toString()} masks it
 * @param apiUrl the Bot API prefix the token is appended to, {@value #DEFAULT_API_URL} by default
 * @param adminChatId the chat allowed to {@code /grant}, or {@code null} for none
 * @param sandbox whether to run against the testkit's fake Paziresh24
 * @param seed the sandbox's seed
 * @param pollTimeout the long-polling timeout of {@code getUpdates}
 * @param help whether only the usage was asked for
 */
public record BotConfig(String token, String apiUrl, Long adminChatId, boolean sandbox, long seed,
    Duration pollTimeout, boolean help) {
  /** Telegram's Bot API; the token and a slash follow. */
  public static final String DEFAULT_API_URL = "https://api.telegram.org/bot";
  /** The default long-polling timeout. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(25);
  /** The default sandbox seed. */
  public static final long DEFAULT_SEED = 1405L;
  /** The command-line usage. */
  public static final String USAGE = """
      usage: TELEGRAM_BOT_TOKEN=<token> java -jar slothunter-telegram-bot.jar [options]
        --sandbox               run against a fake Paziresh24 in this process (nothing real is booked)
        --seed N                the sandbox's seed (default 1405)
        --admin CHAT_ID         the chat allowed to /grant plans (or TELEGRAM_ADMIN_CHAT_ID)
        --api-url URL           Bot API prefix, default https://api.telegram.org/bot (or TELEGRAM_API_URL)
        --poll-timeout SECONDS  long-polling timeout, default 25
        --help                  this text""";

  /** Validates. */
  public BotConfig {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    if (!help && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("set TELEGRAM_BOT_TOKEN to the bot's token (from @BotFather)");
    }
    if (token != null && token.chars().anyMatch(c -> c <= ' ' || c == '/')) {
      throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN contains spaces or slashes; paste it exactly");
    }
    if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
      throw new IllegalArgumentException("the API URL must start with http:// or https://");
    }
    if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(50)) > 0) {
      throw new IllegalArgumentException("the poll timeout must be 0-50 seconds: " + pollTimeout.toSeconds());
    }
  }

  /**
   * Reads the flags and the environment.
   *
   * @throws IllegalArgumentException with a message for the user when something is wrong or missing
   */
  public static BotConfig parse(String[] args, Map<String, String> env) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(env, "env");
    String apiUrl = env.getOrDefault("TELEGRAM_API_URL", DEFAULT_API_URL);
    Long admin = env.containsKey("TELEGRAM_ADMIN_CHAT_ID") ? chatId(env.get("TELEGRAM_ADMIN_CHAT_ID")) : null;
    boolean sandbox = false;
    boolean help = false;
    long seed = DEFAULT_SEED;
    Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--sandbox" -> sandbox = true;
        case "--help", "-h" -> help = true;
        case "--seed" -> seed = number(a, value(args, ++i, a));
        case "--admin" -> admin = chatId(value(args, ++i, a));
        case "--api-url" -> apiUrl = value(args, ++i, a);
        case "--poll-timeout" -> pollTimeout = Duration.ofSeconds(number(a, value(args, ++i, a)));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new BotConfig(env.get("TELEGRAM_BOT_TOKEN"), apiUrl, admin, sandbox, seed, pollTimeout, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not '" + value + "'", e);
    }
  }

  private static Long chatId(String value) {
    return number("admin chat id", value);
  }

  /** Masks the token. */
  @Override
  public String toString() {
    return "BotConfig[token=" + Pii.maskToken(token) + ", apiUrl=" + apiUrl + ", adminChatId=" + adminChatId
        + ", sandbox=" + sandbox + ", seed=" + seed + ", pollTimeout=" + pollTimeout + ", help=" + help + "]";
  }
}
