package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's payment options and the gateway's own checks: the merchant id stays out of every message. */
class PaymentConfigTest {
  static final String MERCHANT = "1344b5d4-0048-11e8-94db-005056a205be";

  @Test
  void sellsNothingUnlessAGatewayIsConfigured() {
    assertThat(ServerConfig.parse(new String[0], Map.of()).payments()).isNull();
  }

  @Test
  void theSandboxNeedsNoMerchantId() {
    ServerConfig.PaymentOptions p = ServerConfig.parse(new String[] {"--zarinpal-sandbox"}, Map.of()).payments();

    assertThat(p.baseUrl()).isEqualTo(ZarinpalGateway.SANDBOX);
    assertThat(p.readMerchantId()).hasSize(36);
    assertThat(p.period()).isEqualTo(Duration.ofDays(30));
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void readsTheMerchantIdFromTheEnvironmentOrAFileAndNeverPrintsIt() throws Exception {
    Path file = Files.createTempFile("merchant", ".id");
    Files.writeString(file, MERCHANT + "\n");

    ServerConfig fromEnv = ServerConfig.parse(new String[] {"--public-url", "https://slots.example", "--payment-period-days",
        "31", "--zarinpal-timeout", "5"}, Map.of("SLOTHUNTER_ZARINPAL_MERCHANT_ID", MERCHANT));
    ServerConfig fromFile = ServerConfig.parse(new String[] {"--zarinpal-merchant-id-file", file.toString()}, Map.of());

    assertThat(fromEnv.payments().baseUrl()).isEqualTo(ZarinpalGateway.PRODUCTION);
    assertThat(fromEnv.payments().readMerchantId()).isEqualTo(MERCHANT);
    assertThat(fromEnv.payments().publicUrl()).isEqualTo("https://slots.example");
    assertThat(fromEnv.payments().period()).isEqualTo(Duration.ofDays(31));
    assertThat(fromEnv.payments().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fromFile.payments().readMerchantId()).isEqualTo(MERCHANT);
    assertThat(fromEnv.toString()).doesNotContain(MERCHANT);
    assertThat(fromFile.toString()).doesNotContain(MERCHANT);
    Files.delete(file);
  }

  @Test
  void aGatewayUrlWithoutAMerchantIdIsRefused() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--zarinpal-url", "http://127.0.0.1:1"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant id");
  }

  @Test
  void theGatewayHidesTheMerchantId() {
    ZarinpalGateway gateway = new ZarinpalGateway(ZarinpalGateway.SANDBOX, MERCHANT, Duration.ofSeconds(1));

    assertThat(gateway.toString()).doesNotContain(MERCHANT).contains("redacted");
    assertThatThrownBy(() -> new ZarinpalGateway(ZarinpalGateway.SANDBOX, "secret-but-short", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("secret-but-short");
  }

  @Test
  void cardNumbersAreMasked() {
    assertThat(ZarinpalGateway.mask("5022291083818920")).isEqualTo("502229******8920");
    assertThat(ZarinpalGateway.mask("502229******5995")).isEqualTo("502229******5995");
    assertThat(ZarinpalGateway.mask("1234")).isEqualTo("****");
    assertThat(ZarinpalGateway.mask(null)).isNull();
  }
}
