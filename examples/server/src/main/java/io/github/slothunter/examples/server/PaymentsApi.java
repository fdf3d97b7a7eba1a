package io.github.slothunter.examples.server;

import static io.github.slothunter.examples.server.Api.json;
import static io.github.slothunter.examples.server.Api.limit;
import static io.github.slothunter.examples.server.Api.owner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Buying a plan over the API: checkout, receipts and the gateway's callback ({@link Payments} does
 * the work; this maps it to HTTP). Without a configured gateway, checkout and the callback answer
 * 501 and the receipts are empty. Thread-safe.
 */
final class PaymentsApi {
  private final Payments payments;

  /** @param payments the payments, or {@code null} when no gateway is configured */
  PaymentsApi(Payments payments) {
    this.payments = payments;
  }

  private Payments payments() {
    if (payments == null) {
      throw ApiException.notImplemented("payments are not configured on this server");
    }
    return payments;
  }

  void checkout(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("plan"));
    String plan = body.requiredString("plan", 64);
    Payments.Checkout c = payments().checkout(owner.id(), plan);
    ObjectNode n = Json.object();
    n.put("paymentId", c.payment().id());
    n.put("redirectUrl", c.redirectUrl());
    n.set("payment", paymentView(c.payment()));
    json(ctx, 201, n);
  }

  void list(Context ctx) {
    Owner owner = owner(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (payments != null) {
      payments.list(owner.id(), limit(ctx, 50, 500)).forEach(p -> out.add(paymentView(p)));
    }
    json(ctx, 200, out);
  }

  /**
   * The gateway sends the payer's browser here: verified, then a redirect to the dashboard's receipts;
   * a client that asks for JSON ({@code Accept: application/json}) gets the receipt instead.
   */
  void callback(Context ctx) {
    Payments.Payment p = payments().callback(ctx.queryParam("Authority"), ctx.queryParam("Status"));
    String accept = ctx.header("Accept");
    if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
      json(ctx, 200, paymentView(p));
      return;
    }
    ctx.status(303).header("Location", "/?payment=" + p.id() + "&state=" + p.state() + "#payments");
  }

  /** A receipt: what was bought, for how much, and what the gateway said; the card masked. */
  static ObjectNode paymentView(Payments.Payment p) {
    ObjectNode n = Json.object();
    n.put("id", p.id());
    n.put("plan", p.plan());
    n.put("amountRials", p.amountRials());
    n.put("state", p.state().name());
    n.put("gateway", p.gateway());
    n.put("authority", p.authority());
    n.put("periodDays", p.period().toDays());
    n.put("refId", p.refId());
    n.put("cardPan", p.cardPan());
    if (p.failureCode() == null) {
      n.putNull("failureCode");
    } else {
      n.put("failureCode", p.failureCode());
    }
    n.put("planUntil", p.planUntil() == null ? null : p.planUntil().toString());
    if (p.planUntil() == null) {
      n.putNull("planUntilText");
    } else {
      n.set("planUntilText", Display.dateTime(p.planUntil()));
    }
    n.put("planApplied", p.planApplied());
    n.put("createdAt", p.createdAt().toString());
    n.put("verifiedAt", p.verifiedAt() == null ? null : p.verifiedAt().toString());
    return n;
  }
}
