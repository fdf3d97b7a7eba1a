package io.github.slothunter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.api.WatchState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The area rooms' arithmetic: word folding, members from hits, and what a member is to an event. */
class AreaRoomsTest {
  private static final Instant T0 = Instant.parse("2026-12-05T05:30:00Z");
  private static final GeoPoint POINT = new GeoPoint(35.6997, 51.3380);

  @Test
  void foldsPersianAndArabicFormsDigitsAndSeparators() {
    assertThat(Vocabulary.fold("شيراز")).isEqualTo(Vocabulary.fold("شیراز"));
    assertThat(Vocabulary.fold("كرج")).isEqualTo(Vocabulary.fold("کرج"));
    assertThat(Vocabulary.fold("منطقه ۵")).isEqualTo(Vocabulary.fold("منطقه ٥")).isEqualTo(Vocabulary.fold("منطقه5"));
    assertThat(Vocabulary.fold("پوست،‌مو")).isEqualTo(Vocabulary.fold("پوست مو"));
    assertThat(Vocabulary.fold("Tehran-District")).isEqualTo("tehrandistrict");
    assertThat(Vocabulary.fold("شهر تهران")).isEqualTo(Vocabulary.fold("تهران"));
    assertThat(Vocabulary.distance("تهرن", "تهران")).isEqualTo(1);
  }

  @Test
  void membersKeepOnlyCentersInTheRadiusAndTheirOwnCalendars() {
    DoctorRef ref = new DoctorRef("mem", "dr-a");
    Target near = new Target(ref, "c1", "s1", Map.of());
    Target far = new Target(ref, "c2", "s1", Map.of());
    AreaHit hit = new AreaHit(ref, "Dr A", "skin", Gender.FEMALE, Set.of(VisitType.IN_PERSON), List.of(
        new AreaCenter("c1", "Near", new GeoPoint(35.7087, 51.3380), T0, 1000L),
        new AreaCenter("c2", "Far", new GeoPoint(35.7897, 51.3380), T0, 1000L)), List.of(near, far));
    AreaQuery q = AreaQuery.builder("mem", "skin", "tehran").near(POINT, 3).build();

    List<AreaMember> members = AreaWatches.members(q, List.of(hit, hit), List.of());

    assertThat(members).hasSize(1);
    assertThat(members.get(0).centers()).extracting(AreaCenter::centerId).containsExactly("c1");
    assertThat(members.get(0).targets()).containsExactly(near);
    assertThat(members.get(0).distanceKm()).isBetween(0.9, 1.1);
    assertThat(AreaWatches.members(q.toBuilder().near(new GeoPoint(30, 50), 3).build(), List.of(hit), List.of())).isEmpty();
  }

  @Test
  void tellsWhoACalendarOfAnAreaWatchBelongsToAndHowFar() {
    DoctorRef ref = new DoctorRef("mem", "dr-a");
    Target t = new Target(ref, "c1", "s1", Map.of());
    AreaMember m = new AreaMember(ref, "Dr A", List.of(new AreaCenter("c1", "Clinic", new GeoPoint(35.7087, 51.3380),
        T0, 1500L)), List.of(t), 1.0);
    AreaQuery q = AreaQuery.builder("mem", "skin", "tehran").near(POINT).build();
    Watch w = new Watch("w-1", "u1", new DoctorRef("mem", "area-tehran-skin"), List.of(t), Map.of(), SlotFilter.ANY,
        "PRO", null, T0, WatchState.ACTIVE, Map.of(), new WatchArea(q, "tehran", "skin", List.of(m), T0));

    AreaWatches.MemberInfo info = AreaWatches.member(w, t.id()).orElseThrow();

    assertThat(info.doctor()).isEqualTo("Dr A");
    assertThat(info.center()).isEqualTo("Clinic");
    assertThat(info.price()).isEqualTo(1500L);
    assertThat(info.distanceKm()).isBetween(0.9, 1.1);
    assertThat(AreaWatches.member(w, "other")).isEmpty();
    assertThat(AreaWatches.member(w.withTargets(List.of(t), Map.of(), null), t.id())).isEmpty();
  }
}
