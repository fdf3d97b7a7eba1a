package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Paziresh24LookupTest extends WireMockSupport {
  private static final String PROFILE_PATH = "/dr/" + SLUG + "/";
  private static final String FULL_PROFILE_PATH = "/api/full-profile/" + SLUG + "/";

  @Test
  void readsDoctorCentersAndServicesFromTheProfilePage() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile.html"));

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.ref()).isEqualTo(ref());
    assertThat(doctor.displayName()).isEqualTo("دکتر سارا احمدی");
    assertThat(doctor.expertises()).containsExactly("متخصص قلب و عروق", "فلوشیپ اکوکاردیوگرافی");
    assertThat(doctor.centers()).extracting(Center::id).containsExactly("12345", "5532");
    Center office = doctor.centers().get(0);
    assertThat(office.name()).isEqualTo("مطب دکتر سارا احمدی");
    assertThat(office.address()).isEqualTo("تهران، خیابان ولیعصر، پلاک ۱۰");
    assertThat(office.city()).isEqualTo("تهران");
    assertThat(office.services()).extracting(Service::id, Service::bookable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2001", true),
            org.assertj.core.groups.Tuple.tuple("2002", false),
            org.assertj.core.groups.Tuple.tuple("2003", false));
    Service visit = office.services().get(0);
    assertThat(visit.title()).isEqualTo("ویزیت حضوری");
    assertThat(visit.price()).isEqualTo(1_500_000L);
    assertThat(visit.duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(visit.providerKeys()).isEqualTo(Map.of("server_id", "1", "user_center_id", "77001"));
    Service echo = office.services().get(2);
    assertThat(echo.price()).isNull();
    assertThat(echo.providerKeys()).as("falls back to the center's user_center_id")
        .isEqualTo(Map.of("server_id", "1", "user_center_id", "77001"));
    Center online = doctor.centers().get(1);
    assertThat(online.name()).isEqualTo("ویزیت آنلاین");
    assertThat(online.address()).isEmpty();
    assertThat(online.city()).isEmpty();
    assertThat(online.services().get(0).providerKeys()).isEqualTo(Map.of("server_id", "1", "user_center_id", "99001"));
    assertThat(doctor.bookableTargets()).extracting(Target::centerId, Target::serviceId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("12345", "2001"),
            org.assertj.core.groups.Tuple.tuple("5532", "3001"));
  }

  @Test
  void sendsBrowserLikeHeadersForTheProfilePage() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile.html"));

    provider("user-agent", "TestAgent/1.0").lookup(ref());

    LoggedRequest r = single(PROFILE_PATH);
    assertThat(r.getHeader("accept-timezone")).isEqualTo("Asia/Tehran");
    assertThat(r.getHeader("Origin")).isEqualTo(base());
    assertThat(r.getHeader("Referer")).isEqualTo(base() + "/");
    assertThat(r.getHeader("User-Agent")).isEqualTo("TestAgent/1.0");
    assertThat(r.getHeader("accept")).startsWith("text/html");
    assertThat(r.containsHeader("Authorization")).isFalse();
  }

  @Test
  void percentEncodesPersianSlugsInTheProfileUrl() {
    String path = "/dr/%D8%AF%DA%A9%D8%AA%D8%B1-%D8%B3%D8%A7%D8%B1%D8%A7/";
    stubGet(path, 200, "text/html", fixture("profile.html"));

    Doctor doctor = provider().lookup(new DoctorRef("paziresh24", "دکتر-سارا"));

    assertThat(doctor.ref().key()).isEqualTo("دکتر-سارا");
    assertThat(single(path).getUrl()).isEqualTo(path);
  }

  @Test
  void mapsAMissingProfileToNotFound() {
    stubGet(PROFILE_PATH, 404, "text/html", "<html><body>404</body></html>");

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.providerId()).contains("paziresh24");
          assertThat(e.getMessage()).contains(SLUG);
        });
  }

  @Test
  void readsTheJsonFullProfileFirstInItsLiveShape() {
    stubGet(FULL_PROFILE_PATH, 200, "application/json", fixture("full-profile.json"));

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.displayName()).isEqualTo("نمونه آزمایشی");
    assertThat(doctor.centers()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("4f1c2a9e-7b3d-4e21-9c55-2d8e6a1b0f37");
      assertThat(c.name()).as("the center type when the center has no name").isEqualTo("مطب");
    });
    Service visit = doctor.centers().get(0).services().get(0);
    assertThat(visit.id()).isEqualTo("4f1c2a9f-0e6b-4d7a-b1c3-5a9e8f2d7c44");
    assertThat(visit.title()).isEqualTo("ویزیت");
    assertThat(visit.duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(visit.price()).as("rials; 0 = not priced online").isZero();
    assertThat(visit.bookable()).isTrue();
    assertThat(doctor.bookableTargets()).singleElement().satisfies(t -> {
      assertThat(t.centerId()).isEqualTo("4f1c2a9e-7b3d-4e21-9c55-2d8e6a1b0f37");
      assertThat(t.serviceId()).isEqualTo("4f1c2a9f-0e6b-4d7a-b1c3-5a9e8f2d7c44");
      assertThat(t.providerKeys()).isEqualTo(
          Map.of("server_id", "1", "user_center_id", "4f1c2a9e-13aa-4b6c-8e02-71c9d5e4a610"));
    });
    assertThat(count(PROFILE_PATH)).isZero();
  }

  @Test
  void readsEachCentersMapPinLeniently() {
    stubGet(FULL_PROFILE_PATH, 200, "application/json", "{\"status\":\"SUCCESS\",\"data\":{\"display_name\":\"الف\","
        + "\"centers\":[{\"id\":\"c1\",\"map\":{\"lat\":\"35.7601\",\"lon\":51.4102}},"
        + "{\"id\":\"c2\",\"map\":{\"lat\":0,\"lon\":0}},{\"id\":\"c3\",\"map\":{\"lat\":\"x\"}},{\"id\":\"5532\"}]}}");

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.centers()).extracting(c -> c.location())
        .containsExactly(new io.github.slothunter.api.GeoPoint(35.7601, 51.4102), null, null, null);
  }

  @Test
  void readsFullProfileVariantsAndOnlyWatchesServicesBookableOnline() {
    stubGet(FULL_PROFILE_PATH, 200, "application/json", fixture("full-profile-variants.json"));

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.centers()).extracting(Center::id).containsExactly(
        "4f1c2a9e-7b3d-4e21-9c55-2d8e6a1b0f37", "8d2e6b10-3c4f-4a7e-b9d1-6f5a2c8e0b47", "5532");
    Center office = doctor.centers().get(0);
    assertThat(office.services()).extracting(Service::title, Service::bookable, Service::duration)
        .as("string server_id and freeturn, a null duration, a request-only service").containsExactly(
            org.assertj.core.groups.Tuple.tuple("ویزیت", true, null),
            org.assertj.core.groups.Tuple.tuple("نوار قلب", false, Duration.ofMinutes(10)));
    assertThat(office.services().get(0).providerKeys()).containsEntry("server_id", "1");
    Center off = doctor.centers().get(1);
    assertThat(off.name()).isEqualTo("درمانگاه نمونه");
    assertThat(off.services()).as("is_active false: its id -1 placeholder is no service").isEmpty();
    Service online = doctor.centers().get(2).services().get(0);
    assertThat(online.price()).as("rials").isEqualTo(3_200_000L);
    assertThat(online.bookable()).isTrue();
    assertThat(doctor.centers().get(2).name()).isEqualTo("ویزیت آنلاین");
    assertThat(doctor.bookableTargets()).extracting(Target::centerId, Target::serviceId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("4f1c2a9e-7b3d-4e21-9c55-2d8e6a1b0f37",
            "4f1c2a9f-0e6b-4d7a-b1c3-5a9e8f2d7c44"),
        org.assertj.core.groups.Tuple.tuple("5532", "c1a7e9d4-8e3b-4f1c-a6d2-5b9e0f7c3a18"));
  }

  @Test
  void doesNotBookServicesOfACenterWhoseBookingIsOff() {
    stubGet(FULL_PROFILE_PATH, 200, "application/json", "{\"status\":\"SUCCESS\",\"data\":{\"centers\":["
        + "{\"id\":\"c-1\",\"is_active\":false,\"services\":[{\"id\":\"s-1\",\"can_booking\":1,"
        + "\"hours_of_work\":[{\"day\":1}]}]}]}}");

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.centers().get(0).services()).singleElement()
        .satisfies(s -> assertThat(s.bookable()).isFalse());
    assertThat(doctor.bookableTargets()).isEmpty();
  }

  @Test
  void fallsBackToThePageWhenTheJsonProfileFails() {
    stubGet(FULL_PROFILE_PATH, 503, "text/html", "<html>busy</html>");
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile.html"));

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.displayName()).isEqualTo("دکتر سارا احمدی");
    assertThat(count(FULL_PROFILE_PATH)).isOne();
    assertThat(count(PROFILE_PATH)).isOne();
  }

  @Test
  void asksToRetryLaterWhenThePageHasNoDataAndTheFallbackIsOff() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile-fetch-on-client.html"));

    assertThatThrownBy(() -> provider("profile-fallback", "false").lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
          assertThat(e.getMessage()).contains("retry later");
        });
    assertThat(count(FULL_PROFILE_PATH)).isZero();
  }

  @Test
  void asksToRetryLaterWhenTheJsonProfileFailsToo() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile-fetch-on-client.html"));
    stubGet(FULL_PROFILE_PATH, 400, "application/json", "{\"error\":\"Slug not found\"}");

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
          assertThat(e.getCause()).isInstanceOfSatisfying(SlotHunterException.class,
              c -> assertThat(c.code()).isEqualTo(ErrorCode.PROTOCOL));
        });
  }

  @Test
  void reportsAPageWithoutTheDataBlockAsProtocolWithARedactedExcerpt() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile-no-data.html"));

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.excerpt()).hasValueSatisfying(x -> {
            assertThat(x).contains("بروزرسانی").doesNotContain("02125015000");
            assertThat(x.length()).isLessThanOrEqualTo(SlotHunterException.MAX_EXCERPT + 1);
          });
        });
  }

  @Test
  void reportsAChangedPageShapeAsProtocol() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile-changed-shape.html"));

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void reportsTruncatedPageDataAsProtocol() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile-truncated-data.html"));

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void reportsPagePropsMissingAsProtocol() {
    stubGet(PROFILE_PATH, 200, "text/html",
        "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{}}</script>");

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void reportsAnUnclosedDataBlockAsProtocol() {
    stubGet(PROFILE_PATH, 200, "text/html",
        "<p>__NEXT_DATA__</p><script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{}}");

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void toleratesOddlyTypedProfileJsonWithoutFailing() {
    stubGet(PROFILE_PATH, 200, "text/html", fixture("profile-odd.html"));

    Doctor doctor = provider().lookup(ref());

    assertThat(doctor.displayName()).isEqualTo("علی رضایی");
    assertThat(doctor.expertises()).containsExactly("پزشک عمومی", "طب سنتی", "7");
    assertThat(doctor.centers()).extracting(Center::id).containsExactly("444", "5532");
    Center clinic = doctor.centers().get(0);
    assertThat(clinic.name()).isEqualTo("درمانگاه شبانه‌روزی");
    assertThat(clinic.city()).isEqualTo("مشهد");
    assertThat(clinic.services()).extracting(Service::id).containsExactly("5", "6");
    Service five = clinic.services().get(0);
    assertThat(five.bookable()).as("can_booking \"0\" is false").isFalse();
    assertThat(five.price()).isNull();
    assertThat(five.duration()).isNull();
    assertThat(five.providerKeys()).isEqualTo(Map.of("server_id", "2"));
    Service six = clinic.services().get(1);
    assertThat(six.bookable()).isTrue();
    assertThat(six.price()).isNull();
    assertThat(six.duration()).isNull();
    assertThat(doctor.centers().get(1).services()).isEmpty();
  }

  @Test
  void mapsServerErrorsToProviderUnavailable() {
    stubGet(PROFILE_PATH, 503, "text/html", fixture("error-page.html"));

    assertThatThrownBy(() -> provider().lookup(ref()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
          assertThat(e.retryable()).isTrue();
        });
  }

  @Test
  void rejectsADoctorOfAnotherProvider() {
    Provider p = provider();

    assertThatThrownBy(() -> p.lookup(new DoctorRef("doctoreto", SLUG)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
