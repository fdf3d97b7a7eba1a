package io.github.slothunter.examples.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A fake Telegram Bot API on {@code 127.0.0.1} (WireMock): {@code getUpdates} hands out the
 * updates a test scripts with {@link #userSends} and {@link #userPresses}, one per call in order,
 * and {@code sendMessage}, {@code editMessageText} and {@code answerCallbackQuery} are recorded so
 * a test can wait for them ({@link #await}) without sleeping. Thread-safe.
 */
final class FakeTelegram implements AutoCloseable {
  static final String TOKEN = "123456789:TEST-fake-token";
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Call> calls = new ArrayList<>();
  private int polls;
  private final AtomicInteger updateIds = new AtomicInteger();
  private final AtomicInteger messageIds = new AtomicInteger(500);

  /**
   * One recorded Bot API call.
   *
   * @param method {@code sendMessage}, {@code editMessageText} or {@code answerCallbackQuery}
   * @param form the decoded form fields
   */
  record Call(String method, Map<String, String> form) {
    String text() {
      return form.getOrDefault("text", "");
    }

    long chatId() {
      return Long.parseLong(form.getOrDefault("chat_id", "0"));
    }

    /** The {@code reply_markup} JSON, empty text when there is none. */
    String replyMarkup() {
      return form.getOrDefault("reply_markup", "");
    }

    /** The inline keyboard's buttons (each {@code text} plus {@code callback_data} or {@code url}). */
    List<JsonNode> buttons() {
      List<JsonNode> out = new ArrayList<>();
      if (replyMarkup().isEmpty()) {
        return out;
      }
      try {
        for (JsonNode row : JSON.readTree(replyMarkup()).path("inline_keyboard")) {
          row.forEach(out::add);
        }
      } catch (java.io.IOException e) {
        throw new AssertionError("reply_markup is not JSON: " + replyMarkup(), e);
      }
      return out;
    }
  }

  FakeTelegram() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Recorder()));
    server.start();
    // no update: answer after a short delay, as a long poll with nothing to say would (keeps the poller calm)
    server.stubFor(api("getUpdates").atPriority(10)
        .willReturn(okJson("{\"ok\":true,\"result\":[]}").withFixedDelay(50)));
    server.stubFor(api("sendMessage").atPriority(10).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"result\":{\"message_id\":501,\"date\":0,\"chat\":{\"id\":1,\"type\":\"private\"},"
            + "\"text\":\"ok\"}}")));
    // Telegram answers an edit of a bot's own message with the edited message
    server.stubFor(api("editMessageText").atPriority(10).willReturn(okJson(
        "{\"ok\":true,\"result\":{\"message_id\":501,\"date\":0,\"chat\":{\"id\":1,\"type\":\"private\"},"
            + "\"text\":\"ok\"}}")));
    server.stubFor(api("answerCallbackQuery").atPriority(10).willReturn(okJson("{\"ok\":true,\"result\":true}")));
    server.stubFor(api("answerPreCheckoutQuery").atPriority(10).willReturn(okJson("{\"ok\":true,\"result\":true}")));
    // an invoice is a message too
    server.stubFor(api("sendInvoice").atPriority(10).willReturn(okJson(
        "{\"ok\":true,\"result\":{\"message_id\":502,\"date\":0,\"chat\":{\"id\":1,\"type\":\"private\"}}}")));
  }

  static MappingBuilder api(String method) {
    return post(urlEqualTo("/bot" + TOKEN + "/" + method));
  }

  /** The prefix the bot's token is appended to. */
  String apiUrl() {
    return server.baseUrl() + "/bot";
  }

  WireMockServer server() {
    return server;
  }

  /** Scripts a text message from a private chat. */
  void userSends(long chatId, String text) {
    ObjectNode msg = message(chatId, messageIds.incrementAndGet());
    msg.put("text", text);
    ObjectNode update = JSON.createObjectNode();
    update.set("message", msg);
    enqueue(update);
  }

  /** Scripts a location shared from a private chat, as the Bot API sends it ({@code message.location}). */
  void userSharesLocation(long chatId, double latitude, double longitude) {
    ObjectNode msg = message(chatId, messageIds.incrementAndGet());
    msg.putObject("location").put("latitude", latitude).put("longitude", longitude);
    ObjectNode update = JSON.createObjectNode();
    update.set("message", msg);
    enqueue(update);
  }

  /** Scripts a press on an inline button of message {@code messageId}. */
  void userPresses(long chatId, int messageId, String data) {
    ObjectNode cq = JSON.createObjectNode();
    cq.put("id", "cq-" + (updateIds.get() + 1));
    cq.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "User");
    cq.put("chat_instance", "ci-" + chatId);
    cq.put("data", data);
    ObjectNode msg = message(chatId, messageId);
    msg.put("text", "menu");
    cq.set("message", msg);
    ObjectNode update = JSON.createObjectNode();
    update.set("callback_query", cq);
    enqueue(update);
  }

  /** Scripts Telegram's pre-checkout query for an invoice the user is about to pay. */
  void userChecksOut(long chatId, String queryId, String payload, String currency, long amount) {
    ObjectNode q = JSON.createObjectNode();
    q.put("id", queryId);
    q.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "User");
    q.put("currency", currency);
    q.put("total_amount", amount);
    q.put("invoice_payload", payload);
    ObjectNode update = JSON.createObjectNode();
    update.set("pre_checkout_query", q);
    enqueue(update);
  }

  /** Scripts the service message of a payment that went through. */
  void userPaid(long chatId, String payload, String currency, long amount, String chargeId) {
    ObjectNode msg = message(chatId, messageIds.incrementAndGet());
    ObjectNode p = msg.putObject("successful_payment");
    p.put("currency", currency);
    p.put("total_amount", amount);
    p.put("invoice_payload", payload);
    p.put("telegram_payment_charge_id", chargeId);
    p.put("provider_payment_charge_id", "");
    ObjectNode update = JSON.createObjectNode();
    update.set("message", msg);
    enqueue(update);
  }

  private static ObjectNode message(long chatId, int messageId) {
    ObjectNode msg = JSON.createObjectNode();
    msg.put("message_id", messageId);
    msg.put("date", 1_770_000_000);
    msg.putObject("chat").put("id", chatId).put("type", "private");
    msg.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "User");
    return msg;
  }

  private void enqueue(ObjectNode update) {
    int id = updateIds.incrementAndGet();
    update.put("update_id", id);
    // the poller asks with offset = last update id + 1 (0 before the first update)
    String offsets = id == 1 ? "(0|1)" : Integer.toString(id);
    String body = "{\"ok\":true,\"result\":[" + update + "]}";
    server.stubFor(api("getUpdates").atPriority(1)
        .withRequestBody(matching("(.*&)?offset=" + offsets + "(&.*)?"))
        .willReturn(okJson(body)));
  }

  /**
   * Waits (at most {@link #WAIT}) for a recorded call of {@code method} that matches.
   *
   * @throws AssertionError with every recorded call when none matched in time
   */
  Call await(String method, Predicate<Call> matches) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    lock.lock();
    try {
      while (true) {
        Optional<Call> found = calls.stream().filter(c -> c.method().equals(method)).filter(matches).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching " + method + " within " + WAIT + "; calls: " + calls);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /** A {@code sendMessage} to the chat whose text contains {@code fragment}. */
  Call awaitMessage(long chatId, String fragment) {
    return await("sendMessage", c -> c.chatId() == chatId && c.text().contains(fragment));
  }

  /** An {@code editMessageText} in the chat whose text contains {@code fragment}. */
  Call awaitEdit(long chatId, String fragment) {
    return await("editMessageText", c -> c.chatId() == chatId && c.text().contains(fragment));
  }

  /** Every recorded call of the method. */
  List<Call> calls(String method) {
    lock.lock();
    try {
      return calls.stream().filter(c -> c.method().equals(method)).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Waits (at most {@link #WAIT}) until a {@code getUpdates} request has arrived (it may still be open). */
  void awaitPoll() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    lock.lock();
    try {
      while (polls == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no getUpdates within " + WAIT);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /** Records the calls a test waits for. */
  private final class Recorder implements ServeEventListener {
    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
      if (event.getRequest().getUrl().endsWith("/getUpdates")) {
        lock.lock();
        try {
          polls++;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }

    @Override
    public void afterComplete(ServeEvent event, Parameters parameters) {
      String url = event.getRequest().getUrl();
      String method = url.substring(url.lastIndexOf('/') + 1);
      if (method.equals("getUpdates")) {
        return;
      }
      Call call = new Call(method, form(event.getRequest().getBodyAsString()));
      lock.lock();
      try {
        calls.add(call);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public String getName() {
      return "fake-telegram-recorder";
    }
  }
}
