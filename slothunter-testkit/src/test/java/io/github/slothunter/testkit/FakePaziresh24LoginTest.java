package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.Fixtures.TERMINAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AccountSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakePaziresh24LoginTest {
  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final FakePaziresh24 fake = Fixtures.builder(clock).otp("5678").tokenTtl(Duration.ofHours(2)).build().start();
  private final P24Client client = new P24Client(fake.baseUrl(), null);

  @AfterEach
  void stop() {
    fake.close();
  }

  private JsonNode post(String path, Map<String, String> form) {
    return P24Client.json(client.postForm(path, form));
  }

  private String otpLogin(String cell) {
    assertThat(post("/gozargah/register", Map.of("cell", cell, "terminal_id", TERMINAL_A)).get("status").asInt())
        .isEqualTo(1);
    assertThat(post("/gozargah/resetpassword", Map.of("cell", cell, "terminal_id", TERMINAL_A)).get("status").asInt())
        .isEqualTo(1);
    JsonNode login = post("/gozargah/v1/login", Map.of("username", cell, "password", "5678",
        "terminal_id", TERMINAL_A));
    assertThat(login.get("status").asInt()).isEqualTo(1);
    assertThat(login.get("certificate").asText()).isNotBlank();
    return login.get("token").asText();
  }

  @Test
  void otpLoginGivesATokenThatAuthMeAccepts() {
    String token = otpLogin("9121234567");

    HttpResponse<String> me = new P24Client(fake.baseUrl(), null).withToken(token).get("/v1/auth/me");

    assertThat(me.statusCode()).isEqualTo(200);
    JsonNode user = P24Client.json(me).at("/users/0");
    assertThat(user.get("id").asText()).isNotBlank();
    assertThat(user.get("cell").asText()).isEqualTo("9121234567");
    assertThat(user.has("name") && user.has("family") && user.has("national_code")).isTrue();
    assertThat(fake.requestCount(FakePaziresh24.REGISTER)).isEqualTo(1);
    assertThat(fake.requestCount(FakePaziresh24.RESET_PASSWORD)).isEqualTo(1);
    assertThat(fake.requestCount(FakePaziresh24.LOGIN)).isEqualTo(1);
    assertThat(fake.requestCount(FakePaziresh24.AUTH_ME)).isEqualTo(1);
  }

  @Test
  void loginSetsTheTokenCookieAndAcceptsTheCellWithItsLeadingZero() {
    post("/gozargah/resetpassword", Map.of("cell", "09121234567"));

    HttpResponse<String> login = client.postForm("/gozargah/v1/login", Map.of("username", "09121234567",
        "password", "5678"));

    assertThat(P24Client.json(login).get("status").asInt()).isEqualTo(1);
    assertThat(login.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("token="));
  }

  @Test
  void askingForAnotherCodeWithinAMinuteIsStatus39() {
    post("/gozargah/resetpassword", Map.of("cell", "9121234567"));
    clock.advance(Duration.ofSeconds(30));

    JsonNode throttled = post("/gozargah/resetpassword", Map.of("cell", "9121234567"));
    clock.advance(Duration.ofSeconds(31));
    JsonNode allowed = post("/gozargah/resetpassword", Map.of("cell", "9121234567"));

    assertThat(throttled.get("status").asInt()).isEqualTo(39);
    assertThat(throttled.get("message").asText()).isEqualTo("کد تایید به تازگی ارسال شده است، لطفا کمی صبر کنید.");
    assertThat(throttled.at("/result/has_static_password").asBoolean()).isFalse();
    assertThat(allowed.get("status").asInt()).isEqualTo(1);
    assertThat(allowed.at("/result/has_static_password").asBoolean()).isFalse();
  }

  @Test
  void wrongOrUnsentOrStaleCodesAreRefused() {
    JsonNode unsent = post("/gozargah/v1/login", Map.of("username", "9121234567", "password", "5678"));
    post("/gozargah/resetpassword", Map.of("cell", "9121234567"));
    JsonNode wrong = post("/gozargah/v1/login", Map.of("username", "9121234567", "password", "1234"));
    clock.advance(Duration.ofMinutes(6));
    JsonNode stale = post("/gozargah/v1/login", Map.of("username", "9121234567", "password", "5678"));

    assertThat(unsent.get("status").asInt()).isZero();
    assertThat(wrong.get("status").asInt()).isZero();
    assertThat(stale.get("status").asInt()).isZero();
    assertThat(wrong.has("token")).isFalse();
  }

  @Test
  void aCodeWorksOnce() {
    post("/gozargah/resetpassword", Map.of("cell", "9121234567"));
    post("/gozargah/v1/login", Map.of("username", "9121234567", "password", "5678"));

    JsonNode again = post("/gozargah/v1/login", Map.of("username", "9121234567", "password", "5678"));

    assertThat(again.get("status").asInt()).isZero();
  }

  @Test
  void badCellsGiveStatus0WithDetails() {
    JsonNode register = post("/gozargah/register", Map.of("cell", "12345"));
    JsonNode reset = post("/gozargah/resetpassword", Map.of("cell", "+1 555"));
    JsonNode login = post("/gozargah/v1/login", Map.of("username", "abc", "password", "5678"));

    assertThat(register.get("status").asInt()).isZero();
    assertThat(register.at("/details/تلفن همراه").asText()).isNotBlank();
    assertThat(reset.get("status").asInt()).isZero();
    assertThat(login.get("status").asInt()).isZero();
  }

  @Test
  void tokensExpireAfterTheirTtl() {
    String token = otpLogin("9121234567");
    P24Client authed = new P24Client(fake.baseUrl(), null).withToken(token);
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(authed.get("/v1/auth/me").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> expired = authed.get("/v1/auth/me");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(P24Client.json(expired).get("status").asInt()).isZero();
    assertThat(client.get("/v1/auth/me").statusCode()).isEqualTo(401);
  }

  @Test
  void loginShortcutIssuesASessionForTheSameUser() {
    FakeAccount account = fake.login("9121234567");
    String token = otpLogin("09121234567");

    AccountSession session = account.toSession();
    JsonNode me = P24Client.json(new P24Client(fake.baseUrl(), null).withToken(token).get("/v1/auth/me"));

    assertThat(session.providerId()).isEqualTo(FakePaziresh24.PROVIDER_ID);
    assertThat(session.token()).isEqualTo(account.token());
    assertThat(session.attributes()).containsEntry(FakeAccount.USER_ID, account.userId());
    assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
    assertThat(account.mobile()).isEqualTo("09121234567");
    assertThat(me.at("/users/0/id").asText()).isEqualTo(account.userId());
    assertThat(account.toString()).doesNotContain(account.token(), "09121234567");
    assertThatThrownBy(() -> fake.login("12345")).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ account users

  @Test
  void authMeListsTheHolderThenTheFamilyMembersInTheSpecsShape() {
    FakeAccountUser holder = fake.accountHolder("09121234567", "سارا", "نمونه", "0012345679");
    FakeAccountUser son = fake.addAccountUser("9121234567", "علی", "نمونه", "0499370899", "09351234567");
    String token = fake.login("09121234567").token();

    JsonNode body = P24Client.json(new P24Client(fake.baseUrl(), null).withToken(token).get("/v1/auth/me"));

    assertThat(body.toString()).isEqualTo("{\"users\":["
        + "{\"id\":" + holder.id() + ",\"name\":\"سارا\",\"family\":\"نمونه\",\"cell\":\"9121234567\","
        + "\"national_code\":\"0012345679\",\"vip\":null},"
        + "{\"id\":" + son.id() + ",\"name\":\"علی\",\"family\":\"نمونه\",\"cell\":\"9351234567\","
        + "\"national_code\":\"0499370899\",\"vip\":null}]}");
    assertThat(holder.id()).isEqualTo(fake.login("09121234567").userId());
    assertThat(son.id()).matches("\\d{7}").isNotEqualTo(holder.id());
  }

  @Test
  void accountUsersListTheHolderFirstAndEachAccountKeepsItsOwnMembers() {
    fake.accountHolder("09121234567", "سارا", "نمونه", "0012345679");
    FakeAccountUser son = fake.addAccountUser("09121234567", "علی", "نمونه", "0499370899", "09351234567");
    FakeAccountUser daughter = fake.addAccountUser("09121234567", "زهرا", "نمونه", "0790419904", "09121234567");

    List<FakeAccountUser> users = fake.accountUsers("09121234567");

    assertThat(users).extracting(FakeAccountUser::holder).containsExactly(true, false, false);
    assertThat(users.subList(1, 3)).containsExactly(son, daughter);
    assertThat(fake.accountUsers("09351234567")).singleElement()
        .satisfies(u -> assertThat(u.holder()).isTrue());
    assertThat(son.toString()).doesNotContain("علی", "0499370899", "09351234567");
  }

  @Test
  void anAccountWhoseHolderWasNeverSetListsEmptyDetails() {
    FakeAccountUser holder = fake.accountUsers("09121234567").get(0);

    assertThat(holder.name()).isEmpty();
    assertThat(holder.nationalCode()).isEmpty();
    assertThat(holder.cell()).isEqualTo("09121234567");
  }

  @Test
  void accountUserMobilesMustLookLikeMobiles() {
    assertThatThrownBy(() -> fake.addAccountUser("02112345678", "a", "b", "0499370899", "09351234567"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.addAccountUser("09121234567", "a", "b", "0499370899", "+98935"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
