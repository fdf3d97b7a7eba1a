package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events carry what a person reads about the slot: doctor, center, service and price. */
class EventLabelTest {
  private static final SlotLabel DR_A = new SlotLabel("Dr dr-a", "Clinic", "visit s1", 450_000L, null);
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void slotOpenedHoldPlacedAndBookingSucceededCarryTheProfileNames() {
    Target t = f.provider.pricedDoctor("dr-a", 450_000L, "s1").get(0);
    Slot slot = f.provider.open(t, f.at("06:00", 1));
    Watch w = f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").autoBook(f.autoBook()));
    assertThat(w.label(t)).isEqualTo(DR_A);

    f.hunter.runDue();

    assertThat(f.events.await(SlotOpened.class, 1).get(0).label()).isEqualTo(DR_A);
    assertThat(f.events.await(HoldPlaced.class, 1).get(0).label()).isEqualTo(DR_A);
    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.booking().slot()).isEqualTo(slot);
    assertThat(ok.label()).isEqualTo(DR_A);
    assertThat(ok.label().line(JalaliFormat.PERSIAN)).isEqualTo("Dr dr-a · Clinic · visit s1 · ۴۵۰٬۰۰۰ ریال");
  }

  @Test
  void aFailedBookingIsLabelledAndTheLabelsSurviveARestart() {
    Target t = f.provider.pricedDoctor("dr-a", 450_000L, "s1").get(0);
    Watch w = f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").autoBook(f.autoBook()));
    f.restart(); // the watch comes back from the store, with its labels, and no new lookup

    long lookups = f.provider.count(Operation.LOOKUP);
    f.provider.failNext(Operation.HOLD, ErrorCode.SLOT_TAKEN);
    f.provider.open(t, f.at("06:00", 1));
    f.hunter.runDue();

    assertThat(f.hunter.find(w.id()).orElseThrow().labels()).containsEntry(t.id(), DR_A);
    assertThat(f.events.await(SlotOpened.class, 1).get(0).label()).isEqualTo(DR_A);
    assertThat(f.events.await(BookingFailed.class, 1).get(0).label()).isEqualTo(DR_A);
    assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(lookups);
  }

  @Test
  void aWatchOnABareTargetShowsWhatItKnows() {
    List<Target> targets = f.provider.pricedDoctor("dr-b", 300_000L, "s1");
    Watch w = f.hunter.watch(WatchRequest.of("u1", targets.get(0)).plan("FAST"));
    f.provider.open(targets.get(0), f.at("07:00", 1));
    f.hunter.runDue();

    assertThat(w.labels()).isEmpty();
    assertThat(f.events.await(SlotOpened.class, 1).get(0).label()).isEqualTo(SlotLabel.UNKNOWN);
  }

  @Test
  void anAreaWatchsEventsNameTheMemberItsCenterPriceAndDistance() {
    f.provider.calendarWindow(30);
    GeoPoint tehran = new GeoPoint(35.6997, 51.3380);
    Target near = f.provider.area().add("dr-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 700_000L);
    Watch w = f.hunter.watch(WatchRequest.area("u1", AreaQuery.builder("mem", "dermatology", "tehran").near(tehran, 5)
        .build()).plan("FAST").autoBook(f.autoBook()));
    f.provider.open(near, f.at("09:00", 2));
    for (int i = 0; i < 60 && f.events.of(BookingSucceeded.class).isEmpty(); i++) {
      f.tick(java.time.Duration.ofSeconds(10));
    }

    SlotLabel opened = f.events.await(SlotOpened.class, 1).get(0).label();
    assertThat(opened.doctor()).isEqualTo("Dr dr-near");
    assertThat(opened.price()).isEqualTo(700_000L);
    assertThat(opened.distanceKm()).isBetween(0.9, 1.1);
    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).label()).isEqualTo(opened);
    assertThat(f.hunter.find(w.id()).orElseThrow().label(near)).isEqualTo(opened);
    assertThat(opened.line(JalaliFormat.ENGLISH)).startsWith("Dr dr-near").endsWith("700,000 rials · 1.0 km");
  }
}
