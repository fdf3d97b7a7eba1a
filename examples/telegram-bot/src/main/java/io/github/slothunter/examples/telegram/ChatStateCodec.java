package io.github.slothunter.examples.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a chat's private state (step, auto-booking person and session, login session), the
 * text {@link BotStore} seals. Written by hand rather than by reflection so the stored shape does not
 * change when an api record grows a component. The two {@code /add} menus are not written (they hold
 * a whole looked-up doctor); they read back as {@link Step#IDLE}. Stateless and thread-safe.
 */
final class ChatStateCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatStateCodec() {}

  /** The private parts of a chat, or {@code null} when it has none. */
  static String write(ChatState st) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode step = step(st.step);
    if (step != null) {
      o.set("step", step);
    }
    AutoBook ab = st.autoBook;
    if (ab != null) {
      ObjectNode a = o.putObject("autoBook");
      a.set("patient", patient(ab.patient()));
      a.set("session", session(ab.session()));
    }
    if (st.session != null) {
      o.set("session", session(st.session));
    }
    return o.isEmpty() ? null : o.toString();
  }

  /** Restores what {@link #write} wrote into the state. */
  static void read(String text, ChatState st) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a chat's stored state is not JSON", e);
    }
    st.step = o.has("step") ? step(o.get("step")) : Step.IDLE;
    if (o.has("autoBook")) {
      JsonNode a = o.get("autoBook");
      st.autoBook = AutoBook.of(patient(a.get("patient")), session(a.get("session")));
    }
    if (o.has("session")) {
      st.session = session(o.get("session"));
    }
  }

  private static ObjectNode step(Step step) {
    ObjectNode s = JSON.createObjectNode();
    if (step instanceof Step.AwaitingLink) {
      s.put("type", "link");
    } else if (step instanceof Step.FindSpecialty f) {
      s.put("type", "findSpecialty").put("flow", f.flow()).set("pick", pick(f.pick()));
    } else if (step instanceof Step.FindPlace f) {
      s.put("type", "findPlace").put("flow", f.flow()).set("pick", pick(f.pick()));
    } else if (step instanceof Step.FindDistance f) {
      s.put("type", "findDistance").put("flow", f.flow()).set("pick", pick(f.pick()));
    } else if (step instanceof Step.FindShown f) {
      s.put("type", "findShown").put("flow", f.flow()).set("pick", pick(f.pick()));
    } else if (step instanceof Step.AwaitingFilter f) {
      s.put("type", "filter").put("watch", f.watchId());
    } else if (step instanceof Step.AwaitingPatient p) {
      s.put("type", "patient").put("field", p.field().name()).put("first", p.firstName()).put("last", p.lastName())
          .put("code", p.nationalCode()).put("purpose", p.purpose().name());
    } else if (step instanceof Step.AwaitingCode c) {
      s.put("type", "code").put("purpose", c.purpose().name()).put("attempts", c.attempts());
      if (c.chosen() != null) {
        s.set("chosen", ownerPatient(c.chosen()));
      }
      s.set("challenge", challenge(c.challenge()));
    } else if (step instanceof Step.AwaitingAccountMobile a) {
      s.put("type", "accountMobile").put("purpose", a.purpose().name());
      if (a.chosen() != null) {
        s.set("chosen", ownerPatient(a.chosen()));
      }
    } else if (step instanceof Step.ChoosingPatient c) {
      s.put("type", "choosePatient").put("flow", c.flow()).set("book", book(c.book()));
    } else if (step instanceof Step.ManagingPatients m) {
      s.put("type", "patients").put("flow", m.flow()).set("book", book(m.book()));
    } else {
      return null; // idle, or an /add menu holding a doctor: not kept
    }
    return s;
  }

  private static Step step(JsonNode s) {
    return switch (s.get("type").asText()) {
      case "link" -> new Step.AwaitingLink();
      case "findSpecialty" -> new Step.FindSpecialty(s.get("flow").asInt(), pick(s.get("pick")));
      case "findPlace" -> new Step.FindPlace(s.get("flow").asInt(), pick(s.get("pick")));
      case "findDistance" -> new Step.FindDistance(s.get("flow").asInt(), pick(s.get("pick")));
      case "findShown" -> new Step.FindShown(s.get("flow").asInt(), pick(s.get("pick")));
      case "filter" -> new Step.AwaitingFilter(s.get("watch").asText());
      case "patient" -> new Step.AwaitingPatient(Step.PatientField.valueOf(s.get("field").asText()),
          s.get("first").asText(), s.get("last").asText(), s.get("code").asText(), purpose(s));
      case "code" -> new Step.AwaitingCode(purpose(s), s.has("chosen") ? ownerPatient(s.get("chosen")) : null,
          challenge(s.get("challenge")), s.get("attempts").asInt());
      case "accountMobile" -> new Step.AwaitingAccountMobile(purpose(s),
          s.has("chosen") ? ownerPatient(s.get("chosen")) : null);
      case "choosePatient" -> new Step.ChoosingPatient(s.get("flow").asInt(), book(s.get("book")));
      case "patients" -> new Step.ManagingPatients(s.get("flow").asInt(), book(s.get("book")));
      default -> Step.IDLE;
    };
  }

  private static ObjectNode pick(AreaPick p) {
    ObjectNode o = JSON.createObjectNode().put("specialty", p.specialty()).put("city", p.city());
    if (p.point() != null) {
      o.put("lat", p.point().lat()).put("lon", p.point().lon());
    }
    if (p.radiusKm() != null) {
      o.put("km", p.radiusKm());
    }
    if (p.maxPrice() != null) {
      o.put("maxPrice", p.maxPrice());
    }
    if (p.gender() != null) {
      o.put("gender", p.gender().name());
    }
    return o;
  }

  private static AreaPick pick(JsonNode o) {
    return new AreaPick(o.get("specialty").asText(), o.get("city").asText(),
        o.has("lat") ? new GeoPoint(o.get("lat").asDouble(), o.get("lon").asDouble()) : null,
        o.has("km") ? o.get("km").asDouble() : null, o.has("maxPrice") ? o.get("maxPrice").asLong() : null,
        o.has("gender") ? Gender.valueOf(o.get("gender").asText()) : null);
  }

  private static Step.Purpose purpose(JsonNode s) {
    return Step.Purpose.valueOf(s.get("purpose").asText());
  }

  private static ArrayNode book(List<OwnerPatient> book) {
    ArrayNode a = JSON.createArrayNode();
    book.forEach(p -> a.add(ownerPatient(p)));
    return a;
  }

  private static List<OwnerPatient> book(JsonNode a) {
    List<OwnerPatient> out = new ArrayList<>();
    a.forEach(p -> out.add(ownerPatient(p)));
    return out;
  }

  private static ObjectNode ownerPatient(OwnerPatient p) {
    ObjectNode o = JSON.createObjectNode().put("label", p.label());
    if (p.providerId() != null) {
      o.put("provider", p.providerId());
    }
    o.set("patient", patient(p.patient()));
    return o;
  }

  private static OwnerPatient ownerPatient(JsonNode o) {
    return new OwnerPatient(o.get("label").asText(), patient(o.get("patient")),
        o.has("provider") ? o.get("provider").asText() : null);
  }

  private static ObjectNode patient(Patient p) {
    ObjectNode o = JSON.createObjectNode().put("first", p.firstName()).put("last", p.lastName())
        .put("code", p.nationalCode()).put("mobile", p.mobile()).put("gender", p.gender().name());
    if (p.accountUserId() != null) {
      o.put("user", p.accountUserId());
    }
    return o;
  }

  private static Patient patient(JsonNode o) {
    return new Patient(o.get("first").asText(), o.get("last").asText(), o.get("code").asText(),
        o.get("mobile").asText(), Gender.valueOf(o.get("gender").asText()), o.has("user") ? o.get("user").asText() : null);
  }

  private static ObjectNode session(AccountSession s) {
    ObjectNode o = JSON.createObjectNode().put("provider", s.providerId()).put("token", s.token())
        .put("expires", s.expiresAt().toString());
    o.set("attributes", map(s.attributes()));
    return o;
  }

  private static AccountSession session(JsonNode o) {
    return new AccountSession(o.get("provider").asText(), o.get("token").asText(), map(o.get("attributes")),
        Instant.parse(o.get("expires").asText()));
  }

  private static ObjectNode challenge(OtpChallenge c) {
    ObjectNode o = JSON.createObjectNode().put("provider", c.providerId()).put("mobile", c.mobile())
        .put("expires", c.expiresAt().toString()).put("notice", c.notice()).put("resend", c.resendAfter().toString())
        .put("password", c.staticPassword());
    o.set("state", map(c.state()));
    return o;
  }

  private static OtpChallenge challenge(JsonNode o) {
    return new OtpChallenge(o.get("provider").asText(), o.get("mobile").asText(), map(o.get("state")),
        Instant.parse(o.get("expires").asText()), o.get("notice").asText(), Instant.parse(o.get("resend").asText()),
        o.get("password").asBoolean());
  }

  private static ObjectNode map(Map<String, String> m) {
    ObjectNode o = JSON.createObjectNode();
    m.forEach(o::put);
    return o;
  }

  private static Map<String, String> map(JsonNode o) {
    Map<String, String> m = new LinkedHashMap<>();
    o.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
