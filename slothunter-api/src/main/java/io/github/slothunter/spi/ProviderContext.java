package io.github.slothunter.spi;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * What a {@link ProviderFactory} gets to build a provider: string configuration, a clock, and the
 * usual overrides. Immutable and thread-safe.
 *
 * <p>A key is looked up, in order, in the explicit configuration given to the builder, the system
 * property {@code slothunter.<provider>.<key>}, and the environment variable
 * {@code SLOTHUNTER_<PROVIDER>_<KEY>} (upper case, dots and dashes become {@code _}). Keys every
 * provider honours:
 *
 * <ul>
 *   <li>{@value #BASE_URL}: one URL serving every host's paths (the testkit, a mirror, a proxy);
 *   <li>one {@code <host>-url} key per real host the provider talks to, which wins over {@code base-url};
 *   <li>{@value #TIMEOUT}: per-request timeout ({@code 10s}, {@code 500ms}, {@code PT10S} or seconds);
 *   <li>{@value #USER_AGENT};
 *   <li>{@value #BUDGET_SCALE}: one factor for the whole default budget ({@code 2}, {@code 0.5});
 *   <li>{@value #BUDGET_PER_MINUTE}, {@value #BUDGET_PER_HOUR}, {@value #BUDGET_MAX_IN_FLIGHT}: one limit each
 *       (a per-minute limit alone scales the default hour along with it, so one setting raises the pace).
 * </ul>
 */
public final class ProviderContext {
  /** One URL that serves all of the provider's hosts' paths. */
  public static final String BASE_URL = "base-url";
  /** Per-request timeout. */
  public static final String TIMEOUT = "timeout";
  /** The User-Agent header to send. */
  public static final String USER_AGENT = "user-agent";
  /** Budget override: requests per minute. */
  public static final String BUDGET_PER_MINUTE = "budget-per-minute";
  /** Budget override: requests per hour. */
  public static final String BUDGET_PER_HOUR = "budget-per-hour";
  /** Budget override: concurrent requests. */
  public static final String BUDGET_MAX_IN_FLIGHT = "budget-max-in-flight";
  /** Budget override: a factor for every limit of the default budget. */
  public static final String BUDGET_SCALE = "budget-scale";

  private final String providerId;
  private final Map<String, String> config;
  private final Clock clock;
  private final UnaryOperator<String> systemProperties;
  private final UnaryOperator<String> environment;
  private final Map<Class<?>, Object> extensions;

  private ProviderContext(Builder b) {
    this.providerId = b.providerId;
    this.config = Map.copyOf(b.config);
    this.extensions = Map.copyOf(b.extensions);
    this.clock = b.clock;
    this.systemProperties = b.systemProperties;
    this.environment = b.environment;
  }

  /** A context for the provider with the given id, reading the real system properties and environment. */
  public static Builder builder(String providerId) {
    return new Builder(providerId);
  }

  /**
   * An object the host handed to this provider, by type: for the providers built on OkHttp,
   * {@code okhttp3.OkHttpClient.class} is the host's client (its proxy, interceptors, pool, DNS and
   * TLS settings), from which they derive their own with their configured timeouts. A provider
   * ignores types it does not know.
   */
  public <T> Optional<T> extension(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Optional.ofNullable(type.cast(extensions.get(type)));
  }

  /** A context with no explicit configuration and the system clock. */
  public static ProviderContext of(String providerId) {
    return builder(providerId).build();
  }

  /** The provider id this context is for. */
  public String providerId() {
    return providerId;
  }

  /** The clock providers must use instead of {@code Instant.now()}. */
  public Clock clock() {
    return clock;
  }

  /** The explicit configuration only (no system properties or environment). */
  public Map<String, String> explicitConfig() {
    return config;
  }

  /** A configuration value from the first source that has it, or empty. */
  public Optional<String> config(String key) {
    Objects.requireNonNull(key, "key");
    // a blank value counts as absent, so it never hides a value from a later source
    String v = config.get(key);
    if (isBlank(v)) {
      v = systemProperties.apply("slothunter." + providerId + "." + key);
    }
    if (isBlank(v)) {
      v = environment.apply(("SLOTHUNTER_" + providerId + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[.\\-]", "_"));
    }
    return isBlank(v) ? Optional.empty() : Optional.of(v.strip());
  }

  private static boolean isBlank(String v) {
    return v == null || v.isBlank();
  }

  /** A configuration value, or the default. */
  public String config(String key, String defaultValue) {
    return config(key).orElse(defaultValue);
  }

  /**
   * The base URL for one of the provider's hosts: the host's own key, else {@value #BASE_URL},
   * else the default. Trailing slashes are removed.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} when the configured value is not an http(s) URL
   */
  public String url(String hostKey, String defaultUrl) {
    String v = config(hostKey).or(() -> config(BASE_URL)).orElse(defaultUrl);
    try {
      URI uri = new URI(v);
      if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw SlotHunterException.invalid("config " + hostKey, "must be an http(s) URL: '" + v + "'");
      }
    } catch (URISyntaxException e) {
      throw new SlotHunterException(io.github.slothunter.api.ErrorCode.INVALID_INPUT,
          "config " + hostKey + " is not a URL: '" + v + "'", e);
    }
    return v.replaceAll("/+$", "");
  }

  /**
   * A duration: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 24h}, {@code 7d}, ISO-8601 ({@code PT10S}) or plain
   * seconds.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} when the value cannot be parsed or is not positive
   */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> raw = config(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String v = raw.get().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } else if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).strip()));
      } else if (v.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).strip()));
      } else if (v.endsWith("d")) {
        d = Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1).strip()));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).strip()));
      } else {
        d = Duration.ofSeconds(Long.parseLong(v));
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new SlotHunterException(io.github.slothunter.api.ErrorCode.INVALID_INPUT,
          "config " + key + " is not a duration: '" + raw.get() + "'", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw SlotHunterException.invalid("config " + key, "must be positive: '" + raw.get() + "'");
    }
    return d;
  }

  /**
   * A positive integer.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} when the value is not a positive integer
   */
  public int positiveInt(String key, int defaultValue) {
    Optional<String> raw = config(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v < 1) {
        throw SlotHunterException.invalid("config " + key, "must be a positive integer: '" + raw.get() + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new SlotHunterException(io.github.slothunter.api.ErrorCode.INVALID_INPUT,
          "config " + key + " must be a positive integer: '" + raw.get() + "'", e);
    }
  }

  /**
   * The provider's default budget with any {@code budget-*} overrides applied: first
   * {@value #BUDGET_SCALE}, then the single limits. A per-minute limit given without a per-hour one
   * scales the hour by the same factor (the defaults' ratio is kept), so that raising the minute
   * raises the pace that can be kept up too.
   */
  public RequestBudget budget(RequestBudget defaults) {
    Objects.requireNonNull(defaults, "defaults");
    RequestBudget b = defaults;
    Optional<String> scale = config(BUDGET_SCALE);
    if (scale.isPresent()) {
      double factor;
      try {
        factor = Double.parseDouble(scale.get().trim());
      } catch (NumberFormatException e) {
        throw new SlotHunterException(io.github.slothunter.api.ErrorCode.INVALID_INPUT,
            "config " + BUDGET_SCALE + " must be a positive number: '" + scale.get() + "'", e);
      }
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw SlotHunterException.invalid("config " + BUDGET_SCALE, "must be a positive number: '" + scale.get() + "'");
      }
      b = b.scaled(factor);
    }
    int perMinute = positiveInt(BUDGET_PER_MINUTE, b.perMinute());
    int perHour = config(BUDGET_PER_HOUR).isPresent() ? positiveInt(BUDGET_PER_HOUR, b.perHour())
        : Math.max(perMinute, (int) Math.min(Integer.MAX_VALUE, (long) b.perHour() * perMinute / b.perMinute()));
    return b.withPerMinute(perMinute).withPerHour(perHour)
        .withMaxInFlight(positiveInt(BUDGET_MAX_IN_FLIGHT, b.maxInFlight()));
  }

  @Override
  public String toString() {
    return "ProviderContext[" + providerId + ", keys=" + config.keySet() + "]";
  }

  /** Builds a {@link ProviderContext}; not thread-safe. */
  public static final class Builder {
    private final String providerId;
    private final Map<String, String> config = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<String> systemProperties = System::getProperty;
    private UnaryOperator<String> environment = System::getenv;
    private final Map<Class<?>, Object> extensions = new HashMap<>();

    private Builder(String providerId) {
      this.providerId = new io.github.slothunter.api.DoctorRef(providerId, "x").providerId();
    }

    /** Sets one explicit configuration value (wins over system properties and environment). */
    public Builder config(String key, String value) {
      config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets several explicit configuration values. */
    public Builder config(Map<String, String> values) {
      values.forEach(this::config);
      return this;
    }

    /** Hands the provider an object by type (see {@link ProviderContext#extension}); replaces one of the same type. */
    public <T> Builder extension(Class<T> type, T value) {
      Objects.requireNonNull(type, "type");
      extensions.put(type, type.cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /** The clock providers use; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Reads system properties from the given object instead of the JVM's (for tests). */
    public Builder systemProperties(Properties value) {
      Objects.requireNonNull(value, "systemProperties");
      this.systemProperties = value::getProperty;
      return this;
    }

    /** Reads environment variables from the given map instead of the process's (for tests). */
    public Builder environment(Map<String, String> value) {
      Map<String, String> copy = Map.copyOf(value);
      this.environment = copy::get;
      return this;
    }

    /** Builds the context. */
    public ProviderContext build() {
      return new ProviderContext(this);
    }
  }
}
