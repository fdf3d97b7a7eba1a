package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "whsec_test-secret";
  private static final Instant NOW = Instant.parse("2026-01-03T05:30:00Z");
  private static final byte[] BODY = "{\"type\":\"SlotOpened\"}".getBytes(StandardCharsets.UTF_8);
  private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

  @Test
  void aSignedBodyVerifies() {
    String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

    assertThat(header).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, new String(BODY, StandardCharsets.UTF_8), NOW.plusSeconds(299),
        TOLERANCE)).isTrue();
  }

  @Test
  void theSignatureMatchesTheDocumentedFormula() throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((NOW.getEpochSecond() + "." + new String(BODY, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));

    String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

    assertThat(header).endsWith("v1=" + java.util.HexFormat.of().formatHex(expected));
  }

  @Test
  void anAlteredBodyOrAnotherSecretFails() {
    String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

    assertThat(WebhookSignature.verify(SECRET, header, "{\"type\":\"SlotGone\"}", NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify("whsec_other", header, BODY, NOW, TOLERANCE)).isFalse();
  }

  @Test
  void anOldOrFutureTimestampIsAReplay() {
    String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plus(TOLERANCE).plusSeconds(1), TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minus(TOLERANCE).minusSeconds(1), TOLERANCE)).isFalse();
  }

  @Test
  void aTimestampSwappedIntoACapturedHeaderFails() {
    String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
    String refreshed = header.replace("t=" + NOW.getEpochSecond(), "t=" + NOW.plusSeconds(600).getEpochSecond());

    assertThat(WebhookSignature.verify(SECRET, refreshed, BODY, NOW.plusSeconds(600), TOLERANCE)).isFalse();
  }

  @Test
  void malformedHeadersNeverVerify() {
    String good = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
    String sig = good.substring(good.indexOf("v1="));

    assertThat(WebhookSignature.verify(SECRET, null, BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "", BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, sig, BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=" + NOW.getEpochSecond(), BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=abc," + sig, BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=" + NOW.getEpochSecond() + ",v1=zz", BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, good + ",x".repeat(600), BODY, NOW, TOLERANCE)).isFalse();
  }

  @Test
  void anyOfSeveralSignaturesMayMatch() {
    String good = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
    String withOld = good + ",v1=" + "0".repeat(64);
    String oldFirst = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + "," + good.substring(good.indexOf("v1="));

    assertThat(WebhookSignature.verify(SECRET, withOld, BODY, NOW, TOLERANCE)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, oldFirst, BODY, NOW, TOLERANCE)).isTrue();
  }
}
