package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The area-watch model: queries, search pages, members, and what an area watch's events show. */
class AreaModelTest {
  private static final GeoPoint TEHRAN = new GeoPoint(35.6997, 51.3380);
  private static final GeoPoint ONE_KM_NORTH = new GeoPoint(35.7087, 51.3380);
  private static final GeoPoint TEN_KM_NORTH = new GeoPoint(35.7897, 51.3380);
  private static final DoctorRef DR = new DoctorRef("p", "dr-a");
  private static final Target CAL = new Target(DR, "c1", "s1", Map.of());

  @Test
  void aQueryKeepsWhatItWasGivenAndCopiesThroughItsBuilder() {
    AreaQuery q = AreaQuery.builder("p", " پوست ", "تهران").near(TEHRAN, 5).maxPrice(2_000_000).gender(Gender.FEMALE)
        .visitType(VisitType.ONLINE).keepUnlocated(true).maxMembers(300).build();
    assertThat(q.providerId()).isEqualTo("p");
    assertThat(q.specialty()).isEqualTo("پوست");
    assertThat(q.city()).isEqualTo("تهران");
    assertThat(q.point()).isEqualTo(TEHRAN);
    assertThat(q.radiusKm()).isEqualTo(5.0);
    assertThat(q.maxPrice()).isEqualTo(2_000_000L);
    assertThat(q.gender()).isEqualTo(Gender.FEMALE);
    assertThat(q.visitType()).isEqualTo(VisitType.ONLINE);
    assertThat(q.keepUnlocated()).isTrue();
    assertThat(q.maxMembers()).isEqualTo(300);
    assertThat(q.toBuilder().build()).isEqualTo(q).hasSameHashCodeAs(q).hasToString(q.toString());
    assertThat(q.toString()).contains("near=" + TEHRAN + " within 5.0 km", "maxPrice=2000000", "gender=FEMALE",
        "visit=ONLINE", "keepUnlocated", "maxMembers=300");
    assertThat(q).isNotEqualTo(q.toBuilder().maxMembers(301).build()).isNotEqualTo("AreaQuery");

    AreaQuery plain = AreaQuery.builder("p", "skin", "tehran").gender(Gender.UNSPECIFIED).build();
    assertThat(plain.gender()).isNull();
    assertThat(plain.maxMembers()).isEqualTo(AreaQuery.DEFAULT_MAX_MEMBERS);
    assertThat(plain.toString()).isEqualTo("AreaQuery[p, specialty=skin, city=tehran, maxMembers=200]");
    assertThat(AreaQuery.builder("p", "skin", "tehran").near(TEHRAN).build().toString()).contains("near=" + TEHRAN)
        .doesNotContain("within");
  }

  @Test
  void radiusAndDistanceFollowThePointAndTheKeepUnlocatedOption() {
    AreaQuery none = AreaQuery.builder("p", "skin", "tehran").build();
    assertThat(none.inRadius(TEN_KM_NORTH)).isTrue();
    assertThat(none.inRadius(null)).isTrue();
    assertThat(none.distanceKm(ONE_KM_NORTH)).isNull();

    AreaQuery pointOnly = AreaQuery.builder("p", "skin", "tehran").near(TEHRAN).build();
    assertThat(pointOnly.inRadius(TEN_KM_NORTH)).isTrue();
    assertThat(pointOnly.distanceKm(ONE_KM_NORTH)).isBetween(0.9, 1.1);
    assertThat(pointOnly.distanceKm(null)).isNull();

    AreaQuery radius = AreaQuery.builder("p", "skin", "tehran").near(TEHRAN, 3).build();
    assertThat(radius.inRadius(ONE_KM_NORTH)).isTrue();
    assertThat(radius.inRadius(TEN_KM_NORTH)).isFalse();
    assertThat(radius.inRadius(null)).isFalse();
    assertThat(radius.toBuilder().keepUnlocated(true).build().inRadius(null)).isTrue();
  }

  @Test
  void badQueriesAreRefusedNamingTheField() {
    AreaQuery.Builder b = AreaQuery.builder("p", "skin", "tehran");
    assertThatThrownBy(() -> b.near(TEHRAN, 0)).isInstanceOf(SlotHunterException.class).hasMessageContaining("radiusKm");
    assertThatThrownBy(() -> b.near(TEHRAN, AreaQuery.MAX_RADIUS_KM + 1)).hasMessageContaining("radiusKm");
    assertThatThrownBy(() -> b.near(TEHRAN, Double.NaN)).hasMessageContaining("radiusKm");
    assertThatThrownBy(() -> b.maxPrice(-1)).hasMessageContaining("maxPrice");
    assertThatThrownBy(() -> b.maxMembers(0)).hasMessageContaining("maxMembers");
    assertThatThrownBy(() -> b.maxMembers(AreaQuery.HARD_MAX_MEMBERS + 1)).hasMessageContaining("maxMembers");
    assertThatThrownBy(() -> b.near(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AreaQuery.builder("P!", "skin", "tehran")).hasMessageContaining("providerId");
    assertThatThrownBy(() -> AreaQuery.builder("p", " ", "tehran")).hasMessageContaining("specialty");
    assertThatThrownBy(() -> AreaQuery.builder("p", "skin", null)).hasMessageContaining("city");
  }

  @Test
  void searchRecordsValidateAndCopy() {
    AreaCenter early = new AreaCenter("c1", "Clinic", ONE_KM_NORTH, Instant.parse("2026-12-06T06:00:00Z"), 500L);
    AreaCenter late = new AreaCenter("c2", null, null, Instant.parse("2026-12-09T06:00:00Z"), null);
    AreaCenter never = new AreaCenter("c3", "", null, null, null);
    AreaHit hit = new AreaHit(DR, "Dr A", null, null, Set.of(VisitType.IN_PERSON), List.of(early, late), List.of(CAL));
    assertThat(hit.gender()).isEqualTo(Gender.UNSPECIFIED);
    assertThat(hit.expertise()).isEmpty();
    assertThatThrownBy(() -> new AreaHit(DR, "Dr A", "", Gender.MALE, Set.of(), List.of(),
        List.of(new Target(new DoctorRef("p", "other"), "c1", "s1", Map.of())))).hasMessageContaining("another doctor");
    assertThat(new AreaPage(List.of(hit), 1, 1, false).hits()).containsExactly(hit);
    assertThatThrownBy(() -> new AreaPage(List.of(), -1, 1, false)).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> new AreaPage(List.of(), 0, 0, false)).isInstanceOf(SlotHunterException.class);
    assertThatThrownBy(() -> new AreaCenter("c1", "", null, null, -1L)).hasMessageContaining("price");
    assertThatThrownBy(() -> new AreaPageRequest("tehran", "skin", null, null, true, 0, 50)).hasMessageContaining("page");
    assertThat(new Place("tehran", List.of("تهران", "Tehran"), TEHRAN).displayName()).isEqualTo("تهران");
    assertThatThrownBy(() -> new Place("tehran", List.of(), null)).hasMessageContaining("display name");

    AreaMember m = new AreaMember(DR, "Dr A", List.of(late, early, never), List.of(), null);
    assertThat(m.firstFree()).isEqualTo(early.firstFree());
    assertThat(m.center("c2")).isEqualTo(late);
    assertThat(m.center("nope")).isNull();
    assertThat(new AreaMember(DR, "Dr A", List.of(never), List.of(), null).firstFree()).isNull();
    assertThat(m.withTargets(List.of(CAL)).targets()).containsExactly(CAL);
    assertThatThrownBy(() -> new AreaMember(DR, "Dr A", List.of(), List.of(), -1.0)).hasMessageContaining("distanceKm");
    assertThatThrownBy(() -> new AreaMember(DR, "Dr A", List.of(), List.of(), Double.NaN)).hasMessageContaining("distanceKm");
  }

  @Test
  void anAreaWatchsLabelNamesTheMemberItsCenterPriceAndDistance() {
    AreaQuery q = AreaQuery.builder("p", "skin", "tehran").near(TEHRAN, 5).build();
    AreaCenter pinned = new AreaCenter("c1", "Clinic", ONE_KM_NORTH, null, 700L);
    AreaCenter unpinned = new AreaCenter("c2", "Other", null, null, null);
    Target c2 = new Target(DR, "c2", "s1", Map.of());
    AreaMember m = new AreaMember(DR, "Dr A", List.of(pinned, unpinned), List.of(CAL, c2), 4.0);
    Instant t0 = Instant.parse("2026-12-05T05:30:00Z");
    WatchArea area = new WatchArea(q, "tehran", "skin", List.of(m), t0);
    assertThat(area.member(DR)).isEqualTo(m);
    assertThat(area.member(new DoctorRef("p", "x"))).isNull();
    assertThat(area.withMembers(List.of(), t0.plusSeconds(1)).refreshedAt()).isEqualTo(t0.plusSeconds(1));
    assertThat(area.withMembers(List.of()).refreshedAt()).isEqualTo(t0);
    assertThat(area.toString()).contains("p:tehran/skin", "members=1");

    Watch w = new Watch("w", "u", new DoctorRef("p", "area-tehran-skin"), List.of(CAL, c2), Map.of(), SlotFilter.ANY,
        "FREE", null, t0, WatchState.ACTIVE, Map.of(), area);
    SlotLabel l = w.label(CAL);
    assertThat(l.doctor()).isEqualTo("Dr A");
    assertThat(l.center()).isEqualTo("Clinic");
    assertThat(l.price()).isEqualTo(700L);
    assertThat(l.distanceKm()).isBetween(0.9, 1.1);
    assertThat(w.label(c2).distanceKm()).isEqualTo(4.0); // no pin of its own: the member's nearest
    assertThat(w.label(new Target(new DoctorRef("p", "gone"), "c", "s", Map.of()))).isEqualTo(SlotLabel.UNKNOWN);
    assertThat(w.toString()).contains("area=");

    SlotLabel profile = new SlotLabel("Dr A (profile)", "Clinic", "Visit", 800L, null);
    Watch labelled = new Watch(w.id(), w.owner(), w.doctor(), w.targets(), Map.of(CAL.id(), 800L), w.filter(),
        w.planName(), null, t0, WatchState.ACTIVE, Map.of(), area, Map.of(CAL.id(), profile));
    assertThat(labelled.label(CAL)).isEqualTo(profile.withDistanceKm(l.distanceKm()));
    assertThat(labelled.withState(WatchState.BOOKING_PAUSED).labels()).containsEntry(CAL.id(), profile);
    assertThat(labelled.withPlanName("PRO").area()).isEqualTo(area);
    assertThat(labelled.withTargets(List.of(CAL), Map.of(), area).labels()).containsEntry(CAL.id(), profile);

    Watch doctorWatch = new Watch("w2", "u", DR, List.of(CAL), Map.of(CAL.id(), 900L), SlotFilter.ANY, "FREE", null, t0,
        WatchState.ACTIVE, Map.of(), Map.of());
    assertThat(doctorWatch.label(CAL)).isEqualTo(new SlotLabel("", "", "", 900L, null));
    assertThat(doctorWatch.label(c2)).isEqualTo(SlotLabel.UNKNOWN);
  }

  @Test
  void aNotFoundWordCarriesItsClosestPlacesAsData() {
    Place tehran = new Place("tehran", List.of("تهران", "Tehran"), TEHRAN);
    SlotHunterException e = SlotHunterException.builder(ErrorCode.NOT_FOUND).message("no city 'تهرن' on p")
        .suggestions(List.of(tehran)).build();
    assertThat(e.suggestions()).containsExactly(tehran);
    assertThat(new SlotHunterException(ErrorCode.NOT_FOUND, "gone").suggestions()).isEmpty();
  }
}
