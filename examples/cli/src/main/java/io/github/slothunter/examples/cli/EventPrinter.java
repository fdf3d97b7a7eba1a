package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.WatchEvent;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints engine events as they come, one line each: a readable line with a timestamp (colored on
 * a terminal) or, with {@code --json}, one JSON object per line. Thread-safe: lines never
 * interleave.
 */
final class EventPrinter {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(JalaliFormat.ZONE);

  private final PrintWriter out;
  private final JalaliFormat jalali;
  private final JalaliFormat fa = JalaliFormat.PERSIAN;
  private final JalaliFormat en = JalaliFormat.ENGLISH;
  private final boolean json;
  private final boolean color;
  private final Labels labels;

  EventPrinter(PrintWriter out, Lang lang, boolean json, boolean color, Labels labels) {
    this.out = out;
    this.jalali = lang.format();
    this.json = json;
    this.color = color && !json;
    this.labels = labels;
  }

  /** Prints one event. */
  void print(SlotEvent event) {
    String line = json ? json(event) : text(event);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** Prints a line as it is (a JSON object already encoded, or a text line). */
  void printRaw(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The language the lines are written in. */
  Lang lang() {
    return jalali.persian() ? Lang.FA : Lang.EN;
  }

  boolean json() {
    return json;
  }

  boolean color() {
    return color;
  }

  // ---- text -----------------------------------------------------------------------------------

  String text(SlotEvent event) {
    String ts = Ansi.DIM.paint(jalali.digits(CLOCK.format(event.at())), color);
    String body;
    if (event instanceof SlotOpened e) {
      body = tag("SLOT OPEN", "نوبت آزاد", Ansi.BOLD_GREEN) + slot(e.slot(), e.label()) + owner(e);
    } else if (event instanceof SlotGone e) {
      body = tag("SLOT GONE", "نوبت رفت", Ansi.DIM) + slot(e.slot(), SlotLabel.UNKNOWN) + owner(e);
    } else if (event instanceof HoldPlaced e) {
      body = tag("HOLD", "نگه‌داشت", Ansi.YELLOW) + slot(e.hold().slot(), e.label())
          + "  " + say("held until ", "تا ") + jalali.time(e.hold().expiresAt()) + owner(e);
    } else if (event instanceof BookingSucceeded e) {
      String code = e.booking().trackingCode().isEmpty() ? e.booking().providerBookingKey()
          : e.booking().trackingCode();
      if (e.paymentRequired()) {
        // an unpaid booking is not final: never "BOOKED" or "verified" alone
        String link = e.paymentLink() == null ? say("on the provider's site", "در سایت") : e.paymentLink().toString();
        body = tag("PAY TO CONFIRM", "پرداخت برای قطعی شدن", Ansi.YELLOW) + slot(e.booking().slot(), e.label()) + "  "
            + Ansi.BOLD.paint(say("tracking code ", "کد پیگیری ") + jalali.digits(code), color)
            + say("  booked, not final until paid: pay at " + link,
                "  نوبت ثبت شد اما تا پرداخت قطعی نیست: پرداخت در " + link)
            + (e.verified() ? "" : say(" (" + e.verification() + ")", " (تأیید نشد؛ در سایت بررسی کنید)")) + owner(e);
      } else {
        body = tag("BOOKED", "رزرو شد", Ansi.BOLD_GREEN) + slot(e.booking().slot(), e.label()) + "  "
            + Ansi.BOLD.paint(say("tracking code ", "کد پیگیری ") + jalali.digits(code), color)
            + (e.verified() ? say(" (verified)", " (تأیید شد)")
                : say(" (" + e.verification() + ")", " (تأیید نشد؛ در سایت بررسی کنید)")) + owner(e);
      }
    } else if (event instanceof BookingFailed e) {
      body = tag("BOOK FAILED", "رزرو نشد", Ansi.BOLD_RED) + slot(e.slot(), e.label()) + "  "
          + say(e.code() + ": " + e.reason(), persianReason(e.code(), e.reason()))
          + (e.willRetry() ? say("; still trying", "؛ ادامه می‌دهد") : "") + owner(e);
    } else if (event instanceof BookingOutcomeUnknown e) {
      body = tag("UNKNOWN", "نامعلوم", Ansi.RED) + slot(e.slot(), e.label()) + "  "
          + say("a booking attempt was interrupted or its answer was lost; check the account on the site",
              "نتیجه رزرو نامعلوم ماند؛ حساب را در سایت بررسی کنید") + owner(e);
    } else if (event instanceof io.github.slothunter.api.HoldOutcomeUnknown e) {
      body = tag("HOLD UNKNOWN", "نگه‌داشت نامعلوم", Ansi.RED) + slot(e.slot(), e.label()) + "  "
          + say("the hold request's answer was lost; nothing was booked; not tried again before " + e.lapsesAt(),
              "پاسخ درخواست نگه‌داشتن نوبت نرسید؛ چیزی رزرو نشد؛ تا " + jalali.time(e.lapsesAt())
                  + " دوباره تلاش نمی‌شود")
          + owner(e);
    } else if (event instanceof WatchPaused e) {
      body = tag("PAUSED", "متوقف", Ansi.MAGENTA)
          + say(e.reason() + ": " + e.message(), persianReason(e.reason(), e.message())) + owner(e);
    } else if (event instanceof WatchResumed e) {
      body = tag("RESUMED", "ادامه", Ansi.CYAN)
          + say("watch " + e.watchId() + " polls again", "پایش ادامه یافت") + owner(e);
    } else if (event instanceof WatchHealthChanged e) {
      body = tag("HEALTH", "وضعیت", e.current() == HealthState.ACTIVE ? Ansi.CYAN : Ansi.MAGENTA)
          + say(e.previous() + " -> " + e.current() + (e.reason() == null ? "" : " (" + e.reason() + ")"),
              health(e.previous()) + " ← " + health(e.current())) + owner(e);
    } else if (event instanceof ProviderThrottled e) {
      body = tag("THROTTLED", "محدودیت", Ansi.MAGENTA) + say(e.providerId() + " " + e.code() + ", pausing "
          + Errors.seconds(e.pause()), Errors.siteName(e.providerId()) + " درخواست‌ها را محدود کرد؛ "
          + Errors.seconds(e.pause(), Lang.FA) + " مکث");
    } else if (event instanceof EventsDropped e) {
      body = tag("DROPPED", "جاافتاده", Ansi.RED) + say(e.count() + " events (the printer fell behind)",
          jalali.number(e.count()) + " رویداد چاپ نشد (چاپ عقب ماند)");
    } else {
      body = event.toString();
    }
    return ts + "  " + body;
  }

  private String tag(String en, String fa, Ansi paint) {
    String label = jalali.persian() ? fa : en;
    return paint.paint(String.format(Locale.ROOT, "%-11s", label), color) + "  ";
  }

  private String say(String en, String fa) {
    return jalali.persian() ? fa : en;
  }

  private String slot(Slot slot, SlotLabel label) {
    return Ansi.BOLD.paint(jalali.slot(slot.start()), color) + "  "
        + labels.of(slot.target(), label, jalali).line(jalali);
  }

  private String owner(WatchEvent e) {
    // "me" is the default owner's key, not a word the user chose: it is shown in their language
    String name = jalali.persian() && "me".equals(e.owner()) ? "من" : e.owner();
    return Ansi.DIM.paint("  [" + name + "]", color);
  }

  /** The Persian sentence for an error code, without its full stop (more follows on the line). */
  private static String persianReason(ErrorCode code, String reason) {
    SlotHunterException e = SlotHunterException.builder(code)
        .message(reason == null || reason.isBlank() ? code.name() : reason).build();
    String sentence = Errors.sentence(e, Lang.FA);
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  private static String health(HealthState state) {
    return switch (state) {
      case ACTIVE -> "فعال";
      case BUDGET_SHORT -> "سهمیهٔ کم";
      case PAUSED_BUDGET -> "توقف برای سهمیه";
      case PAUSED_AUTH -> "توقف برای ورود";
      case PROVIDER_DOWN -> "سایت در دسترس نیست";
      case STORE_DOWN -> "انباره در دسترس نیست";
      case SCHEMA_CHANGED -> "پاسخ سایت تغییر کرده";
      case BOOKING_OFF -> "نوبت‌دهی خاموش";
      case QUOTA -> "سقف حساب";
    };
  }

  // ---- JSON -----------------------------------------------------------------------------------

  String json(SlotEvent event) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type(event));
    o.put("at", event.at().toString());
    if (event instanceof WatchEvent w) {
      o.put("watchId", w.watchId());
      o.put("owner", w.owner());
    }
    if (event instanceof SlotOpened e) {
      slotFields(o, e.slot(), e.label());
      if (e.bookingLink() != null) {
        o.put("bookingLink", e.bookingLink().toString());
      }
    } else if (event instanceof SlotGone e) {
      slotFields(o, e.slot(), SlotLabel.UNKNOWN);
    } else if (event instanceof HoldPlaced e) {
      slotFields(o, e.hold().slot(), e.label());
      o.put("holdExpiresAt", e.hold().expiresAt().toString());
    } else if (event instanceof BookingSucceeded e) {
      slotFields(o, e.booking().slot(), e.label());
      o.put("trackingCode", e.booking().trackingCode());
      o.put("bookingId", e.booking().providerBookingKey());
      o.put("bookedAt", e.booking().bookedAt().toString());
      o.put("verified", e.verified());
      o.put("verification", e.verification());
      o.put("paymentRequired", e.paymentRequired());
      if (e.paymentLink() != null) {
        o.put("paymentLink", e.paymentLink().toString());
      }
    } else if (event instanceof BookingFailed e) {
      slotFields(o, e.slot(), e.label());
      o.put("code", e.code().name());
      o.put("reason", e.reason());
      o.put("willRetry", e.willRetry());
    } else if (event instanceof BookingOutcomeUnknown e) {
      slotFields(o, e.slot(), e.label());
      o.put("attemptKey", e.attemptKey());
    } else if (event instanceof io.github.slothunter.api.HoldOutcomeUnknown e) {
      slotFields(o, e.slot(), e.label());
      o.put("attemptKey", e.attemptKey());
      o.put("lapsesAt", e.lapsesAt().toString());
    } else if (event instanceof WatchPaused e) {
      o.put("code", e.reason().name());
      o.put("reason", e.message());
    } else if (event instanceof WatchHealthChanged e) {
      o.put("previous", e.previous().name());
      o.put("current", e.current().name());
      if (e.reason() != null) {
        o.put("code", e.reason().name());
      }
    } else if (event instanceof ProviderThrottled e) {
      o.put("provider", e.providerId());
      o.put("code", e.code().name());
      o.put("pauseMillis", e.pause().toMillis());
    } else if (event instanceof EventsDropped e) {
      o.put("count", e.count());
    }
    return encode(o);
  }

  static String type(SlotEvent event) {
    String simple = event.getClass().getSimpleName();
    return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** The slot's calendar and its label ({@code price}, {@code distanceKm} when known), then the slot's times. */
  void slotFields(ObjectNode o, Slot slot, SlotLabel fromEvent) {
    SlotLabel l = labels.of(slot.target(), fromEvent, en);
    o.put("provider", slot.target().providerId());
    o.put("doctor", l.doctor());
    o.put("doctorKey", slot.target().ref().key());
    o.put("center", l.center());
    o.put("centerId", slot.target().centerId());
    o.put("service", l.service());
    o.put("serviceId", slot.target().serviceId());
    if (l.price() != null) {
      o.put("price", l.price());
    }
    if (l.distanceKm() != null) {
      o.put("distanceKm", Math.round(l.distanceKm() * 10) / 10.0);
    }
    ObjectNode s = o.putObject("slot");
    Instant start = slot.start();
    s.put("start", start.toString());
    s.put("end", slot.end().toString());
    s.put("tehran", start.atZone(JalaliFormat.ZONE).toOffsetDateTime().toString());
    s.put("jalali", JalaliFormat.toJalali(start.atZone(JalaliFormat.ZONE).toLocalDate()).toString());
    s.put("weekday", en.weekday(start));
    s.put("weekdayFa", fa.weekday(start));
    s.put("time", en.time(start));
  }

  static String encode(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an event as JSON", e);
    }
  }
}
