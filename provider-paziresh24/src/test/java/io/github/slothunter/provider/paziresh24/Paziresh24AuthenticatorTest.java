package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Authenticator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Paziresh24AuthenticatorTest extends WireMockSupport {
  private static final String REGISTER = "/gozargah/register";
  private static final String RESET = "/gozargah/resetpassword";
  private static final String LOGIN = "/gozargah/v1/login";
  private static final String ME = "/v1/auth/me";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.e30.sig";
  private static final String CHALLENGE_TERMINAL = "clinic-6b4a6b2f0c8d15.40918273";

  private Authenticator auth(String... config) {
    return provider(config).authenticator().orElseThrow();
  }

  private OtpChallenge challenge() {
    return new OtpChallenge("paziresh24", "09121234567", Map.of("terminal_id", CHALLENGE_TERMINAL),
        NOW.plusSeconds(120));
  }

  @Test
  void registersThenSendsTheCodeWithTheNationalNumberAndTheMintedTerminalId() {
    stubPost(REGISTER, 200, fixture("register.json"));
    stubPost(RESET, 200, fixture("resetpassword.json"));

    OtpChallenge challenge = auth().start("+98 912 123 4567");

    assertThat(challenge.providerId()).isEqualTo("paziresh24");
    assertThat(challenge.mobile()).isEqualTo("09121234567");
    assertThat(challenge.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(challenge.notice()).isEmpty();
    assertThat(challenge.staticPassword()).isFalse();
    assertThat(challenge.resendAfter()).isEqualTo(NOW.plusSeconds(60));
    assertThat(wm.getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
        .as("newest first").containsExactly(RESET, REGISTER, SET_TERMINAL_PATH);
    for (String path : new String[] {REGISTER, RESET}) {
      LoggedRequest r = single(path);
      assertThat(form(r)).isEqualTo(Map.of("cell", "9121234567", "terminal_id", SET_TERMINAL_ID));
      assertThat(r.getHeader("terminal_id")).isEqualTo(SET_TERMINAL_ID);
    }
    assertThat(challenge.state()).containsEntry("terminal_id", SET_TERMINAL_ID);
  }

  @Test
  void goesOnToCodeEntryWhenACodeWasSentRecently() {
    stubPost(REGISTER, 200, fixture("register.json"));
    stubPost(RESET, 200, fixture("resetpassword-39.json"));

    OtpChallenge challenge = auth().start("09121234567");

    assertThat(challenge.notice()).isEqualTo("کد تایید به تازگی ارسال شده است، لطفا کمی صبر کنید.");
    assertThat(challenge.resendAfter()).isEqualTo(NOW.plusSeconds(60));
    assertThat(challenge.resendWait(NOW)).isEqualTo(Duration.ofSeconds(60));
    assertThat(challenge.staticPassword()).isFalse();
    assertThat(challenge.state()).containsEntry("terminal_id", SET_TERMINAL_ID);
    assertThat(count(RESET)).isOne();
  }

  @Test
  void waitsAsLongAsTheThrottlingMessageAsksWhenThatIsLonger() {
    stubPost(RESET, 200, "{\"status\":39,\"message\":\"لطفا ۲ دقیقه دیگر تلاش کنید. 09121234567\"}");

    OtpChallenge challenge = auth().start("09121234567");

    assertThat(challenge.resendAfter()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(challenge.notice()).contains("۲ دقیقه").doesNotContain("09121234567");
  }

  @Test
  void asksForTheStaticPasswordWhenTheAccountHasOne() {
    stubPost(RESET, 200, fixture("resetpassword-static-password.json"));

    OtpChallenge challenge = auth().start("09121234567");

    assertThat(challenge.staticPassword()).isTrue();
    assertThat(challenge.notice()).isEmpty();
  }

  @Test
  void stopsWithTheRegisterReasonWhenTheNumberIsRefused() {
    stubPost(REGISTER, 200, fixture("register-refused.json"));

    assertThatThrownBy(() -> auth().start("09121234567"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("شماره موبایل معتبر نیست");
        });
    assertThat(count(RESET)).isZero();
  }

  @Test
  void redactsTheNumberInARegisterRefusal() {
    stubPost(REGISTER, 200,
        "{\"status\":0,\"message\":\"خطا\",\"details\":{\"تلفن همراه\":[\"شماره 9121234567 معتبر نیست\"]}}");

    assertThatThrownBy(() -> auth().start("09121234567"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("معتبر نیست").doesNotContain("9121234567");
        });
  }

  @Test
  void goesOnToResetPasswordWhenRegisterIsMissingOrUnreachable() {
    stubPost(RESET, 200, fixture("resetpassword.json"));
    Authenticator auth = auth();

    OtpChallenge afterNotFound = auth.start("09121234567"); // register is not stubbed: 404
    wm.stubFor(post(urlPathEqualTo(REGISTER)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    OtpChallenge afterReset = auth.start("09121234567");

    assertThat(afterNotFound.mobile()).isEqualTo("09121234567");
    assertThat(afterReset.mobile()).isEqualTo("09121234567");
    assertThat(count(REGISTER)).isEqualTo(2);
    assertThat(count(RESET)).isEqualTo(2);
  }

  @Test
  void goesOnWhateverOtherStatusRegisterAnswers() {
    stubPost(REGISTER, 200, "{\"status\":5,\"message\":\"کاربر قبلا ثبت نام کرده است\"}");
    stubPost(RESET, 200, fixture("resetpassword.json"));

    assertThat(auth().start("09121234567").mobile()).isEqualTo("09121234567");
    assertThat(count(RESET)).isOne();
  }

  @Test
  void reportsOtherCodeRequestStatusesAsErrors() {
    stubPost(RESET, 200, "{\"status\":12,\"message\":\"خطای ناشناخته\"}");

    assertThatThrownBy(() -> auth().start("09121234567"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).contains("خطای ناشناخته");
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
    assertThat(session.attributes()).isEqualTo(Map.of("user_id", "6120457", "terminal_id", CHALLENGE_TERMINAL));
    assertThat(session.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    assertThat(session.toString()).doesNotContain(TOKEN);
    LoggedRequest login = single(LOGIN);
    assertThat(form(login)).isEqualTo(Map.of("username", "9121234567", "password", "1234",
        "terminal_id", CHALLENGE_TERMINAL));
    assertThat(login.getHeader("terminal_id")).isEqualTo(CHALLENGE_TERMINAL);
    assertThat(single(ME).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void readsTheUserIdGivenAsAString() {
    stubPost(LOGIN, 200, fixture("login.json"));
    stubGet(ME, 200, "application/json", "{\"users\":[{\"id\":\"6120457\",\"cell\":\"9121234567\"}]}");

    assertThat(auth().complete(challenge(), "1234").attributes()).containsEntry("user_id", "6120457");
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

    AccountSession session = auth().complete(bare, "1234");

    assertThat(form(single(LOGIN)).get("terminal_id")).isEqualTo(SET_TERMINAL_ID);
    assertThat(session.attributes()).containsEntry("terminal_id", SET_TERMINAL_ID);
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

  // ------------------------------------------------------------------ the account's patients

  private AccountSession loggedIn() {
    return new AccountSession("paziresh24", TOKEN, Map.of("user_id", "6120457", "terminal_id", CHALLENGE_TERMINAL),
        NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void listsEveryAccountUserOfAuthMeAsAPatientHolderFirst() {
    stubGet(ME, 200, "application/json", fixture("me-family.json"));

    List<Patient> patients = auth().accountPatients(loggedIn());

    assertThat(patients).containsExactly(
        new Patient("سارا", "نمونه", "0012345679", "09121234567", Gender.UNSPECIFIED, "6120457"),
        new Patient("علی", "نمونه", "0499370899", "09351234567", Gender.UNSPECIFIED, "6120458"));
    LoggedRequest me = single(ME);
    assertThat(me.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(me.getHeader("user_id")).isEqualTo("6120457");
  }

  @Test
  void listsTheHolderOfTheSpecsOwnExample() {
    stubGet(ME, 200, "application/json", fixture("me.json"));

    List<Patient> patients = auth().accountPatients(loggedIn());

    assertThat(patients).singleElement().satisfies(p -> {
      assertThat(p.accountUserId()).isEqualTo("6120457");
      assertThat(p.mobile()).isEqualTo("09121234567");
      assertThat(p.firstName()).isEqualTo("سارا");
    });
  }

  @Test
  void leavesOutUsersWhoseDetailsAreNotAValidPatientAndKeepsTheRest() {
    stubGet(ME, 200, "application/json", "{\"users\":["
        + "{\"id\":6120457,\"name\":\"سارا\",\"family\":\"نمونه\",\"cell\":\"9121234567\",\"national_code\":\"0012345679\",\"vip\":null},"
        + "{\"id\":6120458,\"name\":\"علی\",\"family\":\"نمونه\",\"cell\":\"9351234567\",\"national_code\":\"0012345678\",\"vip\":null},"
        + "{\"id\":6120459,\"name\":\"رضا\",\"family\":\"نمونه\",\"cell\":\"2176543210\",\"national_code\":\"0499370899\",\"vip\":null},"
        + "{\"id\":6120460,\"name\":\"\",\"family\":\"نمونه\",\"cell\":\"9351234567\",\"national_code\":\"0499370899\",\"vip\":null},"
        + "{\"name\":\"مریم\",\"family\":\"نمونه\",\"cell\":\"9351234567\",\"national_code\":\"0499370899\",\"vip\":null},"
        + "{\"id\":\"a b\",\"name\":\"مریم\",\"family\":\"نمونه\",\"cell\":\"9351234567\",\"national_code\":\"0499370899\"},"
        + "{\"id\":6120461,\"name\":\"مریم\",\"family\":\"نمونه\",\"cell\":\"9351234567\",\"national_code\":\"0499370899\"}"
        + "]}");

    List<Patient> patients = auth().accountPatients(loggedIn());

    assertThat(patients).extracting(Patient::accountUserId).containsExactly("6120457", "6120461");
  }

  @Test
  void anAccountWithoutUsableUsersHasNoPatients() {
    stubGet(ME, 200, "application/json", "{\"users\":[]}");

    assertThat(auth().accountPatients(loggedIn())).isEmpty();
  }

  @Test
  void reportsAnAnswerWithoutAUsersArrayAsProtocolWithoutQuotingIt() {
    stubGet(ME, 200, "application/json", "{\"id\":6120457,\"cell\":\"9121234567\",\"national_code\":\"0012345679\"}");

    assertThatThrownBy(() -> auth().accountPatients(loggedIn()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).contains("no users array").doesNotContain("9121234567", "0012345679");
        });
  }

  @Test
  void mapsARejectedTokenOnAuthMeToAuthRequired() {
    stubGet(ME, 401, "application/json", "{\"message\":\"Unauthenticated.\"}");

    assertThatThrownBy(() -> auth().accountPatients(loggedIn()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
  }

  @Test
  void refusesAnExpiredSessionBeforeSendingAnything() {
    AccountSession expired = new AccountSession("paziresh24", TOKEN, Map.of("user_id", "6120457"), NOW.minusSeconds(1));
    Authenticator auth = auth();

    assertThatThrownBy(() -> auth.accountPatients(expired))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    assertThat(count(ME)).isZero();
  }
}
