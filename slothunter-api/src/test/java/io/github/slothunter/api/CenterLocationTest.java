package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CenterLocationTest {

  @Test
  void theFiveArgumentConstructorMakesACenterWithoutLocation() {
    Center center = new Center("1001", "مطب", "", "تهران", List.of());

    assertThat(center.location()).isNull();
  }

  @Test
  void withLocationKeepsEverythingElse() {
    Center center = new Center("1001", "مطب", "خیابان نمونه", "تهران", List.of());

    Center pinned = center.withLocation(new GeoPoint(35.7601, 51.4102));

    assertThat(pinned.location()).isEqualTo(new GeoPoint(35.7601, 51.4102));
    assertThat(pinned).isEqualTo(new Center("1001", "مطب", "خیابان نمونه", "تهران", List.of(),
        new GeoPoint(35.7601, 51.4102)));
    assertThat(pinned.withLocation(null)).isEqualTo(center);
  }
}
