package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sample values for store tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-12-05T05:30:00Z");
  static final String NATIONAL_CODE = "0499370899";
  static final String MOBILE = "09121234567";
  static final String TOKEN = "tok-3f9a7c1e-SECRET-b81d";

  private Fixtures() {}

  static Target target(String doctor) {
    return new Target(new DoctorRef("fake", doctor), "c1", "s1", Map.of("server_id", "1", "user_center_id", "uc-" + doctor));
  }

  static Slot slot(Target t, int minutesAfterT0) {
    Instant start = T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(minutesAfterT0));
    return new Slot(t, start, start.plus(Duration.ofMinutes(15)), "k" + minutesAfterT0);
  }

  static Patient patient() {
    return new Patient("سارا", "احمدی", NATIONAL_CODE, MOBILE, Gender.FEMALE);
  }

  static AccountSession session() {
    return new AccountSession("fake", TOKEN, Map.of("user_id", "7"), T0.plus(Duration.ofDays(30)));
  }

  static SlotFilter fullFilter() {
    return new SlotFilter(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-01-31"),
        Set.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 30)),
            new TimeWindow(LocalTime.of(22, 0), LocalTime.of(2, 0))), true, 2_500_000L);
  }

  /** A notify-only watch on the given targets. */
  static Watch watch(String id, String owner, Target... targets) {
    List<Target> list = Arrays.asList(targets);
    return new Watch(id, owner, list.get(0).ref(), list, Map.of(list.get(0).id(), 1_500_000L), fullFilter(), "PRO", null,
        T0, WatchState.ACTIVE);
  }

  /** An auto-booking watch on one target. */
  static Watch autoBookWatch(String id, String owner, Target target) {
    return new Watch(id, owner, target.ref(), List.of(target), Map.of(), SlotFilter.ANY, "PREMIUM",
        new AutoBook(patient(), session(), 2), T0.plusSeconds(1), WatchState.ACTIVE);
  }

  static TargetSnapshot snapshot(Target t, Instant at, Slot... slots) {
    return new TargetSnapshot(t.id(), List.of(slots), at);
  }

  static SlotChange opened(Slot s, Instant at) {
    return new SlotChange(s, SlotChange.Kind.OPENED, at);
  }

  static BookingAttempt attempt(String watchId, Slot s, BookingAttempt.State state, Instant at) {
    boolean held = state != BookingAttempt.State.STARTED;
    boolean booked = state == BookingAttempt.State.BOOKED;
    return new BookingAttempt(BookingAttempt.keyOf(watchId, s), watchId, s, state, held ? "hold-1" : null,
        held ? at.plus(Duration.ofMinutes(5)) : null, booked ? "b-9" : null, booked ? "TR-55" : null,
        state == BookingAttempt.State.FAILED ? ErrorCode.SLOT_TAKEN : null, at);
  }
}
