package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.internal.Checks.requireText;

import io.github.slothunter.testkit.internal.Ids;
import io.github.slothunter.testkit.internal.Paziresh24Directory;
import io.github.slothunter.testkit.internal.Paziresh24Directory.CenterSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.DoctorSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.Expertise;
import io.github.slothunter.testkit.internal.Paziresh24ScenarioReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Describes one doctor of a {@link FakePaziresh24}: the profile's names and ids, specialties, old
 * slugs, Hamdast widgets and centers ({@link Paziresh24CenterBuilder}). Handed to the lambda of
 * {@link FakePaziresh24Builder#doctor(String, Consumer)}; not thread-safe.
 */
public final class Paziresh24DoctorBuilder {
  final String slug;
  private String displayName;
  private String name;
  private String family;
  private String gender = "";
  private String id;
  private String userId;
  String serverId = "1";
  private String employeeId;
  private int experience = 10;
  private final List<Expertise> expertises = new ArrayList<>();
  private final List<String> aliases = new ArrayList<>();
  final List<Paziresh24CenterBuilder> centers = new ArrayList<>();
  private final List<String[]> widgetApps = new ArrayList<>();
  private final List<Map<String, String>> widgetMeta = new ArrayList<>();

  Paziresh24DoctorBuilder(String slug) {
    Objects.requireNonNull(slug, "slug");
    if (slug.isBlank() || slug.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || Character.isWhitespace(c))) {
      throw new IllegalArgumentException("slug must be non-blank without '/', '?', '#' or spaces: '" + slug + "'");
    }
    this.slug = slug;
  }

  /** {@code display_name}; default the slug. */
  public Paziresh24DoctorBuilder displayName(String value) {
    this.displayName = requireText(value, "displayName");
    return this;
  }

  /** First name; default the display name's first word after "دکتر". */
  public Paziresh24DoctorBuilder name(String value) {
    this.name = requireText(value, "name");
    return this;
  }

  /** Family name; default the rest of the display name. */
  public Paziresh24DoctorBuilder family(String value) {
    this.family = requireText(value, "family");
    return this;
  }

  /** {@code gender} as the site sends it; default empty. */
  public Paziresh24DoctorBuilder gender(String value) {
    this.gender = Objects.requireNonNull(value, "gender");
    return this;
  }

  /** {@code information.id}; default a seeded UUID. */
  public Paziresh24DoctorBuilder id(String value) {
    this.id = requireText(value, "id");
    return this;
  }

  /** {@code user_id}; default seeded digits. */
  public Paziresh24DoctorBuilder userId(String value) {
    this.userId = requireText(value, "userId");
    return this;
  }

  /** {@code server_id} of the doctor and, by default, of its centers; default {@code 1}. */
  public Paziresh24DoctorBuilder serverId(String value) {
    this.serverId = requireText(value, "serverId");
    return this;
  }

  /** Medical council number; default seeded digits. */
  public Paziresh24DoctorBuilder employeeId(String value) {
    this.employeeId = requireText(value, "employeeId");
    return this;
  }

  /** Years of experience; default 10. */
  public Paziresh24DoctorBuilder experience(int value) {
    this.experience = value;
    return this;
  }

  /** Adds a specialty; its search slug is guessed from common Persian names (else {@code other}). */
  public Paziresh24DoctorBuilder expertise(String title) {
    return expertise(title, guessExpertiseSlug(requireText(title, "expertise")));
  }

  /** Adds a specialty with its search category slug (for example {@code cardiovascular}). */
  public Paziresh24DoctorBuilder expertise(String title, String slug) {
    expertises.add(new Expertise(requireText(title, "expertise"), requireText(slug, "expertise slug")));
    return this;
  }

  /** An old slug that now redirects here (301 on the page, {@code redirect} on drprofile). */
  public Paziresh24DoctorBuilder alias(String oldSlug) {
    aliases.add(new Paziresh24DoctorBuilder(oldSlug).slug);
    return this;
  }

  /**
   * A Hamdast pre-booking widget (spec 5.9) whose addon answers {@code {"action":"BOOK","meta_data":{...}}}
   * at once with {@code metaData}. Listed by {@link FakePaziresh24#BOOKING_WIDGETS}; its {@code data_endpoint} is
   * {@code <base URL>/v1/apps/<app>/prebook}.
   */
  public Paziresh24DoctorBuilder bookingWidget(String app, Map<String, String> metaData) {
    return widget(app, false, metaData);
  }

  /**
   * A Hamdast pre-booking widget whose addon first answers {@code SHOW_FORM} (a captcha form, spec 11);
   * its submit endpoint {@code <base URL>/v1/apps/<app>/verify} answers {@code BOOK} with
   * {@code metaData} once {@code form_data.captcha} is non-blank.
   */
  public Paziresh24DoctorBuilder bookingWidgetWithCaptcha(String app, Map<String, String> metaData) {
    return widget(app, true, metaData);
  }

  private Paziresh24DoctorBuilder widget(String app, boolean captcha, Map<String, String> metaData) {
    String a = requireText(app, "app");
    if (!a.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("app must be a path segment of letters, digits, '.', '_' or '-': " + a);
    }
    widgetApps.add(new String[] {a, Boolean.toString(captcha)});
    widgetMeta.add(new LinkedHashMap<>(Objects.requireNonNull(metaData, "metaData")));
    return this;
  }

  /** Adds a center ({@value FakePaziresh24#ONLINE_CENTER_ID} is the online-visit pseudo center). */
  public Paziresh24DoctorBuilder center(String centerId, Consumer<Paziresh24CenterBuilder> spec) {
    Paziresh24CenterBuilder c = new Paziresh24CenterBuilder(requireText(centerId, "centerId"));
    Objects.requireNonNull(spec, "spec").accept(c);
    centers.add(c);
    return this;
  }

  DoctorSpec spec(Ids defaults) {
    String shown = displayName != null ? displayName : slug;
    String bare = shown.startsWith("دکتر ") ? shown.substring(5).strip() : shown;
    int space = bare.indexOf(' ');
    String first = name != null ? name : space < 0 ? bare : bare.substring(0, space);
    String last = family != null ? family : space < 0 ? "" : bare.substring(space + 1);
    String docId = id != null ? id : defaults.uuid();
    String uid = userId != null ? userId : defaults.digits(7);
    String emp = employeeId != null ? employeeId : defaults.digits(5);
    String profileId = defaults.digits(6);
    List<CenterSpec> cs = new ArrayList<>();
    for (Paziresh24CenterBuilder c : centers) {
      cs.add(c.spec(this, defaults));
    }
    List<Paziresh24Directory.Widget> widgets = new ArrayList<>();
    for (int i = 0; i < widgetApps.size(); i++) {
      widgets.add(new Paziresh24Directory.Widget("w-" + defaults.digits(2), widgetApps.get(i)[0],
          Boolean.parseBoolean(widgetApps.get(i)[1]), widgetMeta.get(i)));
    }
    return new DoctorSpec(slug, docId, profileId, serverId, uid, shown, first, last, gender, emp, experience,
        expertises, aliases, cs, widgets);
  }

  Paziresh24ScenarioReader.DoctorTarget asTarget() {
    Paziresh24DoctorBuilder self = this;
    return new Paziresh24ScenarioReader.DoctorTarget() {
      @Override
      public void set(String key, String value) {
        switch (key) {
          case "displayName": self.displayName(value); break;
          case "name": self.name(value); break;
          case "family": self.family(value); break;
          case "gender": self.gender(value); break;
          case "id": self.id(value); break;
          case "userId": self.userId(value); break;
          case "serverId": self.serverId(value); break;
          case "employeeId": self.employeeId(value); break;
          case "experience": self.experience(Integer.parseInt(value)); break;
          case "expertise": self.expertise(value); break;
          case "alias": self.alias(value); break;
          default: throw new IllegalArgumentException("unknown doctor key '" + key + "'");
        }
      }

      @Override
      public void widget(String app, boolean captcha, Map<String, String> metaData) {
        self.widget(app, captcha, metaData);
      }

      @Override
      public Paziresh24ScenarioReader.CenterTarget center(String id) {
        Paziresh24CenterBuilder c = new Paziresh24CenterBuilder(requireText(id, "centerId"));
        centers.add(c);
        return c.asTarget();
      }
    };
  }

  private static String guessExpertiseSlug(String title) {
    switch (title.strip()) {
      case "قلب و عروق": return "cardiovascular";
      case "پوست و مو": return "dermatology";
      case "داخلی": return "internal";
      case "اطفال":
      case "کودکان": return "pediatrics";
      case "زنان و زایمان": return "obstetrics-gynecology";
      case "عمومی":
      case "پزشک عمومی": return "general-practitioner";
      case "چشم پزشکی": return "ophthalmology";
      case "ارتوپدی": return "orthopedics";
      case "دندانپزشکی":
      case "دندانپزشک": return "dentistry";
      case "روانپزشکی": return "psychiatry";
      case "گوش و حلق و بینی": return "ent";
      default: return "other";
    }
  }
}
