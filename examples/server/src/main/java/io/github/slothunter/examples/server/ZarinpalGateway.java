package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Zarinpal's payment gateway over its public REST API, v4. What this class relies on, from Zarinpal's
 * connection guide (https://www.zarinpal.com/docs/paymentGateway/connectToGateway.html, also at
 * https://next.zarinpal.com/paymentGateway/guide/):
 *
 * <ol>
 *   <li><b>Request</b>: {@code POST {base}/pg/v4/payment/request.json} with JSON
 *       {@code {merchant_id, amount, currency, callback_url, description, metadata:{order_id}}};
 *       {@code merchant_id} is the merchant's 36-character code, {@code currency} {@code "IRR"} (rials;
 *       {@code "IRT"} would be tomans). Success: {@code {"data":{"code":100,"message":"Success",
 *       "authority":"A0000000000000000000000000000wwOGYpd","fee_type":"Merchant","fee":100},"errors":[]}}.
 *       An error has {@code "data":[]} and {@code "errors":{"code":-9,"message":"...","validations":[...]}}.
 *   <li><b>Redirect</b>: the payer pays at {@code {base}/pg/StartPay/{authority}}.
 *   <li><b>Callback</b>: the gateway sends the payer back to {@code callback_url?Authority=...&Status=OK}
 *       (or {@code NOK} when the payment failed or was cancelled). Anyone can call that address with
 *       any values: the callback proves nothing until verified.
 *   <li><b>Verify</b>: {@code POST {base}/pg/v4/payment/verify.json} with {@code {merchant_id, amount,
 *       authority}}. Success: {@code {"data":{"code":100,"message":"Verified","card_hash":"...",
 *       "card_pan":"502229******5995","ref_id":201,"fee_type":"Merchant","fee":0},"errors":[]}}; code
 *       {@code 101} means verified before (a repeat); negative codes are failures, among them -50 (the
 *       amount differs from the payment's), -51 (the payment failed), -54 (invalid authority).
 *   <li><b>Sandbox</b>: the same paths on {@code https://sandbox.zarinpal.com}; any 36-character merchant
 *       id is accepted there and no money moves.
 *   <li><b>Unverified payments</b>: {@code POST {base}/pg/v4/payment/unVerified.json} {@code {merchant_id}}
 *       lists the last 100 payments that succeeded but were never verified
 *       (https://next.zarinpal.com/paymentGateway/other/); this class does not call it.
 *   <li><b>Refunds</b> are not part of this REST API: Zarinpal refunds through its GraphQL API, authorised
 *       by an access token from the merchant panel, with the transaction's {@code session_id}, the amount in
 *       rials (at least 20,000), a description, {@code method} {@code CARD} or {@code PAYA} and a
 *       {@code reason} such as {@code CUSTOMER_REQUEST} (its SDKs' refund method,
 *       https://zarinpal.com/docs/sdk/php/method/refund.html). This class does not implement it; see the
 *       server README's "Payments (Zarinpal)".
 * </ol>
 *
 * <p>Every call is bounded by the configured timeout; an I/O failure, a timeout, a 5xx answer or a body
 * that is not the JSON above makes the gateway {@linkplain Verification.Unavailable unavailable}. The
 * merchant id is sent only in request bodies and never logged ({@link #toString()} hides it); card
 * numbers arrive masked and are masked again before they leave this class. Thread-safe.
 */
final class ZarinpalGateway implements PaymentGateway {
  /** Zarinpal's production gateway. */
  static final String PRODUCTION = "https://payment.zarinpal.com";
  /** Zarinpal's sandbox: no money moves. */
  static final String SANDBOX = "https://sandbox.zarinpal.com";
  /** The default limit on one call to the gateway, connecting included. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int OK = 100;
  static final int ALREADY_VERIFIED = 101;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9-]{36}");
  private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9]{1,64}");

  private final HttpUrl base;
  private final String merchantId;
  private final OkHttpClient http;

  /**
   * @param baseUrl {@link #PRODUCTION}, {@link #SANDBOX}, or a stub's address
   * @param merchantId the merchant's 36-character code
   * @param timeout the limit on one call, connecting included
   * @throws IllegalArgumentException for a base URL that is not http(s) or a merchant id that is not 36 characters
   */
  ZarinpalGateway(String baseUrl, String merchantId, Duration timeout) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(timeout, "timeout");
    HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("the Zarinpal base URL must be an http(s) URL: " + baseUrl);
    }
    if (!MERCHANT_ID.matcher(merchantId).matches()) {
      // the value itself stays out of the message: it is a credential
      throw new IllegalArgumentException("the Zarinpal merchant id must be 36 letters, digits or dashes (got "
          + merchantId.length() + " characters)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the Zarinpal timeout must be positive: " + timeout);
    }
    this.base = parsed;
    this.merchantId = merchantId;
    this.http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
        .callTimeout(timeout).followRedirects(false).retryOnConnectionFailure(false).build();
  }

  @Override
  public String name() {
    return "zarinpal";
  }

  @Override
  public Created create(Order order) {
    ObjectNode body = Json.object();
    body.put("merchant_id", merchantId);
    body.put("amount", order.amountRials());
    body.put("currency", "IRR");
    body.put("callback_url", order.callbackUrl());
    body.put("description", order.description());
    body.putObject("metadata").put("order_id", order.paymentId());
    JsonNode answer;
    try {
      answer = post("/pg/v4/payment/request.json", body);
    } catch (IOException e) {
      throw new GatewayException(null, "Zarinpal could not be reached to create a payment: " + reason(e), e);
    }
    JsonNode data = answer.path("data");
    if (data.isObject() && data.path("code").asInt() == OK) {
      String authority = data.path("authority").asText("");
      if (!AUTHORITY.matcher(authority).matches()) {
        throw new GatewayException(null, "Zarinpal answered code 100 without a usable authority", null);
      }
      return new Created(authority, base.newBuilder().addPathSegments("pg/StartPay").addPathSegment(authority)
          .build().toString());
    }
    Failure f = failure(answer);
    throw new GatewayException(f.code, "Zarinpal refused the payment request: code " + f.code + " (" + f.message + ")",
        null);
  }

  @Override
  public Verification verify(String authority, long amountRials) {
    Objects.requireNonNull(authority, "authority");
    ObjectNode body = Json.object();
    body.put("merchant_id", merchantId);
    body.put("amount", amountRials);
    body.put("authority", authority);
    JsonNode answer;
    try {
      answer = post("/pg/v4/payment/verify.json", body);
    } catch (IOException e) {
      return new Verification.Unavailable(reason(e));
    }
    JsonNode data = answer.path("data");
    if (data.isObject() && data.has("code")) {
      int code = data.path("code").asInt();
      String refId = data.hasNonNull("ref_id") ? data.get("ref_id").asText() : null;
      String pan = mask(data.path("card_pan").asText(null));
      if (code == OK && refId != null && !refId.isEmpty()) {
        return new Verification.Verified(refId, pan);
      }
      if (code == ALREADY_VERIFIED) {
        return new Verification.AlreadyVerified(refId, pan);
      }
    }
    Failure f = failure(answer);
    return new Verification.Failed(f.code, f.message);
  }

  /** Posts JSON; the answer's JSON, whatever the status, unless it is a 5xx or not Zarinpal's shape. */
  private JsonNode post(String path, ObjectNode body) throws IOException {
    HttpUrl url = base.newBuilder().addPathSegments(path.substring(1)).build();
    Request request = new Request.Builder().url(url).header("Accept", "application/json")
        .post(RequestBody.create(Json.write(body), JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() >= 500) {
        throw new IOException("HTTP " + response.code());
      }
      ResponseBody rb = response.body();
      String text = rb == null ? "" : rb.string();
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new IOException("HTTP " + response.code() + " with a body that is not JSON", e);
      }
      // errors arrive with 4xx statuses too; anything without data or errors is not Zarinpal's answer
      if (json == null || !json.isObject() || (!json.has("data") && !json.has("errors"))) {
        throw new IOException("HTTP " + response.code() + " without Zarinpal's data/errors");
      }
      return json;
    }
  }

  private record Failure(int code, String message) {}

  private static Failure failure(JsonNode answer) {
    JsonNode errors = answer.path("errors");
    JsonNode source = errors.isObject() && errors.has("code") ? errors : answer.path("data");
    int code = source.path("code").asInt(0);
    String message = source.path("message").asText("no message");
    if (message.length() > 200) {
      message = message.substring(0, 200);
    }
    return new Failure(code == 0 ? -1 : code, message);
  }

  /** A card number with all but its first six and last four digits hidden (Zarinpal's own masking). */
  static String mask(String pan) {
    if (pan == null || pan.isBlank()) {
      return null;
    }
    String digits = pan.strip();
    if (digits.length() < 10) {
      return "*".repeat(digits.length());
    }
    return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  @Override
  public String toString() {
    return "ZarinpalGateway[" + base + ", merchantId=<redacted>]";
  }
}
