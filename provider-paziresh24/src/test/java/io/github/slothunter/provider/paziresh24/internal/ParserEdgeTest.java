package io.github.slothunter.provider.paziresh24.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParserEdgeTest {
  private static final DoctorRef REF = new DoctorRef("paziresh24", "dr-x");

  @Test
  void findsTheDataBlockWhateverTheAttributeOrderAndCase() {
    assertThat(ProfileParser.nextData("<ScRiPt type=\"application/json\" id=\"__NEXT_DATA__\">{\"a\":1}</SCRIPT>"))
        .contains("{\"a\":1}");
    assertThat(ProfileParser.nextData("<div id=\"__NEXT_DATA__\">x</div>")).isEmpty();
    assertThat(ProfileParser.nextData("__NEXT_DATA__>")).isEmpty();
    assertThat(ProfileParser.nextData("no data")).isEmpty();
  }

  @Test
  void reportsAFullProfileWithoutCentersAsProtocol() {
    assertThatThrownBy(() -> ProfileParser.parseFullProfile(REF, "{\"error\":\"Slug not found\"}"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void readsAFullProfileWrappedInData() {
    var doctor = ProfileParser.parseFullProfile(REF,
        "{\"data\":{\"display_name\":\"\\u200F \",\"centers\":[{\"id\":1,\"services\":[{\"id\":2}]}]}}");

    assertThat(doctor.displayName()).as("falls back to the slug").isEqualTo("dr-x");
    assertThat(doctor.centers().get(0).services().get(0).providerKeys()).isEqualTo(Map.of());
  }

  @Test
  void cleansDisplayTextForRecords() {
    assertThat(ProfileParser.cut("  a\u200F\tb\u0000c  ", 200)).isEqualTo("a b c");
    assertThat(ProfileParser.cut("abcdef", 3)).isEqualTo("abc");
    assertThat(ProfileParser.cut("\u200C", 3)).isEqualTo("\u200C");
  }

  @Test
  void judgesIdsByWhatHeadersCanCarry() {
    assertThat(ProfileParser.plausibleId("77001")).isTrue();
    assertThat(ProfileParser.plausibleId("a b")).isFalse();
    assertThat(ProfileParser.plausibleId("x".repeat(65))).isFalse();
    assertThat(ProfileParser.plausibleId("مرکز")).isFalse();
  }

  @Test
  void decodesPercentEncodingStrictly() {
    assertThat(DoctorLinkParser.decode("a+b%20c")).isEqualTo("a+b c");
    assertThat(DoctorLinkParser.decode("%zz")).isNull();
    assertThat(DoctorLinkParser.decode("%F0%9F%98%80")).isEqualTo("😀");
    assertThat(DoctorLinkParser.decode("😀%41")).isEqualTo("😀A");
  }

  @Test
  void generatesTerminalIdsInThePhpUniqidShape() {
    // 2025-07-09T03:12:06.144236Z: the seconds and microseconds of the captured clinic-686dde06144236.30522977
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2025-07-09T03:12:06.144236Z"),
        java.time.ZoneOffset.UTC);

    String id = Terminal.generate(clock, new java.util.Random(42));

    assertThat(id).matches(Terminal.UNIQID).matches("^clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}$")
        .startsWith("clinic-686dde06" + String.format("%05x", 144236));
  }

  @Test
  void readsTheDurationAsAClockTimeOrWholeMinutes() {
    var json = Json.MAPPER;

    assertThat(ProfileParser.duration(json.valueToTree("00:15:00"))).contains(java.time.Duration.ofMinutes(15));
    assertThat(ProfileParser.duration(json.valueToTree("01:00:30"))).contains(java.time.Duration.ofSeconds(3630));
    assertThat(ProfileParser.duration(json.valueToTree("00:20"))).contains(java.time.Duration.ofMinutes(20));
    assertThat(ProfileParser.duration(json.valueToTree(15))).contains(java.time.Duration.ofMinutes(15));
    assertThat(ProfileParser.duration(json.valueToTree("10"))).contains(java.time.Duration.ofMinutes(10));
    assertThat(ProfileParser.duration(json.nullNode())).isEmpty();
    assertThat(ProfileParser.duration(json.valueToTree("00:00:00"))).isEmpty();
    assertThat(ProfileParser.duration(json.valueToTree("00:75:00"))).isEmpty();
    assertThat(ProfileParser.duration(json.valueToTree("quarter"))).isEmpty();
    assertThat(ProfileParser.duration(null)).isEmpty();
  }

  @Test
  void reportsAFullProfileWhoseStatusIsNotSuccessAsProtocol() {
    assertThatThrownBy(() -> ProfileParser.parseFullProfile(REF,
        "{\"status\":\"ERROR\",\"message\":\"x\",\"data\":{\"centers\":[]}}"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void recognisesOnlyStatusThreeAsABadTerminal() {
    assertThat(Paziresh24Client.saysBadTerminal("{\"status\":3,\"message\":\"x\"}")).isTrue();
    assertThat(Paziresh24Client.saysBadTerminal("{\"status\":\"3\"}")).isTrue();
    assertThat(Paziresh24Client.saysBadTerminal("{\"status\":1}")).isFalse();
    assertThat(Paziresh24Client.saysBadTerminal("[3]")).isFalse();
    assertThat(Paziresh24Client.saysBadTerminal("<html>3</html>")).isFalse();
    assertThat(Paziresh24Client.saysBadTerminal("{\"status\":3")).isFalse();
  }

  @Test
  void readsTheWaitAThrottlingMessageAsksFor() {
    assertThat(Paziresh24Authenticator.serverWait("لطفا ۲ دقیقه دیگر تلاش کنید.")).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(Paziresh24Authenticator.serverWait("لطفا 45 ثانیه دیگر")).isEqualTo(java.time.Duration.ofSeconds(45));
    assertThat(Paziresh24Authenticator.serverWait("لطفا کمی صبر کنید.")).isEqualTo(java.time.Duration.ZERO);
  }

  @Test
  void sanitisesFreeFormFieldNamesInErrors() {
    var body = ResponseClassifier.json(Paziresh24Endpoints.Endpoint.BOOK,
        "{\"status\":0,\"details\":{\"cell 09121234567\":\"x\"}}");

    assertThat(ResponseClassifier.failure(Paziresh24Endpoints.Endpoint.BOOK, body).getMessage())
        .doesNotContain("09121234567");
  }

  private static String page(String pageProps) {
    return "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":" + pageProps
        + "}}</script>";
  }

  @Test
  void readsAPageWithoutInformationAsNotServerRendered() {
    assertThat(ProfileParser.parseServerRendered(REF, page("{\"centers\":[]}"))).isEmpty();
    assertThatThrownBy(() -> ProfileParser.parsePage(REF, page("{\"information\":\"x\"}")))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void readsNullCentersAsNone() {
    var doctor = ProfileParser.parsePage(REF, page("{\"information\":{\"display_name\":\"د\"},\"centers\":null}"));

    assertThat(doctor.centers()).isEmpty();
    assertThat(doctor.expertises()).isEmpty();
  }

  @Test
  void capsExpertisesAndSkipsUnusableServerIdsAndDurations() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      many.append(i == 0 ? "" : ",").append("\"e").append(i).append('"');
    }
    String props = "{\"information\":{\"display_name\":\"د\"},\"expertises\":[" + many + "],"
        + "\"centers\":[{\"id\":\"1\",\"server_id\":\"1 2\"},"
        + "{\"id\":\"2\",\"services\":[{\"id\":\"3\",\"duration\":0}]}]}";

    var doctor = ProfileParser.parsePage(REF, page(props));

    assertThat(doctor.expertises()).hasSize(20).startsWith("e0");
    assertThat(doctor.centers().get(0).services()).isEmpty();
    assertThat(doctor.centers().get(1).services().get(0).duration()).isNull();
  }

  @Test
  void ignoresAScriptTagThatNeverCloses() {
    assertThat(ProfileParser.nextData("<script id=\"__NEXT_DATA__\"")).isEmpty();
  }

  @Test
  void keepsDisplayTextWithinItsLimitWhenSpacesAreAdded() {
    assertThat(ProfileParser.cut("ab cd", 3)).isEqualTo("ab");
    assertThat(ProfileParser.cut("ab cd", 4)).isEqualTo("ab c");
  }
}
