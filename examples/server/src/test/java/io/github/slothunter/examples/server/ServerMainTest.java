package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command start: sandbox, embedded database, generated admin key, a demo owner ready to use. */
class ServerMainTest {
  @TempDir
  Path dir;

  @Test
  void aFreshStartPrintsKeysThatWork() throws Exception {
    ServerConfig config = ServerConfig.parse(new String[] {"--port", "0", "--data-dir", dir.toString()}, Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (ServerMain.Running running = ServerMain.start(config, Clock.systemUTC(), new PrintStream(out, true,
        StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      String admin = find(printed, "admin key.*: (sha_\\S+)");
      String demo = find(printed, "API key.*: (shk_\\S+)");
      HttpClient http = HttpClient.newHttpClient();
      String base = running.server().baseUrl();

      HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
          .header("Authorization", "Bearer " + demo).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> owners = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/owners"))
          .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(printed).contains("sandbox: fake Paziresh24 at http://127.0.0.1:");
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(Json.read(me.body()).get("plan").asText()).isEqualTo("PREMIUM");
      assertThat(owners.statusCode()).isEqualTo(200);
      assertThat(Files.getPosixFilePermissions(dir.resolve("store.key")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void theStoreKeyIsMadeOnceAndReused() {
    ServerConfig config = ServerConfig.parse(new String[] {"--data-dir", dir.toString()}, Map.of());

    byte[] first = ServerMain.storeKey(config);
    byte[] second = ServerMain.storeKey(config);

    assertThat(first).hasSize(32).isEqualTo(second);
  }

  @Test
  void theStoreKeyMayComeFromTheEnvironment() {
    String b64 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    ServerConfig good = ServerConfig.parse(new String[0], Map.of("SLOTHUNTER_STORE_KEY", b64));
    ServerConfig shortKey = ServerConfig.parse(new String[0], Map.of("SLOTHUNTER_STORE_KEY", "a2V5"));
    ServerConfig notBase64 = ServerConfig.parse(new String[0], Map.of("SLOTHUNTER_STORE_KEY", "***"));

    assertThat(ServerMain.storeKey(good)).isEqualTo(new byte[32]);
    assertThatThrownBy(() -> ServerMain.storeKey(shortKey)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> ServerMain.storeKey(notBase64)).hasMessageContaining("base64");
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex + " in " + text).isTrue();
    return m.group(1);
  }
}
