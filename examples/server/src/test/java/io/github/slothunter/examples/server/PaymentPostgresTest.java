package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Subscription;
import io.github.slothunter.testkit.FakeClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Payments on PostgreSQL (an in-process PostgreSQL 14): the same table, the owner row lock between two
 * instances, and a crash finished by the next start.
 */
class PaymentPostgresTest {

  @Test
  void twoInstancesOnPostgresExtendOnceAndACrashIsFinishedByTheNextStart() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(); ZarinpalStub zarinpal = new ZarinpalStub()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      String raced = zarinpal.nextAuthority();
      zarinpal.verify(raced, 200, "verify-ok.json");
      boolean[] crash = {false};
      TestServer first = TestServer.start(b -> b.database(url)
          .zarinpal(zarinpal.baseUrl(), ZarinpalStub.MERCHANT, Duration.ofSeconds(2))
          .paymentFaults(step -> {
            if (crash[0] && step.equals("planUntil")) {
              throw new IllegalStateException("simulated crash after " + step);
            }
          }));
      TestServer.Created o;
      try {
        o = first.owner("pg buyer", "FREE");
        first.post("/api/v1/checkout", o.key(), "{\"plan\":\"PRO\"}");
        Payments other = new Payments(first.server.database(), first.server.hunter(), first.clock,
            first.server.payments().gateway(), first.server::baseUrl, Payments.DEFAULT_PERIOD, step -> {});
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Payments.Payment>> calls = new ArrayList<>();
        try {
          for (int i = 0; i < 8; i++) {
            Payments on = i % 2 == 0 ? first.server.payments() : other;
            calls.add(pool.submit(() -> {
              go.await();
              return on.callback(raced, "OK");
            }));
          }
          go.countDown();
          for (Future<Payments.Payment> f : calls) {
            assertThat(f.get(30, TimeUnit.SECONDS).state()).isEqualTo(Payments.State.PAID);
          }
        } finally {
          pool.shutdownNow();
        }

        assertThat(until(first, o)).isEqualTo(TestServer.START.plus(Duration.ofDays(30)));

        String crashed = zarinpal.nextAuthority();
        zarinpal.verify(crashed, 200, "verify-ok.json");
        first.post("/api/v1/checkout", o.key(), "{\"plan\":\"PRO\"}");
        crash[0] = true;
        TestServer.Response r = first.send(HttpRequest.newBuilder(URI.create(first.url(PaymentsTest.CALLBACK
            + "?Authority=" + crashed + "&Status=OK"))).header("Accept", "application/json").GET().build());

        assertThat(r.status()).isEqualTo(500);
        assertThat(until(first, o)).isEqualTo(TestServer.START.plus(Duration.ofDays(30)));
      } finally {
        first.close();
        first.deleteFiles();
      }

      FakeClock clock = FakeClock.at(TestServer.START);
      TestServer second = TestServer.start(clock, TestServer.fake(clock), first.dir, b -> b.database(url)
          .zarinpal(zarinpal.baseUrl(), ZarinpalStub.MERCHANT, Duration.ofSeconds(2)));
      try {
        assertThat(until(second, o)).isEqualTo(TestServer.START.plus(Duration.ofDays(60)));
        assertThat(second.get("/api/v1/payments", o.key()).json()).hasSize(2)
            .allSatisfy(p -> assertThat(p.get("planApplied").asBoolean()).isTrue());
      } finally {
        second.close();
      }
    }
  }

  private static java.time.Instant until(TestServer s, TestServer.Created o) {
    return s.server.hunter().subscription(o.id()).map(Subscription::until).orElse(null);
  }
}
