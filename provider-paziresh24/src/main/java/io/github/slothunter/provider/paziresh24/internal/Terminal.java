package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Settings.TerminalMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider instance's terminal id (spec 2.2), sent as header, form field and cookie
 * {@code terminal_id} on booking and login calls. Holds are presumably bound to it (MED), so one id
 * serves suspend, unsuspend, book, moveBook and login. Thread-safe.
 *
 * <p>{@code set-terminal} (default) POSTs {@code /api/setTerminal} once, on first need (never for a
 * pure read: {@link #current()} does no I/O), and keeps the {@code id} it answers; when that fails
 * it makes one locally. {@code generate} only makes it locally. A local id has the real shape:
 * {@code clinic-} + PHP {@code uniqid("", true)} from the clock, e.g.
 * {@code clinic-686dde06144236.30522977}.
 *
 * <p>A login stores its terminal id in the session; calls with that session send the session's id
 * ({@link Paziresh24Client}). When the server rejects an id (status 3, spec 2.1) {@link #renew} mints
 * a fresh one and remembers which id it replaced, so a stored session's rejected id is not sent again.
 */
final class Terminal {
  private static final Logger log = LoggerFactory.getLogger(Terminal.class);
  /** The real shape (spec 2.2, HIGH): {@code clinic-} + 13 hex + 1 digit + {@code .} + 8 digits. */
  static final Pattern UNIQID = Pattern.compile("clinic-[0-9a-f]{13}[0-9]\\.[0-9]{8}");
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final int MAX_REPLACED = 64;

  private final TerminalMode mode;
  private final Paziresh24Http http;
  private final Paziresh24Settings settings;
  private final Clock clock;
  private final Random random;
  /** Rejected id to the id that replaced it, most recent last. Guarded by {@code this}. */
  private final Map<String, String> replaced = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_REPLACED;
    }
  };
  private volatile String id;

  Terminal(Paziresh24Settings settings, Paziresh24Http http, Clock clock, Random random) {
    this.mode = settings.terminalMode();
    this.settings = settings;
    this.http = http;
    this.clock = clock;
    this.random = random;
    this.id = mode == TerminalMode.GENERATE ? generate(clock, random) : null;
  }

  Terminal(Paziresh24Settings settings, Paziresh24Http http, Clock clock) {
    this(settings, http, clock, new SecureRandom());
  }

  /**
   * {@code clinic-} + PHP {@code uniqid("", true)}: 8 hex digits of unix seconds, 5 hex digits of
   * microseconds, then PHP's {@code lcg_value() * 10} as {@code %.8F} (one digit, a dot, 8 digits).
   */
  static String generate(Clock clock, Random random) {
    Instant now = clock.instant();
    long seconds = now.getEpochSecond() & 0xFFFFFFFFL;
    int micros = now.getNano() / 1000;
    return String.format(java.util.Locale.ROOT, "clinic-%08x%05x%d.%08d", seconds, micros, random.nextInt(10),
        random.nextInt(100_000_000));
  }

  /** The terminal id; in {@code set-terminal} mode the first call may do one request. */
  String id() {
    String v = id;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      if (id == null) {
        id = mint();
      }
      return id;
    }
  }

  /** The terminal id when it is known without a request (for reads, which must stay one request). */
  Optional<String> current() {
    return Optional.ofNullable(id);
  }

  /**
   * The id to send for a stored one (a session's): its replacement if the server rejected it, else
   * itself. An instance that has no id yet adopts it, so holds released without a session use the
   * id the session booked with.
   */
  String resolve(String stored) {
    synchronized (this) {
      String replacement = replaced.get(stored);
      if (replacement != null) {
        return replacement;
      }
      if (id == null) {
        id = stored;
      }
      return stored;
    }
  }

  /**
   * After status 3 for {@code rejected} ({@code null} when the call went without an id): a fresh id,
   * minted once however many calls saw the same rejection at the same time.
   */
  String renew(String rejected) {
    synchronized (this) {
      if (rejected != null) {
        String replacement = replaced.get(rejected);
        if (replacement != null) {
          return replacement;
        }
      } else if (id != null) {
        return id; // the call went without an id; one exists now
      }
      String fresh = mint();
      if (rejected != null) {
        replaced.put(rejected, fresh);
      }
      if (id != null && !id.equals(rejected)) {
        replaced.put(id, fresh);
      }
      id = fresh;
      return fresh;
    }
  }

  private String mint() {
    if (mode == TerminalMode.SET_TERMINAL) {
      Optional<String> got = register();
      if (got.isPresent()) {
        return got.get();
      }
    }
    return generate(clock, random);
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
      // spec 2.2: the top-level id; the reply's other fields are UNVERIFIED
      Optional<String> got = Json.text(body, "id").filter(s -> ACCEPTABLE.matcher(s).matches());
      if (got.isEmpty()) {
        log.warn("paziresh24 setTerminal answered without a usable id; using a locally made terminal id");
      }
      return got;
    } catch (SlotHunterException e) {
      log.warn("paziresh24 setTerminal failed ({}); using a locally made terminal id", e.code());
      return Optional.empty();
    }
  }
}
