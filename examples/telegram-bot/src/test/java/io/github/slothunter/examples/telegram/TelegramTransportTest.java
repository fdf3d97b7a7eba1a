package io.github.slothunter.examples.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.testkit.InMemoryProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport against a fake Bot API, and the class path it runs on. */
class TelegramTransportTest {
  private final InMemoryProvider site = TestDoctors.provider(Clock.systemUTC());
  private final SlotHunter hunter = SlotHunter.builder().provider(site.factory()).manualScheduling().plans(Plans.defaults())
      .closeTimeout(Duration.ofSeconds(1)).build();
  private final BotConversation conversation = BotConversation.builder(hunter).build();
  private final FakeTelegram telegram = new FakeTelegram();
  private TelegramTransport transport;

  @AfterEach
  void close() {
    if (transport != null) {
      transport.close();
    }
    telegram.close();
    hunter.close();
  }

  private TelegramTransport started(Duration pollTimeout) {
    transport = new TelegramTransport(FakeTelegram.TOKEN, telegram.apiUrl(), pollTimeout, conversation);
    transport.start();
    return transport;
  }

  @Test
  void onlyOkHttp5IsOnTheClassPathAndPengradRunsOnIt() throws IOException {
    List<URL> clients = Collections.list(getClass().getClassLoader().getResources("okhttp3/OkHttpClient.class"));

    assertThat(okhttp3.OkHttp.VERSION).startsWith("5.");
    assertThat(clients).singleElement().asString().contains("okhttp-jvm");
    assertThatThrownBy(() -> Class.forName("okhttp3.logging.HttpLoggingInterceptor"))
        .isInstanceOf(ClassNotFoundException.class);

    started(Duration.ZERO);
    telegram.userSends(7, "/help");
    assertThat(telegram.awaitMessage(7, "/add").form()).containsEntry("chat_id", "7");
  }

  @Test
  void updatesBecomePlainValuesAndOtherKindsAreIgnored() {
    Update text = BotUtils.parseUpdate("{\"update_id\":1,\"message\":{\"message_id\":5,\"date\":0,"
        + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"/start\"}}");
    Update press = BotUtils.parseUpdate("{\"update_id\":2,\"callback_query\":{\"id\":\"q1\",\"from\":{\"id\":42,"
        + "\"is_bot\":false,\"first_name\":\"A\"},\"chat_instance\":\"c\",\"data\":\"lang:en\","
        + "\"message\":{\"message_id\":9,\"date\":0,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"m\"}}}");
    Update photo = BotUtils.parseUpdate("{\"update_id\":3,\"message\":{\"message_id\":6,\"date\":0,"
        + "\"chat\":{\"id\":42,\"type\":\"private\"}}}");
    Update game = BotUtils.parseUpdate("{\"update_id\":4,\"callback_query\":{\"id\":\"q2\",\"from\":{\"id\":42,"
        + "\"is_bot\":false,\"first_name\":\"A\"},\"chat_instance\":\"c\",\"game_short_name\":\"g\"}}");

    assertThat(TelegramTransport.toIncoming(text)).isEqualTo(new Incoming.Text(42, "/start"));
    assertThat(TelegramTransport.toIncoming(press)).isEqualTo(new Incoming.Callback(42, 9, "q1", "lang:en"));
    assertThat(TelegramTransport.toIncoming(photo)).isNull();
    assertThat(TelegramTransport.toIncoming(game)).isNull();
  }

  @Test
  void aSharedLocationBecomesALocationValue() {
    Update shared = BotUtils.parseUpdate("{\"update_id\":5,\"message\":{\"message_id\":7,\"date\":0,"
        + "\"chat\":{\"id\":42,\"type\":\"private\"},\"location\":{\"latitude\":35.6892,\"longitude\":51.389}}}");

    Incoming in = TelegramTransport.toIncoming(shared);

    assertThat(in).isInstanceOfSatisfying(Incoming.Location.class, loc -> {
      assertThat(loc.chatId()).isEqualTo(42);
      assertThat(loc.latitude()).isCloseTo(35.6892, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(loc.longitude()).isCloseTo(51.389, org.assertj.core.data.Offset.offset(1e-4));
    });
  }

  @Test
  void keyboardsBecomeInlineMarkupWithCallbackAndUrlButtons() {
    Keyboard kb = new Keyboard(List.of(
        List.of(Keyboard.Button.callback("A", "a"), Keyboard.Button.link("B", URI.create("https://x.example/b"))),
        List.of()));

    String json = BotUtils.toJson(TelegramTransport.markup(kb));

    assertThat(json).isEqualTo("{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"a\"},"
        + "{\"text\":\"B\",\"url\":\"https://x.example/b\"}]]}");
  }

  @Test
  void aRefusedUrlButtonIsSentAgainAsTextWithTheOtherButtonsKept() {
    telegram.server().stubFor(FakeTelegram.api("sendMessage").atPriority(1)
        .withRequestBody(containing("%22url%22"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: BUTTON_URL_INVALID\"}")));
    started(Duration.ZERO);
    Keyboard kb = new Keyboard(List.of(
        List.of(Keyboard.Button.link("📲 Book", URI.create("http://127.0.0.1:1/booking/x"))),
        List.of(Keyboard.Button.callback("Stop", "rm:w-1"))));

    transport.deliver(List.of(new Outgoing.Send(5, "slot!", kb)));

    FakeTelegram.Call plain = telegram.await("sendMessage", c -> c.chatId() == 5 && !c.replyMarkup().contains("url"));
    assertThat(plain.text()).isEqualTo("slot!\n\n📲 Book:\nhttp://127.0.0.1:1/booking/x");
    assertThat(plain.buttons()).singleElement().satisfies(b -> assertThat(b.path("callback_data").asText()).isEqualTo("rm:w-1"));
    assertThat(telegram.calls("sendMessage")).hasSize(2);
  }

  @Test
  void tooManyRequestsIsWaitedOutAsTelegramAsks() {
    telegram.server().stubFor(FakeTelegram.api("sendMessage").atPriority(1).inScenario("flood")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                + "\"parameters\":{\"retry_after\":1}}")));
    started(Duration.ZERO);

    transport.deliver(List.of(new Outgoing.Send(6, "hello")));

    telegram.await("sendMessage", c -> c.chatId() == 6 && telegram.calls("sendMessage").size() == 2);
    assertThat(telegram.calls("sendMessage")).extracting(FakeTelegram.Call::text).containsExactly("hello", "hello");
  }

  @Test
  void editsAndAnswersAreSentWithTheirIds() {
    started(Duration.ZERO);

    transport.deliver(List.of(new Outgoing.Answer("q-7", ""), new Outgoing.Answer("q-8", "done"),
        new Outgoing.Edit(8, 77, "edited", Keyboard.NONE)));

    FakeTelegram.Call edit = telegram.await("editMessageText", c -> c.chatId() == 8);
    assertThat(edit.form()).containsEntry("message_id", "77").containsEntry("text", "edited")
        .doesNotContainKey("reply_markup");
    assertThat(telegram.calls("answerCallbackQuery")).extracting(c -> c.form().get("callback_query_id"))
        .containsExactly("q-7", "q-8");
    assertThat(telegram.calls("answerCallbackQuery").get(1).form()).containsEntry("text", "done");
    assertThat(telegram.calls("answerCallbackQuery").get(0).form()).doesNotContainKey("text");
  }

  @Test
  void longTextsAreSplitAtLineBreaksWithTheKeyboardOnTheLastPart() {
    started(Duration.ZERO);
    String line = "۱. دکتر سارا احمدی — مطب ولیعصر — ویزیت حضوری".repeat(3);
    String longText = String.join("\n", Collections.nCopies(60, line));
    Keyboard kb = Keyboard.row(Keyboard.Button.callback("x", "rm:w-1"));

    transport.deliver(List.of(new Outgoing.Send(12, longText, kb)));

    FakeTelegram.Call last = telegram.await("sendMessage", c -> c.chatId() == 12 && !c.buttons().isEmpty());
    List<FakeTelegram.Call> parts = telegram.calls("sendMessage");
    assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(4000));
    assertThat(parts).last().isEqualTo(last);
    assertThat(String.join("\n", parts.stream().map(FakeTelegram.Call::text).toList())).isEqualTo(longText);
    assertThat(TelegramTransport.chunks("a".repeat(10), 4)).containsExactly("aaaa", "aaaa", "aa");
  }

  @Test
  void closeCancelsALongPollInFlightInsteadOfWaitingItOut() {
    telegram.server().stubFor(FakeTelegram.api("getUpdates").atPriority(5)
        .willReturn(okJson("{\"ok\":true,\"result\":[]}").withFixedDelay(20_000)));
    started(Duration.ofSeconds(25));
    telegram.awaitPoll();

    long began = System.nanoTime();
    transport.close();
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(took).isLessThan(Duration.ofSeconds(10));
    transport.close(); // idempotent
    transport.deliver(List.of(new Outgoing.Send(1, "after close"))); // dropped, not thrown
  }

  @Test
  void aFailingGetUpdatesIsRetriedAndUpdatesStillArrive() {
    telegram.server().stubFor(FakeTelegram.api("getUpdates").atPriority(2).inScenario("down")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
        .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\","
                + "\"parameters\":{\"retry_after\":1}}")));
    telegram.userSends(11, "/help");

    started(Duration.ZERO);

    assertThat(telegram.awaitMessage(11, "/add").chatId()).isEqualTo(11);
    assertThat(transport.offset()).isEqualTo(2);
  }
}
