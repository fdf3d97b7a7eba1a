package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.center;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static io.github.slothunter.api.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorAndCatalogTest {

  @Test
  void bookableTargetsHasOneTargetPerBookableServiceInOrder() {
    Doctor d = new Doctor(Fixtures.ref(), "دکتر سارا احمدی", List.of("cardiology"), List.of(
        center("c1", service("s1", true), service("s2", false), service("s3", true)),
        center("c2", service("s4", false)),
        center("online", service("s5", true))));

    List<Target> targets = d.bookableTargets();

    assertThat(targets).extracting(Target::id).containsExactly(
        "paziresh24:dr-sara-ahmadi/c1/s1",
        "paziresh24:dr-sara-ahmadi/c1/s3",
        "paziresh24:dr-sara-ahmadi/online/s5");
    assertThat(targets).allSatisfy(t -> assertThat(t.ref()).isEqualTo(Fixtures.ref()));
  }

  @Test
  void bookableTargetsCarryTheServiceProviderKeys() {
    Map<String, String> keys = new HashMap<>(Map.of("server_id", "7", "user_center_id", "99"));
    Service s = new Service("s1", "visit", null, null, true, keys);
    Doctor d = new Doctor(Fixtures.ref(), "Dr", List.of(), List.of(center("c1", s)));

    keys.put("server_id", "changed");
    Target t = d.bookableTargets().get(0);

    assertThat(t.providerKeys()).containsExactlyInAnyOrderEntriesOf(Map.of("server_id", "7", "user_center_id", "99"));
    assertThat(t.requireKey("user_center_id")).isEqualTo("99");
  }

  @Test
  void doctorWithoutBookableServicesHasNoTargets() {
    Doctor none = new Doctor(Fixtures.ref(), "Dr", List.of(), List.of());
    Doctor closed = new Doctor(Fixtures.ref(), "Dr", List.of(), List.of(center("c1", service("s1", false))));

    assertThat(none.bookableTargets()).isEmpty();
    assertThat(closed.bookableTargets()).isEmpty();
  }

  @Test
  void bookableTargetsIsUnmodifiable() {
    Doctor d = new Doctor(Fixtures.ref(), "Dr", List.of(), List.of(center("c1", service("s1", true))));

    assertThatThrownBy(() -> d.bookableTargets().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void doctorCopiesItsLists() {
    List<String> expertises = new ArrayList<>(List.of("cardiology"));
    List<Center> centers = new ArrayList<>(List.of(center("c1")));
    Doctor d = new Doctor(Fixtures.ref(), "Dr", expertises, centers);

    expertises.add("surgery");
    centers.clear();

    assertThat(d.expertises()).containsExactly("cardiology");
    assertThat(d.centers()).hasSize(1);
  }

  @Test
  void doctorRejectsMissingParts() {
    invalidInput(() -> new Doctor(null, "Dr", List.of(), List.of()), "doctor ref");
    invalidInput(() -> new Doctor(Fixtures.ref(), "Dr", null, List.of()), "doctor expertises");
    SlotHunterException e = invalidInput(() -> new Doctor(Fixtures.ref(), "Dr", List.of(), null), "doctor centers");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @Test
  void centerCopiesServicesAndDefaultsOptionalText() {
    List<Service> services = new ArrayList<>(List.of(service("s1", true)));
    Center c = new Center("c1", null, null, null, services);

    services.clear();

    assertThat(c.services()).hasSize(1);
    assertThat(c.name()).isEmpty();
    assertThat(c.address()).isEmpty();
    assertThat(c.city()).isEmpty();
  }

  @Test
  void centerRejectsMissingServices() {
    SlotHunterException e = invalidInput(() -> new Center("c1", "n", "a", "c", null), "center services");

    assertThat(e.getMessage()).endsWith("is required");
  }

  @Test
  void serviceAcceptsUnknownOrZeroPriceAndUnknownDuration() {
    Service free = new Service("s", "visit", 0L, Duration.ofMinutes(10), true, Map.of());
    Service unknown = new Service("s", "visit", null, null, false, Map.of());

    assertThat(free.price()).isZero();
    assertThat(free.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(unknown.price()).isNull();
    assertThat(unknown.duration()).isNull();
    assertThat(unknown.bookable()).isFalse();
  }

  @Test
  void serviceRejectsANegativePrice() {
    SlotHunterException e = invalidInput(
        () -> new Service("s", "visit", -1L, null, true, Map.of()), "service price");

    assertThat(e.getMessage()).contains("must not be negative");
  }

  @Test
  void serviceRejectsAZeroOrNegativeDuration() {
    invalidInput(() -> new Service("s", "visit", null, Duration.ZERO, true, Map.of()), "service duration");
    SlotHunterException e = invalidInput(
        () -> new Service("s", "visit", null, Duration.ofMinutes(-5), true, Map.of()), "service duration");

    assertThat(e.getMessage()).contains("must be positive");
  }

  @Test
  void serviceCopiesItsKeysAndRejectsMissingOnes() {
    Map<String, String> keys = new HashMap<>(Map.of("server_id", "1"));
    Service s = new Service("s", "visit", null, null, true, keys);

    keys.clear();

    assertThat(s.providerKeys()).containsEntry("server_id", "1");
    invalidInput(() -> new Service("s", "visit", null, null, true, null), "service providerKeys");
  }

  @Test
  void doctorSummaryCopiesExpertisesAndDefaultsCity() {
    List<String> expertises = new ArrayList<>(List.of("قلب و عروق"));
    DoctorSummary s = new DoctorSummary(Fixtures.ref(), "دکتر سارا", expertises, null);

    expertises.clear();

    assertThat(s.expertises()).containsExactly("قلب و عروق");
    assertThat(s.city()).isEmpty();
    assertThat(s.ref()).isEqualTo(Fixtures.ref());
  }

  @Test
  void doctorSummaryRejectsMissingParts() {
    invalidInput(() -> new DoctorSummary(null, "Dr", List.of(), ""), "summary ref");
    SlotHunterException e = invalidInput(() -> new DoctorSummary(Fixtures.ref(), "Dr", null, ""), "summary expertises");

    assertThat(e.getMessage()).endsWith("is required");
  }
}
