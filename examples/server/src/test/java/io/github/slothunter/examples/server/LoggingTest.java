package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the runnable server writes to its log about bookings: no tracking code or booking id in clear at INFO. */
class LoggingTest {
  /** The loggers that write tracking codes or booking ids in clear at INFO (engine and provider). */
  private static final List<String> BOOKERS = List.of("io.github.slothunter.core.internal.AutoBooker",
      "io.github.slothunter.provider.paziresh24.internal.Paziresh24Booker");

  @Test
  void trackingCodesAreMaskedForLogs() {
    assertThat(io.github.slothunter.api.Pii.maskCode("8F3K2019")).isEqualTo("******19");
    assertThat(io.github.slothunter.api.Pii.maskCode("4403912273154485")).isEqualTo("********85");
    assertThat(io.github.slothunter.api.Pii.maskCode("123")).isEqualTo("***");
    assertThat(io.github.slothunter.api.Pii.maskCode(null)).isEqualTo("none");
  }

  @Test
  void theShippedLoggingConfigurationKeepsTheBookersBelowInfo() throws Exception {
    Properties config = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/simplelogger.properties"),
        StandardCharsets.UTF_8)) {
      config.load(in);
    }

    for (String logger : BOOKERS) {
      Class.forName(logger, false, getClass().getClassLoader()); // the class is still called that
      assertThat(config.getProperty("org.slf4j.simpleLogger.log." + logger)).as(logger).isIn("warn", "error", "off");
    }
  }
}
