package io.github.slothunter.testkit.internal;

import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.testkit.internal.SlotCalendars.CalendarKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The doctors, centers and services a fake Paziresh24 serves. Immutable and thread-safe. */
public final class Paziresh24Directory {

  /**
   * One service at one center.
   *
   * @param id service id
   * @param title {@code alias_title}
   * @param price {@code free_price}, rials
   * @param duration one appointment's length
   * @param userCenterId {@code user_center_id}
   * @param canBooking {@code can_booking}
   * @param canRequest {@code can_request}
   * @param hoursOfWork {@code hours_of_work} as text; empty means none (the JSON days and hours come from the calendar)
   * @param bookingOff whether online booking starts switched off (status 700; can be toggled at run time)
   */
  public record ServiceSpec(String id, String title, long price, Duration duration, String userCenterId,
      boolean canBooking, boolean canRequest, String hoursOfWork, boolean bookingOff) {
    /** Whether the site offers online time slots for it. */
    public boolean bookable() {
      return canBooking && !hoursOfWork.isEmpty();
    }
  }

  /**
   * One center of a doctor.
   *
   * @param id center id ({@code 5532} is the online-visit pseudo center)
   * @param name name
   * @param city city name
   * @param citySlug city slug for search ({@code tehran})
   * @param province province name
   * @param address street address
   * @param serverId {@code server_id}
   * @param centerType {@code center_type} (1 = personal office)
   * @param userCenterId {@code user_center_id} of the doctor at this center
   * @param phone display phone number, may be empty
   * @param services services offered
   * @param location the center's map pin (profile {@code map{lat,lon}}), or {@code null} for none
   */
  public record CenterSpec(String id, String name, String city, String citySlug, String province, String address,
      String serverId, int centerType, String userCenterId, String phone, List<ServiceSpec> services,
      GeoPoint location) {
    /** Copies. */
    public CenterSpec {
      services = List.copyOf(services);
    }
  }

  /**
   * One specialty.
   *
   * @param title the text shown ({@code alias_title})
   * @param slug the group expertise's {@code en_slug}, used by search categories
   */
  public record Expertise(String title, String slug) {}

  /**
   * One doctor.
   *
   * @param slug the profile slug (decoded)
   * @param id {@code information.id}
   * @param profileId the drprofile record id
   * @param serverId {@code server_id}
   * @param userId {@code user_id}
   * @param displayName {@code display_name}
   * @param name first name
   * @param family family name
   * @param gender {@code gender} as sent
   * @param employeeId medical council number
   * @param experience years of experience
   * @param expertises specialties
   * @param aliases old slugs that redirect to {@code slug}
   * @param centers centers
   * @param widgets Hamdast pre-booking widgets (spec 5.9), usually none or one
   */
  public record DoctorSpec(String slug, String id, String profileId, String serverId, String userId,
      String displayName, String name, String family, String gender, String employeeId, int experience,
      List<Expertise> expertises, List<String> aliases, List<CenterSpec> centers, List<Widget> widgets) {
    /** Copies. */
    public DoctorSpec {
      expertises = List.copyOf(expertises);
      aliases = List.copyOf(aliases);
      centers = List.copyOf(centers);
      widgets = List.copyOf(widgets);
    }

    /** The first expertise's title, or empty. */
    public String displayExpertise() {
      return expertises.isEmpty() ? "" : expertises.get(0).title();
    }
  }

  /**
   * A Hamdast pre-booking widget (spec 5.9).
   *
   * @param id the widget id ({@code w-<digits>})
   * @param app the app name, also the path segment of its data endpoint
   * @param captcha whether the addon first answers {@code SHOW_FORM} (a captcha form) before {@code BOOK}
   * @param metaData the {@code meta_data} its {@code BOOK} answer carries
   */
  public record Widget(String id, String app, boolean captcha, Map<String, String> metaData) {
    /** Copies. */
    public Widget {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(app, "app");
      metaData = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metaData));
    }
  }

  /**
   * One calendar: a doctor's service at a center.
   *
   * @param doctor the doctor
   * @param center the center
   * @param service the service
   */
  public record Calendar(DoctorSpec doctor, CenterSpec center, ServiceSpec service) {
    /** The calendar's key. */
    public CalendarKey key() {
      return new CalendarKey(doctor.slug(), center.id(), service.id());
    }
  }

  private final Map<String, DoctorSpec> bySlug = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();
  private final List<Calendar> calendars = new ArrayList<>();

  /**
   * A directory of these doctors.
   *
   * @throws IllegalArgumentException on a duplicate slug or alias, or a duplicate center or service id within a doctor
   */
  public Paziresh24Directory(List<DoctorSpec> doctors) {
    for (DoctorSpec d : doctors) {
      if (bySlug.putIfAbsent(d.slug(), d) != null || aliases.containsKey(d.slug())) {
        throw new IllegalArgumentException("duplicate doctor slug: " + d.slug());
      }
      List<String> centerIds = new ArrayList<>();
      for (CenterSpec c : d.centers()) {
        if (centerIds.contains(c.id())) {
          throw new IllegalArgumentException("doctor " + d.slug() + " lists center " + c.id() + " twice");
        }
        centerIds.add(c.id());
        List<String> serviceIds = new ArrayList<>();
        for (ServiceSpec s : c.services()) {
          if (serviceIds.contains(s.id())) {
            throw new IllegalArgumentException("center " + c.id() + " of " + d.slug() + " lists service " + s.id()
                + " twice");
          }
          serviceIds.add(s.id());
          calendars.add(new Calendar(d, c, s));
        }
      }
    }
    for (DoctorSpec d : doctors) {
      for (String a : d.aliases()) {
        if (bySlug.containsKey(a) || aliases.putIfAbsent(a, d.slug()) != null) {
          throw new IllegalArgumentException("alias " + a + " is already a slug or alias");
        }
      }
    }
  }

  /** Every doctor, in registration order. */
  public List<DoctorSpec> doctors() {
    return List.copyOf(bySlug.values());
  }

  /** Every calendar, in registration order. */
  public List<Calendar> calendars() {
    return List.copyOf(calendars);
  }

  /** The doctor offering a widget of this app, if any. */
  public Optional<Widget> widget(String app) {
    for (DoctorSpec d : bySlug.values()) {
      for (Widget w : d.widgets()) {
        if (w.app().equals(app)) {
          return Optional.of(w);
        }
      }
    }
    return Optional.empty();
  }

  /** The doctor with this slug. */
  public Optional<DoctorSpec> doctor(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  /** The current slug an old slug redirects to. */
  public Optional<String> canonical(String alias) {
    return Optional.ofNullable(aliases.get(alias));
  }

  /** The calendar of a doctor's service at a center. */
  public Optional<Calendar> calendar(String slug, String centerId, String serviceId) {
    for (Calendar c : calendars) {
      if (c.doctor().slug().equals(slug) && c.center().id().equals(centerId) && c.service().id().equals(serviceId)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The calendar of a doctor's service at a center.
   *
   * @throws IllegalArgumentException naming what does not exist
   */
  public Calendar require(String slug, String centerId, String serviceId) {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(centerId, "centerId");
    Objects.requireNonNull(serviceId, "serviceId");
    return calendar(slug, centerId, serviceId).orElseThrow(() -> new IllegalArgumentException(
        "no calendar " + slug + "/" + centerId + "/" + serviceId + "; known: " + calendars.stream()
            .map(c -> c.doctor().slug() + "/" + c.center().id() + "/" + c.service().id()).toList()));
  }

  /** Every calendar at a center id (a center id may be shared by several doctors, like 5532). */
  public List<Calendar> atCenter(String centerId) {
    List<Calendar> out = new ArrayList<>();
    for (Calendar c : calendars) {
      if (c.center().id().equals(centerId)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Doctors matching a search: {@code city} is a city slug or {@code ir} for all, {@code category} an
   * expertise slug or empty, {@code text} words that must all appear in the name or an expertise.
   */
  public List<DoctorSpec> search(String city, String category, String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!w.isBlank()) {
        words.add(w);
      }
    }
    List<DoctorSpec> out = new ArrayList<>();
    for (DoctorSpec d : bySlug.values()) {
      boolean cityOk = city.isEmpty() || city.equals("ir")
          || d.centers().stream().anyMatch(c -> c.citySlug().equalsIgnoreCase(city));
      boolean categoryOk = category.isEmpty()
          || d.expertises().stream().anyMatch(e -> e.slug().equalsIgnoreCase(category));
      StringBuilder hay = new StringBuilder(d.displayName()).append(' ').append(d.slug());
      d.expertises().forEach(e -> hay.append(' ').append(e.title()));
      String haystack = hay.toString().toLowerCase(Locale.ROOT);
      boolean textOk = words.stream().allMatch(haystack::contains);
      if (cityOk && categoryOk && textOk) {
        out.add(d);
      }
    }
    return out;
  }
}
