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
    assertThat(c.adminKey()).isNull();
    assertThat(c.rateLimit()).isEqualTo(20);
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
        "--no-sandbox", "--seed", "7", "--allow-private-webhooks", "--rate-limit", "50"},
        Map.of("SLOTHUNTER_ADMIN_KEY", "env-admin-key-1234567", "SLOTHUNTER_STORE_KEY", "a2V5",
            "SLOTHUNTER_DB_USER", "u", "SLOTHUNTER_DB_PASSWORD", "p"));

    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.sandbox()).isFalse();
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.allowPrivateWebhooks()).isTrue();
    assertThat(c.rateLimit()).isEqualTo(50);
    assertThat(c.adminKey()).isEqualTo("env-admin-key-1234567");
    assertThat(c.storeKeyBase64()).isEqualTo("a2V5");
    assertThat(c.dbUser()).isEqualTo("u");
    assertThat(c.dbPassword()).isEqualTo("p");
    assertThat(c.toString()).doesNotContain("env-admin-key");
  }

  @Test
  void theFlagWinsOverTheEnvironmentForTheAdminKey() {
    ServerConfig c = ServerConfig.parse(new String[] {"--admin-key", "flag-admin-key-12345"},
        Map.of("SLOTHUNTER_ADMIN_KEY", "env-admin-key-1234567"));

    assertThat(c.adminKey()).isEqualTo("flag-admin-key-12345");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("--port");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "x"}, Map.of())).hasMessageContaining("number");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "70000"}, Map.of())).hasMessageContaining("65535");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--admin-key", "short"}, Map.of())).hasMessageContaining("16");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--seed", "x"}, Map.of())).hasMessageContaining("--seed");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--bogus"}, Map.of())).hasMessageContaining("--bogus");
    assertThat(ServerConfig.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }
}
