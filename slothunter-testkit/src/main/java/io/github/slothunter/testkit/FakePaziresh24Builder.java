package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.internal.Checks.requirePositive;
import static io.github.slothunter.testkit.internal.Checks.requireText;

import io.github.slothunter.testkit.internal.FakeSiteSettings;
import io.github.slothunter.testkit.internal.Ids;
import io.github.slothunter.testkit.internal.Paziresh24Directory;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24ScenarioReader;
import io.github.slothunter.testkit.internal.Paziresh24State;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds a {@link FakePaziresh24}: the site's settings (clock, seed, lifetimes, windows, switches), its
 * doctors ({@link Paziresh24DoctorBuilder}) and actions scheduled before it starts, from code or a JSON
 * scenario. Obtained from {@link FakePaziresh24#builder()}; not thread-safe.
 */
public final class FakePaziresh24Builder {
  private final FakeSiteSettings<FakePaziresh24> settings =
      new FakeSiteSettings<>(FakePaziresh24.DEFAULT_SEED, FakePaziresh24.DEFAULT_SERVER_THREADS,
          FakePaziresh24.DEFAULT_REQUEST_LOG_LIMIT);
  private Duration holdTtl = FakePaziresh24.DEFAULT_HOLD_TTL;
  private Duration tokenTtl = FakePaziresh24.DEFAULT_TOKEN_TTL;
  private String otp = FakePaziresh24.DEFAULT_OTP;
  private Duration otpResendInterval = FakePaziresh24.DEFAULT_OTP_RESEND_INTERVAL;
  private Duration otpValidity = FakePaziresh24.DEFAULT_OTP_VALIDITY;
  private boolean rejectDuplicateBookings;
  private int bookingWindowDays = FakePaziresh24.DEFAULT_BOOKING_WINDOW_DAYS;
  private int allSlotsWindowDays = FakePaziresh24.DEFAULT_ALL_SLOTS_WINDOW_DAYS;
  private final Map<LocalDate, String> holidays = new TreeMap<>();
  private boolean strictTerminals;
  private boolean requireWidgetMetaData;
  private final List<Paziresh24DoctorBuilder> doctors = new ArrayList<>();

  FakePaziresh24Builder() {}

  /** The clock everything follows; default {@link Clock#systemUTC()}. */
  public FakePaziresh24Builder clock(Clock value) {
    settings.clock(value);
    return this;
  }

  /** Seeds every random choice; default {@value FakePaziresh24#DEFAULT_SEED}. */
  public FakePaziresh24Builder seed(long value) {
    settings.seed(value);
    return this;
  }

  /** How long a hold lasts before its slot is free again; default 5 minutes. */
  public FakePaziresh24Builder holdTtl(Duration value) {
    this.holdTtl = requirePositive(value, "holdTtl");
    return this;
  }

  /** How long a login token is accepted; default 24 hours. */
  public FakePaziresh24Builder tokenTtl(Duration value) {
    this.tokenTtl = requirePositive(value, "tokenTtl");
    return this;
  }

  /** The one OTP every login accepts; default {@value FakePaziresh24#DEFAULT_OTP}. */
  public FakePaziresh24Builder otp(String value) {
    this.otp = requireText(value, "otp");
    return this;
  }

  /** Minimum time between two OTP sends to one mobile (else status 39); default 60 s. */
  public FakePaziresh24Builder otpResendInterval(Duration value) {
    Objects.requireNonNull(value, "otpResendInterval");
    if (value.isNegative()) {
      throw new IllegalArgumentException("otpResendInterval must not be negative: " + value);
    }
    this.otpResendInterval = value;
    return this;
  }

  /** How long a sent OTP stays usable; default 5 minutes. */
  public FakePaziresh24Builder otpValidity(Duration value) {
    this.otpValidity = requirePositive(value, "otpValidity");
    return this;
  }

  /**
   * Requests allowed per client per clock minute before HTTP 429; a client is its
   * {@code terminal_id}, else its remote address. {@code 0} (the default) turns limiting off.
   */
  public FakePaziresh24Builder rateLimitPerMinute(int value) {
    settings.rateLimitPerMinute(value);
    return this;
  }

  /** The port to bind; {@code 0} (the default) picks a free one. */
  public FakePaziresh24Builder port(int value) {
    settings.port(value);
    return this;
  }

  /** HTTP handler threads; default {@value FakePaziresh24#DEFAULT_SERVER_THREADS}. */
  public FakePaziresh24Builder serverThreads(int value) {
    settings.serverThreads(value);
    return this;
  }

  /** How many requests {@link FakePaziresh24#requests()} keeps in full (counts are never truncated); default 100,000. */
  public FakePaziresh24Builder requestLogLimit(int value) {
    settings.requestLogLimit(value);
    return this;
  }

  /**
   * Whether {@code book} refuses a national code that already has a future booking with the same
   * doctor (status 0), as the real site is believed to; default {@code false}.
   */
  public FakePaziresh24Builder rejectDuplicateBookings(boolean value) {
    this.rejectDuplicateBookings = value;
    return this;
  }

  /**
   * The booking window in days: calendar-mode getFreeDays lists free days from today to today +
   * this ({@code calendar.end_date}); slots after it are not shown, and status 32 means nothing is
   * free inside it. Default {@value FakePaziresh24#DEFAULT_BOOKING_WINDOW_DAYS}.
   */
  public FakePaziresh24Builder bookingWindowDays(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("bookingWindowDays must be positive: " + value);
    }
    this.bookingWindowDays = value;
    return this;
  }

  /**
   * The all-slots window in days (spec 4.1b): getFreeDays without {@code return_free_turns} returns
   * the slots of today to today + this (capped by the booking window). Default
   * {@value FakePaziresh24#DEFAULT_ALL_SLOTS_WINDOW_DAYS}.
   */
  public FakePaziresh24Builder allSlotsWindowDays(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("allSlotsWindowDays must not be negative: " + value);
    }
    this.allSlotsWindowDays = value;
    return this;
  }

  /** A public holiday, listed in getFreeDays' {@code calendar.holidays} map (it does not close any slot). */
  public FakePaziresh24Builder holiday(LocalDate day, String name) {
    holidays.put(Objects.requireNonNull(day, "day"), requireText(name, "name"));
    return this;
  }

  /**
   * Strict terminals: a legacy call (booking RPC, deleteBook, moveBook) naming a {@code terminal_id}
   * (header, form or cookie) that {@link FakePaziresh24#SET_TERMINAL} never minted answers
   * {@code {"status":3,"message":...}}. Status 3 and its body are UNVERIFIED in the spec (2.1), so
   * this uses the general legacy envelope; calls without a terminal id are not affected. Default
   * {@code false}; can be flipped at run time with {@link FakePaziresh24#strictTerminals(boolean)}.
   */
  public FakePaziresh24Builder strictTerminals(boolean value) {
    this.strictTerminals = value;
    return this;
  }

  /**
   * Whether {@code book} refuses (status 0 with a message) a booking with a doctor that has a
   * Hamdast widget when the form lacks the widget's {@code meta_data} keys. UNVERIFIED in the spec
   * (5.9); default {@code false}.
   */
  public FakePaziresh24Builder requireWidgetMetaData(boolean value) {
    this.requireWidgetMetaData = value;
    return this;
  }

  /**
   * Adds a doctor.
   *
   * @param slug the profile slug, decoded (Latin or Persian, no {@code /}, {@code ?}, {@code #} or spaces)
   */
  public FakePaziresh24Builder doctor(String slug, Consumer<Paziresh24DoctorBuilder> spec) {
    Paziresh24DoctorBuilder d = new Paziresh24DoctorBuilder(slug);
    Objects.requireNonNull(spec, "spec").accept(d);
    doctors.add(d);
    return this;
  }

  /** Schedules an action on the built fake (see {@link FakePaziresh24#schedule}). */
  public FakePaziresh24Builder schedule(Instant when, Consumer<FakePaziresh24> action) {
    settings.schedule(when, action);
    return this;
  }

  /**
   * Reads a JSON scenario file; see {@link #scenario(InputStream)}.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public FakePaziresh24Builder scenario(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return scenario(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file, e);
    }
  }

  /**
   * Reads a JSON scenario: settings, doctors with their calendars, and timed events. Every key is
   * optional except the ids; unknown keys are errors. Durations are ISO-8601 ({@code PT5M}),
   * instants ISO-8601 UTC, days {@code 2026-01-04}, times {@code 09:30} (Tehran).
   *
   * <pre>{@code
   * {
   *   "now": "2026-01-03T05:30:00Z",          // a FakeClock here, unless clock(...) was called
   *   "seed": 42, "holdTtl": "PT5M", "tokenTtl": "PT24H", "otp": "1234", "rateLimitPerMinute": 0,
   *   "bookingWindowDays": 60, "allSlotsWindowDays": 10, "strictTerminals": false,
   *   "requireWidgetMetaData": false, "holidays": {"2026-02-11": "پیروزی انقلاب اسلامی"},
   *   "doctors": [{
   *     "slug": "dr-sara-ahmadi", "displayName": "دکتر سارا احمدی", "name": "سارا", "family": "احمدی",
   *     "expertises": ["قلب و عروق"], "aliases": ["sara-ahmadi"],
   *     "widget": {"app": "insurance-check", "captcha": false, "metaData": {"insurance_id": "12"}},
   *     "centers": [{
   *       "id": "1001", "name": "مطب", "city": "تهران", "citySlug": "tehran", "address": "...", "serverId": "1",
   *       "location": "35.7601,51.4102",
   *       "services": [{
   *         "id": "2001", "title": "ویزیت حضوری", "price": 1500000, "duration": "PT15M", "userCenterId": "3001",
   *         "bookingOff": false,
   *         "slots": ["2026-01-04T06:00:00Z"],
   *         "days": [{"date": "2026-01-05", "from": "09:00", "to": "12:00"}]
   *       }]
   *     }]
   *   }],
   *   "events": [
   *     {"at": "2026-01-03T06:00:00Z", "type": "release", "slug": "dr-sara-ahmadi", "centerId": "1001",
   *      "serviceId": "2001", "start": "2026-01-04T07:00:00Z"},
   *     {"at": "...", "type": "take", "slug": "...", "centerId": "...", "serviceId": "...", "start": "..."},
   *     {"at": "...", "type": "openDay", "slug": "...", "centerId": "...", "serviceId": "...",
   *      "date": "2026-01-10", "from": "09:00", "to": "12:00"}
   *   ]
   * }
   * }</pre>
   *
   * @throws UncheckedIOException if the stream cannot be read
   * @throws IllegalArgumentException naming the first malformed key
   */
  public FakePaziresh24Builder scenario(InputStream json) {
    Paziresh24ScenarioReader.read(Objects.requireNonNull(json, "json"), new Paziresh24ScenarioReader.Target() {
      @Override
      public void now(Instant now) {
        settings.defaultClock(FakeClock.at(now));
      }

      @Override
      public void seed(long value) {
        FakePaziresh24Builder.this.seed(value);
      }

      @Override
      public void holdTtl(Duration value) {
        FakePaziresh24Builder.this.holdTtl(value);
      }

      @Override
      public void tokenTtl(Duration value) {
        FakePaziresh24Builder.this.tokenTtl(value);
      }

      @Override
      public void otp(String value) {
        FakePaziresh24Builder.this.otp(value);
      }

      @Override
      public void rateLimitPerMinute(int value) {
        FakePaziresh24Builder.this.rateLimitPerMinute(value);
      }

      @Override
      public void bookingWindowDays(int value) {
        FakePaziresh24Builder.this.bookingWindowDays(value);
      }

      @Override
      public void allSlotsWindowDays(int value) {
        FakePaziresh24Builder.this.allSlotsWindowDays(value);
      }

      @Override
      public void strictTerminals(boolean value) {
        FakePaziresh24Builder.this.strictTerminals(value);
      }

      @Override
      public void requireWidgetMetaData(boolean value) {
        FakePaziresh24Builder.this.requireWidgetMetaData(value);
      }

      @Override
      public void holiday(LocalDate day, String name) {
        FakePaziresh24Builder.this.holiday(day, name);
      }

      @Override
      public Paziresh24ScenarioReader.DoctorTarget doctor(String slug) {
        Paziresh24DoctorBuilder d = new Paziresh24DoctorBuilder(slug);
        doctors.add(d);
        return d.asTarget();
      }

      @Override
      public void event(Instant at, Consumer<FakePaziresh24> action) {
        FakePaziresh24Builder.this.schedule(at, action);
      }
    });
    return this;
  }

  /**
   * Builds the fake (not started) and opens the initial slots.
   *
   * @throws IllegalArgumentException on duplicate slugs, aliases, center or service ids, or overlapping slots
   */
  public FakePaziresh24 build() {
    Ids defaults = new Ids(settings.seed() ^ 0x9E3779B97F4A7C15L);
    List<DoctorSpec> specs = new ArrayList<>();
    for (Paziresh24DoctorBuilder d : doctors) {
      specs.add(d.spec(defaults));
    }
    Paziresh24State state = new Paziresh24State(new Paziresh24State.Settings(settings.clock(), settings.seed(),
        holdTtl, tokenTtl, otp, otpResendInterval, otpValidity, rejectDuplicateBookings, bookingWindowDays,
        allSlotsWindowDays, holidays), new Paziresh24Directory(specs));
    state.strictTerminals(strictTerminals);
    state.requireWidgetMetaData(requireWidgetMetaData);
    FakePaziresh24 fake = new FakePaziresh24(settings, state);
    for (Paziresh24DoctorBuilder d : doctors) {
      for (Paziresh24CenterBuilder c : d.centers) {
        for (Paziresh24ServiceBuilder s : c.services) {
          s.initial.openOn(t -> fake.openSlot(d.slug, c.id, s.id, t),
              (day, from, to) -> fake.openSlots(d.slug, c.id, s.id, day, from, to));
        }
      }
    }
    settings.forEachScheduled(fake::schedule);
    return fake;
  }
}
