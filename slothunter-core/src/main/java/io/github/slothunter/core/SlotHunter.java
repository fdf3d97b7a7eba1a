package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotListener;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.internal.Engine;
import io.github.slothunter.core.internal.EngineMetrics;
import io.github.slothunter.core.internal.MetricsLoader;
import io.github.slothunter.core.internal.ProviderRuntime;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.Providers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SlotHunter engine: register watches, receive events, let it poll and book.
 *
 * <pre>{@code
 * try (SlotHunter hunter = SlotHunter.builder().build()) {      // providers found on the class path
 *   hunter.listen(event -> System.out.println(event));
 *   hunter.watch(WatchRequest.of("user-42", "https://www.paziresh24.com/dr/dr-sara-ahmadi/")
 *       .timeOfDay(LocalTime.of(8, 0), LocalTime.of(12, 0)));
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Coalescing.</b> All watches on one {@link Target} share one poll stream; cost grows with
 * distinct targets, not with users. <b>Polls</b> ask the provider's
 * {@link io.github.slothunter.spi.SlotWatcher#freeCalendar} first: where the site answers a
 * calendar's slots with its free days (Paziresh24: the next ~10 days in one request), a poll is one
 * request; a fully booked calendar is one request and a healthy, empty answer. Wanted free days the
 * answer left out cost one request each; days past its window are read on the first poll and then
 * every fifth. A calendar whose online booking the site switched off pauses its watches
 * ({@link io.github.slothunter.api.HealthState#BOOKING_OFF}) and is re-checked once a day.
 * <b>Budget.</b> Requests to a provider never exceed its
 * {@link RequestBudget} (per minute, per hour, in flight), whatever the number of watches; rate
 * limits pause the provider and lower its rate, a circuit breaker pauses a failing provider.
 * <b>Events</b> are delivered on separate threads, in order per watch (see {@link SlotListener}).
 * <b>Auto-booking</b> holds first, then books, and releases every hold it did not use, including on
 * {@link #close()}.
 *
 * <p><b>Several instances.</b> Engines sharing a store whose {@link Store#leases()} are shared (the
 * JDBC store on PostgreSQL) divide the work: each target is leased to one live instance, which polls
 * it and emits its watches' events; every third of the lease time an instance renews its leases,
 * claims free or expired ones, gives back what exceeds its fair share
 * ({@code ceil(targets / live instances)}), and picks up watches added or cancelled elsewhere. Each
 * provider's budget is split evenly: with N live instances each uses 1/N of the per-minute,
 * per-hour and in-flight limits, so together they stay within it. An instance that dies loses its
 * targets after one lease time ({@link Builder#leaseTime}). Instance clocks must agree to well
 * within the lease time.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class SlotHunter implements AutoCloseable {
  private final Engine engine;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SlotAnalytics analytics;

  private SlotHunter(Engine engine, Store store, Clock clock) {
    this.engine = engine;
    this.analytics = new SlotAnalytics(this, store, engine.forecaster(), clock);
  }

  /**
   * Slot analytics over the recorded history and the release forecast: releases by hour of week,
   * how long slots stay free, detection latency, the next 24 hours' forecast, booking success, and
   * recommendations. Thread-safe.
   */
  public SlotAnalytics analytics() {
    return analytics;
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a watch. With a doctor link this parses it and looks the doctor up (one request
   * from the provider's budget, shared with every other lookup of the same doctor in the last ten
   * minutes); nothing is registered if anything fails.
   *
   * <p>The lookup waits its turn in the provider's lookup queue, inside the request budget, as long
   * as that takes: a busy budget never fails a watch, and a rate limit from the site is waited out
   * and tried again. Registering many doctors at once? Use {@link #watchAsync} and show
   * {@link #lookupProgress()}. In {@linkplain Builder#manualScheduling() manual mode} there is no one
   * to wait: the lookup is tried once and fails with {@code BUDGET_SPENT} when no token is free.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for a link no provider understands,
   *     {@code NOT_FOUND} for an unknown doctor or one without bookable services,
   *     {@code QUOTA_EXCEEDED} when the owner's plan does not allow it, and provider errors from the lookup
   * @throws IllegalStateException if the engine is closed (also while waiting)
   *
   * <p>An {@linkplain WatchRequest#area(String, io.github.slothunter.api.AreaQuery) area watch} is listed
   * now instead (the provider's cities and specialties, cached for a day, and the area's search pages):
   * {@code NOT_FOUND} names the closest cities or specialties when a word matches none,
   * {@code INVALID_INPUT} names the count when the area has more doctors than the query's cap,
   * {@code UNSUPPORTED} when the provider has no area search. The watch returned has the area
   * ({@link Watch#area()}) and, as targets, the members' calendars polled now.
   */
  public Watch watch(WatchRequest request) {
    Objects.requireNonNull(request, "request");
    return engine.watch(request);
  }

  /**
   * Registers a watch without waiting for its doctor's lookup: the lookup is queued inside the
   * provider's budget (first come, first served; cached and shared like {@link #watch}'s) and the
   * watch is registered when it is answered. Register hundreds of doctors this way and show
   * {@link #lookupProgress()} ("looked up 12 of 300 doctors") while they start.
   *
   * <p>Bad input and a full quota throw at once, as {@link #watch} does; what only the lookup can
   * tell (an unknown doctor, a site that keeps failing, a quota filled meanwhile) completes the future
   * exceptionally with a {@link SlotHunterException}. In manual mode the lookups run in
   * {@link #runDue()}. Closing the engine fails the futures still waiting.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} or {@code QUOTA_EXCEEDED}, at once
   * @throws IllegalStateException if the engine is closed
   */
  public java.util.concurrent.CompletableFuture<Watch> watchAsync(WatchRequest request) {
    Objects.requireNonNull(request, "request");
    return engine.watchAsync(request);
  }

  /** What the doctor lookups of every provider have done and have left (see {@link #watchAsync}). */
  public LookupProgress lookupProgress() {
    return engine.lookupProgress(null);
  }

  /** The owner's watches, oldest first. */
  public List<Watch> watches(String owner) {
    Objects.requireNonNull(owner, "owner");
    return engine.watches(owner);
  }

  /** A watch by id. */
  public Optional<Watch> find(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    return engine.find(watchId);
  }

  /**
   * Cancels a watch: no more events; a hold it is making is released.
   *
   * @return whether the watch existed
   */
  public boolean cancel(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    return engine.cancel(watchId);
  }

  /**
   * Adds a listener; see {@link SlotListener} for the threading contract. Events published before
   * the first listener was added (for example from watches restored from the store) are delivered
   * to it.
   */
  public Subscription listen(SlotListener listener) {
    Objects.requireNonNull(listener, "listener");
    Runnable remove = engine.listen(listener);
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        remove.run();
      }
    };
  }

  /** The target's free slots as of its last poll; empty if it is not watched or not yet polled. */
  public List<Slot> snapshot(Target target) {
    Objects.requireNonNull(target, "target");
    return engine.snapshot(target);
  }

  /** What the engine has seen on a target. */
  public TargetStats stats(Target target) {
    Objects.requireNonNull(target, "target");
    return engine.stats(target);
  }

  /** What the engine did for an owner. */
  public OwnerStats ownerStats(String owner) {
    Objects.requireNonNull(owner, "owner");
    return engine.ownerStats(owner);
  }

  /** The engine at a glance, with per-provider request accounting. */
  public EngineStats stats() {
    return engine.stats();
  }

  /** The owner's plan (the default plan if none was set). */
  public Plan plan(String owner) {
    Objects.requireNonNull(owner, "owner");
    return engine.planOf(owner);
  }

  /**
   * Sets an owner's plan, for the watches they have and those they register from now on. Each
   * existing watch is saved under the new plan before this returns, then polled at its pace and
   * priority; watches beyond the new plan's quota stop being announced to, and auto-booking stops
   * where the plan has none (their health turns {@code QUOTA}, and {@link
   * io.github.slothunter.api.WatchHealthChanged} tells the owner); an upgrade lifts both.
   *
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown plan name
   */
  public void setPlan(String owner, String planName) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(planName, "planName");
    engine.setPlan(owner, planName, null);
  }

  /**
   * Sets an owner's plan until {@code until} (a subscription), as {@link #setPlan(String, String)}.
   * When it ends (plus the catalogue's {@linkplain Plans#withGrace grace}) the owner falls back to
   * the default plan: watches beyond its quota stop being announced to (the newest first), and
   * auto-booking stops where it has none; their health turns {@code QUOTA}
   * ({@link io.github.slothunter.api.WatchHealthChanged}) and {@link #explain} names the plan that
   * ended. Saved in the {@code Store} before this returns; a restart keeps following it.
   *
   * @param until when the plan ends; {@code null} for never
   * @return what was saved
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown plan; {@code UNSUPPORTED} when the
   *     store cannot keep an end ({@link io.github.slothunter.spi.Store#saveSubscription})
   */
  public io.github.slothunter.api.Subscription setPlan(String owner, String planName, java.time.Instant until) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(planName, "planName");
    return engine.setPlan(owner, planName, until);
  }

  /**
   * Renews an owner's plan for {@code period}: from its current end if the owner is on this plan
   * and it has not ended, else from now (an owner who changes plan starts afresh). Each verified
   * payment should call this once (it is not idempotent: twice is two periods).
   *
   * @return the subscription saved
   * @throws SlotHunterException {@code INVALID_INPUT} for a period that is not positive, {@code NOT_FOUND}
   *     for an unknown plan
   */
  public io.github.slothunter.api.Subscription extendPlan(String owner, String planName, java.time.Duration period) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(planName, "planName");
    return engine.extendPlan(owner, planName, period);
  }

  /** The owner's stored plan and its end, if one was set. */
  public Optional<io.github.slothunter.api.Subscription> subscription(String owner) {
    Objects.requireNonNull(owner, "owner");
    return engine.subscription(owner);
  }

  /**
   * The OTP login of a registered provider, so hosts can obtain the {@link io.github.slothunter.api.AccountSession}
   * auto-booking needs without building the provider themselves.
   *
   * @return empty when the provider is not registered or has no login
   */
  public Optional<io.github.slothunter.spi.Authenticator> authenticator(String providerId) {
    Objects.requireNonNull(providerId, "providerId");
    return engine.authenticator(providerId);
  }

  // ------------------------------------------------------------------ patient books

  /**
   * Saves a person into the owner's patient book under {@code label}, replacing whoever had that label
   * (who keeps the place in {@link #patients}). The store has the write before this returns. Watches
   * already booking for someone keep their own copy of the patient: editing or removing a book entry
   * does not change whom they book for.
   *
   * @return the saved entry (a person entered by hand: not tied to a provider account)
   * @throws SlotHunterException {@code INVALID_INPUT} for a bad owner or label, {@code UNSUPPORTED} when
   *     the store keeps no patient book, {@code STORE_UNAVAILABLE} when it fails
   */
  public io.github.slothunter.api.OwnerPatient savePatient(String owner, String label,
      io.github.slothunter.api.Patient patient) {
    Objects.requireNonNull(patient, "patient");
    io.github.slothunter.api.OwnerPatient entry = new io.github.slothunter.api.OwnerPatient(label, patient);
    engine.savePatient(owner, entry);
    return entry;
  }

  /**
   * Saves an entry into the owner's patient book as {@link #savePatient(String, String,
   * io.github.slothunter.api.Patient)} does, keeping the provider it names (use it to edit an entry that
   * {@link #importAccountPatients} made).
   */
  public void savePatient(String owner, io.github.slothunter.api.OwnerPatient patient) {
    Objects.requireNonNull(patient, "patient");
    engine.savePatient(owner, patient);
  }

  /**
   * The owner's patient book, in the order the entries were first saved; empty for none. Book for one
   * with {@link io.github.slothunter.api.OwnerPatient#autoBook} and {@link WatchRequest#autoBook(
   * io.github.slothunter.api.AutoBook)}.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for a bad owner, {@code STORE_UNAVAILABLE}
   */
  public List<io.github.slothunter.api.OwnerPatient> patients(String owner) {
    return engine.patients(owner);
  }

  /**
   * One entry of the owner's patient book by label (compared after {@link
   * io.github.slothunter.api.OwnerPatient#normaliseLabel cleaning}).
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for a bad owner or label, {@code STORE_UNAVAILABLE}
   */
  public Optional<io.github.slothunter.api.OwnerPatient> patient(String owner, String label) {
    return engine.patient(owner, label);
  }

  /**
   * Removes an entry from the owner's patient book; the store has the write before this returns.
   * Watches booking for that person go on doing so.
   *
   * @return whether there was one
   * @throws SlotHunterException {@code INVALID_INPUT} for a bad owner or label, {@code STORE_UNAVAILABLE}
   */
  public boolean removePatient(String owner, String label) {
    return engine.removePatient(owner, label);
  }

  /**
   * Imports the people a logged-in provider account books for into the owner's patient book: one
   * request ({@link io.github.slothunter.spi.Authenticator#accountPatients}) from the provider's budget,
   * then one store write, done before this returns. Each entry names the provider and carries the
   * person's {@link io.github.slothunter.api.Patient#accountUserId()}, so a watch booking for them books
   * for that account user. A person imported before from this provider (the same account user) keeps
   * their label and gets the details the provider has now; a new one is labelled with their name
   * ({@code "Sara Ahmadi (2)"} when taken). People no longer on the account stay in the book; remove them
   * with {@link #removePatient}. People whose details the provider has incomplete are left out by the
   * provider.
   *
   * @return the imported entries, in the provider's order (the account holder first)
   * @throws SlotHunterException {@code INVALID_INPUT} for a bad owner, an unregistered provider or a
   *     session of another provider; {@code UNSUPPORTED} when the provider cannot list an account's people
   *     ({@link io.github.slothunter.api.Capability#ACCOUNT_PATIENTS}) or the store keeps no patient book;
   *     {@code BUDGET_SPENT} in manual mode when no request token is free; the provider's errors
   *     ({@code AUTH_REQUIRED} for an expired session); {@code STORE_UNAVAILABLE}
   * @throws IllegalStateException if the engine is closed
   */
  public List<io.github.slothunter.api.OwnerPatient> importAccountPatients(String owner, String providerId,
      io.github.slothunter.api.AccountSession session) {
    return engine.importAccountPatients(owner, providerId, session);
  }

  /** The plans this engine knows. */
  public Plans plans() {
    return engine.plans();
  }

  /** Parses a doctor link with the registered providers, without I/O. */
  public Optional<DoctorRef> parse(String doctorLink) {
    Objects.requireNonNull(doctorLink, "doctorLink");
    return engine.parse(doctorLink);
  }

  /**
   * Looks a doctor up by link (one request from the provider's budget, cached for ten minutes). Waits
   * its turn in the provider's lookup queue like {@link #watch}.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for a link no provider understands, and provider errors
   */
  public Doctor lookup(String doctorLink) {
    Objects.requireNonNull(doctorLink, "doctorLink");
    return engine.lookup(doctorLink);
  }

  /**
   * A watch's health: whether it is really watching, its last successful poll and last error, its
   * next poll, polls in the last hour and what its filter turned away. Cheap; safe to call often.
   *
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown or cancelled watch
   */
  public WatchHealth health(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    return engine.health(watchId);
  }

  /**
   * The watch's health as a few short sentences for a person ("3 slots appeared on Monday but all
   * were after your 12:00 limit."): in Persian when the locale's language is {@code fa}, otherwise
   * in English. Free of personal data.
   *
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown or cancelled watch
   */
  public List<String> explain(String watchId, java.util.Locale locale) {
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(locale, "locale");
    return engine.explain(watchId, locale);
  }

  /**
   * Snoozes one of a watch's targets: no {@code SlotOpened} for it until the time is up (slots
   * still free then are announced after the next poll; {@code SlotGone} for slots announced before
   * still arrives). Polling and auto-booking go on. Persisted with the watch. A zero or negative
   * duration wakes the target.
   *
   * @return the updated watch
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown watch, {@code INVALID_INPUT} for a
   *     target that is not the watch's
   */
  public Watch snooze(String watchId, String targetId, Duration duration) {
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(duration, "duration");
    return engine.snooze(watchId, targetId, duration);
  }

  /**
   * Looks a doctor up by reference (one request from the provider's budget; lookups are cached for
   * ten minutes).
   *
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown provider id, and provider errors
   */
  public Doctor lookup(DoctorRef ref) {
    Objects.requireNonNull(ref, "ref");
    return engine.lookup(ref);
  }

  /**
   * One page of an area (the query's provider; one request from its budget, plus the provider's
   * cities and specialties unless read in the last day): its doctors as members, earliest first free
   * slot first, each with the centers the query keeps (first free slot, price, pin) and the distance
   * from the query's point. For apps that show an area before watching it. Where the provider's page
   * shows no map pins (Paziresh24), a center's pin and distance are known only once its doctor has
   * been looked up (an area watch does that before reading any of its calendars); until then the
   * member is listed with a {@code null} distance.
   *
   * @throws SlotHunterException {@code NOT_FOUND} with the closest names for an unknown city or
   *     specialty, {@code UNSUPPORTED} if the provider has no area search, {@code BUDGET_SPENT}, and
   *     provider errors
   */
  public List<io.github.slothunter.api.AreaMember> areaSearch(io.github.slothunter.api.AreaQuery query) {
    Objects.requireNonNull(query, "query");
    return engine.areaSearch(query);
  }

  /**
   * One page of a provider's doctor search (one request from its budget).
   *
   * @throws SlotHunterException {@code UNSUPPORTED} if the provider cannot search, {@code NOT_FOUND}
   *     for an unknown provider id, and provider errors
   */
  public List<io.github.slothunter.api.DoctorSummary> search(String providerId, io.github.slothunter.api.SearchQuery query) {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(query, "query");
    return engine.search(providerId, query);
  }

  /**
   * One-shot read of a target's free slots over its first {@code maxDays} free days, through the
   * provider's budget (1 + days requests). For watching, use {@link #watch}.
   */
  public List<Slot> freeSlots(Target target, int maxDays) {
    Objects.requireNonNull(target, "target");
    if (maxDays < 1) {
      throw SlotHunterException.invalid("maxDays", "must be at least 1: " + maxDays);
    }
    return engine.freeSlots(target, maxDays);
  }

  /**
   * Runs, on the calling thread, every poll that is due at the clock's current time and that the
   * budget allows (and the auto-booking that follows), then returns how many polls ran. Only for an
   * engine built with {@link Builder#manualScheduling()}: tests and simulations drive it with a fake
   * clock.
   *
   * @throws IllegalStateException if the engine schedules by itself
   */
  public int runDue() {
    return engine.runDue();
  }

  /**
   * Stops polling, waits (bounded by the builder's close timeout) for polls in flight, releases
   * every outstanding hold, delivers queued events and closes the providers and the store.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      engine.close();
    }
  }

  /** Configures a {@link SlotHunter}. Not thread-safe. */
  public static final class Builder {
    /** Default number of undelivered events kept per listener before the oldest are dropped. */
    public static final int DEFAULT_EVENT_CAPACITY = 10_000;
    /** Default bound on {@link SlotHunter#close()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default target lease time when several instances share a store. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(30);
    /** Default time a failing provider's circuit stays open. */
    public static final Duration DEFAULT_CIRCUIT_OPEN = Duration.ofSeconds(60);

    private Providers providers;
    private final Map<String, ProviderFactory> explicit = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> config = new HashMap<>();
    /** Objects for providers by type: under "*" for every provider, else by provider id. */
    private final Map<String, Map<Class<?>, Object>> extensions = new HashMap<>();
    private final Map<String, RequestBudget> budgets = new HashMap<>();
    private Store store = Store.inMemory();
    private Plans plans = Plans.defaults();
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private int eventCapacity = DEFAULT_EVENT_CAPACITY;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration circuitOpen = DEFAULT_CIRCUIT_OPEN;
    private boolean manual;
    private String instanceId;
    private Duration leaseTime = DEFAULT_LEASE_TIME;
    private ReleaseForecaster forecaster;
    private Object meterRegistry;

    private Builder() {}

    /**
     * This engine's name among several sharing one store (default: a random id per process). Only
     * matters with a store whose {@link Store#leases()} are shared, such as the JDBC store. Keep it
     * stable across restarts: a restarted instance with its old id takes its own target leases back
     * at once and publishes the events its last run left undelivered (the store's outbox), whereas
     * with a new id it waits up to about 4/3 of the {@linkplain #leaseTime lease time} for its dead
     * leases, runs on a smaller share of the budget meanwhile, and the old run's events are
     * published only once the store forgets the dead id. Never give two live instances the same id.
     */
    public Builder instanceId(String value) {
      Objects.requireNonNull(value, "instanceId");
      if (value.isBlank() || value.length() > 100) {
        throw new IllegalArgumentException("instanceId must be 1-100 characters");
      }
      this.instanceId = value;
      return this;
    }

    /**
     * How long a target lease lasts without renewal (default 30 s): an instance that dies loses its
     * targets to the others after this long. Renewed every third of it.
     */
    public Builder leaseTime(Duration value) {
      Objects.requireNonNull(value, "leaseTime");
      if (value.compareTo(Duration.ofMillis(300)) < 0) {
        throw new IllegalArgumentException("leaseTime must be at least 300ms: " + value);
      }
      this.leaseTime = value;
      return this;
    }

    /** The provider factories to use; default {@link Providers#discover()}. */
    public Builder providers(Providers value) {
      this.providers = Objects.requireNonNull(value, "providers");
      return this;
    }

    /** Adds one provider factory explicitly; it wins over a discovered one with the same id. */
    public Builder provider(ProviderFactory factory) {
      Objects.requireNonNull(factory, "factory");
      explicit.put(factory.id(), factory);
      return this;
    }

    /** Adds a provider factory with configuration (see {@link ProviderContext} for the keys). */
    public Builder provider(ProviderFactory factory, Map<String, String> providerConfig) {
      provider(factory);
      config.computeIfAbsent(factory.id(), k -> new HashMap<>()).putAll(providerConfig);
      return this;
    }

    /** Sets one configuration value of a provider, e.g. {@code ("paziresh24", "base-url", url)}. */
    public Builder providerConfig(String providerId, String key, String value) {
      config.computeIfAbsent(Objects.requireNonNull(providerId, "providerId"), k -> new HashMap<>())
          .put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets several configuration values of a provider, e.g. from a typed builder such as
     * {@code Paziresh24Config.builder()...build()}.
     */
    public Builder providerConfig(String providerId, Map<String, String> values) {
      Objects.requireNonNull(values, "values").forEach((k, v) -> providerConfig(providerId, k, v));
      return this;
    }

    /**
     * Hands every provider an object by type ({@link ProviderContext#extension}); a provider ignores
     * types it does not know. The providers built on OkHttp take {@code okhttp3.OkHttpClient.class}:
     * they derive their client from the host's (proxy, interceptors, connection pool, DNS, TLS),
     * keeping their own timeouts and never retrying a POST on their own.
     */
    public <T> Builder extension(Class<T> type, T value) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(value, "value");
      extensions.computeIfAbsent("*", k -> new HashMap<>()).put(type, value);
      return this;
    }

    /** As {@link #extension(Class, Object)}, for one provider only (it wins over one given to all). */
    public <T> Builder providerExtension(String providerId, Class<T> type, T value) {
      Objects.requireNonNull(providerId, "providerId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(value, "value");
      extensions.computeIfAbsent(providerId, k -> new HashMap<>()).put(type, value);
      return this;
    }

    private static <T> void extend(ProviderContext.Builder b, Class<T> type, Object value) {
      b.extension(type, type.cast(value));
    }

    /** Overrides a provider's request budget (default: the provider's own {@code defaultBudget}). */
    public Builder budget(String providerId, RequestBudget value) {
      budgets.put(Objects.requireNonNull(providerId, "providerId"), Objects.requireNonNull(value, "budget"));
      return this;
    }

    /** Where watches, snapshots and booking attempts live; default {@link Store#inMemory()}. */
    public Builder store(Store value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The plans; default {@link Plans#defaults()}. */
    public Builder plans(Plans value) {
      this.plans = Objects.requireNonNull(value, "plans");
      return this;
    }

    /** The clock for every time decision; default {@link Clock#systemUTC()}. Also passed to providers. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Runs polls on this executor instead of the engine's own threads; the engine will not shut it down. */
    public Builder executor(ExecutorService value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** Undelivered events kept per listener before the oldest are dropped (default {@value #DEFAULT_EVENT_CAPACITY}). */
    public Builder eventCapacity(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("eventCapacity must be positive: " + value);
      }
      this.eventCapacity = value;
      return this;
    }

    /** Bound on {@link SlotHunter#close()} (default 10 s). */
    public Builder closeTimeout(Duration value) {
      Objects.requireNonNull(value, "closeTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative: " + value);
      }
      this.closeTimeout = value;
      return this;
    }

    /** How long a failing provider's circuit stays open before a trial call (default 60 s). */
    public Builder circuitOpenDuration(Duration value) {
      Objects.requireNonNull(value, "circuitOpenDuration");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("circuitOpenDuration must be positive: " + value);
      }
      this.circuitOpen = value;
      return this;
    }

    /**
     * No threads: polls run only when the host calls {@link SlotHunter#runDue()}. For tests and
     * simulations with a controlled clock.
     */
    public Builder manualScheduling() {
      this.manual = true;
      return this;
    }

    /**
     * The model that predicts when each target releases slots; used by adaptive scheduling (plans
     * with {@link Plan#adaptive()}) and by {@link SlotHunter#analytics()}. Default:
     * {@link ReleaseForecaster#defaults()}.
     */
    public Builder forecaster(ReleaseForecaster value) {
      this.forecaster = Objects.requireNonNull(value, "forecaster");
      return this;
    }

    /**
     * Records Micrometer meters (see the README's "Metrics" section for their names) in this
     * registry. Micrometer is an optional dependency of SlotHunter: without a registry no
     * Micrometer class is ever loaded.
     *
     * @param registry the registry to record in
     */
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Creates the providers, restores stored watches (reconciling interrupted bookings) and starts
     * polling.
     *
     * @throws SlotHunterException {@code PROVIDER_LOAD_FAILED} when a provider cannot be created,
     *     {@code DUPLICATE_PROVIDER} from discovery, {@code INVALID_INPUT} for bad provider configuration
     */
    public SlotHunter build() {
      Map<String, ProviderFactory> factories = new LinkedHashMap<>();
      if (providers == null && explicit.isEmpty()) {
        providers = Providers.discover();
      }
      if (providers != null) {
        providers.factories().forEach(f -> factories.put(f.id(), f));
      }
      factories.putAll(explicit);
      if (factories.isEmpty()) {
        throw new SlotHunterException(ErrorCode.NOT_FOUND,
            "no providers: add a provider jar (e.g. provider-paziresh24) to the class path or register one with provider(...)");
      }
      List<ProviderRuntime> runtimes = new ArrayList<>();
      try {
        for (ProviderFactory f : factories.values()) {
          ProviderContext.Builder cb = ProviderContext.builder(f.id()).config(config.getOrDefault(f.id(), Map.of()))
              .clock(clock);
          extensions.getOrDefault("*", Map.of()).forEach((type, value) -> extend(cb, type, value));
          extensions.getOrDefault(f.id(), Map.of()).forEach((type, value) -> extend(cb, type, value));
          ProviderContext ctx = cb.build();
          Provider p;
          try {
            p = f.create(ctx);
          } catch (SlotHunterException e) {
            throw e;
          } catch (RuntimeException | LinkageError e) { // a half-installed provider jar fails here
            throw new SlotHunterException(ErrorCode.PROVIDER_LOAD_FAILED,
                "provider factory " + f.getClass().getName() + " failed to create provider " + f.id(), e);
          }
          RequestBudget budget = budgets.getOrDefault(f.id(), p.info().defaultBudget());
          runtimes.add(new ProviderRuntime(p, budget, clock, circuitOpen));
        }
      } catch (RuntimeException e) {
        runtimes.forEach(ProviderRuntime::close);
        throw e;
      }
      String id = instanceId != null ? instanceId
          : "i-" + Long.toHexString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE);
      EngineMetrics metrics = meterRegistry == null ? EngineMetrics.NOOP : MetricsLoader.micrometer(meterRegistry);
      ReleaseForecaster f = forecaster != null ? forecaster : ReleaseForecaster.defaults();
      return new SlotHunter(new Engine(clock, store, plans, runtimes, eventCapacity, executor, manual, closeTimeout,
          id, leaseTime, f, metrics), store, clock);
    }
  }
}
