package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.examples.cli.UsageErrors.BadValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@code watch --config FILE}: the doctors, filters, patient and notification settings of a
 * watch, in YAML, so a long command line can live in a file. Options given on the command line
 * override the file's. Every problem (a missing file, bad YAML, an unknown key, a bad value) is one
 * sentence naming the file and the key, never a patient's value.
 *
 * <pre>{@code
 * doctors:
 *   - https://www.paziresh24.com/dr/dr-sara-ahmadi/
 * # or, instead of doctors, an area (issue #24): every doctor of a specialty in a city
 * # area: {specialty: dermatology, city: tehran, near: "35.72,51.33", km: 5, maxPrice: 3000000,
 * #        gender: female, visitType: in-person, keepUnlocated: false}
 * filters:
 *   from: 1405/01/10          # Jalali or Gregorian (2026-03-30); Persian digits are fine
 *   to: 1405/01/20
 *   days: [sat, sun]          # or شنبه, یکشنبه
 *   time: ["08:00-12:00"]
 *   maxPrice: 2000000         # rials
 * patient:
 *   autoBook: true
 *   label: mom                # one of 'slothunter patients list'; or file: me.json;
 *                             # or firstName, lastName, nationalCode, mobile, gender here
 *   sessionFile: ~/.slothunter/paziresh24.session
 * notify:
 *   lang: fa
 *   json: false
 *   owner: me
 *   statusEvery: 30
 *   interval: 60
 * }</pre>
 *
 * @param doctors doctor links or slugs, possibly empty
 * @param area an area to watch instead of doctors, {@link AreaOptions.Area#NONE} when none
 * @param from first day, or null
 * @param to last day, or null
 * @param days weekdays, possibly empty
 * @param windows time-of-day windows, possibly empty
 * @param maxPrice the highest price in rials, or null
 * @param autoBook whether to book, or null when the file does not say
 * @param patientLabel a patient-book label, or null
 * @param patientFile a patient file (relative to the config file's folder), or null
 * @param patient a patient written in the file itself, or null
 * @param sessionFile a session file, or null
 * @param lang the output language, or null
 * @param json JSON lines, or null
 * @param owner the owner name, or null
 * @param statusEvery seconds between status lines, or null
 * @param interval seconds between polls, or null
 */
record WatchConfig(List<String> doctors, AreaOptions.Area area, LocalDate from, LocalDate to, List<DayOfWeek> days, List<TimeWindow> windows,
    Long maxPrice, Boolean autoBook, String patientLabel, Path patientFile, Patient patient, Path sessionFile,
    Lang lang, Boolean json, String owner, Integer statusEvery, Integer interval) {

  /** No file: every setting from the command line or its default. */
  static final WatchConfig NONE = new WatchConfig(List.of(), AreaOptions.Area.NONE, null, null, List.of(), List.of(),
      null, null, null, null, null, null, null, null, null, null, null);

  private static final int MAX_BYTES = 256 * 1024;
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /** The file's top level ({@code notify:} is read into {@code notifications}: a record cannot have a notify()). */
  record FileShape(List<String> doctors, AreaShape area, Filters filters, PatientShape patient,
      @JsonProperty("notify") Notify notifications) {}

  /** {@code area:}: the words and limits of an area watch. */
  record AreaShape(String specialty, String city, String near, String km, String maxPrice, String gender,
      String visitType, Boolean keepUnlocated) {}

  /** {@code filters:}. */
  record Filters(String from, String to, List<String> days, List<String> time, String maxPrice) {}

  /** {@code patient:}: a label, a file, or the fields themselves. */
  record PatientShape(Boolean autoBook, String label, String file, String sessionFile, String firstName,
      String lastName, String nationalCode, String mobile, String gender) {}

  /** {@code notify:}: how events reach you. */
  record Notify(String lang, Boolean json, String owner, String statusEvery, String interval) {}

  /**
   * Reads and checks a config file.
   *
   * @param home what {@code ~/} means in the file's paths
   * @throws CliException bad input, one sentence in both languages
   */
  static WatchConfig read(Path file, Path home) {
    FileShape shape = parse(file);
    Filters f = shape.filters() == null ? new Filters(null, null, null, null, null) : shape.filters();
    PatientShape p = shape.patient() == null
        ? new PatientShape(null, null, null, null, null, null, null, null, null) : shape.patient();
    Notify n = shape.notifications() == null ? new Notify(null, null, null, null, null) : shape.notifications();
    Path folder = file.toAbsolutePath().getParent();

    List<String> doctors = shape.doctors() == null ? List.of() : shape.doctors().stream()
        .map(d -> value(file, "doctors", d, s -> s)).toList();
    Long maxPrice = value(file, "filters.maxPrice", f.maxPrice(), InputConverters::longValue);
    if (maxPrice != null && maxPrice < 0) {
      throw bad(file, "filters.maxPrice", "must not be negative", "نباید منفی باشد");
    }
    Map<String, String> inline = new LinkedHashMap<>();
    put(inline, "firstName", p.firstName());
    put(inline, "lastName", p.lastName());
    put(inline, "nationalCode", p.nationalCode());
    put(inline, "mobile", p.mobile());
    put(inline, "gender", p.gender());
    int ways = (p.label() != null ? 1 : 0) + (p.file() != null ? 1 : 0) + (inline.isEmpty() ? 0 : 1);
    if (ways > 1) {
      throw bad(file, "patient", "give a label, a file or the patient's fields, only one of them",
          "فقط یکی از label، file یا مشخصات بیمار را بدهید");
    }
    Lang lang = n.lang() == null ? null : Lang.parse(n.lang()).orElseThrow(() -> bad(file, "notify.lang",
        "must be fa or en, not '" + n.lang() + "'", "باید fa یا en باشد، نه «" + n.lang() + "»"));
    return new WatchConfig(doctors, area(file, shape.area(), !doctors.isEmpty()),
        value(file, "filters.from", f.from(), InputConverters::date),
        value(file, "filters.to", f.to(), InputConverters::date),
        list(file, "filters.days", f.days(), InputConverters::day),
        list(file, "filters.time", f.time(), InputConverters::window),
        maxPrice, p.autoBook(), p.label() == null ? null : p.label().strip(),
        p.file() == null ? null : resolve(home, folder, p.file()),
        inline.isEmpty() ? null : PatientFile.of(file, inline),
        p.sessionFile() == null ? null : resolve(home, folder, p.sessionFile()),
        lang, n.json(), n.owner() == null ? null : n.owner().strip(),
        value(file, "notify.statusEvery", n.statusEvery(), InputConverters::integer),
        value(file, "notify.interval", n.interval(), InputConverters::integer));
  }

  private static AreaOptions.Area area(Path file, AreaShape a, boolean doctors) {
    if (a == null) {
      return AreaOptions.Area.NONE;
    }
    if (doctors) {
      throw bad(file, "area", "give doctors or an area, not both", "یا doctors بدهید یا area، نه هر دو");
    }
    if (a.specialty() == null || a.specialty().isBlank()) {
      throw bad(file, "area.specialty", "is required (for example dermatology or پوست)",
          "لازم است (مثلاً پوست یا dermatology)");
    }
    return new AreaOptions.Area(a.specialty().strip(), a.city() == null ? null : a.city().strip(),
        value(file, "area.near", a.near(), InputConverters::point),
        value(file, "area.km", a.km(), InputConverters::decimal),
        value(file, "area.maxPrice", a.maxPrice(), InputConverters::longValue),
        value(file, "area.gender", a.gender(), InputConverters::gender),
        value(file, "area.visitType", a.visitType(), InputConverters::visitType), a.keepUnlocated());
  }

  private static FileShape parse(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw CliException.badInput("config file " + file + " is larger than " + MAX_BYTES / 1024 + " KB",
            "پروندهٔ تنظیمات " + file + " بزرگ‌تر از " + MAX_BYTES / 1024 + " کیلوبایت است");
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "config file " + file + " does not exist",
          "پروندهٔ تنظیمات " + file + " وجود ندارد", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "config file " + file + " cannot be read: " + e.getMessage(),
          "پروندهٔ تنظیمات " + file + " خوانده نشد", e);
    }
    FileShape shape;
    try {
      shape = YAML.readValue(text, FileShape.class);
    } catch (UnrecognizedPropertyException e) {
      String where = path(e.getPath().subList(0, e.getPath().size() - 1)); // where the key is, not the key
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      String under = where.isEmpty() ? "" : " under '" + where + "'";
      String underFa = where.isEmpty() ? "" : " در «" + where + "»";
      throw new CliException(ExitCodes.BAD_INPUT, "config file " + file + " has an unknown key '" + e.getPropertyName()
          + "'" + under + " (known: " + known + ")", "پروندهٔ تنظیمات " + file + " کلید ناشناختهٔ «"
          + e.getPropertyName() + "»" + underFa + " دارد (شناخته‌ها: " + known + ")", e);
    } catch (JsonMappingException e) {
      StreamReadException syntax = syntaxError(e);
      if (syntax != null) {
        throw notYaml(file, syntax); // a record's deserializer met a YAML error while reading its value
      }
      String where = path(e.getPath());
      throw new CliException(ExitCodes.BAD_INPUT, "config file " + file + ": '" + where
          + "' has the wrong kind of value (a list, a text or a number is expected there)", "در پروندهٔ تنظیمات "
          + file + " مقدار «" + where + "» از نوع درست نیست (فهرست، متن یا عدد)", e);
    } catch (JacksonException e) {
      throw notYaml(file, e);
    }
    if (shape == null) {
      throw CliException.badInput("config file " + file + " is empty", "پروندهٔ تنظیمات " + file + " خالی است");
    }
    return shape;
  }

  private static StreamReadException syntaxError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StreamReadException e) {
        return e;
      }
    }
    return null;
  }

  private static CliException notYaml(Path file, JacksonException e) {
    int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    String at = line > 0 ? " (line " + line + ")" : "";
    String atFa = line > 0 ? " (سطر " + JalaliFormat.PERSIAN.number(line) + ")" : "";
    return new CliException(ExitCodes.BAD_INPUT, "config file " + file + " is not valid YAML" + at,
        "پروندهٔ تنظیمات " + file + " YAML درستی نیست" + atFa, e);
  }

  private static String path(List<JsonMappingException.Reference> path) {
    return path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static <T> T value(Path file, String key, String raw, Function<String, T> convert) {
    if (raw == null) {
      return null;
    }
    try {
      return Objects.requireNonNull(convert.apply(raw));
    } catch (BadValue e) {
      throw bad(file, key, e.message(Lang.EN), e.message(Lang.FA));
    }
  }

  private static <T> List<T> list(Path file, String key, List<String> raw, Function<String, T> convert) {
    return raw == null ? List.of() : raw.stream().map(r -> value(file, key, r, convert)).toList();
  }

  private static CliException bad(Path file, String key, String english, String persian) {
    return CliException.badInput("config file " + file + ": " + key + ": " + english,
        "پروندهٔ تنظیمات " + file + "، «" + key + "»: " + persian);
  }

  private static void put(Map<String, String> fields, String key, String value) {
    if (value != null) {
      fields.put(key, value);
    }
  }

  // "~/x" is the user's home, as in a shell; a relative path is next to the config file
  private static Path resolve(Path home, Path folder, String path) {
    String p = path.strip();
    if (p.startsWith("~/")) {
      return home.resolve(p.substring(2));
    }
    return folder.resolve(p);
  }
}
