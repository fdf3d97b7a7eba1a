package io.github.slothunter.provider.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
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
 * Read-only checks against the real doctoreto.com: one profile page and one calendar request per
 * run. Runs only with {@code -Dslothunter.live=true}. When it fails, compare the message with the
 * unverified fields in {@code DoctoretoAssumptions}.
 */
@Tag("live")
class DoctoretoLiveTest {
  private static final String LINK = "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ";

  private Provider provider;

  @BeforeEach
  void onlyWhenAskedFor() {
    assumeTrue("true".equals(System.getProperty("slothunter.live")), "live tests need -Dslothunter.live=true");
    provider = new DoctoretoProviderFactory().create(ProviderContext.of("doctoreto"));
  }

  @AfterEach
  void closeProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void readsARealProfileAndItsFirstCalendar() {
    DoctorRef ref = provider.parse(LINK).orElseThrow();

    Doctor doctor = provider.lookup(ref);
    List<Target> targets = doctor.bookableTargets();

    assertThat(doctor.displayName()).isNotBlank();
    assertThat(targets).isNotEmpty();
    List<LocalDate> days = provider.slots().freeDays(targets.get(0));
    assertThat(days).isSorted();
    if (!days.isEmpty()) {
      List<Slot> slots = provider.slots().freeSlots(targets.get(0), days.get(0));
      assertThat(slots).isNotEmpty();
      assertThat(provider.bookingLink(slots.get(0))).isPresent();
    }
  }
}
