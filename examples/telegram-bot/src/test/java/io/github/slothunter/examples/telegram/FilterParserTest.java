package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.examples.telegram.FilterParser.BadFilterException;
import io.github.slothunter.examples.telegram.FilterParser.DaysAndHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class FilterParserTest {
  private static TimeWindow w(int fromH, int fromM, int toH, int toM) {
    return new TimeWindow(LocalTime.of(fromH, fromM), LocalTime.of(toH, toM));
  }

  @Test
  void readsTheExampleFromTheHelp() {
    DaysAndHours f = FilterParser.parse("sat,sun 08:00-12:00");

    assertThat(f.days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(f.windows()).containsExactly(w(8, 0, 12, 0));
  }

  @Test
  void readsPersianNamesDigitsAndTheWordTa() {
    DaysAndHours f = FilterParser.parse("شنبه، یکشنبه و سه شنبه ۸ تا ۱۲:۳۰".replace(" و ", " "));

    assertThat(f.days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.TUESDAY);
    assertThat(f.windows()).containsExactly(w(8, 0, 12, 30));
  }

  @Test
  void readsHalfSpacedAndArabicLetterVariantsOfPersianDays() {
    assertThat(FilterParser.parse("پنج\u200cشنبه").days()).containsExactly(DayOfWeek.THURSDAY);
    assertThat(FilterParser.parse("پنجشنبه").days()).containsExactly(DayOfWeek.THURSDAY);
    assertThat(FilterParser.parse("يكشنبه").days()).containsExactly(DayOfWeek.SUNDAY);
    assertThat(FilterParser.parse("چهارشنبه جمعه").days()).containsExactlyInAnyOrder(DayOfWeek.WEDNESDAY,
        DayOfWeek.FRIDAY);
  }

  @Test
  void readsDayRangesThatWrapPastFriday() {
    assertThat(FilterParser.parse("sat-wed").days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY,
        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
    assertThat(FilterParser.parse("Thursday - Saturday").days()).containsExactlyInAnyOrder(DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
  }

  @Test
  void readsSeveralWindowsBareHoursMidnightAndWindowsPastMidnight() {
    DaysAndHours f = FilterParser.parse("8-10 16:30 - 24 22-2");

    assertThat(f.days()).isEmpty();
    assertThat(f.windows()).containsExactly(w(8, 0, 10, 0), new TimeWindow(LocalTime.of(16, 30), LocalTime.MIDNIGHT),
        w(22, 0, 2, 0));
  }

  @Test
  void anyClearsTheFilter() {
    assertThat(FilterParser.parse("any")).isEqualTo(DaysAndHours.ANY);
    assertThat(FilterParser.parse("همه")).isEqualTo(DaysAndHours.ANY);
    assertThat(FilterParser.parse("  ")).isEqualTo(DaysAndHours.ANY);
    assertThat(FilterParser.parse("all mon").days()).containsExactly(DayOfWeek.MONDAY);
  }

  @Test
  void namesTheWordItDoesNotUnderstand() {
    assertThatThrownBy(() -> FilterParser.parse("sat someday 8-12"))
        .isInstanceOfSatisfying(BadFilterException.class, e -> assertThat(e.token()).isEqualTo("someday"));
    assertThatThrownBy(() -> FilterParser.parse("25-26"))
        .isInstanceOfSatisfying(BadFilterException.class, e -> assertThat(e.token()).isEqualTo("25-26"));
    assertThatThrownBy(() -> FilterParser.parse("8-8")).isInstanceOf(BadFilterException.class);
    assertThatThrownBy(() -> FilterParser.parse("sat-someday")).isInstanceOf(BadFilterException.class);
    assertThatThrownBy(() -> FilterParser.parse("sat-sun-mon")).isInstanceOf(BadFilterException.class);
    assertThatThrownBy(() -> FilterParser.parse("8:75-9")).isInstanceOf(BadFilterException.class);
  }

  @Test
  void readsPersianAndArabicIndicDigitsAsAscii() {
    assertThat(FilterParser.parse("شنبه ۰۸:۳۰-١٢")).isEqualTo(FilterParser.parse("sat 08:30-12"));
  }
}
