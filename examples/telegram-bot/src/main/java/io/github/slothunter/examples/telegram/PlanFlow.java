package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and numbers: {@code /plan}, {@code /plans} and the buy buttons (the payment itself is
 * {@link BotPayments}), {@code /stats}, and the admin's {@code /grant}. Every count a message shows
 * comes from one place, so {@code /plan}, {@code /stats} and the {@code /grant} notice agree: the
 * doctors watched are the engine's live watches of the owner, and the slots and bookings announced
 * are what this bot sent the chat ({@link BotStore} counters, kept across restarts), not the
 * engine's in-memory statistics. Thread-safe.
 */
final class PlanFlow {
  private static final Logger log = LoggerFactory.getLogger(PlanFlow.class);

  private final SlotHunter hunter;
  private final Plans plans;
  private final BotPayments payments;
  private final BotStore store;
  private final Long adminChatId;

  PlanFlow(SlotHunter hunter, Plans plans, BotPayments payments, BotStore store, Long adminChatId) {
    this.hunter = hunter;
    this.plans = plans;
    this.payments = payments;
    this.store = store;
    this.adminChatId = adminChatId;
  }

  private int watching(String owner) {
    return hunter.watches(owner).size();
  }

  /** {@code /plan}. */
  void plan(Reply r) {
    r.send(r.m.plans().plan(hunter.plan(r.owner()), watching(r.owner())));
  }

  /** {@code /stats}. */
  void stats(Reply r) {
    r.send(r.m.plans().stats(stats(r.chatId)));
  }

  /** A chat's numbers as {@code /stats} shows them. */
  OwnerStats stats(long chatId) {
    String owner = BotConversation.owner(chatId);
    return new OwnerStats(owner, hunter.plan(owner).name(), watching(owner),
        store.count(chatId, BotStore.SLOTS_ANNOUNCED), store.count(chatId, BotStore.BOOKINGS));
  }

  /** {@code /plans}: the plans on sale in Stars, a button each. */
  void forSale(Reply r) {
    List<Plan> onSale = payments.onSale();
    if (onSale.isEmpty()) {
      r.send(r.m.plans().nothingForSale());
      return;
    }
    List<Button> buttons = new ArrayList<>();
    for (Plan p : onSale) {
      buttons.add(Button.callback(r.m.planName(p.name()) + " — " + p.price().amount() + " ⭐", "buy:" + p.name()));
    }
    r.send(r.m.plans().plansForSale(onSale, hunter.plan(r.owner())), Keyboard.column(buttons));
  }

  /** A press on a buy button: the invoice. */
  void buy(Press p, Reply r) {
    Optional<Outgoing.Invoice> invoice = payments.invoice(p.cb().chatId(), p.arg(1), r.m);
    if (invoice.isEmpty()) {
      r.stale(p.cb());
      return;
    }
    r.answer(p.cb(), "");
    r.out.add(invoice.get());
  }

  /** {@code /grant <chatId> <PLAN>}, for the admin chat only; the chat granted to is told in its language. */
  void grant(String args, Reply r, LongFunction<Messages> messagesOf) {
    if (adminChatId == null || adminChatId != r.chatId) {
      log.warn("chat {} tried /grant without being the admin", r.chatId);
      r.send(r.m.plans().grantDenied());
      return;
    }
    List<String> names = plans.all().stream()
        .sorted(Comparator.comparingInt(Plan::priority).thenComparing(Plan::name)).map(Plan::name).toList();
    String[] a = args.split("\\s+");
    if (a.length != 2) {
      r.send(r.m.plans().grantUsage(names));
      return;
    }
    long target;
    try {
      target = Long.parseLong(JalaliFormat.asciiDigits(a[0]));
    } catch (NumberFormatException e) {
      r.send(r.m.plans().grantUsage(names));
      return;
    }
    String planName = a[1].toUpperCase(Locale.ROOT);
    Optional<Plan> plan = plans.find(planName);
    if (plan.isEmpty()) {
      r.send(r.m.plans().grantUsage(names));
      return;
    }
    hunter.setPlan(BotConversation.owner(target), planName);
    log.info("admin set the plan of chat {} to {}", target, planName);
    r.send(r.m.plans().granted(target, planName));
    if (target != r.chatId) {
      // the doctors the user already watches count against the new plan, as /plan and /stats say
      r.out.add(new Outgoing.Send(target, messagesOf.apply(target).plans().planChanged(plan.get(),
          watching(BotConversation.owner(target)))));
    }
  }
}
