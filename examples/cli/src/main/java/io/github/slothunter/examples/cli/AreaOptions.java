package io.github.slothunter.examples.cli;

import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.VisitType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options that narrow an area (issue #24), shared by {@code search} and {@code watch}: the city,
 * a point and radius, the doctor's gender and online visits. Values are converted and checked before
 * any request ({@link InputConverters}); {@link Area#query} builds the engine's {@link AreaQuery}. Not
 * thread-safe (picocli fills it once).
 */
final class AreaOptions {
  @Option(names = "--city", paramLabel = "CITY",
      description = "The city, as you would type it: tehran, Tehran, تهران (an area search or watch).")
  String city;

  @Option(names = "--near", paramLabel = "LAT,LON",
      description = "Measure distances from this point (for example 35.7219,51.3347; Persian digits are fine).")
  GeoPoint near;

  @Option(names = "--km", paramLabel = "N", description = "With --near: only centers at most N km away.")
  Double km;

  @Option(names = "--keep-unlocated",
      description = "With --km: keep centers the site gives no map pin for (their distance is unknown).")
  boolean keepUnlocated;

  @Option(names = "--gender", paramLabel = "male|female", description = "Only doctors of this gender (or مرد, زن).")
  Gender gender;

  @Option(names = "--online", description = "Only online visits (the site's chat or video consultations).")
  boolean online;

  private static final Pattern UNKNOWN_WORD =
      Pattern.compile("no (city|specialty) '(.*)' on (\\S+?)(?:; did you mean: (.*))?");

  /**
   * The engine's refusal of an area's city or specialty as one sentence in both languages that keeps
   * the closest names the engine suggests (exit code of {@code NOT_FOUND}); other failures as they are.
   */
  static RuntimeException explained(SlotHunterException e) {
    // the word and the site come from the engine's sentence; a sentence of another shape keeps Errors' wording
    Matcher m = UNKNOWN_WORD.matcher(Errors.bareMessage(e));
    if (e.code() != ErrorCode.NOT_FOUND || !m.matches()) {
      return e;
    }
    boolean city = m.group(1).equals("city");
    String site = Errors.siteName(m.group(3));
    String persian = (city ? "شهر «" : "تخصص «") + m.group(2) + "» در " + site + " پیدا نشد"
        + (e.suggestions().isEmpty() ? "" : "؛ شاید منظورتان این است: " + e.suggestions().stream()
            .map(p -> p.displayName() + " (" + p.slug() + ")").collect(java.util.stream.Collectors.joining("، ")));
    return new CliException(ExitCodes.of(e.code()), Errors.bareMessage(e), persian, e);
  }

  /** "no doctor matches", and with a radius, that it is measured from the given point. */
  static String noneMatch(Lang lang, AreaQuery query) {
    boolean radius = query.radiusKm() != null;
    return lang.pick("no doctor matches" + (radius ? " within the --km radius" : ""),
        "پزشکی پیدا نشد" + (radius ? " در شعاع --km" : ""));
  }

  /** Whether any of these options was given. */
  boolean any() {
    return city != null || near != null || km != null || gender != null || online || keepUnlocated;
  }

  /** These options' values as an area watch's settings (the config file's {@code area:} uses the same). */
  Area area(String specialty, Long maxPrice) {
    return new Area(specialty, city, near, km, maxPrice, gender, online ? VisitType.ONLINE : null,
        keepUnlocated ? Boolean.TRUE : null);
  }

  /**
   * An area's settings as the user gave them, each possibly {@code null} until checked by {@link #query}.
   *
   * @param specialty the specialty as typed
   * @param city the city as typed
   * @param near the point distances are measured from
   * @param km the radius around {@code near}
   * @param maxPrice the highest price in rials
   * @param gender the doctor's gender
   * @param visitType the kind of visit
   * @param keepUnlocated whether a radius keeps centers without a map pin
   */
  record Area(String specialty, String city, GeoPoint near, Double km, Long maxPrice, Gender gender,
      VisitType visitType, Boolean keepUnlocated) {
    /** No area. */
    static final Area NONE = new Area(null, null, null, null, null, null, null, null);

    /** Whether a specialty (the one required word) is given. */
    boolean present() {
      return specialty != null;
    }

    /** These settings, each missing one taken from {@code other}. */
    Area orElse(Area other) {
      return new Area(specialty != null ? specialty : other.specialty, city != null ? city : other.city,
          near != null ? near : other.near, km != null ? km : other.km,
          maxPrice != null ? maxPrice : other.maxPrice, gender != null ? gender : other.gender,
          visitType != null ? visitType : other.visitType,
          keepUnlocated != null ? keepUnlocated : other.keepUnlocated);
    }

    /**
     * The engine's query, checked: a city, a radius only with a point and in range, a price not below zero.
     *
     * @throws CliException bad input, one sentence in both languages
     */
    AreaQuery query(String providerId) {
      if (specialty == null || specialty.isBlank()) {
        throw CliException.badInput("give a specialty (for example dermatology or پوست)",
            "یک تخصص بدهید (مثلاً پوست یا dermatology)");
      }
      if (city == null || city.isBlank()) {
        throw CliException.badInput("give a city with --city (for example tehran or تهران)",
            "شهر را با --city بدهید (مثلاً تهران یا tehran)");
      }
      if (km != null && near == null) {
        throw CliException.badInput("--km needs --near LAT,LON (the point to measure from)",
            "--km بدون --near معنا ندارد (نقطه‌ای که فاصله از آن سنجیده شود)");
      }
      if (km != null && !(km > 0 && km <= AreaQuery.MAX_RADIUS_KM)) {
        throw CliException.badInput("--km must be above 0 and at most " + (int) AreaQuery.MAX_RADIUS_KM,
            "--km باید بزرگ‌تر از ۰ و حداکثر " + Lang.FA.format().number((long) AreaQuery.MAX_RADIUS_KM) + " باشد");
      }
      if (maxPrice != null && maxPrice < 0) {
        throw CliException.badInput("--max-price must not be negative", "--max-price نباید منفی باشد");
      }
      try {
        AreaQuery.Builder b = AreaQuery.builder(providerId, specialty.strip(), city.strip()).gender(gender)
            .visitType(visitType).keepUnlocated(Boolean.TRUE.equals(keepUnlocated));
        if (near != null) {
          if (km != null) {
            b.near(near, km);
          } else {
            b.near(near);
          }
        }
        if (maxPrice != null) {
          b.maxPrice(maxPrice);
        }
        return b.build();
      } catch (SlotHunterException e) {
        throw new CliException(ExitCodes.BAD_INPUT, Errors.bareMessage(e),
            "ناحیه پذیرفته نشد؛ نام سایت، تخصص و شهر را بررسی کنید", e);
      }
    }
  }
}
