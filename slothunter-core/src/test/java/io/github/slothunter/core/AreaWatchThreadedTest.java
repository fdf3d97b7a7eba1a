package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An area watch on the engine's own threads (sweep thread, dispatcher, lookups). */
class AreaWatchThreadedTest {
  @Test
  void booksAMemberSlotWithTheEngineRunningItsOwnThreads() {
    InMemoryProvider provider = InMemoryProvider.builder().build();
    provider.calendarWindow(30);
    GeoPoint tehran = new GeoPoint(35.6997, 51.3380);
    provider.area().add("dr-a", "tehran", "dermatology", tehran, 1000L);
    provider.area().add(new io.github.slothunter.testkit.InMemoryArea.Member("dr-b", "tehran", "dermatology", null, null,
        tehran, 1000L, false)); // the page does not describe its calendar: looked up when it becomes a candidate
    Target b = provider.lookup(new io.github.slothunter.api.DoctorRef("mem", "dr-b")).bookableTargets().get(0);
    Slot slot = provider.open(b, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS));
    RecordingListener events = new RecordingListener();
    try (SlotHunter hunter = SlotHunter.builder().provider(provider.factory())
        .plans(Plans.of(Plans.PRO, List.of(Plans.PRO))).closeTimeout(Duration.ofSeconds(2)).build()) {
      hunter.listen(events);
      AutoBook autoBook = AutoBook.of(EngineFixture.patient(),
          new AccountSession("mem", "token", Map.of(), Instant.now().plus(Duration.ofDays(1))));

      hunter.watch(WatchRequest.area("u1", AreaQuery.builder("mem", "skin", "Tehran").build()).autoBook(autoBook));

      BookingSucceeded booked = events.await(BookingSucceeded.class, 1, Duration.ofSeconds(20)).get(0);
      assertThat(booked.booking().slot().id()).isEqualTo(slot.id());
      assertThat(provider.bookings()).hasSize(1);
    }
  }
}
