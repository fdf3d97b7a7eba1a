package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetSlotHoldBookingTest {

  @Test
  void targetIdIsProviderDoctorCenterAndService() {
    Target t = Fixtures.target();

    assertThat(t.id()).isEqualTo("paziresh24:dr-sara-ahmadi/center-1/service-1");
    assertThat(t.providerId()).isEqualTo("paziresh24");
  }

  @Test
  void targetsWithDifferentKeysShareAnIdButAreNotEqual() {
    Target a = new Target(Fixtures.ref(), "c", "s", Map.of("server_id", "1"));
    Target b = new Target(Fixtures.ref(), "c", "s", Map.of("server_id", "2"));

    assertThat(a.id()).isEqualTo(b.id());
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void requireKeyReturnsAPresentKey() {
    assertThat(Fixtures.target().requireKey("user_center_id")).isEqualTo("42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing", "blank"})
  void requireKeyNamesAMissingOrBlankKeyAndTheProvider(String name) {
    Target t = new Target(Fixtures.ref(), "c", "s", Map.of("blank", "  "));

    SlotHunterException e = invalidInput(() -> t.requireKey(name), "target providerKeys." + name);

    assertThat(e.getMessage()).contains("is required by provider paziresh24");
  }

  @Test
  void targetCopiesItsKeys() {
    Map<String, String> keys = new HashMap<>(Map.of("server_id", "1"));
    Target t = new Target(Fixtures.ref(), "c", "s", keys);

    keys.put("server_id", "2");

    assertThat(t.providerKeys()).containsExactlyEntriesOf(Map.of("server_id", "1"));
    assertThatThrownBy(() -> t.providerKeys().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void targetRejectsMissingRefAndKeys() {
    invalidInput(() -> new Target(null, "c", "s", Map.of()), "target ref");
    SlotHunterException e = invalidInput(() -> new Target(Fixtures.ref(), "c", "s", null), "target providerKeys");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @Test
  void slotIdIsTargetIdStartSecondAndProviderKey() {
    Slot s = Fixtures.slot();

    assertThat(s.id()).isEqualTo("paziresh24:dr-sara-ahmadi/center-1/service-1@" + T0.getEpochSecond() + "#slot-1");
  }

  @Test
  void slotLengthIsEndMinusStart() {
    assertThat(Fixtures.slot().length()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void slotStartInTehranUsesIranStandardTimeAllYear() {
    Slot winter = Fixtures.slot();
    Instant june = Instant.parse("2025-06-21T05:30:00Z");
    Slot summer = new Slot(Fixtures.target(), june, june.plusSeconds(600), "k");

    assertThat(winter.startIn(SlotHunterZones.TEHRAN).toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2025, 1, 4, 9, 0));
    assertThat(summer.startIn(SlotHunterZones.TEHRAN).getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(3, 30));
    assertThat(SlotHunterZones.TEHRAN.getId()).isEqualTo("Asia/Tehran");
  }

  @Test
  void slotEndMustBeAfterStart() {
    SlotHunterException same = invalidInput(() -> new Slot(Fixtures.target(), T0, T0, "k"), "slot end");
    invalidInput(() -> new Slot(Fixtures.target(), T0, T0.minusSeconds(1), "k"), "slot end");

    assertThat(same.getMessage()).contains("must be after start");
  }

  @Test
  void slotRejectsMissingParts() {
    invalidInput(() -> new Slot(null, T0, T0.plusSeconds(1), "k"), "slot target");
    invalidInput(() -> new Slot(Fixtures.target(), null, T0, "k"), "slot start");
    SlotHunterException e = invalidInput(() -> new Slot(Fixtures.target(), T0, null, "k"), "slot end");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @Test
  void holdIsExpiredFromItsExpiryInstantOnwards() {
    Hold h = Fixtures.hold();

    assertThat(h.isExpired(h.expiresAt().minusNanos(1))).isFalse();
    assertThat(h.isExpired(h.expiresAt())).isTrue();
    assertThat(h.isExpired(h.expiresAt().plusSeconds(1))).isTrue();
  }

  @Test
  void holdRejectsMissingSlotAndExpiry() {
    invalidInput(() -> new Hold(null, "h", T0), "hold slot");
    SlotHunterException e = invalidInput(() -> new Hold(Fixtures.slot(), "h", null), "hold expiresAt");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @Test
  void bookingWithoutTrackingCodeHasAnEmptyOne() {
    Booking b = new Booking(Fixtures.slot(), "b-1", null, T0);

    assertThat(b.trackingCode()).isEmpty();
    assertThat(b.providerBookingKey()).isEqualTo("b-1");
    assertThat(b.slot()).isEqualTo(Fixtures.slot());
    assertThat(b.bookedAt()).isEqualTo(T0);
  }

  @Test
  void bookingRejectsMissingSlotAndTime() {
    invalidInput(() -> new Booking(null, "b", "t", T0), "booking slot");
    SlotHunterException e = invalidInput(() -> new Booking(Fixtures.slot(), "b", "t", null), "booking bookedAt");

    assertThat(e.getMessage()).endsWith("is required");
  }
}
