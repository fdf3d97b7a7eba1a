package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.spi.TargetLeases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several engine instances, each with its own store on one database and one fake clock. */
class LeasesTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration RENEW = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock("2026-12-05T05:30:00Z");
  private final List<JdbcStore> stores = new ArrayList<>();
  /** What each instance was last granted, and until when: the instance may poll those targets until then. */
  private final Map<String, Set<String>> held = new HashMap<>();
  private final Map<String, Instant> validUntil = new HashMap<>();

  @AfterEach
  void closeStores() {
    stores.forEach(JdbcStore::close);
  }

  private Map<String, TargetLeases> instances(TestDatabase db, String... ids) {
    Map<String, TargetLeases> out = new LinkedHashMap<>();
    for (String id : ids) {
      JdbcStore store = db.open(TestDatabase.KEY, clock);
      stores.add(store);
      out.put(id, store.leases());
    }
    return out;
  }

  private static List<String> targets(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "fake:dr-" + i + "/c1/s1").toList();
  }

  private Set<String> claim(Map<String, TargetLeases> instances, String id, List<String> wanted) {
    Set<String> got = instances.get(id).claim(id, wanted, LEASE);
    assertThat(wanted).containsAll(got);
    held.put(id, got);
    validUntil.put(id, clock.instant().plus(LEASE));
    assertNoTargetHeldTwice();
    return got;
  }

  /** The invariant: no target is in the valid grants of two instances at the current time. */
  private void assertNoTargetHeldTwice() {
    Map<String, String> owner = new HashMap<>();
    held.forEach((id, targets) -> {
      if (clock.instant().isBefore(validUntil.get(id))) {
        for (String t : targets) {
          String previous = owner.put(t, id);
          assertThat(previous).as("target %s held by %s and %s at %s", t, previous, id, clock.instant()).isNull();
        }
      }
    });
  }

  private Set<String> union(String... ids) {
    Set<String> out = new HashSet<>();
    for (String id : ids) {
      out.addAll(held.getOrDefault(id, Set.of()));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aStoppedInstanceLosesItsTargetsAfterOneLeaseAndTheOthersTakeThem(TestDatabase.Kind kind) {
    Map<String, TargetLeases> leases = instances(kind.create(dir), "a", "b", "c");
    List<String> all = targets(0, 30);

    assertThat(claim(leases, "a", targets(0, 20))).containsExactlyInAnyOrderElementsOf(targets(0, 20));
    assertThat(claim(leases, "b", targets(10, 30))).containsExactlyInAnyOrderElementsOf(targets(20, 30));
    assertThat(claim(leases, "c", all)).isEmpty();
    assertThat(union("a", "b", "c")).containsExactlyInAnyOrderElementsOf(all);
    assertThat(leases.get("c").liveInstances(LEASE)).isEqualTo(3);

    // "a" stops renewing at 0 s; its lease runs until 30 s
    for (int step = 1; step <= 2; step++) {
      clock.advance(RENEW);
      assertThat(claim(leases, "b", targets(10, 30))).containsExactlyInAnyOrderElementsOf(targets(20, 30));
      assertThat(claim(leases, "c", all)).isEmpty();
    }
    clock.advance(RENEW);
    assertThat(claim(leases, "b", targets(10, 30))).containsExactlyInAnyOrderElementsOf(targets(10, 30));
    assertThat(claim(leases, "c", all)).containsExactlyInAnyOrderElementsOf(targets(0, 10));

    assertThat(union("b", "c")).containsExactlyInAnyOrderElementsOf(all);
    assertThat(leases.get("b").liveInstances(LEASE)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void renewingKeepsTargetsAndReleasingHandsThemOverAtOnce(TestDatabase.Kind kind) {
    Map<String, TargetLeases> leases = instances(kind.create(dir), "a", "b");
    List<String> all = targets(0, 5);
    claim(leases, "a", all);

    for (int step = 0; step < 6; step++) {
      clock.advance(RENEW);
      assertThat(claim(leases, "a", all)).hasSize(5);
      assertThat(claim(leases, "b", all)).isEmpty();
    }
    leases.get("a").release("a", targets(0, 2));
    held.put("a", Set.copyOf(targets(2, 5)));

    assertThat(claim(leases, "b", all)).containsExactlyInAnyOrderElementsOf(targets(0, 2));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void instancesCountAsLiveForOneLeaseTimeAndAtLeastOneIsAlwaysReported(TestDatabase.Kind kind) {
    Map<String, TargetLeases> leases = instances(kind.create(dir), "a", "b");
    assertThat(leases.get("a").liveInstances(LEASE)).isEqualTo(1);

    leases.get("a").claim("a", List.of(), LEASE);
    clock.advance(Duration.ofSeconds(20));
    leases.get("b").claim("b", List.of(), LEASE);

    assertThat(leases.get("a").liveInstances(LEASE)).isEqualTo(2);
    clock.advance(Duration.ofSeconds(10));
    assertThat(leases.get("a").liveInstances(LEASE)).isEqualTo(1);
    clock.advance(Duration.ofHours(2));
    assertThat(leases.get("a").liveInstances(LEASE)).isEqualTo(1);
  }

  @Test
  void leaseTimesMustBePositive() {
    TargetLeases leases = instances(TestDatabase.Kind.H2.create(dir), "a").get("a");

    assertThatThrownBy(() -> leases.claim("a", List.of("t"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> leases.liveInstances(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentClaimsOnPostgresNeverGrantATargetTwice() throws Exception {
    Map<String, TargetLeases> leases = instances(TestDatabase.Kind.POSTGRES.create(dir), "a", "b", "c");
    List<String> all = targets(0, 50);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 15; round++) {
        List<Callable<Set<String>>> claims = new ArrayList<>();
        leases.forEach((id, l) -> claims.add(() -> l.claim(id, all, LEASE)));
        List<Set<String>> results = new ArrayList<>();
        for (Future<Set<String>> f : pool.invokeAll(claims, 30, TimeUnit.SECONDS)) {
          results.add(f.get());
        }

        Set<String> seen = new HashSet<>();
        for (Set<String> r : results) {
          for (String t : r) {
            assertThat(seen.add(t)).as("target %s granted twice in round %d", t, round).isTrue();
          }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        // every few rounds all leases lapse, so the next round is a free-for-all again
        clock.advance(round % 3 == 2 ? LEASE : RENEW);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
