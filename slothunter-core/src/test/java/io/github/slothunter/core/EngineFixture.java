package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared set-up: a manual engine over an {@link InMemoryProvider} with a test clock. */
class EngineFixture implements AutoCloseable {
  static final Plan FAST = new Plan("FAST", 1000, Duration.ofSeconds(10), true, 4);
  static final Plan SLOW = new Plan("SLOW", 1000, Duration.ofMinutes(5), true, 1);
  /** PRO's interval and priority, without adaptive scheduling. */
  static final Plan FIXED_PRO = new Plan("FIXED_PRO", Plan.UNLIMITED, Duration.ofSeconds(30), true, 4);

  final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  final InMemoryProvider provider;
  final Store store;
  final RecordingListener events = new RecordingListener();
  SlotHunter hunter;

  EngineFixture() {
    this(RequestBudget.of(1000, 100_000, 8), Store.inMemory(), true);
  }

  EngineFixture(RequestBudget budget, Store store, boolean canBook) {
    this.provider = InMemoryProvider.builder().clock(clock).budget(budget).booking(canBook).build();
    this.store = store;
    this.hunter = start();
  }

  SlotHunter start() {
    SlotHunter h = builder().build();
    h.listen(events);
    return h;
  }

  SlotHunter.Builder builder() {
    return SlotHunter.builder()
        .provider(provider.factory())
        .store(store)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.PREMIUM, Plans.PRO, Plans.ENTERPRISE, FAST, SLOW, FIXED_PRO)))
        .clock(clock)
        .closeTimeout(Duration.ofSeconds(2))
        .manualScheduling();
  }

  /** Restarts the engine on the same store (a graceful restart unless the caller crashed it). */
  void restart() {
    hunter.close();
    hunter = start();
  }

  Instant at(String hhmm, int daysAhead) {
    return Instant.parse("2026-12-05T00:00:00Z").plus(Duration.ofDays(daysAhead))
        .plus(Duration.ofHours(Integer.parseInt(hhmm.substring(0, 2)))).plus(Duration.ofMinutes(Integer.parseInt(hhmm.substring(3))));
  }

  void tick(Duration d) {
    clock.advance(d);
    hunter.runDue();
  }

  static Patient patient() {
    return Patient.of("Sara", "Ahmadi", "0499370899", "09121234567");
  }

  /** Auto-booking for {@link #patient()} with {@link #session()}. */
  AutoBook autoBook() {
    return AutoBook.of(patient(), session());
  }

  /** A FAST-plan watch of u1 on the target that books with {@code autoBook}. */
  Watch autoWatch(Target t, AutoBook autoBook) {
    return hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(autoBook));
  }

  AccountSession session() {
    return new AccountSession(InMemoryProvider.DEFAULT_ID, "token-123", Map.of("user_id", "7"), clock.instant().plus(Duration.ofDays(1)));
  }

  @Override
  public void close() {
    hunter.close();
  }
}
