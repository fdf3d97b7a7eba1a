package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.Paziresh24Config;
import io.github.slothunter.spi.ProviderContext;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The provider's configuration, read once from the {@link ProviderContext} and validated.
 *
 * @param www base of the website
 * @param apigw base of the API gateway
 * @param drprofile base of the profile service
 * @param api base of the app API
 * @param bookingEndpoint where the booking RPCs go
 * @param terminalMode how the terminal id is obtained
 * @param formEncoding how POST forms are encoded
 * @param profileFallback whether lookup reads the JSON full profile first, falling back to the page
 * @param timeout whole-call timeout
 * @param userAgent the User-Agent header
 * @param holdTtl assumed hold lifetime
 * @param sessionTtl assumed session lifetime
 * @param otpTtl assumed SMS code lifetime
 * @param hamdast base of the Hamdast widget service (pre-booking widgets, spec 5.9)
 * @param bookingTimeout whole-call timeout of the calls that change something on the site
 */
public record Paziresh24Settings(HttpUrl www, HttpUrl apigw, HttpUrl drprofile, HttpUrl api,
    BookingEndpoint bookingEndpoint, TerminalMode terminalMode, FormEncoding formEncoding, boolean profileFallback,
    Duration timeout, String userAgent, Duration holdTtl, Duration sessionTtl, Duration otpTtl, HttpUrl hamdast,
    Duration bookingTimeout) {

  /** Default whole-call timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** The default {@code booking-timeout} is this many times {@code timeout} (see {@link Paziresh24Config#BOOKING_TIMEOUT}). */
  public static final int BOOKING_TIMEOUT_FACTOR = 3;
  /** Default hold lifetime: UNVERIFIED (spec 5 step 4: S2 docs say 300 s, LOW). */
  public static final Duration DEFAULT_HOLD_TTL = Duration.ofMinutes(5);
  /** Default session lifetime: UNVERIFIED (spec 7: token lifetime UNKNOWN). */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(24);
  /** Default SMS code lifetime: UNVERIFIED. */
  public static final Duration DEFAULT_OTP_TTL = Duration.ofMinutes(2);
  /**
   * Default User-Agent. Honest rather than a browser imitation; S2 sends a browser string (spec 2,
   * MED: "likely needed to pass WAF"), which hosts can configure with {@code user-agent}.
   */
  public static final String DEFAULT_USER_AGENT = "SlotHunter/0.1 (+https://github.com/slothunter/slothunter)";

  /** Where the booking RPCs go (config {@code booking-endpoint}). */
  public enum BookingEndpoint {
    /** {@code <apigw>/booking/v2/<name>}. */
    APIGW,
    /** {@code <www>/api/<name>}. */
    WWW
  }

  /** How the terminal id is obtained (config {@code terminal-mode}). */
  public enum TerminalMode {
    /** Made locally only, in the real shape: {@code clinic-} + PHP {@code uniqid("", true)} from the clock. */
    GENERATE,
    /** The default: asked from {@code /api/setTerminal} once, on first need; made locally when that fails. */
    SET_TERMINAL
  }

  /** POST body encoding (config {@code form-encoding}). */
  public enum FormEncoding {
    /** {@code application/x-www-form-urlencoded}. */
    URLENCODED,
    /** {@code multipart/form-data}. */
    MULTIPART
  }

  /**
   * Reads and validates the configuration.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} naming the bad key
   */
  public static Paziresh24Settings from(ProviderContext context) {
    try {
      return read(context);
    } catch (SlotHunterException e) {
      throw SlotHunterException.builder(e.code()).providerId(ResponseClassifier.PROVIDER)
          .message("paziresh24 configuration: " + e.getMessage().replaceFirst("^[A-Z_]+: ", "")).cause(e).build();
    }
  }

  private static Paziresh24Settings read(ProviderContext context) {
    Duration timeout = context.duration(ProviderContext.TIMEOUT, DEFAULT_TIMEOUT);
    return new Paziresh24Settings(
        url(context, Paziresh24Config.WWW_URL, Paziresh24Config.DEFAULT_WWW_URL),
        url(context, Paziresh24Config.APIGW_URL, Paziresh24Config.DEFAULT_APIGW_URL),
        url(context, Paziresh24Config.DRPROFILE_URL, Paziresh24Config.DEFAULT_DRPROFILE_URL),
        url(context, Paziresh24Config.API_URL, Paziresh24Config.DEFAULT_API_URL),
        choice(context, Paziresh24Config.BOOKING_ENDPOINT, BookingEndpoint.class, BookingEndpoint.APIGW),
        choice(context, Paziresh24Config.TERMINAL_MODE, TerminalMode.class, TerminalMode.SET_TERMINAL),
        choice(context, Paziresh24Config.FORM_ENCODING, FormEncoding.class, FormEncoding.URLENCODED),
        bool(context, Paziresh24Config.PROFILE_FALLBACK, true),
        timeout,
        userAgent(context),
        context.duration(Paziresh24Config.HOLD_TTL, DEFAULT_HOLD_TTL),
        context.duration(Paziresh24Config.SESSION_TTL, DEFAULT_SESSION_TTL),
        context.duration(Paziresh24Config.OTP_TTL, DEFAULT_OTP_TTL),
        url(context, Paziresh24Config.HAMDAST_URL, Paziresh24Config.DEFAULT_HAMDAST_URL),
        context.duration(Paziresh24Config.BOOKING_TIMEOUT, timeout.multipliedBy(BOOKING_TIMEOUT_FACTOR)));
  }

  /** The base URL of a host. */
  public HttpUrl base(Paziresh24Endpoints.Host host) {
    switch (host) {
      case WWW:
        return www;
      case APIGW:
        return apigw;
      case DRPROFILE:
        return drprofile;
      case API:
        return api;
      case HAMDAST:
        return hamdast;
      default:
        return bookingEndpoint == BookingEndpoint.WWW ? www : apigw;
    }
  }

  /**
   * The URL of an endpoint: its host's base, the booking prefix for {@link Paziresh24Endpoints.Host#BOOKING},
   * then the path with each {@code {}} replaced by the next argument as one encoded segment.
   */
  public HttpUrl.Builder url(Paziresh24Endpoints.Endpoint endpoint, String... segments) {
    HttpUrl.Builder b = base(endpoint.host()).newBuilder();
    if (endpoint.host() == Paziresh24Endpoints.Host.BOOKING) {
      b.addPathSegments(bookingEndpoint == BookingEndpoint.WWW
          ? Paziresh24Endpoints.BOOKING_PREFIX_WWW : Paziresh24Endpoints.BOOKING_PREFIX_APIGW);
    }
    int next = 0;
    for (String part : endpoint.path().split("/", -1)) {
      if (part.equals("{}")) {
        b.addPathSegment(segments[next++]);
      } else {
        // an empty last part keeps the trailing slash the site's routes use
        b.addPathSegment(part);
      }
    }
    return b;
  }

  private static HttpUrl url(ProviderContext context, String key, String defaultUrl) {
    String v = context.url(key, defaultUrl);
    try {
      return HttpUrl.get(v);
    } catch (IllegalArgumentException e) {
      throw new SlotHunterException(ErrorCode.INVALID_INPUT, "config " + key + " is not a usable URL: '" + v + "'", e);
    }
  }

  private static <E extends Enum<E>> E choice(ProviderContext context, String key, Class<E> type, E defaultValue) {
    String raw = context.config(key, defaultValue.name());
    String normal = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(normal)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw SlotHunterException.invalid("config " + key, "must be one of " + allowed + ": '" + raw + "'");
  }

  private static boolean bool(ProviderContext context, String key, boolean defaultValue) {
    String raw = context.config(key, Boolean.toString(defaultValue)).strip().toLowerCase(Locale.ROOT);
    if (raw.equals("true")) {
      return true;
    }
    if (raw.equals("false")) {
      return false;
    }
    throw SlotHunterException.invalid("config " + key, "must be true or false: '" + raw + "'");
  }

  private static String userAgent(ProviderContext context) {
    String ua = context.config(ProviderContext.USER_AGENT, DEFAULT_USER_AGENT);
    for (int i = 0; i < ua.length(); i++) {
      char c = ua.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw SlotHunterException.invalid("config " + ProviderContext.USER_AGENT,
            "must be printable ASCII (an HTTP header value)");
      }
    }
    return ua;
  }
}
