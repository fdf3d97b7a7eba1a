package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.WatchResumed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPrinterTest {
  private static final Instant AT = Instant.parse("2026-03-21T05:30:00Z"); // 09:00 Tehran, 1405/01/01
  private static final DoctorRef REF = new DoctorRef("paziresh24", "dr-sara-ahmadi");
  private static final Target TARGET = new Target(REF, "1001", "2001", Map.of());
  private static final Slot SLOT = new Slot(TARGET, AT.plus(Duration.ofHours(1)), AT.plus(Duration.ofMinutes(75)), "k1");

  private final Labels labels = new Labels();
  private final StringWriter buffer = new StringWriter();

  EventPrinterTest() {
    labels.add(new Doctor(REF, "Dr. Sara Ahmadi", List.of("Cardiology"), List.of(new Center("1001", "Mehr Clinic",
        "", "Tehran", List.of(new Service("2001", "Visit", 1_500_000L, Duration.ofMinutes(15), true, Map.of()))))));
  }

  private EventPrinter printer(Lang lang, boolean json, boolean color) {
    return new EventPrinter(new PrintWriter(buffer, true), lang, json, color, labels);
  }

  @Test
  void slotLinesShowTehranTimeJalaliDateDoctorCenterAndOwner() {
    printer(Lang.EN, false, false).print(new SlotOpened("w1", "ali", SLOT, null, AT));

    assertThat(buffer.toString().strip()).isEqualTo(
        "09:00:00  SLOT OPEN    Sat 1405/01/01 10:00  Dr. Sara Ahmadi · Mehr Clinic · Visit · 1,500,000 rials  [ali]");
  }

  @Test
  void slotLinesUseTheTehranJalaliDateAcrossMidnightInBothLanguages() {
    Instant lateUtc = Instant.parse("2026-03-20T21:00:00Z"); // 00:30 on 21 March (Nowruz 1405) in Tehran
    Slot late = new Slot(TARGET, lateUtc, lateUtc.plus(Duration.ofMinutes(15)), "k2");

    printer(Lang.EN, false, false).print(new SlotOpened("w1", "ali", late, null, AT));
    printer(Lang.FA, false, false).print(new SlotOpened("w1", "ali", late, null, AT));

    assertThat(buffer.toString().lines().toList()).satisfiesExactly(
        en -> assertThat(en).contains("Sat 1405/01/01 00:30"),
        fa -> assertThat(fa).contains("شنبه ۱۴۰۵/۰۱/۰۱ ۰۰:۳۰").doesNotContain("Sat").doesNotContain("1405"));
  }

  @Test
  void everyEventKindHasAReadableLine() {
    EventPrinter p = printer(Lang.EN, false, false);
    Hold hold = new Hold(SLOT, "h1", AT.plus(Duration.ofMinutes(5)));
    Booking booking = new Booking(SLOT, "b1", "", AT);

    p.print(new SlotGone("w1", "ali", SLOT, AT));
    p.print(new HoldPlaced("w1", "ali", hold, AT));
    p.print(new BookingSucceeded("w1", "ali", booking, true, AT));
    p.print(new BookingFailed("w1", "ali", SLOT, ErrorCode.SLOT_TAKEN, "someone was faster", true, AT));
    p.print(new BookingOutcomeUnknown("w1", "ali", SLOT, "w1|k1", AT));
    p.print(new io.github.slothunter.api.HoldOutcomeUnknown("w1", "ali", SLOT, "w1|k1", AT.plusSeconds(360), AT));
    p.print(new WatchPaused("w1", "ali", ErrorCode.AUTH_REQUIRED, "session expired", AT));
    p.print(new WatchResumed("w1", "ali", AT));
    p.print(new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30), AT));
    p.print(new EventsDropped(7, AT));

    assertThat(buffer.toString().lines().toList()).satisfiesExactly(
        l -> assertThat(l).contains("SLOT GONE"),
        l -> assertThat(l).contains("HOLD").contains("held until 09:05"),
        l -> assertThat(l).contains("BOOKED").contains("tracking code b1").contains("(verified)"),
        l -> assertThat(l).contains("BOOK FAILED").contains("SLOT_TAKEN: someone was faster; still trying"),
        l -> assertThat(l).contains("UNKNOWN").contains("interrupted"),
        l -> assertThat(l).contains("HOLD UNKNOWN").contains("nothing was booked")
            .contains(AT.plusSeconds(360).toString()),
        l -> assertThat(l).contains("PAUSED").contains("AUTH_REQUIRED: session expired"),
        l -> assertThat(l).contains("RESUMED").contains("w1"),
        l -> assertThat(l).contains("THROTTLED").contains("paziresh24 RATE_LIMITED, pausing 30 s"),
        l -> assertThat(l).contains("DROPPED").contains("7 events"));
  }

  @Test
  void everyEventKindIsPersianUnderFaWithoutLatinLettersOrEnumNames() {
    EventPrinter p = printer(Lang.FA, false, false);
    Hold hold = new Hold(SLOT, "h1", AT.plus(Duration.ofMinutes(5)));
    Booking booking = new Booking(SLOT, "b1", "48214102", AT);

    p.print(new SlotOpened("w1", "me", SLOT, null, AT));
    p.print(new HoldPlaced("w1", "me", hold, AT));
    p.print(new BookingSucceeded("w1", "me", booking, false, AT));
    p.print(new BookingFailed("w1", "me", SLOT, ErrorCode.SLOT_TAKEN, "someone was faster", true, AT));
    p.print(new io.github.slothunter.api.HoldOutcomeUnknown("w1", "me", SLOT, "w1|k1", AT.plusSeconds(360), AT));
    p.print(new WatchPaused("w1", "me", ErrorCode.AUTH_REQUIRED, "session expired", AT));
    p.print(new WatchResumed("w1", "me", AT));
    p.print(new WatchHealthChanged("w1", "me", HealthState.ACTIVE, HealthState.PROVIDER_DOWN,
        ErrorCode.PROVIDER_UNAVAILABLE, AT));
    p.print(new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30), AT));
    p.print(new EventsDropped(7, AT));

    // the doctor's, center's and service's names are the provider's data (English in this test)
    // and a command to type stays as it is typed
    String shown = buffer.toString().replace("Dr. Sara Ahmadi · Mehr Clinic · Visit", "")
        .replace("'slothunter login <provider> <mobile>'", "");
    assertThat(shown.lines()).hasSize(10).allSatisfy(l -> assertThat(l).doesNotContainPattern("[A-Za-z0-9]"));
    assertThat(shown).contains("۰۹:۰۰:۰۰  نوبت آزاد", "[من]", "کد پیگیری ۴۸۲۱۴۱۰۲", "این نوبت را کس دیگری گرفت؛ ادامه می‌دهد",
        "تا ۰۹:۰۶", "فعال ← سایت در دسترس نیست", "پذیرش۲۴ درخواست‌ها را محدود کرد؛ ۳۰ ثانیه مکث",
        "۷ رویداد چاپ نشد");
  }

  @Test
  void aBookingAwaitingPaymentSaysPayToConfirmWithTheLinkAndNeverJustBooked() {
    URI pay = URI.create("https://www.paziresh24.com/factor/5532/b1");
    Booking unpaid = new Booking(SLOT, "b1", "48214102", AT, PaymentState.PAY_TO_CONFIRM, pay);

    printer(Lang.EN, false, false).print(new BookingSucceeded("w1", "ali", unpaid, true, AT));

    assertThat(buffer.toString()).contains("PAY TO CONFIRM", "tracking code 48214102", "not final until paid",
        "pay at " + pay).doesNotContain("BOOKED", "(verified)");
  }

  @Test
  void aBookingAwaitingPaymentSaysSoInPersian() {
    URI pay = URI.create("https://www.paziresh24.com/factor/5532/b1");
    Booking unpaid = new Booking(SLOT, "b1", "48214102", AT, PaymentState.PAY_TO_CONFIRM, pay);

    printer(Lang.FA, false, false).print(new BookingSucceeded("w1", "ali", unpaid, true, AT));

    assertThat(buffer.toString()).contains("پرداخت برای قطعی شدن", "تا پرداخت قطعی نیست", pay.toString());
  }

  @Test
  void jsonCarriesThePaymentStateAndLink() throws Exception {
    URI pay = URI.create("https://www.paziresh24.com/factor/5532/b1");
    printer(Lang.EN, true, false).print(new BookingSucceeded("w1", "ali",
        new Booking(SLOT, "b1", "T-9", AT, PaymentState.PAY_TO_CONFIRM, pay), false, AT));
    printer(Lang.EN, true, false).print(new BookingSucceeded("w1", "ali", new Booking(SLOT, "b2", "T-8", AT), true, AT));

    List<String> lines = buffer.toString().lines().toList();
    JsonNode paid = new ObjectMapper().readTree(lines.get(0));
    JsonNode free = new ObjectMapper().readTree(lines.get(1));
    assertThat(paid.get("paymentRequired").asBoolean()).isTrue();
    assertThat(paid.get("paymentLink").asText()).isEqualTo(pay.toString());
    assertThat(free.get("paymentRequired").asBoolean()).isFalse();
    assertThat(free.has("paymentLink")).isFalse();
  }

  @Test
  void persianLinesUsePersianLabelsAndDigits() {
    printer(Lang.FA, false, false).print(new SlotOpened("w1", "ali", SLOT, null, AT));

    assertThat(buffer.toString()).contains("نوبت آزاد").contains("شنبه ۱۴۰۵/۰۱/۰۱ ۱۰:۰۰");
  }

  @Test
  void colorsOnlyWhenAskedAndNeverInJson() {
    printer(Lang.EN, false, true).print(new SlotOpened("w1", "ali", SLOT, null, AT));
    printer(Lang.EN, true, true).print(new SlotOpened("w1", "ali", SLOT, null, AT));

    List<String> lines = buffer.toString().lines().toList();
    assertThat(lines.get(0)).contains("\u001b[");
    assertThat(lines.get(1)).doesNotContain("\u001b[");
  }

  @Test
  void jsonCarriesMachineFieldsForEveryKind() throws Exception {
    EventPrinter p = printer(Lang.EN, true, false);
    p.print(new SlotOpened("w1", "ali", SLOT, URI.create("https://www.paziresh24.com/booking/x"), AT));
    p.print(new BookingSucceeded("w1", "ali", new Booking(SLOT, "b1", "T-9", AT), false, AT));
    p.print(new BookingFailed("w1", "ali", SLOT, ErrorCode.HOLD_EXPIRED, "late", false, AT));
    p.print(new WatchPaused("w1", "ali", ErrorCode.PROVIDER_UNAVAILABLE, "down", AT));
    p.print(new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(2), AT));
    p.print(new EventsDropped(3, AT));
    p.print(new HoldPlaced("w1", "ali", new Hold(SLOT, "h1", AT), AT));
    p.print(new SlotGone("w1", "ali", SLOT, AT));
    p.print(new BookingOutcomeUnknown("w1", "ali", SLOT, "w1|k1", AT));
    p.print(new io.github.slothunter.api.HoldOutcomeUnknown("w1", "ali", SLOT, "w1|k1", AT.plusSeconds(360), AT));
    p.print(new WatchHealthChanged("w1", "ali", HealthState.ACTIVE, HealthState.PROVIDER_DOWN,
        ErrorCode.PROVIDER_UNAVAILABLE, AT));

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> nodes = buffer.toString().lines().map(l -> {
      try {
        return json.readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    JsonNode opened = nodes.get(0);
    assertThat(opened.get("type").asText()).isEqualTo("slot_opened");
    assertThat(opened.get("doctor").asText()).isEqualTo("Dr. Sara Ahmadi");
    assertThat(opened.get("slot").get("jalali").asText()).isEqualTo("1405/01/01");
    assertThat(opened.get("slot").get("tehran").asText()).isEqualTo("2026-03-21T10:00+03:30");
    assertThat(opened.get("slot").get("weekday").asText()).isEqualTo("Saturday");
    assertThat(opened.get("bookingLink").asText()).startsWith("https://");
    assertThat(nodes.get(1).get("trackingCode").asText()).isEqualTo("T-9");
    assertThat(nodes.get(2).get("code").asText()).isEqualTo("HOLD_EXPIRED");
    assertThat(nodes.get(3).get("type").asText()).isEqualTo("watch_paused");
    assertThat(nodes.get(4).get("pauseMillis").asLong()).isEqualTo(2000);
    assertThat(nodes.get(5).get("count").asLong()).isEqualTo(3);
    assertThat(nodes.get(1).get("verification").asText()).isEqualTo("not verified");
    assertThat(nodes).extracting(n -> n.get("type").asText()).endsWith("hold_placed", "slot_gone",
        "booking_outcome_unknown", "hold_outcome_unknown", "watch_health_changed");
    assertThat(nodes.get(nodes.size() - 2).get("lapsesAt").asText()).isEqualTo(AT.plusSeconds(360).toString());
    assertThat(nodes.get(nodes.size() - 1).get("current").asText()).isEqualTo("PROVIDER_DOWN");
    assertThat(nodes.get(nodes.size() - 1).get("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
  }

  @Test
  void targetsNeverLookedUpAreNamedByTheirIdsInTheLanguage() {
    Target unknown = new Target(new DoctorRef("doctoreto", "ZaEBBZ"), "9", "19", Map.of());
    Slot slot = new Slot(unknown, AT, AT.plus(Duration.ofMinutes(15)), "k9");

    printer(Lang.EN, false, false).print(new SlotGone("w1", "ali", slot, AT));
    printer(Lang.FA, false, false).print(new SlotGone("w1", "ali", slot, AT));

    assertThat(buffer.toString().lines().toList()).satisfiesExactly(
        en -> assertThat(en).endsWith("doctoreto:ZaEBBZ · center 9 · service 19  [ali]"),
        fa -> assertThat(fa).contains("doctoreto:ZaEBBZ · مرکز ۹ · خدمت ۱۹"));
  }

  @Test
  void anEventsLabelNamesTheSlotWithPriceAndDistance() {
    Target member = new Target(new DoctorRef("paziresh24", "dr-area-7"), "c7", "s7", Map.of());
    Slot slot = new Slot(member, AT, AT.plus(Duration.ofMinutes(15)), "k7");
    SlotLabel label = new SlotLabel("دکتر مهدی نوری", "مطب نوری", "ویزیت حضوری", 2_000_000L, 3.24);

    printer(Lang.EN, false, false).print(new SlotOpened("w1", "ali", slot, null, AT, label));
    printer(Lang.FA, false, false).print(new SlotOpened("w1", "me", slot, null, AT, label));

    assertThat(buffer.toString().lines().toList()).satisfiesExactly(
        en -> assertThat(en).contains("دکتر مهدی نوری · مطب نوری · ویزیت حضوری · 2,000,000 rials · 3.2 km"),
        fa -> assertThat(fa).contains("دکتر مهدی نوری · مطب نوری · ویزیت حضوری · ۲٬۰۰۰٬۰۰۰ ریال · ۳٫۲ کیلومتر")
            .doesNotContainPattern("[A-Za-z0-9]"));
  }

  @Test
  void anEventsLabelWinsOverTheLookedUpOneAndNamesTheSlotWhenItGoes() throws Exception {
    SlotLabel label = new SlotLabel("Dr. S. Ahmadi", "Mehr", "Visit", 1_600_000L, 0.5);

    printer(Lang.EN, false, false).print(new SlotOpened("w1", "ali", SLOT, null, AT, label));
    printer(Lang.EN, false, false).print(new SlotGone("w1", "ali", SLOT, AT));
    printer(Lang.EN, true, false).print(new SlotGone("w1", "ali", SLOT, AT));

    List<String> lines = buffer.toString().lines().toList();
    assertThat(lines.get(0)).contains("Dr. S. Ahmadi · Mehr · Visit · 1,600,000 rials · 0.5 km");
    assertThat(lines.get(1)).contains("SLOT GONE").contains("Dr. S. Ahmadi · Mehr · Visit · 1,600,000 rials · 0.5 km");
    JsonNode gone = new ObjectMapper().readTree(lines.get(2));
    assertThat(gone.get("doctor").asText()).isEqualTo("Dr. S. Ahmadi");
    assertThat(gone.get("price").asLong()).isEqualTo(1_600_000L);
    assertThat(gone.get("distanceKm").asDouble()).isEqualTo(0.5);
  }
}
