package io.github.slothunter.provider.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakeDoctoreto;
import io.github.slothunter.testkit.Fault;
import io.github.slothunter.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The provider against the testkit's {@link FakeDoctoreto}: link to booking hand-off, over real HTTP. */
class DoctoretoEndToEndTest {
  private static final String LINK = "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ";
  private static final LocalDate JAN_4 = LocalDate.of(2026, 1, 4);
  private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);

  /** Saturday 09:00 in Tehran. */
  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  private FakeDoctoreto fake(Consumer<FakeDoctoreto.Builder> extra) {
    FakeDoctoreto.Builder b = FakeDoctoreto.builder().clock(clock).seed(42)
        .doctor("ZaEBBZ", "dr-vida-imani", d -> d.fullName("دکتر ویدا ایمانی").speciality("زنان و زایمان")
            .consultation(3022, c -> c.placeName("مطب دکتر ایمانی").city("تهران").address("ونک، ملاصدرا")
                .price(450_000).slotLength(Duration.ofMinutes(20))
                .day(JAN_4, LocalTime.of(9, 0), LocalTime.of(10, 0))
                .day(JAN_5, LocalTime.of(16, 0), LocalTime.of(16, 40)))
            .consultation(50511, c -> c.online()));
    extra.accept(b);
    FakeDoctoreto f = b.build().start();
    resources.add(f);
    return f;
  }

  private Provider provider(FakeDoctoreto fake, Map<String, String> config) {
    Provider p = new DoctoretoProviderFactory().create(ProviderContext.builder("doctoreto")
        .config(ProviderContext.BASE_URL, fake.baseUrl())
        .config(config)
        .clock(clock)
        .systemProperties(new Properties())
        .environment(Map.of())
        .build());
    resources.add(p);
    return p;
  }

  private static Target office(Provider provider) {
    Doctor doctor = provider.lookup(provider.parse(LINK).orElseThrow());
    return doctor.bookableTargets().get(0);
  }

  private static Instant tehran(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(java.time.ZoneId.of("Asia/Tehran")).toInstant();
  }

  @Test
  void goesFromALinkToABookingHandOff() throws Exception {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());

    DoctorRef ref = provider.parse(LINK).orElseThrow();
    Doctor doctor = provider.lookup(ref);
    Target office = doctor.bookableTargets().get(0);
    List<LocalDate> days = provider.slots().freeDays(office);
    List<Slot> slots = provider.slots().freeSlots(office, days.get(0));
    URI link = provider.bookingLink(slots.get(0)).orElseThrow();
    HttpResponse<String> reservePage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.expertises()).containsExactly("زنان و زایمان");
    assertThat(doctor.centers()).extracting(Center::id).containsExactly("3022", "50511");
    assertThat(doctor.centers().get(1).name()).isEqualTo("مشاوره آنلاین");
    assertThat(office.providerKeys()).containsEntry("consultation_id", "3022");
    assertThat(days).containsExactly(JAN_4, JAN_5);
    assertThat(slots).extracting(Slot::start)
        .containsExactly(tehran(JAN_4, 9, 0), tehran(JAN_4, 9, 20), tehran(JAN_4, 9, 40));
    assertThat(slots.get(0).end()).isEqualTo(tehran(JAN_4, 9, 20));
    assertThat(slots.get(0).providerSlotKey())
        .isEqualTo(Long.toString(fake.slotId("ZaEBBZ", 3022, tehran(JAN_4, 9, 0)).orElseThrow()));
    assertThat(link.toString()).isEqualTo(fake.reserveUrl(Long.parseLong(slots.get(0).providerSlotKey())));
    assertThat(reservePage.statusCode()).isEqualTo(200);
  }

  @Test
  void costsOneRequestPerLookupAndOnePerPoll() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());
    Target office = office(provider);

    provider.slots().freeDays(office);
    provider.slots().freeSlots(office, JAN_4);
    provider.slots().freeSlots(office, JAN_5);

    assertThat(fake.requestCount(FakeDoctoreto.SHORT_LINK)).isZero();
    assertThat(fake.requestCount(FakeDoctoreto.PROFILE_PAGE)).isEqualTo(1);
    assertThat(fake.requestCount(FakeDoctoreto.CONSULTATION_DAYS)).isEqualTo(1);
    RecordedRequest poll = fake.requests(FakeDoctoreto.CONSULTATION_DAYS).get(0);
    assertThat(poll.query()).containsEntry("consultation_id", "3022").containsEntry("start_date", "2026-01-03")
        .containsEntry("day_navigate", "1");
    assertThat(poll.header("Accept")).contains("application/json");
    assertThat(fake.requests(FakeDoctoreto.PROFILE_PAGE).get(0).header("Accept"))
        .hasValueSatisfying(a -> assertThat(a).startsWith("text/html"));
  }

  @Test
  void learnsTheSlugFromTheShortLinksRedirectOnce() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());
    DoctorRef shortRef = provider.parse("https://doctoreto.com/doctor/ZaEBBZ").orElseThrow();

    Doctor doctor = provider.lookup(shortRef);
    provider.lookup(doctor.ref());

    assertThat(shortRef.key()).isEqualTo("ZaEBBZ");
    assertThat(doctor.ref()).isEqualTo(provider.parse(LINK).orElseThrow());
    assertThat(doctor.bookableTargets()).allSatisfy(t -> assertThat(t.ref().key()).isEqualTo("dr-vida-imani~ZaEBBZ"));
    assertThat(fake.requestCount(FakeDoctoreto.SHORT_LINK)).isEqualTo(1);
    assertThat(fake.requestCount(FakeDoctoreto.PROFILE_PAGE)).isEqualTo(2);
  }

  @Test
  void asksForTheFullLinkWhenTheShortLinksDoctorIsUnknown() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> provider.lookup(new DoctorRef("doctoreto", "NoSuch")));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("full profile link");
    assertThat(fake.requestCount(FakeDoctoreto.PROFILE_PAGE)).isZero();
  }

  @Test
  void seesTakenSlotsGoAndReleasedSlotsComeBack() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());
    Target office = office(provider);
    Instant nine = tehran(JAN_4, 9, 0);

    fake.takeSlot("ZaEBBZ", 3022, nine);
    List<Slot> afterTake = provider.slots().freeSlots(office, JAN_4);
    fake.openSlot("ZaEBBZ", 3022, nine);
    clock.advance(Duration.ofSeconds(10));
    provider.slots().freeDays(office);
    List<Slot> afterRelease = provider.slots().freeSlots(office, JAN_4);

    assertThat(afterTake).extracting(Slot::start).doesNotContain(nine);
    assertThat(afterRelease).extracting(Slot::start).contains(nine);
  }

  @Test
  void listsNoDayWhoseSlotsAreAllTaken() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());
    Target office = office(provider);

    fake.freeSlots("ZaEBBZ", 3022).stream().filter(s -> s.from().isBefore(tehran(JAN_5, 0, 0)))
        .forEach(s -> fake.takeSlot("ZaEBBZ", 3022, s.from()));

    assertThat(provider.slots().freeDays(office)).containsExactly(JAN_5);
  }

  @ParameterizedTest
  @EnumSource(FakeDoctoreto.TimeFormat.class)
  void readsEveryTimeFormatTheFakeWrites(FakeDoctoreto.TimeFormat format) {
    FakeDoctoreto fake = fake(b -> b.timeFormat(format));
    Provider provider = provider(fake, Map.of());
    Target office = office(provider);

    List<Slot> slots = provider.slots().freeSlots(office, JAN_5);

    assertThat(slots).extracting(Slot::start).containsExactly(tehran(JAN_5, 16, 0), tehran(JAN_5, 16, 20));
    assertThat(slots).extracting(Slot::end).containsExactly(tehran(JAN_5, 16, 20), tehran(JAN_5, 16, 40));
  }

  @Test
  void readsRenamedTimeFieldsOnceConfigured() {
    FakeDoctoreto fake = fake(b -> b.timeFields("begins_at", "finishes_at"));
    Provider unconfigured = provider(fake, Map.of());
    Provider configured = provider(fake, Map.of("slot-start-field", "begins_at", "slot-end-field", "finishes_at"));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> unconfigured.slots().freeSlots(office(unconfigured), JAN_4));
    List<Slot> slots = configured.slots().freeSlots(office(configured), JAN_4);

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("slot-start-field");
    assertThat(slots).hasSize(3);
    assertThat(slots.get(0).length()).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void readsGzippedPagesWithoutAContentEncodingHeader() {
    FakeDoctoreto fake = fake(b -> b.gzipPages(true));
    Provider provider = provider(fake, Map.of());

    assertThat(provider.lookup(provider.parse(LINK).orElseThrow()).centers()).hasSize(2);
  }

  @Test
  void findsTheConsultationsQueryAtAnyIndex() {
    for (int index = 1; index <= 4; index++) {
      int i = index;
      FakeDoctoreto fake = FakeDoctoreto.builder().clock(clock)
          .doctor("ZaEBBZ", "dr-vida-imani", d -> d.consultationsQueryIndex(i).consultation(3022, c -> { }))
          .build().start();
      resources.add(fake);
      Provider provider = provider(fake, Map.of());

      assertThat(provider.lookup(provider.parse(LINK).orElseThrow()).centers()).as("index " + i).hasSize(1);
    }
  }

  @Test
  void reportsAnUnknownDoctorAsNotFound() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> provider.lookup(provider.parse("doctoreto:AAAAAA").orElseThrow()));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void reportsTheFakesRateLimitWithItsRetryAfter() {
    FakeDoctoreto fake = fake(b -> b.rateLimitPerMinute(1));
    Provider provider = provider(fake, Map.of());
    Target office = office(provider);

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.slots().freeDays(office));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void mapsTheFakesFaultsToErrorCodes() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of("slot-cache-ttl", "off"));
    Target office = office(provider);
    fake.faults()
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.status(503))
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.htmlErrorPage())
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.malformedJson())
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.status(404))
        .next(FakeDoctoreto.CONSULTATION_DAYS, Fault.htmlErrorPage(200));

    List<ErrorCode> codes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.slots().freeDays(office));
      codes.add(e == null ? null : e.code());
    }
    List<LocalDate> recovered = provider.slots().freeDays(office);

    assertThat(codes).containsExactly(ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.PROVIDER_UNAVAILABLE,
        ErrorCode.PROTOCOL, ErrorCode.NOT_FOUND, ErrorCode.PROTOCOL);
    assertThat(recovered).containsExactly(JAN_4, JAN_5);
  }

  @Test
  void reportsASlowSiteAsUnavailable() {
    FakeDoctoreto fake = fake(b -> { });
    Target office = office(provider(fake, Map.of())); // warms up the JVM's HTTP stack
    Provider impatient = provider(fake, Map.of("timeout", "400ms"));
    fake.faults().next(FakeDoctoreto.CONSULTATION_DAYS, Fault.latency(Duration.ofSeconds(3)));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> impatient.slots().freeDays(office));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("timed out");
  }

  @Test
  void reportsRepeatedlyDroppedConnectionsAsUnavailable() {
    FakeDoctoreto fake = fake(b -> { });
    Provider provider = provider(fake, Map.of());
    Target office = office(provider);
    fake.faults().times(FakeDoctoreto.CONSULTATION_DAYS, 5, Fault.disconnect());

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.slots().freeDays(office));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
  }
}
