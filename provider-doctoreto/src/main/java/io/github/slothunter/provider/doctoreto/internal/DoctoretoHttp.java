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
  private final Clock clock;

  DoctoretoHttp(Duration timeout, Clock clock) {
    this.client = new OkHttpClient.Builder()
        .callTimeout(timeout)
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .followRedirects(true)
        .followSslRedirects(true)
        .build();
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
