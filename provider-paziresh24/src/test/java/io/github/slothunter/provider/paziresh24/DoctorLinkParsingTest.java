package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DoctorLinkParsingTest {
  private static final String PERSIAN = "دکتر-علی-رضایی";
  private static final String PERSIAN_ENCODED = "%D8%AF%DA%A9%D8%AA%D8%B1-%D8%B9%D9%84%DB%8C-%D8%B1%D8%B6%D8%A7%DB%8C%DB%8C";
  private static Provider provider;

  @BeforeAll
  static void createProvider() {
    provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
        .systemProperties(new Properties()).environment(Map.of()).build());
  }

  @AfterAll
  static void closeProvider() {
    provider.close();
  }

  static Stream<Arguments> links() {
    return Stream.of(
        // valid forms: input, expected slug
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0", "dr-ali-rezaei-0"),
        Arguments.of("http://www.paziresh24.com/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("https://paziresh24.com/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("HTTPS://WWW.PAZIRESH24.COM/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com:443/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com./dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0/?utm_source=app&utm_medium=share", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0?utm_source=app", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0/#reviews", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0//", "dr-ali-rezaei-0"),
        Arguments.of("www.paziresh24.com/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("paziresh24.com/dr/dr-ali-rezaei-0", "dr-ali-rezaei-0"),
        Arguments.of("dr/dr-ali-rezaei-0", "dr-ali-rezaei-0"),
        Arguments.of("/dr/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("dr-ali-rezaei-0", "dr-ali-rezaei-0"),
        Arguments.of("  dr-ali-rezaei-0\n", "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/" + PERSIAN_ENCODED + "/", PERSIAN),
        Arguments.of("https://www.paziresh24.com/dr/" + PERSIAN + "/", PERSIAN),
        Arguments.of(PERSIAN, PERSIAN),
        Arguments.of(PERSIAN_ENCODED, PERSIAN),
        Arguments.of("https://www.paziresh24.com/dr/" + PERSIAN_ENCODED.replace("%", "%25") + "/", PERSIAN),
        Arguments.of("https://www.paziresh24.com/dr/%d8%af%da%a9%d8%aa%d8%b1/", "دکتر"),
        Arguments.of("https://www.paziresh24.com/booking/dr-ali-rezaei-0?centerId=12345&serviceId=2001", "dr-ali-rezaei-0"),
        Arguments.of("/booking/dr-ali-rezaei-0/", "dr-ali-rezaei-0"),
        Arguments.of("<https://www.paziresh24.com/dr/dr-ali-rezaei-0/>", "dr-ali-rezaei-0"),
        Arguments.of("\u200Ehttps://www.paziresh24.com/dr/dr-ali-rezaei-0/\u200F", "dr-ali-rezaei-0"),
        Arguments.of("نوبت دکتر علی رضایی را در پذیرش۲۴ بگیرید: https://www.paziresh24.com/dr/dr-ali-rezaei-0/?utm_source=app.",
            "dr-ali-rezaei-0"),
        Arguments.of("https://www.paziresh24.com/dr/dr_ali\u200Cرضایی/", "dr_ali\u200Cرضایی"),
        Arguments.of("booking/dr-ali-rezaei-0", "dr-ali-rezaei-0"),
        Arguments.of("http://www.paziresh24.com:80/dr/dr-ali-rezaei-0", "dr-ali-rezaei-0"),
        Arguments.of("dr-ali-rezaei-0#top?x=1", "dr-ali-rezaei-0"),
        // hostile or foreign: empty
        Arguments.of("https://www.paziresh24.com#/dr/dr-ali-rezaei-0/", null),
        Arguments.of("https://www.paziresh24.com?/dr/dr-ali-rezaei-0/", null),
        Arguments.of("?utm_source=app", null),
        Arguments.of("%z1", null),
        Arguments.of("%1z", null),
        Arguments.of("<>", null),
        Arguments.of("'", null),
        Arguments.of("dr-ali\u00A0rezaei", null),
        Arguments.of("", null),
        Arguments.of("   ", null),
        Arguments.of("https://www.doctoreto.com/doctor/dr-ali-rezaei-0", null),
        Arguments.of("https://evilpaziresh24.com/dr/dr-ali-rezaei-0/", null),
        Arguments.of("https://paziresh24.com.evil.example/dr/dr-ali-rezaei-0/", null),
        Arguments.of("https://www.paziresh24.com@evil.example/dr/dr-ali-rezaei-0/", null),
        Arguments.of("https://apigw.paziresh24.com/dr/dr-ali-rezaei-0/", null),
        Arguments.of("https://www.paziresh24.com:8443/dr/dr-ali-rezaei-0/", null),
        Arguments.of("ftp://www.paziresh24.com/dr/dr-ali-rezaei-0/", null),
        Arguments.of("javascript:alert(document.cookie)", null),
        Arguments.of("javascript://www.paziresh24.com/dr/x%0Aalert(1)", null),
        Arguments.of("https://www.paziresh24.com/", null),
        Arguments.of("https://www.paziresh24.com/dr/", null),
        Arguments.of("https://www.paziresh24.com/dr/dr-ali-rezaei-0/reviews", null),
        Arguments.of("https://www.paziresh24.com/s/tehran/cardiology/", null),
        Arguments.of("https://www.paziresh24.com/receipt/12345/556677/", null),
        Arguments.of("https://www.paziresh24.com/?next=/dr/dr-ali-rezaei-0/", null),
        Arguments.of("https://www.paziresh24.com/dr/..%2F..%2Fetc%2Fpasswd/", null),
        Arguments.of("https://www.paziresh24.com/dr/%3Cscript%3E/", null),
        Arguments.of("https://www.paziresh24.com/dr/%E0%A4%A/", null),
        Arguments.of("https://www.paziresh24.com/dr/%C3%28/", null),
        Arguments.of("https://www.paziresh24.com/dr/dr%20ali/", null),
        Arguments.of("https://p24.ir/dr-ali-rezaei-0", null),
        Arguments.of("doctoreto.com", null),
        Arguments.of("dr ali rezaei", null),
        Arguments.of("dr-ali\u0000rezaei", null),
        Arguments.of("<script>alert(1)</script>", null),
        Arguments.of("a".repeat(201), null),
        Arguments.of("https://www.paziresh24.com/dr/" + "a".repeat(5000) + "/", null),
        Arguments.of("see https://www.paziresh24.com/dr/a/ or https://www.paziresh24.com/dr/b/", null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("links")
  void parsesEveryLinkFormUsersPaste(String input, String expectedSlug) {
    Optional<DoctorRef> ref = provider.parse(input);

    if (expectedSlug == null) {
      assertThat(ref).isEmpty();
    } else {
      assertThat(ref).contains(new DoctorRef("paziresh24", expectedSlug));
    }
  }

  @Test
  void returnsEmptyForNullInsteadOfThrowing() {
    assertThat(provider.parse(null)).isEmpty();
  }

  @Test
  void acceptsTheSameLinkTwiceInShareText() {
    String text = "https://www.paziresh24.com/dr/dr-ali-rezaei-0/ (https://www.paziresh24.com/dr/dr-ali-rezaei-0/)";

    assertThat(provider.parse(text)).contains(new DoctorRef("paziresh24", "dr-ali-rezaei-0"));
  }
}
