package io.github.slothunter.provider.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Capability;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.Providers;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DoctoretoProviderFactoryTest {
  private static ProviderContext.Builder context() {
    return ProviderContext.builder("doctoreto").systemProperties(new Properties()).environment(Map.of());
  }

  private static Slot slot(String providerId, String key) {
    Target target = new Target(new DoctorRef(providerId, "ZaEBBZ"), "3022", "3022", Map.of("consultation_id", "3022"));
    Instant start = Instant.parse("2024-10-28T06:00:00Z");
    return new Slot(target, start, start.plusSeconds(900), key);
  }

  @Test
  void isDiscoveredUnderItsId() {
    Providers providers = Providers.discover(getClass().getClassLoader());

    assertThat(providers.get("doctoreto")).isInstanceOf(DoctoretoProviderFactory.class);
    assertThat(new DoctoretoProviderFactory().id()).isEqualTo("doctoreto");
    assertThat(new DoctoretoProviderFactory()).hasToString("DoctoretoProviderFactory");
  }

  @Test
  void describesItselfAsALookupAndSlotsProviderWithBookingLinks() {
    try (Provider provider = new DoctoretoProviderFactory().create(context().build())) {
      assertThat(provider.info().id()).isEqualTo("doctoreto");
      assertThat(provider.info().name()).isEqualTo("Doctoreto");
      assertThat(provider.info().zone()).isEqualTo(SlotHunterZones.TEHRAN);
      assertThat(provider.info().capabilities())
          .containsExactlyInAnyOrder(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.BOOKING_LINK);
      assertThat(provider.info().defaultBudget()).isEqualTo(RequestBudget.of(20, 300, 2));
      assertThat(provider).hasToString("DoctoretoProvider[https://doctoreto.com/]");
    }
  }

  @Test
  void offersNoBookerAuthenticatorOrSearch() {
    try (Provider provider = new DoctoretoProviderFactory().create(context().build())) {
      assertThat(provider.booker()).isEmpty();
      assertThat(provider.authenticator()).isEmpty();
      assertThat(provider.search()).isEmpty();
    }
  }

  @Test
  void appliesBudgetOverrides() {
    ProviderContext ctx = context().config("budget-per-minute", "5").config("budget-max-in-flight", "1").build();

    try (Provider provider = new DoctoretoProviderFactory().create(ctx)) {
      assertThat(provider.info().defaultBudget()).isEqualTo(RequestBudget.of(5, 75, 1)); // the hour scales with the minute
    }
  }

  @Test
  void readsConfigFromSystemPropertiesToo() {
    Properties props = new Properties();
    props.setProperty("slothunter.doctoreto.www-url", "https://mirror.example/dt");

    try (Provider provider = new DoctoretoProviderFactory().create(context().systemProperties(props).build())) {
      assertThat(provider.bookingLink(slot("doctoreto", "981001")))
          .contains(URI.create("https://mirror.example/dt/reserve/consultation?item_type=0&item_id=981001"));
    }
  }

  @Test
  void linksASlotToTheSitesReservePage() {
    try (Provider provider = new DoctoretoProviderFactory().create(context().build())) {
      assertThat(provider.bookingLink(slot("doctoreto", "981001")))
          .contains(URI.create("https://doctoreto.com/reserve/consultation?item_type=0&item_id=981001"));
      assertThat(provider.bookingLink(slot("doctoreto", "a b&c")))
          .contains(URI.create("https://doctoreto.com/reserve/consultation?item_type=0&item_id=a%20b%26c"));
      assertThat(provider.bookingLink(slot("paziresh24", "981001"))).isEmpty();
    }
  }

  @Test
  void rejectsMalformedConfigurationNamingTheKey() {
    DoctoretoProviderFactory factory = new DoctoretoProviderFactory();

    assertThatThrownBy(() -> factory.create(context().config("www-url", "doctoreto.com").build()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("www-url");
        });
    assertThatThrownBy(() -> factory.create(context().config("profile-path", "doctor/{slug}").build()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.getMessage()).contains("profile-path"));
    assertThatThrownBy(() -> factory.create(context().config("slot-start-field", "a b").build()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.getMessage()).contains("slot-start-field"));
    assertThatThrownBy(() -> factory.create(context().config("free-status", " , ").build()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.getMessage()).contains("free-status"));
    assertThatThrownBy(() -> factory.create(context().config("slot-cache-ttl", "soon").build()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.getMessage()).contains("slot-cache-ttl"));
    assertThatThrownBy(() -> factory.create(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void closesIdempotently() {
    Provider provider = new DoctoretoProviderFactory().create(context().build());

    provider.close();
    provider.close();

    assertThat(provider.booker()).isEmpty();
  }
}
