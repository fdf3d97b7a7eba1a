package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Slot;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The texts about engine events in one language ({@link Messages#notices()}): free slots one by one
 * and summarised, holds, bookings (made, to pay, failed, unknown), pauses. Immutable and thread-safe.
 */
public final class NoticeMessages {
  private final Messages m;
  private final JalaliFormat fmt;

  NoticeMessages(Messages m) {
    this.m = m;
    this.fmt = m.format();
  }

  /** A free slot of a doctor watch. */
  public String slotOpened(WatchLabel label, Slot slot, Long price) {
    return slotOpened(label, slot, price, null, null);
  }

  /**
   * A free slot.
   *
   * @param distanceKm how far the center is from the area watch's point, or {@code null}
   * @param area the area watch's name, or {@code null} for a doctor watch
   */
  public String slotOpened(WatchLabel label, Slot slot, Long price, Double distanceKm, String area) {
    Instant start = slot.start();
    StringBuilder s = new StringBuilder();
    s.append(m.t("🔔 نوبت خالی پیدا شد!", "🔔 A free slot just opened!"));
    if (area != null) {
      s.append("\n🗺 ").append(area);
    }
    s.append(slotLines(label, start));
    if (distanceKm != null) {
      s.append("\n📏 ").append(fmt.kilometres(distanceKm)).append(m.t(" از شما", " from you"));
    }
    if (price != null && price > 0) { // 0: paid at the office, nothing to show
      s.append("\n💰 ").append(m.price(price));
    }
    s.append(m.t("\n\nزود اقدام کنید؛ نوبت‌های خالی سریع پر می‌شوند.", "\n\nBe quick: free slots go fast."));
    return s.toString();
  }

  /** The doctor, the place, the Jalali day and the Tehran time of a slot, a line each. */
  private String slotLines(WatchLabel label, Instant start) {
    return "\n👨‍⚕️ " + label.doctorName()
        + "\n🏥 " + label.place()
        + "\n📅 " + fmt.weekday(start) + " " + fmt.date(start)
        + "\n🕘 " + m.t("ساعت " + fmt.time(start) + " (به وقت تهران)", fmt.time(start) + " (Tehran time)");
  }

  /** The booking link button. */
  public String bookButton() {
    return m.t("📲 رزرو این نوبت", "📲 Book this slot");
  }

  /** Slots of a doctor watch that were not announced one by one, in one message. */
  public String moreSlots(WatchLabel label, List<Slot> slots, int total) {
    return moreSlots(label, slots, total, null);
  }

  /**
   * Slots that were not announced one by one, in one message.
   *
   * @param area the area watch's name, or {@code null} for a doctor watch
   */
  public String moreSlots(WatchLabel label, List<Slot> slots, int total, String area) {
    StringBuilder s = new StringBuilder(m.t("🔔 " + m.n(total) + " نوبت خالی دیگر برای " + label.doctorName() + ":",
        "🔔 " + m.n(total) + " more free slot" + (total == 1 ? "" : "s") + " for " + label.doctorName() + ":"));
    if (area != null) {
      s.append("\n🗺 ").append(area);
    }
    s.append("\n🏥 ").append(label.place());
    for (Slot slot : slots) {
      s.append("\n• ").append(m.when(slot.start()));
    }
    if (total > slots.size()) {
      s.append(m.t("\n• و " + m.n(total - slots.size()) + " نوبت دیگر", "\n• and " + m.n(total - slots.size()) + " more"));
    }
    return s.toString();
  }

  /** The engine holds a slot and is booking it. */
  public String holdPlaced(WatchLabel label, Slot slot) {
    return m.t("⏳ نوبت " + m.when(slot.start()) + " " + label.doctorName() + " برایتان نگه داشته شد؛ در حال رزرو…",
        "⏳ Holding " + m.when(slot.start()) + " with " + label.doctorName() + " for you; booking now…");
  }

  /** A booking succeeded. */
  public String booked(WatchLabel label, Slot slot, String trackingCode, String bookingKey) {
    String code = trackingCode.isBlank() ? bookingKey : trackingCode;
    return m.t("✅ نوبت رزرو شد!", "✅ Booked!")
        + slotLines(label, slot.start())
        + "\n🔖 " + m.t("کد رهگیری: ", "Tracking code: ") + code
        + m.t("\n\nکد رهگیری را نگه دارید و سر وقت در مطب باشید.", "\n\nKeep the tracking code and be there on time.");
  }

  /**
   * A booking was made but is confirmed only once paid online ("pay to confirm"): never "booked!"
   * alone, and the payment link when the site gave one.
   */
  public String bookedPayToConfirm(WatchLabel label, Slot slot, String trackingCode, String bookingKey, URI payAt) {
    String code = trackingCode.isBlank() ? bookingKey : trackingCode;
    String where = payAt == null ? m.t("در سایت پذیرش۲۴", "on the Paziresh24 site") : payAt.toString();
    return m.t("💳 نوبت ثبت شد اما هنوز قطعی نیست: برای قطعی شدن باید پرداخت کنید.",
        "💳 Booked, but not final yet: pay to confirm.")
        + slotLines(label, slot.start())
        + "\n🔖 " + m.t("کد رهگیری: ", "Tracking code: ") + code
        + "\n💳 " + m.t("پرداخت: ", "Pay here: ") + where
        + m.t("\n\nتا پرداخت نکنید نوبت قطعی نیست و ممکن است لغو شود.",
            "\n\nUntil it is paid the booking is not final and may lapse.");
  }

  /** The booking could not be confirmed by reading it back from the site. */
  public String unverified() {
    return m.t("⚠️ سایت هنوز این رزرو را در سوابق حساب نشان نمی‌دهد؛ لطفاً در سایت بررسی کنید.",
        "⚠️ The site's records do not confirm this booking yet; please check your account on the site.");
  }

  /** A booking failed. */
  public String bookingFailed(WatchLabel label, Slot slot, ErrorCode code, String reason, boolean willRetry) {
    String why = switch (code) {
      case SLOT_TAKEN -> m.t("کس دیگری زودتر رزرو کرد", "someone else took it first");
      case HOLD_EXPIRED -> m.t("زمان نگه‌داشتن نوبت تمام شد", "the hold expired");
      case AUTH_REQUIRED -> m.t("ورود به پذیرش۲۴ منقضی شده؛ با /autobook دوباره وارد شوید",
          "the Paziresh24 login expired; log in again with /autobook");
      case INVALID_INPUT -> m.t("پذیرش۲۴ اطلاعات بیمار را نپذیرفت؛ با /autobook اصلاح کنید",
          "Paziresh24 rejected the patient's details; fix them with /autobook");
      case RATE_LIMITED, PROVIDER_UNAVAILABLE -> m.t("پذیرش۲۴ در دسترس نبود", "Paziresh24 was not reachable");
      case MANUAL_ACTION_REQUIRED -> m.t("پزشک پیش از رزرو فرمی می‌خواهد که باید خودتان در سایت پر کنید",
          "the doctor asks for a form before booking that you must fill in on the site")
          + (reason.isBlank() ? "" : " (" + reason + ")");
      default -> m.t("خطای سایت", "a site error") + (reason.isBlank() ? "" : " (" + reason + ")");
    };
    String next = willRetry ? m.t("\nبرای نوبت‌های بعدی دوباره تلاش می‌کنم.", "\nI will keep trying for the next slots.")
        : m.t("\nرزرو خودکار برای این پزشک متوقف شد؛ پیام نوبت‌های خالی ادامه دارد.",
            "\nAuto-booking stopped for this doctor; slot messages continue.");
    return m.t("❌ رزرو خودکار نوبت " + m.when(slot.start()) + " " + label.doctorName() + " انجام نشد: " + why + "." + next,
        "❌ Could not book " + m.when(slot.start()) + " with " + label.doctorName() + ": " + why + "." + next);
  }

  /** An interrupted booking attempt whose result is unknown. */
  public String bookingUnknown(WatchLabel label, Slot slot) {
    return m.t("⚠️ رزرو نوبت " + m.when(slot.start()) + " " + label.doctorName()
            + " نیمه‌کاره ماند و نتیجه‌اش معلوم نیست. لطفاً نوبت‌های خود را در پذیرش۲۴ بررسی کنید.",
        "⚠️ Booking " + m.when(slot.start()) + " with " + label.doctorName()
            + " was interrupted and its result is unknown. Please check your appointments on Paziresh24.");
  }

  /**
   * A hold request whose answer was lost, and whether the site holds the slot is unknown: the slot
   * may stay blocked until {@code lapsesAt}; nothing was booked.
   */
  public String holdUnknown(WatchLabel label, Slot slot, Instant lapsesAt) {
    return m.t("⚠️ پذیرش۲۴ به درخواست نگه‌داشتن نوبت " + m.when(slot.start()) + " " + label.doctorName()
            + " پاسخ نداد. چیزی رزرو نشد؛ اگر نوبت نگه داشته شده باشد تا " + m.when(lapsesAt)
            + " آزاد می‌شود و تا آن زمان دوباره برایش تلاش نمی‌کنم.",
        "⚠️ Paziresh24 did not answer the request to hold " + m.when(slot.start()) + " with " + label.doctorName()
            + ". Nothing was booked; if the slot was held, it is freed by " + m.when(lapsesAt)
            + " and I will not try it again before then.");
  }

  /** A watch paused, explained by its reason. */
  public String paused(WatchLabel label, ErrorCode reason) {
    String who = label.doctorName();
    return switch (reason) {
      case UNSUPPORTED -> m.t("ℹ️ رزرو خودکار برای " + who + " ممکن نیست؛ به جایش لینک رزرو نوبت‌های خالی را می‌فرستم.",
          "ℹ️ Auto-booking is not possible for " + who + "; I will send booking links instead.");
      case AUTH_REQUIRED -> m.t("🔑 ورود به پذیرش۲۴ منقضی شده و رزرو خودکار " + who
              + " متوقف شد. با /autobook دوباره وارد شوید. پیام نوبت‌های خالی ادامه دارد.",
          "🔑 The Paziresh24 login expired, so auto-booking for " + who
              + " is paused. Log in again with /autobook. Slot messages continue.");
      case INVALID_INPUT -> m.t("⏸ پذیرش۲۴ اطلاعات بیمار را نپذیرفت و رزرو خودکار " + who
              + " متوقف شد. با /autobook اطلاعات را اصلاح کنید.",
          "⏸ Paziresh24 rejected the patient's details, so auto-booking for " + who
              + " is paused. Fix them with /autobook.");
      case RATE_LIMITED, PROVIDER_UNAVAILABLE -> m.t("⏸ پذیرش۲۴ فعلاً در دسترس نیست؛ پیگیری " + who
              + " کمی متوقف شد و خودکار ادامه پیدا می‌کند.",
          "⏸ Paziresh24 is not reachable right now; watching " + who + " is paused and resumes by itself.");
      case QUOTA_EXCEEDED -> m.t("⏸ پیگیری " + who + " به خاطر محدودیت طرح شما متوقف شد. (/plan)",
          "⏸ Watching " + who + " is paused by your plan's limits. (/plan)");
      case BOOKING_OFF -> m.t("⛔ نوبت‌دهی اینترنتی " + who + " در پذیرش۲۴ خاموش است؛ روزی یک بار بررسی می‌کنم و اگر روشن شد"
              + " پیگیری خودکار ادامه پیدا می‌کند.",
          "⛔ " + who + " has online booking switched off on Paziresh24; I check once a day and resume by myself"
              + " when it is back.");
      default -> m.t("⏸ پیگیری " + who + " موقتاً متوقف شد.", "⏸ Watching " + who + " is paused for now.");
    };
  }

  /** A paused watch runs again. */
  public String resumed(WatchLabel label) {
    return m.t("▶️ پیگیری " + label.doctorName() + " دوباره ادامه دارد.", "▶️ Watching " + label.doctorName() + " again.");
  }
}
