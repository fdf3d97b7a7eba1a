package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.SlotWatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Free days and slots from {@code /api/web/patient/v1/consultation-times/days}.
 *
 * <p>{@link #freeDays} always asks the site (it is the poll); it keeps the response for a short
 * time so that the {@link #freeSlots} calls the engine makes right after it, for days that response
 * covers, cost no request. Thread-safe.
 */
final class DoctoretoSlotWatcher implements SlotWatcher {
  static final String DAYS_PATH = "api/web/patient/v1/consultation-times/days";
  private static final Pattern CONSULTATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final int MAX_CACHED = 4096;

  private final DoctoretoHttp http;
  private final HttpUrl api;
  private final Headers headers;
  private final ObjectMapper json;
  private final DoctoretoAssumptions assumptions;
  private final Clock clock;
  private final Duration cacheTtl;
  private final int maxCached;
  private final ConcurrentMap<String, DoctoretoCalendar> recent = new ConcurrentHashMap<>();

  /** {@code cacheTtl} zero turns the cache off; {@code maxCached} bounds the consultations remembered. */
  DoctoretoSlotWatcher(DoctoretoHttp http, HttpUrl api, Headers headers, ObjectMapper json,
      DoctoretoAssumptions assumptions, Clock clock, Duration cacheTtl, int maxCached) {
    this.http = http;
    this.api = api;
    this.headers = headers;
    this.json = json;
    this.assumptions = assumptions;
    this.clock = clock;
    this.cacheTtl = cacheTtl;
    this.maxCached = maxCached;
  }

  @Override
  public List<LocalDate> freeDays(Target target) {
    String id = consultationId(target);
    LocalDate today = clock.instant().atZone(SlotHunterZones.TEHRAN).toLocalDate();
    return fetch(id, today).freeDays();
  }

  @Override
  public List<Slot> freeSlots(Target target, LocalDate day) {
    String id = consultationId(target);
    Objects.requireNonNull(day, "day");
    DoctoretoCalendar cached = recent.get(id);
    DoctoretoCalendar calendar = cached != null && isFresh(cached) && cached.covers(day) ? cached : fetch(id, day);
    return calendar.freeSlots(target, day);
  }

  private DoctoretoCalendar fetch(String consultationId, LocalDate startDate) {
    HttpUrl url = api.newBuilder()
        .addPathSegments(DAYS_PATH)
        .addQueryParameter("consultation_id", consultationId)
        .addQueryParameter("start_date", startDate.toString())
        .addQueryParameter("day_navigate", DoctoretoAssumptions.DAY_NAVIGATE)
        .build();
    String body = http.get(url, headers, "calendar of consultation " + consultationId).body();
    DoctoretoCalendar calendar =
        DoctoretoCalendar.parse(body, consultationId, startDate, clock.instant(), json, assumptions);
    remember(consultationId, calendar);
    return calendar;
  }

  private void remember(String consultationId, DoctoretoCalendar calendar) {
    if (cacheTtl.isZero()) {
      return;
    }
    if (recent.size() >= maxCached && !recent.containsKey(consultationId)) {
      recent.values().removeIf(c -> !isFresh(c));
      if (recent.size() >= maxCached) {
        recent.clear();
      }
    }
    recent.put(consultationId, calendar);
  }

  /** How many consultations' responses are remembered now. */
  int cachedCount() {
    return recent.size();
  }

  private boolean isFresh(DoctoretoCalendar calendar) {
    Instant now = clock.instant();
    return !now.isBefore(calendar.fetchedAt()) && now.isBefore(calendar.fetchedAt().plus(cacheTtl));
  }

  /** The consultation id: the target's {@code consultation_id} key, else its service id (they are equal). */
  static String consultationId(Target target) {
    Objects.requireNonNull(target, "target");
    if (!DoctoretoErrors.PROVIDER_ID.equals(target.providerId())) {
      throw DoctoretoErrors.invalid("target " + target.id() + " belongs to provider " + target.providerId());
    }
    String id = target.providerKeys().getOrDefault(DoctoretoProfileParser.CONSULTATION_ID, target.serviceId());
    if (!CONSULTATION_ID.matcher(id).matches()) {
      throw DoctoretoErrors.invalid("target " + target.id() + " has a malformed consultation id '" + id + "'");
    }
    return id;
  }
}
