package io.github.slothunter.provider.doctoreto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import io.github.slothunter.spi.ProviderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every guess this provider makes about Doctoreto that was never checked against the live site,
 * in one place (source: {@code shared/providers/doctoreto.md}; confidence tags from there). Where
 * a guess can be wrong in a way configuration can fix, it has a config key, so a deployment can
 * correct it without a release:
 *
 * <table>
 *   <caption>What this provider assumes about the site (confidence as spec 2026-12-06 tags it)</caption>
 *   <tr><th>Assumption</th><th>Confidence</th><th>Config key</th></tr>
 *   <tr><td>the profile page is {@code /doctor/{slug}/{code}} (every public client fetches it)</td>
 *       <td>HIGH</td><td>{@code profile-path}</td></tr>
 *   <tr><td>the short link {@code /doctor/{code}} redirects to the profile page (fallback for keys
 *       without a slug; no public client requests it)</td><td>UNVERIFIED</td>
 *       <td>{@code short-profile-path}</td></tr>
 *   <tr><td>the consultations list is the React Query entry keyed {@code ["consultations","doctors",code]}</td>
 *       <td>HIGH</td><td>-</td></tr>
 *   <tr><td>a consultation's {@code id} is the slots endpoint's {@code consultation_id}</td><td>MED</td><td>-</td></tr>
 *   <tr><td>{@code place == null} means an online consultation</td><td>UNVERIFIED</td><td>-</td></tr>
 *   <tr><td>a consultation's title and price fields ({@link #TITLE_FIELDS}, {@link #PRICE_FIELDS})</td>
 *       <td>UNVERIFIED</td><td>-</td></tr>
 *   <tr><td>the slots endpoint's path and its {@code items.days[].times[].id}/{@code .status}</td>
 *       <td>HIGH</td><td>-</td></tr>
 *   <tr><td>{@code day_navigate=1} pages forward from {@code start_date}</td><td>UNVERIFIED</td><td>-</td></tr>
 *   <tr><td>a day's date field</td><td>UNVERIFIED</td><td>{@code day-date-field}</td></tr>
 *   <tr><td>a time's start, end and length fields (no public source reads them; re-checked 2026-12-06)</td>
 *       <td>UNVERIFIED</td>
 *       <td>{@code slot-start-field}, {@code slot-end-field}, {@code slot-duration-field}</td></tr>
 *   <tr><td>a slot lasts 15 minutes when the calendar does not say</td><td>UNVERIFIED</td><td>{@code slot-length}</td></tr>
 *   <tr><td>only {@code status == 1} is free</td><td>HIGH for 1, other values UNVERIFIED</td>
 *       <td>{@code free-status}</td></tr>
 *   <tr><td>local date-times without an offset are Asia/Tehran; years below 1700 are Jalali</td>
 *       <td>UNVERIFIED</td><td>-</td></tr>
 * </table>
 *
 * <p>Field-name keys take a comma-separated list of candidates, tried in order; a configured list
 * replaces the defaults. A dot walks into nested objects ({@code from.datetime}). Immutable and
 * thread-safe.
 */
final class DoctoretoAssumptions {
  /** The profile path when {@code profile-path} is not set (HIGH). */
  static final String DEFAULT_PROFILE_PATH = "/doctor/{slug}/{code}";
  /** The short link when {@code short-profile-path} is not set (UNVERIFIED that the site serves it). */
  static final String DEFAULT_SHORT_PROFILE_PATH = "/doctor/{code}";
  /** React Query key prefix of the consultations list in the profile page's dehydrated state (HIGH). */
  static final List<String> CONSULTATIONS_QUERY_KEY = List.of("consultations", "doctors");
  /** What the slots endpoint's {@code day_navigate} is always sent as (meaning UNVERIFIED). */
  static final String DAY_NAVIGATE = "1";
  /** The name of the center we make up for a consultation without a place. */
  static final String ONLINE_CENTER_NAME = "مشاوره آنلاین";
  /** Candidate fields for a consultation's title (UNVERIFIED). */
  static final List<String> TITLE_FIELDS = List.of("title", "name", "serviceName", "type.title", "type.name");
  /** Candidate fields for a consultation's price (UNVERIFIED; unit unknown, probably toman). */
  static final List<String> PRICE_FIELDS = List.of("price", "fee", "visitPrice", "visit_price", "cost", "amount");

  static final List<String> DEFAULT_DAY_DATE_FIELDS =
      List.of("date", "gregorian_date", "gregorianDate", "day", "datetime");
  static final List<String> DEFAULT_SLOT_START_FIELDS =
      List.of("start_time", "from", "time", "datetime", "start", "start_at", "startTime", "started_at");
  static final List<String> DEFAULT_SLOT_END_FIELDS = List.of("end_time", "to", "end", "end_at", "endTime");
  static final List<String> DEFAULT_SLOT_DURATION_FIELDS = List.of("duration", "length");
  static final Duration DEFAULT_SLOT_LENGTH = Duration.ofMinutes(15);
  static final Set<String> DEFAULT_FREE_STATUSES = Set.of("1");

  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*");

  private final String profilePath;
  private final String shortProfilePath;
  private final List<String> dayDateFields;
  private final List<String> slotStartFields;
  private final List<String> slotEndFields;
  private final List<String> slotDurationFields;
  private final Duration slotLength;
  private final Set<String> freeStatuses;

  private DoctoretoAssumptions(String profilePath, String shortProfilePath, List<String> dayDateFields, List<String> slotStartFields,
      List<String> slotEndFields, List<String> slotDurationFields, Duration slotLength, Set<String> freeStatuses) {
    this.profilePath = profilePath;
    this.shortProfilePath = shortProfilePath;
    this.dayDateFields = dayDateFields;
    this.slotStartFields = slotStartFields;
    this.slotEndFields = slotEndFields;
    this.slotDurationFields = slotDurationFields;
    this.slotLength = slotLength;
    this.freeStatuses = freeStatuses;
  }

  /** The defaults, corrected by whatever the context configures. */
  static DoctoretoAssumptions from(ProviderContext context) {
    String path = path(context, DoctoretoProviderFactory.PROFILE_PATH, DEFAULT_PROFILE_PATH, true);
    String shortPath = path(context, DoctoretoProviderFactory.SHORT_PROFILE_PATH, DEFAULT_SHORT_PROFILE_PATH, false);
    return new DoctoretoAssumptions(path, shortPath,
        fields(context, DoctoretoProviderFactory.DAY_DATE_FIELD, DEFAULT_DAY_DATE_FIELDS),
        fields(context, DoctoretoProviderFactory.SLOT_START_FIELD, DEFAULT_SLOT_START_FIELDS),
        fields(context, DoctoretoProviderFactory.SLOT_END_FIELD, DEFAULT_SLOT_END_FIELDS),
        fields(context, DoctoretoProviderFactory.SLOT_DURATION_FIELD, DEFAULT_SLOT_DURATION_FIELDS),
        context.duration(DoctoretoProviderFactory.SLOT_LENGTH, DEFAULT_SLOT_LENGTH),
        Set.copyOf(list(context, DoctoretoProviderFactory.FREE_STATUS, List.copyOf(DEFAULT_FREE_STATUSES))));
  }

  private static String path(ProviderContext context, String key, String defaultPath, boolean withSlug) {
    String path = context.config(key, defaultPath);
    boolean slug = path.contains("{slug}");
    if (!path.startsWith("/") || !path.contains("{code}") || slug != withSlug || path.contains("?")
        || path.contains("#")) {
      throw DoctoretoErrors.invalid("config " + key + " must be a path starting with / and containing {code}"
          + (withSlug ? " and {slug}" : " but not {slug}") + ": '" + path + "'");
    }
    return path;
  }

  private static List<String> fields(ProviderContext context, String key, List<String> defaults) {
    List<String> names = list(context, key, defaults);
    for (String name : names) {
      if (!FIELD.matcher(name).matches()) {
        throw DoctoretoErrors.invalid("config " + key + " has an invalid field name '" + name
            + "' (want letters, digits, _ or -, dots between nested names)");
      }
    }
    return names;
  }

  private static List<String> list(ProviderContext context, String key, List<String> defaults) {
    Optional<String> raw = context.config(key);
    if (raw.isEmpty()) {
      return defaults;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : raw.get().split(",")) {
      if (!part.isBlank()) {
        names.add(part.strip());
      }
    }
    if (names.isEmpty()) {
      throw DoctoretoErrors.invalid("config " + key + " must list at least one value: '" + raw.get() + "'");
    }
    return List.copyOf(names);
  }

  /**
   * The profile page path, already encoded: the slug as written in the link (it may carry
   * percent-escapes, which must not be encoded again) and the code, both validated by
   * {@link DoctoretoLinks#isKey}.
   */
  String profilePath(String slug, String code) {
    return profilePath.replace("{slug}", slug).replace("{code}", code);
  }

  /** The short link path for a doctor code (already validated as a code). */
  String shortProfilePath(String code) {
    return shortProfilePath.replace("{code}", code);
  }

  List<String> dayDateFields() {
    return dayDateFields;
  }

  List<String> slotStartFields() {
    return slotStartFields;
  }

  List<String> slotEndFields() {
    return slotEndFields;
  }

  List<String> slotDurationFields() {
    return slotDurationFields;
  }

  Duration slotLength() {
    return slotLength;
  }

  /** Whether a {@code times[].status} value means free. */
  boolean isFree(JsonNode status) {
    return (status.isNumber() || status.isTextual()) && freeStatuses.contains(status.asText().strip());
  }

  /** The value at a dotted path, or a missing node. */
  static JsonNode at(JsonNode node, String dottedPath) {
    JsonNode n = node;
    int from = 0;
    while (true) {
      int dot = dottedPath.indexOf('.', from);
      n = n.path(dot < 0 ? dottedPath.substring(from) : dottedPath.substring(from, dot));
      if (dot < 0) {
        return n;
      }
      from = dot + 1;
    }
  }

  /**
   * The first candidate field whose value the reader understands. Absent when none of the fields
   * is present; a PROTOCOL error when some are present but none is readable.
   *
   * @param what what the object is, for the message (for example {@code calendar time 981})
   * @param configKey the key that changes the candidates
   */
  static <T> Optional<T> first(JsonNode object, List<String> fields, Function<JsonNode, Optional<T>> reader,
      String what, String configKey) {
    List<String> unreadable = new ArrayList<>();
    for (String field : fields) {
      JsonNode v = at(object, field);
      if (v.isMissingNode() || v.isNull()) {
        continue;
      }
      Optional<T> read = reader.apply(v);
      if (read.isPresent()) {
        return read;
      }
      unreadable.add(field);
    }
    if (!unreadable.isEmpty()) {
      throw DoctoretoErrors.protocol(what + " has " + unreadable + " but not in a form this client reads"
          + " (config " + configKey + " lists the fields tried)", object.toString());
    }
    return Optional.empty();
  }

  /** The first present text value among the fields, or empty. */
  static Optional<String> firstText(JsonNode object, List<String> fields) {
    for (String field : fields) {
      JsonNode v = at(object, field);
      if (v.isTextual() && !v.textValue().isBlank()) {
        return Optional.of(v.textValue());
      }
    }
    return Optional.empty();
  }

  /** The first present non-negative whole number among the fields (a number or a numeric string), or empty. */
  static Optional<Long> firstAmount(JsonNode object, List<String> fields) {
    for (String field : fields) {
      JsonNode v = at(object, field);
      if (v.isNumber() && v.asDouble() >= 0) {
        return Optional.of(v.asLong());
      }
      if (v.isTextual()) {
        String digits = DoctoretoTimes.asciiDigits(v.textValue()).replace(",", "").strip();
        if (digits.matches("\\d{1,15}")) {
          return Optional.of(Long.parseLong(digits));
        }
      }
    }
    return Optional.empty();
  }
}
