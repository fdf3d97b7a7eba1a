package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Header;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's one OkHttp client: adds the headers every call carries, enforces the timeout and a
 * body size cap, logs one DEBUG line per request (endpoint, status, milliseconds; no values) and
 * hands HTTP-level classification to {@link ResponseClassifier}. Thread-safe.
 */
final class Paziresh24Http {
  private static final Logger log = LoggerFactory.getLogger(Paziresh24Http.class);
  /** Profile pages are a few hundred KB; anything this large is not a Paziresh24 answer. */
  static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The calls that change something on the site: they wait {@code booking-timeout}. */
  static final java.util.Set<Endpoint> WRITES = java.util.EnumSet.of(Endpoint.SUSPEND, Endpoint.UNSUSPEND, Endpoint.BOOK,
      Endpoint.MOVE_BOOK, Endpoint.DELETE_BOOK);

  private final OkHttpClient client;
  /** The same client (one pool) with the booking timeout. */
  private final OkHttpClient writes;
  private final Paziresh24Settings settings;
  private final Clock clock;
  private final String origin;

  /** One HTTP answer that passed the HTTP-level checks. */
  record Reply(int code, String body, Headers headers) {}

  Paziresh24Http(Paziresh24Settings settings, Clock clock) {
    this(settings, clock, null);
  }

  /**
   * @param base the host's client to derive this one from (its proxy, interceptors, pool, DNS, TLS),
   *     or {@code null} for a client of its own; the timeouts and the no-retry rule are always this
   *     provider's
   */
  Paziresh24Http(Paziresh24Settings settings, Clock clock, OkHttpClient base) {
    this.settings = settings;
    this.clock = clock;
    // an Origin is scheme, host and port only, even when www-url has a path
    String root = settings.www().resolve("/").toString();
    this.origin = root.substring(0, root.length() - 1);
    this.client = (base == null ? new OkHttpClient.Builder() : base.newBuilder())
        .callTimeout(settings.timeout())
        .connectTimeout(settings.timeout())
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        // POSTs here are not idempotent (suspend, book): never let OkHttp resend one silently
        .retryOnConnectionFailure(false)
        .build();
    this.writes = client.newBuilder()
        .callTimeout(settings.bookingTimeout())
        .readTimeout(settings.bookingTimeout())
        .writeTimeout(settings.bookingTimeout())
        .build();
  }

  /**
   * Sends one request: a GET when {@code form} is {@code null}, else a POST of the form.
   *
   * @throws SlotHunterException for transport failures and HTTP codes {@link ResponseClassifier} rejects
   */
  Reply send(Endpoint endpoint, HttpUrl url, FormData form, Map<String, String> headers) {
    return execute(endpoint, url, form == null ? null : form.toBody(settings.formEncoding()), headers, null);
  }

  /**
   * Sends one request with a JSON body (a GET when {@code json} is {@code null}) and its own
   * whole-call timeout, shorter than the configured one (spec 5.9: the widget list 5 s, an addon
   * call 10 s).
   *
   * @throws SlotHunterException for transport failures and HTTP codes {@link ResponseClassifier} rejects
   */
  Reply sendJsonBody(Endpoint endpoint, HttpUrl url, String json, Map<String, String> headers, Duration timeout) {
    RequestBody body = json == null ? null : RequestBody.create(json, JSON);
    Duration t = timeout.compareTo(settings.timeout()) < 0 ? timeout : settings.timeout();
    return execute(endpoint, url, body, headers, t);
  }

  private Reply execute(Endpoint endpoint, HttpUrl url, RequestBody body, Map<String, String> headers,
      Duration timeout) {
    Request.Builder rb = new Request.Builder().url(url)
        .header(Header.USER_AGENT, settings.userAgent())
        .header(Header.ORIGIN, origin)
        .header(Header.REFERER, settings.www().toString())
        .header(Header.ACCEPT, endpoint == Endpoint.PROFILE_PAGE ? Value.ACCEPT_HTML : Value.ACCEPT_JSON)
        .header(Header.ACCEPT_TIMEZONE, SlotHunterZones.TEHRAN.getId());
    for (Map.Entry<String, String> h : headers.entrySet()) {
      rb.header(h.getKey(), headerValue(endpoint, h.getKey(), h.getValue()));
    }
    if (body != null) {
      rb.post(body);
    }
    long started = System.nanoTime();
    int code = -1;
    Call call = (WRITES.contains(endpoint) ? writes : client).newCall(rb.build());
    if (timeout != null) {
      call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    try (Response response = call.execute()) {
      code = response.code();
      String text = readBody(endpoint, response.body());
      ResponseClassifier.checkHttp(endpoint, code, response.header(Header.RETRY_AFTER), text, clock.instant());
      return new Reply(code, text, response.headers());
    } catch (IOException e) {
      throw ResponseClassifier.transport(endpoint, e);
    } finally {
      if (log.isDebugEnabled()) {
        log.debug("paziresh24 {} {} {} -> {} in {} ms", endpoint.logName(), endpoint.method(),
            loggedPath(url.encodedPath(), endpoint.path()), code < 0 ? "failed" : "HTTP " + code,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
    }
  }

  /**
   * The request's path as logged: the segments its endpoint's template fills in ({@code {}}:
   * booking ids, doctor slugs) stay {@code {}}, so no booking id reaches a log.
   */
  static String loggedPath(String urlPath, String template) {
    List<String> url = new java.util.ArrayList<>(segments(urlPath));
    List<String> tpl = segments(template);
    int offset = url.size() - tpl.size();
    if (offset < 0) {
      return "/{}";
    }
    for (int i = 0; i < tpl.size(); i++) {
      if (tpl.get(i).equals("{}")) {
        url.set(offset + i, "{}");
      }
    }
    return "/" + String.join("/", url);
  }

  private static List<String> segments(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
  }

  /** {@link #send} and parse the body as a JSON object (status not checked). */
  JsonNode sendJson(Endpoint endpoint, HttpUrl url, FormData form, Map<String, String> headers) {
    return ResponseClassifier.json(endpoint, send(endpoint, url, form, headers).body());
  }

  /** Shuts the dispatcher's threads and drops pooled connections. Idempotent. */
  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private static String readBody(Endpoint endpoint, ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw ResponseClassifier.error(ErrorCode.PROTOCOL, endpoint,
          "response larger than " + MAX_BODY_BYTES + " bytes").build();
    }
    return body.string();
  }

  private static String headerValue(Endpoint endpoint, String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw SlotHunterException.builder(ErrorCode.INVALID_INPUT).providerId(ResponseClassifier.PROVIDER)
            .message("paziresh24 " + endpoint.logName() + ": header " + name
                + " value has characters an HTTP header cannot carry").build();
      }
    }
    return value;
  }
}
