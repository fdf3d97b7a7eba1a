package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.SlotWatcher;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers and inputs the happy-path tests do not cover: odd shapes, limits, unusable values. */
class Paziresh24HostileAnswersTest extends WireMockSupport {
  private static final String FREE_DAYS = "/booking/v2/getFreeDays";
  private static final String FREE_TURNS = "/booking/v2/getFreeTurns";

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(SlotHunterException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.providerId()).contains("paziresh24");
    });
  }

  @Test
  void rejectsCalendarsAndSlotsOfOtherShapes() {
    SlotWatcher slots = provider().slots();
    LocalDate day = LocalDate.of(2026, 7, 5);

    stubPost(FREE_DAYS, 200, "{\"status\":1,\"calendar\":[1783197000]}");
    assertCode(() -> slots.freeDays(target()), ErrorCode.PROTOCOL);
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"calendar\":{\"turns\":[5]}}");
    assertCode(() -> slots.freeDays(target()), ErrorCode.PROTOCOL);
    stubPost(FREE_DAYS, 200, "{\"status\":0}");
    assertCode(() -> slots.freeDays(target()), ErrorCode.INVALID_INPUT);
    stubPost(FREE_TURNS, 200, "{}");
    assertCode(() -> slots.freeSlots(target(), day), ErrorCode.PROTOCOL);
    stubPost(FREE_TURNS, 200, "{\"status\":1,\"result\":[7]}");
    assertCode(() -> slots.freeSlots(target(), day), ErrorCode.PROTOCOL);
  }

  @Test
  void readsAMissingResultAsNoSlots() {
    stubPost(FREE_TURNS, 200, "{\"status\":1}");

    assertThat(provider().slots().freeSlots(target(), LocalDate.of(2026, 7, 5))).isEmpty();
  }

  @Test
  void forgetsTheOldestCalendarValuesBeyondItsMemory() {
    StringBuilder turns = new StringBuilder();
    LocalDate first = LocalDate.of(2026, 7, 5);
    int days = 4100;
    for (int i = 0; i < days; i++) {
      long oneAm = first.plusDays(i).atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond() + 3600;
      turns.append(i == 0 ? "" : ",").append(oneAm);
    }
    stubPost(FREE_DAYS, 200, "{\"status\":1,\"calendar\":{\"turns\":[" + turns + "]}}");
    stubPost(FREE_TURNS, 200, "{\"status\":1,\"result\":[]}");
    SlotWatcher slots = provider().slots();
    assertThat(slots.freeDays(target())).hasSize(days);

    slots.freeSlots(target(), first);
    slots.freeSlots(target(), first.plusDays(days - 1));

    var sent = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(FREE_TURNS)));
    assertThat(form(sent.get(0)).get("date"))
        .isEqualTo(Long.toString(first.atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond()));
    assertThat(form(sent.get(1)).get("date")).isEqualTo(
        Long.toString(first.plusDays(days - 1).atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond() + 3600));
  }

  @Test
  void refusesAnswersLargerThanAnyRealOne() {
    wm.stubFor(post(urlPathEqualTo(FREE_DAYS)).willReturn(aResponse().withStatus(200)
        .withBody("{\"status\":1,\"pad\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}")));

    assertCode(() -> provider().slots().freeDays(target()), ErrorCode.PROTOCOL);
  }

  @Test
  void refusesHeaderValuesWithControlCharacters() {
    Target odd = new Target(ref(), "12345", "2001", Map.of("server_id", "1\u0001", "user_center_id", "77001"));

    assertCode(() -> provider().slots().freeDays(odd), ErrorCode.INVALID_INPUT);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void treatsBlankProviderKeysAsMissing() {
    stubPost(FREE_DAYS, 200, fixture("free-days-empty.json"));
    Target blank = new Target(ref(), "12345", "2001", Map.of("server_id", " ", "user_center_id", "77001"));

    provider().slots().freeDays(blank);

    assertThat(form(single(FREE_DAYS))).doesNotContainKey("server_id");
    Target noUserCenter = new Target(ref(), "12345", "2001", Map.of("user_center_id", ""));
    assertCode(() -> provider().slots().freeDays(noUserCenter), ErrorCode.INVALID_INPUT);
  }

  @Test
  void refusesSessionsWithUnusableValues() {
    var booker = provider().booker().orElseThrow();
    AccountSession semicolon = new AccountSession("paziresh24", "a;b", Map.of("user_id", "1"), NOW.plusSeconds(60));
    AccountSession oddUser = new AccountSession("paziresh24", "tok", Map.of("user_id", "کاربر"), NOW.plusSeconds(60));

    assertCode(() -> booker.hold(slot(), semicolon), ErrorCode.AUTH_REQUIRED);
    assertCode(() -> booker.hold(slot(), oddUser), ErrorCode.AUTH_REQUIRED);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void releasesWithoutASession() {
    stubPost("/booking/v2/unsuspend", 200, fixture("unsuspend.json"));

    provider().booker().orElseThrow().release(new Hold(slot(), "rc-1", NOW.plusSeconds(60)), null);

    assertThat(single("/booking/v2/unsuspend").containsHeader("Authorization")).isFalse();
  }

  @Test
  void findsTheUserIdWhereverTheAccountAnswerPutsIt() {
    stubPost("/gozargah/v1/login", 200, fixture("login.json"));
    stubGet("/v1/auth/me", 200, "application/json", "{\"users\":{\"id\":\"77\"}}");
    OtpChallenge challenge = new OtpChallenge("paziresh24", "09121234567", Map.of(), NOW.plusSeconds(60));

    AccountSession session = provider().authenticator().orElseThrow().complete(challenge, "1234");

    assertThat(session.attributes()).containsEntry("user_id", "77");
  }

  @Test
  void ignoresEmptyOrNamelessTokenCookies() {
    wm.stubFor(post(urlPathEqualTo("/gozargah/v1/login")).willReturn(aResponse().withStatus(200)
        .withHeader("Set-Cookie", "token=; Path=/")
        .withHeader("Set-Cookie", "=orphan; Path=/")
        .withBody("{\"status\":1}")));
    OtpChallenge challenge = new OtpChallenge("paziresh24", "09121234567", Map.of(), NOW.plusSeconds(60));

    assertCode(() -> provider().authenticator().orElseThrow().complete(challenge, "1234"), ErrorCode.PROTOCOL);
  }

  @Test
  void refusesAnAbsurdlyLongToken() {
    stubPost("/gozargah/v1/login", 200, "{\"status\":1,\"token\":\"" + "a".repeat(8193) + "\"}");
    OtpChallenge challenge = new OtpChallenge("paziresh24", "09121234567", Map.of(), NOW.plusSeconds(60));

    assertCode(() -> provider().authenticator().orElseThrow().complete(challenge, "1234"), ErrorCode.PROTOCOL);
  }

  @Test
  void refusesASearchAnswerWithoutResults() {
    stubGet("/seapi/v1/search/ir", 200, "application/json", "{\"search\":[]}");

    assertCode(() -> provider().search().orElseThrow().search(SearchQuery.text("x")), ErrorCode.PROTOCOL);
  }

  @Test
  void rejectsUrlsOkHttpCannotUseAndControlCharactersInTheUserAgent() {
    assertCode(() -> provider("api-url", "http://127.0.0.1:99999"), ErrorCode.INVALID_INPUT);
    assertThatThrownBy(() -> provider("user-agent", "a\u0001b"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }
}
