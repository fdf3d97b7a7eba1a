package io.github.slothunter.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.Paziresh24Directory.CenterSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Expertise;
import io.github.slothunter.testkit.internal.Paziresh24Directory.ServiceSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Calendar;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a doctor's profile the way the site does: the Next.js page ({@code __NEXT_DATA__}), the
 * drprofile full profile and the saman availability status, all from the same data (spec 3, 11).
 * Centers in {@code pageProps.centers} and in the full profile are the same objects. Stateless.
 */
final class Paziresh24Pages {
  private Paziresh24Pages() {}

  /** One weekly work-hour block of a calendar ({@code hours_of_work[]}, spec 3B). */
  record WorkHour(String id, DayOfWeek day, LocalTime from, LocalTime to) {
    /** {@code day} as the profile numbers it: 1 = Monday ... 6 = Saturday, 7 = Sunday. */
    int profileDay() {
      return day.getValue();
    }

    /** The weekday in JavaScript numbering (0 = Sunday ... 6 = Saturday), as {@code non_workdays} uses. */
    int jsDay() {
      return day.getValue() % 7;
    }
  }

  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /**
   * The calendar's weekly work hours: per Tehran weekday that has slots (any state), from the
   * earliest start to the latest end; with no slots yet, Saturday to Wednesday 09:00-13:00 (the
   * default {@code hoursOfWork} text). Empty when the service has no {@code hoursOfWork}. Ids are
   * UUIDs derived from the seed and the calendar, so {@code workhour_info.id} (spec 4.1b) equals
   * the profile's {@code hours_of_work[].id}.
   */
  static List<WorkHour> workHours(Paziresh24State state, Calendar c) {
    if (c.service().hoursOfWork().isEmpty()) {
      return List.of();
    }
    Map<DayOfWeek, LocalTime[]> span = new EnumMap<>(DayOfWeek.class);
    for (Entry e : state.calendars.slots(c.key()).values()) {
      ZonedDateTime from = e.from().atZone(SlotHunterZones.TEHRAN);
      ZonedDateTime to = e.to().atZone(SlotHunterZones.TEHRAN);
      LocalTime end = to.toLocalDate().isAfter(from.toLocalDate()) ? LocalTime.of(23, 59, 59) : to.toLocalTime();
      LocalTime[] s = span.computeIfAbsent(from.getDayOfWeek(), d -> new LocalTime[] {from.toLocalTime(), end});
      if (from.toLocalTime().isBefore(s[0])) {
        s[0] = from.toLocalTime();
      }
      if (end.isAfter(s[1])) {
        s[1] = end;
      }
    }
    if (span.isEmpty()) {
      for (DayOfWeek d : List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY)) {
        span.put(d, new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(13, 0)});
      }
    }
    List<WorkHour> out = new ArrayList<>();
    span.forEach((day, s) -> out.add(new WorkHour(UUID.nameUUIDFromBytes((state.settings.seed() + "/" + c.doctor().slug()
        + "/" + c.center().id() + "/" + c.service().id() + "/" + day).getBytes(StandardCharsets.UTF_8)).toString(),
        day, s[0], s[1])));
    return out;
  }

  /** {@code props.pageProps} for a doctor; the caller holds the state's monitor. */
  static ObjectNode pageProps(Paziresh24State state, DoctorSpec d) {
    ObjectNode props = Json.object();
    ObjectNode info = props.putObject("information")
        .put("id", d.id())
        .<ObjectNode>set("server_id", number(d.serverId()))
        .put("user_id", d.userId())
        .put("provider_id", d.userId())
        .put("display_name", d.displayName())
        .put("name", d.name())
        .put("family", d.family())
        .put("image", "")
        .put("employee_id", d.employeeId())
        .put("experience", d.experience())
        .put("city_en_slug", d.centers().isEmpty() ? "" : d.centers().get(0).citySlug())
        .put("should_recommend_other_doctors", false)
        .put("slug", d.slug());
    gender(info, d);
    info.put("biography", "");
    props.set("centers", centers(state, d));
    props.set("expertises", expertises(d));
    props.put("slug", d.slug());
    props.put("shouldFetchOnClient", false);
    return props;
  }

  /**
   * The full-profile body (spec 3B, 11): {@code {"status":"SUCCESS","message":...,"data":{...}}}; the
   * caller holds the state's monitor.
   */
  static ObjectNode fullProfile(Paziresh24State state, DoctorSpec d) {
    ObjectNode body = Json.object().put("status", "SUCCESS").put("message", "درخواست شما با موفقیت پردازش شد");
    ObjectNode data = body.putObject("data")
        .put("id", d.id())
        .put("slug", d.slug())
        .put("name", d.name())
        .put("family", d.family())
        .put("display_name", d.displayName());
    gender(data, d);
    data.<ObjectNode>set("server_id", number(d.serverId()))
        .put("medical_code", d.employeeId());
    data.set("expertises", expertises(d));
    ArrayNode groups = data.putArray("group_expertises");
    for (Expertise e : d.expertises()) {
      groups.addObject().put("name", e.title()).put("en_slug", e.slug());
    }
    boolean consult = false;
    for (Calendar c : state.directory().calendars()) {
      if (c.doctor() == d && c.center().id().equals(ONLINE_CENTER) && bookable(state, c)) {
        consult = true;
      }
    }
    data.put("consult_active_booking", consult);
    ArrayNode channels = data.putArray("online_visit_channel_types");
    if (d.centers().stream().anyMatch(c -> c.id().equals(ONLINE_CENTER))) {
      channels.add("whatsapp").add("secure_call");
    }
    data.put("number_of_visits", 0).put("image", "").put("biography", "");
    data.set("centers", centers(state, d));
    return body;
  }

  static final String ONLINE_CENTER = "5532";

  /** Whether the site offers this calendar's slots now: bookable service, booking not switched off. */
  static boolean bookable(Paziresh24State state, Calendar c) {
    return c.service().bookable() && !state.isBookingOff(c);
  }

  static void gender(ObjectNode node, DoctorSpec d) {
    if (d.gender().matches("\\d{1,2}")) {
      node.put("gender", Integer.parseInt(d.gender()));
    } else {
      node.put("gender", d.gender());
    }
  }

  /** A numeric id as a JSON number, else as the string given. */
  static com.fasterxml.jackson.databind.JsonNode number(String value) {
    if (value.matches("\\d{1,15}")) {
      return com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(value));
    }
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
  }

  private static ArrayNode expertises(DoctorSpec d) {
    ArrayNode expertises = Json.array();
    for (Expertise e : d.expertises()) {
      ObjectNode x = expertises.addObject().put("alias_title", e.title());
      x.putObject("expertise").put("name", e.title()).put("slug", e.slug());
      x.putObject("degree").put("name", "");
      x.putArray("expertise_groups").addObject().put("name", e.title()).put("en_slug", e.slug());
      x.putArray("group_expertises").addObject().put("name", e.title()).put("en_slug", e.slug());
    }
    return expertises;
  }

  private static ArrayNode centers(Paziresh24State state, DoctorSpec d) {
    ArrayNode centers = Json.array();
    for (CenterSpec c : d.centers()) {
      centers.add(center(state, d, c));
    }
    return centers;
  }

  private static String centerTypeName(int type) {
    switch (type) {
      case 2: return "بیمارستان";
      case 3: return "کلینیک";
      default: return "مطب";
    }
  }

  private static ObjectNode center(Paziresh24State state, DoctorSpec d, CenterSpec c) {
    List<Calendar> cals = new ArrayList<>();
    for (ServiceSpec s : c.services()) {
      cals.add(state.directory().require(d.slug(), c.id(), s.id()));
    }
    // booking off for every service = the center shows is_active false (spec 3B)
    boolean active = cals.isEmpty() || cals.stream().anyMatch(cal -> !state.isBookingOff(cal));
    ObjectNode center = Json.object()
        .put("id", c.id())
        .put("name", c.name())
        .put("center_type", c.centerType())
        .put("center_type_name", centerTypeName(c.centerType()))
        .<ObjectNode>set("server_id", number(c.serverId()))
        .put("user_center_id", c.userCenterId())
        .put("status", 1)
        .put("is_active", active);
    Instant now = state.now();
    Entry first = null;
    ArrayNode freeturns = Json.array();
    for (Calendar cal : cals) {
      if (!bookable(state, cal)) {
        continue;
      }
      List<Entry> free = state.calendars.free(cal.key(), now);
      if (free.isEmpty()) {
        continue;
      }
      Entry e = free.get(0);
      if (first == null || e.from().isBefore(first.from())) {
        first = e;
      }
      freeturns.addObject().put("service_id", cal.service().id()).put("book_type_id", 7)
          .put("freeturn", e.from().getEpochSecond())
          .put("available_time", now.atZone(SlotHunterZones.TEHRAN).toLocalDate()
              .atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond())
          .putNull("availalbe_time_text")
          .put("expire_time", now.getEpochSecond() + 600)
          .putNull("status_code");
    }
    if (first == null) {
      center.putNull("freeturn").put("freeturn_text", "");
    } else {
      center.put("freeturn", first.from().getEpochSecond())
          .put("freeturn_text", JalaliFormat.PERSIAN.dateTime(first.from()));
    }
    center.set("freeturns_info", freeturns);
    center.put("address", c.address())
        .put("city", c.city())
        .put("province", c.province())
        .put("city_en_slug", c.citySlug());
    if (c.location() != null) {
      center.putObject("map").put("lat", c.location().lat()).put("lon", c.location().lon());
    }
    center.put("tell", c.phone()).put("display_number", c.phone());
    ArrayNode numbers = center.putArray("display_number_array");
    ArrayNode tells = center.putArray("tell_array");
    if (!c.phone().isEmpty()) {
      numbers.add(c.phone());
      tells.add(c.phone());
    }
    center.putObject("settings").put("booking_enable_insurance", "0");
    center.putObject("is_only_in_app").put("status", false).putNull("message");
    center.putArray("insurances");
    ArrayNode services = center.putArray("services");
    for (Calendar cal : cals) {
      ServiceSpec s = cal.service();
      ObjectNode service = services.addObject();
      if (active) {
        service.put("id", s.id());
      } else {
        service.put("id", -1);
      }
      service.put("alias_title", s.title()).put("user_center_id", s.userCenterId());
      if (!active) {
        service.putNull("can_booking");
      } else {
        service.put("can_booking", s.canBooking() && !state.isBookingOff(cal) ? 1 : 0);
      }
      long secs = s.duration().getSeconds();
      service.put("can_request", s.canRequest() ? 1 : 0)
          .put("duration", String.format(Locale.ROOT, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60))
          .put("free_price", s.price())
          .put("upload_required", false);
      ArrayNode hours = service.putArray("hours_of_work");
      for (WorkHour w : workHours(state, cal)) {
        hours.addObject().put("id", w.id()).put("day", w.profileDay()).put("from", HMS.format(w.from()))
            .put("to", HMS.format(w.to()));
      }
    }
    return center;
  }

  /**
   * The saman availability status (spec 3C, 11); the caller holds the state's monitor. Times are ISO
   * with milliseconds and the Tehran offset.
   */
  static ObjectNode availability(Paziresh24State state, DoctorSpec d) {
    ObjectNode body = Json.object();
    Instant opened = state.now().atZone(SlotHunterZones.TEHRAN).toLocalDate().atStartOfDay(SlotHunterZones.TEHRAN)
        .toInstant();
    Entry inPerson = null;
    Entry online = null;
    ArrayNode centers = Json.array();
    for (CenterSpec c : d.centers()) {
      Entry first = firstFree(state, d, c);
      if (c.id().equals(ONLINE_CENTER)) {
        online = earlier(online, first);
      } else {
        inPerson = earlier(inPerson, first);
      }
      availabilityStatus(centers.addObject().put("id", c.id()).putObject("availability_status"), first, opened);
    }
    availabilityStatus(body.putObject("in_person_availability"), inPerson, opened);
    availabilityStatus(body.putObject("online_visit_availability"), online, opened);
    body.set("centers", centers);
    return body;
  }

  /**
   * The center's first free slot over its bookable services, or {@code null}; the caller holds the
   * state's monitor. Profile, availability status and search agree on it.
   */
  static Entry firstFree(Paziresh24State state, DoctorSpec d, CenterSpec c) {
    Entry first = null;
    for (ServiceSpec s : c.services()) {
      Calendar cal = state.directory().require(d.slug(), c.id(), s.id());
      if (!bookable(state, cal)) {
        continue;
      }
      List<Entry> free = state.calendars.free(cal.key(), state.now());
      if (!free.isEmpty() && (first == null || free.get(0).from().isBefore(first.from()))) {
        first = free.get(0);
      }
    }
    return first;
  }

  static Entry earlier(Entry a, Entry b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.from().isBefore(a.from()) ? a : b;
  }

  private static final DateTimeFormatter ISO_MS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx",
      Locale.ROOT);

  private static void availabilityStatus(ObjectNode node, Entry first, Instant opened) {
    node.put("booking_available", first != null);
    if (first == null) {
      node.putNull("nearest_time_slot").putNull("nearest_available_time");
    } else {
      node.put("nearest_time_slot", ISO_MS.format(first.from().atZone(SlotHunterZones.TEHRAN)))
          .put("nearest_available_time", ISO_MS.format(opened.atZone(SlotHunterZones.TEHRAN)));
    }
  }

  /** The whole HTML page. */
  static String profile(Paziresh24State state, DoctorSpec d, ObjectNode pageProps) {
    ObjectNode next = Json.object();
    next.putObject("props").set("pageProps", pageProps);
    next.put("page", "/dr/[slug]");
    next.putObject("query").put("slug", d.slug());
    next.put("buildId", "fake-build").put("isFallback", false).put("gssp", true);
    next.putArray("scriptLoader");
    StringBuilder html = new StringBuilder(4096)
        .append("<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\">")
        .append("<title>").append(escape(d.displayName())).append("، ").append(escape(d.displayExpertise()))
        .append(" | نوبت دهی اینترنتی | پذیرش۲۴</title></head><body><div id=\"__next\"><main>")
        .append("<h1>").append(escape(d.displayName())).append("</h1><h2>").append(escape(d.displayExpertise()))
        .append("</h2><ul>");
    for (CenterSpec c : d.centers()) {
      html.append("<li>").append(escape(c.name())).append(" - ").append(escape(c.address())).append("<ul>");
      for (ServiceSpec s : c.services()) {
        html.append("<li>").append(escape(s.title())).append("</li>");
      }
      html.append("</ul></li>");
    }
    html.append("</ul></main></div>").append(Paziresh24Site.nextData(next)).append("</body></html>");
    return html.toString();
  }

  /** Escapes text for HTML. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
