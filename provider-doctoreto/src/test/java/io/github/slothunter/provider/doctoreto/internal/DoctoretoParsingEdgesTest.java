package io.github.slothunter.provider.doctoreto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shapes and corner cases of the two parsers, without HTTP. */
class DoctoretoParsingEdgesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DoctorRef VIDA = new DoctorRef("doctoreto", "ZaEBBZ");
  private static final Target OFFICE = new Target(VIDA, "3022", "3022", Map.of("consultation_id", "3022"));
  private static final LocalDate OCT_28 = LocalDate.of(2024, 10, 28);

  private final DoctoretoProfileParser profiles = new DoctoretoProfileParser(JSON);
  private final DoctoretoAssumptions defaults = assumptions(Map.of());

  private static DoctoretoAssumptions assumptions(Map<String, String> config) {
    return DoctoretoAssumptions.from(ProviderContext.builder("doctoreto").config(config)
        .systemProperties(new Properties()).environment(Map.of()).build());
  }

  private static String page(String consultationsState) {
    return "<html><body><script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":"
        + "{\"dehydratedState\":{\"queries\":[{\"queryKey\":\"consultations\"},{\"queryKey\":[\"consultations\"]},"
        + "{\"queryKey\":[\"consultations\",\"doctors\",{\"code\":\"ZaEBBZ\"}]},"
        + "{\"queryKey\":[1,\"doctors\",\"ZaEBBZ\"]},"
        + "{\"queryKey\":[\"consultations\",\"doctors\",\"ZaEBBZ\"],\"state\":" + consultationsState + "}]}}},"
        + "\"page\":\"/doctor/[slug]/[code]\"}</script></body></html>";
  }

  private SlotHunterException profileFailure(String html) {
    return catchThrowableOfType(SlotHunterException.class, () -> profiles.parse(VIDA, "ZaEBBZ", html));
  }

  private DoctoretoCalendar calendar(String body) {
    return DoctoretoCalendar.parse(body, "3022", OCT_28, DoctoretoFixtures.NOW, JSON, defaults);
  }

  private SlotHunterException calendarFailure(String body) {
    return catchThrowableOfType(SlotHunterException.class, () -> calendar(body));
  }

  @Test
  void acceptsConsultationsWrappedInItems() {
    Doctor doctor = profiles.parse(VIDA, "ZaEBBZ", page("{\"data\":{\"items\":[{\"id\":\"3022\",\"place\":"
        + "{\"name\":\"مطب\",\"city\":\"شیراز\"}}]}}"));

    assertThat(doctor.centers()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("3022");
      assertThat(c.city()).isEqualTo("شیراز");
    });
  }

  @Test
  void matchesTheQueryKeyExactlyAndNotByPosition() {
    Doctor doctor = profiles.parse(VIDA, "ZaEBBZ", page("{\"data\":[{\"id\":1,\"place\":{\"name\":\"A\"}}]}"));

    assertThat(doctor.centers()).extracting(Center::id).containsExactly("1");
  }

  @Test
  void reportsConsultationDataThatIsNotAListAsProtocol() {
    SlotHunterException e = profileFailure(page("{\"data\":{\"count\":1},\"status\":\"success\"}"));

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("no data array");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[5]", "[{\"id\":\" \"}]", "[{\"id\":1.5}]", "[{\"id\":true}]"})
  void reportsConsultationsThatAreNotObjectsWithAnIdAsProtocol(String data) {
    assertThat(profileFailure(page("{\"data\":" + data + "}")).code()).isEqualTo(ErrorCode.PROTOCOL);
  }

  @Test
  void findsTheScriptAfterOtherMentionsOfNextData() {
    String html = "<html><head><script>window.__NEXT_DATA__ = null; // <x></script>"
        + "<!-- __NEXT_DATA__ --><SCRIPT type='application/json' id='__NEXT_DATA__'>"
        + "{\"props\":{\"pageProps\":{\"dehydratedState\":{\"queries\":[{\"queryKey\":"
        + "[\"consultations\",\"doctors\",\"ZaEBBZ\"],\"state\":{\"data\":[]}}]}}}}</SCRIPT></head></html>";

    assertThat(profiles.parse(VIDA, "ZaEBBZ", html).centers()).isEmpty();
  }

  @Test
  void treatsAnUnterminatedScriptAsMissing() {
    assertThat(DoctoretoProfileParser.nextData("<script id=\"__NEXT_DATA__\">{\"a\":1}")).isEmpty();
    assertThat(DoctoretoProfileParser.nextData("<div id=\"__NEXT_DATA__\">{}</div>")).isEmpty();
    assertThat(DoctoretoProfileParser.nextData("__NEXT_DATA__")).isEmpty();
    assertThat(DoctoretoProfileParser.nextData("<script id=__NEXT_DATA__>{}</script >")).contains("{}");
  }

  @Test
  void reportsNextJsErrorPageAsNotFound() {
    String html = "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"page\":\"/_error\",\"props\":{}}</script>";

    assertThat(profileFailure(html).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void prefersTheDoctorObjectsNameOverOtherNames() {
    String html = "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":"
        + "{\"banner\":[{\"fullName\":\"\"},{\"fullName\":\"دکتر دیگر\"}],"
        + "\"doctor\":{\"id\":\"ZaEBBZ\",\"fullName\":\"دکتر ویدا ایمانی\",\"specialities\":[{\"name\":\"زنان\"},{\"x\":1}]},"
        + "\"dehydratedState\":{\"queries\":[{\"queryKey\":[\"consultations\",\"doctors\",\"ZaEBBZ\"],"
        + "\"state\":{\"data\":[]}}]}}}}</script>";

    Doctor doctor = profiles.parse(VIDA, "ZaEBBZ", html);

    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.expertises()).containsExactly("زنان");
  }

  @Test
  void findsTheDoctorBySlugWhenItsIdIsNotTheCode() {
    String html = "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"query\":{\"slug\":\"dr-vida-imani\"},"
        + "\"props\":{\"pageProps\":{\"similar\":[{\"id\":2,\"slug\":\"jamali\",\"fullName\":\"دکتر جمالی\"}],"
        + "\"doctor\":{\"id\":981,\"slug\":\"dr-vida-imani\",\"fullName\":\"دکتر ویدا ایمانی\","
        + "\"specialities\":[{\"title\":\"زنان\"}]},"
        + "\"dehydratedState\":{\"queries\":[{\"queryKey\":[\"consultations\",\"doctors\",\"ZaEBBZ\"],"
        + "\"state\":{\"data\":[]}}]}}}}</script>";

    Doctor doctor = profiles.parse(VIDA, "ZaEBBZ", html);

    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.expertises()).containsExactly("زنان");
  }

  @Test
  void prefersANameOutsideListsOverOneInAList() {
    String html = "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"query\":{\"slug\":\"other\"},"
        + "\"props\":{\"pageProps\":{\"similar\":[{\"fullName\":\"دکتر جمالی\"}],"
        + "\"seo\":{\"person\":{\"fullName\":\"دکتر ویدا ایمانی\"}},"
        + "\"dehydratedState\":{\"queries\":[{\"queryKey\":[\"consultations\",\"doctors\",\"ZaEBBZ\"],"
        + "\"state\":{\"data\":[]}}]}}}}</script>";

    assertThat(profiles.parse(VIDA, "ZaEBBZ", html).displayName()).isEqualTo("دکتر ویدا ایمانی");
  }

  @Test
  void fallsBackToANestedNameWhenTheDoctorObjectsNameIsBlank() {
    String html = "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":"
        + "{\"doctor\":{\"id\":\"ZaEBBZ\",\"fullName\":\" \"},\"deep\":[[{\"fullName\":\"دکتر ایمانی\"}]],"
        + "\"dehydratedState\":{\"queries\":[{\"queryKey\":[\"consultations\",\"doctors\",\"ZaEBBZ\"],"
        + "\"state\":{\"data\":[]}}]}}}}</script>";

    assertThat(profiles.parse(VIDA, "ZaEBBZ", html).displayName()).isEqualTo("دکتر ایمانی");
  }

  @Test
  void reportsCalendarShapeChangesAsProtocol() {
    assertThat(calendarFailure("").getMessage()).contains("items.days");
    assertThat(calendarFailure("{\"items\":{\"days\":[1]}}").getMessage()).contains("not an object");
    assertThat(calendarFailure("{\"items\":{\"days\":[{\"date\":\"2024-10-28\"}]}}").getMessage())
        .contains("without a times array");
    assertThat(calendarFailure("{\"items\":{\"days\":[{\"times\":{}}]}}").getMessage())
        .contains("without a times array");
    assertThat(calendarFailure("{\"items\":{\"days\":[{\"times\":[\"09:00\"]}]}}").getMessage())
        .contains("time that is not an object");
    assertThat(calendarFailure("{\"items\":{\"days\":[{\"times\":[{\"id\":\" \",\"status\":1}]}]}}").getMessage())
        .contains("without an id");
    assertThat(calendarFailure("{\"items\":{\"days\":[{\"times\":[{\"id\":[1],\"status\":1}]}]}}").code())
        .isEqualTo(ErrorCode.PROTOCOL);
    assertThat(calendarFailure("{\"items\":{\"days\":[{\"date\":\"someday\",\"times\":[]}]}}").getMessage())
        .contains("[date]", "day-date-field");
  }

  @Test
  void treatsNullTimesAsAnEmptyDay() {
    DoctoretoCalendar calendar = calendar("{\"items\":{\"days\":[{\"date\":\"2024-10-28\",\"times\":null}]}}");

    assertThat(calendar.freeDays()).isEmpty();
    assertThat(calendar.covers(OCT_28)).isTrue();
    assertThat(calendar.covers(OCT_28.plusDays(1))).isFalse();
    assertThat(calendar.covers(OCT_28.minusDays(1))).isFalse();
  }

  @Test
  void coversOnlyItsStartDateWhenNothingIsDated() {
    DoctoretoCalendar empty = calendar("{\"items\":{\"days\":[]}}");
    DoctoretoCalendar undatable = calendar("{\"items\":{\"days\":[{\"times\":[{\"id\":1,\"status\":1}]}]}}");

    assertThat(empty.covers(OCT_28)).isTrue();
    assertThat(empty.covers(OCT_28.plusDays(1))).isFalse();
    assertThat(undatable.covers(OCT_28)).isTrue();
    assertThat(undatable.covers(OCT_28.plusDays(1))).isFalse();
  }

  @Test
  void fallsBackToTheSlotLengthWhenTheEndIsNotAfterTheStart() {
    DoctoretoCalendar calendar = calendar("{\"items\":{\"days\":[{\"date\":\"2024-10-28\",\"times\":["
        + "{\"id\":1,\"status\":1,\"start_time\":\"10:00\",\"end_time\":\"09:00\"}]}]}}");

    assertThat(calendar.freeSlots(OFFICE, OCT_28)).singleElement()
        .satisfies(s -> assertThat(s.length()).isEqualTo(DoctoretoAssumptions.DEFAULT_SLOT_LENGTH));
  }

  @Test
  void countsATimeListedTwiceOnce() {
    DoctoretoCalendar calendar = calendar("{\"items\":{\"days\":[{\"date\":\"2024-10-28\",\"times\":["
        + "{\"id\":1,\"status\":1,\"start_time\":\"10:00\"},{\"id\":1,\"status\":1,\"start_time\":\"10:00\"}]}]}}");

    assertThat(calendar.freeSlots(OFFICE, OCT_28)).hasSize(1);
  }

  @Test
  void acceptsConfiguredFreeStatuses() {
    DoctoretoAssumptions custom = assumptions(Map.of("free-status", "1, available"));

    assertThat(custom.isFree(JSON.getNodeFactory().textNode("available"))).isTrue();
    assertThat(custom.isFree(JSON.getNodeFactory().numberNode(1))).isTrue();
    assertThat(custom.isFree(JSON.getNodeFactory().booleanNode(true))).isFalse();
    assertThat(defaults.isFree(JSON.getNodeFactory().textNode("available"))).isFalse();
  }

  @Test
  void readsOptionalConsultationFieldsLeniently() throws Exception {
    assertThat(DoctoretoAssumptions.firstAmount(JSON.readTree("{\"price\":-1,\"fee\":\"۱۲۰,۰۰۰\"}"),
        DoctoretoAssumptions.PRICE_FIELDS)).contains(120_000L);
    assertThat(DoctoretoAssumptions.firstAmount(JSON.readTree("{\"price\":\"free\"}"),
        DoctoretoAssumptions.PRICE_FIELDS)).isEmpty();
    assertThat(DoctoretoAssumptions.firstText(JSON.readTree("{\"title\":\" \",\"type\":{\"title\":\"حضوری\"}}"),
        DoctoretoAssumptions.TITLE_FIELDS)).contains("حضوری");
    assertThat(DoctoretoAssumptions.first(JSON.readTree("{\"date\":null}"), defaults.dayDateFields(),
        DoctoretoTimes::date, "a day", "day-date-field")).isEmpty();
  }

  @Test
  void rejectsProfilePathsThatAreNotPathTemplates() {
    for (String path : new String[] {"doctor/{slug}/{code}", "/doctor/x", "/doctor/{slug}/{code}?a=1",
        "/doctor/{slug}/{code}#x", "/doctor/{code}"}) {
      SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
          () -> assumptions(Map.of("profile-path", path)));
      assertThat(e.code()).as(path).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.getMessage()).as(path).contains("profile-path");
    }
    for (String path : new String[] {"doctor/{code}", "/doctor/{slug}/{code}", "/d"}) {
      SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
          () -> assumptions(Map.of("short-profile-path", path)));
      assertThat(e.code()).as(path).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.getMessage()).as(path).contains("short-profile-path");
    }
    assertThat(assumptions(Map.of()).profilePath("dr-x", "ZaEBBZ")).isEqualTo("/doctor/dr-x/ZaEBBZ");
    assertThat(assumptions(Map.of()).shortProfilePath("ZaEBBZ")).isEqualTo("/doctor/ZaEBBZ");
    assertThat(assumptions(Map.of("slot-end-field", "a,,b")).slotEndFields()).containsExactly("a", "b");
    assertThat(assumptions(Map.of("slot-duration-field", "len.minutes")).slotDurationFields())
        .containsExactly("len.minutes");
  }

  @Test
  void decodesBodiesGzippedTwiceAndRejectsGzipBombs() {
    byte[] twice = DoctoretoFixtures.gzip(DoctoretoFixtures.gzip("سلام".getBytes(StandardCharsets.UTF_8)));
    byte[] bomb = DoctoretoFixtures.gzip(new byte[DoctoretoHttp.MAX_BODY_BYTES + 1]);

    assertThat(DoctoretoHttp.decode(twice, null, "x")).isEqualTo("سلام");
    assertThat(DoctoretoHttp.decode("a".getBytes(StandardCharsets.UTF_8), MediaType.get("text/plain"), "x"))
        .isEqualTo("a");
    assertThat(DoctoretoHttp.decode(new byte[] {0x1f}, null, "x")).isEqualTo("\u001f");
    assertThat(catchThrowableOfType(SlotHunterException.class, () -> DoctoretoHttp.decode(bomb, null, "x"))
        .getMessage()).contains("decompresses to more than");
  }
}
