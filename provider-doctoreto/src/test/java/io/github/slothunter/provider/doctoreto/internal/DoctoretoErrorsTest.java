package io.github.slothunter.provider.doctoreto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DoctoretoErrorsTest {
  private final Clock clock = Clock.fixed(DoctoretoFixtures.NOW, ZoneOffset.UTC);

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    assertThat(DoctoretoErrors.retryAfter("120", clock)).contains(Duration.ofMinutes(2));
    assertThat(DoctoretoErrors.retryAfter(" -5 ", clock)).contains(Duration.ZERO);
    assertThat(DoctoretoErrors.retryAfter("Mon, 28 Oct 2024 05:01:00 GMT", clock)).contains(Duration.ofMinutes(1));
    assertThat(DoctoretoErrors.retryAfter("Mon, 28 Oct 2024 04:00:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(DoctoretoErrors.retryAfter("later", clock)).isEmpty();
    assertThat(DoctoretoErrors.retryAfter("", clock)).isEmpty();
    assertThat(DoctoretoErrors.retryAfter(null, clock)).isEmpty();
  }

  @Test
  void fallsBackToAMinuteForAnUnreadableRetryAfter() {
    SlotHunterException e = DoctoretoErrors.forStatus(429, "later", "", "calendar", clock);

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void mapsTransportFailuresByKind() {
    SlotHunterException dns = DoctoretoErrors.forIo(new UnknownHostException("doctoreto.com"), "doctor page X");
    SlotHunterException loop = DoctoretoErrors.forIo(new ProtocolException("Too many follow-up requests: 21"), "doctor page X");
    SlotHunterException other = DoctoretoErrors.forIo(new IOException("unexpected end of stream"), "doctor page X");

    assertThat(dns.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(dns.getMessage()).contains("resolve");
    assertThat(loop.code()).isEqualTo(ErrorCode.PROTOCOL);
    assertThat(other.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(other.getCause()).isInstanceOf(IOException.class);
    assertThat(other.providerId()).contains("doctoreto");
  }

  @Test
  void excerptsTheVisibleTextOfHtmlAndLeavesOtherBodiesAlone() {
    assertThat(DoctoretoErrors.excerptOf("<html><head><style>p{}</style></head><body><p>Down&nbsp;for maintenance</p>"
        + "<script>var x=1</script></body></html>")).isEqualTo("Down for maintenance");
    assertThat(DoctoretoErrors.excerptOf("{\"message\":\"x\"}")).isEqualTo("{\"message\":\"x\"}");
    assertThat(DoctoretoErrors.excerptOf(null)).isEmpty();
    assertThat(DoctoretoErrors.excerptOf("x".repeat(30_000))).hasSize(20_000);
  }

  @Test
  void mapsTimeoutsAndUnreachableHostsAsUnavailable() {
    assertThat(DoctoretoErrors.forIo(new java.net.SocketTimeoutException("read timed out"), "x").getMessage())
        .contains("timed out");
    assertThat(DoctoretoErrors.forIo(new java.io.InterruptedIOException("timeout"), "x").getMessage())
        .contains("timed out");
    assertThat(DoctoretoErrors.forIo(new java.net.NoRouteToHostException("no route"), "x").getMessage())
        .contains("could not connect");
  }

  @Test
  void excerptsHtmlThatStartsWithoutADoctype() {
    assertThat(DoctoretoErrors.excerptOf("<div>x</div><body><b>Blocked</b></body>")).isEqualTo("x Blocked");
  }

  @Test
  void marksGoneAsNotFound() {
    assertThat(DoctoretoErrors.forStatus(410, null, "", "doctor page X", clock).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
