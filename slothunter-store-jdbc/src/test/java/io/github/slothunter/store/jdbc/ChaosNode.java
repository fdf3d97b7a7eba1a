package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Store;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Not a test: the auto-booking process {@link BookingChaosTest} kills. One engine (manual
 * scheduling, its own clock, 30 s a round) on the store and the fake Paziresh24 it is given; it
 * prints {@code watch <id>} once a watch it registered is confirmed, {@code event <type> <id>
 * <verified>} for every event its listener hears, and runs rounds until it is killed.
 *
 * <p>Arguments: the database {@linkplain TestDatabase#location() location}, the fake's base URL,
 * the start instant, the session token, its user id, and {@code create:<doctor link>} (register an
 * auto-booking watch, then run) or {@code create-and-wait:<doctor link>} (register, then wait to be
 * killed) or {@code resume} (run the watches the store has).
 */
public final class ChaosNode {
  static final String OWNER = "u1";

  private ChaosNode() {}

  /** The engine both lives use: same instance id, plans and provider settings. */
  static SlotHunter engine(String fakeUrl, Store store, Clock clock) {
    return SlotHunter.builder().provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", fakeUrl)
        .plans(Plans.of(Plans.PREMIUM, List.of(Plans.PREMIUM)))
        .store(store).clock(clock).closeTimeout(Duration.ofSeconds(2)).manualScheduling().instanceId("node-1")
        .build();
  }

  /**
   * How a heard event is printed: {@code event <type> <id>}, then for a success whether it was
   * verified, for a failure whether it says both bookings stand.
   */
  static String line(SlotEvent e) {
    String tail = e instanceof BookingSucceeded b ? (b.verified() ? " verified" : " unverified")
        : e instanceof BookingFailed f ? (f.reason().contains("both bookings stand") ? " both-stand" : " not-booked")
        : "";
    return "event " + e.getClass().getSimpleName() + " " + e.id() + tail;
  }

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String location = args[0];
    String fakeUrl = args[1];
    MutableClock clock = new MutableClock(args[2]);
    AccountSession session = new AccountSession("paziresh24", args[3], Map.of("user_id", args[4]),
        Instant.parse(args[2]).plus(Duration.ofDays(1)));
    String mode = args[5];
    JdbcStore store = TestDatabase.builder(location).encryptionKey(TestDatabase.KEY).clock(clock).build();
    SlotHunter hunter = engine(fakeUrl, store, clock);
    hunter.listen(e -> out.println(line(e)));
    if (mode.startsWith("create")) {
      String link = mode.substring(mode.indexOf(':') + 1);
      Watch w = hunter.watch(WatchRequest.of(OWNER, link).autoBook(Fixtures.patient(), session));
      out.println("watch " + w.id());
      if (mode.startsWith("create-and-wait")) {
        new CountDownLatch(1).await(); // killed now
      }
    }
    for (int round = 0; round < 40; round++) {
      hunter.runDue();
      clock.advance(Duration.ofSeconds(30));
    }
    out.println("rounds over");
    new CountDownLatch(1).await(); // never closed: the test kills this process
  }
}
