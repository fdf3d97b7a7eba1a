package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {
  @TempDir
  Path dir;

  @Test
  void roundTripsASessionAndReplacesAnOlderFileKeepingItPrivate() throws IOException {
    Path f = dir.resolve("s.session");
    Files.writeString(f, "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    AccountSession s = new AccountSession("paziresh24", "tok-123", Map.of("user_id", "42"),
        Instant.parse("2026-12-01T00:00:00Z"));

    SessionFile.write(f, s);

    assertThat(SessionFile.read(f, "paziresh24")).isEqualTo(s);
    assertThat(Files.getPosixFilePermissions(f)).isEqualTo(SessionFile.FILE_PERMS);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f); // no temporary file left behind
    }
  }

  @Test
  void aSessionWithoutExpiryRoundTripsAsUnknownExpiry() {
    Path f = dir.resolve("s.session");
    AccountSession s = new AccountSession("paziresh24", "tok", Map.of(), null);

    SessionFile.write(f, s);

    assertThat(SessionFile.read(f, "paziresh24").expiresAt()).isEqualTo(Instant.MAX);
  }

  @Test
  void aSessionOfAnotherProviderOrGarbageIsBadInput() throws IOException {
    Path f = dir.resolve("s.session");
    SessionFile.write(f, new AccountSession("doctoreto", "tok", Map.of(), null));
    Path junk = Files.writeString(dir.resolve("junk"), "{not json");
    Path empty = Files.writeString(dir.resolve("empty"), "{}");

    assertThatThrownBy(() -> SessionFile.read(f, "paziresh24")).hasMessageContaining("is for doctoreto");
    assertThatThrownBy(() -> SessionFile.read(junk, "paziresh24")).hasMessageContaining("is not valid JSON");
    assertThatThrownBy(() -> SessionFile.read(empty, "paziresh24")).hasMessageContaining("not a SlotHunter session");
  }

  @Test
  void defaultPathsSeparateTheSandbox() {
    assertThat(SessionFile.defaultPath(dir, "paziresh24", false)).isEqualTo(dir.resolve(".slothunter/paziresh24.session"));
    assertThat(SessionFile.defaultPath(dir, "paziresh24", true))
        .isEqualTo(dir.resolve(".slothunter/paziresh24-sandbox.session"));
  }
}
