package io.github.slothunter.examples.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whether the answer time of a failed authentication tells a valid key id from an unknown one (not
 * run by {@code mvn verify}; it prints figures and asserts nothing). Over real HTTP on localhost it
 * times, interleaved so both see the same load: a valid key id with a wrong secret (its key cached,
 * as for an owner in use), an unknown key id that is new every time (a database query each), and one
 * unknown key id repeated (remembered as unknown). It runs once with the production
 * {@link Authenticator#FAILURE_FLOOR} and once without it, which shows what the floor hides.
 *
 * <pre>
 * mvn -B -o -q -pl examples/server test -Djacoco.skip=true -Dtest=AuthTimingBenchmark -Dn=500
 * </pre>
 *
 * (surefire runs it only when named: the class name does not end in {@code Test}), or as a main with
 * the test classpath. Argument: requests per kind and run (at least 400; default 500).
 */
public final class AuthTimingBenchmark {
  /** Run through surefire: {@code -Dn=} sets the requests per kind. */
  @Test
  void printsTheFigures() {
    main(new String[] {System.getProperty("n", "500")});
  }

  /**
   * Runs both measurements and prints medians and 90th percentiles in milliseconds.
   *
   * @param args requests per kind
   */
  public static void main(String[] args) {
    int n = Math.max(400, args.length > 0 ? Integer.parseInt(args[0]) : 500);
    System.out.printf("failed authentications over HTTP on localhost, n=%d per kind, interleaved%n", n);
    measure("production floor " + Authenticator.FAILURE_FLOOR.toMillis() + " ms", Authenticator.FAILURE_FLOOR, n);
    measure("no floor (what the floor hides)", Duration.ZERO, n);
  }

  private static void measure(String label, Duration floor, int n) {
    try (TestServer s = TestServer.throwaway(b -> b.failureFloor(floor).anonymousRateLimit(10_000_000, 1)
        .keyIdFailureRateLimit(10_000_000, 1))) {
      TestServer.Created owner = s.owner("timed", "FREE");
      String wrongSecret = owner.key().substring(0, 21) + "x".repeat(43);
      String repeated = unknown(Long.MAX_VALUE / 2);
      for (int i = 0; i < 200; i++) { // warm-up: JIT, connections, caches
        s.get("/api/v1/me", wrongSecret);
        s.get("/api/v1/me", unknown(i));
        s.get("/api/v1/me", repeated);
      }
      List<Double> known = new ArrayList<>();
      List<Double> fresh = new ArrayList<>();
      List<Double> remembered = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        known.add(time(s, wrongSecret));
        fresh.add(time(s, unknown(1_000_000L + i)));
        remembered.add(time(s, repeated));
      }
      System.out.printf("%s:%n", label);
      print("  valid id, wrong secret      ", known);
      print("  unknown id, new every time  ", fresh);
      print("  unknown id, repeated        ", remembered);
      System.out.printf("  median difference (new unknown - valid): %+.3f ms%n", median(fresh) - median(known));
    }
  }

  private static double time(TestServer s, String key) {
    long t0 = System.nanoTime();
    int status = s.get("/api/v1/me", key).status();
    double ms = (System.nanoTime() - t0) / 1e6;
    if (status != 401) {
      throw new IllegalStateException("expected 401, got " + status);
    }
    return ms;
  }

  private static String unknown(long i) {
    return "shk_" + String.format("%016x", i) + "_" + "G".repeat(43);
  }

  private static void print(String label, List<Double> ms) {
    System.out.printf("%s median %.3f ms, p90 %.3f ms%n", label, median(ms), percentile(ms, 0.9));
  }

  private static double median(List<Double> ms) {
    return percentile(ms, 0.5);
  }

  private static double percentile(List<Double> ms, double p) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
