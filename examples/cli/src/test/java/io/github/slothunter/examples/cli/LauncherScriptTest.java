package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./slothunter} launcher's first-run build, with a fake {@code mvn} and {@code java} on
 * the PATH: the script is copied into an empty "repository", so nothing is really built.
 */
class LauncherScriptTest {
  private static final Path SCRIPT = Path.of("../../slothunter");

  @TempDir
  Path repo;

  private static final String MAVEN_LOG = String.join("\n",
      "[INFO] Scanning for projects...",
      "[INFO] ------------------------------------------------------------------------",
      "[INFO] Reactor Build Order:",
      "[INFO] Building SlotHunter API 0.1.0-SNAPSHOT                               [1/3]",
      "[INFO] --- compiler:3.14.1:compile (default-compile) @ slothunter-api ---",
      "[INFO] Building SlotHunter core 0.1.0-SNAPSHOT                              [2/3]",
      "[INFO] Building SlotHunter example: CLI 0.1.0-SNAPSHOT                      [3/3]",
      "[INFO] BUILD SUCCESS", "");

  @Test
  void firstRunSaysWhatIsHappeningAndPrintsOneLinePerModuleButNotMavensLog() throws Exception {
    Path bin = fakeTools("printf '%s' \"$MAVEN_LOG\"\n"
        + "mkdir -p examples/cli/target && touch examples/cli/target/slothunter.jar\n");

    Result r = launch(bin, "demo");

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.err).contains("building the command line (first run only; about 1-2 minutes)")
        .contains("[1/3] SlotHunter API").contains("[2/3] SlotHunter core").contains("[3/3] SlotHunter example: CLI")
        .contains("built in").doesNotContain("[INFO]").doesNotContain("compiler:");
    assertThat(r.err.lines().filter(l -> l.contains("[2/3]"))).hasSize(1);
    assertThat(r.out).contains("java ran -jar").contains("slothunter.jar demo");
  }

  @Test
  void aFailedBuildShowsMavensWholeLogAndHowToRetry() throws Exception {
    Path bin = fakeTools("printf '%s' \"$MAVEN_LOG\"\necho '[ERROR] COMPILATION ERROR in Foo.java'\nexit 1\n");

    Result r = launch(bin, "demo");

    assertThat(r.exit).isEqualTo(1);
    assertThat(r.err).contains("[1/3] SlotHunter API").contains("[ERROR] COMPILATION ERROR in Foo.java")
        .contains("[INFO] Reactor Build Order:").contains("the build failed").contains("to retry: cd ");
    assertThat(r.out).doesNotContain("java ran");
  }

  @Test
  void ctrlCDuringTheBuildStopsMavenToo() throws Exception {
    Path bin = fakeTools("echo $$ > mvn.pid\necho '[INFO] Building SlotHunter API 0.1.0-SNAPSHOT   [1/3]'\n"
        + "while :; do sleep 0.2; done\n");
    ProcessBuilder pb = launcher(bin, "demo");
    Path err = repo.resolve("err.txt");
    pb.redirectOutput(repo.resolve("out.txt").toFile()).redirectError(err.toFile());
    Process p = pb.start();
    awaitCondition(() -> Files.exists(repo.resolve("mvn.pid")) && Files.readString(err).contains("[1/3]"));
    long mvn = Long.parseLong(Files.readString(repo.resolve("mvn.pid")).strip());

    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    assertThat(Files.readString(err)).contains("build interrupted");
    awaitCondition(() -> ProcessHandle.of(mvn).map(h -> !h.isAlive()).orElse(true));
  }

  private static void awaitCondition(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  @Test
  void aBuiltJarRunsWithoutBuilding() throws Exception {
    Path bin = fakeTools("echo 'mvn must not run' >&2\nexit 1\n");
    Files.createDirectories(repo.resolve("examples/cli/target"));
    Files.createFile(repo.resolve("examples/cli/target/slothunter.jar"));

    Result r = launch(bin, "--help");

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.err).isEmpty();
    assertThat(r.out).contains("slothunter.jar --help");
  }

  private Path fakeTools(String mvnBody) throws IOException {
    Files.copy(SCRIPT, repo.resolve("slothunter"));
    Path bin = Files.createDirectories(repo.resolve("fake-bin"));
    script(bin.resolve("mvn"), mvnBody);
    script(bin.resolve("java"), "if [ \"$1\" = -version ]; then echo 'openjdk version \"17.0.9\" 2023-10-17' >&2;"
        + " exit 0; fi\necho \"java ran $*\"\n");
    return bin;
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private ProcessBuilder launcher(Path bin, String... args) {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add("sh");
    pb.command().add(repo.resolve("slothunter").toString());
    pb.command().addAll(java.util.List.of(args));
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("MAVEN_LOG", MAVEN_LOG);
    pb.environment().put("TMPDIR", repo.toString());
    return pb;
  }

  private Result launch(Path bin, String... args) throws Exception {
    ProcessBuilder pb = launcher(bin, args);
    Path out = repo.resolve("out.txt");
    Path err = repo.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Result(int exit, String out, String err) {}
}
