package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The texts about plans in one language ({@link Messages#plans()}): {@code /plan}, {@code /stats},
 * {@code /grant}, buying a plan with Telegram Stars and the reminder before it ends. Immutable and
 * thread-safe.
 */
public final class PlanMessages {
  private final Messages m;
  private final JalaliFormat fmt;

  PlanMessages(Messages m) {
    this.m = m;
    this.fmt = m.format();
  }

  /** {@code /plan}. */
  public String plan(Plan plan, int used) {
    String max = plan.maxWatches() == Plan.UNLIMITED ? m.t("نامحدود", "unlimited") : m.n(plan.maxWatches());
    return m.t("📋 طرح شما: " + m.planName(plan.name())
            + "\n• پزشک‌ها: " + m.n(used) + " از " + max
            + "\n• بررسی نوبت‌ها: هر " + m.interval(plan.minInterval())
            + "\n• رزرو خودکار: " + (plan.autoBook() ? "دارد ✅" : "ندارد")
            + "\n\nبرای ارتقای طرح با پشتیبانی تماس بگیرید.",
        "📋 Your plan: " + m.planName(plan.name())
            + "\n• Doctors: " + m.n(used) + " of " + max
            + "\n• Checks: every " + m.interval(plan.minInterval())
            + "\n• Auto-booking: " + (plan.autoBook() ? "included ✅" : "not included")
            + "\n\nContact support to upgrade.");
  }

  /** {@code /stats}. */
  public String stats(OwnerStats stats) {
    return m.t("📊 آمار شما"
            + "\n• طرح: " + m.planName(stats.plan())
            + "\n• پزشک‌های در حال پیگیری: " + m.n(stats.watches())
            + "\n• نوبت‌های خالی اعلام‌شده: " + m.n(stats.slotsAnnounced())
            + "\n• رزروهای خودکار: " + m.n(stats.bookings()),
        "📊 Your numbers"
            + "\n• Plan: " + m.planName(stats.plan())
            + "\n• Doctors watched: " + m.n(stats.watches())
            + "\n• Free slots announced: " + m.n(stats.slotsAnnounced())
            + "\n• Auto-bookings: " + m.n(stats.bookings()));
  }

  /** {@code /grant} by someone who is not the admin. */
  public String grantDenied() {
    return m.t("⛔️ این دستور فقط برای مدیر ربات است.", "⛔️ Only the bot's admin may do that.");
  }

  /** {@code /grant} with wrong arguments. */
  public String grantUsage(Collection<String> plans) {
    return m.t("استفاده: /grant شناسه‌ی‌چت طرح\nطرح‌ها: ", "Usage: /grant <chatId> <PLAN>\nPlans: ") + String.join(", ", plans);
  }

  /** {@code /grant} done. */
  public String granted(long chatId, String plan) {
    return m.t("✅ طرح " + chatId + " اکنون " + m.planName(plan) + " است (برای پزشک‌هایی که از این به بعد اضافه شوند).",
        "✅ " + chatId + " is now on " + m.planName(plan) + " (for doctors added from now on).");
  }

  /** Tells a user their plan changed. */
  public String planChanged(Plan plan, int used) {
    return m.t("🎉 طرح شما به " + m.planName(plan.name()) + " تغییر کرد.\n\n", "🎉 Your plan is now " + m.planName(plan.name())
        + ".\n\n") + plan(plan, used).lines().skip(1).collect(Collectors.joining("\n")).strip();
  }

  /** The plans on sale, one line each; the buttons buy them. */
  public String plansForSale(List<Plan> onSale, Plan current) {
    StringBuilder b = new StringBuilder(m.t("💳 طرح‌ها (پرداخت با ستاره‌ی تلگرام، هر ۳۰ روز):",
        "💳 Plans (paid in Telegram Stars, per 30 days):"));
    for (Plan p : onSale) {
      String max = p.maxWatches() == Plan.UNLIMITED ? m.t("نامحدود", "unlimited") : m.n(p.maxWatches());
      b.append("\n• ").append(m.planName(p.name())).append(": ").append(m.n(p.price().amount())).append(" ⭐ — ")
          .append(m.t(max + " پزشک، هر " + m.interval(p.minInterval()), max + " doctors, every " + m.interval(p.minInterval())))
          .append(p.autoBook() ? m.t("، رزرو خودکار", ", auto-booking") : "");
    }
    b.append("\n\n").append(m.t("طرح فعلی شما: ", "Your plan now: ")).append(m.planName(current.name()));
    return b.toString();
  }

  /** No plan is on sale (no prices configured). */
  public String nothingForSale() {
    return m.t("در حال حاضر طرحی برای خرید در ربات نیست؛ با پشتیبانی تماس بگیرید.",
        "No plan can be bought in the bot right now; contact support.");
  }

  /** The invoice's title. */
  public String invoiceTitle(Plan plan) {
    return m.t("طرح ", "Plan ") + m.planName(plan.name());
  }

  /** The invoice's description. */
  public String invoiceDescription(Plan plan, int days) {
    return m.t(m.n(days) + " روز طرح " + m.planName(plan.name()) + " برای پیگیری نوبت‌ها",
        m.n(days) + " days of " + m.planName(plan.name()) + " for slot hunting");
  }

  /** The payment is refused before it is charged. */
  public String paymentRefused() {
    return m.t("این صورتحساب دیگر معتبر نیست؛ لطفاً دوباره /plans را بزنید.",
        "This invoice is no longer valid; please send /plans again.");
  }

  /** The plan runs now, until {@code until}. */
  public String planBought(Plan plan, Instant until) {
    return m.t("✅ پرداخت انجام شد. طرح " + m.planName(plan.name()) + " تا " + fmt.date(until) + " فعال است.",
        "✅ Paid. " + m.planName(plan.name()) + " runs until " + fmt.date(until) + ".");
  }

  /** The plan ends soon. */
  public String planEndsSoon(String plan, Instant until) {
    return m.t("⏰ طرح " + m.planName(plan) + " شما در " + fmt.date(until) + " تمام می‌شود. برای تمدید /plans را بزنید.",
        "⏰ Your " + m.planName(plan) + " plan ends on " + fmt.date(until) + ". Send /plans to renew.");
  }
}
