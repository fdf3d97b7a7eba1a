package io.github.slothunter.examples.cli;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Target;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Human names for targets: events carry only ids, the user wants "Dr. X at Clinic Y". Filled from
 * the {@link Doctor}s the CLI looked up. Thread-safe.
 */
final class Labels {
  /**
   * The names of one calendar.
   *
   * @param doctor the doctor's display name
   * @param center the center's name (its id when the provider gave none)
   * @param service the service's title, possibly empty
   * @param city the center's city, possibly empty
   */
  record Label(String doctor, String center, String service, String city) {
    /** {@code doctor · center · service}. */
    String text() {
      return doctor + " · " + center + (service.isEmpty() ? "" : " · " + service);
    }
  }

  private final Map<String, Label> byTarget = new ConcurrentHashMap<>();

  /** Remembers every calendar of the doctor. */
  void add(Doctor doctor) {
    for (Center c : doctor.centers()) {
      for (Service s : c.services()) {
        String id = new Target(doctor.ref(), c.id(), s.id(), Map.of()).id();
        byTarget.put(id, new Label(doctor.displayName(), c.name().isEmpty() ? "center " + c.id() : c.name(),
            s.title(), c.city()));
      }
    }
  }

  /** The names of the target, or its ids when the doctor was never looked up. */
  Label of(Target target) {
    Label l = byTarget.get(target.id());
    return l != null ? l : new Label(target.ref().toString(), "center " + target.centerId(),
        "service " + target.serviceId(), "");
  }
}
