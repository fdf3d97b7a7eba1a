package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlotHunterExceptionTest {

  @Test
  void messageCarriesCodeProviderRetryAfterAndExcerpt() {
    SlotHunterException e = SlotHunterException.builder(ErrorCode.RATE_LIMITED)
        .message("too many requests for doctor dr-1")
        .providerId("paziresh24")
        .retryAfter(Duration.ofSeconds(30))
        .excerpt("<html>busy</html>")
        .build();

    assertThat(e.getMessage()).isEqualTo("RATE_LIMITED: too many requests for doctor dr-1"
        + " [provider=paziresh24] [retryAfter=PT30S] [excerpt=<html>busy</html>]");
    assertThat(e.reason()).isEqualTo("too many requests for doctor dr-1");
    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.providerId()).contains("paziresh24");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(e.excerpt()).contains("<html>busy</html>");
  }

  @Test
  void manualActionCarriesTheHandOffPage() {
    java.net.URI page = java.net.URI.create("https://www.paziresh24.com/booking/dr-x?centerId=c&serviceId=s");

    SlotHunterException e = SlotHunterException.builder(ErrorCode.MANUAL_ACTION_REQUIRED)
        .message("the doctor's site asks for a form").handOff(page).build();

    assertThat(e.handOff()).contains(page);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).endsWith("[handOff=" + page + "]");
  }

  @Test
  void plainConstructorLeavesTheOptionalPartsEmpty() {
    SlotHunterException e = new SlotHunterException(ErrorCode.NOT_FOUND, "no doctor paziresh24:dr-1");

    assertThat(e.getMessage()).isEqualTo("NOT_FOUND: no doctor paziresh24:dr-1");
    assertThat(e.providerId()).isEmpty();
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.excerpt()).isEmpty();
    assertThat(e.getCause()).isNull();
  }

  @Test
  void keepsTheCause() {
    IOException cause = new IOException("connection reset");

    SlotHunterException e = new SlotHunterException(ErrorCode.PROVIDER_UNAVAILABLE, "lookup failed", cause);

    assertThat(e).hasCause(cause).isInstanceOf(RuntimeException.class);
    assertThat(e.getMessage()).isEqualTo("PROVIDER_UNAVAILABLE: lookup failed");
  }

  @Test
  void builderDefaultsToAnEmptyMessage() {
    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).build();

    assertThat(e.getMessage()).isEqualTo("PROTOCOL: ");
  }

  @Test
  void builderCarriesTheCause() {
    IllegalStateException cause = new IllegalStateException("parse");

    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).message("bad json").cause(cause).build();

    assertThat(e).hasCause(cause);
  }

  @Test
  void excerptIsRedacted() {
    String body = "{\"token\":\"s3cr3t-value\",\"cell\":\"09121234567\",\"message\":\"کد ملی ۰۴۹۹۳۷۰۸۹۹\"}";

    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).message("m").excerpt(body).build();

    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x)
        .doesNotContain("s3cr3t-value", "09121234567", "۰۴۹۹۳۷۰۸۹۹")
        .contains("\"token\":\"***\""));
    assertThat(e.getMessage()).doesNotContain("s3cr3t-value", "09121234567", "۰۴۹۹۳۷۰۸۹۹");
  }

  @Test
  void excerptCollapsesWhitespaceToOneLine() {
    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).excerpt("\n  <html>\n\t<body>  x </body>\r\n").build();

    assertThat(e.excerpt()).contains("<html> <body> x </body>");
  }

  @Test
  void excerptIsCutToMaxExcerptCharactersWithAnEllipsis() {
    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).excerpt("x".repeat(10_000)).build();

    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x)
        .hasSize(SlotHunterException.MAX_EXCERPT)
        .endsWith("x…"));
  }

  @Test
  void excerptOfExactlyMaxExcerptCharactersIsKeptWhole() {
    String body = "y".repeat(SlotHunterException.MAX_EXCERPT);

    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).excerpt(body).build();

    assertThat(e.excerpt()).contains(body);
  }

  @Test
  void excerptCutNeverSplitsASurrogatePair() {
    String body = "x".repeat(SlotHunterException.MAX_EXCERPT - 2) + "😀" + "z".repeat(50);

    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).excerpt(body).build();

    assertThat(e.excerpt()).contains("x".repeat(SlotHunterException.MAX_EXCERPT - 2) + "…");
  }

  @Test
  void excerptIsRedactedBeforeItIsCut() {
    // a mobile straddling the cut must not leave its first digits behind
    String body = "x".repeat(SlotHunterException.MAX_EXCERPT - 6) + " 09121234567 tail";

    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).excerpt(body).build();

    assertThat(e.excerpt()).hasValueSatisfying(x -> assertThat(x).doesNotContain("0912").endsWith("…"));
  }

  @Test
  void nullExcerptClearsAnEarlierOne() {
    SlotHunterException e = SlotHunterException.builder(ErrorCode.PROTOCOL).excerpt("body").excerpt(null).build();

    assertThat(e.excerpt()).isEmpty();
    assertThat(e.getMessage()).doesNotContain("excerpt");
  }

  @Test
  void builderRejectsANegativeRetryAfter() {
    SlotHunterException.Builder b = SlotHunterException.builder(ErrorCode.RATE_LIMITED);

    assertThatThrownBy(() -> b.retryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryAfter must not be negative");
  }

  @Test
  void builderAcceptsAZeroRetryAfterAndNullClearsIt() {
    SlotHunterException zero = SlotHunterException.builder(ErrorCode.RATE_LIMITED).retryAfter(Duration.ZERO).build();
    SlotHunterException cleared = SlotHunterException.builder(ErrorCode.RATE_LIMITED)
        .retryAfter(Duration.ofSeconds(5)).retryAfter(null).build();

    assertThat(zero.retryAfter()).contains(Duration.ZERO);
    assertThat(cleared.retryAfter()).isEmpty();
  }

  @Test
  void builderRejectsAMissingCodeOrMessage() {
    assertThatNullPointerException().isThrownBy(() -> SlotHunterException.builder(null)).withMessage("code");
    assertThatNullPointerException()
        .isThrownBy(() -> SlotHunterException.builder(ErrorCode.PROTOCOL).message(null))
        .withMessage("message");
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void retryableFollowsTheErrorCode(ErrorCode code) {
    SlotHunterException e = new SlotHunterException(code, "x");

    assertThat(e.retryable()).isEqualTo(code.retryable());
  }

  @Test
  void onlyRateLimitsASpentBudgetAndUnavailabilityAreRetryable() {
    EnumSet<ErrorCode> retryable = EnumSet.noneOf(ErrorCode.class);
    for (ErrorCode c : ErrorCode.values()) {
      if (c.retryable()) {
        retryable.add(c);
      }
    }

    assertThat(retryable).containsExactlyInAnyOrder(ErrorCode.RATE_LIMITED, ErrorCode.BUDGET_SPENT,
        ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.STORE_UNAVAILABLE);
  }

  @Test
  void invalidNamesTheFieldAndTheReason() {
    SlotHunterException e = SlotHunterException.invalid("patient mobile", "is required");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo("INVALID_INPUT: patient mobile is required");
    assertThat(e.retryable()).isFalse();
  }
}
