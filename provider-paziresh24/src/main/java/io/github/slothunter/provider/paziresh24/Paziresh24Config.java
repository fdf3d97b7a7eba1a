package io.github.slothunter.provider.paziresh24;

import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.ProviderContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration keys the Paziresh24 provider reads from its
 * {@link ProviderContext}, with their defaults.
 *
 * <p>Like every provider key, each one can also come from the system property
 * {@code slothunter.paziresh24.<key>} or the environment variable {@code SLOTHUNTER_PAZIRESH24_<KEY>}.
 * The generic keys {@link ProviderContext#BASE_URL}, {@link ProviderContext#TIMEOUT},
 * {@link ProviderContext#USER_AGENT} and the {@code budget-*} keys are honoured as well. A per-host
 * key wins over {@link ProviderContext#BASE_URL}.
 */
public final class Paziresh24Config {
  /** The website host, default {@value #DEFAULT_WWW_URL}: profile pages, legacy {@code /api/*} calls. */
  public static final String WWW_URL = "www-url";
  /** The API gateway, default {@value #DEFAULT_APIGW_URL}: login, booking v2, search. */
  public static final String APIGW_URL = "apigw-url";
  /** The profile service, default {@value #DEFAULT_DRPROFILE_URL}: JSON profile fallback. */
  public static final String DRPROFILE_URL = "drprofile-url";
  /** The app API, default {@value #DEFAULT_API_URL}: booking receipts. */
  public static final String API_URL = "api-url";

  /**
   * Where the booking calls (getFreeDays, getFreeTurns, suspend, unsuspend, book) go: {@code apigw}
   * (default, {@code <apigw-url>/booking/v2/<name>}) or {@code www} ({@code <www-url>/api/<name>}).
   */
  public static final String BOOKING_ENDPOINT = "booking-endpoint";
  /**
   * How the terminal id is obtained: {@code set-terminal} (default; ask {@code /api/setTerminal}
   * once, on the first call that needs it, never for a free-slot read; make one locally when that
   * fails) or {@code generate} (only make one locally). A local id has the site's real shape,
   * {@code clinic-} + PHP {@code uniqid("", true)}, e.g. {@code clinic-686dde06144236.30522977}.
   * A login keeps its terminal id in the session, and calls with that session reuse it.
   */
  public static final String TERMINAL_MODE = "terminal-mode";
  /** Form body encoding for POST calls: {@code urlencoded} (default) or {@code multipart}. */
  public static final String FORM_ENCODING = "form-encoding";
  /**
   * Whether {@code lookup} reads the JSON full profile on drprofile-url (preferred, spec 3B) and falls
   * back to the profile page when it fails: {@code true} (default); {@code false} reads the profile
   * page only.
   */
  public static final String PROFILE_FALLBACK = "profile-fallback";
  /** How long a hold is assumed to last (the site does not say), default {@code 5m}. */
  public static final String HOLD_TTL = "hold-ttl";
  /**
   * The whole-call timeout of the calls that change something on the site (suspend, unsuspend, book,
   * moveBook, deleteBook); default three times {@link ProviderContext#TIMEOUT} (30 s with its default).
   *
   * <p>Why longer than for reads: a read that times out costs one poll, but a write that times out
   * leaves an outcome to find out (a hold the engine does not know the key of, which blocks the slot
   * until the engine resolves it; a booking that may exist). Waiting longer turns most slow answers
   * into answers: an orphan then needs an answer slower than 30 s, while a hold lives 5 minutes, so a
   * hold that arrives after 29 s still leaves the book call most of its life.
   */
  public static final String BOOKING_TIMEOUT = "booking-timeout";
  /** How long a login session is assumed to last (the site does not say), default {@code 24h}. */
  public static final String SESSION_TTL = "session-ttl";
  /** How long an SMS code is assumed to be accepted (the site does not say), default {@code 2m}. */
  public static final String OTP_TTL = "otp-ttl";

  /**
   * The Hamdast widget service, default {@value #DEFAULT_HAMDAST_URL}: the doctor's pre-booking
   * widgets (spec 5.9), checked once per doctor before booking.
   */
  public static final String HAMDAST_URL = "hamdast-url";

  /**
   * A JSON file replacing the area search's built-in cities and/or specialties (their slugs, the names
   * people type, city centre points): {@code {"cities":[{"slug":"tehran","names":["تهران","Tehran"],
   * "lat":35.69,"lon":51.39}], "specialties":[{"slug":"dermatology","names":["پوست و مو","Dermatology"]}]}};
   * a list left out keeps the built-in one. The built-in lists are UNVERIFIED (the site publishes none):
   * see the README. Read once when the provider is created.
   */
  public static final String AREA_VOCABULARY = "area-vocabulary";

  /** Default for {@link #WWW_URL}. */
  public static final String DEFAULT_WWW_URL = "https://www.paziresh24.com";
  /** Default for {@link #APIGW_URL}. */
  public static final String DEFAULT_APIGW_URL = "https://apigw.paziresh24.com";
  /** Default for {@link #DRPROFILE_URL}. */
  public static final String DEFAULT_DRPROFILE_URL = "https://drprofile.paziresh24.com";
  /** Default for {@link #API_URL}. */
  public static final String DEFAULT_API_URL = "https://api.paziresh24.com";

  /** Default for {@link #HAMDAST_URL}. */
  public static final String DEFAULT_HAMDAST_URL = "https://hamdast.paziresh24.com";

  private Paziresh24Config() {}

  /**
   * Typed configuration beside the string keys: {@code SlotHunter.builder().providerConfig("paziresh24",
   * Paziresh24Config.builder().timeout(Duration.ofSeconds(5)).build())}. Each setter validates at once
   * ({@code INVALID_INPUT} naming the field), so a typo fails where it is written, not at start-up.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds the provider's configuration map; not thread-safe. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder() {}

    /** Every host at one base URL ({@link ProviderContext#BASE_URL}), e.g. a mirror or the testkit's fake. */
    public Builder baseUrl(String url) {
      return url(ProviderContext.BASE_URL, url);
    }

    /** The website host ({@link #WWW_URL}). */
    public Builder wwwUrl(String url) {
      return url(WWW_URL, url);
    }

    /** The API gateway host ({@link #APIGW_URL}). */
    public Builder apigwUrl(String url) {
      return url(APIGW_URL, url);
    }

    /** The read timeout of every call ({@link ProviderContext#TIMEOUT}, default 10 s). */
    public Builder timeout(Duration value) {
      return duration(ProviderContext.TIMEOUT, value);
    }

    /** The timeout of the calls that change something ({@link #BOOKING_TIMEOUT}, default 3x the timeout). */
    public Builder bookingTimeout(Duration value) {
      return duration(BOOKING_TIMEOUT, value);
    }

    /** How long a hold is assumed to last ({@link #HOLD_TTL}, default 5 minutes). */
    public Builder holdTtl(Duration value) {
      return duration(HOLD_TTL, value);
    }

    /** How long a login session is assumed to last ({@link #SESSION_TTL}, default 24 hours). */
    public Builder sessionTtl(Duration value) {
      return duration(SESSION_TTL, value);
    }

    /** The User-Agent header ({@link ProviderContext#USER_AGENT}). */
    public Builder userAgent(String value) {
      Objects.requireNonNull(value, "userAgent");
      if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
        throw SlotHunterException.invalid("paziresh24 userAgent", "must be 1-200 printable ASCII characters");
      }
      values.put(ProviderContext.USER_AGENT, value);
      return this;
    }

    /** Whether lookups fall back to the profile page ({@link #PROFILE_FALLBACK}, default {@code true}). */
    public Builder profileFallback(boolean value) {
      values.put(PROFILE_FALLBACK, Boolean.toString(value));
      return this;
    }

    /** The area search's cities and specialties from this JSON file ({@link #AREA_VOCABULARY}). */
    public Builder areaVocabulary(java.nio.file.Path file) {
      values.put(AREA_VOCABULARY, Objects.requireNonNull(file, "file").toString());
      return this;
    }

    /** Any other key of this class, as a string (read and checked by the provider at start-up). */
    public Builder set(String key, String value) {
      values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The keys and values set, for {@code SlotHunter.Builder.providerConfig(String, Map)}. */
    public Map<String, String> build() {
      return Map.copyOf(values);
    }

    private Builder url(String key, String url) {
      Objects.requireNonNull(url, "url");
      try {
        URI u = new URI(url);
        if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
          throw SlotHunterException.invalid("paziresh24 " + key, "must be an http(s) URL: '" + url + "'");
        }
      } catch (URISyntaxException e) {
        throw SlotHunterException.invalid("paziresh24 " + key, "must be an http(s) URL: '" + url + "'");
      }
      values.put(key, url);
      return this;
    }

    private Builder duration(String key, Duration value) {
      Objects.requireNonNull(value, key);
      if (value.isNegative() || value.isZero()) {
        throw SlotHunterException.invalid("paziresh24 " + key, "must be positive: " + value);
      }
      values.put(key, value.toString());
      return this;
    }
  }
}
