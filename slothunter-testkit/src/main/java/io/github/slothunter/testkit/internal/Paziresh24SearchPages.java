package io.github.slothunter.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.internal.Paziresh24Directory.CenterSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.ServiceSpec;
import io.github.slothunter.testkit.internal.SlotCalendars.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fake's search answer, {@code GET /seapi/v1/search/<city>[/<category>]} (spec 9), built from the
 * directory and the live calendars; the caller holds the state's monitor.
 *
 * <p>Item fields are the ones spec 9 lists ({@code slug}, {@code title}, {@code display_name},
 * {@code prefix}, {@code display_expertise}, {@code gender} 1/2, {@code rate_info}, {@code presence_freeturn},
 * {@code consult_freeturn}, {@code consult_active_booking}, {@code centers[{id, user_center_id, name,
 * center_type, city_name, address}]}, {@code services[{id, center_id}]}, {@code freeturns_info[{center_id,
 * freeturn, available_time}]}, {@code consult_services[{id, free_price}]}, {@code type}); the center
 * fields after {@code name} are the ones the MCP client reads. Search items carry no coordinates (the
 * spec shows none). Times are unix seconds; a center's {@code freeturn} is its first free slot in the
 * fake's calendars, so it agrees with getFreeDays.
 *
 * <p>Choices where the spec is silent: {@code limit} defaults to 10 and is capped at 50;
 * {@code pagination} is {@code {page, limit, total_pages}}; {@code sortBy=clinic_first_freeturn} orders by
 * the doctor's first free slot and leaves out doctors with none (as the MCP client describes it);
 * {@code gender} takes {@code male}/{@code female} (or 1/2); {@code turn_type=consult} keeps doctors with a
 * bookable online center, {@code non-consult} those with a bookable in-person one; a city slug or category
 * that is neither one of a few well-known ones nor used by a doctor of the fake answers 404
 * {@code {"message":"Not Found"}} (the body is a guess; spec 9 gives only the status).
 */
final class Paziresh24SearchPages {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 50;
  static final String ALL_IRAN = "ir";
  static final String SORT_FIRST_FREETURN = "clinic_first_freeturn";
  /** Cities the fake knows even without doctors there (searching them answers an empty page, not 404). */
  private static final Set<String> CITIES = Set.of("tehran", "mashhad", "isfahan", "shiraz", "tabriz", "karaj",
      "ahvaz", "qom", "rasht");
  /** Categories the fake knows even without doctors in them. */
  private static final Set<String> CATEGORIES = Set.of("cardiovascular", "dermatology", "internal", "pediatrics",
      "obstetrics-gynecology", "general-practitioner", "ophthalmology", "orthopedics", "dentistry", "psychiatry",
      "ent");

  private Paziresh24SearchPages() {}

  /** The answer to one search request. */
  static FakeResponse search(Paziresh24State state, IncomingRequest r) {
    List<String> s = r.segments();
    String city = s.get(3);
    String category = s.size() == 5 ? s.get(4) : "";
    Paziresh24Directory directory = state.directory();
    if (!knownCity(directory, city) || !category.isEmpty() && !knownCategory(directory, category)) {
      return FakeResponse.json(404, Json.object().put("message", "Not Found"));
    }
    Map<String, String> q = r.query();
    int page = positive(q.get("page"), 1);
    int limit = Math.min(MAX_LIMIT, positive(q.get("limit"), DEFAULT_LIMIT));
    List<Card> cards = new ArrayList<>();
    for (DoctorSpec d : directory.search(city, category, q.getOrDefault("text", ""))) {
      Card c = card(state, d);
      if (matches(c, q)) {
        cards.add(c);
      }
    }
    if (SORT_FIRST_FREETURN.equals(q.get("sortBy"))) {
      cards.removeIf(c -> c.first == null);
      cards.sort(Comparator.comparing((Card c) -> c.first.from()));
    }
    ObjectNode body = Json.object();
    ObjectNode search = body.putObject("search");
    ArrayNode result = search.putArray("result");
    int from = (int) Math.min(cards.size(), (long) (page - 1) * limit);
    for (Card c : cards.subList(from, Math.min(cards.size(), from + limit))) {
      result.add(item(state, c));
    }
    search.put("total", cards.size());
    search.putObject("pagination").put("page", page).put("limit", limit)
        .put("total_pages", (cards.size() + limit - 1) / limit);
    search.put("is_landing", false);
    return FakeResponse.json(200, body);
  }

  private static boolean knownCity(Paziresh24Directory directory, String city) {
    return city.equals(ALL_IRAN) || CITIES.contains(city.toLowerCase(Locale.ROOT)) || directory.doctors().stream().flatMap(d -> d.centers().stream())
        .anyMatch(c -> c.citySlug().equalsIgnoreCase(city));
  }

  private static boolean knownCategory(Paziresh24Directory directory, String category) {
    return CATEGORIES.contains(category.toLowerCase(Locale.ROOT)) || directory.doctors().stream().flatMap(d -> d.expertises().stream())
        .anyMatch(e -> e.slug().equalsIgnoreCase(category));
  }

  private static int positive(String value, int fallback) {
    if (value != null && value.matches("\\d{1,6}") && Integer.parseInt(value) > 0) {
      return Integer.parseInt(value);
    }
    return fallback;
  }

  /** A doctor with the first free slots of its in-person and online centers. */
  private static final class Card {
    final DoctorSpec doctor;
    final Entry presence;
    final Entry consult;
    final Entry first;

    Card(DoctorSpec doctor, Entry presence, Entry consult) {
      this.doctor = doctor;
      this.presence = presence;
      this.consult = consult;
      this.first = Paziresh24Pages.earlier(presence, consult);
    }
  }

  private static Card card(Paziresh24State state, DoctorSpec d) {
    Entry presence = null;
    Entry consult = null;
    for (CenterSpec c : d.centers()) {
      Entry first = Paziresh24Pages.firstFree(state, d, c);
      if (c.id().equals(Paziresh24Pages.ONLINE_CENTER)) {
        consult = Paziresh24Pages.earlier(consult, first);
      } else {
        presence = Paziresh24Pages.earlier(presence, first);
      }
    }
    return new Card(d, presence, consult);
  }

  private static boolean matches(Card c, Map<String, String> q) {
    String gender = q.getOrDefault("gender", "").strip().toLowerCase(Locale.ROOT);
    if (!gender.isEmpty() && !gender.equals(genderName(c.doctor))) {
      return false;
    }
    String turnType = q.getOrDefault("turn_type", "");
    if (turnType.equals("consult")) {
      return offers(c.doctor, true);
    }
    return !turnType.equals("non-consult") || offers(c.doctor, false);
  }

  /** {@code male}, {@code female} or empty, from the fake's gender text ({@code male}, {@code 1}, ...). */
  private static String genderName(DoctorSpec d) {
    switch (d.gender().strip().toLowerCase(Locale.ROOT)) {
      case "1":
      case "male":
        return "male";
      case "2":
      case "female":
        return "female";
      default:
        return "";
    }
  }

  private static boolean offers(DoctorSpec d, boolean online) {
    return d.centers().stream().anyMatch(c -> c.id().equals(Paziresh24Pages.ONLINE_CENTER) == online
        && c.services().stream().anyMatch(ServiceSpec::bookable));
  }

  private static ObjectNode item(Paziresh24State state, Card c) {
    DoctorSpec d = c.doctor;
    ObjectNode item = Json.object()
        .put("id", d.id())
        .put("type", "doctor")
        .put("slug", d.slug())
        .put("url", "/dr/" + d.slug() + "/") // not in spec 9's list; the MCP client reads it on items
        .put("title", d.displayName())
        .put("display_name", d.displayName())
        .put("prefix", "دکتر")
        .put("display_expertise", d.displayExpertise());
    switch (genderName(d)) {
      case "male": item.put("gender", 1); break;
      case "female": item.put("gender", 2); break;
      default: item.putNull("gender");
    }
    item.putObject("rate_info").put("rate", 0).put("rates_count", 0);
    epochOrNull(item, "presence_freeturn", c.presence);
    epochOrNull(item, "consult_freeturn", c.consult);
    item.put("consult_active_booking", offers(d, true));
    ArrayNode centers = item.putArray("centers");
    ArrayNode services = item.putArray("services");
    ArrayNode freeturns = item.putArray("freeturns_info");
    ArrayNode consultServices = item.putArray("consult_services");
    long opened = state.now().atZone(SlotHunterZones.TEHRAN).toLocalDate().atStartOfDay(SlotHunterZones.TEHRAN)
        .toEpochSecond();
    for (CenterSpec center : d.centers()) {
      centers.addObject().put("id", center.id()).put("user_center_id", center.userCenterId())
          .put("name", center.name()).put("center_type", center.centerType()).put("city_name", center.city())
          .put("address", center.address());
      for (ServiceSpec s : center.services()) {
        services.addObject().put("id", s.id()).put("center_id", center.id());
        if (center.id().equals(Paziresh24Pages.ONLINE_CENTER)) {
          consultServices.addObject().put("id", s.id()).put("free_price", s.price());
        }
      }
      Entry first = Paziresh24Pages.firstFree(state, d, center);
      if (first != null) {
        freeturns.addObject().put("center_id", center.id()).put("freeturn", first.from().getEpochSecond())
            .put("available_time", opened);
      }
    }
    return item;
  }

  private static void epochOrNull(ObjectNode node, String field, Entry e) {
    Instant at = e == null ? null : e.from();
    if (at == null) {
      node.putNull(field);
    } else {
      node.put(field, at.getEpochSecond());
    }
  }
}
