package io.github.slothunter.provider.doctoreto.internal;

import io.github.slothunter.api.SlotHunterException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs over OkHttp, with redirects followed, bodies capped, gzip undone even without a
 * {@code Content-Encoding} header (the site is known to send that), and every failure mapped by
 * {@link DoctoretoErrors}. Thread-safe.
 */
final class DoctoretoHttp {
  private static final Logger log = LoggerFactory.getLogger(DoctoretoHttp.class);
  /** Profile pages are a few hundred kB; anything far larger is not a page we want. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final OkHttpClient client;
  /** The same client (pool, dispatcher) without redirect following, for {@link #getOnce}. */
  private final OkHttpClient once;
  private final Clock clock;

  DoctoretoHttp(Duration timeout, Clock clock) {
    this(timeout, clock, null);
  }

  /** @param base the host's client to derive this one from, or {@code null}; the timeouts are this provider's */
  DoctoretoHttp(Duration timeout, Clock clock, OkHttpClient base) {
    this.client = (base == null ? new OkHttpClient.Builder() : base.newBuilder())
        .callTimeout(timeout)
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .followRedirects(true)
        .followSslRedirects(true)
        .build();
    this.once = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.clock = clock;
  }

  /** A 2xx response, body decoded. */
  record Page(HttpUrl url, String body) {}

  /**
   * GETs a URL and returns the 2xx response's decoded body.
   *
   * @param what the resource, for error messages
   * @throws SlotHunterException for a non-2xx status, a transport failure or an undecodable body
   */
  Page get(HttpUrl url, Headers headers, String what) {
    Request request = new Request.Builder().url(url).headers(headers).get().build();
    long startedNanos = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = decode(read(body, what), body.contentType(), what);
      log.debug("GET {} -> {} in {} ms", url.encodedPath(), response.code(),
          (System.nanoTime() - startedNanos) / 1_000_000);
      if (!response.isSuccessful()) {
        throw DoctoretoErrors.forStatus(response.code(), response.header("Retry-After"), text, what, clock);
      }
      return new Page(response.request().url(), text);
    } catch (IOException e) {
      throw DoctoretoErrors.forIo(e, what);
    }
  }

  /**
   * One response, redirects not followed: its status, the request URL, the {@code Location} header
   * resolved against it (null when absent or unparseable), the {@code Retry-After} header (or null)
   * and the decoded body.
   */
  record Hop(int status, HttpUrl url, HttpUrl location, String retryAfter, String body) {
    boolean isRedirect() {
      return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
  }

  /**
   * GETs a URL once, without following a redirect; the caller maps the status (a 3xx or a 404 is
   * an answer here, not an error).
   *
   * @param what the resource, for error messages
   * @throws SlotHunterException for a transport failure or an undecodable body
   */
  Hop getOnce(HttpUrl url, Headers headers, String what) {
    Request request = new Request.Builder().url(url).headers(headers).get().build();
    try (Response response = once.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = decode(read(body, what), body.contentType(), what);
      log.debug("GET {} -> {} (redirects not followed)", url.encodedPath(), response.code());
      String location = response.header("Location");
      return new Hop(response.code(), url, location == null ? null : url.resolve(location),
          response.header("Retry-After"), text);
    } catch (IOException e) {
      throw DoctoretoErrors.forIo(e, what);
    }
  }

  /** Maps a non-2xx {@link Hop} as {@link #get} would have. */
  SlotHunterException failure(Hop hop, String what) {
    return DoctoretoErrors.forStatus(hop.status(), hop.retryAfter(), hop.body(), what, clock);
  }

  private static byte[] read(ResponseBody body, String what) throws IOException {
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw DoctoretoErrors.protocol(what + " is larger than " + MAX_BODY_BYTES + " bytes", "");
      }
      return bytes;
    }
  }

  /** Undoes gzip when the bytes start with its magic number, then decodes the text. */
  static String decode(byte[] bytes, MediaType type, String what) {
    byte[] plain = bytes;
    // Twice at most: a proxy may gzip an already-gzipped body again.
    for (int round = 0; round < 2 && isGzip(plain); round++) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(plain))) {
        plain = in.readNBytes(MAX_BODY_BYTES + 1);
      } catch (IOException e) {
        throw DoctoretoErrors.protocol(what + " looks gzip-compressed but does not decompress", "", e);
      }
      if (plain.length > MAX_BODY_BYTES) {
        throw DoctoretoErrors.protocol(what + " decompresses to more than " + MAX_BODY_BYTES + " bytes", "");
      }
    }
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new String(plain, charset == null ? StandardCharsets.UTF_8 : charset);
  }

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  /** Releases connections and threads. Idempotent. */
  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
