package io.github.slothunter.provider.doctoreto.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DoctoretoLookupTest {
  @RegisterExtension
  static final WireMockExtension site =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

  private static final DoctorRef VIDA = new DoctorRef("doctoreto", "dr-vida-imani~ZaEBBZ");
  /** A key stored before slugs were kept, or parsed from a short link. */
  private static final DoctorRef VIDA_CODE_ONLY = new DoctorRef("doctoreto", "ZaEBBZ");

  private final DoctoretoFixtures.SettableClock clock = new DoctoretoFixtures.SettableClock(DoctoretoFixtures.NOW);
  private DoctoretoProvider provider = provider(Map.of());

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  private DoctoretoProvider provider(Map<String, String> config) {
    return new DoctoretoProvider(DoctoretoFixtures.context(site.baseUrl(), clock).config(config).build());
  }

  private static void profile(String fixture) {
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(DoctoretoFixtures.text(fixture))));
  }

  private SlotHunterException lookupFailure() {
    try {
      provider.lookup(VIDA);
    } catch (SlotHunterException e) {
      return e;
    }
    throw new AssertionError("lookup succeeded");
  }

  @Test
  void findsTheConsultationsQueryAtIndexTwo() {
    profile("profile-index2.html");

    Doctor doctor = provider.lookup(VIDA);

    assertThat(doctor.ref()).isEqualTo(VIDA);
    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.expertises()).containsExactly("متخصص زنان و زایمان", "نازایی");
    assertThat(doctor.centers()).extracting(Center::id).containsExactly("3022", "44867");
    Center office = doctor.centers().get(0);
    assertThat(office.name()).isEqualTo("مطب دکتر ایمانی");
    assertThat(office.address()).isEqualTo("تهران، ونک، خیابان ملاصدرا، پلاک ۱۲، طبقه ۳");
    assertThat(office.city()).isEqualTo("تهران");
    assertThat(office.services()).containsExactly(
        new Service("3022", "مطب دکتر ایمانی", 450_000L, null, true, Map.of("consultation_id", "3022")));
    assertThat(doctor.centers().get(1).services().get(0).price()).isNull();
  }

  @Test
  void findsTheConsultationsQueryAtIndexThreeBehindAnotherDoctorsQuery() {
    profile("profile-index3.html");

    Doctor doctor = provider.lookup(VIDA);

    assertThat(doctor.centers()).extracting(Center::id).containsExactly("3022", "50511");
    assertThat(doctor.centers().get(0).services().get(0).price()).isEqualTo(450_000L);
    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
  }

  @Test
  void turnsAConsultationWithoutAPlaceIntoAnOnlineCenter() {
    profile("profile-index3.html");

    Center online = provider.lookup(VIDA).centers().get(1);

    assertThat(online.name()).isEqualTo("مشاوره آنلاین");
    assertThat(online.address()).isEmpty();
    assertThat(online.city()).isEmpty();
    assertThat(online.services()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("50511");
      assertThat(s.title()).isEqualTo("مشاوره تلفنی");
      assertThat(s.bookable()).isTrue();
      assertThat(s.providerKeys()).containsExactly(Map.entry("consultation_id", "50511"));
    });
  }

  @Test
  void offersOneTargetPerConsultation() {
    profile("profile-index2.html");

    List<Target> targets = provider.lookup(VIDA).bookableTargets();

    assertThat(targets).extracting(Target::id)
        .containsExactly("doctoreto:dr-vida-imani~ZaEBBZ/3022/3022", "doctoreto:dr-vida-imani~ZaEBBZ/44867/44867");
  }

  @Test
  void readsAGzipBodyThatHasNoContentEncodingHeader() {
    byte[] gzipped = DoctoretoFixtures.gzip(DoctoretoFixtures.bytes("profile-index2.html"));
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(gzipped)));

    Doctor doctor = provider.lookup(VIDA);

    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.centers()).hasSize(2);
  }

  @Test
  void readsAGzipBodyThatIsDeclaredAsGzip() {
    byte[] gzipped = DoctoretoFixtures.gzip(DoctoretoFixtures.bytes("profile-index2.html"));
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withHeader("Content-Encoding", "gzip")
        .withBody(gzipped)));

    assertThat(provider.lookup(VIDA).centers()).hasSize(2);
  }

  @Test
  void rejectsABodyThatStartsLikeGzipButIsNot() {
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withBody(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})));

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage()).contains("gzip");
  }

  @Test
  void sendsABrowserLikeRequestForTheCanonicalProfilePath() {
    profile("profile-index2.html");

    provider.lookup(VIDA);

    List<LoggedRequest> sent = site.findAll(getRequestedFor(urlPathEqualTo("/doctor/dr-vida-imani/ZaEBBZ")));
    assertThat(sent).hasSize(1);
    LoggedRequest request = sent.get(0);
    assertThat(request.getHeader("User-Agent")).startsWith("Mozilla/5.0").contains("Chrome/");
    assertThat(request.getHeader("Accept")).startsWith("text/html");
    assertThat(request.getHeader("Accept-Language")).startsWith("fa");
    assertThat(request.getUrl()).isEqualTo("/doctor/dr-vida-imani/ZaEBBZ");
  }

  @Test
  void sendsTheConfiguredUserAgent() {
    provider.close();
    provider = provider(Map.of("user-agent", "SlotHunterTest/1.0"));
    profile("profile-index2.html");

    provider.lookup(VIDA);

    site.verify(getRequestedFor(urlPathEqualTo("/doctor/dr-vida-imani/ZaEBBZ")).withHeader("User-Agent", equalTo("SlotHunterTest/1.0")));
  }

  @Test
  void followsTheShortLinkRedirectOnceToLearnTheSlug() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse()
        .withStatus(301)
        .withHeader("Location", "/doctor/dr-vida-imani/ZaEBBZ")));
    profile("profile-index2.html");

    Doctor doctor = provider.lookup(VIDA_CODE_ONLY);

    assertThat(doctor.ref()).isEqualTo(VIDA);
    assertThat(doctor.centers()).hasSize(2);
    assertThat(doctor.bookableTargets()).allSatisfy(t -> assertThat(t.ref()).isEqualTo(VIDA));
    site.verify(1, getRequestedFor(urlPathEqualTo("/doctor/ZaEBBZ")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/doctor/dr-vida-imani/ZaEBBZ"))
        .withHeader("Accept", matching("text/html.*")));
  }

  @Test
  void followsA302WithAnAbsoluteLocationToo() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse()
        .withStatus(302)
        .withHeader("Location", site.baseUrl() + "/doctor/dr-vida-imani/ZaEBBZ/")));
    profile("profile-index3.html");

    assertThat(provider.lookup(VIDA_CODE_ONLY).ref()).isEqualTo(VIDA);
  }

  @Test
  void neverFetchesTheShortLinkForAKeyWithASlug() {
    profile("profile-index2.html");

    provider.lookup(VIDA);

    site.verify(0, getRequestedFor(urlPathEqualTo("/doctor/ZaEBBZ")));
  }

  @Test
  void asksForTheFullLinkWhenTheShortLinkIsNotServed() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse()
        .withStatus(404)
        .withBody(DoctoretoFixtures.text("profile-next-404.html"))));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.lookup(VIDA_CODE_ONLY));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("ZaEBBZ").contains("full profile link").contains("/doctor/{slug}/ZaEBBZ");
    assertThat(site.getAllServeEvents()).hasSize(1);
  }

  @Test
  void asksForTheFullLinkWhenTheShortLinkDoesNotRedirect() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withBody(DoctoretoFixtures.text("profile-index2.html"))));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.lookup(VIDA_CODE_ONLY));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("HTTP 200").contains("full profile link");
    assertThat(site.getAllServeEvents()).hasSize(1);
  }

  @Test
  void asksForTheFullLinkWhenTheShortLinkRedirectsElsewhere() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse().withStatus(302).withHeader("Location", "/")));
    site.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody(DoctoretoFixtures.text("profile-index2.html"))));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.lookup(VIDA_CODE_ONLY));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.providerId()).contains("doctoreto");
    assertThat(e.getMessage()).contains("redirected to /").contains("full profile link");
    site.verify(0, getRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void asksForTheFullLinkWhenTheShortLinkRedirectsToAnotherDoctor() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse()
        .withStatus(301)
        .withHeader("Location", "/doctor/someone-else/GXPYab")));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.lookup(VIDA_CODE_ONLY));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    site.verify(0, getRequestedFor(urlPathEqualTo("/doctor/someone-else/GXPYab")));
  }

  @Test
  void reportsARateLimitedShortLinkAsRateLimited() {
    site.stubFor(get("/doctor/ZaEBBZ").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> provider.lookup(VIDA_CODE_ONLY));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void keepsTheSlugTheSiteRedirectsARenamedSlugTo() {
    site.stubFor(get("/doctor/old-slug/ZaEBBZ").willReturn(aResponse()
        .withStatus(308)
        .withHeader("Location", "/doctor/dr-vida-imani/ZaEBBZ")));
    profile("profile-index2.html");

    Doctor doctor = provider.lookup(new DoctorRef("doctoreto", "old-slug~ZaEBBZ"));

    assertThat(doctor.ref()).isEqualTo(VIDA);
  }

  @Test
  void sendsAPercentEncodedSlugAsWritten() {
    site.stubFor(get("/doctor/%D8%AF%DA%A9%D8%AA%D8%B1/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withBody(DoctoretoFixtures.text("profile-index2.html"))));

    Doctor doctor = provider.lookup(new DoctorRef("doctoreto", "%D8%AF%DA%A9%D8%AA%D8%B1~ZaEBBZ"));

    assertThat(doctor.centers()).hasSize(2);
  }

  @Test
  void usesAConfiguredProfilePath() {
    provider.close();
    provider = provider(Map.of(DoctoretoProviderFactory.PROFILE_PATH, "/doctor/x/{slug}/{code}"));
    site.stubFor(get("/doctor/x/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withBody(DoctoretoFixtures.text("profile-index3.html"))));

    assertThat(provider.lookup(VIDA).centers()).hasSize(2);
  }

  @Test
  void reportsADoctorThatRedirectsAwayFromItsPageAsNotFound() {
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse().withStatus(302).withHeader("Location", "/")));
    site.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody(DoctoretoFixtures.text("profile-index2.html"))));

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.providerId()).contains("doctoreto");
  }

  @Test
  void reportsA404AsNotFound() {
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(404)
        .withBody(DoctoretoFixtures.text("profile-next-404.html"))));

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.providerId()).contains("doctoreto");
    assertThat(e.getMessage()).contains("ZaEBBZ");
  }

  @Test
  void reportsNextJsNotFoundPageServedWith200AsNotFound() {
    profile("profile-next-404.html");

    assertThat(lookupFailure().code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void reportsAPageWithoutNextDataAsProtocolWithARedactedExcerpt() {
    profile("profile-no-next-data.html");

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.providerId()).contains("doctoreto");
    assertThat(e.getMessage()).contains("__NEXT_DATA__");
    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x)
        .contains("Checking your browser")
        .doesNotContain("<h1>")
        .doesNotContain("challenge"));
  }

  @Test
  void reportsAMissingConsultationsQueryAsProtocolNamingTheKeysSeen() {
    profile("profile-no-consultations-query.html");

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getMessage())
        .contains("[consultations, doctors, ZaEBBZ]")
        .contains("[\"consultations\",\"doctors\",\"GXPYab\"]");
  }

  @Test
  void reportsAPageWithoutDehydratedQueriesAsProtocol() {
    profile("profile-no-queries.html");

    assertThat(lookupFailure().code()).isEqualTo(ErrorCode.PROTOCOL);
  }

  @Test
  void reportsNextDataThatIsNotJsonAsProtocol() {
    profile("profile-broken-json.html");

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void reportsAFailedServerSideFetchAsUnavailable() {
    profile("profile-query-error.html");

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void reportsAConsultationWithoutAnIdAsProtocol() {
    profile("profile-consultation-without-id.html");

    assertThat(lookupFailure().code()).isEqualTo(ErrorCode.PROTOCOL);
  }

  @Test
  void returnsADoctorWithoutCentersWhenThereAreNoConsultations() {
    profile("profile-no-consultations.html");

    Doctor doctor = provider.lookup(VIDA);

    assertThat(doctor.centers()).isEmpty();
    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
  }

  @Test
  void walksTheTreeForTheNameSkippingSpecialities() {
    profile("profile-name-nested.html");

    Doctor doctor = provider.lookup(VIDA);

    assertThat(doctor.displayName()).isEqualTo("دکتر ویدا ایمانی");
    assertThat(doctor.expertises()).isEmpty();
  }

  @Test
  void fallsBackToTheCodeWhenThePageNamesNobody() {
    String page = DoctoretoFixtures.text("profile-name-nested.html").replace("\"fullName\"", "\"otherName\"");
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse().withStatus(200).withBody(page)));

    assertThat(provider.lookup(VIDA).displayName()).isEqualTo("ZaEBBZ");
  }

  @Test
  void reportsANginxErrorPageAsUnavailableWithItsText() {
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(502)
        .withHeader("Content-Type", "text/html")
        .withBody(DoctoretoFixtures.text("error-502.html"))));

    SlotHunterException e = lookupFailure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(e.excerpt()).contains("502 Bad Gateway 502 Bad Gateway nginx");
  }

  @Test
  void rejectsAnotherProvidersDoctorWithoutIo() {
    SlotHunterException e = (SlotHunterException) org.assertj.core.api.Assertions.catchThrowable(
        () -> provider.lookup(new DoctorRef("paziresh24", "dr-x")));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.providerId()).contains("doctoreto");
    assertThat(site.getAllServeEvents()).isEmpty();
  }

  @Test
  void rejectsAKeyThatIsNotACodeWithoutIo() {
    assertThatThrownBy(() -> provider.lookup(new DoctorRef("doctoreto", "dr-vida-imani")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> provider.lookup(new DoctorRef("doctoreto", "dr-vida-imani~ZaEBB")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(site.getAllServeEvents()).isEmpty();
  }

  @Test
  void decodesTheDeclaredCharset() {
    String page = DoctoretoFixtures.text("profile-index2.html");
    site.stubFor(get("/doctor/dr-vida-imani/ZaEBBZ").willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-16")
        .withBody(page.getBytes(StandardCharsets.UTF_16))));

    assertThat(provider.lookup(VIDA).displayName()).isEqualTo("دکتر ویدا ایمانی");
  }
}
