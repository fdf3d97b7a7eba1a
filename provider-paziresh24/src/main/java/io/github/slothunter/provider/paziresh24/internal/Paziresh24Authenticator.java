package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Header;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import io.github.slothunter.spi.Authenticator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SMS-code login (spec 7): {@code gozargah/resetpassword} sends the code, {@code gozargah/v1/login}
 * exchanges it for a token, {@code v1/auth/me} gives the account's user id. Thread-safe.
 *
 * <p>Session lifetime is {@code session-ttl} (default 24 hours; UNVERIFIED, the site does not say).
 */
final class Paziresh24Authenticator implements Authenticator {
  static final String STATE_TERMINAL_ID = "terminal_id";

  private final Paziresh24Client client;

  Paziresh24Authenticator(Paziresh24Client client) {
    this.client = client;
  }

  @Override
  public OtpChallenge start(String mobile) {
    String normalised = mobile(mobile);
    String terminalId = client.terminal.id();
    FormData form = new FormData()
        .add(Field.CELL, normalised.substring(1)) // spec 7: sent as a number, without the leading 0
        .add(Field.TERMINAL_ID, terminalId);
    JsonNode body = client.postJson(Endpoint.RESET_PASSWORD, client.settings.url(Endpoint.RESET_PASSWORD).build(),
        form, Map.of(), null);
    ResponseClassifier.requireSuccess(Endpoint.RESET_PASSWORD, body);
    return new OtpChallenge(ResponseClassifier.PROVIDER, normalised, Map.of(STATE_TERMINAL_ID, terminalId),
        client.now().plus(client.settings.otpTtl()));
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
        .filter(ProfileParser::plausibleId).orElseGet(client.terminal::id);
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
    return new AccountSession(ResponseClassifier.PROVIDER, token,
        Map.of(Paziresh24Client.SESSION_USER_ID, userId), client.now().plus(client.settings.sessionTtl()));
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
