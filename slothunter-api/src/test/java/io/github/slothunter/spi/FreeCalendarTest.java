package io.github.slothunter.spi;

import static io.github.slothunter.api.Fixtures.T0;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Fixtures;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreeCalendarTest {
  private static final LocalDate D1 = LocalDate.of(2025, 1, 4);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);

  private static Slot slotOn(LocalDate day, String key) {
    var start = T0.plus(Duration.ofDays(day.toEpochDay() - D1.toEpochDay()));
    return new Slot(Fixtures.target(), start, start.plusSeconds(900), key);
  }

  @Test
  void aFullCalendarHasNoFreeDaysAndSaysSo() {
    FreeCalendar full = FreeCalendar.full();

    assertThat(full.fullyBooked()).isTrue();
    assertThat(full.freeDays()).isEmpty();
    assertThat(full.slots()).isEmpty();
    assertThat(full.allSlots()).isEmpty();
    assertThat(full.coveredThrough()).isEmpty();
    assertThat(full.fallback()).isNull();
  }

  @Test
  void aDaysOnlyCalendarLeavesEveryDaysSlotsToBeAskedFor() {
    FreeCalendar c = FreeCalendar.daysOnly(List.of(D1, D2));

    assertThat(c.freeDays()).containsExactly(D1, D2);
    assertThat(c.slotsOf(D1)).isEmpty();
    assertThat(c.slotsOf(D2)).isEmpty();
    assertThat(c.allSlots()).isEmpty();
    assertThat(c.fullyBooked()).isFalse();
    assertThat(c.coveredThrough()).isEmpty();
  }

  @Test
  void slotsOfTellsADayWithNoneLeftFromADayNotAnsweredInFull() {
    Slot s = slotOn(D1, "a");
    FreeCalendar c = new FreeCalendar(List.of(D1, D2, D3), Map.of(D1, List.of(s), D2, List.of()), null, false);

    assertThat(c.slotsOf(D1)).contains(List.of(s));
    assertThat(c.slotsOf(D2)).contains(List.of());
    assertThat(c.slotsOf(D3)).isEmpty();
  }

  @Test
  void allSlotsAreInDayOrderWhateverOrderTheyWereGivenIn() {
    Slot a = slotOn(D1, "a");
    Slot b1 = slotOn(D3, "b1");
    Slot b2 = slotOn(D3, "b2");
    Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
    byDay.put(D3, List.of(b1, b2));
    byDay.put(D1, List.of(a));

    FreeCalendar c = new FreeCalendar(List.of(D1, D3), byDay, null, false);

    assertThat(c.allSlots()).containsExactly(a, b1, b2);
    assertThat(c.slots().keySet()).containsExactly(D1, D3);
  }

  @Test
  void aCalendarCoveringSomeDaysSaysThroughWhen() {
    FreeCalendar c = new FreeCalendar(List.of(D1, D2), Map.of(), D3, false);

    assertThat(c.coveredThrough()).contains(D3);
    assertThat(c.daysThrough()).isEqualTo(D3);
  }

  @Test
  void aCalendarMayHaveNothingFreeThroughTheDaysItCovers() {
    FreeCalendar c = new FreeCalendar(List.of(), Map.of(), D3, false);

    assertThat(c.freeDays()).isEmpty();
    assertThat(c.coveredThrough()).contains(D3);
    assertThat(c.fullyBooked()).isFalse(); // days after D3 are unknown, not full
  }

  @Test
  void theLastFreeDayMayBeTheLastDayCovered() {
    assertThat(new FreeCalendar(List.of(D1, D2), Map.of(), D2, false).freeDays()).containsExactly(D1, D2);
  }

  @Test
  void aFreeDayAfterTheCoveredDaysIsInvalid() {
    SlotHunterException e = invalidInput(() -> new FreeCalendar(List.of(D1, D3), Map.of(), D2, false), "freeDays");

    assertThat(e.getMessage()).contains("after daysThrough " + D2);
  }

  @Test
  void freeDaysMustBeAscending() {
    invalidInput(() -> FreeCalendar.daysOnly(List.of(D2, D1)), "freeDays");
  }

  @Test
  void freeDaysMustBeDistinct() {
    invalidInput(() -> FreeCalendar.daysOnly(List.of(D1, D1)), "freeDays");
  }

  @Test
  void aFullyBookedCalendarCannotListFreeDays() {
    SlotHunterException e = invalidInput(() -> new FreeCalendar(List.of(D1), Map.of(), null, true), "freeDays");

    assertThat(e.getMessage()).contains("fully booked");
  }

  @Test
  void aCalendarNeedsItsDaysAndSlotsAndEveryDayOfItsSlots() {
    Map<LocalDate, List<Slot>> nullDay = new HashMap<>();
    nullDay.put(null, List.of());

    assertThatThrownBy(() -> new FreeCalendar(null, Map.of(), null, false)).isInstanceOf(NullPointerException.class)
        .hasMessage("freeDays");
    assertThatThrownBy(() -> new FreeCalendar(List.of(), null, null, false)).isInstanceOf(NullPointerException.class)
        .hasMessage("slots");
    assertThatThrownBy(() -> new FreeCalendar(List.of(D1), nullDay, null, false))
        .isInstanceOf(NullPointerException.class).hasMessage("slots day");
  }

  @Test
  void aCalendarCopiesWhatItIsGiven() {
    List<LocalDate> days = new ArrayList<>(List.of(D1));
    List<Slot> slots = new ArrayList<>(List.of(slotOn(D1, "a")));
    Map<LocalDate, List<Slot>> byDay = new HashMap<>(Map.of(D1, slots));
    FreeCalendar c = new FreeCalendar(days, byDay, null, false);

    days.add(D2);
    slots.clear();
    byDay.put(D2, List.of());

    assertThat(c.freeDays()).containsExactly(D1);
    assertThat(c.slotsOf(D1)).contains(List.of(slotOn(D1, "a")));
    assertThat(c.slots()).containsOnlyKeys(D1);
    assertThatThrownBy(() -> c.slots().put(D2, List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.slots().get(D1).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.freeDays().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aCalendarReadTheUsualWayHasNoFallback() {
    assertThat(FreeCalendar.daysOnly(List.of(D1)).fallback()).isNull();
    assertThat(new FreeCalendar(List.of(D1), Map.of(), null, false, "  ").fallback()).isNull();
  }

  @Test
  void withFallbackKeepsTheCalendarAndAddsTheReason() {
    Slot s = slotOn(D1, "a");
    FreeCalendar c = new FreeCalendar(List.of(D1, D2), Map.of(D1, List.of(s)), D3, false);

    FreeCalendar marked = c.withFallback("all-slots answer was malformed");

    assertThat(marked.fallback()).isEqualTo("all-slots answer was malformed");
    assertThat(marked.freeDays()).isEqualTo(c.freeDays());
    assertThat(marked.slots()).isEqualTo(c.slots());
    assertThat(marked.daysThrough()).isEqualTo(D3);
    assertThat(marked.fullyBooked()).isFalse();
    assertThat(c.fallback()).isNull();
    assertThat(FreeCalendar.full().withFallback("retried").fullyBooked()).isTrue();
  }

  @Test
  void aWatcherWithoutItsOwnCalendarAnswersWithFreeDaysOnly() {
    SlotWatcher watcher = new SlotWatcher() {
      @Override
      public List<LocalDate> freeDays(Target target) {
        return List.of(D1, D3);
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        throw new AssertionError("the default calendar must not ask for slots");
      }
    };

    FreeCalendar c = watcher.freeCalendar(Fixtures.target());

    assertThat(c).isEqualTo(FreeCalendar.daysOnly(List.of(D1, D3)));
    assertThat(c.slotsOf(D1)).isEmpty();
  }
}
