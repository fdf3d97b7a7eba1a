package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conversation state machine, driven with plain values: no Telegram, no HTTP. */
class BotConversationTest {
  private static final long ADMIN = 1000L;
  private static final long ALI = 42L;
  private static final long NEDA = 43L;
  // 1405/01/01 is Saturday 2026-03-21; 09:30 Tehran is 06:00 UTC
  private static final Instant NOWRUZ_0930 = Instant.parse("2026-03-21T06:00:00Z");

  private final FakeClock clock = FakeClock.at("2026-03-20T08:00:00Z");
  private final InMemoryProvider site = TestDoctors.provider(clock);
  private final SlotHunter hunter = SlotHunter.builder().provider(site.factory()).clock(clock).manualScheduling()
      .plans(Plans.defaults()).closeTimeout(Duration.ofSeconds(1)).build();
  private final BotConversation bot = BotConversation.builder(hunter).authenticator(site.authenticator().orElseThrow())
      .adminChatId(ADMIN).clock(clock).slotBurst(2, Duration.ofMinutes(1)).build();
  private int update;

  @AfterEach
  void close() {
    hunter.close();
  }

  // ------------------------------------------------------------------ helpers

  private List<Outgoing> text(long chat, String text) {
    return bot.handle(new Incoming.Text(chat, text));
  }

  private List<Outgoing> press(long chat, String data) {
    return bot.handle(new Incoming.Callback(chat, 77, "cb" + (++update), data));
  }

  private static String lastText(List<Outgoing> out) {
    for (int i = out.size() - 1; i >= 0; i--) {
      Outgoing o = out.get(i);
      if (o instanceof Outgoing.Send s) {
        return s.text();
      }
      if (o instanceof Outgoing.Edit e) {
        return e.text();
      }
    }
    throw new AssertionError("no message in " + out);
  }

  private static Keyboard lastKeyboard(List<Outgoing> out) {
    for (int i = out.size() - 1; i >= 0; i--) {
      Outgoing o = out.get(i);
      if (o instanceof Outgoing.Send s) {
        return s.keyboard();
      }
      if (o instanceof Outgoing.Edit e) {
        return e.keyboard();
      }
    }
    throw new AssertionError("no message in " + out);
  }

  private void english(long chat) {
    text(chat, "/start");
    press(chat, "lang:en");
  }

  private Watch watchReza(long chat) {
    text(chat, "/add " + TestDoctors.link("dr-reza"));
    return hunter.watches(BotConversation.owner(chat)).get(0);
  }

  private Slot rezaSlot(Instant start) {
    return TestDoctors.slot(TestDoctors.target(TestDoctors.reza(), "c9", "s9"), start);
  }

  // ------------------------------------------------------------------ start and language

  @Test
  void startOffersBothLanguagesAndPersianIsTheDefault() {
    List<Outgoing> out = text(ALI, "/start");

    assertThat(lastText(out)).contains("زبان").contains("language");
    assertThat(lastKeyboard(out).buttons()).extracting(Keyboard.Button::data).containsExactly("lang:fa", "lang:en");
    assertThat(bot.lang(ALI)).isEqualTo(Lang.FA);
    assertThat(lastText(text(ALI, "/help"))).contains("/add").contains("پزشک");
  }

  @Test
  void choosingEnglishAnswersTheButtonAndShowsTheEnglishHelp() {
    text(ALI, "/start");

    List<Outgoing> out = press(ALI, "lang:en");

    assertThat(out).first().isInstanceOf(Outgoing.Answer.class);
    assertThat(out.get(1)).isInstanceOfSatisfying(Outgoing.Edit.class, e -> {
      assertThat(e.messageId()).isEqualTo(77);
      assertThat(e.text()).contains("Language: English").contains("/add doctor-link");
    });
    assertThat(bot.lang(ALI)).isEqualTo(Lang.EN);
  }

  @Test
  void unknownTextAndCommandsPointToHelpInTheChatsLanguage() {
    english(NEDA);

    assertThat(lastText(text(ALI, "hello"))).contains("/help").contains("متوجه نشدم");
    assertThat(lastText(text(NEDA, "/frobnicate"))).isEqualTo(Messages.of(Lang.EN).unknown());
    assertThat(press(NEDA, "lang:xx")).singleElement().isEqualTo(new Outgoing.Answer("cb2", "This menu is no longer valid."));
  }

  // ------------------------------------------------------------------ add

  @Test
  void addWalksThroughCenterAndServiceButtonsAndRegistersThatCalendar() {
    List<Outgoing> centers = text(ALI, "/add " + TestDoctors.link("dr-sara"));
    assertThat(lastText(centers)).contains("دکتر سارا احمدی").contains("کدام مطب");
    List<Keyboard.Button> cButtons = lastKeyboard(centers).buttons();
    assertThat(cButtons).extracting(Keyboard.Button::text).containsExactly("مطب ولیعصر (تهران)", "ویزیت آنلاین");

    List<Outgoing> services = press(ALI, cButtons.get(0).data());
    assertThat(lastText(services)).contains("کدام خدمت");
    List<Keyboard.Button> sButtons = lastKeyboard(services).buttons();
    assertThat(sButtons).extracting(Keyboard.Button::text)
        .containsExactly("ویزیت حضوری — ۱٬۵۰۰٬۰۰۰ ریال", "مشاوره — ۹۰۰٬۰۰۰ ریال"); // the unbookable service is left out

    List<Outgoing> done = press(ALI, sButtons.get(1).data());

    assertThat(lastText(done)).contains("✅").contains("مشاوره").contains("هر ۵ دقیقه").contains("/filter");
    Watch w = hunter.watches("42").get(0);
    assertThat(w.targets()).singleElement().satisfies(t -> {
      assertThat(t.centerId()).isEqualTo("c1");
      assertThat(t.serviceId()).isEqualTo("s2");
    });
    assertThat(bot.label(w.id())).get().extracting(WatchLabel::serviceTitle).isEqualTo("مشاوره");
  }

  @Test
  void addWithoutALinkAsksForOneAndAcceptsTheNextMessage() {
    english(ALI);

    assertThat(lastText(text(ALI, "/add"))).contains("Send the doctor's Paziresh24 page link");
    List<Outgoing> out = text(ALI, TestDoctors.link("dr-reza"));

    assertThat(lastText(out)).contains("I am now watching").contains("دکتر رضا کریمی").contains("every 5 minutes");
    assertThat(hunter.watches("42")).hasSize(1);
  }

  @Test
  void aPastedLinkOutsideAnyFlowIsTreatedAsAdd() {
    List<Outgoing> out = text(ALI, TestDoctors.link("dr-reza"));

    assertThat(lastText(out)).contains("دکتر رضا کریمی");
    assertThat(hunter.watches("42")).hasSize(1);
  }

  @Test
  void badLinksAndUnknownDoctorsGetFriendlyMessages() {
    english(NEDA);

    assertThat(lastText(text(ALI, "/add https://example.com/whatever"))).contains("لینک صفحه‌ی پزشک");
    assertThat(lastText(text(NEDA, "/add https://example.com/whatever"))).contains("not a Paziresh24 doctor link");
    assertThat(lastText(text(NEDA, "/add " + TestDoctors.link("dr-nobody")))).contains("does not know this doctor");
    assertThat(hunter.watches("43")).isEmpty();
  }

  @Test
  void secondAddOnTheFreePlanExplainsTheQuotaInPersian() {
    watchReza(ALI);

    List<Outgoing> out = text(ALI, "/add " + TestDoctors.link("dr-sara"));

    assertThat(lastText(out)).contains("⛔️").contains("رایگان (FREE)").contains("۱ پزشک").contains("/remove");
    assertThat(hunter.watches("42")).hasSize(1);
  }

  @Test
  void secondAddOnTheFreePlanExplainsTheQuotaInEnglish() {
    english(NEDA);
    watchReza(NEDA);

    List<Outgoing> out = text(NEDA, "/add");

    assertThat(lastText(out)).isEqualTo(
        "⛔️ Your FREE plan lets you watch 1 doctor at a time and you watch 1.\n"
            + "Remove one with /remove, or contact support to upgrade. (/plan)");
  }

  @Test
  void theEnginesQuotaRefusalIsExplainedTooWhenAnotherChatRacedAhead() {
    // the bot's own check passes while the center menu is open; a watch registered meanwhile fills the quota
    List<Keyboard.Button> centers = lastKeyboard(text(ALI, "/add " + TestDoctors.link("dr-sara"))).buttons();
    hunter.watch(WatchRequest.of("42", TestDoctors.link("dr-reza")));
    List<Keyboard.Button> services = lastKeyboard(press(ALI, centers.get(0).data())).buttons();

    List<Outgoing> out = press(ALI, services.get(0).data());

    assertThat(lastText(out)).contains("⛔️").contains("FREE");
    assertThat(hunter.watches("42")).hasSize(1);
  }

  @Test
  void theSameCalendarIsNotWatchedTwice() {
    hunter.setPlan("42", "PREMIUM");
    watchReza(ALI);

    List<Outgoing> out = text(ALI, "/add " + TestDoctors.link("dr-reza"));

    assertThat(lastText(out)).startsWith("ℹ️");
    assertThat(hunter.watches("42")).hasSize(1);
  }

  @Test
  void oldMenuButtonsAreAnsweredAsStale() {
    List<Keyboard.Button> centers = lastKeyboard(text(ALI, "/add " + TestDoctors.link("dr-sara"))).buttons();
    text(ALI, "/cancel");

    List<Outgoing> out = press(ALI, centers.get(0).data());

    assertThat(out).singleElement().isInstanceOfSatisfying(Outgoing.Answer.class,
        a -> assertThat(a.text()).isEqualTo("این منو دیگر معتبر نیست."));
    assertThat(press(ALI, "c:999:x")).singleElement().isInstanceOf(Outgoing.Answer.class);
    assertThat(press(ALI, "nonsense")).singleElement().isInstanceOf(Outgoing.Answer.class);
  }

  // ------------------------------------------------------------------ list, remove, filter

  @Test
  void listShowsNamesFiltersAndAutoBooking() {
    english(ALI);
    assertThat(lastText(text(ALI, "/list"))).contains("not watching any doctor");
    watchReza(ALI);

    String list = lastText(text(ALI, "/list"));

    assertThat(list).contains("Doctors you watch (1)").contains("1. 👨‍⚕️ دکتر رضا کریمی")
        .contains("کلینیک کریمی — ویزیت حضوری").contains("every day, any time");
  }

  @Test
  void removeOffersOneButtonPerWatchAndCancelsTheChosenOne() {
    Watch w = watchReza(ALI);

    List<Outgoing> menu = text(ALI, "/remove");
    assertThat(lastKeyboard(menu).buttons()).singleElement()
        .satisfies(b -> assertThat(b.data()).isEqualTo("rm:" + w.id()));
    List<Outgoing> out = press(ALI, "rm:" + w.id());

    assertThat(lastText(out)).contains("دکتر رضا کریمی").startsWith("🗑");
    assertThat(hunter.watches("42")).isEmpty();
    assertThat(press(ALI, "rm:" + w.id())).singleElement().isInstanceOf(Outgoing.Answer.class);
  }

  @Test
  void nobodyRemovesAnotherChatsWatch() {
    Watch w = watchReza(ALI);

    List<Outgoing> out = press(NEDA, "rm:" + w.id());

    assertThat(out).singleElement().isInstanceOf(Outgoing.Answer.class);
    assertThat(hunter.watches("42")).hasSize(1);
  }

  @Test
  void filterParsesDaysAndHoursAndReRegistersTheWatch() {
    english(ALI);
    Watch before = watchReza(ALI);

    assertThat(lastText(text(ALI, "/filter"))).contains("Send the days and hours").contains("Now: every day, any time");
    List<Outgoing> out = text(ALI, "sat,sun 08:00-12:00");

    assertThat(lastText(out)).isEqualTo("✅ Filter for دکتر رضا کریمی: Saturday, Sunday, 08:00–12:00");
    List<Watch> now = hunter.watches("42");
    assertThat(now).singleElement().satisfies(w -> {
      assertThat(w.id()).isNotEqualTo(before.id());
      assertThat(w.filter().days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(w.filter().windows()).containsExactly(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0)));
      assertThat(w.targets()).isEqualTo(before.targets());
    });
  }

  @Test
  void filterInPersianWithOneWatchTakesTheTextInline() {
    watchReza(ALI);

    List<Outgoing> out = text(ALI, "/filter شنبه، سه شنبه ۱۶-۲۰");

    assertThat(lastText(out)).isEqualTo("✅ فیلتر دکتر رضا کریمی: شنبه، سه‌شنبه، ۱۶:۰۰ تا ۲۰:۰۰");
    assertThat(hunter.watches("42").get(0).filter().days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY,
        DayOfWeek.TUESDAY);
  }

  @Test
  void aFilterThatIsNotUnderstoodIsAskedAgain() {
    english(ALI);
    watchReza(ALI);
    text(ALI, "/filter");

    assertThat(lastText(text(ALI, "someday 8-12"))).contains("\"someday\"");
    assertThat(lastText(text(ALI, "any"))).contains("every day, any time");
  }

  @Test
  void withSeveralWatchesFilterAsksWhichOne() {
    hunter.setPlan("42", "PREMIUM");
    Watch reza = watchReza(ALI);
    text(ALI, "/add " + TestDoctors.link("dr-sara"));
    press(ALI, "c:1:1"); // the online center has one service

    List<Outgoing> menu = text(ALI, "/filter");
    assertThat(lastKeyboard(menu).buttons()).hasSize(2);
    List<Outgoing> ask = press(ALI, "f:" + reza.id());
    assertThat(lastText(ask)).contains("دکتر رضا کریمی");
    text(ALI, "fri");

    assertThat(hunter.watches("42")).filteredOn(w -> w.doctor().key().equals("dr-reza")).singleElement()
        .satisfies(w -> assertThat(w.filter().days()).containsExactly(DayOfWeek.FRIDAY));
  }

  // ------------------------------------------------------------------ autobook

  @Test
  void autobookOnTheFreePlanExplainsThatItNeedsPremium() {
    List<Outgoing> out = text(ALI, "/autobook");

    assertThat(lastText(out)).contains("PREMIUM").contains("⛔️");
  }

  @Test
  void autobookRejectsABadNationalCodeInPersian() {
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");
    text(ALI, "سارا");
    text(ALI, "احمدی");

    List<Outgoing> out = text(ALI, "0012345678");

    assertThat(lastText(out)).isEqualTo(
        "❗️ این کد ملی معتبر نیست (باید ۱۰ رقم باشد و رقم کنترل آن درست باشد). دوباره بفرستید:");
    assertThat(lastText(text(ALI, "۰۴۹۹۳۷۰۸۹۹"))).contains("شماره موبایل"); // Persian digits, valid check digit
  }

  @Test
  void autobookRejectsABadNationalCodeInEnglish() {
    english(NEDA);
    hunter.setPlan("43", "PREMIUM");
    text(NEDA, "/autobook");
    text(NEDA, "Sara");
    text(NEDA, "Ahmadi");

    List<Outgoing> out = text(NEDA, "12345");

    assertThat(lastText(out)).isEqualTo(
        "❗️ That national code is not valid (it needs 10 digits and a correct check digit). Please send it again:");
  }

  @Test
  void autobookRejectsABadMobileInBothLanguages() {
    english(NEDA);
    for (long chat : new long[] {ALI, NEDA}) {
      hunter.setPlan(BotConversation.owner(chat), "PREMIUM");
      text(chat, "/autobook");
      text(chat, "Sara");
      text(chat, "Ahmadi");
      text(chat, "0499370899");
    }

    String fa = lastText(text(ALI, "08121234567"));
    String en = lastText(text(NEDA, "+1 555 0100"));

    assertThat(fa).isEqualTo("❗️ این شماره موبایل معتبر نیست. شماره‌ای مثل ۰۹۱۲۱۲۳۴۵۶۷ بفرستید:");
    assertThat(en).isEqualTo("❗️ That is not an Iranian mobile number. Send one like 09121234567:");
    assertThat(site.codesSentTo()).isEmpty();
  }

  @Test
  void autobookRejectsNamesWithDigits() {
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");

    assertThat(lastText(text(ALI, "R2D2"))).startsWith("❗️");
    assertThat(lastText(text(ALI, "سارا"))).contains("نام خانوادگی");
  }

  @Test
  void autobookLogsInWithTheSmsCodeAndTurnsAutoBookingOnForEveryWatch() {
    english(ALI);
    hunter.setPlan("42", "PREMIUM");
    watchReza(ALI);
    text(ALI, "/autobook");
    text(ALI, "Sara");
    text(ALI, "Ahmadi");
    text(ALI, "0499370899");

    List<Outgoing> sent = text(ALI, "+98 912 123 4567");
    assertThat(lastText(sent)).contains("0912***4567").doesNotContain("09121234567");
    assertThat(lastText(text(ALI, "9999"))).contains("wrong or expired");
    List<Outgoing> on = text(ALI, "۱۲۳۴");

    assertThat(site.codesSentTo()).containsExactly("09121234567");
    assertThat(lastText(on)).contains("Auto-booking is on for 1 doctor").contains("S***").contains("********99")
        .doesNotContain("0499370899");
    assertThat(hunter.watches("42")).singleElement().satisfies(w -> {
      assertThat(w.autoBook()).isNotNull();
      assertThat(w.autoBook().patient().nationalCode()).isEqualTo("0499370899");
    });
    assertThat(lastText(text(ALI, "/list"))).contains("auto-booking on");
  }

  @Test
  void watchesAddedAfterAutobookBookAutomaticallyAndAutobookOffStopsIt() {
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");
    text(ALI, "سارا");
    text(ALI, "احمدی");
    text(ALI, "0499370899");
    text(ALI, "09121234567");
    assertThat(lastText(text(ALI, "1234"))).contains("/add");

    Watch w = watchReza(ALI);
    assertThat(w.autoBook()).isNotNull();
    List<Outgoing> off = text(ALI, "/autobook off");

    assertThat(lastText(off)).contains("خاموش");
    assertThat(hunter.watches("42")).singleElement().satisfies(x -> assertThat(x.autoBook()).isNull());
  }

  @Test
  void aFilterChangeAfterADowngradeKeepsTheWatchWithoutAutoBooking() {
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");
    text(ALI, "سارا");
    text(ALI, "احمدی");
    text(ALI, "0499370899");
    text(ALI, "09121234567");
    text(ALI, "1234");
    watchReza(ALI);
    hunter.setPlan("42", "FREE");

    List<Outgoing> out = text(ALI, "/filter sat");

    assertThat(lastText(out)).startsWith("✅");
    assertThat(hunter.watches("42")).singleElement().satisfies(w -> {
      assertThat(w.autoBook()).isNull();
      assertThat(w.filter().days()).containsExactly(DayOfWeek.SATURDAY);
    });
  }

  @Test
  void threeWrongCodesEndTheLogin() {
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");
    text(ALI, "سارا");
    text(ALI, "احمدی");
    text(ALI, "0499370899");
    text(ALI, "09121234567");
    text(ALI, "1");
    text(ALI, "2");

    List<Outgoing> out = text(ALI, "3");

    assertThat(lastText(out)).contains("/autobook").startsWith("⛔️");
    assertThat(lastText(text(ALI, "1234"))).contains("متوجه نشدم");
  }

  @Test
  void cancelStopsAFlowAndSaysSoWhenThereIsNone() {
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");

    assertThat(lastText(text(ALI, "/cancel"))).isEqualTo("لغو شد. ✖️");
    assertThat(lastText(text(ALI, "/cancel"))).isEqualTo("کاری در جریان نیست.");
  }

  @Test
  void autobookWithoutALoginProviderIsUnavailable() {
    BotConversation noLogin = BotConversation.builder(hunter).build();
    hunter.setPlan("42", "PREMIUM");

    List<Outgoing> out = noLogin.handle(new Incoming.Text(ALI, "/autobook"));

    assertThat(lastText(out)).contains("در دسترس نیست");
  }

  // ------------------------------------------------------------------ patients

  private static final io.github.slothunter.api.Patient HOLDER =
      io.github.slothunter.api.Patient.of("Sara", "Ahmadi", "0499370899", "09121234567").withAccountUserId("u-1");
  private static final io.github.slothunter.api.Patient SON =
      io.github.slothunter.api.Patient.of("Ali", "Ahmadi", "0012345679", "09351234567").withAccountUserId("u-2");

  private static List<String> buttonData(List<Outgoing> out) {
    return lastKeyboard(out).buttons().stream().map(Keyboard.Button::data).toList();
  }

  private static List<String> buttonTexts(List<Outgoing> out) {
    return lastKeyboard(out).buttons().stream().map(Keyboard.Button::text).toList();
  }

  private void autobookTyped(long chat) {
    text(chat, "/autobook");
    text(chat, "Sara");
    text(chat, "Ahmadi");
    text(chat, "0499370899");
    text(chat, "09121234567");
    text(chat, "1234");
  }

  @Test
  void aPatientTypedForAutobookIsKeptAndOfferedNextTimeWithoutAnotherCode() {
    english(ALI);
    hunter.setPlan("42", "PREMIUM");
    autobookTyped(ALI);
    watchReza(ALI);

    List<Outgoing> choice = text(ALI, "/autobook");
    List<Outgoing> on = press(ALI, buttonData(choice).get(0));

    assertThat(lastText(choice)).isEqualTo("🤖 Whom should I book for?");
    assertThat(buttonTexts(choice)).containsExactly("👤 Sara Ahmadi (********99)", "➕ Someone else");
    assertThat(lastText(on)).contains("Auto-booking is on for 1 doctor").doesNotContain("0499370899");
    assertThat(site.codesSentTo()).as("the chat's login is reused").containsExactly("09121234567");
    assertThat(hunter.patients("42")).extracting(io.github.slothunter.api.OwnerPatient::label)
        .containsExactly("Sara Ahmadi");
  }

  @Test
  void someoneElseIsTypedInAndJoinsTheBookUnderANumberedLabelWhenTheNameIsTaken() {
    english(ALI);
    hunter.setPlan("42", "PREMIUM");
    hunter.savePatient("42", "Sara Ahmadi", io.github.slothunter.api.Patient.of("Sara", "Ahmadi", "0012345679",
        "09351234567"));
    List<Outgoing> choice = text(ALI, "/autobook");
    press(ALI, buttonData(choice).get(1));
    text(ALI, "Sara");
    text(ALI, "Ahmadi");
    text(ALI, "0499370899");

    List<Outgoing> sent = text(ALI, "09121234567");

    assertThat(lastText(sent)).contains("0912***4567");
    assertThat(hunter.patients("42")).extracting(io.github.slothunter.api.OwnerPatient::label)
        .containsExactly("Sara Ahmadi", "Sara Ahmadi (2)");
  }

  @Test
  void patientsListsTheBookMaskedAndRemovesTheOneTapped() {
    english(ALI);
    hunter.savePatient("42", "me", HOLDER);
    hunter.savePatient("42", "son", SON);

    List<Outgoing> list = text(ALI, "/patients");
    List<Outgoing> removed = press(ALI, buttonData(list).get(1));

    assertThat(lastText(list)).contains("Your patients (2)", "1. me — ********99, 0912***4567", "2. son — ********79")
        .doesNotContain("0499370899", "09121234567", "0012345679", "09351234567");
    assertThat(buttonTexts(list)).containsExactly("🗑 me", "🗑 son", "➕ Add a patient",
        "📥 Import my Paziresh24 account's people");
    assertThat(lastText(removed)).contains("son is off your list");
    assertThat(hunter.patients("42")).extracting(io.github.slothunter.api.OwnerPatient::label).containsExactly("me");
    assertThat(press(ALI, buttonData(list).get(0))).singleElement().isInstanceOf(Outgoing.Answer.class);
  }

  @Test
  void patientsAddsSomeoneByHandWithoutALogin() {
    List<Outgoing> list = text(ALI, "/patients");
    press(ALI, buttonData(list).get(0));
    text(ALI, "علی");
    text(ALI, "احمدی");
    text(ALI, "0012345679");

    List<Outgoing> saved = text(ALI, "09351234567");

    assertThat(lastText(list)).contains("هنوز بیماری");
    assertThat(lastText(saved)).contains("«علی احمدی»");
    assertThat(hunter.patients("42")).singleElement().satisfies(p -> {
      assertThat(p.patient().mobile()).isEqualTo("09351234567");
      assertThat(p.providerId()).isNull();
    });
    assertThat(site.codesSentTo()).isEmpty();
  }

  @Test
  void importLogsInWithTheAccountsMobileAndAutobookThenBooksForTheChosenFamilyMember() {
    // an engine over a site whose accounts list their people (a capability the engine reads once, at start)
    InMemoryProvider family = TestDoctors.provider(clock).accountPatients(HOLDER, SON);
    try (SlotHunter engine = SlotHunter.builder().provider(family.factory()).clock(clock).manualScheduling()
        .plans(Plans.defaults()).closeTimeout(Duration.ofSeconds(1)).build()) {
      BotConversation familyBot = BotConversation.builder(engine).authenticator(family.authenticator().orElseThrow())
          .clock(clock).build();
      java.util.function.BiFunction<String, Boolean, List<Outgoing>> say = (msg, button) -> familyBot.handle(button
          ? new Incoming.Callback(ALI, 77, "cb" + (++update), msg) : new Incoming.Text(ALI, msg));
      say.apply("/start", false);
      say.apply("lang:en", true);
      engine.setPlan("42", "PREMIUM");
      say.apply("/add " + TestDoctors.link("dr-reza"), false);
      List<Outgoing> list = say.apply("/patients", false);
      List<Outgoing> ask = say.apply(buttonData(list).get(1), true);
      say.apply("09121234567", false);

      List<Outgoing> imported = say.apply("1234", false);
      List<Outgoing> choice = say.apply("/autobook", false);
      List<Outgoing> on = say.apply(buttonData(choice).get(1), true);

      assertThat(lastText(ask)).contains("mobile number of the Paziresh24 account");
      assertThat(lastText(imported)).contains("2 people from your account", "Sara Ahmadi, Ali Ahmadi");
      assertThat(buttonTexts(choice)).startsWith("👤 Sara Ahmadi (********99)", "👤 Ali Ahmadi (********79)");
      assertThat(lastText(on)).contains("Auto-booking is on for 1 doctor");
      assertThat(family.codesSentTo()).containsExactly("09121234567");
      assertThat(engine.watches("42")).singleElement()
          .satisfies(w -> assertThat(w.autoBook().patient().accountUserId()).isEqualTo("u-2"));
    }
  }

  @Test
  void choosingAnImportedPersonWithoutALoginAsksForTheAccountsMobileNotTheirs() {
    english(ALI);
    hunter.setPlan("42", "PREMIUM");
    hunter.savePatient("42", new io.github.slothunter.api.OwnerPatient("son", SON, TestDoctors.ID));
    List<Outgoing> choice = text(ALI, "/autobook");

    List<Outgoing> ask = press(ALI, buttonData(choice).get(0));
    text(ALI, "0912 123 4567");
    List<Outgoing> on = text(ALI, "1234");

    assertThat(lastText(ask)).contains("mobile number of the Paziresh24 account");
    assertThat(site.codesSentTo()).containsExactly("09121234567");
    assertThat(lastText(on)).contains("Auto-booking is on");
  }

  @Test
  void importFromASiteThatCannotListAnAccountsPeopleSaysSo() {
    english(ALI);
    List<Outgoing> list = text(ALI, "/patients");
    press(ALI, buttonData(list).get(1));
    text(ALI, "09121234567");

    List<Outgoing> out = text(ALI, "1234");

    assertThat(lastText(out)).contains("does not list an account's people");
    assertThat(hunter.patients("42")).isEmpty();
  }

  @Test
  void autobookOffForgetsTheLoginButKeepsThePatients() {
    hunter.setPlan("42", "PREMIUM");
    autobookTyped(ALI);

    text(ALI, "/autobook off");
    List<Outgoing> choice = text(ALI, "/autobook");
    press(ALI, buttonData(choice).get(0));

    assertThat(hunter.patients("42")).hasSize(1);
    assertThat(site.codesSentTo()).as("a new login after off").containsExactly("09121234567", "09121234567");
  }

  // ------------------------------------------------------------------ plan, stats, grant

  @Test
  void planShowsTheLimitsOfTheOwnersPlan() {
    english(ALI);
    watchReza(ALI);

    assertThat(lastText(text(ALI, "/plan"))).contains("Your plan: FREE").contains("Doctors: 1 of 1")
        .contains("every 5 minutes").contains("not included");
    hunter.setPlan("42", "PRO");
    assertThat(lastText(text(ALI, "/plan"))).contains("PRO").contains("of unlimited").contains("every 30 seconds");
  }

  @Test
  void statsReportTheOwnersNumbers() {
    watchReza(ALI);

    String stats = lastText(text(ALI, "/stats"));

    assertThat(stats).contains("📊").contains("رایگان (FREE)").contains("پزشک‌های در حال پیگیری: ۱");
  }

  @Test
  void grantByANonAdminIsRefused() {
    english(NEDA);

    String fa = lastText(text(ALI, "/grant 42 PREMIUM"));
    String en = lastText(text(NEDA, "/grant 43 PRO"));

    assertThat(fa).isEqualTo("⛔️ این دستور فقط برای مدیر ربات است.");
    assertThat(en).isEqualTo("⛔️ Only the bot's admin may do that.");
    assertThat(hunter.plan("42").name()).isEqualTo("FREE");
    assertThat(hunter.plan("43").name()).isEqualTo("FREE");
  }

  @Test
  void grantWithoutAnyAdminConfiguredIsRefused() {
    BotConversation noAdmin = BotConversation.builder(hunter).build();

    assertThat(lastText(noAdmin.handle(new Incoming.Text(ADMIN, "/grant 42 PREMIUM")))).startsWith("⛔️");
    assertThat(hunter.plan("42").name()).isEqualTo("FREE");
  }

  @Test
  void grantByTheAdminSetsThePlanAndTellsTheUser() {
    english(NEDA);
    watchReza(NEDA); // one doctor on FREE already

    List<Outgoing> out = text(ADMIN, "/grant 43 premium");

    assertThat(hunter.plan("43").name()).isEqualTo("PREMIUM");
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isInstanceOfSatisfying(Outgoing.Send.class, s -> assertThat(s.chatId()).isEqualTo(ADMIN));
    assertThat(out.get(1)).isInstanceOfSatisfying(Outgoing.Send.class, s -> {
      assertThat(s.chatId()).isEqualTo(NEDA);
      assertThat(s.text()).contains("Your plan is now PREMIUM").contains("Auto-booking: included")
          .contains("Doctors: 1 of 10");
    });
    assertThat(lastText(text(NEDA, "/stats"))).contains("Doctors watched: 1");
    assertThat(lastText(text(NEDA, "/plan"))).contains("Doctors: 1 of 10");
    assertThat(hunter.watches(BotConversation.owner(NEDA)).get(0).planName()).as("the doctor already watched moves too")
        .isEqualTo("PREMIUM");
  }

  @Test
  void grantWithBadArgumentsShowsTheUsage() {
    assertThat(lastText(text(ADMIN, "/grant"))).contains("FREE, PREMIUM, PRO, ENTERPRISE");
    assertThat(lastText(text(ADMIN, "/grant abc PREMIUM"))).contains("/grant");
    assertThat(lastText(text(ADMIN, "/grant 42 GOLD"))).contains("/grant");
    assertThat(hunter.plan("42").name()).isEqualTo("FREE");
  }

  // ------------------------------------------------------------------ notifications

  @Test
  void aSlotBecomesAPersianMessageWithJalaliDateTehranTimePriceAndBookingButton() {
    Watch w = watchReza(ALI);
    Slot slot = rezaSlot(NOWRUZ_0930);
    URI link = URI.create("https://doc.example/booking/dr-reza?centerId=c9&serviceId=s9");

    List<Outgoing> out = bot.onEvent(new SlotOpened(w.id(), "42", slot, link, clock.instant()));

    assertThat(out).singleElement().isInstanceOfSatisfying(Outgoing.Send.class, s -> {
      assertThat(s.chatId()).isEqualTo(ALI);
      assertThat(s.text()).contains("🔔").contains("دکتر رضا کریمی").contains("کلینیک کریمی — ویزیت حضوری")
          .contains("شنبه ۱۴۰۵/۰۱/۰۱").contains("ساعت ۰۹:۳۰ (به وقت تهران)").contains("۱٬۲۰۰٬۰۰۰ ریال");
      assertThat(s.keyboard().buttons()).singleElement().satisfies(b -> {
        assertThat(b.url()).isEqualTo(link);
        assertThat(b.text()).isEqualTo("📲 رزرو این نوبت");
      });
    });
  }

  @Test
  void aSlotBecomesAnEnglishMessageForAnEnglishChat() {
    english(NEDA);
    Watch w = watchReza(NEDA);

    List<Outgoing> out = bot.onEvent(new SlotOpened(w.id(), "43", rezaSlot(NOWRUZ_0930), null, clock.instant()));

    assertThat(out).singleElement().isInstanceOfSatisfying(Outgoing.Send.class, s -> {
      assertThat(s.text()).contains("A free slot just opened").contains("Saturday 1405/01/01")
          .contains("09:30 (Tehran time)").contains("1,200,000 IRR");
      assertThat(s.keyboard().isEmpty()).isTrue();
    });
  }

  @Test
  void aSlotIsAnnouncedOnceEvenWhenTheWatchIsReRegisteredForAFilter() {
    Watch w = watchReza(ALI);
    Slot slot = rezaSlot(NOWRUZ_0930);
    assertThat(bot.onEvent(new SlotOpened(w.id(), "42", slot, null, clock.instant()))).hasSize(1);
    text(ALI, "/filter همه");
    Watch again = hunter.watches("42").get(0);

    List<Outgoing> repeat = bot.onEvent(new SlotOpened(again.id(), "42", slot, null, clock.instant()));
    bot.onEvent(new SlotGone(again.id(), "42", slot, clock.instant()));
    List<Outgoing> back = bot.onEvent(new SlotOpened(again.id(), "42", slot, null, clock.instant()));

    assertThat(repeat).isEmpty();
    assertThat(back).hasSize(1);
  }

  @Test
  void aBurstOfSlotsIsCappedAndTheRestSummarisedByFlush() {
    Watch w = watchReza(ALI);
    int sent = 0;
    for (int i = 0; i < 5; i++) {
      sent += bot.onEvent(new SlotOpened(w.id(), "42", rezaSlot(NOWRUZ_0930.plusSeconds(1800L * i)),
          URI.create("https://doc.example/b/" + i), clock.instant())).size();
    }
    bot.onEvent(new SlotGone(w.id(), "42", rezaSlot(NOWRUZ_0930.plusSeconds(1800L * 4)), clock.instant()));

    List<Outgoing> summary = bot.flush();

    assertThat(sent).isEqualTo(2);
    assertThat(summary).singleElement().isInstanceOfSatisfying(Outgoing.Send.class, s -> {
      assertThat(s.text()).contains("۲ نوبت خالی دیگر").contains("۱۰:۳۰").contains("۱۱:۰۰").doesNotContain("۱۱:۳۰");
      assertThat(s.keyboard().buttons()).singleElement()
          .satisfies(b -> assertThat(b.url()).hasToString("https://doc.example/b/2"));
    });
    assertThat(bot.flush()).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(bot.onEvent(new SlotOpened(w.id(), "42", rezaSlot(NOWRUZ_0930.plusSeconds(86_400)), null,
        clock.instant()))).hasSize(1);
  }

  @Test
  void bookingResultsCarryTheTrackingCodeOrTheReason() {
    english(ALI);
    Watch w = watchReza(ALI);
    Slot slot = rezaSlot(NOWRUZ_0930);
    Instant now = clock.instant();

    String held = lastText(bot.onEvent(new HoldPlaced(w.id(), "42", new Hold(slot, "h1", now.plusSeconds(300)), now)));
    String booked = lastText(bot.onEvent(new BookingSucceeded(w.id(), "42",
        new Booking(slot, "b-77", "TRK-123456", now), true, now)));
    String failed = lastText(bot.onEvent(new BookingFailed(w.id(), "42", slot, ErrorCode.SLOT_TAKEN, "suspend refused",
        true, now)));
    String unknown = lastText(bot.onEvent(new BookingOutcomeUnknown(w.id(), "42", slot, "k", now)));

    assertThat(held).contains("Holding Saturday 1405/01/01 09:30");
    assertThat(booked).contains("✅ Booked!").contains("Tracking code: TRK-123456").contains("Saturday 1405/01/01");
    assertThat(failed).contains("someone else took it first").contains("keep trying");
    assertThat(unknown).contains("check your appointments");
    String holdUnknown = lastText(bot.onEvent(new io.github.slothunter.api.HoldOutcomeUnknown(w.id(), "42", slot, "k",
        now.plusSeconds(360), now)));
    assertThat(holdUnknown).contains("did not answer the request to hold").contains("Nothing was booked");
  }

  @Test
  void persianFailureAndBookingWithoutTrackingCodeAreExplained() {
    Watch w = watchReza(ALI);
    Slot slot = rezaSlot(NOWRUZ_0930);
    Instant now = clock.instant();

    var bookedMessages = bot.onEvent(new BookingSucceeded(w.id(), "42", new Booking(slot, "b-77", "", now), false,
        now));
    String booked = lastText(bookedMessages.subList(0, 1));
    assertThat(lastText(bookedMessages)).contains("در سایت بررسی کنید"); // unverified: the user is told to check
    String failed = lastText(bot.onEvent(new BookingFailed(w.id(), "42", slot, ErrorCode.AUTH_REQUIRED, "", false, now)));

    assertThat(booked).contains("کد رهگیری: b-77");
    assertThat(failed).contains("/autobook").contains("متوقف شد");
  }

  @Test
  void pausesAreExplainedByTheirReason() {
    english(ALI);
    Watch w = watchReza(ALI);
    Instant now = clock.instant();

    String auth = lastText(bot.onEvent(new WatchPaused(w.id(), "42", ErrorCode.AUTH_REQUIRED, "session expired", now)));
    String down = lastText(bot.onEvent(new WatchPaused(w.id(), "42", ErrorCode.PROVIDER_UNAVAILABLE, "5xx", now)));
    String unsupported = lastText(bot.onEvent(new WatchPaused(w.id(), "42", ErrorCode.UNSUPPORTED, "no booker", now)));
    String resumed = lastText(bot.onEvent(new WatchResumed(w.id(), "42", now)));

    assertThat(auth).contains("login expired").contains("/autobook").contains("Slot messages continue");
    assertThat(down).contains("resumes by itself");
    assertThat(unsupported).contains("booking links instead");
    assertThat(resumed).contains("Watching دکتر رضا کریمی again");
  }

  @Test
  void eventsWithoutAChatOrAboutTheProviderSendNothing() {
    Target t = TestDoctors.target(TestDoctors.reza(), "c9", "s9");
    Instant now = clock.instant();

    assertThat(bot.onEvent(new SlotOpened("w-x", "someone@example", TestDoctors.slot(t, NOWRUZ_0930), null, now)))
        .isEmpty();
    assertThat(bot.onEvent(new ProviderThrottled("fakedoc", ErrorCode.RATE_LIMITED, Duration.ofSeconds(5), now)))
        .isEmpty();
    assertThat(bot.onEvent(new EventsDropped(3, now))).isEmpty();
  }

  @Test
  void eventsForCalendarsTheBotDidNotRegisterAreNamedFromTheWatchsOwnLabel() {
    Watch w = hunter.watch(WatchRequest.of("44", TestDoctors.link("dr-reza")));

    List<Outgoing> out = bot.onEvent(new SlotOpened(w.id(), "44", rezaSlot(NOWRUZ_0930), null, clock.instant()));

    assertThat(lastText(out)).contains("دکتر رضا کریمی").contains("کلینیک کریمی").contains("۱۴۰۵/۰۱/۰۱");
    assertThat(lastText(bot.onEvent(new WatchResumed("w-gone", "44", clock.instant())))).contains("w-gone");
    assertThat(lastText(text(44, "/list"))).contains("دکتر رضا کریمی");
  }
}
