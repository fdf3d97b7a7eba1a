package io.github.slothunter.examples.telegram;

import io.github.slothunter.examples.support.SecretSealer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.store.jdbc.JdbcStore;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot stopped and started again on the same database (embedded H2 file) forgets nobody: a flow
 * half way through, the counts {@code /stats} and {@code /grant} show, the labels of the watches, a
 * charge already applied. The "world" (the fake site and the clock) outlives the restarts.
 */
class BotRestartTest {
  private static final long ADMIN = 1000L;
  private static final long ALI = 42L;
  private static final long NEDA = 43L;
  private static final Instant NOWRUZ_0930 = Instant.parse("2026-03-21T06:00:00Z");

  @TempDir
  Path dir;
  private final FakeClock clock = FakeClock.at("2026-03-20T08:00:00Z");
  private final InMemoryProvider site = TestDoctors.provider(clock);
  private final byte[] key = SecretSealer.newKey();
  private final Plans plans = Backend.real(clock).plans(); // the product plans, priced in Stars
  private String location;
  private BotDatabase db;
  private SlotHunter hunter;
  private BotConversation bot;
  private int update;

  /** Where the database is: an embedded H2 file here; PostgreSQL in {@link BotRestartPostgresTest}. */
  String location() {
    return dir.resolve("db").toString();
  }

  @BeforeEach
  void start() {
    if (location == null) {
      location = location();
    }
    db = BotDatabase.open(location, null, null);
    JdbcStore store = JdbcStore.builder().dataSource(db.dataSource()).encryptionKey(key).clock(clock).build();
    hunter = SlotHunter.builder().provider(site.factory()).clock(clock).manualScheduling().plans(plans).store(store)
        .closeTimeout(Duration.ofSeconds(1)).build();
    bot = BotConversation.builder(hunter).plans(plans).authenticator(site.authenticator().orElseThrow())
        .adminChatId(ADMIN).clock(clock).slotBurst(20, Duration.ofMinutes(1)).store(new BotStore(db, key, clock))
        .build();
  }

  @AfterEach
  void stop() {
    hunter.close();
    db.close();
  }

  private void restart() {
    stop();
    start();
  }

  private List<Outgoing> text(long chat, String text) {
    return bot.handle(new Incoming.Text(chat, text));
  }

  private List<Outgoing> press(long chat, String data) {
    return bot.handle(new Incoming.Callback(chat, 77, "cb" + (++update), data));
  }

  private static String lastText(List<Outgoing> out) {
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i) instanceof Outgoing.Send s) {
        return s.text();
      }
      if (out.get(i) instanceof Outgoing.Edit e) {
        return e.text();
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

  /** What the bot's chat table holds for a chat, as text. */
  private String chatRow(long chat) {
    return db.run("read", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM bot_chats WHERE chat_id = ?")) {
        s.setLong(1, chat);
        try (ResultSet rs = s.executeQuery()) {
          assertThat(rs.next()).isTrue();
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.append(rs.getString(i)).append('|');
          }
          return row.toString();
        }
      }
    });
  }

  @Test
  void aFilterAskedForBeforeARestartIsUnderstoodAfterIt() {
    english(ALI);
    watchReza(ALI);
    assertThat(lastText(text(ALI, "/filter"))).contains("Send the days and hours you want for دکتر رضا کریمی");

    restart();
    List<Outgoing> out = text(ALI, "sat 08-12");

    assertThat(lastText(out)).startsWith("✅ Filter for دکتر رضا کریمی:").contains("Saturday").contains("08:00–12:00");
    assertThat(hunter.watches("42")).singleElement()
        .satisfies(w -> assertThat(w.filter().days()).containsExactly(DayOfWeek.SATURDAY));
    assertThat(lastText(text(ALI, "/list"))).as("the label survives too").contains("کلینیک کریمی — ویزیت حضوری");
  }

  @Test
  void aPatientHalfTypedInAndAnSmsLoginSurviveRestartsAndAreStoredSealed() {
    english(ALI);
    hunter.setPlan("42", "PREMIUM");
    watchReza(ALI);
    text(ALI, "/autobook");
    text(ALI, "Sara");
    text(ALI, "Ahmadi");
    assertThat(lastText(text(ALI, "0499370899"))).contains("mobile number");
    assertThat(chatRow(ALI)).doesNotContain("Sara").doesNotContain("Ahmadi").doesNotContain("0499370899");

    restart();
    assertThat(lastText(text(ALI, "09121234567"))).contains("0912***4567");
    assertThat(chatRow(ALI)).doesNotContain("09121234567").doesNotContain("Sara");
    restart();
    List<Outgoing> on = text(ALI, "1234");

    assertThat(lastText(on)).contains("Auto-booking is on for 1 doctor");
    assertThat(hunter.watches("42")).singleElement()
        .satisfies(w -> assertThat(w.autoBook().patient().nationalCode()).isEqualTo("0499370899"));
    restart();
    Watch later = watchSara(ALI);
    assertThat(later.autoBook()).as("the login and the person are kept for watches added later").isNotNull();
  }

  private Watch watchSara(long chat) {
    text(chat, "/add " + TestDoctors.link("dr-sara"));
    List<Outgoing> centers = press(chat, "c:" + flowOfLastMenu(chat) + ":0");
    assertThat(lastText(centers)).isNotBlank();
    press(chat, "s:" + flowOfLastMenu(chat) + ":0");
    return hunter.watches(BotConversation.owner(chat)).stream()
        .filter(w -> w.doctor().key().equals("dr-sara")).findFirst().orElseThrow();
  }

  private int flowOfLastMenu(long chat) {
    return db.run("read", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT flow FROM bot_chats WHERE chat_id = ?")) {
        s.setLong(1, chat);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  @Test
  void grantPlanAndStatsShowTheSameCountsBeforeAndAfterARestart() {
    english(NEDA);
    watchReza(NEDA);

    List<Outgoing> granted = text(ADMIN, "/grant 43 PREMIUM");
    String stats = lastText(text(NEDA, "/stats"));
    String plan = lastText(text(NEDA, "/plan"));
    restart();

    assertThat(lastText(granted)).contains("Doctors: 1 of 10");
    assertThat(stats).contains("Plan: PREMIUM").contains("Doctors watched: 1");
    assertThat(plan).contains("Doctors: 1 of 10");
    assertThat(lastText(text(NEDA, "/stats"))).isEqualTo(stats);
    assertThat(lastText(text(NEDA, "/plan"))).isEqualTo(plan);
  }

  @Test
  void statsCountEverySlotMessageSentInABurstAcrossARestart() {
    english(NEDA);
    Watch w = watchReza(NEDA);
    List<Outgoing> sent = new ArrayList<>();

    for (int i = 0; i < 12; i++) {
      sent.addAll(bot.onEvent(new SlotOpened(w.id(), "43", rezaSlot(NOWRUZ_0930.plusSeconds(1800L * i)), null,
          clock.instant())));
    }
    sent.addAll(bot.flush());
    String before = lastText(text(NEDA, "/stats"));
    restart();

    assertThat(sent).hasSize(12).allSatisfy(o -> assertThat(((Outgoing.Send) o).text()).contains("free slot"));
    assertThat(before).contains("Free slots announced: 12");
    assertThat(lastText(text(NEDA, "/stats"))).contains("Free slots announced: 12").contains("Doctors watched: 1");
  }

  @Test
  void slotsSummarisedAfterTheBurstLimitCountOncePerSlot() {
    withBurstLimit(5);
    Watch w = watchReza(ALI);
    int messages = 0;

    for (int i = 0; i < 12; i++) {
      messages += bot.onEvent(new SlotOpened(w.id(), "42", rezaSlot(NOWRUZ_0930.plusSeconds(1800L * i)), null,
          clock.instant())).size();
    }
    List<Outgoing> summary = bot.flush();

    assertThat(messages).isEqualTo(5);
    assertThat(lastText(summary)).contains("۷");
    assertThat(bot.stats(ALI).slotsAnnounced()).isEqualTo(12);
  }

  private void withBurstLimit(int perBurst) {
    bot = BotConversation.builder(hunter).plans(plans).clock(clock).slotBurst(perBurst, Duration.ofMinutes(1))
        .store(new BotStore(db, key, clock)).build();
  }

  @Test
  void aChargeAppliedBeforeARestartIsNotAppliedAgain() {
    english(NEDA);
    List<Outgoing> invoice = press(NEDA, "buy:PREMIUM");
    Outgoing.Invoice i = invoice.stream().filter(Outgoing.Invoice.class::isInstance).map(Outgoing.Invoice.class::cast)
        .findFirst().orElseThrow();
    Incoming.Paid paid = new Incoming.Paid(NEDA, i.payload(), i.currency(), i.amount(), "charge-1");
    assertThat(lastText(bot.handle(paid))).startsWith("✅ Paid.");
    Instant until = hunter.subscription("43").orElseThrow().until();

    restart();
    List<Outgoing> again = bot.handle(paid);

    assertThat(again).isEmpty();
    assertThat(hunter.subscription("43").orElseThrow().until()).isEqualTo(until);
    assertThat(hunter.plan("43").name()).isEqualTo("PREMIUM");
  }

  @Test
  void aPlanEndIsRemindedOnceAcrossRestarts() {
    english(NEDA);
    hunter.extendPlan("43", "PREMIUM", Duration.ofDays(2));

    List<Outgoing> first = bot.planReminders();
    restart();
    List<Outgoing> second = bot.planReminders();

    assertThat(first).singleElement().satisfies(o -> assertThat(((Outgoing.Send) o).chatId()).isEqualTo(NEDA));
    assertThat(second).isEmpty();
  }

  @Test
  void theLanguageChosenBeforeARestartIsKept() {
    english(NEDA);

    restart();

    assertThat(bot.lang(NEDA)).isEqualTo(Lang.EN);
    assertThat(bot.lang(ALI)).isEqualTo(Lang.FA);
    assertThat(lastText(text(NEDA, "/cancel"))).isEqualTo(Messages.of(Lang.EN).nothingToCancel());
  }

  @Test
  void aChatsRowHoldsNoPatientDataOrLoginInClear() {
    english(ALI);
    hunter.setPlan("42", "PREMIUM");
    text(ALI, "/autobook");
    text(ALI, "Sara");
    text(ALI, "Ahmadi");
    text(ALI, "0499370899");
    text(ALI, "09121234567");
    text(ALI, "1234");

    String row = chatRow(ALI);

    assertThat(row).doesNotContain("0499370899").doesNotContain("09121234567").doesNotContain("Sara")
        .doesNotContain("token");
    assertThat(row.split("\\|")).contains("en");
  }
}
