package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Header;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Host;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every feature shares: settings, the HTTP client, the terminal id and the clock, plus the
 * browser conventions of spec 2 (terminal id as header, form field and cookie; the bearer token as
 * header and cookie). A session's own terminal id (stored at login) wins over the instance's, and a
 * rejected terminal id (status 3) is renewed and the call retried here, in one place. Thread-safe.
 */
final class Paziresh24Client {
  static final String SESSION_USER_ID = "user_id";
  /** The session attribute holding the terminal id the account logged in with (spec 2.2: reuse it). */
  static final String SESSION_TERMINAL_ID = "terminal_id";
  /** Pure reads: they send a terminal id only when one is known without a request. */
  static final Set<Endpoint> READS = EnumSet.of(Endpoint.GET_FREE_DAYS, Endpoint.GET_FREE_TURNS);
  private static final Logger log = LoggerFactory.getLogger(Paziresh24Client.class);

  final Paziresh24Settings settings;
  final Paziresh24Http http;
  final Terminal terminal;
  final Clock clock;

  Paziresh24Client(Paziresh24Settings settings, Paziresh24Http http, Terminal terminal, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.terminal = terminal;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * POSTs a booking-style form: adds {@code terminal_id} to the headers (and to the form where
   * {@link Endpoint#terminalInForm()}), the cookies,
   * and the bearer token when a session is given. Returns the raw body (HTTP-checked only).
   *
   * <p>The terminal id is, in order: the form's own {@code terminal_id}; the session's (the one it
   * logged in with, {@link #SESSION_TERMINAL_ID}); for pure reads ({@link #READS}) the instance's
   * only when it is known without a request (spec 2.2: reads work without it), else none; otherwise
   * the instance's, minted on first need.
   *
   * <p>A legacy call (website or booking RPC) answering {@code status 3} (terminal rejected, spec
   * 2.1) is sent once more with a freshly minted terminal id: the server refused the request before
   * acting on it, so this is the one retry even {@code book} gets. A second status 3 is
   * {@code PROTOCOL}.
   */
  String post(Endpoint endpoint, HttpUrl url, FormData form, Map<String, String> headers, AccountSession session) {
    String terminalId = form.get(Field.TERMINAL_ID);
    boolean inForm = terminalId != null || endpoint.terminalInForm();
    if (terminalId == null) {
      terminalId = terminalFor(endpoint, session).orElse(null);
    }
    String body = send(endpoint, url, form, headers, session, terminalId, inForm);
    if (!legacy(endpoint) || !saysBadTerminal(body)) {
      return body;
    }
    log.warn("paziresh24 {}: the terminal id was rejected (status 3); retrying once with a fresh one",
        endpoint.logName());
    String fresh = terminal.renew(terminalId);
    body = send(endpoint, url, form, headers, session, fresh, inForm);
    if (saysBadTerminal(body)) {
      throw ResponseClassifier.error(ErrorCode.PROTOCOL, endpoint,
          "status 3 (terminal id rejected), again with a freshly minted terminal id").build();
    }
    return body;
  }

  private String send(Endpoint endpoint, HttpUrl url, FormData form, Map<String, String> headers,
      AccountSession session, String terminalId, boolean inForm) {
    if (terminalId != null && inForm) {
      form.set(Field.TERMINAL_ID, terminalId);
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (terminalId != null) {
      all.put(Header.TERMINAL_ID, terminalId);
    }
    addAuth(all, session, terminalId);
    return http.send(endpoint, url, form, all).body();
  }

  /**
   * The terminal id a call with this session sends: the session's own (stored at login) when it has
   * one, else the instance's. Mints the instance's on first need.
   */
  String terminalId(AccountSession session) {
    return terminalFor(null, session).orElseThrow();
  }

  private Optional<String> terminalFor(Endpoint endpoint, AccountSession session) {
    if (session != null) {
      Optional<String> stored = Optional.ofNullable(session.attributes().get(SESSION_TERMINAL_ID))
          .filter(ProfileParser::plausibleId);
      if (stored.isPresent()) {
        return Optional.of(terminal.resolve(stored.get()));
      }
    }
    if (endpoint != null && READS.contains(endpoint)) {
      return terminal.current(); // never a setTerminal request just for a read (spec 2.2, 4.4)
    }
    return Optional.of(terminal.id());
  }

  /** The website's and the booking RPC's calls, whose envelope carries status 3 (spec 2.1). */
  private static boolean legacy(Endpoint endpoint) {
    return endpoint.host() == Host.WWW || endpoint.host() == Host.BOOKING;
  }

  /** Whether a body is a JSON object with {@code status} 3; anything unreadable is not. */
  static boolean saysBadTerminal(String body) {
    String s = body.strip();
    if (!s.startsWith("{")) {
      return false;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(s);
      OptionalInt status = node != null && node.isObject() ? ResponseClassifier.status(node) : OptionalInt.empty();
      return status.isPresent() && status.getAsInt() == Value.STATUS_BAD_TERMINAL;
    } catch (JacksonException e) {
      return false;
    }
  }

  /** {@link #post} parsed as a JSON object (status not checked). */
  JsonNode postJson(Endpoint endpoint, HttpUrl url, FormData form, Map<String, String> headers,
      AccountSession session) {
    return ResponseClassifier.json(endpoint, post(endpoint, url, form, headers, session));
  }

  /** A GET with the usual headers and, when a session is given, the bearer token. */
  Paziresh24Http.Reply get(Endpoint endpoint, HttpUrl url, AccountSession session) {
    Map<String, String> headers = new LinkedHashMap<>();
    addAuth(headers, session, null);
    return http.send(endpoint, url, null, headers);
  }

  private static void addAuth(Map<String, String> headers, AccountSession session, String terminalId) {
    StringBuilder cookie = new StringBuilder();
    if (terminalId != null) {
      cookie.append("terminal_id=").append(terminalId);
    }
    if (session != null) {
      headers.put(Header.AUTHORIZATION, "Bearer " + session.token());
      cookie.append(cookie.length() == 0 ? "" : "; ").append("token=").append(session.token());
      String userId = session.attributes().get(SESSION_USER_ID);
      if (userId != null) {
        headers.putIfAbsent(Header.USER_ID, userId);
      }
    }
    if (cookie.length() > 0) {
      headers.put(Header.COOKIE, cookie.toString());
    }
  }

  /** The {@code center_id} and {@code server_id} headers every booking call carries. */
  static Map<String, String> targetHeaders(Target target) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(Header.CENTER_ID, target.centerId());
    key(target, Field.SERVER_ID).ifPresent(v -> h.put(Header.SERVER_ID, v));
    return h;
  }

  /** Rejects a target of another provider. */
  static void requireOwn(Target target) {
    Objects.requireNonNull(target, "target");
    if (!ResponseClassifier.PROVIDER.equals(target.providerId())) {
      throw SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(ResponseClassifier.PROVIDER)
          .message("paziresh24: target " + target.id() + " belongs to another provider").build();
    }
  }

  /** A provider key of the target, when present and not blank. */
  static Optional<String> key(Target target, String name) {
    return Optional.ofNullable(target.providerKeys().get(name)).filter(v -> !v.isBlank());
  }

  /** A provider key the target must carry (from the profile lookup). */
  static String requireKey(Target target, String name) {
    return key(target, name).orElseThrow(() -> SlotHunterException.builder(ErrorCode.INVALID_INPUT)
        .providerId(ResponseClassifier.PROVIDER)
        .message("paziresh24: target " + target.id() + " lacks providerKeys." + name
            + "; build targets from lookup(ref).bookableTargets()").build());
  }

  /**
   * Checks a session before anything is sent: ours, not expired, with a {@code user_id}.
   *
   * @throws SlotHunterException {@code AUTH_REQUIRED} when it cannot be used
   */
  void requireUsable(AccountSession session) {
    Objects.requireNonNull(session, "session");
    if (!ResponseClassifier.PROVIDER.equals(session.providerId())) {
      throw auth("the session belongs to provider " + session.providerId());
    }
    if (session.isExpired(now())) {
      throw auth("the session expired at " + session.expiresAt() + "; log in again");
    }
    String userId = session.attributes().get(SESSION_USER_ID);
    if (userId == null || !ProfileParser.plausibleId(userId)) {
      throw auth("the session has no user_id; log in again");
    }
    if (!printableAscii(session.token())) {
      throw auth("the session token is not a usable bearer token; log in again");
    }
  }

  /** Whether a token can go into a header and a cookie as is. */
  static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c > 0x7e || c == ';' || c == ',') {
        return false;
      }
    }
    return true;
  }

  private static SlotHunterException auth(String why) {
    return SlotHunterException.builder(ErrorCode.AUTH_REQUIRED).providerId(ResponseClassifier.PROVIDER)
        .message("paziresh24: " + why).build();
  }
}
