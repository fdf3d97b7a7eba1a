package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Watch;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /find} end to end on 127.0.0.1: the fake Telegram Bot API sends a shared location the way
 * Telegram does ({@code message.location}), the engine searches the testkit's area sandbox (hundreds of
 * generated Paziresh24 doctors) through the real Paziresh24 provider, and a slot released at one of the
 * area's doctors arrives as a message naming that doctor.
 */
class FindEndToEndTest {
  private static final long CHAT = 2_001L;
  private static final double TEHRAN_LAT = 35.6892;
  private static final double TEHRAN_LON = 51.3890;

  private final Clock clock = Clock.systemUTC();
  @TempDir
  Path dir;
  private FakePaziresh24 site;
  private FakeTelegram telegram;
  private Bot bot;

  @BeforeEach
  void start() {
    site = Sandbox.area(clock, 7, 120);
    telegram = new FakeTelegram();
    BotConfig config = new BotConfig(FakeTelegram.TOKEN, telegram.apiUrl(), null, true, 1, Duration.ZERO, false,
        BotConfig.Storage.embedded(dir.resolve("db"), dir.resolve("keys/store.key")));
    bot = Bot.start(config, Backend.fake(clock, site));
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (telegram != null) {
      telegram.close();
    }
    if (site != null) {
      site.close();
    }
  }

  private static String data(FakeTelegram.Call call, String label) {
    return call.buttons().stream().filter(b -> b.path("text").asText().contains(label)).findFirst()
        .map(b -> b.path("callback_data").asText())
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + call.buttons()));
  }

  @Test
  void aSharedLocationListsNearbyDoctorsWithDistancesAndAWatchedAreaAnnouncesASlotNamingTheDoctor() {
    telegram.userSends(CHAT, "/find");
    FakeTelegram.Call specialties = telegram.awaitMessage(CHAT, "دنبال چه تخصصی");
    telegram.userPresses(CHAT, 601, data(specialties, "پوست و مو"));
    telegram.awaitEdit(CHAT, "در کدام شهر");
    telegram.userSharesLocation(CHAT, TEHRAN_LAT, TEHRAN_LON);
    FakeTelegram.Call distances = telegram.awaitMessage(CHAT, "تا چه فاصله‌ای");
    telegram.userPresses(CHAT, 602, data(distances, "۱۰ کیلومتر"));

    FakeTelegram.Call found = telegram.awaitEdit(CHAT, "پزشک پیدا شد");
    // Paziresh24's search pages carry no map pins: the doctors are kept, their distance said to be unknown
    assertThat(found.text()).contains("پوست و مو · تهران · تا ۱۰٫۰ کیلومتر").contains("👨‍⚕️ دکتر ")
        .contains("📏 فاصله نامعلوم");
    telegram.userPresses(CHAT, 602, data(found, "پیگیری این منطقه"));
    telegram.awaitEdit(CHAT, "✅ از حالا پوست و مو · تهران");

    Watch w = bot.hunter().watches(BotConversation.owner(CHAT)).get(0);
    assertThat(w.area()).isNotNull();
    assertThat(w.area().members()).isNotEmpty();
    assertThat(w.area().query().point()).isNotNull();
    AreaMember member = w.area().members().stream()
        .min(Comparator.comparing(m -> m.firstFree() == null ? Instant.MIN : m.firstFree())).orElseThrow();
    String index = member.ref().key().substring("dr-area-".length());
    // soon, so that it is the area's earliest first free slot whatever the time of day: the engine polls
    // the calendars of the earliest few only
    Instant start = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
    site.openSlot(member.ref().key(), "c" + index, "s" + index, start);

    FakeTelegram.Call slot = telegram.await("sendMessage", c -> c.chatId() == CHAT
        && c.text().contains(member.displayName()) && c.text().contains(JalaliFormat.PERSIAN.time(start)));
    assertThat(slot.text()).contains("پوست و مو · تهران").contains("مطب " + member.displayName());
  }

  @Test
  void anUnknownCityTypedIsAnsweredWithTheSitesClosestCityAsAButton() {
    telegram.userSends(CHAT, "/find");
    telegram.awaitMessage(CHAT, "دنبال چه تخصصی");
    telegram.userSends(CHAT, "پوست و مو");
    telegram.awaitMessage(CHAT, "در کدام شهر");

    telegram.userSends(CHAT, "تهرن");

    FakeTelegram.Call unknown = telegram.awaitMessage(CHAT, "«تهرن» را نشناختم");
    assertThat(unknown.buttons()).extracting(b -> b.path("text").asText()).contains("تهران");
    telegram.userPresses(CHAT, 603, data(unknown, "تهران"));
    JsonNode watchButton = telegram.awaitEdit(CHAT, "پزشک پیدا شد").buttons().get(0);
    assertThat(watchButton.path("text").asText()).isEqualTo("👁 پیگیری این منطقه");
  }
}
