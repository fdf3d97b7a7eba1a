package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotEventTest {
  private static final URI LINK = URI.create("https://www.paziresh24.com/dr/sara");

  /** What a Java 17 host writes instead of a pattern-matching switch. */
  private static String describe(SlotEvent event) {
    if (event instanceof SlotOpened e) {
      return "opened " + e.slot().id() + " via " + e.bookingLink();
    } else if (event instanceof SlotGone e) {
      return "gone " + e.slot().id();
    } else if (event instanceof HoldPlaced e) {
      return "held " + e.hold().providerHoldKey();
    } else if (event instanceof BookingSucceeded e) {
      return "booked " + e.booking().trackingCode() + (e.verified() ? " verified" : "");
    } else if (event instanceof BookingFailed e) {
      return "failed " + e.code() + " " + e.reason() + (e.willRetry() ? " retrying" : "");
    } else if (event instanceof BookingOutcomeUnknown e) {
      return "unknown " + e.attemptKey();
    } else if (event instanceof WatchPaused e) {
      return "paused " + e.reason() + " " + e.message();
    } else if (event instanceof WatchResumed e) {
      return "resumed " + e.watchId();
    } else if (event instanceof WatchHealthChanged e) {
      return "health " + e.previous() + " -> " + e.current() + " " + e.reason();
    } else if (event instanceof ProviderThrottled e) {
      return "throttled " + e.providerId() + " " + e.code() + " for " + e.pause();
    } else if (event instanceof EventsDropped e) {
      return "dropped " + e.count();
    }
    throw new AssertionError("unhandled event " + event);
  }

  private static List<SlotEvent> oneOfEach() {
    Slot slot = Fixtures.slot();
    return List.of(
        new SlotOpened("w1", "owner-1", slot, LINK, T0),
        new SlotGone("w1", "owner-1", slot, T0.plusSeconds(1)),
        new HoldPlaced("w1", "owner-1", Fixtures.hold(), T0.plusSeconds(2)),
        new BookingSucceeded("w1", "owner-1", Fixtures.booking(), true, T0.plusSeconds(3)),
        new BookingFailed("w2", "owner-2", slot, ErrorCode.SLOT_TAKEN, "taken by someone else", true, T0.plusSeconds(4)),
        new BookingOutcomeUnknown("w2", "owner-2", slot, "attempt-9", T0.plusSeconds(5)),
        new WatchPaused("w3", "owner-3", ErrorCode.AUTH_REQUIRED, "session expired", T0.plusSeconds(6)),
        new WatchResumed("w3", "owner-3", T0.plusSeconds(7)),
        new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30), T0.plusSeconds(8)),
        new EventsDropped(12, T0.plusSeconds(9)),
        new WatchHealthChanged("w3", "owner-3", HealthState.ACTIVE, HealthState.PROVIDER_DOWN,
            ErrorCode.PROVIDER_UNAVAILABLE, T0.plusSeconds(10)));
  }

  @Test
  void hostsCanHandleEverySubtypeWithAnInstanceofChain() {
    List<String> described = new ArrayList<>();
    for (SlotEvent e : oneOfEach()) {
      described.add(describe(e));
    }

    String slotId = Fixtures.slot().id();
    assertThat(described).containsExactly(
        "opened " + slotId + " via " + LINK,
        "gone " + slotId,
        "held hold-1",
        "booked TRK-1 verified",
        "failed SLOT_TAKEN taken by someone else retrying",
        "unknown attempt-9",
        "paused AUTH_REQUIRED session expired",
        "resumed w3",
        "throttled paziresh24 RATE_LIMITED for PT30S",
        "dropped 12",
        "health ACTIVE -> PROVIDER_DOWN PROVIDER_UNAVAILABLE");
  }

  @Test
  void everyEventCarriesItsTime() {
    assertThat(oneOfEach()).extracting(SlotEvent::at)
        .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4),
            T0.plusSeconds(5), T0.plusSeconds(6), T0.plusSeconds(7), T0.plusSeconds(8), T0.plusSeconds(9),
            T0.plusSeconds(10));
  }

  @Test
  void watchEventsNameTheirWatchAndOwner() {
    List<WatchEvent> watchEvents = new ArrayList<>();
    for (SlotEvent e : oneOfEach()) {
      if (e instanceof WatchEvent w) {
        watchEvents.add(w);
      }
    }

    assertThat(watchEvents).hasSize(9);
    assertThat(watchEvents).extracting(WatchEvent::watchId)
        .containsExactly("w1", "w1", "w1", "w1", "w2", "w2", "w3", "w3", "w3");
    assertThat(watchEvents).extracting(WatchEvent::owner)
        .containsExactly("owner-1", "owner-1", "owner-1", "owner-1", "owner-2", "owner-2", "owner-3", "owner-3",
            "owner-3");
  }

  @Test
  void recordAccessorsReturnWhatWasGiven() {
    SlotOpened opened = new SlotOpened("w", "o", Fixtures.slot(), null, T0);
    BookingSucceeded succeeded = new BookingSucceeded("w", "o", Fixtures.booking(), false, T0);
    BookingFailed failed = new BookingFailed("w", "o", Fixtures.slot(), ErrorCode.HOLD_EXPIRED, "r", false, T0);
    BookingOutcomeUnknown unknown = new BookingOutcomeUnknown("w", "o", Fixtures.slot(), "k", T0);
    HoldPlaced held = new HoldPlaced("w", "o", Fixtures.hold(), T0);
    SlotGone gone = new SlotGone("w", "o", Fixtures.slot(), T0);

    assertThat(opened.bookingLink()).isNull();
    assertThat(opened.slot()).isEqualTo(Fixtures.slot());
    assertThat(succeeded.verified()).isFalse();
    assertThat(succeeded.verification()).isEqualTo("not verified");
    assertThat(new BookingSucceeded("w", "o", Fixtures.booking(), true, T0).verification())
        .isEqualTo("confirmed by the provider's records");
    assertThat(succeeded.booking()).isEqualTo(Fixtures.booking());
    assertThat(failed.willRetry()).isFalse();
    assertThat(failed.slot()).isEqualTo(Fixtures.slot());
    assertThat(unknown.slot()).isEqualTo(Fixtures.slot());
    assertThat(held.hold()).isEqualTo(Fixtures.hold());
    assertThat(gone.slot()).isEqualTo(Fixtures.slot());
  }

  @Test
  void theHierarchyIsSealedToTheDocumentedEvents() {
    assertThat(SlotEvent.class.isSealed()).isTrue();
    assertThat(SlotEvent.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(WatchEvent.class, ProviderThrottled.class, EventsDropped.class);
    assertThat(WatchEvent.class.getPermittedSubclasses()).containsExactlyInAnyOrder(
        SlotOpened.class, SlotGone.class, HoldPlaced.class, BookingSucceeded.class, BookingFailed.class,
        BookingOutcomeUnknown.class, HoldOutcomeUnknown.class, WatchPaused.class, WatchResumed.class, WatchHealthChanged.class);
  }

  @Test
  void listenersAreLambdas() {
    List<SlotEvent> seen = new ArrayList<>();
    SlotListener listener = seen::add;

    listener.onEvent(new EventsDropped(1, T0));

    assertThat(seen).containsExactly(new EventsDropped(1, T0));
  }
}
