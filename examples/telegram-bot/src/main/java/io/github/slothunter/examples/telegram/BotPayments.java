package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Subscription;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buying a plan in the chat with Telegram Stars: {@code /plans} lists the plans whose catalogue
 * price is in Stars ({@code XTR}), a button sends an invoice, Telegram's pre-checkout query is
 * checked against the current price, and a successful payment extends the chat's plan by
 * {@link #PERIOD} ({@link SlotHunter#extendPlan}), exactly once per Telegram charge id. A few days
 * before a plan ends the chat is told ({@link #remindDue}).
 *
 * <p>The charges and the reminders sent are kept in the bot's database ({@link BotStore}), so a charge
 * is applied once across restarts: it is recorded (with the plan's end at that moment) before the plan
 * is extended and marked applied after. A charge delivered again after a crash between the two is
 * applied only if the plan's end has not moved since it was recorded. A payment that arrives while the
 * bot is down is applied when it comes back. Thread-safe.
 */
final class BotPayments {
  private static final Logger log = LoggerFactory.getLogger(BotPayments.class);
  /** What one payment buys. */
  static final Duration PERIOD = Duration.ofDays(30);
  /** How long before the end the chat is reminded. */
  static final Duration REMIND_BEFORE = Duration.ofDays(3);
  /** The currency of Telegram Stars. */
  static final String STARS = "XTR";

  private final SlotHunter hunter;
  private final Plans plans;
  private final Clock clock;
  private final BotStore store;

  BotPayments(SlotHunter hunter, Plans plans, Clock clock, BotStore store) {
    this.hunter = hunter;
    this.plans = plans;
    this.clock = clock;
    this.store = store;
  }

  /** The plans sold in Stars, cheapest first. */
  List<Plan> onSale() {
    return plans.all().stream().filter(p -> p.price() != null && STARS.equals(p.price().currency()))
        .sorted(Comparator.comparingLong((Plan p) -> p.price().amount()).thenComparing(Plan::name)).toList();
  }

  /** What the bot writes into an invoice for a plan: checked again before the charge. */
  static String payload(long chatId, Plan plan) {
    return "plan:" + plan.name() + ":" + chatId;
  }

  /** The invoice for a plan, or empty when it is not on sale. */
  Optional<Outgoing.Invoice> invoice(long chatId, String planName, Messages m) {
    Optional<Plan> plan = onSale().stream().filter(p -> p.name().equals(planName)).findFirst();
    return plan.map(p -> new Outgoing.Invoice(chatId, m.plans().invoiceTitle(p), m.plans().invoiceDescription(p, (int) PERIOD.toDays()),
        payload(chatId, p), STARS, p.price().amount()));
  }

  /** The plan an invoice was for, if the payload, chat, currency and amount all match what is on sale now. */
  private Optional<Plan> matching(long chatId, String payload, String currency, long amount) {
    String[] p = payload.split(":", 3);
    if (p.length != 3 || !p[0].equals("plan") || !p[2].equals(Long.toString(chatId))) {
      return Optional.empty();
    }
    return onSale().stream().filter(plan -> plan.name().equals(p[1]) && plan.price().currency().equals(currency)
        && plan.price().amount() == amount).findFirst();
  }

  /** The answer to Telegram's pre-checkout query: go ahead only for an invoice that still matches. */
  Outgoing.AnswerPreCheckout preCheckout(Incoming.PreCheckout q, Messages m) {
    boolean ok = matching(q.chatId(), q.payload(), q.currency(), q.amount()).isPresent();
    if (!ok) {
      log.warn("chat {}: refused a pre-checkout for an invoice that does not match what is on sale", q.chatId());
    }
    return new Outgoing.AnswerPreCheckout(q.queryId(), ok ? null : m.plans().paymentRefused());
  }

  /**
   * Applies a payment: the plan runs {@link #PERIOD} longer. A charge id seen before changes nothing
   * and says nothing.
   *
   * @return what to tell the chat
   */
  List<Outgoing> paid(Incoming.Paid p, Messages m) {
    List<Outgoing> out = new ArrayList<>();
    Optional<BotStore.Charge> seen = store.charge(p.chargeId());
    if (seen.isPresent() && seen.get().applied()) {
      log.info("chat {}: payment already applied", p.chatId());
      return out;
    }
    Optional<Plan> plan = matching(p.chatId(), p.payload(), p.currency(), p.amount());
    if (plan.isEmpty()) {
      // Telegram charged for an invoice we no longer sell at that price (changed in between): keep the
      // money's trail in the log for a refund by hand, tell the user
      log.warn("chat {}: a payment of {} {} does not match a plan on sale; refund it by hand (charge id kept in the"
          + " bot's records)", p.chatId(), p.amount(), p.currency());
      out.add(new Outgoing.Send(p.chatId(), m.plans().paymentRefused()));
      return out;
    }
    String owner = BotConversation.owner(p.chatId());
    // as stored: to the millisecond
    Instant until = hunter.subscription(owner).map(Subscription::until).map(u -> u.truncatedTo(ChronoUnit.MILLIS))
        .orElse(null);
    if (seen.isPresent() && !Objects.equals(seen.get().untilBefore(), until)) {
      // recorded before a crash, and the plan's end moved since: it was applied, only not marked
      store.chargeApplied(p.chargeId());
      log.info("chat {}: payment was applied before a restart", p.chatId());
      out.add(new Outgoing.Send(p.chatId(), m.plans().planBought(plan.get(), until)));
      return out;
    }
    if (seen.isEmpty() && !store.chargeReceived(p.chargeId(), p.chatId(), plan.get().name(), until)) {
      log.info("chat {}: payment already being applied", p.chatId());
      return out;
    }
    Subscription s = hunter.extendPlan(owner, plan.get().name(), PERIOD);
    store.chargeApplied(p.chargeId());
    store.forgetReminded(p.chatId());
    log.info("chat {}: paid for {} until {}", p.chatId(), plan.get().name(), s.until());
    out.add(new Outgoing.Send(p.chatId(), m.plans().planBought(plan.get(), s.until())));
    return out;
  }

  /** Reminds each chat whose plan ends within {@link #REMIND_BEFORE}, once per end date. */
  List<Outgoing> remindDue(Iterable<Long> chats, Function<Long, Messages> messages) {
    Instant now = clock.instant();
    List<Outgoing> out = new ArrayList<>();
    for (long chat : chats) {
      Optional<Subscription> s = hunter.subscription(BotConversation.owner(chat));
      if (s.isEmpty() || s.get().until() == null || !s.get().until().isAfter(now)
          || s.get().until().isAfter(now.plus(REMIND_BEFORE))
          || store.reminded(chat).filter(s.get().until()::equals).isPresent()) {
        continue;
      }
      store.saveReminded(chat, s.get().until()); // persist, then publish
      out.add(new Outgoing.Send(chat, messages.apply(chat).plans().planEndsSoon(s.get().planName(), s.get().until())));
    }
    return out;
  }
}
