package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.OwnerOnlyFiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void aFreshStartWritesTheAdminKeyToAFileAndPrintsOnlyWhere() throws Exception {
    Path keys = dir.resolve("keys");
    Path data = dir.resolve("data");
    ServerConfig config = ServerConfig.parse(new String[] {"--port", "0", "--data-dir", data.toString(), "--key-dir",
        keys.toString()}, Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (ServerMain.Running running = ServerMain.start(config, Clock.systemUTC(), new PrintStream(out, true,
        StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      Path adminFile = Path.of(find(printed, "admin key: generated into (\\S+)"));
      String admin = Files.readString(adminFile);
      String demo = find(printed, "API key.*: (shk_\\S+)");
      HttpClient http = HttpClient.newHttpClient();
      String base = running.server().baseUrl();

      HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
          .header("Authorization", "Bearer " + demo).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> owners = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/owners"))
          .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(printed).contains("sandbox: fake Paziresh24 at http://127.0.0.1:");
      assertThat(printed).doesNotContain(admin).contains("starts " + admin.substring(0, 8) + "…");
      assertThat(adminFile).isEqualTo(keys.resolve("admin.key"));
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(Json.read(me.body()).get("plan").asText()).isEqualTo("PREMIUM");
      assertThat(owners.statusCode()).isEqualTo(200);
      assertThat(Files.getPosixFilePermissions(adminFile)).isEqualTo(OwnerOnlyFiles.FILE);
      assertThat(Files.getPosixFilePermissions(keys.resolve("store.key"))).isEqualTo(OwnerOnlyFiles.FILE);
      assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
      assertThat(Files.getPosixFilePermissions(data)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
      assertThat(data.resolve("store.key")).doesNotExist();
    }
  }

  @Test
  void theNextStartReadsTheGeneratedAdminKeyAndPrintsNoneOfIt() throws Exception {
    String[] args = {"--port", "0", "--data-dir", dir.resolve("data").toString(), "--key-dir", dir.resolve("k").toString()};
    ServerConfig config = ServerConfig.parse(args, Map.of());
    try (ServerMain.Running first = ServerMain.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(),
        true, StandardCharsets.UTF_8))) {
      assertThat(first.server().ownerCount()).isEqualTo(1);
    }
    String admin = Files.readString(dir.resolve("k").resolve("admin.key"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (ServerMain.Running second = ServerMain.start(config, Clock.systemUTC(), new PrintStream(out, true,
        StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      HttpResponse<String> owners = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          second.server().baseUrl() + "/api/v1/owners")).header("Authorization", "Bearer " + admin).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(printed).contains("admin key: from " + dir.resolve("k").resolve("admin.key")).doesNotContain(admin);
      assertThat(owners.statusCode()).isEqualTo(200);
    }
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex + " in " + text).isTrue();
    return m.group(1);
  }
}
