package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Authenticator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Paziresh24AuthenticatorTest extends WireMockSupport {
  private static final String RESET = "/gozargah/resetpassword";
  private static final String LOGIN = "/gozargah/v1/login";
  private static final String ME = "/v1/auth/me";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MjQyIn0.c2lnbmF0dXJlLXNpZw";

  private Authenticator auth(String... config) {
    return provider(config).authenticator().orElseThrow();
  }

  private OtpChallenge challenge() {
    return new OtpChallenge("paziresh24", "09121234567", Map.of("terminal_id", "clinic-1783143000000.12345678"),
        NOW.plusSeconds(120));
  }

  @Test
  void sendsTheCodeRequestWithTheNationalNumberAndTerminalId() {
    stubPost(RESET, 200, fixture("resetpassword.json"));

    OtpChallenge challenge = auth().start("+98 912 123 4567");

    assertThat(challenge.providerId()).isEqualTo("paziresh24");
    assertThat(challenge.mobile()).isEqualTo("09121234567");
    assertThat(challenge.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    LoggedRequest r = single(RESET);
    Map<String, String> form = form(r);
    assertThat(form).containsOnlyKeys("cell", "terminal_id").containsEntry("cell", "9121234567");
    assertThat(form.get("terminal_id")).matches(TERMINAL);
    assertThat(r.getHeader("terminal_id")).isEqualTo(form.get("terminal_id"));
    assertThat(challenge.state()).containsEntry("terminal_id", form.get("terminal_id"));
  }

  @Test
  void mapsThrottledCodeRequestsToRateLimited() {
    stubPost(RESET, 200, fixture("resetpassword-39.json"));

    assertThatThrownBy(() -> auth().start("09121234567"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).isPresent();
        });
  }

  @Test
  void mapsARejectedMobileToInvalidInputNamingTheField() {
    stubPost(RESET, 200, "{\"status\":0,\"message\":\"خطا\",\"details\":{\"تلفن همراه\":\"شماره 9121234567 نامعتبر است\"}}");

    assertThatThrownBy(() -> auth().start("09121234567"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("تلفن همراه").doesNotContain("9121234567");
        });
  }

  @Test
  void rejectsAMalformedMobileWithoutSendingAnything() {
    assertThatThrownBy(() -> auth().start("12345"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.providerId()).contains("paziresh24");
        });
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void exchangesTheCodeForASessionWithTheUserId() {
    stubPost(LOGIN, 200, fixture("login.json"));
    stubGet(ME, 200, "application/json", fixture("me.json"));

    AccountSession session = auth().complete(challenge(), "۱۲۳۴");

    assertThat(session.providerId()).isEqualTo("paziresh24");
    assertThat(session.token()).isEqualTo(TOKEN);
    assertThat(session.attributes()).isEqualTo(Map.of("user_id", "4242"));
    assertThat(session.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    assertThat(session.toString()).doesNotContain(TOKEN);
    LoggedRequest login = single(LOGIN);
    assertThat(form(login)).isEqualTo(Map.of("username", "9121234567", "password", "1234",
        "terminal_id", "clinic-1783143000000.12345678"));
    assertThat(login.getHeader("terminal_id")).isEqualTo("clinic-1783143000000.12345678");
    assertThat(single(ME).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void keepsTheSessionForTheConfiguredTtl() {
    stubPost(LOGIN, 200, fixture("login.json"));
    stubGet(ME, 200, "application/json", "{\"id\":\"4242\"}");

    AccountSession session = auth("session-ttl", "PT2H").complete(challenge(), "1234");

    assertThat(session.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(session.attributes()).containsEntry("user_id", "4242");
  }

  @Test
  void takesTheTokenFromTheCookieWhenTheBodyHasNone() {
    wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(aResponse().withStatus(200)
        .withHeader("Set-Cookie", "other=1; Path=/")
        .withHeader("Set-Cookie", "token=cookie-token-1; Domain=.paziresh24.com; Path=/; HttpOnly")
        .withBody("{\"status\":1,\"message\":\"ok\"}")));
    stubGet(ME, 200, "application/json", fixture("me.json"));

    assertThat(auth().complete(challenge(), "1234").token()).isEqualTo("cookie-token-1");
  }

  @Test
  void mapsAWrongCodeToAuthRequired() {
    stubPost(LOGIN, 200, fixture("login-wrong.json"));

    assertThatThrownBy(() -> auth().complete(challenge(), "0000"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
          assertThat(e.getMessage()).doesNotContain("0000");
        });
    assertThat(count(ME)).isZero();
  }

  @Test
  void mapsAnUnauthorizedLoginToAuthRequired() {
    stubPost(LOGIN, 401, "{}");

    assertThatThrownBy(() -> auth().complete(challenge(), "0000"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
  }

  @Test
  void mapsThrottledLoginsToRateLimited() {
    stubPost(LOGIN, 200, "{\"status\":39,\"message\":\"بعدا تلاش کنید\"}");

    assertThatThrownBy(() -> auth().complete(challenge(), "1234"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
  }

  @Test
  void reportsLoginAnswersOfAnotherShapeAsProtocol() {
    Authenticator auth = auth();
    stubPost(LOGIN, 200, "{\"message\":\"ok\"}");
    assertThatThrownBy(() -> auth.complete(challenge(), "1234"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubPost(LOGIN, 200, "{\"status\":1,\"certificate\":\"c\"}");
    assertThatThrownBy(() -> auth.complete(challenge(), "1234"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubPost(LOGIN, 200, "{\"status\":1,\"token\":\"bad token with spaces\"}");
    assertThatThrownBy(() -> auth.complete(challenge(), "1234"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void reportsAnAccountWithoutIdAsProtocol() {
    stubPost(LOGIN, 200, fixture("login.json"));
    stubGet(ME, 200, "application/json", "{\"users\":[]}");

    assertThatThrownBy(() -> auth().complete(challenge(), "1234"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).doesNotContain(TOKEN);
        });
  }

  @Test
  void usesItsOwnTerminalIdWhenTheChallengeHasNone() {
    stubPost(LOGIN, 200, fixture("login.json"));
    stubGet(ME, 200, "application/json", fixture("me.json"));
    OtpChallenge bare = new OtpChallenge("paziresh24", "09121234567", Map.of(), NOW.plusSeconds(60));

    auth().complete(bare, "1234");

    assertThat(form(single(LOGIN)).get("terminal_id")).matches(TERMINAL);
  }

  @Test
  void rejectsForeignChallengesAndBlankCodes() {
    Authenticator auth = auth();
    OtpChallenge foreign = new OtpChallenge("doctoreto", "09121234567", Map.of(), NOW.plusSeconds(60));

    assertThatThrownBy(() -> auth.complete(foreign, "1234"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> auth.complete(challenge(), "  "))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> auth.complete(challenge(), "1".repeat(65)))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
