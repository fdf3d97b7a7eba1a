package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.Paziresh24Config;
import io.github.slothunter.spi.AreaSearch;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.SlotWatcher;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paziresh24 {@link Provider}: one OkHttp client, one terminal id, one configuration.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class Paziresh24Provider implements Provider {
  private static final Logger log = LoggerFactory.getLogger(Paziresh24Provider.class);
  /**
   * A guess: the site publishes no limits; S2 docs claim about 20/min and 300/h (spec 2, LOW). Raise or
   * lower it with the {@code budget-scale} config key (or the other {@code budget-*} keys).
   */
  public static final RequestBudget DEFAULT_BUDGET = RequestBudget.of(20, 300, 3);

  private final ProviderInfo info;
  private final DoctorLinkParser links;
  private final Paziresh24Client client;
  private final Paziresh24SlotWatcher slots;
  private final Paziresh24Booker booker;
  private final Paziresh24Authenticator authenticator;
  private final Paziresh24Search search;
  private final Paziresh24AreaSearch areaSearch;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates a provider from a context (no network I/O).
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for a malformed configuration value or an
   *     unreadable {@code area-vocabulary} file (the one local file read here)
   */
  public Paziresh24Provider(ProviderContext context) {
    Objects.requireNonNull(context, "context");
    Paziresh24Settings settings = Paziresh24Settings.from(context);
    this.info = new ProviderInfo(ResponseClassifier.PROVIDER, "Paziresh24", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.HOLD, Capability.BOOK, Capability.CANCEL,
            Capability.LOGIN, Capability.SEARCH, Capability.BOOKING_LINK, Capability.READ_BACK,
            Capability.MOVE, Capability.RECLAIM_HOLD, Capability.ACCOUNT_PATIENTS, Capability.AREA_SEARCH),
        context.budget(DEFAULT_BUDGET));
    // links to the configured website (a mirror, a local fake) parse too
    HttpUrl www = settings.www();
    this.links = DoctorLinkParser.alsoAccepting(www.host() + ":" + www.port());
    Paziresh24Http http = new Paziresh24Http(settings, context.clock(),
        context.extension(okhttp3.OkHttpClient.class).orElse(null));
    this.client = new Paziresh24Client(settings, http, new Terminal(settings, http, context.clock()), context.clock());
    this.slots = new Paziresh24SlotWatcher(client);
    this.booker = new Paziresh24Booker(client, this::bookingLink);
    this.authenticator = new Paziresh24Authenticator(client);
    this.search = new Paziresh24Search(client);
    this.areaSearch = new Paziresh24AreaSearch(client, context.config(Paziresh24Config.AREA_VOCABULARY)
        .map(file -> Paziresh24Vocabulary.from(Path.of(file))).orElseGet(Paziresh24Vocabulary::builtIn),
        context.clock());
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    return links.parseLink(urlOrSlug);
  }

  /**
   * {@inheritDoc} With {@code profile-fallback} on (the default) the JSON full profile (spec 3B, HIGH,
   * preferred by the spec) is read first and the profile page (spec 3A) only when that fails; with it
   * off only the page is read.
   */
  @Override
  public Doctor lookup(DoctorRef ref) {
    Objects.requireNonNull(ref, "ref");
    if (!ResponseClassifier.PROVIDER.equals(ref.providerId())) {
      throw ResponseClassifier.error(ErrorCode.INVALID_INPUT, Endpoint.PROFILE_PAGE,
          "doctor " + ref + " belongs to another provider").build();
    }
    SlotHunterException jsonFailure = null;
    if (client.settings.profileFallback()) {
      try {
        String json = client.get(Endpoint.FULL_PROFILE, client.settings.url(Endpoint.FULL_PROFILE, ref.key()).build(),
            null).body();
        return ProfileParser.parseFullProfile(ref, json);
      } catch (SlotHunterException e) {
        log.debug("paziresh24 JSON profile for {} failed ({}); reading the profile page", ref, e.code());
        jsonFailure = e;
      }
    }
    String html;
    try {
      html = client.get(Endpoint.PROFILE_PAGE, client.settings.url(Endpoint.PROFILE_PAGE, ref.key()).build(), null)
          .body();
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        throw ResponseClassifier.error(ErrorCode.NOT_FOUND, Endpoint.PROFILE_PAGE,
            "no doctor with slug '" + ref.key() + "'").cause(e).build();
      }
      throw e;
    }
    Optional<Doctor> doctor = ProfileParser.parseServerRendered(ref, html);
    if (doctor.isPresent()) {
      return doctor.get();
    }
    if (jsonFailure == null) {
      throw ProfileParser.noServerSideData();
    }
    throw ResponseClassifier.error(ErrorCode.PROVIDER_UNAVAILABLE, Endpoint.PROFILE_PAGE,
        "the JSON profile failed (" + jsonFailure.code() + ") and the profile page came without data; retry later")
        .cause(jsonFailure).build();
  }

  @Override
  public SlotWatcher slots() {
    return slots;
  }

  @Override
  public Optional<Booker> booker() {
    return Optional.of(booker);
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.of(authenticator);
  }

  @Override
  public Optional<DoctorSearch> search() {
    return Optional.of(search);
  }

  /**
   * {@inheritDoc} Spec 9's search, sorted by first free turn, up to 50 doctors a request; cities and
   * specialties from a built-in table (UNVERIFIED) or {@link Paziresh24Config#AREA_VOCABULARY}.
   */
  @Override
  public Optional<AreaSearch> areaSearch() {
    return Optional.of(areaSearch);
  }

  /** {@code <www>/booking/<slug>?centerId=..&serviceId=..}, the site's own booking page (spec 3). */
  @Override
  public Optional<URI> bookingLink(Slot slot) {
    Objects.requireNonNull(slot, "slot");
    Target target = slot.target();
    if (!ResponseClassifier.PROVIDER.equals(target.providerId())) {
      return Optional.empty();
    }
    return Optional.of(client.settings.www().newBuilder()
        .addPathSegment(Paziresh24Endpoints.BOOKING_PAGE)
        .addPathSegment(target.ref().key())
        .addQueryParameter("centerId", target.centerId())
        .addQueryParameter("serviceId", target.serviceId())
        .build().uri());
  }

  /**
   * The terminal id this instance sends when a call has no session of its own (for diagnostics; not a
   * secret). With {@code terminal-mode=set-terminal} (the default) the first call may ask the site for
   * it: one request.
   */
  public String terminalId() {
    return client.terminal.id();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.http.close();
    }
  }

  @Override
  public String toString() {
    return "Paziresh24Provider[www=" + client.settings.www() + ", bookingEndpoint="
        + client.settings.bookingEndpoint() + "]";
  }
}
