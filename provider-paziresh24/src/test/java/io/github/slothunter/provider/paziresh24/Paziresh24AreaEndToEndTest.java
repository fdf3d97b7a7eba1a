package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider;
import io.github.slothunter.spi.AreaSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider's area search against the testkit's seeded area scenario. */
class Paziresh24AreaEndToEndTest {
  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
  private FakePaziresh24 fake;
  private Provider provider;

  @BeforeEach
  void start() {
    fake = Sandbox.area(clock, 11, 300);
    provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24").clock(clock)
        .systemProperties(new Properties()).environment(Map.of())
        .config(ProviderContext.BASE_URL, fake.baseUrl()).config(ProviderContext.TIMEOUT, "5s").build());
    // the fake wants a terminal id on reads (the live site does not): mint it as a hold would
    ((Paziresh24Provider) provider).terminalId();
  }

  @AfterEach
  void stop() {
    provider.close();
    fake.close();
  }

  private AreaSearch area() {
    return provider.areaSearch().orElseThrow();
  }

  @Test
  void walksEveryPageOfAnAreaOneRequestEach() {
    Set<String> seen = new HashSet<>();
    AreaPage page;
    int n = 0;
    do {
      page = area().search(new AreaPageRequest("tehran", "dermatology", null, null, false, ++n, 50));
      page.hits().forEach(h -> seen.add(h.ref().key()));
    } while (page.more());

    assertThat(seen).hasSize(page.total()).isNotEmpty();
    assertThat(fake.requestCount(FakePaziresh24.SEARCH)).isEqualTo(n);
  }

  @Test
  void firstFreeTurnsAgreeWithTheCalendarsTheHitsPointAt() {
    AreaPage page = area().search(new AreaPageRequest("tehran", "cardiovascular", null, null, true, 1, 50));

    assertThat(page.hits()).isNotEmpty();
    AreaHit first = page.hits().get(0);
    Target target = first.targets().get(0);
    AreaCenter center = first.centers().stream().filter(c -> c.centerId().equals(target.centerId())).findFirst()
        .orElseThrow();
    List<LocalDate> days = provider.slots().freeDays(target);
    assertThat(days).isNotEmpty();
    List<Slot> slots = provider.slots().freeSlots(target, days.get(0));
    assertThat(slots.get(0).start()).isEqualTo(center.firstFree());
    List<Instant> order = page.hits().stream().map(h -> h.centers().stream().map(AreaCenter::firstFree)
        .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElseThrow()).toList();
    assertThat(order).isSorted();
  }

  @Test
  void filtersByGender() {
    AreaPage women = area().search(new AreaPageRequest("mashhad", "pediatrics", Gender.FEMALE, null, false, 1, 50));

    assertThat(women.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.gender()).isEqualTo(Gender.FEMALE));
  }

  @Test
  void lookupGivesEachPinnedCenterItsLocationNearTheCity() {
    GeoPoint tehran = new GeoPoint(35.6892, 51.3890);
    AreaPage page = area().search(new AreaPageRequest("tehran", "dermatology", null, null, false, 1, 50));

    int pinned = 0;
    for (AreaHit hit : page.hits().subList(0, Math.min(10, page.hits().size()))) {
      Doctor d = provider.lookup(hit.ref());
      for (Center c : d.centers()) {
        if (c.location() != null) {
          pinned++;
          assertThat(c.location().distanceKm(tehran)).isLessThan(20);
        }
      }
    }
    assertThat(pinned).isPositive();
  }

  @Test
  void reportsAnUnknownCityAsNotFound() {
    assertThatThrownBy(() -> area().search(new AreaPageRequest("atlantis", "dermatology", null, null, true, 1, 50)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
