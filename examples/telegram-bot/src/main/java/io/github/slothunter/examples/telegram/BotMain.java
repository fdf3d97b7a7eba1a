package io.github.slothunter.examples.telegram;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the bot until Ctrl-C.
 *
 * <pre>
 * TELEGRAM_BOT_TOKEN=123:abc java -jar examples/telegram-bot/target/slothunter-telegram-bot.jar --sandbox --admin 42
 * </pre>
 *
 * <p>See {@link BotConfig} for the options. With {@code --sandbox} the testkit's fake Paziresh24
 * runs in this process and nothing real is polled or booked (Telegram itself is still real unless
 * {@code --api-url} points elsewhere).
 */
public final class BotMain {
  private static final Logger log = LoggerFactory.getLogger(BotMain.class);

  private BotMain() {}

  /**
   * Starts the bot and blocks until the JVM shuts down.
   *
   * @param args see {@link BotConfig#USAGE}
   * @throws InterruptedException if the main thread is interrupted while the bot runs
   */
  public static void main(String[] args) throws InterruptedException {
    BotConfig config = config(args, System.getenv(), System.out, System.err);
    if (config == null) {
      System.exit(2);
      return;
    }
    if (config.help()) {
      return;
    }
    Clock clock = Clock.systemUTC();
    Backend backend = config.sandbox() ? Backend.sandbox(clock, config.seed()) : Backend.real(clock);
    if (config.sandbox()) {
      log.info("sandbox: fake Paziresh24 at {}; try /add with one of {}",
          backend.fakeSite().orElseThrow().baseUrl(), backend.exampleLinks());
    }
    Bot bot;
    try {
      bot = Bot.start(config, backend);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      bot.close();
      backend.close();
      stopped.countDown();
    }, "bot-shutdown"));
    stopped.await();
  }

  /** The configuration, or {@code null} after printing why it is wrong; prints the usage for {@code --help}. */
  static BotConfig config(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      BotConfig config = BotConfig.parse(args, env);
      if (config.help()) {
        out.println(BotConfig.USAGE);
      }
      return config;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(BotConfig.USAGE);
      return null;
    }
  }
}
