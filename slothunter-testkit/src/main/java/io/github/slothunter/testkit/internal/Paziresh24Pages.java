package io.github.slothunter.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.Paziresh24Directory.CenterSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Expertise;
import io.github.slothunter.testkit.internal.Paziresh24Directory.ServiceSpec;
import io.github.slothunter.testkit.internal.SlotCalendars.CalendarKey;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import java.util.List;

/** Renders a doctor's profile page the way the Next.js site does ({@code __NEXT_DATA__}). Stateless. */
final class Paziresh24Pages {
  private Paziresh24Pages() {}

  /** {@code props.pageProps} for a doctor; the caller holds the state's monitor. */
  static ObjectNode pageProps(Paziresh24State state, DoctorSpec d) {
    ObjectNode props = Json.object();
    ObjectNode info = props.putObject("information")
        .put("id", d.id())
        .put("server_id", d.serverId())
        .put("user_id", d.userId())
        .put("provider_id", d.userId())
        .put("display_name", d.displayName())
        .put("name", d.name())
        .put("family", d.family())
        .put("image", "")
        .put("employee_id", d.employeeId())
        .put("experience", d.experience())
        .put("gender", d.gender())
        .put("city_en_slug", d.centers().isEmpty() ? "" : d.centers().get(0).citySlug())
        .put("should_recommend_other_doctors", false)
        .put("slug", d.slug());
    info.put("biography", "");
    ArrayNode centers = props.putArray("centers");
    for (CenterSpec c : d.centers()) {
      centers.add(center(state, d, c));
    }
    ArrayNode expertises = props.putArray("expertises");
    for (Expertise e : d.expertises()) {
      ObjectNode x = expertises.addObject().put("alias_title", e.title());
      x.putObject("expertise").put("name", e.title());
      x.putObject("degree").put("name", "");
      x.putArray("group_expertises").addObject().put("name", e.title()).put("en_slug", e.slug());
    }
    props.put("slug", d.slug());
    props.put("shouldFetchOnClient", false);
    return props;
  }

  private static ObjectNode center(Paziresh24State state, DoctorSpec d, CenterSpec c) {
    ObjectNode center = Json.object()
        .put("id", c.id())
        .put("name", c.name())
        .put("server_id", c.serverId())
        .put("user_center_id", c.userCenterId())
        .put("center_type", c.centerType())
        .put("status", 1)
        .put("is_active", true)
        .put("address", c.address())
        .put("city", c.city())
        .put("city_en_slug", c.citySlug())
        .put("province", c.province());
    ArrayNode numbers = center.putArray("display_number_array");
    ArrayNode tells = center.putArray("tell_array");
    if (!c.phone().isEmpty()) {
      numbers.add(c.phone());
      tells.add(c.phone());
    }
    center.putObject("map").put("lat", 35.6892).put("lon", 51.389);
    center.putObject("settings").put("booking_enable_insurance", false);
    ArrayNode freeturns = center.putArray("freeturns_info");
    String freeturnText = "";
    ArrayNode services = center.putArray("services");
    for (ServiceSpec s : c.services()) {
      services.addObject()
          .put("id", s.id())
          .put("alias_title", s.title())
          .put("user_center_id", s.userCenterId())
          .put("free_price", s.price())
          .put("duration", s.duration().toMinutes())
          .put("hours_of_work", s.hoursOfWork())
          .put("can_booking", s.canBooking())
          .put("can_request", s.canRequest())
          .put("upload_required", false);
      if (!s.bookable()) {
        continue;
      }
      List<Entry> free = state.calendars.free(new CalendarKey(d.slug(), c.id(), s.id()), state.now());
      if (!free.isEmpty()) {
        Entry first = free.get(0);
        String text = Jalali.longDateTime(first.from().atZone(SlotHunterZones.TEHRAN));
        freeturns.addObject().put("service_id", s.id()).put("available_time", first.from().getEpochSecond())
            .put("availalbe_time_text", text);
        if (freeturnText.isEmpty()) {
          freeturnText = "اولین نوبت خالی: " + text;
        }
      }
    }
    center.put("freeturn_text", freeturnText);
    return center;
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
