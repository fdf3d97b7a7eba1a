package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The Doctoreto provider: lookup from the profile page's {@code __NEXT_DATA__}, free slots from the
 * patient API, booking by hand-off link. Thread-safe; calls after {@link #close()} fail with
 * {@link IllegalStateException}.
 *
 * <p>What it deliberately does not offer:
 *
 * <ul>
 *   <li>{@link #booker()}: the site's hold/reserve/payment calls are not publicly known; booking is
 *       a hand-off through {@link #bookingLink(Slot)};
 *   <li>{@link #authenticator()}: only the OTP send step ({@code accounts/register}) is known, and
 *       it is captcha-protected; the verify step is unknown, so an authenticator could never finish a
 *       login, which is worse than none (and each attempt would send a real SMS);
 *   <li>{@link #search()}: the only known listing routes are HTML pages with unverified shapes.
 * </ul>
 */
public final class DoctoretoProvider implements Provider {
  /**
   * A guess, used when the context overrides nothing: the site publishes no limits, so stay gentle. Raise
   * or lower it with the {@code budget-scale} config key (or the other {@code budget-*} keys).
   */
  static final RequestBudget DEFAULT_BUDGET = RequestBudget.of(20, 300, 2);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_SLOT_CACHE_TTL = Duration.ofSeconds(5);
  static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private final ProviderInfo info;
  private final HttpUrl www;
  private final Headers pageHeaders;
  private final DoctoretoHttp http;
  private final DoctoretoAssumptions assumptions;
  private final DoctoretoProfileParser profiles;
  private final DoctoretoSlotWatcher slots;
  private final HttpUrl api;
  private final Headers apiHeaders;
  private final ObjectMapper json;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates a provider from its context; no I/O.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code INVALID_INPUT} naming a malformed config key
   */
  public DoctoretoProvider(ProviderContext context) {
    Objects.requireNonNull(context, "context");
    this.www = HttpUrl.get(context.url(DoctoretoProviderFactory.WWW_URL, DoctoretoProviderFactory.DEFAULT_WWW_URL));
    HttpUrl api = HttpUrl.get(context.url(DoctoretoProviderFactory.API_URL, DoctoretoProviderFactory.DEFAULT_API_URL));
    this.assumptions = DoctoretoAssumptions.from(context);
    Duration cacheTtl = cacheTtl(context);
    String userAgent = context.config(ProviderContext.USER_AGENT, DEFAULT_USER_AGENT);
    this.info = new ProviderInfo(DoctoretoProviderFactory.ID, "Doctoreto", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.BOOKING_LINK),
        context.budget(DEFAULT_BUDGET));
    this.http = new DoctoretoHttp(context.duration(ProviderContext.TIMEOUT, DEFAULT_TIMEOUT), context.clock(),
        context.extension(okhttp3.OkHttpClient.class).orElse(null));
    this.pageHeaders = new Headers.Builder()
        .add("User-Agent", userAgent)
        .add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .add("Accept-Language", "fa-IR,fa;q=0.9,en;q=0.8")
        .build();
    Headers apiHeaders = new Headers.Builder()
        .add("User-Agent", userAgent)
        .add("Accept", "application/json")
        .add("Origin", origin(www))
        .add("Referer", origin(www) + "/")
        .build();
    ObjectMapper json = new ObjectMapper();
    this.profiles = new DoctoretoProfileParser(json);
    this.slots = new DoctoretoSlotWatcher(http, api, apiHeaders, json, assumptions, context.clock(), cacheTtl,
        DoctoretoSlotWatcher.MAX_CACHED);
    this.api = api;
    this.apiHeaders = apiHeaders;
    this.json = json;
  }

  private static Duration cacheTtl(ProviderContext context) {
    String raw = context.config(DoctoretoProviderFactory.SLOT_CACHE_TTL, "");
    if (raw.equals("0") || raw.equalsIgnoreCase("off")) {
      return Duration.ZERO;
    }
    return context.duration(DoctoretoProviderFactory.SLOT_CACHE_TTL, DEFAULT_SLOT_CACHE_TTL);
  }

  private static String origin(HttpUrl url) {
    return url.newBuilder().encodedPath("/").query(null).fragment(null).build().toString().replaceAll("/$", "");
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    Objects.requireNonNull(urlOrSlug, "urlOrSlug");
    return DoctoretoLinks.parse(urlOrSlug);
  }

  /**
   * Fetches the profile page {@code /doctor/{slug}/{code}} and reads the doctor from it. A key
   * without a slug (a short link, or a key stored before slugs were kept) first costs one request
   * to the short link {@code /doctor/{code}}, whose 301/302 redirect is followed once to learn the
   * slug; the returned {@link Doctor#ref()} then carries the slug, so targets made from it never
   * need the short link again. That the site serves the short link is UNVERIFIED (no public client
   * requests it): when it answers 404 or anything but a redirect to this doctor's profile, the
   * lookup fails with {@code NOT_FOUND} asking for the full profile link.
   */
  @Override
  public Doctor lookup(DoctorRef ref) {
    Objects.requireNonNull(ref, "ref");
    ensureOpen();
    if (!DoctoretoErrors.PROVIDER_ID.equals(ref.providerId())) {
      throw DoctoretoErrors.invalid("doctor " + ref + " belongs to provider " + ref.providerId());
    }
    if (!DoctoretoLinks.isKey(ref.key())) {
      throw DoctoretoErrors.invalid("doctor key '" + ref.key()
          + "' is not a Doctoreto doctor key ({slug}~{code} or a six-character code)");
    }
    String code = DoctoretoLinks.codeOf(ref.key());
    String slug = DoctoretoLinks.slugOf(ref.key()).orElseGet(() -> slugFromShortLink(code));
    DoctorRef canonical = new DoctorRef(DoctoretoErrors.PROVIDER_ID, slug + DoctoretoLinks.SEPARATOR + code);
    HttpUrl url = www.newBuilder().addEncodedPathSegments(assumptions.profilePath(slug, code).substring(1)).build();
    DoctoretoHttp.Page page = http.get(url, pageHeaders, "doctor page " + code);
    if (!page.url().pathSegments().contains(code)) {
      // The page redirected somewhere that is not this doctor's page (the home page, a search).
      throw DoctoretoErrors.notFound("doctor " + code + " does not exist (redirected to " + page.url().encodedPath() + ")");
    }
    // A renamed slug may redirect to the new canonical page: keep the slug the site ended on.
    DoctorRef named = DoctoretoLinks.doctorPath(nonEmpty(page.url().encodedPathSegments()))
        .filter(r -> DoctoretoLinks.codeOf(r.key()).equals(code) && DoctoretoLinks.slugOf(r.key()).isPresent())
        .orElse(canonical);
    return profiles.parse(named, code, page.body());
  }

  /** One request to the short link; its redirect's target names the slug. */
  private String slugFromShortLink(String code) {
    HttpUrl shortUrl = www.newBuilder().addEncodedPathSegments(assumptions.shortProfilePath(code).substring(1)).build();
    String what = "short link " + shortUrl.encodedPath();
    String paste = "; paste the doctor's full profile link (" + origin(www) + "/doctor/{slug}/" + code
        + ", as the address bar shows it on the doctor's page)";
    DoctoretoHttp.Hop hop = http.getOnce(shortUrl, pageHeaders, what);
    if (hop.status() == 404 || hop.status() == 410) {
      throw DoctoretoErrors.notFound("doctor " + code + ": the site does not serve " + what
          + " (HTTP " + hop.status() + ")" + paste);
    }
    if (hop.status() == 429 || hop.status() >= 500) {
      throw http.failure(hop, what);
    }
    if (!hop.isRedirect()) {
      throw DoctoretoErrors.notFound("doctor " + code + ": " + what + " answered HTTP " + hop.status()
          + " instead of redirecting to the profile page" + paste);
    }
    HttpUrl to = hop.location();
    Optional<DoctorRef> target = to == null ? Optional.empty() : DoctoretoLinks.doctorPath(nonEmpty(to.encodedPathSegments()));
    Optional<String> slug = target.filter(r -> DoctoretoLinks.codeOf(r.key()).equals(code))
        .flatMap(r -> DoctoretoLinks.slugOf(r.key()));
    return slug.orElseThrow(() -> DoctoretoErrors.notFound("doctor " + code + ": " + what + " redirected to "
        + (to == null ? "nowhere" : to.encodedPath()) + ", not to this doctor's profile page" + paste));
  }

  private static List<String> nonEmpty(List<String> segments) {
    return segments.stream().filter(s -> !s.isEmpty()).toList();
  }

  /**
   * The cities Doctoreto lists, with their centre points, from {@code GET <api>/api/web/patient/v1/regions/
   * cities/available} (spec 8, MED): one request per call (cache it). Not an {@code AreaSearch}: the spec
   * shows no JSON doctor search, and the HTML listing's {@code __NEXT_DATA__} query (key, paging, filters)
   * is not documented, so {@link #areaSearch()} stays empty.
   *
   * @throws io.github.slothunter.api.SlotHunterException {@code PROTOCOL} for another shape, and the usual
   *     HTTP codes (429 {@code RATE_LIMITED}, 5xx {@code PROVIDER_UNAVAILABLE}, 404 {@code NOT_FOUND})
   */
  public List<Place> cities() {
    HttpUrl url = api.newBuilder().addPathSegments(DoctoretoCities.PATH).build();
    return DoctoretoCities.parse(http.get(url, apiHeaders, "city list").body(), json);
  }

  @Override
  public SlotWatcher slots() {
    ensureOpen();
    return new SlotWatcher() {
      @Override
      public List<LocalDate> freeDays(Target target) {
        ensureOpen();
        return slots.freeDays(target);
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        ensureOpen();
        return slots.freeSlots(target, day);
      }
    };
  }

  /** Always empty: Doctoreto's booking calls are unknown; use {@link #bookingLink(Slot)}. */
  @Override
  public Optional<Booker> booker() {
    return Optional.empty();
  }

  /** Always empty: the OTP verify step is unknown and sending is captcha-protected (see the class doc). */
  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  /** Always empty: Doctoreto has no documented search API. */
  @Override
  public Optional<DoctorSearch> search() {
    return Optional.empty();
  }

  /**
   * The site's reserve page for the slot, {@code /reserve/consultation?item_type=0&item_id={id}};
   * empty for another provider's slot.
   */
  @Override
  public Optional<URI> bookingLink(Slot slot) {
    Objects.requireNonNull(slot, "slot");
    if (!DoctoretoErrors.PROVIDER_ID.equals(slot.target().providerId())) {
      return Optional.empty();
    }
    return Optional.of(www.newBuilder()
        .addPathSegments("reserve/consultation")
        .addQueryParameter("item_type", "0")
        .addQueryParameter("item_id", slot.providerSlotKey())
        .build()
        .uri());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.close();
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the Doctoreto provider is closed");
    }
  }

  @Override
  public String toString() {
    return "DoctoretoProvider[" + www + "]";
  }
}
