package io.github.slothunter.testkit.internal;

import static io.github.slothunter.testkit.internal.Paziresh24Site.notFound;
import static io.github.slothunter.testkit.internal.Paziresh24Site.origin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Calendar;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24State.BookingRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake site's services around a booking: the service price (spec 5.6), the invoice page a
 * pay-to-confirm booking links to, and the Hamdast pre-booking widgets (spec 5.9). Called by
 * {@link Paziresh24Site} under the state's monitor.
 */
final class Paziresh24Addons {
  private final Paziresh24State state;

  Paziresh24Addons(Paziresh24State state) {
    this.state = state;
  }

  /**
   * apigw {@code v1/service-price} (spec 5.6, 11): {@code free_price} in rials, VAT 3% of it (the
   * ratio of the spec's example), all rials.
   */
  FakeResponse servicePrice(IncomingRequest r) {
    Map<String, String> q = r.query();
    for (Calendar c : state.directory().atCenter(q.getOrDefault("center_id", ""))) {
      if (c.service().id().equals(q.getOrDefault("service_id", ""))
          && c.service().userCenterId().equals(q.getOrDefault("user_center_id", c.service().userCenterId()))) {
        long price = c.service().price();
        long vat = price * 3 / 100;
        ObjectNode body = Json.object();
        body.putObject("result").put("service_price", price).put("vat", vat).put("payable_cost", price + vat)
            .put("currency", "ريال");
        return FakeResponse.json(200, body);
      }
    }
    return notFound(r);
  }

  /**
   * The invoice page {@code factor/<center>/<book>} a payment-required booking's {@code redirect_url}
   * points at: a minimal HTML page (the real one is a Next.js page that posts to center-payment).
   */
  FakeResponse factor(IncomingRequest r) {
    List<String> s = r.segments();
    Optional<BookingRecord> b = state.bookingById(s.get(2));
    if (b.isEmpty() || !b.get().calendar.center().id().equals(s.get(1))) {
      return FakeResponse.html(404, "<html><body><h1>404</h1></body></html>");
    }
    return FakeResponse.html(200, "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
        + "<title>فاکتور</title></head><body><h1>فاکتور نوبت</h1><p>" + Paziresh24Pages.escape(b.get().bookId)
        + "</p><p>" + (b.get().paid ? "پرداخت شده" : "در انتظار پرداخت") + "</p></body></html>");
  }

  /** hamdast {@code api/v1/widgets/?slug=}: the doctor's widgets, {@code []} when none (or unknown slug). */
  FakeResponse widgets(IncomingRequest r) {
    ArrayNode out = Json.array();
    Optional<DoctorSpec> d = state.directory().doctor(r.query().getOrDefault("slug", ""));
    if (d.isPresent()) {
      for (Paziresh24Directory.Widget w : d.get().widgets()) {
        ObjectNode o = out.addObject().put("id", w.id()).put("app", w.app());
        o.putArray("placement").add("booking_flow::BEFOR_BOOK_ACTION");
        o.put("data_endpoint", origin(r) + "/v1/apps/" + w.app() + "/prebook");
      }
    }
    return FakeResponse.json(200, out);
  }

  /**
   * apigw {@code v1/apps/<app>/prebook} and {@code .../verify} (POST JSON): {@code BOOK} with the
   * configured {@code meta_data}, or first a captcha {@code SHOW_FORM} whose submit goes to
   * {@code verify}; verify answers {@code BOOK} once {@code form_data.captcha} is non-blank, else the
   * form again.
   */
  FakeResponse widgetAddon(IncomingRequest r) {
    List<String> s = r.segments();
    Optional<Paziresh24Directory.Widget> w = state.directory().widget(s.get(2));
    if (w.isEmpty()) {
      return notFound(r);
    }
    com.fasterxml.jackson.databind.JsonNode in;
    try {
      in = Json.MAPPER.readTree(r.body());
    } catch (java.io.IOException e) {
      in = null;
    }
    if (in == null || !in.isObject()) {
      return FakeResponse.json(400, Json.object().put("message", "invalid JSON body"));
    }
    boolean verified = s.get(3).equals("verify") && !in.path("form_data").path("captcha").asText("").isBlank();
    if (w.get().captcha() && !verified) {
      String session = "s-" + state.ids.hex(4);
      ObjectNode body = Json.object().put("action", "SHOW_FORM").put("title", "استعلام بیمه");
      body.putObject("meta_data").put("session_id", session);
      ArrayNode fields = body.putArray("form_fields");
      fields.addObject().put("type", "image").put("src", "https://example.invalid/captcha/" + session + ".png");
      fields.addObject().put("type", "text_input").put("key", "captcha").put("label", "کد تصویر").put("required", true);
      fields.addObject().put("type", "submit").put("label", "ادامه")
          .put("endpoint_api", origin(r) + "/v1/apps/" + w.get().app() + "/verify");
      return FakeResponse.json(200, body);
    }
    ObjectNode body = Json.object().put("action", "BOOK");
    ObjectNode meta = body.putObject("meta_data");
    w.get().metaData().forEach(meta::put);
    return FakeResponse.json(200, body);
  }
}
