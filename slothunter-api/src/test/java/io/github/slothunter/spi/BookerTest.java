package io.github.slothunter.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Fixtures;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional parts of the {@link Booker} SPI. */
class BookerTest {

  /** A booker that implements only the required methods, recording what it is asked. */
  private static final class MinimalBooker implements Booker {
    final List<String> calls = new ArrayList<>();

    @Override
    public Hold hold(Slot slot, AccountSession session) {
      calls.add("hold");
      return Fixtures.hold();
    }

    @Override
    public Booking book(Hold hold, Patient patient, AccountSession session) {
      calls.add("book");
      return Fixtures.booking();
    }

    @Override
    public void release(Hold hold, AccountSession session) {
      calls.add("release");
    }

    @Override
    public void cancel(Booking booking, Patient patient, AccountSession session) {
      calls.add("cancel");
    }
  }

  private static AccountSession session() {
    return new AccountSession("paziresh24", "tok", Map.of(), Instant.MAX);
  }

  @Test
  void readBackIsUnsupportedUnlessTheProviderImplementsIt() {
    MinimalBooker booker = new MinimalBooker();

    assertThatThrownBy(() -> booker.readBack(Fixtures.booking(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
          assertThat(e.retryable()).isFalse();
          assertThat(e.reason()).contains("cannot read bookings back");
        });
    assertThat(booker.calls).isEmpty();
  }

  @Test
  void moveIsUnsupportedUnlessTheProviderImplementsIt() {
    MinimalBooker booker = new MinimalBooker();

    assertThatThrownBy(() -> booker.move(Fixtures.booking(), Fixtures.hold(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
          assertThat(e.reason()).contains("cannot move bookings");
        });
    assertThat(booker.calls).isEmpty();
  }

  @Test
  void paymentIsExpectedByDefaultOnlyForAKnownPositivePrice() {
    MinimalBooker booker = new MinimalBooker();

    assertThat(booker.paymentExpected(Fixtures.target(), 3_200_000L)).isTrue();
    assertThat(booker.paymentExpected(Fixtures.target(), 0L)).isFalse();
    assertThat(booker.paymentExpected(Fixtures.target(), null)).isFalse();
  }

  @Test
  void readBackIsDeclaredAsACapabilityOfItsOwnApartFromBooking() {
    ProviderInfo booksOnly = new ProviderInfo("p24", "Paziresh24", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.HOLD, Capability.BOOK), Fixtures.budget());
    ProviderInfo verifies = new ProviderInfo("p24", "Paziresh24", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.BOOK, Capability.READ_BACK), Fixtures.budget());

    assertThat(booksOnly.can(Capability.READ_BACK)).isFalse();
    assertThat(verifies.can(Capability.READ_BACK)).isTrue();
    assertThat(Capability.valueOf("READ_BACK")).isSameAs(Capability.READ_BACK);
  }
}
