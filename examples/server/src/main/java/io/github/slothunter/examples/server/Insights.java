package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.CalendarEvent;
import io.github.slothunter.core.ForecastWindow;
import io.github.slothunter.core.ICalendar;
import io.github.slothunter.core.LatencySummary;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.TargetAnalytics;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchHealth;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one place the API asks the engine for health, analytics and calendar exports, so the shapes
 * the dashboard renders are fixed now and only these bodies change when the SDK grows them.
 *
 * <ul>
 *   <li>{@link #health}: {@code {"state": ...}} plus whatever the SDK adds (last poll, last error,
 *       filtered-out counts);
 *   <li>{@link #analytics}: {@code {"releasesByHourOfWeek": [168 numbers, Saturday 00:00 Tehran first],
 *       "medianFreeMinutes": n|null, "detectionLatencySeconds": {"median": n, "p90": n}|null,
 *       "forecast": [{"from": iso, "to": iso, "expected": n, "openingProbability": p, "hours": "02:00–03:00",
 *       "weekday": name, "expectedText": "0.4", "openingPercent": 12}], "hint": sentence}}, texts in the asked language;
 *   <li>{@link #ics}: an iCalendar document for a booking.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class Insights {
  /** Hours in a week: the length of {@code releasesByHourOfWeek}. */
  static final int HOURS_OF_WEEK = 168;

  /** The engine asked. */
  private final SlotHunter hunter;

  Insights(SlotHunter hunter) {
    this.hunter = Objects.requireNonNull(hunter, "hunter");
  }

  /** A watch's health, for {@code GET /api/v1/watches/{id}}, with English and Persian explanations. */
  ObjectNode health(Watch watch) {
    Objects.requireNonNull(watch, "watch");
    ObjectNode n = Json.object();
    WatchHealth h;
    try {
      h = hunter.health(watch.id());
    } catch (SlotHunterException e) { // cancelled meanwhile
      n.put("state", "UNKNOWN");
      return n;
    }
    n.put("state", h.state().name());
    putInstant(n, "lastSuccessfulPoll", h.lastSuccessfulPoll());
    if (h.lastError() == null) {
      n.putNull("lastError");
    } else {
      ObjectNode e = n.putObject("lastError");
      e.put("code", h.lastError().name());
      e.put("message", h.lastErrorMessage());
      putInstant(e, "at", h.lastErrorAt());
    }
    putInstant(n, "nextPoll", h.nextPoll());
    n.put("pollsLastHour", h.pollsLastHour());
    n.put("slotsAnnounced", h.slotsAnnounced());
    ObjectNode filtered = n.putObject("filteredOut");
    h.filteredOut().forEach(filtered::put);
    ObjectNode explain = n.putObject("explain");
    ArrayNode en = explain.putArray("en");
    hunter.explain(watch.id(), Locale.ENGLISH).forEach(en::add);
    ArrayNode fa = explain.putArray("fa");
    hunter.explain(watch.id(), Display.locale("fa")).forEach(fa::add);
    return n;
  }

  /**
   * A target's analytics, for {@code GET /api/v1/targets/{targetId}/analytics}, its texts (the hint,
   * each forecast window's hours and rounded values) in {@code lang} ({@code fa}, else English).
   */
  ObjectNode analytics(String targetId, String lang) {
    Objects.requireNonNull(targetId, "targetId");
    JalaliFormat f = Display.format(lang);
    TargetAnalytics a = hunter.analytics().target(targetId);
    ObjectNode n = Json.object();
    ArrayNode hours = n.putArray("releasesByHourOfWeek");
    a.releasesByHourOfWeek().forEach(hours::add);
    n.put("releases", a.releases());
    if (a.medianFreeTime().isPresent()) {
      n.put("medianFreeMinutes", a.medianFreeTime().get().toSeconds() / 60.0);
    } else {
      n.putNull("medianFreeMinutes");
    }
    if (a.detectionLatency().isPresent()) {
      LatencySummary l = a.detectionLatency().get();
      ObjectNode d = n.putObject("detectionLatencySeconds");
      d.put("median", l.median().toMillis() / 1000.0);
      d.put("p90", l.p90().toMillis() / 1000.0);
      d.put("samples", l.samples());
    } else {
      n.putNull("detectionLatencySeconds");
    }
    ArrayNode forecast = n.putArray("forecast");
    for (ForecastWindow w : a.next24h()) {
      forecast.addObject().put("from", w.from().toString()).put("to", w.to().toString())
          .put("expected", w.expectedReleases()).put("openingProbability", w.openingProbability())
          .put("hours", Display.hours(f, w.from(), w.to()))
          .put("weekday", f.weekday(w.from()))
          .put("expectedText", Display.decimal(f, w.expectedReleases()))
          .put("openingPercent", Math.round(w.openingProbability() * 100));
    }
    n.put("hint", a.hint(Display.locale(lang)));
    return n;
  }

  /** A booking as an iCalendar ({@code text/calendar}) document, from what the server recorded. */
  String ics(Bookings.Row booking) {
    Objects.requireNonNull(booking, "booking");
    Target target = hunter.find(booking.watchId()).flatMap(w -> w.targets().stream()
        .filter(t -> t.id().equals(booking.targetId())).findFirst()).orElseGet(() -> parseTarget(booking.targetId()));
    Slot slot = new Slot(target, booking.start(), booking.end(), booking.providerBookingKey());
    Booking b = booking.paymentRequired()
        ? new Booking(slot, booking.providerBookingKey(), booking.trackingCode(), booking.bookedAt(),
            io.github.slothunter.api.PaymentState.PAY_TO_CONFIRM,
            booking.paymentLink() == null ? null : java.net.URI.create(booking.paymentLink()))
        : new Booking(slot, booking.providerBookingKey(), booking.trackingCode(), booking.bookedAt());
    Doctor doctor = booking.doctorName() == null || booking.doctorName().isBlank() ? null
        : new Doctor(target.ref(), booking.doctorName(), List.of(), List.of());
    Center center = booking.place() == null || booking.place().isBlank() ? null
        : new Center(target.centerId(), booking.place(), null, null, List.of());
    return ICalendar.builder().productId("-//SlotHunter//server//EN").add(CalendarEvent.booking(b, doctor, center))
        .build().text();
  }

  /** A target id ({@code provider:key/center/service}) back as a target, for bookings of deleted watches. */
  static Target parseTarget(String id) {
    int colon = id.indexOf(':');
    int last = id.lastIndexOf('/');
    int middle = last < 0 ? -1 : id.lastIndexOf('/', last - 1);
    if (colon <= 0 || middle <= colon) {
      throw ApiException.notFound("the booking's calendar is unknown");
    }
    DoctorRef ref = new DoctorRef(id.substring(0, colon), id.substring(colon + 1, middle));
    return new Target(ref, id.substring(middle + 1, last), id.substring(last + 1), java.util.Map.of());
  }

  private static void putInstant(ObjectNode n, String field, java.time.Instant value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value.toString());
    }
  }
}
