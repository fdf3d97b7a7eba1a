package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Read-only checks against the real www.paziresh24.com: no holds, no logins, a handful of requests.
 * Runs only with {@code -Dslothunter.live=true}. Pick the doctor with
 * {@code -Dslothunter.paziresh24.live-slug=<slug>}; by default the first cardiology hit of a search.
 */
@Tag("live")
class Paziresh24LiveTest {
  private Provider provider;

  @BeforeEach
  void onlyWhenLive() {
    assumeTrue(Boolean.parseBoolean(System.getProperty("slothunter.live")), "live tests need -Dslothunter.live=true");
    provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
        .config(ProviderContext.TIMEOUT, "20s").build());
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  private DoctorRef liveDoctor() {
    String slug = System.getProperty("slothunter.paziresh24.live-slug");
    if (slug != null && !slug.isBlank()) {
      return provider.parse(slug).orElseThrow();
    }
    List<DoctorSummary> hits = provider.search().orElseThrow()
        .search(new SearchQuery("", "tehran", "cardiology", 1));
    assertThat(hits).as("search hits").isNotEmpty();
    return hits.get(0).ref();
  }

  @Test
  void looksUpARealDoctorAndReadsTheFreeDaysOfItsFirstCalendar() {
    Doctor doctor = provider.lookup(liveDoctor());

    assertThat(doctor.displayName()).isNotBlank();
    assertThat(doctor.centers()).isNotEmpty();
    List<Target> targets = doctor.bookableTargets();
    assumeTrue(!targets.isEmpty(), "the doctor has no online-bookable calendar today");
    List<LocalDate> days = provider.slots().freeDays(targets.get(0));
    assertThat(days).isSorted().doesNotHaveDuplicates();
  }
}
