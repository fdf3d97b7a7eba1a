package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void defaultsToTheSandboxOnEmbeddedStorage() {
    ServerConfig c = ServerConfig.parse(new String[0], Map.of());

    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.sandbox()).isTrue();
    assertThat(c.database()).isEqualTo("slothunter-data");
    assertThat(c.keys().adminKey()).isNull();
    assertThat(c.keys().keyDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".config", "slothunter"));
    assertThat(c.rateLimit()).isEqualTo(20);
    assertThat(c.streams()).isEqualTo(ServerConfig.Streams.DEFAULTS);
    assertThat(c.dedupIds()).isEqualTo(10_000);
    assertThat(c.instanceId()).isNull();
  }

  @Test
  void aDatabaseUrlTurnsTheSandboxOffUnlessAsked() {
    String url = "jdbc:postgresql://db/slothunter?user=app&password=s3cret";

    ServerConfig real = ServerConfig.parse(new String[] {"--db", url}, Map.of());
    ServerConfig both = ServerConfig.parse(new String[] {"--db", url, "--sandbox"}, Map.of());

    assertThat(real.sandbox()).isFalse();
    assertThat(real.database()).isEqualTo(url);
    assertThat(both.sandbox()).isTrue();
    assertThat(real.toString()).doesNotContain("s3cret");
  }

  @Test
  void readsEveryOptionAndTheEnvironment() {
    ServerConfig c = ServerConfig.parse(new String[] {"--port", "9090", "--host", "0.0.0.0", "--data-dir", "/tmp/x",
        "--no-sandbox", "--seed", "7", "--allow-private-webhooks", "--rate-limit", "50", "--key-dir", "/etc/sh",
        "--allow-store-key-in-data-dir", "--streams-per-owner", "5", "--max-streams", "50", "--tickets-per-owner", "6",
        "--max-tickets", "60", "--instance-id", "node-7.example:1", "--dedup-ids", "500"},
        Map.of("SLOTHUNTER_ADMIN_KEY", "env-admin-key-1234567", "SLOTHUNTER_STORE_KEY", "a2V5",
            "SLOTHUNTER_DB_USER", "u", "SLOTHUNTER_DB_PASSWORD", "p"));

    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.sandbox()).isFalse();
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.allowPrivateWebhooks()).isTrue();
    assertThat(c.rateLimit()).isEqualTo(50);
    assertThat(c.keys().adminKey()).isEqualTo("env-admin-key-1234567");
    assertThat(c.keys().adminKeyOnCommandLine()).isFalse();
    assertThat(c.keys().storeKeyBase64()).isEqualTo("a2V5");
    assertThat(c.keys().keyDir()).isEqualTo(Path.of("/etc/sh"));
    assertThat(c.keys().storeKeyInDataDir()).isTrue();
    assertThat(c.streams()).isEqualTo(new ServerConfig.Streams(5, 50, 6, 60));
    assertThat(c.dedupIds()).isEqualTo(500);
    assertThat(c.instanceId()).isEqualTo("node-7.example:1");
    assertThat(c.dbUser()).isEqualTo("u");
    assertThat(c.dbPassword()).isEqualTo("p");
    assertThat(c.toString()).doesNotContain("env-admin-key").doesNotContain("a2V5");
  }

  @Test
  void theFlagWinsOverTheEnvironmentForTheAdminKey() {
    ServerConfig c = ServerConfig.parse(new String[] {"--admin-key", "flag-admin-key-12345"},
        Map.of("SLOTHUNTER_ADMIN_KEY", "env-admin-key-1234567"));

    assertThat(c.keys().adminKey()).isEqualTo("flag-admin-key-12345");
    assertThat(c.keys().adminKeyOnCommandLine()).isTrue();
  }

  @Test
  void keysMayComeFromFilesACommandAndTheXdgDirectory() {
    ServerConfig files = ServerConfig.parse(new String[0], Map.of("SLOTHUNTER_ADMIN_KEY_FILE", "/run/secrets/admin",
        "SLOTHUNTER_STORE_KEY_FILE", "/run/secrets/store", "XDG_CONFIG_HOME", "/home/op/.cfg"));
    ServerConfig command = ServerConfig.parse(new String[] {"--store-key-command", "vault kv get -field=key x",
        "--admin-key-file", "/etc/admin"}, Map.of("SLOTHUNTER_STORE_KEY", "ignored-when-an-option-names-a-source"));

    assertThat(files.keys().adminKeyFile()).isEqualTo(Path.of("/run/secrets/admin"));
    assertThat(files.keys().storeKeyFile()).isEqualTo(Path.of("/run/secrets/store"));
    assertThat(files.keys().keyDir()).isEqualTo(Path.of("/home/op/.cfg/slothunter"));
    assertThat(command.keys().storeKeyCommand()).isEqualTo("vault kv get -field=key x");
    assertThat(command.keys().storeKeyBase64()).isNull();
    assertThat(command.keys().adminKeyFile()).isEqualTo(Path.of("/etc/admin"));
  }

  @Test
  void ambiguousKeySourcesAreRefused() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--admin-key", "flag-admin-key-12345", "--admin-key-file",
        "/x"}, Map.of())).hasMessageContaining("not both");
    assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("SLOTHUNTER_STORE_KEY", "a2V5",
        "SLOTHUNTER_STORE_KEY_FILE", "/x"))).hasMessageContaining("one store key source");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--store-key-file", "/x", "--store-key-command", "cat /x"},
        Map.of())).hasMessageContaining("one store key source");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--streams-per-owner", "30", "--max-streams", "20"},
        Map.of())).hasMessageContaining("--max-streams");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("--port");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "x"}, Map.of())).hasMessageContaining("number");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "70000"}, Map.of())).hasMessageContaining("65535");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--admin-key", "short"}, Map.of())).hasMessageContaining("16");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--seed", "x"}, Map.of())).hasMessageContaining("--seed");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--bogus"}, Map.of())).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--instance-id", "a b"}, Map.of()))
        .hasMessageContaining("--instance-id");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--instance-id", "x".repeat(101)}, Map.of()))
        .hasMessageContaining("--instance-id");
    assertThat(ServerConfig.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }
}
