package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.testkit.FakePaziresh24;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot, end to end on 127.0.0.1: pengrad's client over OkHttp 5 long-polls a fake Telegram
 * Bot API (WireMock), the engine polls the testkit's fake Paziresh24 through the real Paziresh24
 * provider, and a slot the fake releases arrives as a Telegram message.
 */
class TelegramBotEndToEndTest {
  private static final long ADMIN = 9_000L;
  private static final long SARA_FAN = 1_001L;
  private static final long REZA_FAN = 1_002L;

  private final Clock clock = Clock.systemUTC();
  @TempDir
  Path dir;
  private FakePaziresh24 site;
  private FakeTelegram telegram;
  private Backend backend;
  private BotConfig config;
  private Bot bot;

  @BeforeEach
  void start() {
    site = FakePaziresh24.builder().clock(clock)
        .doctor("dr-sara-test", d -> d.displayName("دکتر سارا آزمون").expertise("قلب")
            .center("1001", c -> c.name("مطب ولیعصر").city("تهران").address("تهران، ولیعصر")
                .service("2001", s -> s.title("ویزیت حضوری").price(1_500_000).duration(Duration.ofMinutes(15))
                    .userCenterId("3001"))
                .service("2002", s -> s.title("مشاوره").price(800_000).duration(Duration.ofMinutes(10))
                    .userCenterId("3002")))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
                .service("2003", s -> s.title("مشاوره تلفنی").price(900_000).duration(Duration.ofMinutes(10))
                    .userCenterId("3003"))))
        .doctor("dr-reza-test", d -> d.displayName("دکتر رضا آزمون").expertise("پوست")
            .center("1002", c -> c.name("کلینیک کریمی").city("مشهد").address("مشهد")
                // paid at the office (free_price 0): auto-booked as final, not "pay to confirm"
                .service("2004", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(20))
                    .userCenterId("3004"))))
        .build().start();
    telegram = new FakeTelegram();
    backend = Backend.fake(clock, site);
    config = new BotConfig(FakeTelegram.TOKEN, telegram.apiUrl(), ADMIN, true, 1, Duration.ZERO, false,
        BotConfig.Storage.embedded(dir.resolve("db"), dir.resolve("keys/store.key")));
    bot = Bot.start(config, backend);
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

  /** Tomorrow (Tehran) at the given time, as an instant. */
  private static Instant tomorrowAt(LocalTime time) {
    LocalDate day = LocalDate.now(SlotHunterZones.TEHRAN).plusDays(1);
    return day.atTime(time).atZone(SlotHunterZones.TEHRAN).toInstant();
  }

  /** The Jalali date of the instant in Tehran, in ASCII or Persian digits. */
  private static String jalali(Instant instant, boolean persianDigits) {
    return (persianDigits ? JalaliFormat.PERSIAN : JalaliFormat.ENGLISH).date(instant);
  }

  private static JsonNode onlyButton(FakeTelegram.Call call) {
    List<JsonNode> buttons = call.buttons();
    assertThat(buttons).hasSize(1);
    return buttons.get(0);
  }

  @Test
  void persianUserAddsADoctorThroughMenusAndIsToldWhenTheFakeReleasesASlot() {
    telegram.userSends(SARA_FAN, "/start");
    FakeTelegram.Call welcome = telegram.awaitMessage(SARA_FAN, "زبان را انتخاب کنید");
    assertThat(welcome.buttons()).extracting(b -> b.path("callback_data").asText()).containsExactly("lang:fa", "lang:en");

    telegram.userPresses(SARA_FAN, 501, "lang:fa");
    telegram.awaitEdit(SARA_FAN, "زبان ربات: فارسی");
    telegram.await("answerCallbackQuery", c -> c.form().get("callback_query_id").startsWith("cq-"));

    telegram.userSends(SARA_FAN, "/add " + site.doctorUrl("dr-sara-test"));
    FakeTelegram.Call centers = telegram.awaitMessage(SARA_FAN, "کدام مطب");
    assertThat(centers.text()).contains("دکتر سارا آزمون");
    assertThat(centers.buttons()).extracting(b -> b.path("text").asText())
        .containsExactly("مطب ولیعصر (تهران)", "ویزیت آنلاین");

    telegram.userPresses(SARA_FAN, 502, centers.buttons().get(0).path("callback_data").asText());
    FakeTelegram.Call services = telegram.awaitEdit(SARA_FAN, "کدام خدمت");
    assertThat(services.form().get("message_id")).isEqualTo("502");
    assertThat(services.buttons()).extracting(b -> b.path("text").asText())
        .containsExactly("ویزیت حضوری — ۱٬۵۰۰٬۰۰۰ ریال", "مشاوره — ۸۰۰٬۰۰۰ ریال");

    telegram.userPresses(SARA_FAN, 502, services.buttons().get(1).path("callback_data").asText());
    telegram.awaitEdit(SARA_FAN, "از حالا نوبت‌های خالی را برایتان پیگیری می‌کنم");
    assertThat(bot.hunter().watches("1001")).singleElement()
        .satisfies(w -> assertThat(w.targets()).singleElement().satisfies(t -> {
          assertThat(t.centerId()).isEqualTo("1001");
          assertThat(t.serviceId()).isEqualTo("2002");
        }));

    Instant start = tomorrowAt(LocalTime.of(10, 40));
    site.openSlot("dr-sara-test", "1001", "2002", start);
    FakeTelegram.Call slot = telegram.awaitMessage(SARA_FAN, "نوبت خالی پیدا شد");

    assertThat(slot.text()).contains("دکتر سارا آزمون").contains("مطب ولیعصر — مشاوره")
        .contains(jalali(start, true)).contains("ساعت ۱۰:۴۰ (به وقت تهران)").contains("۸۰۰٬۰۰۰ ریال");
    JsonNode button = onlyButton(slot);
    assertThat(button.path("text").asText()).isEqualTo("📲 رزرو این نوبت");
    assertThat(button.path("url").asText()).startsWith(site.baseUrl() + "/booking/dr-sara-test")
        .contains("centerId=1001").contains("serviceId=2002");
  }

  @Test
  void aRestartedBotRemembersTheLanguageTheWatchItsNameAndAFilterAskedFor() {
    telegram.userSends(REZA_FAN, "/start");
    telegram.awaitMessage(REZA_FAN, "choose your language");
    telegram.userPresses(REZA_FAN, 501, "lang:en");
    telegram.awaitEdit(REZA_FAN, "Language: English");
    telegram.userSends(REZA_FAN, "/add " + site.doctorUrl("dr-reza-test"));
    telegram.awaitMessage(REZA_FAN, "I am now watching for free slots");
    telegram.userSends(REZA_FAN, "/filter");
    telegram.awaitMessage(REZA_FAN, "Send the days and hours you want for دکتر رضا آزمون");

    bot.close();
    bot = Bot.start(config, backend);
    telegram.userSends(REZA_FAN, "sat 08-12");

    assertThat(telegram.awaitMessage(REZA_FAN, "Filter for دکتر رضا آزمون").text()).contains("Saturday");
    telegram.userSends(REZA_FAN, "/list");
    assertThat(telegram.awaitMessage(REZA_FAN, "1. 👨‍⚕️").text()).contains("دکتر رضا آزمون")
        .contains("کلینیک کریمی — ویزیت حضوری").contains("Saturday, 08:00–12:00");
    assertThat(bot.hunter().watches("1002")).singleElement()
        .satisfies(w -> assertThat(w.filter().days()).containsExactly(java.time.DayOfWeek.SATURDAY));
  }

  @Test
  void englishUserGetsTheSameNotificationInEnglish() {
    telegram.userSends(REZA_FAN, "/start");
    telegram.awaitMessage(REZA_FAN, "choose your language");
    telegram.userPresses(REZA_FAN, 501, "lang:en");
    telegram.awaitEdit(REZA_FAN, "Language: English");

    telegram.userSends(REZA_FAN, "/add https://www.paziresh24.com/dr/dr-reza-test/");
    telegram.awaitMessage(REZA_FAN, "I am now watching");
    Instant start = tomorrowAt(LocalTime.of(17, 20));
    site.openSlot("dr-reza-test", "1002", "2004", start);
    FakeTelegram.Call slot = telegram.awaitMessage(REZA_FAN, "A free slot just opened");

    assertThat(slot.text()).contains("دکتر رضا آزمون").contains("کلینیک کریمی — ویزیت حضوری")
        .contains(jalali(start, false)).contains("17:20 (Tehran time)")
        .doesNotContain("IRR"); // an in-person visit paid at the office: no online price to show
    JsonNode button = onlyButton(slot);
    assertThat(button.path("text").asText()).isEqualTo("📲 Book this slot");
    assertThat(button.path("url").asText()).contains("/booking/dr-reza-test");
  }

  @Test
  void premiumUserLogsInWithTheSmsCodeAndTheBotBooksTheReleasedSlot() {
    telegram.userSends(ADMIN, "/grant 1002 PREMIUM");
    telegram.awaitMessage(ADMIN, "✅");
    telegram.userSends(REZA_FAN, "/add https://www.paziresh24.com/dr/dr-reza-test/");
    telegram.awaitMessage(REZA_FAN, "از حالا نوبت‌های خالی");

    telegram.userSends(REZA_FAN, "/autobook");
    telegram.awaitMessage(REZA_FAN, "نام بیمار را بفرستید");
    telegram.userSends(REZA_FAN, "رضا");
    telegram.awaitMessage(REZA_FAN, "نام خانوادگی");
    telegram.userSends(REZA_FAN, "کریمی");
    telegram.awaitMessage(REZA_FAN, "کد ملی");
    telegram.userSends(REZA_FAN, "0499370899");
    telegram.awaitMessage(REZA_FAN, "شماره موبایل (");
    telegram.userSends(REZA_FAN, "09121234567");
    telegram.awaitMessage(REZA_FAN, "0912***4567");
    telegram.userSends(REZA_FAN, FakePaziresh24.DEFAULT_OTP);
    FakeTelegram.Call on = telegram.awaitMessage(REZA_FAN, "رزرو خودکار برای ۱ پزشک فعال شد");
    assertThat(on.text()).doesNotContain("0499370899").doesNotContain("رضا");

    Instant start = tomorrowAt(LocalTime.of(18, 0));
    site.openSlot("dr-reza-test", "1002", "2004", start);
    FakeTelegram.Call booked = telegram.awaitMessage(REZA_FAN, "نوبت رزرو شد");

    assertThat(booked.text()).contains("کد رهگیری: ").contains(jalali(start, true)).contains("ساعت ۱۸:۰۰");
    assertThat(site.bookings()).singleElement().satisfies(b -> {
      assertThat(b.nationalCode()).isEqualTo("0499370899");
      assertThat(b.cell()).isEqualTo("09121234567");
      assertThat(b.slot().from()).isEqualTo(start);
      assertThat(booked.text()).contains(b.referenceCode());
    });
  }

  @Test
  void aUserBuysPremiumWithStarsThroughTheBotApi() {
    telegram.userSends(REZA_FAN, "/plans");
    FakeTelegram.Call menu = telegram.awaitMessage(REZA_FAN, "⭐");
    assertThat(menu.text()).contains("PREMIUM");
    telegram.userPresses(REZA_FAN, 501, "buy:PREMIUM");

    FakeTelegram.Call invoice = telegram.await("sendInvoice", c -> c.chatId() == REZA_FAN);
    assertThat(invoice.form()).containsEntry("currency", "XTR").containsEntry("provider_token", "");
    assertThat(invoice.form().get("prices")).contains("500");
    String payload = invoice.form().get("payload");

    telegram.userChecksOut(REZA_FAN, "pcq-1", payload, "XTR", 500);
    FakeTelegram.Call ok = telegram.await("answerPreCheckoutQuery", c -> "pcq-1".equals(c.form().get("pre_checkout_query_id")));
    assertThat(ok.form()).containsEntry("ok", "true");
    java.time.Instant before = clock.instant();
    telegram.userPaid(REZA_FAN, payload, "XTR", 500, "tg-charge-1");

    telegram.awaitMessage(REZA_FAN, "✅");
    assertThat(bot.hunter().plan(BotConversation.owner(REZA_FAN)).name()).isEqualTo("PREMIUM");
    assertThat(bot.hunter().subscription(BotConversation.owner(REZA_FAN)).orElseThrow().until())
        .isBetween(before.plus(Duration.ofDays(30)), clock.instant().plus(Duration.ofDays(30)));
  }

  @Test
  void aSecondDoctorOnTheFreePlanIsRefusedUntilTheAdminGrantsPremium() {
    telegram.userSends(REZA_FAN, "/add https://www.paziresh24.com/dr/dr-reza-test/");
    telegram.awaitMessage(REZA_FAN, "از حالا نوبت‌های خالی");

    telegram.userSends(REZA_FAN, "/add https://www.paziresh24.com/dr/dr-sara-test/");
    telegram.awaitMessage(REZA_FAN, "⛔️");
    telegram.userSends(REZA_FAN, "/grant 1002 PREMIUM");
    telegram.awaitMessage(REZA_FAN, "فقط برای مدیر");
    telegram.userSends(ADMIN, "/grant 1002 PREMIUM");
    telegram.awaitMessage(REZA_FAN, "طرح شما به ویژه (PREMIUM) تغییر کرد");
    telegram.userSends(REZA_FAN, "/add https://www.paziresh24.com/dr/dr-sara-test/");

    assertThat(telegram.awaitMessage(REZA_FAN, "کدام مطب").buttons()).hasSize(2);
    assertThat(bot.hunter().plan("1002").name()).isEqualTo("PREMIUM");
  }
}
