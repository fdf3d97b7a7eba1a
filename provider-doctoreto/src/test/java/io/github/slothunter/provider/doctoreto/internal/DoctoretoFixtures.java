package io.github.slothunter.provider.doctoreto.internal;

import io.github.slothunter.spi.ProviderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/** Fixture files, contexts and a settable clock for the Doctoreto tests. */
final class DoctoretoFixtures {
  /** 2024-10-28 08:30 in Tehran. */
  static final Instant NOW = Instant.parse("2024-10-28T05:00:00Z");

  private DoctoretoFixtures() {}

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String name) {
    try (InputStream in = DoctoretoFixtures.class.getResourceAsStream("/doctoreto/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A context isolated from the machine's system properties and environment. */
  static ProviderContext.Builder context(String baseUrl, Clock clock) {
    return ProviderContext.builder("doctoreto")
        .config(ProviderContext.BASE_URL, baseUrl)
        .clock(clock)
        .systemProperties(new Properties())
        .environment(Map.of());
  }

  /** A clock tests move by hand. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("tests read instants only");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
