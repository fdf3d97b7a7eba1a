package io.github.slothunter.provider.doctoreto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctoretoCitiesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void readsTheSpecExample() {
    List<Place> cities = DoctoretoCities.parse("{\"items\":[{\"name\":\"تهران\",\"slug\":\"tehran\",\"latitude\":35.6892,"
        + "\"longitude\":51.389,\"priority\":1,\"is_center\":true,\"province\":{\"name\":\"تهران\",\"slug\":\"tehran\","
        + "\"latitude\":35.6892,\"longitude\":51.389}}]}", json);

    assertThat(cities).singleElement().satisfies(p -> {
      assertThat(p.slug()).isEqualTo("tehran");
      assertThat(p.names()).containsExactly("تهران", "tehran");
      assertThat(p.center()).isEqualTo(new GeoPoint(35.6892, 51.389));
    });
  }

  @Test
  void readsStringNumbersAndSkipsEntriesWithoutSlugOrName() {
    List<Place> cities = DoctoretoCities.parse("{\"items\":[{\"name\":\"قم\",\"slug\":\"qom\",\"latitude\":\"34.64\","
        + "\"longitude\":\"x\"},{\"slug\":\"nameless\"},{\"name\":\"بی‌اسلاگ\"},7,{\"name\":\"یزد\",\"slug\":\"yazd\","
        + "\"latitude\":0,\"longitude\":0}]}", json);

    assertThat(cities).extracting(Place::slug).containsExactly("qom", "yazd");
    assertThat(cities).allSatisfy(p -> assertThat(p.center()).isNull());
  }

  @Test
  void reportsHtmlOrAnotherShapeAsProtocol() {
    for (String body : List.of("<html><body>503</body></html>", "{\"data\":[]}", "[]")) {
      assertThatThrownBy(() -> DoctoretoCities.parse(body, json)).as(body)
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
    }
  }
}
