package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.OwnerOnlyFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's instance id, under which its engine leases targets: generated once into the data
 * directory and reused by every later start (so a restart polls at once), unless {@code --instance-id}
 * names another.
 */
class InstanceIdTest {
  @TempDir
  Path dir;

  private ServerConfig config(String... extra) {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dir.resolve("data").toString(),
        "--key-dir", dir.resolve("keys").toString()));
    args.addAll(List.of(extra));
    return ServerConfig.parse(args.toArray(String[]::new), Map.of());
  }

  /** The instance ids the engine's store has recorded heartbeats for. */
  private static List<String> engineInstances(SlotHunterServer server) {
    return server.database().run("read instances", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT instance_id FROM instances ORDER BY instance_id");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }

  private static ServerMain.Running start(ServerConfig config, ByteArrayOutputStream out) {
    return ServerMain.start(config, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void isGeneratedOnceIntoTheDataDirectoryOwnerOnlyAndReadBackLater() throws Exception {
    ServerConfig config = config();

    InstanceId first = InstanceId.of(config);
    InstanceId second = InstanceId.of(config);

    Path file = dir.resolve("data").resolve(InstanceId.FILE);
    assertThat(first.generated()).isTrue();
    assertThat(first.value()).matches("srv-[0-9a-f]{16}");
    assertThat(first.source()).isEqualTo(file.toString());
    assertThat(Files.readString(file)).isEqualTo(first.value());
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(Files.getPosixFilePermissions(dir.resolve("data"))).isEqualTo(OwnerOnlyFiles.DIRECTORY);
    assertThat(second).isEqualTo(new InstanceId(first.value(), file.toString(), false));
  }

  @Test
  void livesInTheDatabaseDirectoryWhenTheDatabaseIsADirectory() {
    Path db = dir.resolve("db");

    InstanceId id = InstanceId.of(config("--db", db.toString()));

    assertThat(id.source()).isEqualTo(db.resolve(InstanceId.FILE).toString());
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void theOptionWinsAndLeavesTheFileAlone() throws Exception {
    InstanceId kept = InstanceId.of(config());

    InstanceId named = InstanceId.of(config("--instance-id", "node-7"));

    assertThat(named).isEqualTo(new InstanceId("node-7", "--instance-id", false));
    assertThat(Files.readString(dir.resolve("data").resolve(InstanceId.FILE))).isEqualTo(kept.value());
  }

  @Test
  void aDamagedFileIsReportedNotReplaced() throws Exception {
    Path file = dir.resolve("data").resolve(InstanceId.FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "two words\n");

    assertThatThrownBy(() -> InstanceId.of(config())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("--instance-id");
    assertThat(Files.readString(file)).isEqualTo("two words\n");
  }

  @Test
  void aRestartedServerRunsItsEngineUnderTheSameInstanceId() {
    ServerConfig config = config();
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    List<String> firstEngines;
    try (ServerMain.Running first = start(config, firstOut)) {
      firstEngines = engineInstances(first.server());
    }
    String id = InstanceId.of(config).value();
    ByteArrayOutputStream secondOut = new ByteArrayOutputStream();

    List<String> secondEngines;
    try (ServerMain.Running second = start(config, secondOut)) {
      secondEngines = engineInstances(second.server());
    }

    assertThat(firstEngines).containsExactly(id);
    assertThat(secondEngines).containsExactly(id);
    Path file = dir.resolve("data").resolve(InstanceId.FILE);
    assertThat(firstOut.toString(StandardCharsets.UTF_8)).contains("instance id: " + id + " (generated into " + file + ")");
    assertThat(secondOut.toString(StandardCharsets.UTF_8)).contains("instance id: " + id + " (from " + file + ")");
  }

  @Test
  void aServerStartedWithTheOptionRunsItsEngineUnderThatId() {
    String kept = InstanceId.of(config()).value();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    List<String> engines;
    try (ServerMain.Running running = start(config("--instance-id", "node-7"), out)) {
      engines = engineInstances(running.server());
    }

    assertThat(engines).containsExactly("node-7").doesNotContain(kept);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("instance id: node-7 (from --instance-id)");
  }
}
