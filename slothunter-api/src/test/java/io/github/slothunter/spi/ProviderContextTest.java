package io.github.slothunter.spi;

import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderContextTest {
  private static final String DEFAULT_URL = "https://www.paziresh24.com";

  private final Properties systemProperties = new Properties();
  private final Map<String, String> environment = new HashMap<>();

  /** A builder that reads only this test's properties and environment, never the JVM's. */
  private ProviderContext.Builder builder(String providerId) {
    return ProviderContext.builder(providerId).systemProperties(systemProperties).environment(environment);
  }

  private ProviderContext context(String key, String value) {
    return builder("paziresh24").config(key, value).build();
  }

  @Test
  void extensionsAreFoundByTheirTypeAndTheLastOneWins() {
    StringBuilder first = new StringBuilder("a");
    StringBuilder second = new StringBuilder("b");

    ProviderContext c = builder("paziresh24").extension(StringBuilder.class, first)
        .extension(StringBuilder.class, second).extension(Integer.class, 7).build();

    assertThat(c.extension(StringBuilder.class)).containsSame(second);
    assertThat(c.extension(Integer.class)).contains(7);
    assertThat(c.extension(Long.class)).as("a type nobody gave").isEmpty();
    assertThat(builder("paziresh24").build().extension(StringBuilder.class)).isEmpty();
    assertThatThrownBy(() -> builder("x").extension(StringBuilder.class, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void explicitConfigWinsOverSystemPropertyAndEnvironment() {
    systemProperties.setProperty("slothunter.paziresh24.timeout", "20s");
    environment.put("SLOTHUNTER_PAZIRESH24_TIMEOUT", "30s");

    ProviderContext c = builder("paziresh24").config("timeout", "10s").build();

    assertThat(c.config("timeout")).contains("10s");
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    systemProperties.setProperty("slothunter.paziresh24.timeout", "20s");
    environment.put("SLOTHUNTER_PAZIRESH24_TIMEOUT", "30s");

    ProviderContext c = builder("paziresh24").build();

    assertThat(c.config("timeout")).contains("20s");
  }

  @Test
  void environmentIsTheLastSource() {
    environment.put("SLOTHUNTER_PAZIRESH24_TIMEOUT", "30s");

    ProviderContext c = builder("paziresh24").build();

    assertThat(c.config("timeout")).contains("30s");
  }

  @Test
  void environmentNamesAreUpperCaseWithDotsAndDashesAsUnderscores() {
    environment.put("SLOTHUNTER_MY_PROVIDER_APIGW_URL", "http://127.0.0.1:1");
    environment.put("SLOTHUNTER_MY_PROVIDER_BUDGET_PER_MINUTE", "7");

    ProviderContext c = builder("my-provider").build();

    assertThat(c.config("apigw-url")).contains("http://127.0.0.1:1");
    assertThat(c.config("budget.per.minute")).contains("7");
  }

  @Test
  void systemPropertyNamesKeepTheProviderIdAndKeyAsWritten() {
    systemProperties.setProperty("slothunter.my-provider.apigw-url", "http://127.0.0.1:2");

    ProviderContext c = builder("my-provider").build();

    assertThat(c.config("apigw-url")).contains("http://127.0.0.1:2");
    assertThat(c.config("APIGW-URL")).isEmpty();
  }

  @Test
  void blankValuesCountAsAbsentAndDoNotHideLaterSources() {
    systemProperties.setProperty("slothunter.paziresh24.user-agent", "  ");
    environment.put("SLOTHUNTER_PAZIRESH24_USER_AGENT", "agent-from-env");

    ProviderContext c = builder("paziresh24").config("user-agent", "").build();

    assertThat(c.config("user-agent")).contains("agent-from-env");
  }

  @Test
  void blankEverywhereIsEmptyAndFallsBackToTheDefault() {
    environment.put("SLOTHUNTER_PAZIRESH24_USER_AGENT", " \t ");

    ProviderContext c = builder("paziresh24").build();

    assertThat(c.config("user-agent")).isEmpty();
    assertThat(c.config("user-agent", "SlotHunter/1")).isEqualTo("SlotHunter/1");
  }

  @Test
  void valuesAreStripped() {
    assertThat(context("user-agent", "  SlotHunter/1  ").config("user-agent")).contains("SlotHunter/1");
  }

  @Test
  void configValueOrDefaultPrefersTheValue() {
    assertThat(context("user-agent", "SlotHunter/2").config("user-agent", "SlotHunter/1")).isEqualTo("SlotHunter/2");
  }

  @Test
  void explicitConfigHoldsOnlyBuilderValuesAndIsImmutable() {
    systemProperties.setProperty("slothunter.paziresh24.timeout", "20s");
    ProviderContext c = builder("paziresh24").config(Map.of("a", "1", "b", "2")).config("c", "3").build();

    assertThat(c.explicitConfig()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    assertThatThrownBy(() -> c.explicitConfig().put("d", "4")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void environmentMapIsCopiedWhenGiven() {
    Map<String, String> env = new HashMap<>(Map.of("SLOTHUNTER_PAZIRESH24_TIMEOUT", "30s"));
    ProviderContext c = ProviderContext.builder("paziresh24").systemProperties(new Properties()).environment(env).build();

    env.put("SLOTHUNTER_PAZIRESH24_TIMEOUT", "99s");

    assertThat(c.config("timeout")).contains("30s");
  }

  @Test
  void defaultContextUsesTheSystemUtcClockAndNoExplicitConfig() {
    ProviderContext c = ProviderContext.of("paziresh24");

    assertThat(c.providerId()).isEqualTo("paziresh24");
    assertThat(c.clock()).isEqualTo(Clock.systemUTC());
    assertThat(c.explicitConfig()).isEmpty();
    assertThat(c.config("no-such-key-" + System.nanoTime())).isEmpty();
  }

  @Test
  void clockIsTheOneGiven() {
    Clock fixed = Clock.fixed(Instant.parse("2025-01-04T05:30:00Z"), ZoneOffset.UTC);

    assertThat(builder("paziresh24").clock(fixed).build().clock()).isSameAs(fixed);
  }

  @Test
  void toStringShowsKeysButNeverValues() {
    ProviderContext c = builder("paziresh24").config("proxy-password", "hunter2").build();

    assertThat(c.toString()).contains("paziresh24", "proxy-password").doesNotContain("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Paziresh24", "p_24", "p 24"})
  void rejectsAnInvalidProviderId(String providerId) {
    SlotHunterException e = invalidInput(() -> ProviderContext.builder(providerId), "providerId");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
  }

  @Test
  void builderRejectsNulls() {
    ProviderContext.Builder b = builder("paziresh24");

    assertThatNullPointerException().isThrownBy(() -> b.config(null, "v")).withMessage("key");
    assertThatNullPointerException().isThrownBy(() -> b.config("k", null)).withMessage("value");
    assertThatNullPointerException().isThrownBy(() -> b.clock(null)).withMessage("clock");
    assertThatNullPointerException().isThrownBy(() -> b.systemProperties(null)).withMessage("systemProperties");
    assertThatNullPointerException().isThrownBy(() -> b.build().config(null)).withMessage("key");
  }

  @Test
  void urlPrefersTheHostKeyOverBaseUrlOverTheDefault() {
    ProviderContext both = builder("paziresh24")
        .config("apigw-url", "http://127.0.0.1:8081").config("base-url", "http://127.0.0.1:8080").build();
    ProviderContext baseOnly = builder("paziresh24").config("base-url", "http://127.0.0.1:8080").build();
    ProviderContext none = builder("paziresh24").build();

    assertThat(both.url("apigw-url", DEFAULT_URL)).isEqualTo("http://127.0.0.1:8081");
    assertThat(baseOnly.url("apigw-url", DEFAULT_URL)).isEqualTo("http://127.0.0.1:8080");
    assertThat(none.url("apigw-url", DEFAULT_URL)).isEqualTo(DEFAULT_URL);
  }

  @Test
  void urlHostKeyFromTheEnvironmentStillBeatsAnExplicitBaseUrl() {
    environment.put("SLOTHUNTER_PAZIRESH24_APIGW_URL", "http://127.0.0.1:9000/");

    ProviderContext c = builder("paziresh24").config("base-url", "http://127.0.0.1:8080").build();

    assertThat(c.url("apigw-url", DEFAULT_URL)).isEqualTo("http://127.0.0.1:9000");
  }

  @ParameterizedTest
  @CsvSource({
      "http://127.0.0.1:8080/, http://127.0.0.1:8080",
      "http://127.0.0.1:8080///, http://127.0.0.1:8080",
      "https://mirror.example/p24/api/, https://mirror.example/p24/api",
      "https://mirror.example/p24/api, https://mirror.example/p24/api",
      "HTTPS://Mirror.Example/, HTTPS://Mirror.Example",
      "http://[::1]:8080/, http://[::1]:8080"
  })
  void urlDropsTrailingSlashes(String configured, String expected) {
    assertThat(context("base-url", configured).url("www-url", DEFAULT_URL)).isEqualTo(expected);
  }

  @Test
  void urlDropsTrailingSlashesFromTheDefaultToo() {
    assertThat(builder("paziresh24").build().url("www-url", "https://www.paziresh24.com/")).isEqualTo(DEFAULT_URL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/", "file:///etc/passwd", "javascript:alert(1)", "localhost:8080",
      "/relative/path", "http:/no-host", "mailto:a@b.c"})
  void urlRejectsNonHttpUrlsNamingTheKey(String configured) {
    SlotHunterException e = invalidInput(() -> context("www-url", configured).url("www-url", DEFAULT_URL),
        "config www-url");

    assertThat(e.getMessage()).contains("must be an http(s) URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://", "not a url", "127.0.0.1:8080", "http://bad host/", "http://127.0.0.1:8080/a b"})
  void urlRejectsUnparsableValuesNamingTheKey(String configured) {
    SlotHunterException e = invalidInput(() -> context("www-url", configured).url("www-url", DEFAULT_URL),
        "config www-url");

    assertThat(e.getMessage()).contains("is not a URL");
    assertThat(e.getCause()).isNotNull();
  }

  @ParameterizedTest
  @CsvSource({
      "10s, PT10S",
      "24h, PT24H",
      "7d, PT168H",
      "10S, PT10S",
      "'10 s', PT10S",
      "500ms, PT0.5S",
      "500MS, PT0.5S",
      "2m, PT2M",
      "PT10S, PT10S",
      "pt1m30s, PT1M30S",
      "P1D, PT24H",
      "7, PT7S",
      "' 7 ', PT7S"
  })
  void durationUnderstandsSuffixesIsoAndPlainSeconds(String configured, String expected) {
    Duration d = context("timeout", configured).duration("timeout", Duration.ofSeconds(1));

    assertThat(d).isEqualTo(Duration.parse(expected));
  }

  @Test
  void durationFallsBackToTheDefaultWhenUnset() {
    assertThat(builder("paziresh24").build().duration("timeout", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "10x", "ms", "s", "1.5s", "PTXS", "P", "ten seconds", "99999999999999999999",
      "9223372036854775807m"})
  void durationRejectsUnparsableValuesNamingTheKey(String configured) {
    SlotHunterException e = invalidInput(
        () -> context("timeout", configured).duration("timeout", Duration.ofSeconds(1)), "config timeout");

    assertThat(e.getMessage()).contains("is not a duration", configured);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0s", "-5s", "PT0S", "PT-1S", "0ms"})
  void durationRejectsZeroAndNegativeValues(String configured) {
    SlotHunterException e = invalidInput(
        () -> context("timeout", configured).duration("timeout", Duration.ofSeconds(1)), "config timeout");

    assertThat(e.getMessage()).contains("must be positive");
  }

  @Test
  void positiveIntParsesAValueOrFallsBack() {
    assertThat(context("budget-per-minute", "12").positiveInt("budget-per-minute", 5)).isEqualTo(12);
    assertThat(builder("paziresh24").build().positiveInt("budget-per-minute", 5)).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1"})
  void positiveIntRejectsZeroAndNegatives(String configured) {
    SlotHunterException e = invalidInput(
        () -> context("budget-per-minute", configured).positiveInt("budget-per-minute", 5), "config budget-per-minute");

    assertThat(e.getMessage()).contains("must be a positive integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "99999999999", "12 000"})
  void positiveIntRejectsNonIntegers(String configured) {
    SlotHunterException e = invalidInput(
        () -> context("budget-per-minute", configured).positiveInt("budget-per-minute", 5), "config budget-per-minute");

    assertThat(e.getMessage()).contains("must be a positive integer");
    assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void budgetWithoutOverridesIsTheDefault() {
    RequestBudget defaults = RequestBudget.of(30, 600, 4);

    assertThat(builder("paziresh24").build().budget(defaults)).isEqualTo(defaults);
  }

  @Test
  void budgetAppliesEachOverrideFromAnySource() {
    systemProperties.setProperty("slothunter.paziresh24.budget-per-hour", "900");
    environment.put("SLOTHUNTER_PAZIRESH24_BUDGET_MAX_IN_FLIGHT", "2");

    ProviderContext c = builder("paziresh24").config(ProviderContext.BUDGET_PER_MINUTE, "45").build();

    assertThat(c.budget(RequestBudget.of(30, 600, 4))).isEqualTo(RequestBudget.of(45, 900, 2));
  }

  @Test
  void aPerMinuteLimitAloneScalesTheHourSoOneSettingRaisesThePace() {
    ProviderContext c = context(ProviderContext.BUDGET_PER_MINUTE, "60");

    RequestBudget b = c.budget(RequestBudget.of(20, 300, 3));

    assertThat(b).isEqualTo(RequestBudget.of(60, 900, 3));
    assertThat(b.sustainablePerMinute()).isEqualTo(15.0);
  }

  @Test
  void budgetScaleMultipliesEveryDefaultLimitAndSingleLimitsApplyAfterIt() {
    RequestBudget defaults = RequestBudget.of(20, 300, 3).withLimit(java.time.Duration.ofDays(1), 3000);

    assertThat(context(ProviderContext.BUDGET_SCALE, "2").budget(defaults))
        .isEqualTo(RequestBudget.of(40, 600, 6).withLimit(java.time.Duration.ofDays(1), 6000));
    ProviderContext both = builder("paziresh24").config(ProviderContext.BUDGET_SCALE, "0.5")
        .config(ProviderContext.BUDGET_PER_HOUR, "200").build();
    assertThat(both.budget(RequestBudget.of(20, 300, 3))).isEqualTo(RequestBudget.of(10, 200, 2));
    invalidInput(() -> context(ProviderContext.BUDGET_SCALE, "lots").budget(defaults), "budget-scale");
    invalidInput(() -> context(ProviderContext.BUDGET_SCALE, "-1").budget(defaults), "budget-scale");
  }

  @Test
  void budgetOverridesThatContradictEachOtherAreInvalid() {
    ProviderContext c = builder("paziresh24").config(ProviderContext.BUDGET_PER_MINUTE, "1000")
        .config(ProviderContext.BUDGET_PER_HOUR, "600").build();

    invalidInput(() -> c.budget(RequestBudget.of(30, 600, 4)), "budget perHour");
    assertThatNullPointerException().isThrownBy(() -> c.budget(null)).withMessage("defaults");
  }

  @Test
  void wellKnownKeysHaveTheirDocumentedNames() {
    assertThat(new String[] {ProviderContext.BASE_URL, ProviderContext.TIMEOUT, ProviderContext.USER_AGENT,
        ProviderContext.BUDGET_PER_MINUTE, ProviderContext.BUDGET_PER_HOUR, ProviderContext.BUDGET_MAX_IN_FLIGHT,
        ProviderContext.BUDGET_SCALE})
        .containsExactly("base-url", "timeout", "user-agent", "budget-per-minute", "budget-per-hour",
            "budget-max-in-flight", "budget-scale");
  }
}
