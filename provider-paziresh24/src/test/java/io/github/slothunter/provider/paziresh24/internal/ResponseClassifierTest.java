package io.github.slothunter.provider.paziresh24.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseClassifierTest {
  private static final Instant NOW = Instant.parse("2026-07-04T05:30:00Z");

  private static JsonNode body(String json) {
    return ResponseClassifier.json(Endpoint.BOOK, json);
  }

  private static SlotHunterException http(int code, String retryAfter, String body) {
    try {
      ResponseClassifier.checkHttp(Endpoint.GET_FREE_DAYS, code, retryAfter, body, NOW);
    } catch (SlotHunterException e) {
      return e;
    }
    return null;
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
      "200, ", "204, ", "423, ", "429, RATE_LIMITED", "500, PROVIDER_UNAVAILABLE", "502, PROVIDER_UNAVAILABLE",
      "503, PROVIDER_UNAVAILABLE", "401, AUTH_REQUIRED", "403, AUTH_REQUIRED", "404, NOT_FOUND", "302, PROTOCOL",
      "405, PROTOCOL", "101, PROTOCOL"})
  void classifiesHttpStatuses(int code, ErrorCode expected) {
    SlotHunterException e = http(code, null, "<html>x</html>");

    if (expected == null) {
      assertThat(e).isNull();
    } else {
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(expected);
      assertThat(e.providerId()).contains("paziresh24");
    }
  }

  @Test
  void readsJsonBodiesOfOtherClientErrors() {
    assertThat(http(400, null, " {\"status\":0}")).isNull();
    assertThat(http(422, null, "bad")).extracting(SlotHunterException::code).isEqualTo(ErrorCode.PROTOCOL);
  }

  @Test
  void parsesRetryAfterInEveryForm() {
    assertThat(ResponseClassifier.retryAfter("30", NOW)).contains(Duration.ofSeconds(30));
    assertThat(ResponseClassifier.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    assertThat(ResponseClassifier.retryAfter("99999999999", NOW)).contains(Duration.ofSeconds(999_999_999L));
    assertThat(ResponseClassifier.retryAfter("Sat, 04 Jul 2026 05:32:00 GMT", NOW)).contains(Duration.ofMinutes(2));
    assertThat(ResponseClassifier.retryAfter("Sat, 04 Jul 2026 05:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(ResponseClassifier.retryAfter("soon", NOW)).isEmpty();
    assertThat(ResponseClassifier.retryAfter("-5", NOW)).isEmpty();
    assertThat(ResponseClassifier.retryAfter("", NOW)).isEmpty();
    assertThat(ResponseClassifier.retryAfter(null, NOW)).isEmpty();
  }

  @Test
  void fallsBackToTheDefaultRetryAfterForAnUnreadableHeader() {
    assertThat(http(429, "whenever", "").retryAfter()).contains(ResponseClassifier.DEFAULT_RETRY_AFTER);
  }

  @Test
  void mapsEveryTransportFailureToProviderUnavailable() {
    assertThat(ResponseClassifier.transport(Endpoint.BOOK, new InterruptedIOException("timeout")).getMessage())
        .contains("timed out");
    assertThat(ResponseClassifier.transport(Endpoint.BOOK, new ConnectException("refused")).getMessage())
        .contains("connection refused");
    assertThat(ResponseClassifier.transport(Endpoint.BOOK, new UnknownHostException("x")).getMessage())
        .contains("unknown host");
    SlotHunterException other = ResponseClassifier.transport(Endpoint.BOOK, new IOException("reset"));
    assertThat(other.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(other.getMessage()).contains("IOException");
    assertThat(other.getCause()).isInstanceOf(IOException.class);
  }

  @Test
  void readsStatusesGivenAsNumbersOrText() {
    assertThat(ResponseClassifier.status(body("{\"status\":1}"))).hasValue(1);
    assertThat(ResponseClassifier.status(body("{\"status\":\"300\"}"))).hasValue(300);
    assertThat(ResponseClassifier.status(body("{\"status\":true}"))).isEmpty();
    assertThat(ResponseClassifier.status(body("{\"status\":99999999999}"))).isEmpty();
    assertThat(ResponseClassifier.status(body("{\"status\":-99999999999}"))).isEmpty();
    assertThat(ResponseClassifier.isSuccess(body("{\"status\":1.0}"))).isTrue();
  }

  @Test
  void mapsBodyStatusesByEndpoint() {
    assertThat(ResponseClassifier.failure(Endpoint.SUSPEND, body("{\"status\":300}")).code())
        .isEqualTo(ErrorCode.SLOT_TAKEN);
    assertThat(ResponseClassifier.failure(Endpoint.BOOK, body("{\"status\":300}")).code())
        .isEqualTo(ErrorCode.HOLD_EXPIRED);
    assertThat(ResponseClassifier.failure(Endpoint.LOGIN, body("{\"status\":0,\"message\":\"کد قبلا ارسال شده\"}"))
        .code()).as("taken wording only matters on slot calls").isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(ResponseClassifier.failure(Endpoint.BOOK, body("{\"status\":0,\"message\":\"already taken\"}")).code())
        .isEqualTo(ErrorCode.SLOT_TAKEN);
    assertThat(ResponseClassifier.failure(Endpoint.BOOK, body("{\"status\":0,\"details\":[\"x\"]}")).getMessage())
        .doesNotContain("fields");
    assertThat(ResponseClassifier.failure(Endpoint.BOOK, body("{\"status\":7}")).code())
        .isEqualTo(ErrorCode.AUTH_REQUIRED);
    assertThat(ResponseClassifier.failure(Endpoint.BOOK, body("{\"status\":42}")).code())
        .isEqualTo(ErrorCode.PROTOCOL);
  }

  @Test
  void acceptsSuccessWithoutThrowing() {
    assertThatCode(() -> ResponseClassifier.requireSuccess(Endpoint.BOOK, body("{\"status\":1}")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ResponseClassifier.requireSuccess(Endpoint.BOOK, body("{\"status\":0}")))
        .isInstanceOf(SlotHunterException.class);
  }

  @Test
  void redactsAndShortensServerMessages() {
    String longMessage = "شماره 09121234567 " + "خطا ".repeat(100);

    String m = ResponseClassifier.message(body("{\"status\":0,\"message\":\"" + longMessage + "\"}"));

    assertThat(m).doesNotContain("09121234567").hasSizeLessThanOrEqualTo(121).endsWith("…");
    assertThat(ResponseClassifier.message(body("{\"status\":0,\"message\":{\"a\":1}}"))).isEmpty();
  }

  @Test
  void capsTheNumberAndLengthOfDetailFieldsNamed() {
    StringBuilder details = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      details.append(i == 0 ? "" : ",").append("\"field").append(i).append("x".repeat(50)).append("\":\"v\"");
    }

    String message = ResponseClassifier.failure(Endpoint.BOOK,
        body("{\"status\":0,\"details\":{" + details + "}}")).getMessage();

    assertThat(message).contains("field0").contains("field9").doesNotContain("field10")
        .doesNotContain("x".repeat(41));
  }

  @Test
  void recognisesNoSlotAndReleasedWording() {
    assertThat(ResponseClassifier.saysNoSlots(body("{\"status\":0,\"message\":\"نوبت خالی وجود ندارد\"}"))).isTrue();
    assertThat(ResponseClassifier.saysNoSlots(body("{\"status\":0,\"message\":\"No free turn\"}"))).isTrue();
    assertThat(ResponseClassifier.saysNoSlots(body("{\"status\":0,\"message\":\"مرکز وجود ندارد\"}"))).isFalse();
    assertThat(ResponseClassifier.saysNoSlots(body("{\"status\":0}"))).isFalse();
    assertThat(ResponseClassifier.saysAlreadyReleased(body("{\"status\":0,\"message\":\"Request expired\"}"))).isTrue();
    assertThat(ResponseClassifier.saysAlreadyReleased(body("{\"status\":0,\"message\":\"خطای سرور\"}"))).isFalse();
    assertThat(ResponseClassifier.saysAlreadyReleased(body("{\"message\":\"x\"}"))).isFalse();
  }

  @Test
  void refusesBodiesThatAreNotJsonObjects() {
    assertThatThrownBy(() -> ResponseClassifier.json(Endpoint.ME, "  "))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
    assertThatThrownBy(() -> ResponseClassifier.json(Endpoint.ME, "\"text\""))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
    assertThatThrownBy(() -> ResponseClassifier.json(Endpoint.ME, "{\"a\":"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).contains("malformed JSON");
        });
  }
}
