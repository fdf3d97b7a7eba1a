package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public parsers, on the captured answers the provider's own tests serve. */
class Paziresh24ResponsesTest {
  private static final DoctorRef REF = new DoctorRef("paziresh24", "dr-sara-ahmadi");
  private static final Target TARGET = new Target(REF, "12345", "2001",
      Map.of("server_id", "1", "user_center_id", "77001"));

  @Test
  void readsTheFreeTurnsOfAnAnswerSortedAndDistinct() {
    List<Slot> slots = Paziresh24Responses.freeTurns(TARGET, WireMockSupport.fixture("free-turns.json"));

    assertThat(slots).extracting(Slot::providerSlotKey).containsExactly("1783229400-1783230300",
        "1783230300-1783231200", "1783231200-1783232100", "1783233000-1783233900", "1783287000-1783287900");
    assertThat(slots).allSatisfy(s -> assertThat(s.target()).isEqualTo(TARGET));
    assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2026-07-05T05:30:00Z"));
    assertThat(slots.get(0).end()).isEqualTo(Instant.parse("2026-07-05T05:45:00Z"));
  }

  @Test
  void readsNoFreeTurnsFromAFullCalendar() {
    assertThat(Paziresh24Responses.freeTurns(TARGET, WireMockSupport.fixture("free-turns-none.json"))).isEmpty();
  }

  @Test
  void reportsFreeTurnsOfAnotherShapeAsProtocol() {
    assertThatThrownBy(() -> Paziresh24Responses.freeTurns(TARGET, "{\"status\":1,\"result\":{\"from\":1}}"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void readsADoctorFromAProfilePage() {
    Doctor doctor = Paziresh24Responses.profilePage(REF, WireMockSupport.fixture("profile.html"));

    assertThat(doctor.ref()).isEqualTo(REF);
    assertThat(doctor.displayName()).isEqualTo("دکتر سارا احمدی");
    assertThat(doctor.bookableTargets()).extracting(Target::centerId, Target::serviceId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("12345", "2001"),
            org.assertj.core.groups.Tuple.tuple("5532", "3001"));
  }

  @Test
  void reportsAPageWithoutItsDataBlockAsProtocol() {
    assertThatThrownBy(() -> Paziresh24Responses.profilePage(REF, "<html><body>hello</body></html>"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void rejectsAnotherProvidersDoctorsAndTargets() {
    DoctorRef other = new DoctorRef("doctoreto", "dr-sara-ahmadi");

    assertThatIllegalArgumentException().isThrownBy(() -> Paziresh24Responses.profilePage(other, "<html/>"))
        .withMessageContaining("doctoreto");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Paziresh24Responses.freeTurns(new Target(other, "1", "2", Map.of()), "{}"))
        .withMessageContaining("doctoreto");
  }

  @Test
  void rejectsNulls() {
    assertThatNullPointerException().isThrownBy(() -> Paziresh24Responses.freeTurns(TARGET, null)).withMessage("body");
    assertThatNullPointerException().isThrownBy(() -> Paziresh24Responses.profilePage(null, "")).withMessage("ref");
  }
}
