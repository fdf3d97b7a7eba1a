package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Header;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import io.github.slothunter.spi.Authenticator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS-code login (spec 7): {@code gozargah/register} first (as the site does for every login),
 * {@code gozargah/resetpassword} sends the code, {@code gozargah/v1/login} exchanges it for a token,
 * {@code v1/auth/me} gives the account's user id. All of them carry the instance's terminal id, which
 * the session then keeps ({@link Paziresh24Client#SESSION_TERMINAL_ID}) for its booking calls.
 * Thread-safe.
 *
 * <p>{@link #accountPatients} reads the account's people from the same {@code v1/auth/me} answer
 * ({@code users[]}, spec 7 step 4 and 11).
 *
 * <p>resetpassword status 39 (a code was sent recently) is not an error: the challenge goes on to
 * code entry with the server's message as its notice and a resend wait. Session lifetime is
 * {@code session-ttl} (default 24 hours; UNVERIFIED, the site does not say).
 */
final class Paziresh24Authenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(Paziresh24Authenticator.class);
  static final String STATE_TERMINAL_ID = "terminal_id";
  /** The site's resend timer (spec 7 step 2, HIGH: S1 otpCode.tsx). */
  static final Duration RESEND_WAIT = Duration.ofSeconds(60);
  /** Shown for status 39 when the server sends no message ("a code was sent; enter that code"). */
  static final String THROTTLED_NOTICE = "کد تایید قبلا ارسال شده است؛ همان کد را وارد کنید.";
  private static final int MAX_NOTICE = 300;
  /** "45 ثانیه" or "۲ دقیقه" in a throttling message: how long the server asks to wait. */
  private static final Pattern WAIT = Pattern.compile("([0-9\u06F0-\u06F9\u0660-\u0669]{1,4})\s*(ثانیه|دقیقه)");

  private final Paziresh24Client client;

  Paziresh24Authenticator(Paziresh24Client client) {
    this.client = client;
  }

  @Override
  public OtpChallenge start(String mobile) {
    String normalised = mobile(mobile);
    String cell = normalised.substring(1); // spec 7: sent as a number, without the leading 0
    String terminalId = client.terminal.id();
    register(cell, terminalId);
    FormData form = new FormData()
        .add(Field.CELL, cell)
        .add(Field.TERMINAL_ID, terminalId);
    JsonNode body = client.postJson(Endpoint.RESET_PASSWORD, client.settings.url(Endpoint.RESET_PASSWORD).build(),
        form, Map.of(), null);
    OptionalInt status = ResponseClassifier.status(body);
    boolean throttled = status.isPresent() && status.getAsInt() == Value.STATUS_OTP_THROTTLED;
    if (!throttled && !ResponseClassifier.isSuccess(body)) {
      throw ResponseClassifier.failure(Endpoint.RESET_PASSWORD, body);
    }
    boolean staticPassword = Json.truthy(body.path("result").get(Field.HAS_STATIC_PASSWORD));
    Instant now = client.now();
    String notice = "";
    Duration wait = RESEND_WAIT;
    if (throttled) {
      String said = Json.text(body, "message").orElse("");
      notice = said.isEmpty() ? THROTTLED_NOTICE : ProfileParser.cut(Pii.redact(said), MAX_NOTICE);
      Duration asked = serverWait(said);
      wait = asked.compareTo(wait) > 0 ? asked : wait;
      log.info("paziresh24 login: a code was sent recently (status 39); the earlier code is still expected");
    }
    return new OtpChallenge(ResponseClassifier.PROVIDER, normalised, Map.of(STATE_TERMINAL_ID, terminalId),
        now.plus(client.settings.otpTtl()), notice, now.plus(wait), staticPassword);
  }

  /**
   * {@code gozargah/register}: status 0 stops the login with the server's reason; any other answer,
   * a 404 or an unreachable route goes on to resetpassword, which decides.
   */
  private void register(String cell, String terminalId) {
    FormData form = new FormData()
        .add(Field.CELL, cell)
        .add(Field.TERMINAL_ID, terminalId);
    JsonNode body;
    try {
      body = client.postJson(Endpoint.REGISTER, client.settings.url(Endpoint.REGISTER).build(), form, Map.of(), null);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.PROVIDER_UNAVAILABLE
          || e.code() == ErrorCode.PROTOCOL) {
        log.warn("paziresh24 login: register failed ({}); going on with resetpassword", e.code());
        return;
      }
      throw e;
    }
    OptionalInt status = ResponseClassifier.status(body);
    if (status.isPresent() && status.getAsInt() == Value.STATUS_FORM_VALIDATION) {
      JsonNode reason = body.path("details").path(Value.DETAIL_MOBILE);
      String text = Json.text(reason).or(() -> Json.text(reason.path(0))).or(() -> Json.text(body, "message"))
          .orElse("");
      String said = text.isEmpty() ? "" : ": " + ProfileParser.cut(Pii.redact(text), MAX_NOTICE);
      throw SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(ResponseClassifier.PROVIDER)
          .message("paziresh24 register: the mobile number was refused" + said).build();
    }
  }

  /** How long a throttling message asks to wait ({@code n ثانیه} or {@code n دقیقه}); zero when it does not say. */
  static Duration serverWait(String message) {
    Matcher m = WAIT.matcher(message);
    if (!m.find()) {
      return Duration.ZERO;
    }
    long n = Long.parseLong(asciiDigits(m.group(1)));
    return m.group(2).equals("دقیقه") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
  }

  @Override
  public AccountSession complete(OtpChallenge challenge, String code) {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(code, "code");
    if (!ResponseClassifier.PROVIDER.equals(challenge.providerId())) {
      throw invalid("the challenge belongs to provider " + challenge.providerId());
    }
    String password = asciiDigits(code).strip();
    if (password.isEmpty() || password.length() > 64) {
      throw invalid("the code must be 1-64 characters");
    }
    String terminalId = Optional.ofNullable(challenge.state().get(STATE_TERMINAL_ID))
        .filter(ProfileParser::plausibleId).map(client.terminal::resolve).orElseGet(client.terminal::id);
    FormData form = new FormData()
        .add(Field.USERNAME, challenge.mobile().substring(1))
        .add(Field.PASSWORD, password)
        .add(Field.TERMINAL_ID, terminalId);
    Paziresh24Http.Reply reply = client.http.send(Endpoint.LOGIN, client.settings.url(Endpoint.LOGIN).build(), form,
        Map.of(Header.TERMINAL_ID, terminalId, Header.COOKIE, "terminal_id=" + terminalId));
    JsonNode body = ResponseClassifier.json(Endpoint.LOGIN, reply.body());
    if (!ResponseClassifier.isSuccess(body)) {
      OptionalInt status = ResponseClassifier.status(body);
      if (status.isPresent() && status.getAsInt() == Value.STATUS_OTP_THROTTLED) {
        throw ResponseClassifier.failure(Endpoint.LOGIN, body);
      }
      if (status.isEmpty()) {
        throw ResponseClassifier.failure(Endpoint.LOGIN, body);
      }
      throw ResponseClassifier.error(ErrorCode.AUTH_REQUIRED, Endpoint.LOGIN,
          "the code was rejected (status " + status.getAsInt() + "): wrong or expired code").build();
    }
    String token = Json.text(body, "token")
        .or(() -> Json.findText(body, "token", 2))
        .or(() -> cookie(reply.headers().values("Set-Cookie"), "token"))
        .orElseThrow(() -> ResponseClassifier.protocol(Endpoint.LOGIN, "login succeeded without a token",
            body.toString()));
    if (!Paziresh24Client.printableAscii(token) || token.length() > 8192) {
      throw ResponseClassifier.protocol(Endpoint.LOGIN, "the token is not a usable bearer token", "");
    }
    String userId = userId(token);
    // spec 2.2: the account keeps the terminal id it logged in with for its booking calls
    return new AccountSession(ResponseClassifier.PROVIDER, token,
        Map.of(Paziresh24Client.SESSION_USER_ID, userId, Paziresh24Client.SESSION_TERMINAL_ID, terminalId),
        client.now().plus(client.settings.sessionTtl()));
  }

  private String userId(String token) {
    AccountSession provisional = new AccountSession(ResponseClassifier.PROVIDER, token, Map.of(), null);
    String body = client.get(Endpoint.ME, client.settings.url(Endpoint.ME).build(), provisional).body();
    JsonNode me = ResponseClassifier.json(Endpoint.ME, body);
    JsonNode users = me.get("users");
    JsonNode first = users != null && users.isArray() && users.size() > 0 ? users.get(0) : me;
    return Json.text(first, "id").or(() -> Json.findText(me, "id", 2)).filter(ProfileParser::plausibleId)
        .orElseThrow(() -> ResponseClassifier.protocol(Endpoint.ME, "no user id in auth/me", body));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Paziresh24: {@code GET v1/auth/me} with the session (spec 7 step 4), one request; each element of
   * {@code users[]} (spec 11: {@code {id, name, family, cell, national_code, vip}}, {@code cell} without its
   * leading 0) becomes a patient with {@code accountUserId} = its {@code id}, in the answer's order
   * ({@code users[0]} is the account holder, spec 7). The answer carries no gender, so every patient is
   * {@link Gender#UNSPECIFIED}. A user without a plausible id, or whose name, national code or mobile does
   * not make a valid patient, is left out with a WARN line naming its position and the failed field only
   * (never a value); the others are returned.
   *
   * <p>UNVERIFIED: whether {@code users[]} lists the account's sub-users (family members added with
   * {@code /api/addSubUser}) beside the holder. The spec's example shows one user and says to use
   * {@code users[0]}; the site's own sub-user list ({@code POST <www>/api/listSubUser}, spec 7) is known by
   * URL only, its answer was never captured, so it is not read here. Family members show up exactly when
   * {@code auth/me} lists them.
   *
   * @throws SlotHunterException {@code AUTH_REQUIRED} for an unusable session (nothing sent) or a 401/403;
   *     {@code PROTOCOL} when the answer has no {@code users} array; transport errors as usual
   */
  @Override
  public List<Patient> accountPatients(AccountSession session) {
    client.requireUsable(session);
    String body = client.get(Endpoint.ME, client.settings.url(Endpoint.ME).build(), session).body();
    JsonNode me = ResponseClassifier.json(Endpoint.ME, body);
    JsonNode users = me.get("users");
    if (users == null || !users.isArray()) {
      // no excerpt: the answer carries names, mobiles and national codes
      List<String> keys = new ArrayList<>();
      me.fieldNames().forEachRemaining(keys::add);
      throw ResponseClassifier.error(ErrorCode.PROTOCOL, Endpoint.ME,
          "no users array in auth/me (top-level keys " + keys + ")").build();
    }
    List<Patient> out = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      JsonNode u = users.get(i);
      Optional<String> id = Json.text(u, "id").filter(ProfileParser::plausibleId);
      if (id.isEmpty()) {
        log.warn("paziresh24 auth/me: user {} of {} left out: no usable id", i + 1, users.size());
        continue;
      }
      try {
        out.add(new Patient(Json.text(u, "name").orElse(null), Json.text(u, "family").orElse(null),
            Json.text(u, "national_code").orElse(null), Json.text(u, "cell").orElse(null), Gender.UNSPECIFIED,
            id.get()));
      } catch (SlotHunterException e) {
        // the message names the field and why, never its value
        log.warn("paziresh24 auth/me: user {} of {} ({}) left out: {}", i + 1, users.size(), Pii.maskCode(id.get()),
            e.getMessage());
      }
    }
    log.debug("paziresh24 auth/me: {} of {} account users usable", out.size(), users.size());
    return List.copyOf(out);
  }

  private static Optional<String> cookie(List<String> setCookies, String name) {
    for (String c : setCookies) {
      String first = c.split(";", 2)[0].strip();
      int eq = first.indexOf('=');
      if (eq > 0 && first.substring(0, eq).strip().equals(name) && eq + 1 < first.length()) {
        return Optional.of(first.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  private static String mobile(String raw) {
    try {
      return Patient.normaliseMobile(raw);
    } catch (SlotHunterException e) {
      throw SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(ResponseClassifier.PROVIDER)
          .message("paziresh24 login: the mobile must be an Iranian mobile number like 09121234567").cause(e).build();
    }
  }

  private static SlotHunterException invalid(String why) {
    return SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(ResponseClassifier.PROVIDER)
        .message("paziresh24 login: " + why).build();
  }

  /** Persian, Arabic-Indic and other Unicode decimal digits to ASCII (codes typed on Persian keyboards). */
  static String asciiDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int digit = Character.digit(c, 10);
      b.append(digit >= 0 ? (char) ('0' + digit) : c);
    }
    return b.toString();
  }
}
