package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.core.Plan;
import java.time.Instant;
import java.util.List;

/**
 * The texts of {@code /find} and of area watches in one language ({@link Messages#find()}): the
 * questions, the doctors an area search found, suggestions for unknown words, and the area watch.
 * Immutable and thread-safe.
 */
public final class FindMessages {
  private final Messages m;
  private final JalaliFormat fmt;

  FindMessages(Messages m) {
    this.m = m;
    this.fmt = m.format();
  }

  /** Asks for the specialty. */
  public String askSpecialty() {
    return m.t("🔎 دنبال چه تخصصی هستید؟ یکی از دکمه‌ها را بزنید یا نامش را بنویسید (مثلاً «پوست» یا «چشم»).",
        "🔎 Which specialty are you looking for? Press a button or type it (e.g. \"dermatology\" or \"eye\").");
  }

  /** A common specialty's button. */
  public String specialtyButton(FindFlow.Word word) {
    return m.t(word.fa(), word.en());
  }

  /** Asks for the city or a location. */
  public String askPlace(String specialty) {
    return m.t("📍 «" + specialty + "» در کدام شهر؟ نام شهر را بنویسید، یا با 📎 ← «موقعیت مکانی» جای خودتان را بفرستید"
            + " تا نزدیک‌ترین پزشک‌ها را پیدا کنم.",
        "📍 \"" + specialty + "\" in which city? Type the city, or share your location (📎 → Location) to find the"
            + " doctors nearest to you.");
  }

  /** A location was shared but no known city is near it: the city is asked for. */
  public String askCityOfLocation() {
    return m.t("📍 موقعیت شما را گرفتم اما شهرش را نشناختم. نام شهر را بنویسید.",
        "📍 Got your location, but I do not know its city. Please type the city's name.");
  }

  /** A location sent outside {@code /find}. */
  public String locationOutsideFind() {
    return m.t("📍 برای پیدا کردن پزشک‌های نزدیک، اول /find را بزنید.",
        "📍 To find doctors near you, start with /find.");
  }

  /** Asks how far from the shared location. */
  public String askDistance(String city) {
    return m.t("📏 تا چه فاصله‌ای از شما؟ (" + city + ")", "📏 How far from you? (" + city + ")");
  }

  /** A distance button. */
  public String distanceButton(int km) {
    return fmt.kilometres(km).replace(m.t("٫۰", ".0"), "");
  }

  /** The area search found nobody. */
  public String noMembers(String area) {
    return m.t("🤷 در " + area + " پزشکی پیدا نشد. با فاصله‌ی بیشتر یا شهر دیگری دوباره /find بزنید.",
        "🤷 No doctors found for " + area + ". Try /find again with a larger distance or another city.");
  }

  /**
   * The doctors an area search found: the first {@code shown} of {@code total}; {@code near} when the search
   * was around a shared location (then a doctor without a known distance says so).
   */
  public String members(String area, List<AreaMember> shown, int total, boolean near) {
    StringBuilder s = new StringBuilder(m.t("🩺 " + area + ": " + m.n(total) + " پزشک پیدا شد",
        "🩺 " + area + ": " + m.n(total) + " doctor" + (total == 1 ? "" : "s") + " found"));
    if (total > shown.size()) {
      s.append(m.t("؛ " + m.n(shown.size()) + " پزشک با زودترین نوبت:", "; the " + m.n(shown.size())
          + " with the earliest slots:"));
    } else {
      s.append(':');
    }
    int i = 1;
    for (AreaMember member : shown) {
      s.append("\n\n").append(m.n(i++)).append(". 👨‍⚕️ ").append(member.displayName());
      AreaCenter center = nearest(member);
      if (center != null && !center.name().isEmpty()) {
        s.append("\n   🏥 ").append(center.name());
      }
      if (member.distanceKm() != null) {
        s.append("\n   📏 ").append(fmt.kilometres(member.distanceKm()));
      } else if (near) {
        s.append("\n   📏 ").append(m.t("فاصله نامعلوم (نشانی مطب روی نقشه نیست)", "distance unknown (no map pin)"));
      }
      Instant first = member.firstFree();
      s.append("\n   📅 ").append(first == null ? m.t("نوبت خالی فعلاً ندارد", "no free slot right now")
          : m.t("اولین نوبت: ", "first slot: ") + fmt.dateTime(first));
      if (center != null && center.price() != null && center.price() > 0) {
        s.append("\n   💰 ").append(fmt.rials(center.price()));
      }
    }
    s.append(m.t("\n\nبا «پیگیری این منطقه» هر نوبتی که نزد هر کدام از این پزشک‌ها آزاد شود خبرتان می‌کنم.",
        "\n\nWith \"Watch this area\" I tell you about a slot that opens with any of these doctors."));
    return s.toString();
  }

  /** The center with the earliest first free slot, else the first. */
  private static AreaCenter nearest(AreaMember member) {
    AreaCenter best = null;
    for (AreaCenter c : member.centers()) {
      if (best == null || c.firstFree() != null && (best.firstFree() == null || c.firstFree().isBefore(best.firstFree()))) {
        best = c;
      }
    }
    return best;
  }

  /** The "watch this area" button. */
  public String watchButton() {
    return m.t("👁 پیگیری این منطقه", "👁 Watch this area");
  }

  /** The "narrow" button. */
  public String narrowButton() {
    return m.t("🎯 محدودتر کن", "🎯 Narrow");
  }

  /** Asks how to narrow. */
  public String askNarrow(String area) {
    return m.t("🎯 " + area + " را چطور محدود کنم؟", "🎯 How should I narrow " + area + "?");
  }

  /** A price cap button. */
  public String priceButton(long rials) {
    return m.t("💰 تا " + fmt.rials(rials), "💰 up to " + fmt.rials(rials));
  }

  /** A gender button ({@code null}: any). */
  public String genderButton(Gender gender) {
    if (gender == Gender.FEMALE) {
      return m.t("👩‍⚕️ فقط پزشک زن", "👩‍⚕️ Female doctors only");
    }
    if (gender == Gender.MALE) {
      return m.t("👨‍⚕️ فقط پزشک مرد", "👨‍⚕️ Male doctors only");
    }
    return m.t("🧑‍⚕️ زن یا مرد", "🧑‍⚕️ Any gender");
  }

  /** The engine knows no such city or specialty: its closest names as buttons, or typing again. */
  public String unknownWord(boolean city, String word, boolean suggestions) {
    String what = city ? m.t("شهر", "city") : m.t("تخصص", "specialty");
    return m.t("❓ " + what + " «" + word + "» را نشناختم." + (suggestions ? " منظورتان یکی از این‌هاست؟ یا دوباره بنویسید." : " دوباره بنویسید."),
        "❓ I do not know the " + what + " \"" + word + "\"." + (suggestions ? " Did you mean one of these? Or type it again." : " Please type it again."));
  }

  /** The area has more doctors than one watch may cover. */
  public String tooManyMembers() {
    return m.t("⚠️ این منطقه پزشک‌های زیادی دارد. با «محدودتر کن» یا فاصله‌ی کمتر آن را کوچک‌تر کنید.",
        "⚠️ This area has too many doctors for one watch. Make it smaller with \"Narrow\" or a shorter distance.");
  }

  /** An area watch was registered. */
  public String watching(String area, int members, Plan plan, boolean autoBook) {
    String s = m.t("✅ از حالا " + area + " (" + m.n(members) + " پزشک) را پیگیری می‌کنم و اولین نوبت خالی هر کدام را"
            + " خبر می‌دهم (هر " + m.interval(plan.minInterval()) + ").",
        "✅ Watching " + area + " (" + m.n(members) + " doctor" + (members == 1 ? "" : "s") + "): I will tell you about"
            + " the first free slot with any of them (every " + m.interval(plan.minInterval()) + ").");
    if (autoBook) {
      s += m.t("\n🤖 اولین نوبت مناسب را خودکار رزرو می‌کنم (یک بار).",
          "\n🤖 I will book the first matching slot automatically (once).");
    }
    return s;
  }

  /** The chat already watches this area. */
  public String alreadyWatching(String area) {
    return m.t("ℹ️ " + area + " را از قبل پیگیری می‌کنید.", "ℹ️ You already watch " + area + ".");
  }

  /**
   * What an area watch is called: {@code Dermatology · Tehran · 5 km}, with the narrowing the user
   * chose; the words as the user gave them.
   */
  public String areaName(WatchArea area) {
    return areaName(FindFlow.specialtyName(m, area.query().specialty()), FindFlow.cityName(m, area.query().city()), area.query().radiusKm(),
        area.query().maxPrice(), area.query().gender());
  }

  /** What an area is called, from its parts. */
  public String areaName(String specialty, String city, Double radiusKm, Long maxPrice, Gender gender) {
    StringBuilder s = new StringBuilder(specialty).append(" · ").append(city);
    if (radiusKm != null) {
      s.append(" · ").append(m.t("تا ", "within ")).append(fmt.kilometres(radiusKm));
    }
    if (maxPrice != null) {
      s.append(" · ").append(m.t("تا ", "up to ")).append(fmt.rials(maxPrice));
    }
    if (gender == Gender.FEMALE || gender == Gender.MALE) {
      s.append(" · ").append(gender == Gender.FEMALE ? m.t("پزشک زن", "female") : m.t("پزشک مرد", "male"));
    }
    return s.toString();
  }

  /** The second line of an area watch in {@code /list} and on buttons. */
  public String areaPlace(int members) {
    return m.t("منطقه، " + m.n(members) + " پزشک", "area, " + m.n(members) + " doctor" + (members == 1 ? "" : "s"));
  }
}
