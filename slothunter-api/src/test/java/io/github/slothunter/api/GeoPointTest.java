package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoPointTest {
  @Test
  void greatCircleDistanceBetweenTehranAndIsfahan() {
    GeoPoint tehran = new GeoPoint(35.6892, 51.3890);
    GeoPoint isfahan = new GeoPoint(32.6546, 51.6680);
    assertThat(tehran.distanceKm(isfahan)).isCloseTo(338.0, within(3.0));
    assertThat(tehran.distanceKm(tehran)).isZero();
  }

  @Test
  void parsesPersianDigitsAndCommasAndRejectsNonsense() {
    assertThat(GeoPoint.parse("۳۵٫۷،۵۱٫۴")).isEqualTo(new GeoPoint(35.7, 51.4));
    assertThat(GeoPoint.parse(" 35.7 , 51.4 ")).hasToString("35.7,51.4");
    assertThatThrownBy(() -> GeoPoint.parse("35.7")).isInstanceOf(SlotHunterException.class).hasMessageContaining("lat,lon");
    assertThatThrownBy(() -> GeoPoint.parse("a,b")).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> GeoPoint.parse(null)).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(SlotHunterException.class).hasMessageContaining("latitude");
    assertThatThrownBy(() -> new GeoPoint(0, 181)).isInstanceOf(SlotHunterException.class).hasMessageContaining("longitude");
  }
}
