package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Pii;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the bot runs, from the command line and the environment.
 *
 * <pre>
 * TELEGRAM_BOT_TOKEN=123:abc java -jar slothunter-telegram-bot.jar [--sandbox] [--seed N]
 *     [--admin CHAT_ID] [--api-url URL] [--poll-timeout SECONDS] [--db URL|DIR] [--store-key-file FILE]
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
 * @param storage where the bot keeps its state
 */
public record BotConfig(String token, String apiUrl, Long adminChatId, boolean sandbox, long seed,
    Duration pollTimeout, boolean help, Storage storage) {
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
        --db URL|DIR            the bot's database: a jdbc:postgresql: or jdbc:h2: URL, or a directory for an
                                embedded H2 file (default slothunter-bot-data; or SLOTHUNTER_BOT_DB); user and
                                password from SLOTHUNTER_DB_USER and SLOTHUNTER_DB_PASSWORD
        --store-key-file FILE   the 32-byte key sealing patients and logins in the database, created on first
                                start (default ~/.config/slothunter-bot/store.key; or SLOTHUNTER_STORE_KEY_FILE,
                                or the key itself in base64 in SLOTHUNTER_STORE_KEY)
        --help                  this text""";
  /** The default database: an embedded H2 file in this directory. */
  public static final String DEFAULT_DB = "slothunter-bot-data";

  /** Validates. */
  public BotConfig {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(storage, "storage");
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
    String db = env.getOrDefault("SLOTHUNTER_BOT_DB", DEFAULT_DB);
    Path keyFile = env.containsKey("SLOTHUNTER_STORE_KEY_FILE") ? Path.of(env.get("SLOTHUNTER_STORE_KEY_FILE"))
        : defaultKeyFile(env);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--sandbox" -> sandbox = true;
        case "--help", "-h" -> help = true;
        case "--seed" -> seed = number(a, value(args, ++i, a));
        case "--admin" -> admin = chatId(value(args, ++i, a));
        case "--api-url" -> apiUrl = value(args, ++i, a);
        case "--poll-timeout" -> pollTimeout = Duration.ofSeconds(number(a, value(args, ++i, a)));
        case "--db" -> db = value(args, ++i, a);
        case "--store-key-file" -> keyFile = Path.of(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    Storage storage = new Storage(db, env.get("SLOTHUNTER_DB_USER"), env.get("SLOTHUNTER_DB_PASSWORD"),
        env.get("SLOTHUNTER_STORE_KEY"), keyFile);
    return new BotConfig(env.get("TELEGRAM_BOT_TOKEN"), apiUrl, admin, sandbox, seed, pollTimeout, help, storage);
  }

  /** {@code $XDG_CONFIG_HOME/slothunter-bot/store.key}, or under {@code ~/.config}. */
  static Path defaultKeyFile(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("slothunter-bot").resolve("store.key");
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
        + ", sandbox=" + sandbox + ", seed=" + seed + ", pollTimeout=" + pollTimeout + ", help=" + help
        + ", storage=" + storage + "]";
  }

  /**
   * Where the bot keeps its state: its database (shared with the engine's store) and the key that seals
   * what is personal in it.
   *
   * @param db a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:h2:}) or a directory for an embedded H2 file
   * @param dbUser the database user, or {@code null}
   * @param dbPassword the database password, or {@code null}; {@link #toString()} hides it
   * @param storeKeyBase64 the store key itself (32 bytes, base64), or {@code null} to use {@code storeKeyFile};
   *     {@link #toString()} hides it
   * @param storeKeyFile the store key's file, created owner-only on first start when missing
   */
  public record Storage(String db, String dbUser, String dbPassword, String storeKeyBase64, Path storeKeyFile) {
    /** Validates. */
    public Storage {
      Objects.requireNonNull(db, "db");
      Objects.requireNonNull(storeKeyFile, "storeKeyFile");
      if (db.isBlank()) {
        throw new IllegalArgumentException("--db needs a JDBC URL or a directory");
      }
    }

    /** An embedded H2 database in {@code dir} with its key file {@code keyFile}. */
    public static Storage embedded(Path dir, Path keyFile) {
      return new Storage(dir.toString(), null, null, null, keyFile);
    }

    /** Hides the password and the key. */
    @Override
    public String toString() {
      return "Storage[db=" + BotDatabase.redactUrl(db) + (dbUser == null ? "" : ", user=" + dbUser)
          + (dbPassword == null ? "" : ", password=***")
          + ", key=" + (storeKeyBase64 != null ? "SLOTHUNTER_STORE_KEY" : storeKeyFile.toString()) + "]";
    }
  }
}
