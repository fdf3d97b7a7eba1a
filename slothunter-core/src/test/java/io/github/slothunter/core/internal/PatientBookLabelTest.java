package io.github.slothunter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.OwnerPatient;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How an imported person is labelled when their name is taken or too long for a label. */
class PatientBookLabelTest {

  @Test
  void aFreeNameIsTheLabel() {
    assertThat(PatientBook.freeLabel("Sara Ahmadi", Set.of("Ali Ahmadi"))).isEqualTo("Sara Ahmadi");
  }

  @Test
  void aTakenNameGetsTheFirstFreeNumber() {
    assertThat(PatientBook.freeLabel("Sara Ahmadi", Set.of("Sara Ahmadi", "Sara Ahmadi (2)")))
        .isEqualTo("Sara Ahmadi (3)");
  }

  @Test
  void aLongNameIsCutToTheLabelLengthAndLeavesRoomForItsNumber() {
    String longName = "س".repeat(OwnerPatient.MAX_LABEL + 20);
    String first = PatientBook.freeLabel(longName, Set.of());

    String second = PatientBook.freeLabel(longName, Set.of(first));

    assertThat(first).hasSize(OwnerPatient.MAX_LABEL);
    assertThat(second).hasSize(OwnerPatient.MAX_LABEL).endsWith(" (2)");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String longName = "a" + "😀".repeat(OwnerPatient.MAX_LABEL);

    String label = PatientBook.freeLabel(longName, Set.of());

    assertThat(Character.isHighSurrogate(label.charAt(label.length() - 1))).isFalse();
    assertThat(label.length()).isLessThanOrEqualTo(OwnerPatient.MAX_LABEL);
  }
}
