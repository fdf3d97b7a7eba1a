package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.internal.Checks.requireText;

import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.testkit.internal.Ids;
import io.github.slothunter.testkit.internal.Paziresh24Directory.CenterSpec;
import io.github.slothunter.testkit.internal.Paziresh24Directory.ServiceSpec;
import io.github.slothunter.testkit.internal.Paziresh24ScenarioReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Describes one center of a {@link FakePaziresh24} doctor: its name, place, ids, map pin and services
 * ({@link Paziresh24ServiceBuilder}). Handed to the lambda of
 * {@link Paziresh24DoctorBuilder#center(String, Consumer)}; not thread-safe.
 */
public final class Paziresh24CenterBuilder {
  final String id;
  private String name = "مطب";
  private String city = "تهران";
  private String citySlug;
  private String province;
  private String address = "";
  private String serverId;
  private Integer centerType;
  private String userCenterId;
  private String phone = "";
  private GeoPoint location;
  final List<Paziresh24ServiceBuilder> services = new ArrayList<>();

  Paziresh24CenterBuilder(String id) {
    this.id = id;
  }

  /** Name; default {@code مطب}. */
  public Paziresh24CenterBuilder name(String value) {
    this.name = requireText(value, "name");
    return this;
  }

  /** City name; default {@code تهران}. Empty is allowed (online visits). */
  public Paziresh24CenterBuilder city(String value) {
    this.city = Objects.requireNonNull(value, "city");
    return this;
  }

  /** City slug for search; default guessed from common Persian city names (else {@code ir}). */
  public Paziresh24CenterBuilder citySlug(String value) {
    this.citySlug = requireText(value, "citySlug");
    return this;
  }

  /** Province; default the city. */
  public Paziresh24CenterBuilder province(String value) {
    this.province = Objects.requireNonNull(value, "province");
    return this;
  }

  /** Street address; default empty. */
  public Paziresh24CenterBuilder address(String value) {
    this.address = Objects.requireNonNull(value, "address");
    return this;
  }

  /** {@code server_id}; default the doctor's. */
  public Paziresh24CenterBuilder serverId(String value) {
    this.serverId = requireText(value, "serverId");
    return this;
  }

  /** {@code center_type}; default 1 (personal office), 3 for the online center. */
  public Paziresh24CenterBuilder centerType(int value) {
    this.centerType = value;
    return this;
  }

  /** {@code user_center_id} of the doctor here, and the default of its services; default a seeded UUID. */
  public Paziresh24CenterBuilder userCenterId(String value) {
    this.userCenterId = requireText(value, "userCenterId");
    return this;
  }

  /** Display phone number; default none. */
  public Paziresh24CenterBuilder phone(String value) {
    this.phone = Objects.requireNonNull(value, "phone");
    return this;
  }

  /**
   * The center's map pin, served as the profile's {@code map{lat,lon}} (spec 3B); default none (the
   * profile then has no {@code map}).
   */
  public Paziresh24CenterBuilder location(double lat, double lon) {
    this.location = new GeoPoint(lat, lon);
    return this;
  }

  /** Adds a service. */
  public Paziresh24CenterBuilder service(String serviceId, Consumer<Paziresh24ServiceBuilder> spec) {
    Paziresh24ServiceBuilder s = new Paziresh24ServiceBuilder(requireText(serviceId, "serviceId"));
    Objects.requireNonNull(spec, "spec").accept(s);
    services.add(s);
    return this;
  }

  CenterSpec spec(Paziresh24DoctorBuilder doctor, Ids defaults) {
    String ucid = userCenterId != null ? userCenterId
        : services.stream().filter(s -> s.userCenterId != null).map(s -> s.userCenterId).findFirst()
            .orElseGet(defaults::uuid);
    List<ServiceSpec> ss = new ArrayList<>();
    for (Paziresh24ServiceBuilder s : services) {
      ss.add(s.spec(ucid));
    }
    int type = centerType != null ? centerType : id.equals(FakePaziresh24.ONLINE_CENTER_ID) ? 3 : 1;
    return new CenterSpec(id, name, city, citySlug != null ? citySlug : guessCitySlug(city),
        province != null ? province : city, address, serverId != null ? serverId : doctor.serverId, type, ucid, phone,
        ss, location);
  }

  Paziresh24ScenarioReader.CenterTarget asTarget() {
    Paziresh24CenterBuilder self = this;
    return new Paziresh24ScenarioReader.CenterTarget() {
      @Override
      public void set(String key, String value) {
        switch (key) {
          case "name": self.name(value); break;
          case "city": self.city(value); break;
          case "citySlug": self.citySlug(value); break;
          case "province": self.province(value); break;
          case "address": self.address(value); break;
          case "serverId": self.serverId(value); break;
          case "centerType": self.centerType(Integer.parseInt(value)); break;
          case "userCenterId": self.userCenterId(value); break;
          case "phone": self.phone(value); break;
          case "location": {
            GeoPoint p = GeoPoint.parse(value);
            self.location(p.lat(), p.lon());
            break;
          }
          default: throw new IllegalArgumentException("unknown center key '" + key + "'");
        }
      }

      @Override
      public Paziresh24ScenarioReader.ServiceTarget service(String id) {
        Paziresh24ServiceBuilder s = new Paziresh24ServiceBuilder(requireText(id, "serviceId"));
        services.add(s);
        return s.asTarget();
      }
    };
  }

  private static String guessCitySlug(String city) {
    switch (city.strip()) {
      case "تهران": return "tehran";
      case "مشهد": return "mashhad";
      case "اصفهان": return "isfahan";
      case "شیراز": return "shiraz";
      case "تبریز": return "tabriz";
      case "کرج": return "karaj";
      case "اهواز": return "ahvaz";
      case "قم": return "qom";
      case "رشت": return "rasht";
      default: return city.isBlank() ? "ir" : city.strip().toLowerCase(Locale.ROOT);
    }
  }
}
