package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import io.github.slothunter.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Three engine instances share one PostgreSQL database and one FakePaziresh24; one of them dies
 * mid-run. Targets keep being polled, each by one instance at a time, with no duplicate
 * announcement and no double booking - all read from the fake's request log.
 */
class ClusterTest {
  private static final int DOCTORS = 12;
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");

  private static String slug(int i) {
    return "dr-" + i;
  }

  @Test
  void threeInstancesShareTheTargetsAndSurviveOneDying() {
    FakePaziresh24Builder fb = FakePaziresh24.builder().clock(clock).seed(3);
    for (int i = 0; i < DOCTORS; i++) {
      int n = i;
      fb.doctor(slug(i), d -> d.displayName("دکتر " + n).expertise("قلب")
          .center("10" + n, c -> c.name("مطب").city("تهران").address("ولیعصر").serverId("1")
              .service("20" + n, s -> s.title("ویزیت").price(1_000_000).duration(Duration.ofMinutes(15))
                  .userCenterId("30" + n))));
    }
    DataSource db = EmbeddedPg.newSchema();
    Plan fast = new Plan("FAST", 100, Duration.ofSeconds(10), true, 4);
    List<SlotEvent> events = new CopyOnWriteArrayList<>();
    try (FakePaziresh24 fake = fb.build().start()) {
      Map<String, SlotHunter> engines = new LinkedHashMap<>();
      for (String id : List.of("a", "b", "c")) {
        JdbcStore store = JdbcStore.builder().dataSource(db).encryptionKey(TestDatabase.KEY).clock(clock).build();
        SlotHunter h = SlotHunter.builder().provider(new Paziresh24ProviderFactory())
            .providerConfig("paziresh24", "base-url", fake.baseUrl())
            // a local terminal id from the start, so the fake tells the instances apart on reads too
            .providerConfig("paziresh24", "terminal-mode", "generate")
            .budget("paziresh24", RequestBudget.of(600, 36_000, 3))
            .plans(Plans.of(fast, List.of(fast))).store(store).clock(clock).manualScheduling()
            .instanceId(id).leaseTime(LEASE).build();
        h.listen(events::add);
        engines.put(id, h);
      }
      SlotHunter a = engines.get("a");
      for (int i = 0; i < DOCTORS; i++) {
        fake.openSlot(slug(i), "10" + i, "20" + i, Instant.parse("2026-12-07T06:00:00Z"));
        a.watch(WatchRequest.of("u" + i, "https://www.paziresh24.com/dr/" + slug(i) + "/"));
      }
      a.watch(WatchRequest.of("booker", "https://www.paziresh24.com/dr/" + slug(5) + "/")
          .autoBook(Fixtures.patient(), fake.login("09121234567").toSession()));

      Instant killedAt = null;
      for (int round = 0; round < 40; round++) {
        clock.advance(Duration.ofSeconds(5));
        if (round == 14) {
          killedAt = clock.instant(); // "c" dies: no close, no more renewals
        }
        if (round % 7 == 3) {
          int d = round % DOCTORS;
          fake.openSlot(slug(d), "10" + d, "20" + d, Instant.parse("2026-12-08T06:00:00Z").plusSeconds(900L * round));
        }
        for (Map.Entry<String, SlotHunter> e : engines.entrySet()) {
          if (!(e.getKey().equals("c") && killedAt != null)) {
            e.getValue().runDue();
          }
        }
      }

      List<RecordedRequest> polls = fake.requests(FakePaziresh24.GET_FREE_DAYS);
      Instant deadline = killedAt.plus(LEASE);
      Instant dead = killedAt;
      Map<String, Instant> lastPoll = new HashMap<>();
      Map<String, java.util.Set<String>> byRound = new HashMap<>();
      java.util.Set<String> clients = new java.util.HashSet<>();
      for (RecordedRequest r : polls) {
        String target = r.form().getOrDefault("user_center_id", "?");
        lastPoll.put(target, r.at());
        clients.add(r.clientId());
        byRound.computeIfAbsent(target + "@" + r.at(), k -> new java.util.HashSet<>()).add(r.clientId());
      }
      // the three instances shared the work (each has its own terminal id, which the fake records)
      assertThat(clients).hasSize(3);
      // no target was polled by two instances in the same round
      assertThat(byRound.values()).allSatisfy(c -> assertThat(c).hasSize(1));
      // the dead instance sent nothing after it died, and every target is still polled after its leases expired
      java.util.Set<String> afterDeath = new java.util.HashSet<>();
      polls.stream().filter(r -> r.at().isAfter(dead)).forEach(r -> afterDeath.add(r.clientId()));
      assertThat(afterDeath).hasSize(2);
      assertThat(lastPoll).hasSize(DOCTORS);
      assertThat(lastPoll.values()).allSatisfy(t -> assertThat(t).isAfter(deadline));
      // each (watch, slot) announced once across all instances
      List<String> announced = events.stream().filter(e -> e instanceof SlotOpened).map(e -> (SlotOpened) e)
          .map(o -> o.watchId() + "|" + o.slot().id()).toList();
      assertThat(announced).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(DOCTORS + 1);
      // exactly one booking, no hold left
      assertThat(events.stream().filter(e -> e instanceof BookingSucceeded)).hasSize(1);
      assertThat(fake.bookings()).hasSize(1);
      assertThat(fake.outstandingHolds()).isZero();
      engines.get("a").close();
      engines.get("b").close();
    }
  }
}
