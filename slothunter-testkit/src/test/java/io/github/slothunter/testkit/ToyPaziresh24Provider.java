package io.github.slothunter.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.SlotWatcher;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small Paziresh24 provider written against the spec, used only to run the
 * compatibility kit against the fake (the real provider lives in its own module).
 */
final class ToyPaziresh24Provider implements Provider {
  private static final Pattern LINK = Pattern.compile("(?:https?://([^/]+))?/dr/([^/?#]+)/?(?:[?#].*)?");
  private static final Pattern BARE_SLUG = Pattern.compile("[\\p{L}\\p{N}-]{1,100}");
  private static final Pattern NEXT_DATA = Pattern.compile(
      "<script id=\"__NEXT_DATA__\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

  private final String base;
  private final Clock clock;
  private final P24Client client;

  ToyPaziresh24Provider(String base, Clock clock) {
    this.base = base;
    this.clock = clock;
    this.client = new P24Client(base, "0b7e5e2a-9c1d-4f3e-8a2b-6c5d4e3f2a1b");
  }

  @Override
  public ProviderInfo info() {
    return new ProviderInfo("paziresh24", "Paziresh24 (toy)", SlotHunterZones.TEHRAN,
        EnumSet.of(Capability.LOOKUP, Capability.FREE_SLOTS, Capability.HOLD, Capability.BOOK, Capability.CANCEL),
        RequestBudget.of(20, 300, 2));
  }

  @Override
  public Optional<DoctorRef> parse(String urlOrSlug) {
    if (urlOrSlug == null) {
      return Optional.empty();
    }
    String s = urlOrSlug.strip();
    Matcher m = LINK.matcher(s);
    String slug;
    if (m.matches()) {
      String host = m.group(1);
      if (host != null && !host.endsWith("paziresh24.com") && !base.contains("//" + host)) {
        return Optional.empty();
      }
      try {
        slug = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else if (BARE_SLUG.matcher(s).matches()) {
      slug = s;
    } else {
      return Optional.empty();
    }
    return BARE_SLUG.matcher(slug).matches() ? Optional.of(new DoctorRef("paziresh24", slug)) : Optional.empty();
  }

  @Override
  public Doctor lookup(DoctorRef ref) {
    HttpResponse<String> page = client.get("/dr/" + URLEncoder.encode(ref.key(), StandardCharsets.UTF_8) + "/");
    if (page.statusCode() == 404) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "no doctor " + ref);
    }
    Matcher m = NEXT_DATA.matcher(page.body());
    if (page.statusCode() != 200 || !m.find()) {
      throw new SlotHunterException(ErrorCode.PROTOCOL, "unexpected profile page for " + ref);
    }
    JsonNode props = P24Client.parse(m.group(1)).at("/props/pageProps");
    List<Center> centers = new ArrayList<>();
    for (JsonNode c : props.get("centers")) {
      List<Service> services = new ArrayList<>();
      for (JsonNode s : c.get("services")) {
        boolean bookable = s.get("can_booking").asInt() == 1 && !s.get("hours_of_work").isEmpty();
        services.add(new Service(s.get("id").asText(), s.get("alias_title").asText(), s.get("free_price").asLong(),
            Duration.between(java.time.LocalTime.MIN, java.time.LocalTime.parse(s.get("duration").asText())), bookable,
            Map.of("server_id", c.get("server_id").asText(), "user_center_id", s.get("user_center_id").asText())));
      }
      centers.add(new Center(c.get("id").asText(), c.get("name").asText(), c.get("address").asText(),
          c.get("city").asText(), services));
    }
    List<String> expertises = new ArrayList<>();
    props.get("expertises").forEach(e -> expertises.add(e.get("alias_title").asText()));
    return new Doctor(ref, props.at("/information/display_name").asText(), expertises, centers);
  }

  private Map<String, String> ids(Target t) {
    return new java.util.LinkedHashMap<>(Map.of("center_id", t.centerId(), "service_id", t.serviceId(),
        "user_center_id", t.requireKey("user_center_id"), "server_id", t.requireKey("server_id")));
  }

  private JsonNode ok(JsonNode body) {
    int status = body.get("status").asInt();
    if (status == 1) {
      return body;
    }
    throw new SlotHunterException(status == 300 ? ErrorCode.SLOT_TAKEN : ErrorCode.INVALID_INPUT,
        "site said " + status);
  }

  @Override
  public SlotWatcher slots() {
    return new SlotWatcher() {
      @Override
      public List<LocalDate> freeDays(Target target) {
        List<LocalDate> days = new ArrayList<>();
        Map<String, String> form = ids(target);
        form.put("return_free_turns", "false");
        form.put("return_type", "calendar");
        JsonNode body = client.rpc("getFreeDays", form);
        if (body.get("status").asInt() == 32) {
          return days;
        }
        for (JsonNode t : ok(body).at("/calendar/turns")) {
          days.add(Instant.ofEpochSecond(t.asLong()).atZone(SlotHunterZones.TEHRAN).toLocalDate());
        }
        return days;
      }

      @Override
      public List<Slot> freeSlots(Target target, LocalDate day) {
        Map<String, String> form = ids(target);
        form.put("date", Long.toString(day.atStartOfDay(SlotHunterZones.TEHRAN).toEpochSecond()));
        List<Slot> slots = new ArrayList<>();
        for (JsonNode s : ok(client.rpc("getFreeTurns", form)).get("result")) {
          slots.add(new Slot(target, Instant.ofEpochSecond(s.get("from").asLong()),
              Instant.ofEpochSecond(s.get("to").asLong()), s.get("from").asText() + "-" + s.get("to").asText()));
        }
        return slots;
      }
    };
  }

  @Override
  public Optional<Booker> booker() {
    return Optional.of(new Booker() {
      @Override
      public Hold hold(Slot slot, AccountSession session) {
        Map<String, String> form = ids(slot.target());
        form.put("from", Long.toString(slot.start().getEpochSecond()));
        form.put("to", Long.toString(slot.end().getEpochSecond()));
        JsonNode body = ok(client.rpc("suspend", form));
        return new Hold(slot, body.get("request_code").asText(), clock.instant().plus(Duration.ofMinutes(5)));
      }

      @Override
      public Booking book(Hold hold, Patient patient, AccountSession session) {
        P24Client authed = new P24Client(base, client.terminal()).withToken(session.token());
        HttpResponse<String> r = authed.postMultipart("/booking/v2/book", P24Client.form(
            "request_code", hold.providerHoldKey(), "center_id", hold.slot().target().centerId(),
            "server_id", hold.slot().target().requireKey("server_id"), "is_webview", "0",
            "first_name", patient.firstName(), "last_name", patient.lastName(), "cell", patient.mobile(),
            "national_code", patient.nationalCode()));
        if (r.statusCode() == 401) {
          throw new SlotHunterException(ErrorCode.AUTH_REQUIRED, "session rejected");
        }
        JsonNode body = P24Client.json(r);
        if (body.get("status").asInt() == 300) {
          throw new SlotHunterException(ErrorCode.HOLD_EXPIRED, "hold gone");
        }
        ok(body);
        return new Booking(hold.slot(), body.at("/book_info/id").asText(), body.at("/book_info/reference_code").asText(),
            clock.instant());
      }

      @Override
      public void release(Hold hold, AccountSession session) {
        ok(client.rpc("unsuspend", Map.of("center_id", hold.slot().target().centerId(),
            "request_code", hold.providerHoldKey())));
      }

      @Override
      public void cancel(Booking booking, Patient patient, AccountSession session) {
        ok(client.rpc("deleteBook", Map.of("center_id", booking.slot().target().centerId(),
            "reference_code", booking.trackingCode(), "national_code", patient.nationalCode())));
      }
    });
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Optional<DoctorSearch> search() {
    return Optional.empty();
  }

  @Override
  public void close() {
  }
}
