package io.github.slothunter.testkit.internal.doctoreto;

import io.github.slothunter.testkit.internal.SlotCalendars.CalendarKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The fake's doctors and their consultations, fixed at build time. Immutable and thread-safe. */
public final class DoctoretoDirectory {

  /**
   * One doctor.
   *
   * @param code the six-character code in the profile URL
   * @param slug the Latin slug in the profile URL
   * @param fullName the name the page shows
   * @param title the headline under the name
   * @param specialities specialty names
   * @param medicalNumber the medical council number
   * @param consultationsQueryIndex where the consultations query sits in the page's {@code queries[]}
   * @param consultations the consultations, in page order
   */
  public record DoctorSpec(String code, String slug, String fullName, String title, List<String> specialities,
      String medicalNumber, int consultationsQueryIndex, List<ConsultationSpec> consultations) {
    /** Validates and copies. */
    public DoctorSpec {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(fullName, "fullName");
      Objects.requireNonNull(title, "title");
      specialities = List.copyOf(specialities);
      Objects.requireNonNull(medicalNumber, "medicalNumber");
      consultations = List.copyOf(consultations);
    }
  }

  /**
   * One consultation (a clinic, an office or an online service) with its own calendar.
   *
   * @param id the consultation id ({@code consultation_id} of the slots endpoint)
   * @param title the consultation's title, or {@code null} for none (the site's field is unknown)
   * @param place where it happens, or {@code null} for an online consultation
   * @param price the price, or {@code null} for none
   * @param slotLength the length of each slot
   */
  public record ConsultationSpec(long id, String title, Place place, Long price, Duration slotLength) {
    /** Validates. */
    public ConsultationSpec {
      Objects.requireNonNull(slotLength, "slotLength");
    }

    /** The consultation id as text. */
    public String idText() {
      return Long.toString(id);
    }
  }

  /**
   * A consultation's place.
   *
   * @param name the place's name
   * @param address the street address
   * @param city the city name
   * @param citySlug the city slug
   * @param phones display phone numbers
   * @param latitude latitude
   * @param longitude longitude
   */
  public record Place(String name, String address, String city, String citySlug, List<String> phones, double latitude,
      double longitude) {
    /** Validates and copies. */
    public Place {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(city, "city");
      Objects.requireNonNull(citySlug, "citySlug");
      phones = List.copyOf(phones);
    }
  }

  /**
   * One consultation's calendar and its doctor.
   *
   * @param doctor the doctor
   * @param consultation the consultation
   */
  public record Calendar(DoctorSpec doctor, ConsultationSpec consultation) {
    /** The key of this calendar in {@link io.github.slothunter.testkit.internal.SlotCalendars}. */
    public CalendarKey key() {
      return new CalendarKey(doctor.code(), consultation.idText(), consultation.idText());
    }
  }

  private final Map<String, DoctorSpec> byCode = new LinkedHashMap<>();
  private final Map<Long, Calendar> byConsultation = new LinkedHashMap<>();

  /**
   * A directory of these doctors.
   *
   * @throws IllegalArgumentException on a duplicate code or consultation id
   */
  public DoctoretoDirectory(List<DoctorSpec> doctors) {
    for (DoctorSpec d : doctors) {
      if (byCode.putIfAbsent(d.code(), d) != null) {
        throw new IllegalArgumentException("duplicate doctor code " + d.code());
      }
      for (ConsultationSpec c : d.consultations()) {
        if (byConsultation.putIfAbsent(c.id(), new Calendar(d, c)) != null) {
          throw new IllegalArgumentException("duplicate consultation id " + c.id());
        }
      }
    }
  }

  /** Every doctor, in registration order. */
  public List<DoctorSpec> doctors() {
    return List.copyOf(byCode.values());
  }

  /** Every consultation's calendar, in registration order. */
  public List<Calendar> calendars() {
    return List.copyOf(byConsultation.values());
  }

  /** The doctor with this code. */
  public Optional<DoctorSpec> doctor(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The calendar of a consultation id. */
  public Optional<Calendar> calendar(long consultationId) {
    return Optional.ofNullable(byConsultation.get(consultationId));
  }

  /**
   * The calendar of a doctor's consultation.
   *
   * @throws IllegalArgumentException when the doctor has no such consultation
   */
  public Calendar require(String code, long consultationId) {
    Calendar c = byConsultation.get(consultationId);
    if (c == null || !c.doctor().code().equals(code)) {
      throw new IllegalArgumentException("doctor " + code + " has no consultation " + consultationId);
    }
    return c;
  }
}
