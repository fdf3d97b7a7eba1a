package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.T0;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.store.jdbc.internal.Codec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Area watches in the JDBC store: the area round-trips with the watch and is named in its own column. */
class AreaWatchStoreTest {
  @TempDir
  Path dir;

  private final Target polled = target("dr-a");

  private Watch areaWatch(AreaQuery q) {
    AreaMember described = new AreaMember(polled.ref(), "Dr A",
        List.of(new AreaCenter(polled.centerId(), "Clinic A", new GeoPoint(35.71, 51.34), T0.plusSeconds(3600), 1_500_000L)),
        List.of(polled), 1.2);
    AreaMember unknown = new AreaMember(new DoctorRef("paziresh24", "dr-b"), "Dr B",
        List.of(new AreaCenter("c9", "", null, null, null)), List.of(), null);
    WatchArea area = new WatchArea(q, "tehran", "dermatology", List.of(described, unknown), T0);
    return new Watch("w-area", "u1", new DoctorRef("paziresh24", "area-tehran-dermatology"), List.of(polled),
        Map.of(polled.id(), 1_500_000L), SlotFilter.ANY, "PRO", null, T0, WatchState.ACTIVE, Map.of(), area);
  }

  @Test
  void everyQueryFieldRoundTripsInTheWatchDocument() {
    Codec codec = new Codec();
    AreaQuery full = AreaQuery.builder("paziresh24", "پوست", "تهران").near(new GeoPoint(35.7, 51.3), 4.5)
        .maxPrice(2_000_000).gender(Gender.FEMALE).visitType(VisitType.ONLINE).keepUnlocated(true).maxMembers(300)
        .build();
    AreaQuery bare = AreaQuery.builder("paziresh24", "dermatology", "tehran").near(new GeoPoint(35.7, 51.3)).build();

    assertThat(codec.readWatch(codec.writeWatch(areaWatch(full)), null)).isEqualTo(areaWatch(full));
    assertThat(codec.readWatch(codec.writeWatch(areaWatch(bare)), null)).isEqualTo(areaWatch(bare));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anAreaWatchIsReadBackWithItsAreaAndNamedInItsColumn(TestDatabase.Kind kind) {
    TestDatabase db = kind.create(dir);
    Watch w = areaWatch(AreaQuery.builder("paziresh24", "پوست", "تهران").near(new GeoPoint(35.7, 51.3), 5).build());
    try (JdbcStore store = db.open()) {
      store.saveWatch(w);
    }

    try (JdbcStore store = db.open()) {
      assertThat(store.loadWatches()).containsExactly(w);
    }
    assertThat(db.rows("SELECT area FROM watches WHERE id = ?", "w-area"))
        .containsExactly(List.of("paziresh24:tehran/dermatology"));
  }
}
