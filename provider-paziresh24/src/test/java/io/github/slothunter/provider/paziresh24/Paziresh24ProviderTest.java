package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Capability;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Settings;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.Providers;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class Paziresh24ProviderTest extends WireMockSupport {

  @Test
  void isDiscoveredByServiceLoaderUnderItsId() {
    Providers providers = Providers.discover(getClass().getClassLoader());

    assertThat(providers.find("paziresh24")).hasValueSatisfying(
        f -> assertThat(f).isInstanceOf(Paziresh24ProviderFactory.class));
  }

  @Test
  void describesItselfWithTheDefaultBudget() {
    ProviderInfo info = provider().info();

    assertThat(info.id()).isEqualTo("paziresh24");
    assertThat(info.name()).isEqualTo("Paziresh24");
    assertThat(info.zone()).isEqualTo(SlotHunterZones.TEHRAN);
    // all but FIND_BOOKING: the account's bookings list (/V1/patient/visits) is known by URL only, not by its answer
    assertThat(info.capabilities()).isEqualTo(EnumSet.complementOf(EnumSet.of(Capability.FIND_BOOKING)));
    assertThat(info.defaultBudget()).isEqualTo(RequestBudget.of(20, 300, 3));
  }

  @Test
  void appliesBudgetOverrides() {
    ProviderInfo info = provider("budget-per-minute", "5", "budget-per-hour", "50", "budget-max-in-flight", "1").info();

    assertThat(info.defaultBudget()).isEqualTo(RequestBudget.of(5, 50, 1));
  }

  @Test
  void offersEveryOptionalPart() {
    Provider p = provider();

    assertThat(p.booker()).isPresent();
    assertThat(p.authenticator()).isPresent();
    assertThat(p.search()).isPresent();
    assertThat(p.slots()).isNotNull();
    assertThat(p.toString()).contains("bookingEndpoint=APIGW");
  }

  @Test
  void generatesOneUniqidShapedTerminalIdPerInstanceInGenerateMode() {
    Paziresh24Provider p = (Paziresh24Provider) provider("terminal-mode", "generate");

    assertThat(p.terminalId()).matches(TERMINAL)
        .startsWith("clinic-" + Long.toHexString(NOW.getEpochSecond()) + "00000");
    assertThat(p.terminalId()).isEqualTo(p.terminalId());
    assertThat(count(SET_TERMINAL_PATH)).isZero();
  }

  @Test
  void asksSetTerminalOnceByDefault() {
    Paziresh24Provider p = (Paziresh24Provider) provider();

    String first = p.terminalId();
    String second = p.terminalId();

    assertThat(first).isEqualTo(SET_TERMINAL_ID).isEqualTo(second);
    var setTerminal = single(SET_TERMINAL_PATH);
    assertThat(form(setTerminal)).containsOnlyKeys("terminal_id", "details", "ip", "type", "version")
        .containsEntry("ip", "0.0.0.0").containsEntry("type", "web").containsEntry("version", "1")
        .containsEntry("details", Paziresh24Settings.DEFAULT_USER_AGENT);
    assertThat(form(setTerminal).get("terminal_id"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void fallsBackToALocalTerminalIdWhenSetTerminalFails() {
    wm.stubFor(post(urlPathEqualTo(SET_TERMINAL_PATH)).willReturn(aResponse().withStatus(500)));

    assertThat(((Paziresh24Provider) provider()).terminalId()).matches(TERMINAL);
  }

  @Test
  void fallsBackToALocalTerminalIdWhenSetTerminalGivesNoId() {
    stubPost(SET_TERMINAL_PATH, 200, "{\"status\":1,\"id\":\"bad id with spaces\"}");

    assertThat(((Paziresh24Provider) provider()).terminalId()).matches(TERMINAL);
  }

  @Test
  void letsHostKeysWinOverTheBaseUrl() {
    stubPost("/booking/v2/getFreeDays", 200, fixture("free-days-empty.json"));

    Provider p = provider("base-url", "http://127.0.0.1:9", "apigw-url", base());
    p.slots().freeDays(target());

    assertThat(count("/booking/v2/getFreeDays")).isOne();
  }

  @Test
  void linksToTheSitesBookingPage() {
    Provider p = provider("www-url", "https://www.paziresh24.com");
    Target persian = new Target(new DoctorRef("paziresh24", "دکتر-سارا"), "12345", "2001", Map.of());
    Slot slot = new Slot(persian, Instant.ofEpochSecond(1783229400), Instant.ofEpochSecond(1783230300), "a-b");

    assertThat(p.bookingLink(slot)).contains(URI.create(
        "https://www.paziresh24.com/booking/%D8%AF%DA%A9%D8%AA%D8%B1-%D8%B3%D8%A7%D8%B1%D8%A7?centerId=12345&serviceId=2001"));
  }

  @Test
  void rejectsMalformedConfiguration() {
    assertThatThrownBy(() -> provider("booking-endpoint", "cdn"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("booking-endpoint", "apigw, www");
        });
    assertThatThrownBy(() -> provider("profile-fallback", "maybe"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> provider("hold-ttl", "soon"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> provider("www-url", "ftp://example.invalid"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> provider("user-agent", "عامل"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void readsConfigurationFromSystemPropertiesToo() {
    Properties props = new Properties();
    props.setProperty("slothunter.paziresh24.booking-endpoint", "www");
    Provider p = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
        .systemProperties(props).environment(Map.of()).build());

    try {
      assertThat(p.toString()).contains("bookingEndpoint=WWW");
    } finally {
      p.close();
    }
  }

  @Test
  void refusesAContextOfAnotherProvider() {
    ProviderContext other = ProviderContext.builder("doctoreto").systemProperties(new Properties())
        .environment(Map.of()).build();

    assertThatThrownBy(() -> new Paziresh24ProviderFactory().create(other)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Paziresh24ProviderFactory().id()).isEqualTo("paziresh24");
  }

  @Test
  void closesIdempotently() {
    Provider p = provider();

    p.close();

    assertThatCode(p::close).doesNotThrowAnyException();
  }
}
