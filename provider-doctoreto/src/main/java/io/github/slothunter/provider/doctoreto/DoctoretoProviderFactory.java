package io.github.slothunter.provider.doctoreto;

import io.github.slothunter.provider.doctoreto.internal.DoctoretoProvider;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import java.util.Objects;

/**
 * Creates {@link Provider}s for Doctoreto (doctoreto.com). Listed in
 * {@code META-INF/services/io.github.slothunter.spi.ProviderFactory}, so
 * {@link io.github.slothunter.spi.Providers#discover()} finds it under {@value #ID}.
 *
 * <p>Configuration keys, read through {@link ProviderContext} (explicit config, then the system
 * property {@code slothunter.doctoreto.<key>}, then {@code SLOTHUNTER_DOCTORETO_<KEY>}):
 *
 * <ul>
 *   <li>{@value #WWW_URL} (default {@value #DEFAULT_WWW_URL}): the website, for profile pages and
 *       booking links;
 *   <li>{@value #API_URL} (default {@value #DEFAULT_API_URL}): the patient JSON API;
 *   <li>{@code base-url}: one URL that serves both (a mirror, a proxy, the testkit's fake);
 *   <li>{@code timeout} (default 10s), {@code user-agent} (default: a desktop browser's), and the
 *       {@code budget-*} overrides of the default budget of 20 requests a minute, 300 an hour,
 *       2 in flight;
 *   <li>{@value #PROFILE_PATH}, {@value #SHORT_PROFILE_PATH}, {@value #DAY_DATE_FIELD}, {@value #SLOT_START_FIELD},
 *       {@value #SLOT_END_FIELD}, {@value #SLOT_DURATION_FIELD}, {@value #SLOT_LENGTH},
 *       {@value #FREE_STATUS}, {@value #SLOT_CACHE_TTL}: corrections for the parts of the site's
 *       protocol that nobody has verified (field-name keys take a comma-separated list of
 *       candidates, tried in order; a dot walks into nested objects).
 * </ul>
 *
 * <p>Thread-safe and stateless; each created provider owns its HTTP client until closed.
 */
public final class DoctoretoProviderFactory implements ProviderFactory {
  /** The provider id, {@value}. */
  public static final String ID = "doctoreto";
  /** Config key for the website's base URL. */
  public static final String WWW_URL = "www-url";
  /** Config key for the patient API's base URL. */
  public static final String API_URL = "api-url";
  /** The website's default base URL. */
  public static final String DEFAULT_WWW_URL = "https://doctoreto.com";
  /** The patient API's default base URL. */
  public static final String DEFAULT_API_URL = "https://api.doctoreto.com";
  /**
   * Config key: the profile path template, with {@code {slug}} and {@code {code}}; default
   * {@code /doctor/{slug}/{code}}.
   */
  public static final String PROFILE_PATH = "profile-path";
  /**
   * Config key: the short link template, with {@code {code}} only, fetched once (its redirect
   * followed once) to learn the slug of a doctor known by code alone; default {@code /doctor/{code}}.
   */
  public static final String SHORT_PROFILE_PATH = "short-profile-path";
  /** Config key: candidate names of a calendar day's date field. */
  public static final String DAY_DATE_FIELD = "day-date-field";
  /** Config key: candidate names of a time slot's start field. */
  public static final String SLOT_START_FIELD = "slot-start-field";
  /** Config key: candidate names of a time slot's end field. */
  public static final String SLOT_END_FIELD = "slot-end-field";
  /** Config key: candidate names of a time slot's length field, in minutes. */
  public static final String SLOT_DURATION_FIELD = "slot-duration-field";
  /** Config key: the slot length used when a slot has no end or length field; default 15 minutes. */
  public static final String SLOT_LENGTH = "slot-length";
  /** Config key: the comma-separated {@code status} values that mean free; default {@code 1}. */
  public static final String FREE_STATUS = "free-status";
  /**
   * Config key: how long one calendar response may answer {@code freeSlots} calls after the
   * {@code freeDays} call that fetched it; default 5s, {@code 0} or {@code off} disables.
   */
  public static final String SLOT_CACHE_TTL = "slot-cache-ttl";

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public DoctoretoProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * Creates a provider; no network I/O happens here.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code INVALID_INPUT} for a malformed
   *     configuration value, naming the key
   */
  @Override
  public Provider create(ProviderContext context) {
    Objects.requireNonNull(context, "context");
    return new DoctoretoProvider(context);
  }

  @Override
  public String toString() {
    return "DoctoretoProviderFactory";
  }
}
