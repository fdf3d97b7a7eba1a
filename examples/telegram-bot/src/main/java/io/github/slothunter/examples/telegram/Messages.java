package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.core.Plan;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every text the bot sends, in Persian and English side by side: one instance per language.
 * Plain text (the bot sends no Markdown), Jalali dates and Tehran times.
 *
 * <p>The texts about plans are in {@link PlanMessages} ({@link #plans()}), those about engine events
 * in {@link NoticeMessages} ({@link #notices()}), those about the patient book in
 * {@link PatientMessages} ({@link #patients()}); this class keeps the rest and what they share
 * (plan names, intervals, slot times, error texts).
 *
 * <p>Immutable and thread-safe.
 */
public final class Messages {
  private static final Messages FA = new Messages(Lang.FA);
  private static final Messages EN = new Messages(Lang.EN);

  private final Lang lang;
  private final JalaliFormat fmt;
  private final PlanMessages plans;
  private final NoticeMessages notices;
  private final PatientMessages patients;
  private final FindMessages find;

  private Messages(Lang lang) {
    this.lang = lang;
    this.fmt = lang == Lang.FA ? JalaliFormat.PERSIAN : JalaliFormat.ENGLISH;
    this.plans = new PlanMessages(this);
    this.notices = new NoticeMessages(this);
    this.patients = new PatientMessages(this);
    this.find = new FindMessages(this);
  }

  /** The texts of a language. */
  public static Messages of(Lang lang) {
    return Objects.requireNonNull(lang, "lang") == Lang.FA ? FA : EN;
  }

  /** The language. */
  public Lang lang() {
    return lang;
  }

  /** The date and number formatter of the language. */
  public JalaliFormat format() {
    return fmt;
  }

  /** The texts about plans: {@code /plan}, {@code /stats}, {@code /grant}, buying and reminders. */
  public PlanMessages plans() {
    return plans;
  }

  /** The texts about engine events: slots, holds, bookings, pauses. */
  public NoticeMessages notices() {
    return notices;
  }

  /** The texts about the patient book: {@code /patients}, choosing whom to book for, importing. */
  public PatientMessages patients() {
    return patients;
  }

  /** The texts of {@code /find} and of area watches. */
  public FindMessages find() {
    return find;
  }

  /** {@code fa} in Persian, {@code en} in English. */
  String t(String fa, String en) {
    return lang == Lang.FA ? fa : en;
  }

  /** A whole number in the language's digits. */
  String n(long value) {
    return fmt.number(value);
  }

  // ------------------------------------------------------------------ start, language, help

  /** The language question of {@code /start}: in both languages, since we do not know the user's yet. */
  public static String chooseLanguage() {
    return "سلام! 👋 به ربات نوبت‌یاب خوش آمدید.\nلطفاً زبان را انتخاب کنید:\n\n"
        + "Hi! 👋 Welcome to the appointment finder bot.\nPlease choose your language:";
  }

  /** The Persian language button. */
  public static String languageButtonFa() {
    return "🇮🇷 فارسی";
  }

  /** The English language button. */
  public static String languageButtonEn() {
    return "🇬🇧 English";
  }

  /** After a language was chosen. */
  public String languageChosen() {
    return t("✅ زبان ربات: فارسی", "✅ Language: English");
  }

  /** The command list. */
  public String help() {
    return t("""
        من نوبت‌های خالی پزشک‌ها را در پذیرش۲۴ زیر نظر می‌گیرم و تا نوبتی آزاد شد خبرتان می‌کنم.

        دستورها:
        /add لینک‌پزشک — پیگیری نوبت‌های یک پزشک
        /find — هر پزشک یک تخصص در شهر یا نزدیک شما
        /list — فهرست پزشک‌هایی که دنبال می‌کنید
        /remove — حذف یک پزشک
        /filter — محدود کردن روزها و ساعت‌ها
        /autobook — رزرو خودکار اولین نوبت مناسب
        /patients — بیمارهای شما (خودتان و اعضای خانواده)
        /plan — طرح شما و محدودیت‌هایش
        /plans — خرید یا تمدید طرح با ستاره‌ی تلگرام
        /stats — آمار شما
        /lang — تغییر زبان
        /cancel — لغو کار در جریان""", """
        I watch doctors' free appointment slots on Paziresh24 and message you the moment one opens.

        Commands:
        /add doctor-link — watch a doctor's free slots
        /find — any doctor of a specialty in a city or near you
        /list — the doctors you watch
        /remove — stop watching a doctor
        /filter — only certain days and hours
        /autobook — book the first matching slot automatically
        /patients — the people you book for (you and your family)
        /plan — your plan and its limits
        /plans — buy or renew a plan with Telegram Stars
        /stats — your numbers
        /lang — change language
        /cancel — cancel what is in progress""");
  }

  /** An unknown command or stray text. */
  public String unknown() {
    return t("متوجه نشدم. 🤔 فهرست دستورها: /help", "Sorry, I did not get that. 🤔 Commands: /help");
  }

  /** {@code /cancel} stopped a flow. */
  public String cancelled() {
    return t("لغو شد. ✖️", "Cancelled. ✖️");
  }

  /** {@code /cancel} with nothing in progress. */
  public String nothingToCancel() {
    return t("کاری در جریان نیست.", "Nothing to cancel.");
  }

  /** A button of an old menu was pressed. */
  public String staleMenu() {
    return t("این منو دیگر معتبر نیست.", "This menu is no longer valid.");
  }

  // ------------------------------------------------------------------ add

  /** {@code /add} without a link. */
  public String askLink(List<String> examples) {
    String base = t("لینک صفحه‌ی پزشک در پذیرش۲۴ را بفرستید، مثلاً:\nhttps://www.paziresh24.com/dr/نام-پزشک/",
        "Send the doctor's Paziresh24 page link, for example:\nhttps://www.paziresh24.com/dr/doctor-name/");
    if (examples.isEmpty()) {
      return base;
    }
    return base + t("\n\nپزشک‌های آزمایشی (سندباکس):\n", "\n\nSandbox doctors:\n") + String.join("\n", examples);
  }

  /** The text is not a doctor link the bot understands. */
  public String notADoctorLink() {
    return t("❗️ این لینک صفحه‌ی پزشک در پذیرش۲۴ نیست. لینکی مثل https://www.paziresh24.com/dr/نام-پزشک/ بفرستید.",
        "❗️ That is not a Paziresh24 doctor link. Send one like https://www.paziresh24.com/dr/doctor-name/");
  }

  /** The provider does not know the doctor. */
  public String doctorNotFound() {
    return t("❗️ این پزشک در پذیرش۲۴ پیدا نشد. لینک را بررسی کنید.",
        "❗️ Paziresh24 does not know this doctor. Please check the link.");
  }

  /** The doctor has no service that can be booked online. */
  public String noBookableService(String doctor) {
    return t("❗️ " + doctor + " در حال حاضر نوبت‌دهی اینترنتی ندارد.",
        "❗️ " + doctor + " has no online booking right now.");
  }

  /** Asks which center. */
  public String chooseCenter(String doctor) {
    return t("👨‍⚕️ " + doctor + "\nکدام مطب یا مرکز؟", "👨‍⚕️ " + doctor + "\nWhich office or center?");
  }

  /** The label of a center button. */
  public String centerButton(Center center) {
    return center.city().isBlank() ? center.name() : center.name() + " (" + center.city() + ")";
  }

  /** Asks which service. */
  public String chooseService(String doctor, String center) {
    return t("👨‍⚕️ " + doctor + "\n🏥 " + center + "\nکدام خدمت؟",
        "👨‍⚕️ " + doctor + "\n🏥 " + center + "\nWhich service?");
  }

  /** The label of a service button: title and price. */
  public String serviceButton(Service service) {
    String title = service.title().isBlank() ? service.id() : service.title();
    // 0 = not priced online: paid at the office (Paziresh24's free_price, spec 3B)
    return service.price() == null || service.price() == 0 ? title : title + " — " + price(service.price());
  }

  /** A price in rials. */
  public String price(long rials) {
    return t(n(rials) + " ریال", n(rials) + " IRR");
  }

  /** A watch was registered. */
  public String watching(WatchLabel label, Plan plan, boolean autoBook) {
    String head = t("✅ از حالا نوبت‌های خالی را برایتان پیگیری می‌کنم:", "✅ I am now watching for free slots:");
    String body = "\n👨‍⚕️ " + label.doctorName() + "\n🏥 " + label.place();
    String every = t("\n⏱ بررسی هر " + interval(plan.minInterval()), "\n⏱ Checked every " + interval(plan.minInterval()));
    String ab = autoBook ? t("\n🤖 رزرو خودکار: فعال", "\n🤖 Auto-booking: on") : "";
    String tail = t("\n\nبرای محدود کردن روزها و ساعت‌ها: /filter", "\n\nTo limit days and hours: /filter");
    return head + body + every + ab + tail;
  }

  /** The same calendar is already watched. */
  public String alreadyWatching(WatchLabel label) {
    return t("ℹ️ این پزشک و خدمت را از قبل پیگیری می‌کنید: " + label.doctorName() + " — " + label.place(),
        "ℹ️ You already watch this: " + label.doctorName() + " — " + label.place());
  }

  /** The plan does not allow another watch. */
  public String quotaWatches(Plan plan, int used) {
    String limit = plan.maxWatches() == Plan.UNLIMITED ? t("نامحدود", "unlimited") : n(plan.maxWatches());
    return t("⛔️ طرح " + planName(plan.name()) + " شما اجازه‌ی پیگیری همزمان " + limit + " پزشک را می‌دهد و الان "
            + n(used) + " پزشک را دنبال می‌کنید.\nبا /remove یکی را حذف کنید یا برای ارتقای طرح با پشتیبانی تماس بگیرید. (/plan)",
        "⛔️ Your " + planName(plan.name()) + " plan lets you watch " + limit + " doctor"
            + (plan.maxWatches() == 1 ? "" : "s") + " at a time and you watch " + n(used)
            + ".\nRemove one with /remove, or contact support to upgrade. (/plan)");
  }

  /** The plan does not include auto-booking. */
  public String quotaAutoBook(Plan plan) {
    return t("⛔️ رزرو خودکار در طرح " + planName(plan.name()) + " شما نیست؛ از طرح ویژه (PREMIUM) به بالا فعال است."
            + "\nبرای ارتقا با پشتیبانی تماس بگیرید. (/plan)",
        "⛔️ Auto-booking is not part of your " + planName(plan.name())
            + " plan; it comes with PREMIUM and up.\nContact support to upgrade. (/plan)");
  }

  // ------------------------------------------------------------------ list, remove, filter

  /** The user watches nothing. */
  public String noWatches() {
    return t("هنوز پزشکی را پیگیری نمی‌کنید. با /add شروع کنید.", "You are not watching any doctor yet. Start with /add.");
  }

  /** One entry of {@code /list}. */
  public String listEntry(int number, WatchLabel label, SlotFilter filter, boolean autoBook, boolean paused) {
    StringBuilder s = new StringBuilder();
    s.append(n(number)).append(". 👨‍⚕️ ").append(label.doctorName())
        .append("\n   🏥 ").append(label.place())
        .append("\n   🗓 ").append(describe(filter));
    if (autoBook) {
      s.append(t("\n   🤖 رزرو خودکار فعال", "\n   🤖 auto-booking on"));
    }
    if (paused) {
      s.append(t("\n   ⏸ رزرو خودکار متوقف است", "\n   ⏸ auto-booking paused"));
    }
    return s.toString();
  }

  /** The head of {@code /list}. */
  public String listHead(int count) {
    return t("📋 پزشک‌هایی که پیگیری می‌کنید (" + n(count) + "):", "📋 Doctors you watch (" + n(count) + "):");
  }

  /** The label of a button naming a watch. */
  public String watchButton(WatchLabel label) {
    return label.doctorName() + " — " + label.place();
  }

  /** Asks which watch to remove. */
  public String chooseWatchToRemove() {
    return t("کدام را حذف کنم؟", "Which one should I stop watching?");
  }

  /** A watch was removed. */
  public String removed(WatchLabel label) {
    return t("🗑 دیگر " + label.doctorName() + " را پیگیری نمی‌کنم.", "🗑 Stopped watching " + label.doctorName() + ".");
  }

  /** Asks which watch to filter. */
  public String chooseWatchToFilter() {
    return t("فیلتر کدام پزشک را تنظیم کنم؟", "Which doctor's filter do you want to set?");
  }

  /** Asks for days and hours. */
  public String askFilter(WatchLabel label, SlotFilter current) {
    return t("🗓 روزها و ساعت‌های دلخواه برای " + label.doctorName() + " را بفرستید، مثلاً:\n"
            + "شنبه،یکشنبه ۸-۱۲\nsat,sun 08:00-12:00\nیا «همه» برای حذف محدودیت.\n\nالان: " + describe(current),
        "🗓 Send the days and hours you want for " + label.doctorName() + ", for example:\n"
            + "sat,sun 08:00-12:00\nsat-wed 16-20\nor \"any\" to clear.\n\nNow: " + describe(current));
  }

  /** A filter was set. */
  public String filterSet(WatchLabel label, SlotFilter filter) {
    return t("✅ فیلتر " + label.doctorName() + ": " + describe(filter),
        "✅ Filter for " + label.doctorName() + ": " + describe(filter));
  }

  /** A filter text was not understood. */
  public String filterNotUnderstood(String token) {
    return t("❗️ «" + token + "» را نفهمیدم. نمونه: شنبه،یکشنبه ۸-۱۲ یا sat,sun 08:00-12:00 (یا /cancel)",
        "❗️ I did not understand \"" + token + "\". Example: sat,sun 08:00-12:00 (or /cancel)");
  }

  /** Days and hours of a filter in words. */
  public String describe(SlotFilter filter) {
    String days = filter.days().isEmpty() ? t("همه‌ی روزها", "every day")
        : weekOrder(filter.days()).stream().map(fmt::weekday).collect(Collectors.joining(t("، ", ", ")));
    String hours = filter.windows().isEmpty() ? t("همه‌ی ساعت‌ها", "any time")
        : filter.windows().stream().map(this::window).collect(Collectors.joining(t("، ", ", ")));
    return days + t("، ", ", ") + hours;
  }

  private String window(TimeWindow w) {
    return t(fmt.time(w.from()) + " تا " + fmt.time(w.to()), fmt.time(w.from()) + "–" + fmt.time(w.to()));
  }

  /** Saturday first, as the Iranian week runs. */
  static List<DayOfWeek> weekOrder(Collection<DayOfWeek> days) {
    return days.stream().sorted((a, b) -> Integer.compare(a.plus(1).getValue() % 7, b.plus(1).getValue() % 7)).toList();
  }

  // ------------------------------------------------------------------ auto-booking

  /** {@code /autobook} without a login provider. */
  public String autoBookUnavailable() {
    return t("رزرو خودکار در این نسخه از ربات در دسترس نیست.", "Auto-booking is not available in this bot.");
  }

  /** Starts collecting the patient's details. */
  public String autoBookIntro() {
    return t("""
        🤖 رزرو خودکار: اولین نوبت مناسب را خودم برای بیمار رزرو می‌کنم.
        بیمار به فهرست بیمارهای شما (/patients) اضافه می‌شود تا دفعه‌ی بعد فقط انتخابش کنید؛ هر وقت خواستید از همان‌جا حذفش کنید. هر وقت خواستید /cancel بفرستید.

        نام بیمار را بفرستید:""", """
        🤖 Auto-booking: I book the first matching slot for the patient myself.
        The patient joins your list of patients (/patients), so next time you only pick them; remove them there at any time. Send /cancel at any time.

        Send the patient's first name:""");
  }

  /** Asks for the last name. */
  public String askLastName() {
    return t("نام خانوادگی بیمار:", "The patient's last name:");
  }

  /** A name that is blank, too long or contains digits. */
  public String badName() {
    return t("❗️ این نام معتبر نیست (فقط حروف، حداکثر ۱۰۰ حرف). دوباره بفرستید:",
        "❗️ That name is not valid (letters only, at most 100). Please send it again:");
  }

  /** Asks for the national code. */
  public String askNationalCode() {
    return t("کد ملی ۱۰ رقمی بیمار:", "The patient's 10-digit national code (کد ملی):");
  }

  /** The national code fails its length or check digit. */
  public String badNationalCode() {
    return t("❗️ این کد ملی معتبر نیست (باید ۱۰ رقم باشد و رقم کنترل آن درست باشد). دوباره بفرستید:",
        "❗️ That national code is not valid (it needs 10 digits and a correct check digit). Please send it again:");
  }

  /** Asks for the mobile. */
  public String askMobile() {
    return t("شماره موبایل (کد ورود به پذیرش۲۴ به این شماره پیامک می‌شود):",
        "The mobile number (Paziresh24 texts the login code to it):");
  }

  /** The mobile is not an Iranian mobile number. */
  public String badMobile() {
    return t("❗️ این شماره موبایل معتبر نیست. شماره‌ای مثل ۰۹۱۲۱۲۳۴۵۶۷ بفرستید:",
        "❗️ That is not an Iranian mobile number. Send one like 09121234567:");
  }

  /** The SMS code was sent. */
  public String codeSent(String maskedMobile) {
    return t("📩 کد ورود پذیرش۲۴ به " + maskedMobile + " پیامک شد. کد را بفرستید:",
        "📩 Paziresh24 texted a login code to " + maskedMobile + ". Send me the code:");
  }

  /** The site sent a code a moment ago and will not send another yet: the earlier code still works. */
  public String codeSentEarlier(String maskedMobile, long waitSeconds) {
    String wait = interval(Duration.ofSeconds(waitSeconds));
    return t("📩 پذیرش۲۴ چند لحظه پیش کدی به " + maskedMobile + " فرستاده و تا " + wait
            + " دیگر کد تازه نمی‌فرستد. همان کد را بفرستید:",
        "📩 Paziresh24 texted a code to " + maskedMobile + " a moment ago and will not send another for "
            + wait + ". Send me that code:");
  }

  /** The account has a fixed password, which the site expects instead of an SMS code. */
  public String passwordExpected() {
    return t("🔑 این حساب پذیرش۲۴ رمز عبور دارد؛ به جای کد پیامکی، رمز عبور را بفرستید:",
        "🔑 This Paziresh24 account has a password; send me the password instead of an SMS code:");
  }

  /** The site throttles code requests. */
  public String codeThrottled() {
    return t("⏳ پذیرش۲۴ اجازه‌ی ارسال دوباره‌ی کد را فعلاً نمی‌دهد. یک دقیقه‌ی دیگر شماره را دوباره بفرستید:",
        "⏳ Paziresh24 will not send another code yet. Send the number again in a minute:");
  }

  /** A wrong or expired code. */
  public String badCode() {
    return t("❗️ کد درست نیست یا منقضی شده. دوباره بفرستید (یا /cancel):",
        "❗️ That code is wrong or expired. Please send it again (or /cancel):");
  }

  /** Too many wrong codes. */
  public String tooManyCodes() {
    return t("⛔️ کد چند بار اشتباه وارد شد. دوباره با /autobook شروع کنید.",
        "⛔️ Too many wrong codes. Start again with /autobook.");
  }

  /** Auto-booking is on. */
  public String autoBookOn(int watches, String maskedPatient) {
    String who = t("\n👤 بیمار: ", "\n👤 Patient: ") + maskedPatient;
    if (watches == 0) {
      return t("✅ رزرو خودکار فعال شد؛ برای پزشک‌هایی که از این به بعد با /add اضافه کنید." + who,
          "✅ Auto-booking is on for the doctors you add with /add from now on." + who);
    }
    return t("✅ رزرو خودکار برای " + n(watches) + " پزشک فعال شد. اولین نوبت مناسب را رزرو می‌کنم و کد رهگیری را می‌فرستم." + who,
        "✅ Auto-booking is on for " + n(watches) + " doctor" + (watches == 1 ? "" : "s")
            + ". I will book the first matching slot and send you the tracking code." + who);
  }

  /** Auto-booking is off. */
  public String autoBookOff() {
    return t("رزرو خودکار خاموش شد و ورود به پذیرش۲۴ فراموش شد. پیام نوبت‌های خالی ادامه دارد؛ بیمارها در /patients می‌مانند.",
        "Auto-booking is off and the Paziresh24 login is forgotten. Slot messages continue; your patients stay in /patients.");
  }

  // ------------------------------------------------------------------ shared by the texts

  /** A plan's name as users know it. */
  public String planName(String name) {
    return switch (name) {
      case "FREE" -> t("رایگان (FREE)", "FREE");
      case "PREMIUM" -> t("ویژه (PREMIUM)", "PREMIUM");
      case "PRO" -> t("حرفه‌ای (PRO)", "PRO");
      case "ENTERPRISE" -> t("سازمانی (ENTERPRISE)", "ENTERPRISE");
      default -> name;
    };
  }

  // ------------------------------------------------------------------ errors

  /** A provider or engine error as users should read it. */
  public String failure(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> doctorNotFound();
      case INVALID_INPUT -> notADoctorLink();
      case RATE_LIMITED -> t("⏳ پذیرش۲۴ الان درخواست زیادی دریافت کرده. یک دقیقه‌ی دیگر دوباره امتحان کنید.",
          "⏳ Paziresh24 is busy right now. Please try again in a minute.");
      case BUDGET_SPENT -> t("⏳ درخواست‌های زیادی در صف است. چند دقیقهٔ دیگر دوباره امتحان کنید.",
          "⏳ Many requests are queued right now. Please try again in a few minutes.");
      case PROVIDER_UNAVAILABLE -> t("⚠️ پذیرش۲۴ در دسترس نیست. کمی بعد دوباره امتحان کنید.",
          "⚠️ Paziresh24 is not reachable. Please try again a bit later.");
      case PROTOCOL -> t("⚠️ پاسخ پذیرش۲۴ را نفهمیدم (شاید سایت تغییر کرده). کمی بعد دوباره امتحان کنید.",
          "⚠️ Paziresh24 answered in a way I do not understand (the site may have changed). Try again later.");
      case AUTH_REQUIRED -> t("🔑 ورود به پذیرش۲۴ منقضی شده. با /autobook دوباره وارد شوید.",
          "🔑 The Paziresh24 login has expired. Log in again with /autobook.");
      case UNSUPPORTED -> t("این کار روی این سایت ممکن نیست.", "This site does not support that.");
      case BOOKING_OFF -> t("⛔ نوبت‌دهی اینترنتی این پزشک در پذیرش۲۴ غیرفعال است.",
          "⛔ This doctor has online booking switched off on Paziresh24.");
      case MANUAL_ACTION_REQUIRED -> t("✋ این رزرو را باید خودتان در سایت پذیرش۲۴ کامل کنید.",
          "✋ This booking has to be finished by you on the Paziresh24 site.");
      default -> t("⚠️ مشکلی پیش آمد. کمی بعد دوباره امتحان کنید.", "⚠️ Something went wrong. Please try again later.");
    };
  }

  /** A doctor lookup waits behind others for the site's request budget. */
  public String lookupQueued(int ahead) {
    return t("⏳ " + n(ahead) + " پزشک پیش از این در صف بررسی است؛ به محض رسیدن نوبت جواب می‌دهم.",
        "⏳ " + n(ahead) + (ahead == 1 ? " doctor is" : " doctors are") + " ahead in the lookup queue; I will answer as"
            + " soon as it is this one's turn.");
  }

  /** A bug, not a provider error. */
  public String unexpected() {
    return t("⚠️ خطای غیرمنتظره‌ای رخ داد. لطفاً دوباره امتحان کنید.", "⚠️ Something unexpected went wrong. Please try again.");
  }

  /** {@code Saturday 1405/01/01 09:30}. */
  public String when(Instant instant) {
    return fmt.weekday(instant) + " " + fmt.date(instant) + t(" ساعت ", " ") + fmt.time(instant);
  }

  /** {@code 5 minutes} / {@code ۵ دقیقه}. */
  public String interval(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600 && s % 3600 == 0) {
      return t(n(s / 3600) + " ساعت", n(s / 3600) + (s == 3600 ? " hour" : " hours"));
    }
    if (s >= 60 && s % 60 == 0) {
      return t(n(s / 60) + " دقیقه", n(s / 60) + (s == 60 ? " minute" : " minutes"));
    }
    if (s >= 1) {
      return t(n(s) + " ثانیه", n(s) + (s == 1 ? " second" : " seconds"));
    }
    return t(n(d.toMillis()) + " میلی‌ثانیه", n(d.toMillis()) + " ms");
  }
}
