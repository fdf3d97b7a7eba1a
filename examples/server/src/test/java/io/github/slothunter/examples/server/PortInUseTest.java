package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port stops the server with one sentence and a non-zero exit, not a stack trace. */
class PortInUseTest {
  @TempDir
  Path dir;

  @Test
  void aTakenPortPrintsOneSentenceAndExitsNonZero() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Path err = dir.resolve("stderr.txt");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", mainResourcesFirst(), ServerMain.class.getName(),
          "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString(),
          "--key-dir", dir.resolve("keys").toString()));
      Process p = new ProcessBuilder(command).redirectError(err.toFile())
          .redirectOutput(dir.resolve("stdout.txt").toFile()).start();

      boolean exited = p.waitFor(120, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly();
      }

      String printed = read(err);
      assertThat(exited).as("the server should give up at once; stderr: " + printed).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(printed).contains("error: port " + port + " is in use on 127.0.0.1; pass --port N")
          .contains("SLOTHUNTER_PORT")
          .doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(printed.lines().filter(l -> l.contains("error") || l.contains("ERROR"))).hasSize(1);
    }
  }

  @Test
  void startRefusesATakenPortBeforeOpeningTheDatabase() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ServerConfig config = ServerConfig.parse(new String[] {"--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dir.resolve("data").toString(), "--key-dir", dir.resolve("keys").toString()}, java.util.Map.of());

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerMain.start(config, java.time.Clock.systemUTC(),
              new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
          .isInstanceOf(ServerMain.PortInUse.class)
          .hasMessage("port " + taken.getLocalPort() + " is in use on 127.0.0.1; pass --port N (another port, or 0 for"
              + " any free one) or set SLOTHUNTER_PORT, or stop the program that holds it");
      assertThat(dir.resolve("data")).doesNotExist();
    }
  }

  @Test
  void thePortComesFromTheEnvironmentWhenNoOptionGivesIt() {
    ServerConfig fromEnv = ServerConfig.parse(new String[0], java.util.Map.of("SLOTHUNTER_PORT", "9090"));
    ServerConfig optionWins = ServerConfig.parse(new String[] {"--port", "7070"}, java.util.Map.of("SLOTHUNTER_PORT", "9090"));

    assertThat(fromEnv.port()).isEqualTo(9090);
    assertThat(optionWins.port()).isEqualTo(7070);
  }

  /** The test class path with the main classes first, so the server's own logging configuration applies. */
  private static String mainResourcesFirst() {
    List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
    entries.sort(java.util.Comparator.comparing(e -> e.endsWith("test-classes") ? 1 : 0));
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
