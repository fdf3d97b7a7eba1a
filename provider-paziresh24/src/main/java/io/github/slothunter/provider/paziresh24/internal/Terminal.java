package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Settings.TerminalMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider instance's terminal id, sent as header and form field {@code terminal_id} on every
 * booking call. Holds are presumably bound to it (spec 2, MED), so one id is used for the
 * instance's whole life: suspend, unsuspend and book always agree. Thread-safe.
 *
 * <p>{@code generate} (default) makes {@code clinic-<epoch millis>.<8 random digits>} locally, as
 * S2 does (spec 2, MED). {@code set-terminal} asks {@code /api/setTerminal} once, on first use, and
 * falls back to a generated id if that fails (logged at WARN).
 */
final class Terminal {
  private static final Logger log = LoggerFactory.getLogger(Terminal.class);
  /** The generated format. */
  static final Pattern GENERATED = Pattern.compile("clinic-[0-9]{10,16}\\.[0-9]{8}");
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final TerminalMode mode;
  private final Paziresh24Http http;
  private final Paziresh24Settings settings;
  private final String generated;
  private volatile String id;

  Terminal(Paziresh24Settings settings, Paziresh24Http http, Clock clock, Random random) {
    this.mode = settings.terminalMode();
    this.settings = settings;
    this.http = http;
    this.generated = generate(clock, random);
    this.id = mode == TerminalMode.GENERATE ? generated : null;
  }

  Terminal(Paziresh24Settings settings, Paziresh24Http http, Clock clock) {
    this(settings, http, clock, new SecureRandom());
  }

  /** {@code clinic-<epoch millis>.<8 digits, no leading zero>}. */
  static String generate(Clock clock, Random random) {
    return "clinic-" + clock.millis() + "." + (10_000_000 + random.nextInt(90_000_000));
  }

  /** The terminal id; in {@code set-terminal} mode the first call may do one request. */
  String id() {
    String v = id;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      if (id == null) {
        id = register().orElse(generated);
      }
      return id;
    }
  }

  private Optional<String> register() {
    FormData form = new FormData()
        .add(Field.TERMINAL_ID, UUID.randomUUID().toString())
        .add(Field.DETAILS, settings.userAgent())
        .add(Field.IP, "0.0.0.0")
        .add(Field.TYPE, "web")
        .add(Field.VERSION, "1");
    try {
      JsonNode body = http.sendJson(Endpoint.SET_TERMINAL, settings.url(Endpoint.SET_TERMINAL).build(), form, Map.of());
      Optional<String> got = Json.findText(body, "id", 1).filter(s -> ACCEPTABLE.matcher(s).matches());
      if (got.isEmpty()) {
        log.warn("paziresh24 setTerminal answered without a usable id; using a generated terminal id");
      }
      return got;
    } catch (SlotHunterException e) {
      log.warn("paziresh24 setTerminal failed ({}); using a generated terminal id", e.code());
      return Optional.empty();
    }
  }
}
