package io.github.slothunter.core;

import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a host asks the engine to watch. Immutable: every {@code with}-style method returns a copy,
 * so a request can be shared and reused.
 *
 * <pre>{@code
 * WatchRequest.of("user-42", "https://www.paziresh24.com/dr/dr-sara-ahmadi/")
 *     .between(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 7))
 *     .daysOfWeek(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
 *     .timeOfDay(LocalTime.of(8, 0), LocalTime.of(12, 0))
 *     .autoBook(patient, session);
 * }</pre>
 */
public final class WatchRequest {
  private final String owner;
  private final String link;
  private final Target target;
  private final String centerId;
  private final String serviceId;
  private final SlotFilter filter;
  private final String planName;
  private final AutoBook autoBook;
  private final AreaQuery area;

  private WatchRequest(String owner, String link, Target target, String centerId, String serviceId,
      SlotFilter filter, String planName, AutoBook autoBook, AreaQuery area) {
    this.owner = owner;
    this.link = link;
    this.target = target;
    this.centerId = centerId;
    this.serviceId = serviceId;
    this.filter = filter;
    this.planName = planName;
    this.autoBook = autoBook;
    this.area = area;
  }

  /**
   * Watch a doctor by link or slug; the engine asks each provider to parse it.
   *
   * @param owner the host's user id (1-200 characters)
   * @param doctorLink a doctor URL or slug as the user pasted it
   */
  public static WatchRequest of(String owner, String doctorLink) {
    Objects.requireNonNull(doctorLink, "doctorLink");
    if (doctorLink.isBlank() || doctorLink.length() > 2048) {
      throw SlotHunterException.invalid("doctor link", "must be 1-2048 characters");
    }
    return new WatchRequest(checkOwner(owner), doctorLink.strip(), null, null, null, SlotFilter.ANY, null, null, null);
  }

  /** Watch one known calendar; no lookup is needed. */
  public static WatchRequest of(String owner, Target target) {
    Objects.requireNonNull(target, "target");
    return new WatchRequest(checkOwner(owner), null, target, null, null, SlotFilter.ANY, null, null, null);
  }

  /**
   * Watch an area: every doctor of a specialty in a city that the query keeps, as one watch (one id,
   * one quota slot). The engine resolves the query's words to the provider's slugs, lists the doctors
   * (refused with the count when more than {@link AreaQuery#maxMembers()}), sweeps the area's search
   * pages through the provider's budget and polls a doctor's calendar only while its first free slot
   * may match the filter. With {@link #autoBook}, the watch books the first matching slot any member
   * shows, once ({@link AutoBook#maxBookings()}, default 1); a deadline is the filter's
   * {@link #between} end, and {@link AutoBook#replacing} books only strictly earlier than a current
   * booking (moving it where the provider can). {@link #center} and {@link #service} do not apply.
   *
   * @param owner the host's user id (1-200 characters)
   * @param query the area
   */
  public static WatchRequest area(String owner, AreaQuery query) {
    Objects.requireNonNull(query, "query");
    return new WatchRequest(checkOwner(owner), null, null, null, null, SlotFilter.ANY, null, null, query);
  }

  private void notArea(String field) {
    if (area != null) {
      throw SlotHunterException.invalid(field, "does not apply to an area watch (narrow its AreaQuery instead)");
    }
  }

  private static String checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank() || owner.length() > 200) {
      throw SlotHunterException.invalid("owner", "must be 1-200 characters");
    }
    return owner;
  }

  /** Only this center of the doctor (default: every center). Not for an area watch. */
  public WatchRequest center(String value) {
    notArea("center");
    return new WatchRequest(owner, link, target, Objects.requireNonNull(value, "centerId"), serviceId, filter,
        planName, autoBook, area);
  }

  /** Only this service (default: every bookable service). Not for an area watch. */
  public WatchRequest service(String value) {
    notArea("service");
    return new WatchRequest(owner, link, target, centerId, Objects.requireNonNull(value, "serviceId"), filter,
        planName, autoBook, area);
  }

  /** Replaces the whole filter. */
  public WatchRequest filter(SlotFilter value) {
    return new WatchRequest(owner, link, target, centerId, serviceId, Objects.requireNonNull(value, "filter"),
        planName, autoBook, area);
  }

  /** Only slots on days from {@code from} to {@code to}, both included. */
  public WatchRequest between(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return filter(new SlotFilter(from, to, filter.days(), filter.windows(), filter.earliestOnly(), filter.maxPrice()));
  }

  /** Only slots on these weekdays. */
  public WatchRequest daysOfWeek(DayOfWeek... days) {
    Set<DayOfWeek> set = days.length == 0 ? Set.of() : EnumSet.copyOf(List.of(days));
    return filter(new SlotFilter(filter.from(), filter.to(), set, filter.windows(), filter.earliestOnly(),
        filter.maxPrice()));
  }

  /** Adds a time-of-day window (slots match if they start in any window). */
  public WatchRequest timeOfDay(LocalTime from, LocalTime to) {
    List<TimeWindow> windows = new ArrayList<>(filter.windows());
    windows.add(new TimeWindow(from, to));
    return filter(new SlotFilter(filter.from(), filter.to(), filter.days(), windows, filter.earliestOnly(),
        filter.maxPrice()));
  }

  /** Announce only the earliest matching slot. */
  public WatchRequest earliestOnly() {
    return filter(new SlotFilter(filter.from(), filter.to(), filter.days(), filter.windows(), true, filter.maxPrice()));
  }

  /** Only services that cost at most this much (in the provider's currency unit). */
  public WatchRequest maxPrice(long value) {
    return filter(new SlotFilter(filter.from(), filter.to(), filter.days(), filter.windows(), filter.earliestOnly(),
        value));
  }

  /** Run the watch under this plan (and register it as the owner's plan); default: the owner's plan. */
  public WatchRequest plan(String value) {
    return new WatchRequest(owner, link, target, centerId, serviceId, filter, Objects.requireNonNull(value, "plan"),
        autoBook, area);
  }

  /** Book the first matching slot for the patient. The owner's plan must allow auto-booking. */
  public WatchRequest autoBook(Patient patient, AccountSession session) {
    return autoBook(AutoBook.of(patient, session));
  }

  /**
   * Book automatically with these settings. To book for someone in the owner's patient book, take the
   * settings from the entry: {@code hunter.patient(owner, "mom").orElseThrow().autoBook(session)} (the
   * watch keeps that copy of the patient; later edits of the book do not change it).
   */
  public WatchRequest autoBook(AutoBook value) {
    return new WatchRequest(owner, link, target, centerId, serviceId, filter, planName,
        Objects.requireNonNull(value, "autoBook"), area);
  }

  /** The owner. */
  public String owner() {
    return owner;
  }

  /** The doctor link, when the request was made from one. */
  public Optional<String> link() {
    return Optional.ofNullable(link);
  }

  /** The target, when the request was made from one. */
  public Optional<Target> target() {
    return Optional.ofNullable(target);
  }

  /** The chosen center, if any. */
  public Optional<String> centerId() {
    return Optional.ofNullable(centerId);
  }

  /** The chosen service, if any. */
  public Optional<String> serviceId() {
    return Optional.ofNullable(serviceId);
  }

  /** The slot filter. */
  public SlotFilter filter() {
    return filter;
  }

  /** The plan name, if the request names one. */
  public Optional<String> planName() {
    return Optional.ofNullable(planName);
  }

  /** The area, when the request was made for one ({@link #area(String, AreaQuery)}). */
  public Optional<AreaQuery> area() {
    return Optional.ofNullable(area);
  }

  /** The auto-book settings, if any. */
  public Optional<AutoBook> autoBook() {
    return Optional.ofNullable(autoBook);
  }

  @Override
  public String toString() {
    return "WatchRequest[owner=" + owner + ", " + (link != null ? "link=" + link : target != null ? "target=" + target.id() : "area=" + area)
        + ", filter=" + filter + (autoBook != null ? ", autoBook" : "") + "]";
  }
}
