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
}
