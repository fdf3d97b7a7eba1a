package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.examples.support.SecretSealer;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryArea;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /find} and area watches in the conversation, on the in-memory provider's area search: no Telegram, no HTTP. */
class FindFlowTest {
  private static final long ALI = 42L;
  private static final GeoPoint VALIASR = new GeoPoint(35.6997, 51.3380);

  private final FakeClock clock = FakeClock.at("2026-03-20T08:00:00Z");
  private final InMemoryProvider site = TestDoctors.provider(clock);
  private final InMemoryArea area = site.area();
  private final SlotHunter hunter = SlotHunter.builder().provider(site.factory()).clock(clock).manualScheduling()
      .plans(Plans.defaults()).closeTimeout(Duration.ofSeconds(1)).build();
  private final BotStore store = new BotStore(BotDatabase.inMemory(), SecretSealer.newKey(), clock);
  private BotConversation bot = conversation();
  private Target near;
  private int update;

  private BotConversation conversation() {
    return BotConversation.builder(hunter).clock(clock).store(store).areaProvider(TestDoctors.ID).build();
  }

  @BeforeEach
  void doctors() {
    near = area.add("dr-near", "tehran", "dermatology", new GeoPoint(35.7087, 51.3380), 1_500_000L); // ~1 km
    area.add("dr-far", "tehran", "dermatology", new GeoPoint(35.7897, 51.3380), 2_000_000L); // ~10 km
    area.add("dr-heart", "tehran", "cardiovascular", VALIASR, 1_000_000L);
    site.open(near, Instant.parse("2026-03-21T06:00:00Z"));
  }

  @AfterEach
  void close() {
    hunter.close();
  }

  private List<Outgoing> text(String text) {
    return bot.handle(new Incoming.Text(ALI, text));
  }

  private List<Outgoing> press(String data) {
    return bot.handle(new Incoming.Callback(ALI, 77, "cb" + (++update), data));
  }

  private static Outgoing last(List<Outgoing> out) {
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i) instanceof Outgoing.Send || out.get(i) instanceof Outgoing.Edit) {
        return out.get(i);
      }
    }
    throw new AssertionError("no message in " + out);
  }

  private static String lastText(List<Outgoing> out) {
    Outgoing o = last(out);
    return o instanceof Outgoing.Send s ? s.text() : ((Outgoing.Edit) o).text();
  }

  private static Keyboard lastKeyboard(List<Outgoing> out) {
    Outgoing o = last(out);
    return o instanceof Outgoing.Send s ? s.keyboard() : ((Outgoing.Edit) o).keyboard();
  }

  /** The data of the last message's button whose label contains {@code label}. */
  private static String button(List<Outgoing> out, String label) {
    return lastKeyboard(out).buttons().stream().filter(b -> b.text().contains(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + lastKeyboard(out))).data();
  }

  /** {@code /find}, dermatology by its button, then Tehran typed: the result list. */
  private List<Outgoing> findDermatologyInTehran() {
    List<Outgoing> ask = text("/find");
    return text(tehranAfter(press(button(ask, "پوست"))));
  }

  private static String tehranAfter(List<Outgoing> askPlace) {
    assertThat(lastText(askPlace)).contains("کدام شهر");
    return "تهران";
  }

  @Test
  void findWithATypedCityListsTheAreasDoctorsWithTheirEarliestSlotAndPrice() {
    List<Outgoing> shown = findDermatologyInTehran();

    assertThat(lastText(shown)).contains("پوست و مو · تهران").contains("۲ پزشک پیدا شد")
        .contains("Dr dr-near").contains("Clinic dr-near").contains("۱٬۵۰۰٬۰۰۰ ریال")
        .contains("اولین نوبت: شنبه ۱ فروردین ۱۴۰۵ ساعت ۰۹:۳۰").contains("Dr dr-far").doesNotContain("dr-heart");
    assertThat(lastKeyboard(shown).buttons()).extracting(Keyboard.Button::text)
        .containsExactly("👁 پیگیری این منطقه", "🎯 محدودتر کن");
  }

  @Test
  void aSharedLocationAsksTheDistanceAndListsOnlyDoctorsWithinItWithTheirDistance() {
    text("/find");
    text("پوست");
    List<Outgoing> distances = bot.handle(new Incoming.Location(ALI, VALIASR.lat(), VALIASR.lon()));
    assertThat(lastText(distances)).contains("تا چه فاصله‌ای").contains("تهران");
    assertThat(lastKeyboard(distances).buttons()).extracting(Keyboard.Button::text)
        .containsExactly("۲ کیلومتر", "۵ کیلومتر", "۱۰ کیلومتر", "۲۵ کیلومتر");

    List<Outgoing> shown = press(button(distances, "۵ کیلومتر"));

    assertThat(lastText(shown)).contains("Dr dr-near").contains("📏 ۱٫۰ کیلومتر").doesNotContain("dr-far")
        .contains("تا ۵٫۰ کیلومتر");
  }

  @Test
  void watchThisAreaRegistersAnAreaWatchShownInTheListWithItsMemberCount() {
    List<Outgoing> shown = findDermatologyInTehran();

    List<Outgoing> watching = press(button(shown, "پیگیری این منطقه"));

    assertThat(lastText(watching)).contains("پوست و مو · تهران").contains("۲ پزشک");
    Watch w = hunter.watches(BotConversation.owner(ALI)).get(0);
    assertThat(w.area()).isNotNull();
    assertThat(w.area().city()).isEqualTo("tehran");
    assertThat(w.area().specialty()).isEqualTo("dermatology");
    assertThat(hunter.find(w.id())).isPresent();
    assertThat(lastText(text("/list"))).contains("پوست و مو · تهران").contains("منطقه، ۲ پزشک");
  }

  @Test
  void narrowingByPriceSearchesAgainWithTheCap() {
    List<Outgoing> shown = findDermatologyInTehran();
    List<Outgoing> narrow = press(button(shown, "محدودتر"));
    assertThat(lastText(narrow)).contains("محدود");

    List<Outgoing> cheaper = press(button(narrow, "۱٬۰۰۰٬۰۰۰"));

    assertThat(lastText(cheaper)).contains("تا ۱٬۰۰۰٬۰۰۰ ریال").contains("پزشکی پیدا نشد");
    List<Outgoing> again = findDermatologyInTehran();
    List<Outgoing> twoMillion = press(button(press(button(again, "محدودتر")), "۲٬۰۰۰٬۰۰۰"));
    assertThat(lastText(twoMillion)).contains("Dr dr-near").contains("Dr dr-far");
  }

  @Test
  void anUnknownCityIsAnsweredWithTheEnginesClosestNamesAsButtons() {
    List<Outgoing> ask = text("/find");
    press(button(ask, "پوست"));

    List<Outgoing> unknown = text("تهرن");

    assertThat(lastText(unknown)).contains("«تهرن»").contains("نشناختم");
    assertThat(lastKeyboard(unknown).buttons()).extracting(Keyboard.Button::text).contains("تهران");
    List<Outgoing> shown = press(button(unknown, "تهران"));
    assertThat(lastText(shown)).contains("Dr dr-near");
  }

  @Test
  void anUnknownSpecialtyIsAskedAgainKeepingTheCity() {
    text("/find");
    text("پوصت");

    List<Outgoing> unknown = text("تهران");

    assertThat(lastText(unknown)).contains("تخصص").contains("«پوصت»");
    List<Outgoing> shown = text("پوست");
    assertThat(lastText(shown)).contains("Dr dr-near");
  }

  @Test
  void aFindInProgressSurvivesARestart() {
    text("/find");
    text("پوست");
    bot.handle(new Incoming.Location(ALI, VALIASR.lat(), VALIASR.lon()));

    bot = conversation(); // a new process: the chat's step comes back from the database
    List<Outgoing> shown = press("fd:" + flowOfLastMenu() + ":5");

    assertThat(lastText(shown)).contains("Dr dr-near").contains("۱٫۰ کیلومتر");
  }

  /** The menu number the chat's step holds, as stored. */
  private int flowOfLastMenu() {
    return store.loadChat(ALI).flow;
  }

  @Test
  void aSlotAtAMemberIsAnnouncedWithTheEventsLabelAndTheAreasName() {
    press(button(findDermatologyInTehran(), "پیگیری این منطقه"));
    Watch w = hunter.watches(BotConversation.owner(ALI)).get(0);
    Slot slot = TestDoctors.slot(near, Instant.parse("2026-03-22T06:00:00Z"));
    SlotLabel label = new SlotLabel("دکتر نزدیک", "درمانگاه نزدیک", "ویزیت", 1_500_000L, 1.04);

    List<Outgoing> out = bot.onEvent(new SlotOpened(w.id(), BotConversation.owner(ALI), slot, null, clock.instant(),
        label));

    assertThat(lastText(out)).contains("نوبت خالی پیدا شد").contains("🗺 پوست و مو · تهران")
        .contains("دکتر نزدیک").contains("درمانگاه نزدیک — ویزیت").contains("۱٫۰ کیلومتر از شما")
        .contains("۱٬۵۰۰٬۰۰۰ ریال").doesNotContain("dr-near");
    assertThat(bot.stats(ALI).slotsAnnounced()).isEqualTo(1);
  }

  @Test
  void aSlotWithoutALabelIsNamedFromTheWatchsMember() {
    press(button(findDermatologyInTehran(), "پیگیری این منطقه"));
    Watch w = hunter.watches(BotConversation.owner(ALI)).get(0);
    Slot slot = TestDoctors.slot(near, Instant.parse("2026-03-22T06:00:00Z"));

    List<Outgoing> out = bot.onEvent(new SlotOpened(w.id(), BotConversation.owner(ALI), slot, null, clock.instant()));

    assertThat(lastText(out)).contains("Dr dr-near").contains("Clinic dr-near");
  }

  @Test
  void aLocationOutsideFindPointsToFind() {
    List<Outgoing> out = bot.handle(new Incoming.Location(ALI, VALIASR.lat(), VALIASR.lon()));

    assertThat(lastText(out)).contains("/find");
  }
}
