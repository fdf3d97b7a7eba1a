package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotLabelTest {
  @Test
  void aLineLeavesOutWhatIsUnknown() {
    SlotLabel full = new SlotLabel(" دکتر نمونه ", "مطب", "ویزیت", 1_500_000L, null).withDistanceKm(3.24);
    assertThat(full.doctor()).isEqualTo("دکتر نمونه");
    assertThat(full.line(JalaliFormat.PERSIAN)).isEqualTo("دکتر نمونه · مطب · ویزیت · ۱٬۵۰۰٬۰۰۰ ریال · ۳٫۲ کیلومتر");
    assertThat(new SlotLabel("Dr A", null, "", null, null).line(JalaliFormat.ENGLISH)).isEqualTo("Dr A");
    assertThat(new SlotLabel(null, "Clinic", null, 0L, null).line(JalaliFormat.ENGLISH)).isEqualTo("Clinic · 0 rials");
    assertThat(SlotLabel.UNKNOWN.line(JalaliFormat.ENGLISH)).isEmpty();
  }

  @Test
  void rejectsNegativeAmountsAndDistances() {
    assertThatThrownBy(() -> new SlotLabel("", "", "", -1L, null)).isInstanceOf(SlotHunterException.class)
        .hasMessageContaining("price");
    assertThatThrownBy(() -> new SlotLabel("", "", "", null, Double.NaN)).isInstanceOf(SlotHunterException.class)
        .hasMessageContaining("distanceKm");
  }

  @Test
  void ofGivesTheLabelOfEveryLabelledEventAndNullForOthers() {
    Target t = new Target(new DoctorRef("p", "d"), "c", "s", java.util.Map.of());
    Slot slot = new Slot(t, java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(900), "k");
    SlotLabel l = new SlotLabel("Dr", "", "", null, null);
    java.time.Instant at = java.time.Instant.EPOCH;
    assertThat(SlotLabel.of(new SlotOpened("w", "o", slot, null, at, l))).isEqualTo(l);
    assertThat(SlotLabel.of(new HoldPlaced("w", "o", new Hold(slot, "h", at), at, l))).isEqualTo(l);
    assertThat(SlotLabel.of(new BookingSucceeded("w", "o", new Booking(slot, "b", "T", at), true, at, l))).isEqualTo(l);
    assertThat(SlotLabel.of(new BookingFailed("w", "o", slot, ErrorCode.SLOT_TAKEN, "r", true, at, l))).isEqualTo(l);
    assertThat(SlotLabel.of(new BookingOutcomeUnknown("w", "o", slot, "k", at, l))).isEqualTo(l);
    assertThat(SlotLabel.of(new HoldOutcomeUnknown("w", "o", slot, "k", at, at, l))).isEqualTo(l);
    assertThat(SlotLabel.of(new SlotGone("w", "o", slot, at))).isNull();
    assertThat(new BookingFailed("w", "o", slot, ErrorCode.SLOT_TAKEN, "r", true, at).withLabel(l).label()).isEqualTo(l);
    assertThat(new SlotOpened("w", "o", slot, null, at, null).label()).isEqualTo(SlotLabel.UNKNOWN);
  }
}
