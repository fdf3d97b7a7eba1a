package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.IcsParser.Component;
import io.github.slothunter.core.IcsParser.Property;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ICalendarTest {
  private static final Instant NOW = Instant.parse("2026-07-04T05:30:12.345Z");
  /** 08:30 in Tehran on 2026-07-05. */
  private static final Instant START = Instant.parse("2026-07-05T05:00:00Z");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DoctorRef REF = new DoctorRef("paziresh24", "dr-sara-ahmadi");
  private static final Target TARGET = new Target(REF, "12345", "2001", Map.of("server_id", "1"));
  private static final Service VISIT = new Service("2001", "ویزیت حضوری", 1_500_000L, Duration.ofMinutes(15), true,
      Map.of());
  private static final Center OFFICE = new Center("12345", "مطب دکتر احمدی", "تهران، خیابان ولیعصر، پلاک ۱۲",
      "تهران", List.of(VISIT));
  private static final Center ONLINE = new Center("5532", "ویزیت آنلاین", "", "", List.of());
  private static final Doctor DOCTOR = new Doctor(REF, "دکتر سارا احمدی", List.of("قلب و عروق"),
      List.of(ONLINE, OFFICE));

  private static Slot slot(Instant start) {
    return new Slot(TARGET, start, start.plus(Duration.ofMinutes(15)), start.getEpochSecond() + "-x");
  }

  private static Booking booking() {
    return new Booking(slot(START), "b-556677", "9312345", NOW);
  }

  private static Hold hold() {
    return new Hold(slot(START.plus(Duration.ofDays(1))), "rc-8f1e2d", NOW.plus(Duration.ofMinutes(5)));
  }

  private static ICalendar.Builder builder() {
    return ICalendar.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static Component onlyEvent(ICalendar calendar) {
    Component root = IcsParser.parse(calendar.text());
    assertThat(root.children("VEVENT")).hasSize(1);
    return root.children("VEVENT").get(0);
  }

  /** The instant a DTSTART/DTEND means, computed from the calendar's own VTIMEZONE offsets. */
  private static Instant instant(Component calendar, Property time) {
    Component tz = calendar.children("VTIMEZONE").get(0);
    assertThat(time.param("TZID")).isEqualTo(tz.one("TZID").value());
    LocalDateTime local = LocalDateTime.parse(time.value(), LOCAL);
    Component inForce = null;
    for (Component observance : tz.children) {
      if (!LocalDateTime.parse(observance.one("DTSTART").value(), LOCAL).isAfter(local)) {
        inForce = observance; // observances are written in time order
      }
    }
    assertThat(inForce).as("an observance in force at %s", local).isNotNull();
    return local.toInstant(ZoneOffset.of(inForce.one("TZOFFSETTO").value()));
  }

  @Test
  void writesTheCalendarEnvelope() {
    Component root = IcsParser.parse(builder().add(CalendarEvent.booking(booking(), DOCTOR, OFFICE)).build().text());

    assertThat(root.name).isEqualTo("VCALENDAR");
    assertThat(root.names()).containsExactly("VERSION", "PRODID", "CALSCALE", "METHOD");
    assertThat(root.one("VERSION").value()).isEqualTo("2.0");
    assertThat(root.one("PRODID").text()).isEqualTo(ICalendar.DEFAULT_PRODUCT_ID);
    assertThat(root.one("CALSCALE").value()).isEqualTo("GREGORIAN");
    assertThat(root.one("METHOD").value()).isEqualTo("PUBLISH");
    assertThat(root.children).extracting(c -> c.name).containsExactly("VTIMEZONE", "VEVENT");
  }

  @Test
  void writesEveryFieldOfABooking() {
    CalendarEvent event = CalendarEvent.booking(booking(), DOCTOR, OFFICE)
        .withLink(URI.create("https://www.paziresh24.com/receipt/12345/b-556677/"));

    Component e = onlyEvent(builder().productId("-//Clinic Bot//Calendar 1.0//FA").add(event).build());

    assertThat(e.names()).containsExactly("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION",
        "DESCRIPTION", "URL", "STATUS", "TRANSP");
    assertThat(e.one("UID").text()).isEqualTo("b-556677@paziresh24.slothunter");
    assertThat(e.one("DTSTAMP").value()).isEqualTo("20260704T053012Z");
    assertThat(e.one("DTSTAMP").params()).isEmpty();
    assertThat(e.one("DTSTART").params()).containsExactly(Map.entry("TZID", "Asia/Tehran"));
    assertThat(e.one("DTSTART").value()).isEqualTo("20260705T083000");
    assertThat(e.one("DTEND").params()).containsExactly(Map.entry("TZID", "Asia/Tehran"));
    assertThat(e.one("DTEND").value()).isEqualTo("20260705T084500");
    assertThat(e.one("SUMMARY").text()).isEqualTo("دکتر سارا احمدی");
    assertThat(e.one("LOCATION").text()).isEqualTo("مطب دکتر احمدی, تهران، خیابان ولیعصر، پلاک ۱۲");
    assertThat(e.one("DESCRIPTION").text()).isEqualTo("Tracking code: 9312345\nService: ویزیت حضوری\n"
        + "Link: https://www.paziresh24.com/receipt/12345/b-556677/");
    assertThat(e.one("URL").value()).isEqualTo("https://www.paziresh24.com/receipt/12345/b-556677/");
    assertThat(e.one("STATUS").value()).isEqualTo("CONFIRMED");
    assertThat(e.one("TRANSP").value()).isEqualTo("OPAQUE");
  }

  @Test
  void writesAHoldAsTentativeAndSaysUntilWhenItIsHeld() {
    Component e = onlyEvent(builder().add(CalendarEvent.hold(hold(), DOCTOR, OFFICE)).build());

    assertThat(e.one("UID").text()).isEqualTo("hold-rc-8f1e2d@paziresh24.slothunter");
    assertThat(e.one("DTSTART").value()).isEqualTo("20260706T083000");
    assertThat(e.one("STATUS").value()).isEqualTo("TENTATIVE");
    assertThat(e.one("DESCRIPTION").text())
        .isEqualTo("Held until 2026-07-04 09:05 (Asia/Tehran); not booked yet\nService: ویزیت حضوری");
    assertThat(e.has("URL")).isFalse();
  }

  @Test
  void writesABookingAwaitingPaymentAsTentativeAndSaysPayToConfirm() {
    URI pay = URI.create("https://www.paziresh24.com/factor/12345/b-556677");
    Booking unpaid = new Booking(slot(START), "b-556677", "9312345", NOW,
        io.github.slothunter.api.PaymentState.PAY_TO_CONFIRM, pay);

    Component e = onlyEvent(builder().add(CalendarEvent.booking(unpaid, DOCTOR, OFFICE)).build());

    assertThat(e.one("STATUS").value()).isEqualTo("TENTATIVE");
    assertThat(e.one("DESCRIPTION").text()).isEqualTo("Tracking code: 9312345\n"
        + "Pay to confirm: booked, final only once paid online at " + pay + "\nService: ویزیت حضوری");
  }

  @Test
  void writesANeutralSummaryAndNoLocationOrDescriptionWhenLittleIsKnown() {
    Booking bare = new Booking(slot(START), "b-1", "", NOW);

    Component e = onlyEvent(builder().add(CalendarEvent.booking(bare, null, null)).build());

    assertThat(e.one("SUMMARY").text()).isEqualTo("Appointment");
    assertThat(e.names()).containsExactly("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS", "TRANSP");
  }

  @Test
  void findsTheSlotsCenterAmongTheDoctorsCenters() {
    CalendarEvent event = CalendarEvent.booking(booking(), DOCTOR, null);

    Component e = onlyEvent(builder().add(event).build());

    assertThat(event.center()).contains(OFFICE);
    assertThat(event.service()).contains(VISIT);
    assertThat(e.one("LOCATION").text()).startsWith("مطب دکتر احمدی, ");
  }

  @Test
  void writesTheCenterAloneWhenItHasNoAddressAndLeavesOutAnEmptyServiceTitle() {
    Target online = new Target(REF, "5532", "9", Map.of());
    Center onlineWithService = new Center("5532", "ویزیت آنلاین", "", "", List.of(
        new Service("9", "", null, null, true, Map.of())));
    Booking booking = new Booking(new Slot(online, START, START.plusSeconds(600), "k"), "b-2", "", NOW);
    Center addressOnly = new Center("5532", "", "Valiasr St.", "", List.of());

    Component named = onlyEvent(builder().add(CalendarEvent.booking(booking, DOCTOR, onlineWithService)).build());
    Component unnamed = onlyEvent(builder().add(CalendarEvent.booking(booking, null, addressOnly)).build());
    Component doctorWithoutIt = onlyEvent(builder().add(CalendarEvent.booking(booking,
        new Doctor(REF, "دکتر سارا احمدی", List.of(), List.of(OFFICE)), null)).build());

    assertThat(named.one("LOCATION").text()).isEqualTo("ویزیت آنلاین");
    assertThat(named.has("DESCRIPTION")).isFalse();
    assertThat(unnamed.one("LOCATION").text()).isEqualTo("Valiasr St.");
    assertThat(doctorWithoutIt.has("LOCATION")).isFalse();
  }

  @Test
  void writesA0830TehranSlotAsLocalTimeWhoseInstantIsTheSlotStart() {
    Component root = IcsParser.parse(builder().add(CalendarEvent.booking(booking(), DOCTOR, OFFICE)).build().text());
    Component e = root.children("VEVENT").get(0);

    assertThat(e.one("DTSTART").value()).endsWith("T083000");
    assertThat(instant(root, e.one("DTSTART"))).isEqualTo(START);
    assertThat(instant(root, e.one("DTEND"))).isEqualTo(START.plus(Duration.ofMinutes(15)));
    assertThat(LocalDateTime.parse(e.one("DTSTART").value(), LOCAL).atZone(SlotHunterZones.TEHRAN).toInstant())
        .isEqualTo(START);
  }

  @Test
  void describesTehranTimeFromTzdataWithoutDaylightSaving() {
    Component tz = IcsParser.parse(builder().add(CalendarEvent.booking(booking(), null, null)).build().text())
        .children("VTIMEZONE").get(0);

    assertThat(tz.one("TZID").value()).isEqualTo("Asia/Tehran");
    assertThat(tz.children).hasSize(1);
    Component standard = tz.children.get(0);
    assertThat(standard.name).isEqualTo("STANDARD");
    assertThat(standard.one("DTSTART").value()).isEqualTo("20220922T000000");
    assertThat(standard.one("TZOFFSETFROM").value()).isEqualTo("+0430");
    assertThat(standard.one("TZOFFSETTO").value()).isEqualTo("+0330");
    assertThat(standard.one("TZNAME").value()).isEqualTo("+0330");
    assertThat(tz.children("DAYLIGHT")).isEmpty();
  }

  @Test
  void describesEveryTransitionOfADaylightSavingZoneInTheEventsRange() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Target target = new Target(REF, "1", "2", Map.of());
    Instant winter = Instant.parse("2026-03-20T08:00:00Z"); // 09:00 CET
    Instant summer = Instant.parse("2026-04-10T07:00:00Z"); // 09:00 CEST
    Booking before = new Booking(new Slot(target, winter, winter.plusSeconds(900), "a"), "b-a", "", NOW);
    Booking after = new Booking(new Slot(target, summer, summer.plusSeconds(900), "b"), "b-b", "", NOW);

    Component root = IcsParser.parse(builder().zone(berlin)
        .add(CalendarEvent.booking(before, null, null)).add(CalendarEvent.booking(after, null, null)).build().text());

    Component tz = root.children("VTIMEZONE").get(0);
    assertThat(tz.children).extracting(c -> c.name).containsExactly("STANDARD", "DAYLIGHT");
    assertThat(tz.children.get(0).one("DTSTART").value()).isEqualTo("20251026T030000");
    assertThat(tz.children.get(0).one("TZOFFSETTO").value()).isEqualTo("+0100");
    assertThat(tz.children.get(1).one("DTSTART").value()).isEqualTo("20260329T020000");
    assertThat(tz.children.get(1).one("TZOFFSETFROM").value()).isEqualTo("+0100");
    assertThat(tz.children.get(1).one("TZOFFSETTO").value()).isEqualTo("+0200");
    List<Component> events = root.children("VEVENT");
    assertThat(events).extracting(e -> e.one("DTSTART").value()).containsExactly("20260320T090000", "20260410T090000");
    assertThat(instant(root, events.get(0).one("DTSTART"))).isEqualTo(winter);
    assertThat(instant(root, events.get(1).one("DTSTART"))).isEqualTo(summer);
  }

  @Test
  void describesAZoneWithoutTransitionsByOneObservance() {
    Component root = IcsParser.parse(builder().zone(ZoneId.of("UTC"))
        .add(CalendarEvent.booking(booking(), null, null)).build().text());

    Component tz = root.children("VTIMEZONE").get(0);
    assertThat(tz.one("TZID").value()).isEqualTo("UTC");
    assertThat(tz.children).singleElement().satisfies(s -> {
      assertThat(s.name).isEqualTo("STANDARD");
      assertThat(s.one("DTSTART").value()).isEqualTo("16010101T000000");
      assertThat(s.one("TZOFFSETFROM").value()).isEqualTo("+0000");
      assertThat(s.one("TZOFFSETTO").value()).isEqualTo("+0000");
    });
    assertThat(root.children("VEVENT").get(0).one("DTSTART").value()).isEqualTo("20260705T050000");
  }

  @Test
  void writesOffsetsWithSecondsAndNegativeOffsets() {
    Instant early = Instant.parse("1900-01-01T00:00:00Z");
    Booking old = new Booking(new Slot(TARGET, early, early.plusSeconds(900), "old"), "b-old", "", NOW);

    Component tz = IcsParser.parse(builder().add(CalendarEvent.booking(old, null, null)).build().text())
        .children("VTIMEZONE").get(0);

    assertThat(tz.children.get(0).one("TZOFFSETTO").value()).matches("\\+0325[0-9]{2}");
    assertThat(ICalendar.offset(ZoneOffset.ofHoursMinutes(-4, -30))).isEqualTo("-0430");
    assertThat(ICalendar.offset(ZoneOffset.UTC)).isEqualTo("+0000");
  }

  @Test
  void putsTwoEventsInOneCalendarInTheirOrder() {
    ICalendar calendar = builder().add(CalendarEvent.booking(booking(), DOCTOR, OFFICE))
        .addAll(List.of(CalendarEvent.hold(hold(), DOCTOR, null))).build();

    Component root = IcsParser.parse(calendar.text());

    assertThat(root.children("VTIMEZONE")).hasSize(1);
    assertThat(root.children("VEVENT")).extracting(e -> e.one("UID").text(), e -> e.one("STATUS").value())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b-556677@paziresh24.slothunter", "CONFIRMED"),
            org.assertj.core.groups.Tuple.tuple("hold-rc-8f1e2d@paziresh24.slothunter", "TENTATIVE"));
    assertThat(calendar.events()).extracting(CalendarEvent::kind)
        .containsExactly(CalendarEvent.Kind.BOOKING, CalendarEvent.Kind.HOLD);
  }

  @Test
  void writesAValidCalendarWithoutEvents() {
    Component root = IcsParser.parse(builder().build().text());

    assertThat(root.children).extracting(c -> c.name).containsExactly("VTIMEZONE");
  }

  @Test
  void escapesSemicolonsCommasBackslashesAndNewlines() {
    Center odd = new Center("12345", "Clinic; \"North\", Tehran",
        "Unit 3; Floor 2, Valiasr\\Tehran\nBehind the park\r\nGate 2\rEnd", "", List.of());

    ICalendar calendar = builder().add(CalendarEvent.booking(booking(), DOCTOR, odd)).build();

    Component e = onlyEvent(calendar);
    assertThat(e.one("LOCATION").text()).isEqualTo(
        "Clinic; \"North\", Tehran, Unit 3; Floor 2, Valiasr\\Tehran\nBehind the park\nGate 2\nEnd");
    String unfolded = calendar.text().replace("\r\n ", "");
    assertThat(unfolded).contains("LOCATION:Clinic\\; \"North\"\\, Tehran\\, Unit 3\\; Floor 2\\, Valiasr\\\\Tehran"
        + "\\nBehind the park\\nGate 2\\nEnd\r\n");
  }

  @Test
  void replacesControlCharactersAndUnpairedSurrogates() {
    assertThat(ICalendar.text("a\u0007b\u0000c\td\u007F")).isEqualTo("a b c\td ");
    assertThat(ICalendar.text("x\uD800y\uDC00z")).isEqualTo("x\uFFFDy\uFFFDz");
    assertThat(ICalendar.text("\r")).isEqualTo("\\n");
  }

  @Test
  void foldsPersianAndEmojiAt75OctetsWithoutBreakingACharacter() {
    // the model keeps the ZWNJ in "احمدی‌نژاد" (and drops the ZWJ of the emoji sequence)
    String name = "دکتر سارا احمدی‌نژاد 👩‍⚕️🩺 متخصص قلب و عروق، فلوشیپ اینترونشنال کاردیولوژی 🫀";
    Doctor doctor = new Doctor(REF, name, List.of(), List.of());
    String address = "تهران، خیابان ولیعصر، بالاتر از پارک ساعی، کوچه ۱۲، پلاک ۳۴، طبقه ۵ 🏥 ".repeat(4).strip();
    Center center = new Center("12345", "مطب 😀", address, "", List.of());

    ICalendar calendar = builder().add(CalendarEvent.booking(booking(), doctor, center)).build();

    List<byte[]> lines = IcsParser.physicalLines(calendar.text());
    assertThat(lines).allSatisfy(l -> assertThat(l.length).isLessThanOrEqualTo(75));
    assertThat(lines).anySatisfy(l -> assertThat(l.length).isGreaterThan(70));
    Component e = onlyEvent(calendar); // also decodes every physical line strictly
    assertThat(e.one("SUMMARY").text()).isEqualTo(doctor.displayName()).contains("\u200C", "🩺", "🫀");
    assertThat(e.one("LOCATION").text()).isEqualTo("مطب 😀, " + address);
  }

  @Test
  void foldsExactlyAtTheOctetLimitAndMovesAWholeCharacterThatWouldCrossIt() {
    StringBuilder fits = new StringBuilder();
    StringBuilder over = new StringBuilder();
    StringBuilder emoji = new StringBuilder();

    ICalendar.line(fits, "X".repeat(75));
    ICalendar.line(over, "X".repeat(76));
    ICalendar.line(emoji, "X".repeat(73) + "😀" + "ب".repeat(40));

    assertThat(fits.toString()).isEqualTo("X".repeat(75) + "\r\n");
    assertThat(over.toString()).isEqualTo("X".repeat(75) + "\r\n X\r\n");
    String[] parts = emoji.toString().split("\r\n");
    assertThat(parts[0]).isEqualTo("X".repeat(73));
    assertThat(parts[1]).startsWith(" 😀");
    assertThat(parts[1].getBytes(StandardCharsets.UTF_8)).hasSize(75); // space + 4 + 35 * 2
    assertThat(parts[2]).isEqualTo(" " + "ب".repeat(5));
  }

  @Test
  void writesToAWriterTheSameText() throws Exception {
    ICalendar calendar = builder().add(CalendarEvent.booking(booking(), DOCTOR, OFFICE)).build();
    StringWriter out = new StringWriter();

    calendar.writeTo(out);

    assertThat(out.toString()).isEqualTo(calendar.text()).isEqualTo(calendar.toString());
    assertThat(calendar.text()).doesNotContain("\n\n").startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
  }

  @Test
  void stampsWithTheClockAtBuildTime() {
    Component e = onlyEvent(ICalendar.builder().add(CalendarEvent.booking(booking(), null, null)).build());

    Instant stamp = LocalDateTime.parse(e.one("DTSTAMP").value(), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
        .toInstant(ZoneOffset.UTC);
    assertThat(stamp).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
  }

  @Test
  void rejectsWhatWouldMakeAnInvalidCalendar() {
    ICalendar.Builder b = builder().add(CalendarEvent.booking(booking(), null, null));

    assertThatThrownBy(() -> b.add(CalendarEvent.booking(booking(), DOCTOR, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b-556677@paziresh24.slothunter");
    assertThatThrownBy(() -> b.productId("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.zone(ZoneOffset.ofHoursMinutes(3, 30))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CalendarEvent.booking(booking(), DOCTOR, ONLINE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5532");
    assertThatThrownBy(() -> CalendarEvent.hold(hold(), new Doctor(new DoctorRef("doctoreto", "x"), "Dr X",
        List.of(), List.of()), null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CalendarEvent.booking(booking(), null, null).withLink(URI.create("/receipt/1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.build().events()).hasSize(1);
  }

  @Test
  void calendarEventsAreValuesWithoutPatientData() {
    CalendarEvent booking = CalendarEvent.booking(booking(), DOCTOR, null);
    CalendarEvent same = CalendarEvent.booking(booking(), DOCTOR, OFFICE);
    CalendarEvent linked = same.withLink(URI.create("https://example.org/r"));
    CalendarEvent held = CalendarEvent.hold(hold(), null, null);

    assertThat(booking).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(linked).isNotEqualTo(held)
        .isNotEqualTo("b-556677").isEqualTo(booking);
    assertThat(booking.toString()).contains("BOOKING", "b-556677@paziresh24.slothunter", START.toString());
    assertThat(booking.heldUntil()).isEmpty();
    assertThat(booking.trackingCode()).isEqualTo("9312345");
    assertThat(booking.doctor()).contains(DOCTOR);
    assertThat(booking.slot()).isEqualTo(slot(START));
    assertThat(linked.link()).contains(URI.create("https://example.org/r"));
    assertThat(held.heldUntil()).contains(NOW.plus(Duration.ofMinutes(5)));
    assertThat(held.trackingCode()).isEmpty();
    assertThat(held.center()).isEmpty();
    assertThat(held.service()).isEmpty();
    assertThat(held.doctor()).isEmpty();
    assertThat(held.link()).isEmpty();
  }

  @Test
  void calendarEventsDifferWhenAnyPartDiffers() {
    CalendarEvent base = CalendarEvent.booking(booking(), DOCTOR, OFFICE);
    Hold hold = hold();
    CalendarEvent held = CalendarEvent.hold(hold, null, null);

    List<CalendarEvent> others = List.of(
        CalendarEvent.hold(new Hold(slot(START), "b-556677", NOW), DOCTOR, OFFICE),
        CalendarEvent.booking(new Booking(slot(START.plusSeconds(900)), "b-556677", "9312345", NOW), DOCTOR, OFFICE),
        CalendarEvent.booking(new Booking(slot(START), "b-other", "9312345", NOW), DOCTOR, OFFICE),
        CalendarEvent.booking(new Booking(slot(START), "b-556677", "1111", NOW), DOCTOR, OFFICE),
        CalendarEvent.booking(booking(), null, OFFICE));

    assertThat(others).allSatisfy(other -> assertThat(other).isNotEqualTo(base));
    assertThat(CalendarEvent.hold(new Hold(hold.slot(), hold.providerHoldKey(), NOW), null, null)).isNotEqualTo(held);
    assertThat(CalendarEvent.booking(booking(), null, null)).isNotEqualTo(CalendarEvent.booking(booking(), null, OFFICE));
  }
}
