package io.github.slothunter.provider.paziresh24.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Target;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FastFreeTurnsTest {
  private static final Target TARGET = new Target(new DoctorRef("paziresh24", "dr-x"), "1", "2",
      Map.of("user_center_id", "3"));

  @Test
  void readsTheCommonShapeSkippingOtherFields() {
    long[] times = FastFreeTurns.read("{\"status\":1,\"message\":\"\",\"meta\":{\"a\":[1,2]},\"result\":["
        + "{\"from\":1783229400,\"to\":1783230300,\"workhour_turn_num\":1,\"extra\":{\"x\":[1]}},"
        + "{\"to\":1783231200,\"from\":1783230300}]}");

    assertThat(times).containsExactly(1783229400L, 1783230300L, 1783230300L, 1783231200L);
  }

  @Test
  void growsForLongDays() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      items.append(i == 0 ? "" : ",").append("{\"from\":").append(1783229400L + i * 900L)
          .append(",\"to\":").append(1783230300L + i * 900L).append('}');
    }

    assertThat(FastFreeTurns.read("{\"status\":1,\"result\":[" + items + "]}")).hasSize(80);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"status\":\"1\",\"result\":[]}",
      "{\"status\":0,\"result\":[]}",
      "{\"status\":1}",
      "{\"status\":1,\"result\":{}}",
      "{\"status\":1,\"result\":[7]}",
      "{\"status\":1,\"result\":[{\"from\":1783229400}]}",
      "{\"status\":1,\"result\":[{\"from\":\"1783229400\",\"to\":1783230300}]}",
      "{\"status\":1,\"result\":[{\"from\":1.5,\"to\":2}]}",
      "{\"status\":1,\"result\":[{\"from\":99999999999999999999,\"to\":2}]}",
      "{\"status\":1,\"result\":[]} trailing",
      "{\"status\":1,\"result\":[{\"from\":17832",
      "[{\"status\":1}]",
      "<html>"})
  void leavesEverythingElseToTheGeneralPath(String body) {
    assertThat(FastFreeTurns.read(body)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"status\":1,\"result\":[{\"from\":1783233000,\"to\":1783233900},{\"from\":1783229400,\"to\":1783230300},"
          + "{\"from\":1783229400,\"to\":1783230300}]}",
      "{\"status\":1,\"result\":[]}"})
  void agreesWithTheGeneralPath(String body) {
    assertThat(AvailabilityParser.freeTurns(TARGET, body))
        .isEqualTo(AvailabilityParser.freeTurnsFromTree(TARGET, body));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"status\":1,\"result\":[{\"from\":5,\"to\":6}]}",
      "{\"status\":1,\"result\":[{\"from\":1783229400,\"to\":5000000000}]}"})
  void rejectsTimesOutsideUnixSecondsOnTheFastPathToo(String body) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AvailabilityParser.freeTurns(TARGET, body))
        .isInstanceOfSatisfying(io.github.slothunter.api.SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(io.github.slothunter.api.ErrorCode.PROTOCOL));
  }
}
