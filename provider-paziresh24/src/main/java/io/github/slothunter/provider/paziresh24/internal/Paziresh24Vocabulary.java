package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.provider.paziresh24.Paziresh24Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cities and specialties an area search offers: a built-in table, or the lists of the JSON file
 * named by {@link Paziresh24Config#AREA_VOCABULARY}. Immutable and thread-safe.
 *
 * <p><b>UNVERIFIED.</b> The site publishes no full list (spec 9). City slugs {@code tehran}, {@code isfahan},
 * {@code shiraz}, {@code karaj}, {@code mashhad} were seen in the site's own city table ({@code en_slug},
 * MCP fixture {@code baseinfo.json}); {@code cardiovascular} and {@code anesthesia-and-intensive-care} in its
 * mega menu; {@code dermatology} and {@code general-practitioner} in the spec and the MCP client. The other
 * slugs follow the same pattern and are guesses; centre points are approximate city centres. Slugs not in
 * the table are still searched as given: the site's 404 decides.
 */
final class Paziresh24Vocabulary {
  private final List<Place> cities;
  private final List<Place> specialties;

  private Paziresh24Vocabulary(List<Place> cities, List<Place> specialties) {
    this.cities = List.copyOf(cities);
    this.specialties = List.copyOf(specialties);
  }

  /** The built-in table. */
  static Paziresh24Vocabulary builtIn() {
    return new Paziresh24Vocabulary(BUILT_IN_CITIES, BUILT_IN_SPECIALTIES);
  }

  /**
   * The file's lists where it has them, else the built-in ones. The file is
   * {@code {"cities":[{"slug","names":[..],"lat","lon"}], "specialties":[{"slug","names":[..]}]}}; either
   * list may be left out.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} naming the key when the file cannot be read or has
   *     another shape
   */
  static Paziresh24Vocabulary from(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(file));
    } catch (IOException e) { // JacksonException is an IOException
      throw SlotHunterException.builder(io.github.slothunter.api.ErrorCode.INVALID_INPUT)
          .providerId(ResponseClassifier.PROVIDER)
          .message("paziresh24 " + Paziresh24Config.AREA_VOCABULARY + ": cannot read '" + file + "' as JSON ("
              + (e instanceof JacksonException ? "malformed" : e.getClass().getSimpleName()) + ")")
          .cause(e).build();
    }
    if (!root.isObject()) {
      throw invalid(file, "the top level must be an object with cities and/or specialties");
    }
    return new Paziresh24Vocabulary(
        root.has("cities") ? places(file, root.get("cities"), true) : BUILT_IN_CITIES,
        root.has("specialties") ? places(file, root.get("specialties"), false) : BUILT_IN_SPECIALTIES);
  }

  List<Place> cities() {
    return cities;
  }

  List<Place> specialties() {
    return specialties;
  }

  private static List<Place> places(Path file, JsonNode list, boolean city) {
    if (!list.isArray()) {
      throw invalid(file, (city ? "cities" : "specialties") + " must be a list");
    }
    List<Place> out = new ArrayList<>();
    for (JsonNode p : list) {
      String slug = Json.text(p, "slug").orElseThrow(() -> invalid(file, "an entry without a slug: " + p));
      List<String> names = new ArrayList<>();
      p.path("names").forEach(n -> Json.text(n).ifPresent(names::add));
      if (names.isEmpty()) {
        names.add(slug);
      }
      GeoPoint centre = p.has("lat") || p.has("lon") ? Json.point(p) : null;
      if ((p.has("lat") || p.has("lon")) && centre == null) {
        throw invalid(file, "entry " + slug + " has no valid lat/lon");
      }
      try {
        out.add(new Place(slug, names, centre));
      } catch (SlotHunterException e) {
        throw invalid(file, "entry " + slug + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static SlotHunterException invalid(Path file, String why) {
    return SlotHunterException.invalid("paziresh24 " + Paziresh24Config.AREA_VOCABULARY, "'" + file + "': " + why);
  }

  private static Place city(String slug, double lat, double lon, String... names) {
    return new Place(slug, List.of(names), new GeoPoint(lat, lon));
  }

  private static Place specialty(String slug, String... names) {
    return new Place(slug, List.of(names), null);
  }

  /** Major cities: slug, Persian name first, then Latin spellings; centre points approximate. */
  static final List<Place> BUILT_IN_CITIES = List.of(
      city("tehran", 35.6892, 51.3890, "تهران", "Tehran"),
      city("mashhad", 36.2605, 59.6168, "مشهد", "Mashhad"),
      city("isfahan", 32.6546, 51.6680, "اصفهان", "Isfahan", "Esfahan"),
      city("karaj", 35.8400, 50.9391, "کرج", "Karaj"),
      city("shiraz", 29.5918, 52.5837, "شیراز", "Shiraz"),
      city("tabriz", 38.0800, 46.2919, "تبریز", "Tabriz"),
      city("qom", 34.6399, 50.8759, "قم", "Qom"),
      city("ahvaz", 31.3183, 48.6706, "اهواز", "Ahvaz", "Ahwaz"),
      city("kermanshah", 34.3142, 47.0650, "کرمانشاه", "Kermanshah"),
      city("urmia", 37.5527, 45.0761, "ارومیه", "Urmia", "Orumiyeh"),
      city("rasht", 37.2808, 49.5832, "رشت", "Rasht"),
      city("kerman", 30.2839, 57.0834, "کرمان", "Kerman"),
      city("yazd", 31.8974, 54.3569, "یزد", "Yazd"),
      city("hamedan", 34.7992, 48.5146, "همدان", "Hamedan", "Hamadan"),
      city("arak", 34.0954, 49.7013, "اراک", "Arak"));

  /** Common specialties: slug, Persian names first, then English ones. */
  static final List<Place> BUILT_IN_SPECIALTIES = List.of(
      specialty("dermatology", "پوست و مو", "پوست", "متخصص پوست", "Dermatology", "Dermatologist"),
      specialty("cardiovascular", "قلب و عروق", "قلب", "متخصص قلب", "Cardiology", "Cardiologist"),
      specialty("general-practitioner", "پزشک عمومی", "عمومی", "General practitioner", "GP"),
      specialty("anesthesia-and-intensive-care", "بیهوشی و مراقبت های ویژه", "بیهوشی", "Anesthesiology"),
      specialty("pediatrics", "کودکان و نوزادان", "اطفال", "کودکان", "Pediatrics", "Pediatrician"),
      specialty("gynecology-and-obstetrics", "زنان و زایمان", "زنان", "Gynecology", "Obstetrics"),
      specialty("ophthalmology", "چشم پزشکی", "چشم", "Ophthalmology", "Eye"),
      specialty("orthopedics", "ارتوپدی", "Orthopedics"),
      specialty("internal-medicine", "داخلی", "Internal medicine", "Internist"),
      specialty("neurology", "مغز و اعصاب", "نورولوژی", "Neurology", "Neurologist"),
      specialty("psychiatry", "روانپزشکی", "Psychiatry", "Psychiatrist"),
      specialty("psychology", "روانشناسی", "مشاوره", "Psychology", "Psychologist"),
      specialty("ent", "گوش و حلق و بینی", "Ear nose throat", "ENT"),
      specialty("urology", "کلیه و مجاری ادراری", "اورولوژی", "Urology", "Urologist"),
      specialty("dentistry", "دندانپزشکی", "دندانپزشک", "Dentistry", "Dentist"),
      specialty("nutrition", "تغذیه", "Nutrition", "Dietitian"));
}
