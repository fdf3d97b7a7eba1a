package io.github.slothunter.examples.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buying a plan in the chat with Telegram Stars: invoice, pre-checkout, payment once, renewal reminder. */
class BotPaymentsTest {
  private static final long NEDA = 43L;
  private static final long ALI = 42L;

  private final FakeClock clock = FakeClock.at("2026-03-20T08:00:00Z");
  private final InMemoryProvider site = TestDoctors.provider(clock);
  private final Plans plans = Backend.real(clock).plans(); // the product plans with their prices in Stars
  private final SlotHunter hunter = SlotHunter.builder().provider(site.factory()).clock(clock).manualScheduling()
      .plans(plans).closeTimeout(Duration.ofSeconds(1)).build();
  private final BotConversation bot = BotConversation.builder(hunter).plans(plans).clock(clock).build();
  private int update;

  @AfterEach
  void close() {
    hunter.close();
  }

  private List<Outgoing> english(long chat) {
    bot.handle(new Incoming.Text(chat, "/start"));
    return bot.handle(new Incoming.Callback(chat, 77, "cb" + (++update), "lang:en"));
  }

  private Outgoing.Invoice buy(long chat, String plan) {
    List<Outgoing> out = bot.handle(new Incoming.Callback(chat, 77, "cb" + (++update), "buy:" + plan));
    return out.stream().filter(Outgoing.Invoice.class::isInstance).map(Outgoing.Invoice.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no invoice in " + out));
  }

  private Outgoing.AnswerPreCheckout preCheckout(Outgoing.Invoice i, long chat, long amount) {
    List<Outgoing> out = bot.handle(new Incoming.PreCheckout(chat, "q" + (++update), i.payload(), i.currency(), amount));
    assertThat(out).hasSize(1);
    return (Outgoing.AnswerPreCheckout) out.get(0);
  }

  private List<Outgoing> paid(Outgoing.Invoice i, String chargeId) {
    return bot.handle(new Incoming.Paid(i.chatId(), i.payload(), i.currency(), i.amount(), chargeId));
  }

  @Test
  void plansAreSoldInStarsAndAPaymentRunsThePlanForThirtyDaysOnce() {
    english(NEDA);
    List<Outgoing> list = bot.handle(new Incoming.Text(NEDA, "/plans"));
    Outgoing.Send menu = (Outgoing.Send) list.get(0);
    assertThat(menu.text()).contains("Telegram Stars").contains("PREMIUM: 500 ⭐").contains("Your plan now: FREE");
    assertThat(menu.keyboard().buttons()).extracting(Keyboard.Button::data)
        .containsExactly("buy:PREMIUM", "buy:PRO", "buy:ENTERPRISE");

    Outgoing.Invoice invoice = buy(NEDA, "PREMIUM");
    assertThat(invoice.currency()).isEqualTo("XTR");
    assertThat(invoice.amount()).isEqualTo(500);
    assertThat(preCheckout(invoice, NEDA, 500).error()).as("accepted").isNull();

    List<Outgoing> told = paid(invoice, "charge-1");

    Instant until = clock.instant().plus(Duration.ofDays(30));
    assertThat(hunter.subscription(BotConversation.owner(NEDA)).orElseThrow().until()).isEqualTo(until);
    assertThat(hunter.plan(BotConversation.owner(NEDA)).name()).isEqualTo("PREMIUM");
    assertThat(((Outgoing.Send) told.get(0)).text()).contains("Paid. PREMIUM runs until 1405/01/");
    assertThat(paid(invoice, "charge-1")).as("the same charge again: nothing").isEmpty();
    assertThat(hunter.subscription(BotConversation.owner(NEDA)).orElseThrow().until()).isEqualTo(until);

    paid(buy(NEDA, "PREMIUM"), "charge-2"); // a renewal adds to the end
    assertThat(hunter.subscription(BotConversation.owner(NEDA)).orElseThrow().until())
        .isEqualTo(until.plus(Duration.ofDays(30)));
  }

  @Test
  void forgedOrStaleInvoicesAreRefusedBeforeTheChargeAndNeverRunAPlan() {
    english(NEDA);
    Outgoing.Invoice invoice = buy(NEDA, "PRO");

    assertThat(preCheckout(invoice, NEDA, 1).error()).as("another amount").contains("no longer valid");
    assertThat(preCheckout(invoice, ALI, 1000).error()).as("another chat").isNotNull();
    assertThat(bot.handle(new Incoming.PreCheckout(NEDA, "q", "plan:GOLD:43", "XTR", 1000)).get(0))
        .isInstanceOfSatisfying(Outgoing.AnswerPreCheckout.class, a -> assertThat(a.error()).isNotNull());
    assertThat(bot.handle(new Incoming.PreCheckout(NEDA, "q", invoice.payload(), "USD", 1000)).get(0))
        .isInstanceOfSatisfying(Outgoing.AnswerPreCheckout.class, a -> assertThat(a.error()).isNotNull());

    List<Outgoing> told = bot.handle(new Incoming.Paid(NEDA, "plan:PRO:42", "XTR", 1000, "charge-x"));

    assertThat(((Outgoing.Send) told.get(0)).text()).contains("no longer valid");
    assertThat(hunter.plan(BotConversation.owner(NEDA)).name()).isEqualTo("FREE");
    assertThat(hunter.plan(BotConversation.owner(ALI)).name()).isEqualTo("FREE");
    assertThat(bot.handle(new Incoming.Callback(NEDA, 77, "cb-x", "buy:FREE")))
        .as("FREE is not on sale").noneMatch(Outgoing.Invoice.class::isInstance);
  }

  @Test
  void aChatIsRemindedOnceAFewDaysBeforeItsPlanEnds() {
    english(NEDA);
    paid(buy(NEDA, "PREMIUM"), "charge-1");

    clock.advance(Duration.ofDays(26));
    assertThat(bot.planReminders()).as("four days before: not yet").isEmpty();
    clock.advance(Duration.ofDays(2));
    List<Outgoing> reminders = bot.planReminders();

    assertThat(reminders).singleElement().isInstanceOfSatisfying(Outgoing.Send.class, s -> {
      assertThat(s.chatId()).isEqualTo(NEDA);
      assertThat(s.text()).contains("PREMIUM plan ends on").contains("/plans");
    });
    assertThat(bot.planReminders()).as("once per end date").isEmpty();
    paid(buy(NEDA, "PREMIUM"), "charge-2");
    clock.advance(Duration.ofDays(30));
    assertThat(bot.planReminders()).as("the renewed end gets its own reminder").hasSize(1);
  }

  @Test
  void withoutPricesNothingIsForSale() {
    SlotHunter plain = SlotHunter.builder().provider(site.factory()).clock(clock).manualScheduling()
        .plans(Plans.defaults()).closeTimeout(Duration.ofSeconds(1)).build();
    try (plain) {
      BotConversation unpriced = BotConversation.builder(plain).clock(clock).build();
      unpriced.handle(new Incoming.Text(ALI, "/start"));
      unpriced.handle(new Incoming.Callback(ALI, 77, "cb", "lang:en"));
      List<Outgoing> out = unpriced.handle(new Incoming.Text(ALI, "/plans"));

      assertThat(((Outgoing.Send) out.get(0)).text()).contains("No plan can be bought");
    }
  }
}
