package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.SlotChange.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotChangeAndSnapshotTest {
  private static final Slot SLOT = Fixtures.slot();

  @Test
  void aChangeWithoutAWindowStartHasNone() {
    SlotChange c = new SlotChange(SLOT, Kind.OPENED, T0);

    assertThat(c.since()).isNull();
    assertThat(c.windowStart()).isEmpty();
  }

  @Test
  void aChangeHappenedBetweenTheLastLookAndWhenItWasSeen() {
    SlotChange c = new SlotChange(SLOT, Kind.GONE, T0, T0.minusSeconds(30));

    assertThat(c.windowStart()).contains(T0.minusSeconds(30));
    assertThat(c.kind()).isEqualTo(Kind.GONE);
  }

  @Test
  void theWindowMayBeEmptyButNotInverted() {
    assertThat(new SlotChange(SLOT, Kind.OPENED, T0, T0).windowStart()).contains(T0);

    assertThatThrownBy(() -> new SlotChange(SLOT, Kind.OPENED, T0, T0.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(T0.plusMillis(1).toString()).hasMessageContaining(T0.toString());
  }

  @Test
  void aChangeNeedsItsSlotKindAndTime() {
    assertThatThrownBy(() -> new SlotChange(null, Kind.OPENED, T0)).isInstanceOf(NullPointerException.class)
        .hasMessage("slot");
    assertThatThrownBy(() -> new SlotChange(SLOT, null, T0)).isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
    assertThatThrownBy(() -> new SlotChange(SLOT, Kind.GONE, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("at");
  }

  @Test
  void aChangeEitherOpensOrRemovesASlot() {
    assertThat(Kind.values()).containsExactly(Kind.OPENED, Kind.GONE);
  }

  @Test
  void aSnapshotCopiesItsSlots() {
    Slot later = new Slot(Fixtures.target(), T0.plusSeconds(900), T0.plusSeconds(1800), "slot-2");
    List<Slot> slots = new ArrayList<>(List.of(SLOT, later));
    TargetSnapshot s = new TargetSnapshot(Fixtures.target().id(), slots, T0);

    slots.clear();

    assertThat(s.slots()).containsExactly(SLOT, later);
    assertThatThrownBy(() -> s.slots().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptySnapshotMeansNothingIsFree() {
    TargetSnapshot s = new TargetSnapshot("t", List.of(), T0);

    assertThat(s.slots()).isEmpty();
    assertThat(s.polledAt()).isEqualTo(T0);
  }

  @Test
  void aSnapshotNeedsItsTargetSlotsAndTime() {
    assertThatThrownBy(() -> new TargetSnapshot(null, List.of(), T0)).isInstanceOf(NullPointerException.class)
        .hasMessage("targetId");
    assertThatThrownBy(() -> new TargetSnapshot("t", null, T0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new TargetSnapshot("t", Arrays.asList(SLOT, null), T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new TargetSnapshot("t", List.of(), null)).isInstanceOf(NullPointerException.class)
        .hasMessage("polledAt");
  }
}
