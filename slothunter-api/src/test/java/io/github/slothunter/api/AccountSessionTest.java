package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static io.github.slothunter.api.Fixtures.invalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountSessionTest {
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.payload.signature-secret";

  private static AccountSession session(Instant expiresAt) {
    return new AccountSession("paziresh24", TOKEN, Map.of("user_id", "user-77", "csrf", "csrf-secret"), expiresAt);
  }

  @Test
  void toStringNeverShowsTheTokenOrAttributeValues() {
    String shown = session(T0).toString();

    assertThat(shown)
        .doesNotContain(TOKEN, "eyJ", "signature-secret", "user-77", "csrf-secret")
        .contains("providerId=paziresh24", "<redacted:" + TOKEN.length() + " chars>", "user_id", "csrf",
            "expiresAt=" + T0);
  }

  @Test
  void accessorsReturnTheClearValuesForTheProvider() {
    AccountSession s = session(T0);

    assertThat(s.token()).isEqualTo(TOKEN);
    assertThat(s.attributes()).containsEntry("user_id", "user-77");
    assertThat(s.providerId()).isEqualTo("paziresh24");
  }

  @Test
  void isExpiredFromItsExpiryInstantOnwards() {
    AccountSession s = session(T0);

    assertThat(s.isExpired(T0.minusMillis(1))).isFalse();
    assertThat(s.isExpired(T0)).isTrue();
    assertThat(s.isExpired(T0.plus(Duration.ofDays(1)))).isTrue();
  }

  @Test
  void missingExpiryMeansItNeverExpires() {
    AccountSession s = session(null);

    assertThat(s.expiresAt()).isEqualTo(Instant.MAX);
    assertThat(s.isExpired(Instant.parse("9999-12-31T23:59:59Z"))).isFalse();
  }

  @Test
  void copiesTheAttributesSoLaterChangesDoNotLeakIn() {
    Map<String, String> attributes = new HashMap<>(Map.of("user_id", "1"));
    AccountSession s = new AccountSession("paziresh24", TOKEN, attributes, T0);

    attributes.put("user_id", "2");

    assertThat(s.attributes()).containsExactlyEntriesOf(Map.of("user_id", "1"));
    assertThatThrownBy(() -> s.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t\n"})
  void rejectsABlankToken(String token) {
    SlotHunterException e = invalidInput(() -> new AccountSession("paziresh24", token, Map.of(), T0), "session token");

    assertThat(e.getMessage()).endsWith("must not be blank");
  }

  @Test
  void acceptsATokenOfEightKilobytesButNotMore() {
    String longest = "t".repeat(8192);

    assertThat(new AccountSession("paziresh24", longest, Map.of(), T0).token()).hasSize(8192);
    SlotHunterException e = invalidInput(
        () -> new AccountSession("paziresh24", longest + "t", Map.of(), T0), "session token");
    assertThat(e.getMessage()).endsWith("is too long").doesNotContain(longest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc\r\nX-Injected: 1", "abc\u0000", "\u007Fabc", "abc\u0085def"})
  void rejectsControlCharactersInTheTokenWithoutEchoingIt(String token) {
    SlotHunterException e = invalidInput(() -> new AccountSession("paziresh24", token, Map.of(), T0), "session token");

    assertThat(e.getMessage()).contains("control characters").doesNotContain("abc");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Paziresh24", "p 24", "-p24", "p_24", "پذیرش۲۴"})
  void rejectsAnInvalidProviderId(String providerId) {
    SlotHunterException e = invalidInput(() -> new AccountSession(providerId, TOKEN, Map.of(), T0), "providerId");

    assertThat(e.getMessage()).contains("lower-case letters, digits or dashes").doesNotContain(TOKEN);
  }

  @Test
  void rejectsMissingAttributes() {
    SlotHunterException e = invalidInput(() -> new AccountSession("paziresh24", TOKEN, null, T0), "session attributes");

    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }
}
