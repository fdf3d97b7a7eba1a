package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotConfigTest {
  private static final Map<String, String> ENV = Map.of("TELEGRAM_BOT_TOKEN", "123456:secret-token");

  @Test
  void readsDefaultsFromTheEnvironment() {
    BotConfig c = BotConfig.parse(new String[0], ENV);

    assertThat(c.token()).isEqualTo("123456:secret-token");
    assertThat(c.apiUrl()).isEqualTo(BotConfig.DEFAULT_API_URL);
    assertThat(c.adminChatId()).isNull();
    assertThat(c.sandbox()).isFalse();
    assertThat(c.pollTimeout()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void flagsWinOverTheEnvironment() {
    Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", "1:t", "TELEGRAM_ADMIN_CHAT_ID", "5",
        "TELEGRAM_API_URL", "http://127.0.0.1:1/bot");

    BotConfig fromEnv = BotConfig.parse(new String[0], env);
    BotConfig c = BotConfig.parse(new String[] {"--sandbox", "--seed", "7", "--admin", "-100", "--api-url",
        "http://127.0.0.1:2/bot", "--poll-timeout", "3"}, env);

    assertThat(fromEnv.adminChatId()).isEqualTo(5L);
    assertThat(fromEnv.apiUrl()).isEqualTo("http://127.0.0.1:1/bot");
    assertThat(c).isEqualTo(new BotConfig("1:t", "http://127.0.0.1:2/bot", -100L, true, 7, Duration.ofSeconds(3), false,
        c.storage()));
  }

  @Test
  void refusesMissingTokenBadValuesAndUnknownFlags() {
    assertThatThrownBy(() -> BotConfig.parse(new String[0], Map.of())).hasMessageContaining("TELEGRAM_BOT_TOKEN");
    assertThatThrownBy(() -> BotConfig.parse(new String[] {"--seed"}, ENV)).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BotConfig.parse(new String[] {"--seed", "x"}, ENV)).hasMessageContaining("number");
    assertThatThrownBy(() -> BotConfig.parse(new String[] {"--token", "x"}, ENV)).hasMessageContaining("unknown option");
    assertThatThrownBy(() -> BotConfig.parse(new String[] {"--api-url", "ftp://x"}, ENV)).hasMessageContaining("http");
    assertThatThrownBy(() -> BotConfig.parse(new String[] {"--poll-timeout", "90"}, ENV)).hasMessageContaining("0-50");
    assertThatThrownBy(() -> BotConfig.parse(new String[0], Map.of("TELEGRAM_BOT_TOKEN", "a b")))
        .hasMessageContaining("spaces");
  }

  @Test
  void storageDefaultsToAnEmbeddedDatabaseAndAKeyFileOutsideIt() {
    BotConfig c = BotConfig.parse(new String[0], Map.of("TELEGRAM_BOT_TOKEN", "1:t", "XDG_CONFIG_HOME", "/cfg"));

    assertThat(c.storage().db()).isEqualTo(BotConfig.DEFAULT_DB);
    assertThat(c.storage().storeKeyFile()).isEqualTo(Path.of("/cfg/slothunter-bot/store.key"));
    assertThat(c.storage().storeKeyBase64()).isNull();
  }

  @Test
  void storageFlagsWinAndSecretsComeOnlyFromTheEnvironmentAndAreNeverPrinted() {
    Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", "1:t", "SLOTHUNTER_BOT_DB", "/from-env",
        "SLOTHUNTER_DB_USER", "bot", "SLOTHUNTER_DB_PASSWORD", "pw-secret", "SLOTHUNTER_STORE_KEY", "a2V5LXNlY3JldA==");

    BotConfig c = BotConfig.parse(new String[] {"--db", "jdbc:postgresql://db/bot?password=url-secret",
        "--store-key-file", "/keys/bot.key"}, env);

    assertThat(c.storage().db()).isEqualTo("jdbc:postgresql://db/bot?password=url-secret");
    assertThat(c.storage().dbUser()).isEqualTo("bot");
    assertThat(c.storage().storeKeyFile()).isEqualTo(Path.of("/keys/bot.key"));
    assertThat(c.toString()).doesNotContain("pw-secret").doesNotContain("url-secret").doesNotContain("a2V5");
    assertThat(BotConfig.parse(new String[0], env).storage().db()).isEqualTo("/from-env");
  }

  @Test
  void neverPrintsTheToken() {
    assertThat(BotConfig.parse(new String[0], ENV).toString()).doesNotContain("secret").contains("<redacted:19 chars>");
  }

  @Test
  void mainPrintsTheUsageForHelpAndForMistakes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    BotConfig help = BotMain.config(new String[] {"--help"}, Map.of(), o, e);
    BotConfig bad = BotMain.config(new String[] {"--nope"}, ENV, o, e);

    assertThat(help.help()).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--sandbox");
    assertThat(bad).isNull();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: unknown option --nope").contains("usage:");
  }
}
