package io.github.slothunter.provider.paziresh24;

import io.github.slothunter.testkit.FakeClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WireMock server on 127.0.0.1 and helpers shared by the provider's HTTP tests. */
abstract class WireMockSupport {
  static final Instant NOW = Instant.parse("2026-07-04T05:30:00Z"); // 09:00 in Tehran
  static final String SLUG = "dr-sara-ahmadi";
  /** A terminal id in the site's real shape (spec 2.2): {@code clinic-} + PHP uniqid with more entropy. */
  static final String TERMINAL = "clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}";
  /** What {@code /api/setTerminal} answers in these tests (fixture set-terminal.json, spec 11). */
  static final String SET_TERMINAL_ID = "clinic-6b4a68000a1f37.52819406";
  static final String SET_TERMINAL_PATH = "/api/setTerminal";
  static final String FORM_URLENCODED = "application/x-www-form-urlencoded";

  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  final FakeClock clock = FakeClock.at(NOW);
  private final List<Provider> opened = new ArrayList<>();

  /** setTerminal answers as the live site does; a test may stub it again to answer otherwise. */
  @BeforeEach
  void stubSetTerminal() {
    stubPost(SET_TERMINAL_PATH, 200, fixture("set-terminal.json"));
  }

  @AfterEach
  void closeProviders() {
    opened.forEach(Provider::close);
  }

  String base() {
    return "http://127.0.0.1:" + wm.getPort();
  }

  /** A provider on the WireMock server; extra config as key, value pairs. */
  Provider provider(String... keyValues) {
    ProviderContext.Builder b = ProviderContext.builder("paziresh24")
        .clock(clock)
        .systemProperties(new Properties())
        .environment(Map.of())
        .config(ProviderContext.BASE_URL, base())
        .config(ProviderContext.TIMEOUT, "3s");
    for (int i = 0; i < keyValues.length; i += 2) {
      b.config(keyValues[i], keyValues[i + 1]);
    }
    Provider p = new Paziresh24ProviderFactory().create(b.build());
    opened.add(p);
    return p;
  }

  static String fixture(String name) {
    try (InputStream in = WireMockSupport.class.getResourceAsStream("/paziresh24/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void stubPost(String path, int status, String body) {
    wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
  }

  static void stubGet(String path, int status, String contentType, String body) {
    wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", contentType + "; charset=utf-8").withBody(body)));
  }

  /** The one request sent to the path (fails when there were none or several). */
  static LoggedRequest single(String path) {
    List<LoggedRequest> found = wm.findAll(anyRequestedFor(urlPathEqualTo(path)));
    assertThat(found).as("requests to %s", path).hasSize(1);
    return found.get(0);
  }

  static int count(String path) {
    return wm.findAll(anyRequestedFor(urlPathEqualTo(path))).size();
  }

  /** The form fields of a urlencoded or multipart request, in order. */
  static Map<String, String> form(LoggedRequest r) {
    Map<String, String> out = new LinkedHashMap<>();
    String type = r.getHeader("Content-Type");
    if (type != null && type.startsWith("multipart/form-data")) {
      for (Request.Part part : r.getParts()) {
        out.put(part.getName(), part.getBody().asString());
      }
      return out;
    }
    String body = r.getBodyAsString();
    if (body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  static DoctorRef ref() {
    return new DoctorRef("paziresh24", SLUG);
  }

  static Target target() {
    return new Target(ref(), "12345", "2001", Map.of("server_id", "1", "user_center_id", "77001"));
  }

  static Slot slot() {
    return new Slot(target(), Instant.ofEpochSecond(1783229400), Instant.ofEpochSecond(1783230300),
        "1783229400-1783230300");
  }

  AccountSession session() {
    return new AccountSession("paziresh24", "tok-abc.def_123", Map.of("user_id", "4242"), NOW.plus(Duration.ofHours(1)));
  }

  static Patient patient() {
    return new Patient("مریم", "کریمی", "0012345679", "+98 912 123 4567", Gender.FEMALE);
  }
}
