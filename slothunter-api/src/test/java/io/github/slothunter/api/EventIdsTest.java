package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

  @Test
  void theSameEventHasTheSameIdWhereverItIsMade() {
    Slot slot = Fixtures.slot();
    SlotOpened a = new SlotOpened("w-1", "alice", slot, URI.create("https://example.org/a"), AT);
    SlotOpened b = new SlotOpened("w-1", "alice", slot, null, AT); // the link is not part of what it is about
    assertThat(a.id()).isEqualTo(b.id()).matches("ev_[A-Za-z0-9_-]{22}");
  }

  @Test
  void eventsAboutDifferentThingsHaveDifferentIds() {
    Slot slot = Fixtures.slot();
    Slot other = new Slot(Fixtures.target(), Fixtures.T0.plusSeconds(3600), Fixtures.T0.plusSeconds(4500), "slot-2");
    Hold hold = new Hold(slot, "hold-1", AT.plusSeconds(300));
    Booking booking = new Booking(slot, "b-1", "TRK1", AT, PaymentState.NOT_REQUIRED, null);
    List<SlotEvent> events = List.of(
        new SlotOpened("w-1", "alice", slot, null, AT),
        new SlotOpened("w-2", "alice", slot, null, AT), // another watch
        new SlotOpened("w-1", "alice", other, null, AT), // another slot
        new SlotOpened("w-1", "alice", slot, null, AT.plusSeconds(60)), // the slot's next appearance
        new SlotGone("w-1", "alice", slot, AT),
        new HoldPlaced("w-1", "alice", hold, AT),
        new BookingSucceeded("w-1", "alice", booking, true, "ok", AT),
        new BookingFailed("w-1", "alice", slot, ErrorCode.SLOT_TAKEN, "taken", true, AT),
        new BookingFailed("w-1", "alice", slot, ErrorCode.HOLD_EXPIRED, "lapsed", true, AT),
        new BookingOutcomeUnknown("w-1", "alice", slot, "w-1|" + slot.id(), AT),
        new WatchPaused("w-1", "alice", ErrorCode.AUTH_REQUIRED, "log in", AT),
        new WatchResumed("w-1", "alice", AT),
        new WatchHealthChanged("w-1", "alice", HealthState.ACTIVE, HealthState.PROVIDER_DOWN, null, AT),
        new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30), AT),
        new EventsDropped(3, AT));
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.id()));
    assertThat(ids).hasSize(events.size());
  }

  @Test
  void aBookingKeepsItsIdWhenItsVerificationChanges() {
    Slot slot = Fixtures.slot();
    Booking booking = new Booking(slot, "b-1", "TRK1", AT, PaymentState.NOT_REQUIRED, null);
    BookingSucceeded provisional = new BookingSucceeded("w-1", "alice", booking, false, "not verified yet", AT);
    BookingSucceeded verified = new BookingSucceeded("w-1", "alice", booking, true, "on the provider's records",
        AT.plusSeconds(2));
    assertThat(verified.id()).isEqualTo(provisional.id());
  }

  @Test
  void anEventMissingAnIdentifyingValueStillHasAStableWellFormedId() {
    WatchResumed noWatch = new WatchResumed(null, "alice", AT);

    assertThat(noWatch.id()).matches("ev_[A-Za-z0-9_-]{22}").isEqualTo(new WatchResumed(null, "bob", AT).id());
    assertThat(noWatch.id()).isNotEqualTo(new WatchResumed("w-1", "alice", AT).id());
  }
}
