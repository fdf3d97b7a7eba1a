package io.github.slothunter.provider.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.doctoreto.internal.DoctoretoProvider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakeDoctoreto;
import io.github.slothunter.testkit.Fault;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where Doctoreto's centers and cities are: {@code place.coordinates} and the cities endpoint. */
class DoctoretoPlacesTest {
  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
  private FakeDoctoreto fake;
  private DoctoretoProvider provider;

  @BeforeEach
  void start() {
    fake = FakeDoctoreto.builder().clock(clock)
        .doctor("ZaEBBZ", "dr-vida-imani", d -> d.fullName("دکتر ویدا ایمانی")
            .consultation(3022, c -> c.placeName("مطب").city("تهران").coordinates(35.7601, 51.4102))
            .consultation(4100, c -> c.placeName("مطب سمنان").city("سمنان").citySlug("semnan")
                .coordinates(35.5769, 53.3921))
            .consultation(50511, c -> c.online()))
        .build().start();
    provider = (DoctoretoProvider) new DoctoretoProviderFactory().create(ProviderContext.builder("doctoreto")
        .config(ProviderContext.BASE_URL, fake.baseUrl()).clock(clock)
        .systemProperties(new Properties()).environment(Map.of()).build());
  }

  @AfterEach
  void stop() {
    provider.close();
    fake.close();
  }

  @Test
  void lookupPutsEachPlaceAtItsCoordinates() {
    List<Center> centers = provider.lookup(provider.parse("https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ").orElseThrow()).centers();

    assertThat(centers).extracting(Center::id).containsExactly("3022", "4100", "50511");
    assertThat(centers.get(0).location()).isEqualTo(new GeoPoint(35.7601, 51.4102));
    assertThat(centers.get(2).location()).isNull();
  }

  @Test
  void listsTheSitesCitiesWithTheirCentres() {
    List<Place> cities = provider.cities();

    assertThat(cities).extracting(Place::slug).startsWith("tehran").contains("semnan");
    Place semnan = cities.stream().filter(p -> p.slug().equals("semnan")).findFirst().orElseThrow();
    assertThat(semnan.names()).containsExactly("سمنان", "semnan");
    assertThat(semnan.center()).isEqualTo(new GeoPoint(35.5769, 53.3921));
    assertThat(fake.requestCount(FakeDoctoreto.CITIES)).isOne();
  }

  @Test
  void offersNoAreaSearch() {
    assertThat(provider.areaSearch()).isEmpty();
    assertThat(provider.info().capabilities()).doesNotContain(Capability.AREA_SEARCH);
  }

  @Test
  void typesAFailingCityList() {
    fake.faults().next(FakeDoctoreto.CITIES, Fault.status(503));

    assertThatThrownBy(provider::cities).isInstanceOfSatisfying(SlotHunterException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
  }
}
