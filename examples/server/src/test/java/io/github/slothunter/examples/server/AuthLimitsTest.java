package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Failed authentications: limited per client address and per key id on their own, checked before the
 * key is looked up; unknown key ids remembered; health and info outside every limit.
 */
class AuthLimitsTest {
  private static final String UNKNOWN = "shk_0123456789abcdef_" + "G".repeat(43);

  @Test
  void healthAndInfoStayUpWhileKeysAreSprayedFromTheSameAddress() {
    try (TestServer s = TestServer.throwaway(b -> b.anonymousRateLimit(30, 2))) {
      for (int i = 0; i < 100; i++) {
        s.get("/api/v1/me", fresh(i));
      }
      assertThat(s.get("/api/v1/me", fresh(100)).status()).isEqualTo(429);

      for (int i = 0; i < 100; i++) {
        assertThat(s.get("/api/v1/health", null).status()).as("health check %d", i).isEqualTo(200);
      }
      assertThat(s.get("/api/v1/info", null).status()).isEqualTo(200);
      assertThat(s.get("/api/v1/openapi.json", null).status()).isEqualTo(200);
    }
  }

  @Test
  void anAddressOverItsFailureLimitIsRefusedBeforeAnyKeyIsLookedUp() {
    try (TestServer s = TestServer.throwaway(b -> b.anonymousRateLimit(3, 1.0 / 60))) {
      for (int i = 0; i < 3; i++) {
        assertThat(s.get("/api/v1/me", fresh(i)).status()).isEqualTo(401);
      }
      long queries = s.server.owners().keyQueries();

      for (int i = 3; i < 8; i++) {
        assertThat(s.get("/api/v1/me", fresh(i)).status()).isEqualTo(429);
      }

      assertThat(s.server.owners().keyQueries()).isEqualTo(queries);
    }
  }

  @Test
  void failuresAreCountedPerAddressOnTheirOwn() {
    try (TestServer s = TestServer.throwaway(b -> b.anonymousRateLimit(3, 1.0 / 60))) {
      for (int i = 0; i < 3; i++) {
        s.get("/api/v1/me", fresh(i));
      }
      assertThat(s.get("/api/v1/me", fresh(3)).status()).isEqualTo(429);

      int fromElsewhere = statusFrom(s, "127.0.0.2", "/api/v1/me", fresh(4));

      assertThat(fromElsewhere).isEqualTo(401);
    }
  }

  @Test
  void failuresAreCountedPerKeyIdWhateverTheAddress() {
    try (TestServer s = TestServer.throwaway(b -> b.keyIdFailureRateLimit(3, 1.0 / 60))) {
      TestServer.Created victim = s.owner("victim", "FREE");
      String wrongSecret = victim.key().substring(0, 21) + "x".repeat(43);
      assertThat(s.get("/api/v1/me", wrongSecret).status()).isEqualTo(401);
      assertThat(statusFrom(s, "127.0.0.2", "/api/v1/me", wrongSecret)).isEqualTo(401);
      assertThat(statusFrom(s, "127.0.0.3", "/api/v1/me", wrongSecret)).isEqualTo(401);

      int fourth = statusFrom(s, "127.0.0.4", "/api/v1/me", wrongSecret);
      int otherId = s.get("/api/v1/me", UNKNOWN).status();
      int otherOwner = s.get("/api/v1/me", s.owner("bystander", "FREE").key()).status();

      assertThat(fourth).isEqualTo(429);
      assertThat(otherId).isEqualTo(401);
      assertThat(otherOwner).isEqualTo(200);
      assertThat(s.get("/api/v1/me", victim.key()).status()).as("the owner, in use, with its key").isEqualTo(200);
    }
  }

  @Test
  void ownersInUseKeepWorkingWhileTheirProxyAddressIsOverItsFailureLimit() {
    try (TestServer s = TestServer.throwaway(b -> b.anonymousRateLimit(3, 1.0 / 60))) {
      TestServer.Created busy = s.owner("busy", "FREE");
      assertThat(s.get("/api/v1/me", busy.key()).status()).isEqualTo(200);
      for (int i = 0; i < 5; i++) {
        s.get("/api/v1/me", fresh(i));
      }
      assertThat(s.get("/api/v1/me", fresh(5)).status()).isEqualTo(429);

      assertThat(s.get("/api/v1/me", busy.key()).status()).isEqualTo(200);
      assertThat(s.get("/api/v1/watches", busy.key()).status()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownKeyIdIsLookedUpOnceAndRemembered() {
    try (TestServer s = TestServer.throwaway(b -> {})) {
      long before = s.server.owners().keyQueries();

      for (int i = 0; i < 5; i++) {
        assertThat(s.get("/api/v1/me", UNKNOWN).status()).isEqualTo(401);
      }

      assertThat(s.server.owners().keyQueries() - before).isEqualTo(1);
    }
  }

  @Test
  void aWrongSecretAndAnUnknownIdGetTheSameAnswer() {
    try (TestServer s = TestServer.throwaway(b -> {})) {
      TestServer.Created o = s.owner("known", "FREE");
      String wrongSecret = o.key().substring(0, 21) + "x".repeat(43);

      TestServer.Response known = s.get("/api/v1/me", wrongSecret);
      TestServer.Response unknown = s.get("/api/v1/me", UNKNOWN);

      assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(401);
      assertThat(known.body()).isEqualTo(unknown.body());
      assertThat(known.header("WWW-Authenticate")).isEqualTo(unknown.header("WWW-Authenticate"));
    }
  }

  @Test
  void aKeyCreatedAfterItsIdWasProbedWorksAtOnce() {
    try (TestServer s = TestServer.throwaway(b -> {})) {
      TestServer.Created o = s.owner("rotating", "FREE");
      String rotated = s.post("/api/v1/owners/" + o.id() + "/keys", TestServer.ADMIN, "").json().get("apiKey").asText();

      assertThat(s.get("/api/v1/me", o.key()).status()).isEqualTo(401);
      assertThat(s.get("/api/v1/me", rotated).status()).isEqualTo(200);
    }
  }

  /** A different well-formed key id for each {@code i}, unknown to the server. */
  private static String fresh(int i) {
    return "shk_" + String.format("%016x", 0xabc000L + i) + "_" + "G".repeat(43);
  }

  /** The status of a GET sent from the given loopback source address (the JDK client cannot pick one). */
  private static int statusFrom(TestServer t, String source, String path, String key) {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), t.server.port(), InetAddress.getByName(source), 0)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 401"
      return Integer.parseInt(head.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
