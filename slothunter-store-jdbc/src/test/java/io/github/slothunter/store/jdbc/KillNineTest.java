package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.Watch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9}: a forked JVM ({@link KilledWriter}, on this JVM's class path) writes to the
 * embedded H2 store and says so, and is killed ({@link Process#destroyForcibly()}, SIGKILL on Unix) as soon as the line is
 * read; the store, reopened, has every write. Without {@code WRITE_DELAY=0} H2 would still hold them
 * in memory (its default delays writing by up to 500 ms) and they would be gone.
 *
 * <p>Rounds write to the same database, one process each, so a later round also proves that the
 * earlier rounds' files survived the kills. A round runs only while the last fork took under
 * {@link #FAST_FORK}; there are at most {@link #MAX_ROUNDS}.
 */
class KillNineTest {
  static final int MAX_ROUNDS = 5;
  static final Duration FAST_FORK = Duration.ofSeconds(2);
  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void everyWriteAStoreCallReportedDoneSurvivesAKillOfTheProcess() throws Exception {
    Path db = dir.resolve("db");
    List<Duration> forks = new ArrayList<>();

    for (int round = 1; round <= MAX_ROUNDS; round++) {
      forks.add(writeAndKill(db, round));

      try (JdbcStore store = JdbcStore.h2(db, TestDatabase.KEY)) {
        List<String> undelivered = store.undelivered(KilledWriter.PUBLISHER).stream().map(SlotEvent::id).toList();
        for (int r = 1; r <= round; r++) {
          Watch w = KilledWriter.watch(r);
          assertThat(store.loadWatch(w.id())).as("round %d's watch after %d kill(s)", r, round).contains(w);
          assertThat(store.attempt(KilledWriter.attempt(r).key())).as("round %d's attempt", r)
              .map(BookingAttempt::state).contains(BookingAttempt.State.BOOKED);
          assertThat(store.announced(w.id())).as("round %d's poll", r)
              .containsExactly(KilledWriter.attempt(r).slot().id());
          assertThat(undelivered).as("round %d's outbox events", r)
              .containsAll(KilledWriter.events(r).stream().map(SlotEvent::id).toList());
        }
      }
      if (forks.get(forks.size() - 1).compareTo(FAST_FORK) >= 0) {
        break; // a slow machine: one round proves it, more would only cost time
      }
    }

    assertThat(forks).as("fork-to-saved times").isNotEmpty();
    System.out.println("KillNineTest: " + forks.size() + " kill(s), fork-to-saved " + forks);
  }

  /** Forks the writer, waits for its line, kills it at once; returns how long the fork took to say it saved. */
  private Duration writeAndKill(Path db, int round) throws Exception {
    Path err = dir.resolve("writer-" + round + ".err");
    ProcessBuilder pb = new ProcessBuilder(ForkedJvm.java(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
        ForkedJvm.classPath(KilledWriter.class, JdbcStore.class),
        KilledWriter.class.getName(), db.toString(), Integer.toString(round))
        .redirectError(err.toFile());
    long started = System.nanoTime();
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out))
          .get(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      p.destroyForcibly(); // at once: no shutdown hook, no H2 close
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(line).as("writer output (stderr: %s)", stderr(err)).isEqualTo("saved " + round);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
      assertThat(p.exitValue()).as("killed by a signal, not exited").isNotZero();
      return took;
    } finally {
      p.destroyForcibly();
    }
  }

  private static String readLine(BufferedReader out) {
    try {
      return out.readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String stderr(Path err) {
    try {
      return Files.exists(err) ? Files.readString(err) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
