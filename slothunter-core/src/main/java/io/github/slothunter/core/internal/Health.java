package io.github.slothunter.core.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchHealth;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watch health rules and the "why no alert?" sentences, in English and Persian. Stateless.
 *
 * <p>The sentences never contain personal data: only counts, days, times, the filter's own limits
 * and error classes.
 */
final class Health {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final int MAX_MESSAGE = 200;

  private Health() {}

  /** The state a target's last poll error puts its watches in. */
  static HealthState stateOf(ErrorCode lastError) {
    if (lastError == null) {
      return HealthState.ACTIVE;
    }
    return switch (lastError) {
      case RATE_LIMITED -> HealthState.PAUSED_BUDGET;
      case PROTOCOL -> HealthState.SCHEMA_CHANGED;
      case AUTH_REQUIRED -> HealthState.PAUSED_AUTH;
      case QUOTA_EXCEEDED -> HealthState.QUOTA;
      case BOOKING_OFF -> HealthState.BOOKING_OFF;
      case STORE_UNAVAILABLE -> HealthState.STORE_DOWN;
      default -> HealthState.PROVIDER_DOWN;
    };
  }

  /** How bad a state is: the worst state over a watch's targets is reported. */
  static int rank(HealthState s) {
    return switch (s) {
      case ACTIVE -> 0;
      case BUDGET_SHORT -> 1;
      case PAUSED_AUTH -> 2;
      case PAUSED_BUDGET -> 3;
      case PROVIDER_DOWN -> 4;
      case STORE_DOWN -> 5;
      case SCHEMA_CHANGED -> 6;
      case BOOKING_OFF -> 7;
      case QUOTA -> 8;
    };
  }

  /** The error class behind a non-active state. */
  static ErrorCode reasonOf(HealthState state, List<TargetState> states) {
    switch (state) {
      case QUOTA:
        return ErrorCode.QUOTA_EXCEEDED;
      case PAUSED_AUTH:
        return ErrorCode.AUTH_REQUIRED;
      case PAUSED_BUDGET:
        return ErrorCode.RATE_LIMITED;
      case BUDGET_SHORT:
        return ErrorCode.BUDGET_SPENT;
      case STORE_DOWN:
        return ErrorCode.STORE_UNAVAILABLE;
      case SCHEMA_CHANGED:
        return ErrorCode.PROTOCOL;
      case BOOKING_OFF:
        return ErrorCode.BOOKING_OFF;
      default:
        for (TargetState ts : states) {
          if (ts.lastError != null && stateOf(ts.lastError) == state) {
            return ts.lastError;
          }
        }
        return ErrorCode.PROVIDER_UNAVAILABLE;
    }
  }

  /** A poll error as a short sentence free of personal data (the provider's excerpt is left out). */
  static String describe(SlotHunterException e) {
    String reason = e.reason();
    if (reason == null || reason.isBlank()) {
      reason = e.code().name();
    }
    return reason.length() <= MAX_MESSAGE ? reason : reason.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /**
   * The explanation of a watch's health: first its state, then what the filter turned away, then
   * (when nothing at all was seen) that nothing appeared, or that the site says the calendar is fully
   * booked; and when the provider had to read the calendar a costlier way, that too. English unless
   * the locale's language is Persian ({@code fa}).
   *
   * @param fullyBooked whether every target's last poll found the calendar full (the site said so)
   * @param fallback whether a target's last poll needed the provider's costlier fallback
   */
  static List<String> explain(WatchHealth h, Watch w, Map<String, Set<DayOfWeek>> rejectedDays,
      ErrorCode bookingPausedBy, boolean fullyBooked, boolean fallback, ZoneId zone, Locale locale) {
    return explain(h, w, rejectedDays, bookingPausedBy, fullyBooked, fallback, zone, locale, null, null);
  }

  /**
   * As above; {@code planEnded} is the owner's subscription that lapsed (or {@code null}), and
   * {@code nowOn} the plan they fell back to.
   */
  static List<String> explain(WatchHealth h, Watch w, Map<String, Set<DayOfWeek>> rejectedDays,
      ErrorCode bookingPausedBy, boolean fullyBooked, boolean fallback, ZoneId zone, Locale locale,
      io.github.slothunter.api.Subscription planEnded, String nowOn) {
    boolean fa = locale != null && "fa".equals(locale.getLanguage());
    Text t = fa ? new Persian() : new English();
    List<String> out = new ArrayList<>();
    out.add(t.state(h, zone));
    if (planEnded != null) {
      out.add(t.planEnded(planEnded.planName(), planEnded.until().atZone(zone).toLocalDate(), nowOn));
    }
    if (w.autoBook() != null && bookingPausedBy != null && h.state() != HealthState.PAUSED_AUTH) {
      out.add(t.bookingPaused(bookingPausedBy));
    }
    if (!w.snoozed().isEmpty() && w.snoozed().values().stream().anyMatch(u -> u.isAfter(h.at()))) {
      Instant until = w.snoozed().values().stream().filter(u -> u.isAfter(h.at())).max(Instant::compareTo).orElseThrow();
      out.add(t.snoozed(until.atZone(zone).toLocalTime()));
    }
    SlotFilter f = w.filter();
    for (Map.Entry<String, Integer> e : h.filteredOut().entrySet()) {
      Set<DayOfWeek> days = rejectedDays.getOrDefault(e.getKey(), Set.of());
      out.add(switch (e.getKey()) {
        case "time" -> t.time(e.getValue(), days, f.windows());
        case "day" -> t.day(e.getValue(), days);
        case "date" -> t.date(e.getValue(), days, f);
        default -> t.price(e.getValue(), f.maxPrice());
      });
    }
    if (fullyBooked && h.state() == HealthState.ACTIVE) {
      out.add(t.fullyBooked());
    } else if (h.slotsAnnounced() == 0 && h.filteredOut().isEmpty() && h.lastSuccessfulPoll() != null) {
      out.add(t.nothingYet(h.pollsLastHour()));
    }
    if (fallback) {
      out.add(t.fallback());
    }
    return List.copyOf(out);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** How long ago, roughly: "45 s", "12 min", "3 h". */
  static String ago(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 90) {
      return s + " s";
    }
    if (s < 90 * 60) {
      return (s / 60) + " min";
    }
    return (s / 3600) + " h";
  }

  /** A window as the user wrote the limit: "after your 12:00 limit" when it starts at midnight. */
  private static LocalTime onlyEnd(List<TimeWindow> windows) {
    return windows.size() == 1 && windows.get(0).from().equals(LocalTime.MIDNIGHT) ? windows.get(0).to() : null;
  }

  private static LocalTime onlyStart(List<TimeWindow> windows) {
    return windows.size() == 1 && windows.get(0).to().equals(LocalTime.MAX.withSecond(0).withNano(0))
        ? windows.get(0).from() : null;
  }

  private interface Text {
    String state(WatchHealth h, ZoneId zone);

    String bookingPaused(ErrorCode why);

    String snoozed(LocalTime until);

    String time(int n, Set<DayOfWeek> days, List<TimeWindow> windows);

    String day(int n, Set<DayOfWeek> days);

    String date(int n, Set<DayOfWeek> days, SlotFilter f);

    String price(int n, Long max);

    String nothingYet(int polls);

    String fullyBooked();

    String fallback();

    String planEnded(String plan, java.time.LocalDate on, String nowOn);
  }

  private static final class English implements Text {
    @Override
    public String state(WatchHealth h, ZoneId zone) {
      String next = h.nextPoll() == null ? "" : " Next check at " + h.nextPoll().atZone(zone).format(HH_MM) + ".";
      String last = h.lastSuccessfulPoll() == null ? "no check has finished yet"
          : "last successful check " + ago(Duration.between(h.lastSuccessfulPoll(), h.at())) + " ago";
      return switch (h.state()) {
        case ACTIVE -> "Watching: " + plural(h.pollsLastHour(), "check") + " in the last hour, " + last + "." + next;
        case PAUSED_BUDGET -> "Checks are delayed: the provider's request budget is spent or it asked us to slow"
            + " down; " + last + "." + next;
        case BUDGET_SHORT -> "Watching, but less often than the plan asks: the provider's request budget is shared by"
            + " more calendars than it can check at that pace" + (h.pace() == null ? "" : "; about every "
            + ago(h.pace()) + " now") + ". " + capitalized(last) + "." + next;
        case PAUSED_AUTH -> "Auto-booking is paused: the account session expired or was rejected. Log in again;"
            + " notifications continue." + next;
        case PROVIDER_DOWN -> "The provider is not answering properly" + error(h) + "; checks are retried"
            + " automatically, " + last + "." + next;
        case STORE_DOWN -> "SlotHunter's own database is failing" + error(h) + "; checks go on and what they find is"
            + " told once it can be saved, " + last + "." + next;
        case SCHEMA_CHANGED -> "The provider's answers changed shape and cannot be read" + error(h)
            + "; an update of SlotHunter's provider module is needed.";
        case BOOKING_OFF -> "The site has online booking switched off for this doctor (the clinic's choice);"
            + " it is checked again once a day and watching resumes by itself." + next;
        case QUOTA -> "This watch is beyond what the owner's plan allows; upgrade the plan or remove other watches.";
      };
    }

    private static String error(WatchHealth h) {
      return h.lastError() == null ? "" : " (" + h.lastError() + (h.lastErrorAt() == null ? ""
          : ", " + ago(Duration.between(h.lastErrorAt(), h.at())) + " ago") + ")";
    }

    @Override
    public String bookingPaused(ErrorCode why) {
      return "Auto-booking is paused (" + why + "); the watch keeps notifying.";
    }

    @Override
    public String snoozed(LocalTime until) {
      return "Alerts are snoozed until " + until.format(HH_MM) + ".";
    }

    @Override
    public String time(int n, Set<DayOfWeek> days, List<TimeWindow> windows) {
      LocalTime end = onlyEnd(windows);
      LocalTime start = onlyStart(windows);
      String limit = end != null ? "after your " + end.format(HH_MM) + " limit"
          : start != null ? "before your " + start.format(HH_MM) + " limit"
          : "outside your hours " + windows.stream().map(w -> w.from().format(HH_MM) + "–" + w.to().format(HH_MM))
              .reduce((a, b) -> a + ", " + b).orElse("");
      return appeared(n, days) + " but " + (n == 1 ? "it was " : "all were ") + limit + ".";
    }

    @Override
    public String day(int n, Set<DayOfWeek> days) {
      return appeared(n, days) + ", " + (days.size() == 1 ? "a day" : "days") + " you did not choose.";
    }

    @Override
    public String date(int n, Set<DayOfWeek> days, SlotFilter f) {
      return plural(n, "slot") + " appeared outside your dates ("
          + (f.from() == null ? "any" : f.from()) + " to " + (f.to() == null ? "any" : f.to()) + ").";
    }

    @Override
    public String price(int n, Long max) {
      return plural(n, "slot") + " appeared but cost more than your limit of " + max + " (or had no known price).";
    }

    @Override
    public String nothingYet(int polls) {
      return "No free slot has appeared yet (" + plural(polls, "check") + " in the last hour).";
    }

    @Override
    public String fullyBooked() {
      return "The calendar is fully booked: the site says no slot is free; checks go on, and a freed slot is"
          + " announced at once.";
    }

    @Override
    public String fallback() {
      return "The site answered the calendar in an unexpected shape, so each free day costs an extra request;"
          + " checks may be slower.";
    }

    @Override
    public String planEnded(String plan, java.time.LocalDate on, String nowOn) {
      return "The owner's plan " + plan + " ended on " + on + "; they are on " + nowOn + " now (renew to restore it).";
    }

    private static String appeared(int n, Set<DayOfWeek> days) {
      return plural(n, "slot") + " appeared" + (days.isEmpty() ? "" : " on " + dayList(days));
    }

    private static String dayList(Set<DayOfWeek> days) {
      List<String> names = new ArrayList<>();
      for (DayOfWeek d : iranianOrder(days)) {
        names.add(d.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH));
      }
      return join(names, " and ");
    }

    private static String plural(int n, String word) {
      return n + " " + word + (n == 1 ? "" : "s");
    }
  }

  private static final class Persian implements Text {

    @Override
    public String state(WatchHealth h, ZoneId zone) {
      String next = h.nextPoll() == null ? "" : " بررسی بعدی ساعت " + digits(h.nextPoll().atZone(zone).format(HH_MM)) + ".";
      String last = h.lastSuccessfulPoll() == null ? "هنوز هیچ بررسی‌ای تمام نشده"
          : "آخرین بررسی موفق " + digits(agoFa(Duration.between(h.lastSuccessfulPoll(), h.at()))) + " پیش";
      return switch (h.state()) {
        case ACTIVE -> "در حال پایش: " + digits(String.valueOf(h.pollsLastHour())) + " بررسی در یک ساعت گذشته، "
            + last + "." + next;
        case PAUSED_BUDGET -> "بررسی‌ها با تأخیر انجام می‌شوند: سهمیهٔ درخواست از سایت تمام شده یا سایت خواسته آهسته‌تر"
            + " بپرسیم؛ " + last + "." + next;
        case BUDGET_SHORT -> "در حال پیگیری، ولی کندتر از آنچه طرح شما می‌خواهد: سهمیهٔ درخواست این سایت میان تقویم‌های"
            + " بیشتری تقسیم شده است" + (h.pace() == null ? "" : "؛ اکنون حدود هر " + ago(h.pace())) + ". " + last + "."
            + next;
        case PAUSED_AUTH -> "رزرو خودکار متوقف شده است: نشست حساب کاربری منقضی یا رد شده است. دوباره وارد شوید؛"
            + " اطلاع‌رسانی ادامه دارد." + next;
        case PROVIDER_DOWN -> "سایت نوبت‌دهی درست پاسخ نمی‌دهد؛ بررسی‌ها خودکار تکرار می‌شوند، " + last + "." + next;
        case STORE_DOWN -> "پایگاه دادهٔ خود SlotHunter خطا می‌دهد؛ بررسی‌ها ادامه دارند و هر چه پیدا شود پس از ذخیره"
            + " شدن یک بار اطلاع داده می‌شود، " + last + "." + next;
        case SCHEMA_CHANGED -> "شکل پاسخ‌های سایت تغییر کرده و خوانده نمی‌شود؛ ماژول این سایت باید به‌روز شود.";
        case BOOKING_OFF -> "نوبت‌دهی اینترنتی این پزشک در سایت خاموش است (به انتخاب مطب)؛ روزی یک بار دوباره بررسی"
            + " می‌شود و پایش خودکار ادامه پیدا می‌کند." + next;
        case QUOTA -> "این پایش از سقف طرح اشتراک شما بیشتر است؛ طرح را ارتقا دهید یا پایش‌های دیگر را حذف کنید.";
      };
    }

    @Override
    public String bookingPaused(ErrorCode why) {
      return "رزرو خودکار متوقف شده است (" + why + ")؛ اطلاع‌رسانی ادامه دارد.";
    }

    @Override
    public String snoozed(LocalTime until) {
      return "هشدارها تا ساعت " + digits(until.format(HH_MM)) + " خاموش هستند.";
    }

    @Override
    public String time(int n, Set<DayOfWeek> days, List<TimeWindow> windows) {
      LocalTime end = onlyEnd(windows);
      LocalTime start = onlyStart(windows);
      String limit = end != null ? "بعد از محدودهٔ ساعت " + digits(end.format(HH_MM)) + " شما"
          : start != null ? "قبل از محدودهٔ ساعت " + digits(start.format(HH_MM)) + " شما"
          : "خارج از ساعت‌های انتخابی شما";
      return appeared(n, days) + " اما " + (n == 1 ? "" : "همه ") + limit + " بود" + (n == 1 ? "" : "ند") + ".";
    }

    @Override
    public String day(int n, Set<DayOfWeek> days) {
      return appeared(n, days) + " که جزو روزهای انتخابی شما نیست.";
    }

    @Override
    public String date(int n, Set<DayOfWeek> days, SlotFilter f) {
      return digits(String.valueOf(n)) + " نوبت خالی خارج از بازهٔ تاریخ انتخابی شما پیدا شد.";
    }

    @Override
    public String price(int n, Long max) {
      return digits(String.valueOf(n)) + " نوبت خالی پیدا شد اما هزینه‌اش از سقف " + digits(String.valueOf(max))
          + " شما بیشتر بود (یا نامعلوم بود).";
    }

    @Override
    public String nothingYet(int polls) {
      return "هنوز نوبت خالی‌ای پیدا نشده است (" + digits(String.valueOf(polls)) + " بررسی در یک ساعت گذشته).";
    }

    @Override
    public String fullyBooked() {
      return "ظرفیت نوبت‌های این پزشک تکمیل است و سایت می‌گوید هیچ نوبت خالی‌ای نیست؛ بررسی‌ها ادامه دارد و هر نوبتی"
          + " که آزاد شود فوراً اعلام می‌شود.";
    }

    @Override
    public String fallback() {
      return "سایت تقویم را با شکلی غیرمنتظره پاسخ داد و هر روز خالی یک درخواست بیشتر می‌خواهد؛ ممکن است بررسی‌ها کندتر"
          + " شوند.";
    }

    @Override
    public String planEnded(String plan, java.time.LocalDate on, String nowOn) {
      return "اشتراک " + plan + " در تاریخ " + on + " به پایان رسید؛ اکنون طرح " + nowOn
          + " فعال است (برای بازگرداندن آن تمدید کنید).";
    }

    private static String appeared(int n, Set<DayOfWeek> days) {
      List<String> names = new ArrayList<>();
      for (DayOfWeek d : iranianOrder(days)) {
        names.add(io.github.slothunter.api.JalaliFormat.PERSIAN.weekday(d));
      }
      return digits(String.valueOf(n)) + " نوبت خالی" + (names.isEmpty() ? "" : " در روز " + join(names, " و "))
          + " پیدا شد";
    }

    private static String agoFa(Duration d) {
      return ago(d).replace(" min", " دقیقه").replace(" s", " ثانیه").replace(" h", " ساعت");
    }
  }

  /** Days in the Iranian week's order, Saturday first. */
  private static List<DayOfWeek> iranianOrder(Set<DayOfWeek> days) {
    List<DayOfWeek> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      DayOfWeek d = DayOfWeek.SATURDAY.plus(i);
      if (days.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  private static String join(List<String> parts, String last) {
    if (parts.size() <= 1) {
      return parts.isEmpty() ? "" : parts.get(0);
    }
    String comma = last.equals(" و ") ? "، " : ", ";
    return String.join(comma, parts.subList(0, parts.size() - 1)) + last + parts.get(parts.size() - 1);
  }

  /** Latin digits to Persian digits. */
  static String digits(String s) {
    return io.github.slothunter.api.JalaliFormat.persianDigits(s);
  }
}
