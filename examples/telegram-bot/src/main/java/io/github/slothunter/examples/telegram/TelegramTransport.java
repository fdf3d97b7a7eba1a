package io.github.slothunter.examples.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.LinkPreviewOptions;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.PreCheckoutQuery;
import com.pengrad.telegrambot.model.SuccessfulPayment;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.message.MaybeInaccessibleMessage;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.model.request.LabeledPrice;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.AnswerPreCheckoutQuery;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.SendInvoice;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import io.github.slothunter.api.Pii;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a {@link BotConversation}'s values to and from the Telegram Bot API with long polling
 * (pengrad's {@link TelegramBot} over OkHttp).
 *
 * <p>One thread long-polls {@code getUpdates}; each update is handled on one of a few chat workers
 * chosen by chat id, so one chat's messages are handled in order while other chats proceed; the
 * replies are sent from that worker. Notifications ({@link #deliver(List)}) go out on their own
 * sender thread, and {@link BotConversation#flush()} runs every few seconds. A {@code 429} is waited
 * out (as Telegram's {@code retry_after} says, at most {@value #MAX_RETRY_AFTER_SECONDS} s); a URL
 * button Telegram refuses (a sandbox link to {@code 127.0.0.1}) is sent again as plain text.
 *
 * <p>Thread-safe. The token is never logged.
 */
public final class TelegramTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  /** Number of chat workers. */
  public static final int CHAT_WORKERS = 8;
  /** How often held-back slots are summarised. */
  public static final Duration FLUSH_EVERY = Duration.ofSeconds(5);
  /** The longest {@code retry_after} the transport waits out before giving a message up. */
  public static final int MAX_RETRY_AFTER_SECONDS = 30;
  /** The longest text sent as one message (Telegram's limit is 4096 characters). */
  public static final int MAX_TEXT = 4000;
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(3);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final TelegramBot bot;
  private final OkHttpClient http;
  private final BotConversation conversation;
  private final int pollTimeoutSeconds;
  private final ExecutorService[] workers = new ExecutorService[CHAT_WORKERS];
  private final ExecutorService sender;
  private final ScheduledExecutorService flusher;
  private final Thread poller;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile int offset;

  /**
   * A transport for the bot with this token.
   *
   * @param token the bot token
   * @param apiUrl the Bot API prefix the token is appended to ({@code https://api.telegram.org/bot})
   * @param pollTimeout the long-polling timeout (0 for short polling)
   * @param conversation what to do with updates
   */
  public TelegramTransport(String token, String apiUrl, Duration pollTimeout, BotConversation conversation) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(apiUrl, "apiUrl");
    this.conversation = Objects.requireNonNull(conversation, "conversation");
    this.pollTimeoutSeconds = (int) pollTimeout.toSeconds();
    // long polling holds getUpdates open for the poll timeout: read a little longer than that
    this.http = new OkHttpClient.Builder()
        .connectTimeout(10, TimeUnit.SECONDS)
        .writeTimeout(15, TimeUnit.SECONDS)
        .readTimeout(pollTimeoutSeconds + 15L, TimeUnit.SECONDS)
        .build();
    this.bot = new TelegramBot.Builder(token).apiUrl(apiUrl).okHttpClient(http).build();
    for (int i = 0; i < workers.length; i++) {
      workers[i] = Executors.newSingleThreadExecutor(named("telegram-chat-" + i));
    }
    this.sender = Executors.newSingleThreadExecutor(named("telegram-send"));
    this.flusher = Executors.newSingleThreadScheduledExecutor(named("telegram-flush"));
    this.poller = named("telegram-poll").newThread(this::pollLoop);
  }

  private static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts polling. Idempotent. */
  public void start() {
    if (started.compareAndSet(false, true)) {
      poller.start();
      flusher.scheduleWithFixedDelay(() -> deliverNow(conversation.flush()), FLUSH_EVERY.toMillis(),
          FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Telegram long polling started (timeout {} s)", pollTimeoutSeconds);
    }
  }

  /** Sends messages from outside an update (engine notifications), in order, without blocking the caller. */
  public void deliver(List<Outgoing> messages) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      return;
    }
    try {
      sender.execute(() -> deliverNow(messages));
    } catch (RejectedExecutionException e) {
      log.debug("transport closed; {} message(s) not sent", messages.size());
    }
  }

  private void deliverNow(List<Outgoing> messages) {
    for (Outgoing o : messages) {
      try {
        send(o);
      } catch (RuntimeException e) {
        log.warn("failed to send a {}: {}", o.getClass().getSimpleName(), Pii.redact(String.valueOf(e)));
      }
    }
  }

  // ------------------------------------------------------------------ receiving

  private void pollLoop() {
    while (stopping.getCount() > 0) {
      GetUpdatesResponse r;
      try {
        r = bot.execute(new GetUpdates().offset(offset).limit(100).timeout(pollTimeoutSeconds)
            .allowedUpdates("message", "callback_query", "pre_checkout_query"));
      } catch (RuntimeException e) {
        if (stopping.getCount() == 0) {
          return;
        }
        log.warn("getUpdates failed: {}; retrying in {} s", Pii.redact(String.valueOf(e)), ERROR_BACKOFF.toSeconds());
        pause(ERROR_BACKOFF);
        continue;
      }
      if (!r.isOk() || r.updates() == null) {
        Duration wait = retryAfter(r, ERROR_BACKOFF);
        log.warn("getUpdates answered {} {}; retrying in {} s", r.errorCode(), r.description(), wait.toSeconds());
        pause(wait);
        continue;
      }
      for (Update u : r.updates()) {
        if (u.updateId() != null) {
          offset = Math.max(offset, u.updateId() + 1);
        }
        Incoming in = toIncoming(u);
        if (in != null) {
          dispatch(in);
        }
      }
    }
  }

  private void dispatch(Incoming in) {
    ExecutorService worker = workers[Math.floorMod(Long.hashCode(in.chatId()), workers.length)];
    try {
      worker.execute(() -> {
        List<Outgoing> replies = conversation.handle(in);
        deliverNow(replies);
      });
    } catch (RejectedExecutionException e) {
      log.debug("transport closed; update from chat {} dropped", in.chatId());
    }
  }

  /** The update as a plain value, or {@code null} for kinds the bot ignores. */
  static Incoming toIncoming(Update u) {
    Message msg = u.message();
    if (msg != null && msg.successfulPayment() != null && msg.chat() != null && msg.chat().id() != null) {
      SuccessfulPayment p = msg.successfulPayment();
      return new Incoming.Paid(msg.chat().id(), String.valueOf(p.invoicePayload()), String.valueOf(p.currency()),
          p.totalAmount(), String.valueOf(p.telegramPaymentChargeId()));
    }
    if (msg != null && msg.text() != null && msg.chat() != null && msg.chat().id() != null) {
      return new Incoming.Text(msg.chat().id(), msg.text());
    }
    if (msg != null && msg.location() != null && msg.location().latitude() != null
        && msg.location().longitude() != null && msg.chat() != null && msg.chat().id() != null) {
      return new Incoming.Location(msg.chat().id(), msg.location().latitude(), msg.location().longitude());
    }
    PreCheckoutQuery pq = u.preCheckoutQuery();
    if (pq != null && pq.from() != null && pq.from().id() != null && pq.id() != null) {
      // a private chat's id is its user's id: the invoice went there
      return new Incoming.PreCheckout(pq.from().id(), pq.id(), String.valueOf(pq.invoicePayload()),
          String.valueOf(pq.currency()), pq.totalAmount() == null ? -1 : pq.totalAmount());
    }
    CallbackQuery cq = u.callbackQuery();
    if (cq != null && cq.data() != null) {
      MaybeInaccessibleMessage m = cq.maybeInaccessibleMessage();
      if (m != null && m.chat() != null && m.chat().id() != null && m.messageId() != null) {
        return new Incoming.Callback(m.chat().id(), m.messageId(), cq.id(), cq.data());
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ sending

  private void send(Outgoing o) {
    if (o instanceof Outgoing.Send s && s.text().length() > MAX_TEXT) {
      // Telegram refuses texts over 4096 characters (a long /list): send it in parts, the keyboard with the last
      List<String> parts = chunks(s.text(), MAX_TEXT);
      for (int i = 0; i < parts.size(); i++) {
        send(new Outgoing.Send(s.chatId(), parts.get(i), i == parts.size() - 1 ? s.keyboard() : Keyboard.NONE));
      }
      return;
    }
    if (o instanceof Outgoing.Send s) {
      SendMessage req = new SendMessage(s.chatId(), s.text())
          .linkPreviewOptions(new LinkPreviewOptions().isDisabled(true));
      if (!s.keyboard().isEmpty()) {
        req.replyMarkup(markup(s.keyboard()));
      }
      BaseResponse r = call(req);
      if (!r.isOk() && hasLinks(s.keyboard()) && refusedUrl(r)) {
        // Telegram refuses URL buttons it cannot open (the sandbox's 127.0.0.1 links): put the link in the text
        log.info("Telegram refused a URL button ({}); sending the link as text", r.description());
        Keyboard callbacks = withoutLinks(s.keyboard());
        SendMessage plain = new SendMessage(s.chatId(), s.text() + linksAsText(s.keyboard()))
            .linkPreviewOptions(new LinkPreviewOptions().isDisabled(true));
        if (!callbacks.isEmpty()) {
          plain.replyMarkup(markup(callbacks));
        }
        r = call(plain);
      }
      logFailure("sendMessage", r);
    } else if (o instanceof Outgoing.Edit e) {
      EditMessageText req = new EditMessageText(e.chatId(), e.messageId(), e.text())
          .linkPreviewOptions(new LinkPreviewOptions().isDisabled(true));
      if (!e.keyboard().isEmpty()) {
        req.replyMarkup(markup(e.keyboard()));
      }
      BaseResponse r = call(req);
      if (!r.isOk() && String.valueOf(r.description()).contains("message is not modified")) {
        return;
      }
      logFailure("editMessageText", r);
    } else if (o instanceof Outgoing.Invoice i) {
      // Stars (XTR) need no payment provider: the token is empty
      SendInvoice req = new SendInvoice(i.chatId(), i.title(), i.description(), i.payload(), i.currency(),
          List.of(new LabeledPrice(i.title(), Math.toIntExact(i.amount())))).providerToken("");
      logFailure("sendInvoice", call(req));
    } else if (o instanceof Outgoing.AnswerPreCheckout a) {
      AnswerPreCheckoutQuery req = a.error() == null ? new AnswerPreCheckoutQuery(a.queryId())
          : new AnswerPreCheckoutQuery(a.queryId(), a.error());
      logFailure("answerPreCheckoutQuery", call(req));
    } else if (o instanceof Outgoing.Answer a) {
      AnswerCallbackQuery req = new AnswerCallbackQuery(a.callbackId());
      if (!a.text().isEmpty()) {
        req.text(a.text());
      }
      logFailure("answerCallbackQuery", call(req));
    }
  }

  private <T extends BaseRequest<T, R>, R extends BaseResponse> R call(T request) {
    R r = bot.execute(request);
    for (int attempt = 0; attempt < 3 && !r.isOk() && r.errorCode() == 429; attempt++) {
      Duration wait = retryAfter(r, Duration.ofSeconds(1));
      if (wait.toSeconds() > MAX_RETRY_AFTER_SECONDS || !pause(wait)) {
        return r;
      }
      r = bot.execute(request);
    }
    return r;
  }

  private static Duration retryAfter(BaseResponse r, Duration otherwise) {
    if (r.parameters() != null && r.parameters().retryAfter() != null) {
      return Duration.ofSeconds(Math.max(1, r.parameters().retryAfter()));
    }
    return otherwise;
  }

  private static boolean refusedUrl(BaseResponse r) {
    String d = String.valueOf(r.description()).toLowerCase(Locale.ROOT);
    return r.errorCode() == 400 && (d.contains("button_url_invalid") || d.contains("url") && d.contains("invalid")
        || d.contains("wrong http url") || d.contains("unsupported url"));
  }

  private static void logFailure(String method, BaseResponse r) {
    if (!r.isOk()) {
      log.warn("{} failed: {} {}", method, r.errorCode(), r.description());
    }
  }

  static InlineKeyboardMarkup markup(Keyboard keyboard) {
    InlineKeyboardMarkup markup = new InlineKeyboardMarkup();
    for (List<Button> row : keyboard.rows()) {
      if (row.isEmpty()) {
        continue;
      }
      InlineKeyboardButton[] buttons = new InlineKeyboardButton[row.size()];
      for (int i = 0; i < row.size(); i++) {
        Button b = row.get(i);
        buttons[i] = b.url() != null ? new InlineKeyboardButton(b.text()).url(b.url().toString())
            : new InlineKeyboardButton(b.text()).callbackData(b.data());
      }
      markup.addRow(buttons);
    }
    return markup;
  }

  private static boolean hasLinks(Keyboard k) {
    return k.buttons().stream().anyMatch(b -> b.url() != null);
  }

  private static Keyboard withoutLinks(Keyboard k) {
    return new Keyboard(k.rows().stream().map(row -> row.stream().filter(b -> b.url() == null).toList())
        .filter(row -> !row.isEmpty()).toList());
  }

  private static String linksAsText(Keyboard k) {
    StringBuilder s = new StringBuilder();
    for (Button b : k.buttons()) {
      if (b.url() != null) {
        s.append("\n\n").append(b.text()).append(":\n").append(b.url());
      }
    }
    return s.toString();
  }

  /** Splits a text into parts of at most {@code max} characters, at line breaks where possible. */
  static List<String> chunks(String text, int max) {
    List<String> out = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = rest.lastIndexOf('\n', max);
      if (cut <= 0) {
        cut = max;
        if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
          cut--;
        }
      }
      out.add(rest.substring(0, cut));
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /** Waits, unless closing; returns whether the full time passed. */
  private boolean pause(Duration d) {
    try {
      return !stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The offset of the next {@code getUpdates} (the last update id seen plus one). */
  int offset() {
    return offset;
  }

  /** Stops polling, lets queued replies and notifications go out (bounded), and releases HTTP resources. Idempotent. */
  @Override
  public void close() {
    if (stopping.getCount() == 0) {
      return;
    }
    stopping.countDown();
    flusher.shutdownNow();
    for (ExecutorService w : workers) {
      w.shutdown();
    }
    sender.shutdown();
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      for (ExecutorService w : workers) {
        w.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      sender.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      // the long poll in flight: cancel it rather than wait out its timeout
      http.dispatcher().cancelAll();
      if (started.get()) {
        poller.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      bot.shutdown();
    }
    log.info("Telegram transport stopped");
  }
}
