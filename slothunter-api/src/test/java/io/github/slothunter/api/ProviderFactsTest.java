package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** ProviderInfo, RequestBudget, SearchQuery and OtpChallenge. */
class ProviderFactsTest {

  @ParameterizedTest
  @EnumSource(Capability.class)
  void providerInfoCanExactlyWhatItDeclares(Capability capability) {
    EnumSet<Capability> declared = EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.HOLD);
    ProviderInfo info = new ProviderInfo("p24", "Paziresh24", SlotHunterZones.TEHRAN, declared, Fixtures.budget());

    assertThat(info.can(capability)).isEqualTo(declared.contains(capability));
  }

  @Test
  void providerInfoCopiesItsCapabilities() {
    EnumSet<Capability> declared = EnumSet.of(Capability.LOOKUP);
    ProviderInfo info = new ProviderInfo("p24", "Paziresh24", SlotHunterZones.TEHRAN, declared, Fixtures.budget());

    declared.add(Capability.BOOK);

    assertThat(info.capabilities()).containsExactly(Capability.LOOKUP);
    assertThat(info.can(Capability.BOOK)).isFalse();
    assertThatThrownBy(() -> info.capabilities().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void providerInfoWithoutCapabilitiesCanNothing() {
    ProviderInfo info = new ProviderInfo("p24", "Paziresh24", ZoneId.of("UTC"), Set.of(), Fixtures.budget());

    assertThat(info.capabilities()).isEmpty();
    assertThat(info.can(Capability.LOOKUP)).isFalse();
    assertThat(info.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(info.defaultBudget()).isEqualTo(Fixtures.budget());
  }

  @Test
  void providerInfoRejectsMissingParts() {
    invalidInput(() -> new ProviderInfo("P24", "n", SlotHunterZones.TEHRAN, Set.of(), Fixtures.budget()), "providerId");
    invalidInput(() -> new ProviderInfo("p24", "n", null, Set.of(), Fixtures.budget()), "provider zone");
    invalidInput(() -> new ProviderInfo("p24", "n", SlotHunterZones.TEHRAN, null, Fixtures.budget()),
        "provider capabilities");
    SlotHunterException e = invalidInput(
        () -> new ProviderInfo("p24", "n", SlotHunterZones.TEHRAN, Set.of(), null), "provider defaultBudget");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @Test
  void requestBudgetKeepsItsLimits() {
    RequestBudget b = RequestBudget.of(30, 600, 4);

    assertThat(b).isEqualTo(new RequestBudget(30, 600, 4));
    assertThat(b.perMinute()).isEqualTo(30);
    assertThat(b.perHour()).isEqualTo(600);
    assertThat(b.maxInFlight()).isEqualTo(4);
  }

  @Test
  void requestBudgetWithersScalingAndFurtherWindowsKeepItConsistent() {
    RequestBudget b = RequestBudget.of(20, 300, 3);

    assertThat(b.sustainablePerMinute()).isEqualTo(5.0);
    assertThat(b.withPerMinute(400)).isEqualTo(RequestBudget.of(400, 400, 3)); // the hour follows a larger minute
    assertThat(b.withPerHour(1200).withMaxInFlight(5)).isEqualTo(RequestBudget.of(20, 1200, 5));
    RequestBudget daily = b.withLimit(java.time.Duration.ofDays(1), 1440).withLimit(java.time.Duration.ofDays(7), 7000);
    assertThat(daily.limits()).extracting(RequestBudget.Limit::window)
        .containsExactly(java.time.Duration.ofDays(1), java.time.Duration.ofDays(7));
    assertThat(daily.sustainablePerMinute()).isEqualTo(7000 / (7 * 1440.0)); // the week is the tightest
    assertThat(daily.withLimit(java.time.Duration.ofDays(1), 2880).limits()).hasSize(2) // replaced, not added
        .contains(new RequestBudget.Limit(java.time.Duration.ofDays(1), 2880));
    assertThat(daily.withPerHour(5000).limits()).allSatisfy(l -> assertThat(l.max()).isGreaterThanOrEqualTo(5000));
    assertThat(b.scaled(0.01)).isEqualTo(RequestBudget.of(1, 3, 1));
    invalidInput(() -> b.scaled(0), "budget scale");
    invalidInput(() -> b.scaled(Double.NaN), "budget scale");
    invalidInput(() -> b.withLimit(java.time.Duration.ofMinutes(30), 100), "budget window");
    invalidInput(() -> b.withLimit(java.time.Duration.ofDays(1), 0), "budget limit");
    invalidInput(() -> b.withLimit(java.time.Duration.ofDays(1), 299), "budget limit");
    invalidInput(() -> new RequestBudget(20, 300, 3, List.of(new RequestBudget.Limit(java.time.Duration.ofDays(1), 400),
        new RequestBudget.Limit(java.time.Duration.ofDays(1), 500))), "budget window");
  }

  @Test
  void requestBudgetAllowsAnHourlyLimitEqualToThePerMinuteOne() {
    assertThat(RequestBudget.of(1, 1, 1).perHour()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 10, 1, budget perMinute",
      "-1, 10, 1, budget perMinute",
      "10, 9, 1, budget perHour",
      "10, 10, 0, budget maxInFlight",
      "10, 10, -3, budget maxInFlight"
  })
  void requestBudgetRejectsLimitsBelowTheirMinimum(int perMinute, int perHour, int maxInFlight, String field) {
    SlotHunterException e = invalidInput(() -> RequestBudget.of(perMinute, perHour, maxInFlight), field);

    assertThat(e.getMessage()).contains("must be at least");
  }

  @Test
  void searchQueryTextIsAFirstPageSearchOverTheWholeCountry() {
    SearchQuery q = SearchQuery.text(" \u200Fسارا احمدی\u200F ");

    assertThat(q).isEqualTo(new SearchQuery("سارا احمدی", "", "", 1));
  }

  @Test
  void searchQueryNeedsAtLeastOneCriterion() {
    SlotHunterException e = invalidInput(() -> new SearchQuery(null, " ", "\u200F", 1), "search");

    assertThat(e.getMessage()).contains("needs a text, a city or an expertise");
  }

  @Test
  void searchQueryAcceptsACityOrAnExpertiseAlone() {
    assertThat(new SearchQuery(null, "tehran", null, 2).city()).isEqualTo("tehran");
    assertThat(new SearchQuery("", null, "cardiology", 1).expertise()).isEqualTo("cardiology");
  }

  @Test
  void searchQueryPagesStartAtOne() {
    SlotHunterException e = invalidInput(() -> new SearchQuery("sara", "", "", 0), "search page");

    assertThat(e.getMessage()).contains("must be at least 1: 0");
  }

  @Test
  void otpChallengeNormalisesTheMobileAndCopiesState() {
    Map<String, String> state = new HashMap<>(Map.of("request_id", "r-1"));
    OtpChallenge c = new OtpChallenge("paziresh24", "+98 912 123 4567", state, T0);

    state.clear();

    assertThat(c.mobile()).isEqualTo("09121234567");
    assertThat(c.state()).containsEntry("request_id", "r-1");
    assertThat(c.expiresAt()).isEqualTo(T0);
    assertThat(c.providerId()).isEqualTo("paziresh24");
  }

  @Test
  void otpChallengeToStringMasksTheMobileAndHidesStateValues() {
    OtpChallenge c = new OtpChallenge("paziresh24", "09121234567", Map.of("request_id", "secret-r-1"), T0);

    assertThat(c.toString())
        .doesNotContain("09121234567", "secret-r-1")
        .contains("0912***4567", "request_id", "paziresh24");
  }

  @Test
  void otpChallengeDefaultsToNoNoticeNoResendWaitAndAnSmsCode() {
    OtpChallenge c = new OtpChallenge("paziresh24", "09121234567", Map.of(), T0);

    assertThat(c.notice()).isEmpty();
    assertThat(c.resendAfter()).isEqualTo(java.time.Instant.MIN);
    assertThat(c.resendWait(T0)).isZero();
    assertThat(c.staticPassword()).isFalse();
  }

  @Test
  void otpChallengeCarriesTheProvidersNoticeResendTimeAndPasswordFlag() {
    OtpChallenge c = new OtpChallenge("paziresh24", "09121234567", Map.of(), T0.plusSeconds(120),
        "  کد تایید به تازگی ارسال شده است\u200F ", T0.plusSeconds(60), true);

    assertThat(c.notice()).isEqualTo("کد تایید به تازگی ارسال شده است");
    assertThat(c.resendWait(T0)).isEqualTo(java.time.Duration.ofSeconds(60));
    assertThat(c.resendWait(T0.plusSeconds(61))).isZero();
    assertThat(c.staticPassword()).isTrue();
    assertThat(c.toString()).doesNotContain("کد تایید").contains("staticPassword=true");
    assertThat(new OtpChallenge("paziresh24", "09121234567", Map.of(), T0, null, null, false).resendAfter())
        .isEqualTo(java.time.Instant.MIN);
  }

  @Test
  void otpChallengeRejectsAnUnprintableOrHugeNotice() {
    invalidInput(() -> new OtpChallenge("paziresh24", "09121234567", Map.of(), T0, "a\nb", null, false),
        "challenge notice");
    invalidInput(() -> new OtpChallenge("paziresh24", "09121234567", Map.of(), T0, "x".repeat(501), null, false),
        "challenge notice");
  }

  @Test
  void otpChallengeRejectsBadParts() {
    invalidInput(() -> new OtpChallenge("paziresh24", "02112345678", Map.of(), T0), "mobile");
    invalidInput(() -> new OtpChallenge("Paziresh24", "09121234567", Map.of(), T0), "providerId");
    invalidInput(() -> new OtpChallenge("paziresh24", "09121234567", null, T0), "challenge state");
    SlotHunterException e = invalidInput(
        () -> new OtpChallenge("paziresh24", "09121234567", Map.of(), null), "challenge expiresAt");

    assertThat(e.getMessage()).doesNotContain("09121234567");
  }
}
