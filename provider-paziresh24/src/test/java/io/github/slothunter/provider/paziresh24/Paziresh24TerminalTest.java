package io.github.slothunter.provider.paziresh24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The terminal id (spec 2.2): minted once on first need, kept by the session, renewed after status 3 (spec 2.1). */
class Paziresh24TerminalTest extends WireMockSupport {
  private static final String FREE_DAYS = "/booking/v2/getFreeDays";
  private static final String SUSPEND = "/booking/v2/suspend";
  private static final String UNSUSPEND = "/booking/v2/unsuspend";
  private static final String BOOK = "/booking/v2/book";
  private static final String FRESH_ID = "clinic-6b4a6c01d2e3f4.61530274";
  private static final String STORED_ID = "clinic-6a68d9d8000001.24681357";

  private static List<String> terminalHeaders(String path) {
    return wm.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(r -> r.getHeader("terminal_id")).collect(Collectors.toList());
  }

  /** setTerminal answers {@link #SET_TERMINAL_ID} first and {@link #FRESH_ID} after that. */
  private static void setTerminalAnswersTwoIds() {
    wm.stubFor(post(urlPathEqualTo(SET_TERMINAL_PATH)).inScenario("terminal").whenScenarioStateIs(STARTED)
        .willReturn(json(fixture("set-terminal.json"))).willSetStateTo("minted"));
    wm.stubFor(post(urlPathEqualTo(SET_TERMINAL_PATH)).inScenario("terminal").whenScenarioStateIs("minted")
        .willReturn(json("{\"id\":\"" + FRESH_ID + "\"}")));
  }

  /** {@code path} answers status 3 first, then {@code then}. */
  private static void badTerminalOnceThen(String path, String then) {
    wm.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
        .willReturn(json(fixture("status-3.json"))).willSetStateTo("renewed"));
    wm.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("renewed").willReturn(json(then)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  private AccountSession sessionWithTerminal(String terminalId) {
    return new AccountSession("paziresh24", "tok-abc.def_123", Map.of("user_id", "4242", "terminal_id", terminalId),
        NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void readsGoInOneRequestWithoutATerminalIdUntilOneIsKnown() {
    stubPost(FREE_DAYS, 200, fixture("free-days.json"));
    stubPost(SUSPEND, 200, fixture("suspend.json"));
    Provider p = provider();

    p.slots().freeDays(target());
    p.booker().orElseThrow().hold(slot(), session());
    p.slots().freeDays(target());

    List<LoggedRequest> reads = wm.findAll(postRequestedFor(urlPathEqualTo(FREE_DAYS)));
    LoggedRequest before = reads.get(0);
    LoggedRequest after = reads.get(1);
    assertThat(form(before)).doesNotContainKey("terminal_id");
    assertThat(before.containsHeader("terminal_id")).isFalse();
    assertThat(before.containsHeader("Cookie")).isFalse();
    assertThat(form(after)).containsEntry("terminal_id", SET_TERMINAL_ID);
    assertThat(after.getHeader("terminal_id")).isEqualTo(SET_TERMINAL_ID);
    assertThat(count(SET_TERMINAL_PATH)).as("minted for the hold, not for the read").isOne();
  }

  @Test
  void mintsOnceAndUsesTheSameIdForLoginHoldReleaseAndBook() {
    stubPost("/gozargah/resetpassword", 200, fixture("resetpassword.json"));
    stubPost("/gozargah/v1/login", 200, fixture("login.json"));
    stubGet("/v1/auth/me", 200, "application/json", fixture("me.json"));
    stubPost(SUSPEND, 200, fixture("suspend.json"));
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));
    stubPost(BOOK, 200, fixture("book-with-reference.json"));
    Provider p = provider();

    OtpChallenge challenge = p.authenticator().orElseThrow().start("09121234567");
    AccountSession session = p.authenticator().orElseThrow().complete(challenge, "1234");
    Booker booker = p.booker().orElseThrow();
    booker.release(booker.hold(slot(), session), session);
    booker.book(booker.hold(slot(), session), patient(), session);

    assertThat(session.attributes()).containsEntry("terminal_id", SET_TERMINAL_ID);
    assertThat(count(SET_TERMINAL_PATH)).isOne();
    assertThat(form(single("/gozargah/v1/login"))).containsEntry("terminal_id", SET_TERMINAL_ID);
    assertThat(terminalHeaders(SUSPEND)).containsOnly(SET_TERMINAL_ID).hasSize(2);
    assertThat(terminalHeaders(UNSUSPEND)).containsExactly(SET_TERMINAL_ID);
    assertThat(terminalHeaders(BOOK)).containsExactly(SET_TERMINAL_ID);
  }

  @Test
  void aStoredSessionBooksWithItsOwnTerminalIdAfterARestart() {
    stubPost(SUSPEND, 200, fixture("suspend.json"));
    stubPost(BOOK, 200, fixture("book-with-reference.json"));
    stubPost(UNSUSPEND, 200, fixture("unsuspend.json"));
    AccountSession stored = sessionWithTerminal(STORED_ID);
    Provider restarted = provider();
    Booker booker = restarted.booker().orElseThrow();

    Hold hold = booker.hold(slot(), stored);
    booker.book(hold, patient(), stored);
    booker.release(new Hold(slot(), "rc-other", NOW.plusSeconds(60)), null);

    assertThat(terminalHeaders(SUSPEND)).containsExactly(STORED_ID);
    assertThat(form(single(SUSPEND))).containsEntry("terminal_id", STORED_ID);
    assertThat(single(BOOK).getHeader("Cookie")).isEqualTo("terminal_id=" + STORED_ID + "; token=tok-abc.def_123");
    assertThat(terminalHeaders(UNSUSPEND)).as("a release without a session uses the id the instance adopted")
        .containsExactly(STORED_ID);
    assertThat(count(SET_TERMINAL_PATH)).isZero();
  }

  @Test
  void mintsAFreshTerminalIdAndRetriesOnceWhenTheIdIsRejected() {
    setTerminalAnswersTwoIds();
    badTerminalOnceThen(SUSPEND, fixture("suspend.json"));
    Provider p = provider();

    Hold hold = p.booker().orElseThrow().hold(slot(), session());

    assertThat(hold.providerHoldKey()).isNotBlank();
    assertThat(terminalHeaders(SUSPEND)).containsExactly(SET_TERMINAL_ID, FRESH_ID);
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(SUSPEND)))).extracting(r -> form(r).get("terminal_id"))
        .containsExactly(SET_TERMINAL_ID, FRESH_ID);
    assertThat(count(SET_TERMINAL_PATH)).isEqualTo(2);
    assertThat(((io.github.slothunter.provider.paziresh24.internal.Paziresh24Provider) p).terminalId())
        .isEqualTo(FRESH_ID);
  }

  @Test
  void retriesBookOnceWhenItsTerminalIdIsRejected() {
    setTerminalAnswersTwoIds();
    badTerminalOnceThen(BOOK, fixture("book-with-reference.json"));
    Booker booker = provider().booker().orElseThrow();

    Booking booking = booker.book(new Hold(slot(), "rc-8f1e2d", NOW.plusSeconds(60)), patient(), session());

    assertThat(booking.providerBookingKey()).isNotBlank();
    assertThat(terminalHeaders(BOOK)).containsExactly(SET_TERMINAL_ID, FRESH_ID);
  }

  @Test
  void reportsASecondRejectionAsProtocolWithoutAThirdTry() {
    setTerminalAnswersTwoIds();
    stubPost(BOOK, 200, fixture("status-3.json"));
    Booker booker = provider().booker().orElseThrow();

    assertThatThrownBy(() -> booker.book(new Hold(slot(), "rc-8f1e2d", NOW.plusSeconds(60)), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getMessage()).contains("status 3");
        });
    assertThat(count(BOOK)).isEqualTo(2);
  }

  @Test
  void neverRetriesBookOnAnyOtherFailure() {
    stubPost(BOOK, 200, fixture("status-300.json"));
    Booker booker = provider().booker().orElseThrow();

    assertThatThrownBy(() -> booker.book(new Hold(slot(), "rc-8f1e2d", NOW.plusSeconds(60)), patient(), session()))
        .isInstanceOf(SlotHunterException.class);
    wm.stubFor(post(urlPathEqualTo(BOOK)).willReturn(aResponse().withStatus(502)));
    assertThatThrownBy(() -> booker.book(new Hold(slot(), "rc-8f1e2d", NOW.plusSeconds(60)), patient(), session()))
        .isInstanceOfSatisfying(SlotHunterException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));

    assertThat(count(BOOK)).isEqualTo(2);
  }

  @Test
  void replacesARejectedSessionTerminalIdForLaterCallsToo() {
    setTerminalAnswersTwoIds();
    badTerminalOnceThen(SUSPEND, fixture("suspend.json"));
    AccountSession stored = sessionWithTerminal(STORED_ID);
    Booker booker = provider().booker().orElseThrow();

    booker.hold(slot(), stored);
    booker.hold(slot(), stored);

    assertThat(terminalHeaders(SUSPEND)).containsExactly(STORED_ID, SET_TERMINAL_ID, SET_TERMINAL_ID);
    assertThat(count(SET_TERMINAL_PATH)).isOne();
  }

  @Test
  void generateModeRenewsLocallyWithoutAskingTheSite() {
    badTerminalOnceThen(SUSPEND, fixture("suspend.json"));
    Provider p = provider("terminal-mode", "generate");

    p.booker().orElseThrow().hold(slot(), session());

    List<String> sent = terminalHeaders(SUSPEND);
    assertThat(sent).hasSize(2).allSatisfy(id -> assertThat(id).matches(TERMINAL));
    assertThat(sent.get(0)).isNotEqualTo(sent.get(1));
    assertThat(count(SET_TERMINAL_PATH)).isZero();
  }
}
