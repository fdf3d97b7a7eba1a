package io.github.slothunter.examples.telegram;

import java.util.Objects;

/**
 * What the bot shows about a watch, remembered from the doctor lookup that created it (the engine
 * keeps ids, not names).
 *
 * @param doctorName the doctor's display name
 * @param centerName the center's name
 * @param serviceTitle the service's title
 * @param price the service's price in the provider's unit (Paziresh24: rials), or {@code null} when unknown
 * @param link the doctor link the watch was registered with
 * @param centerId the center id
 * @param serviceId the service id
 */
public record WatchLabel(String doctorName, String centerName, String serviceTitle, Long price, String link,
    String centerId, String serviceId) {
  /** Validates. */
  public WatchLabel {
    Objects.requireNonNull(doctorName, "doctorName");
    Objects.requireNonNull(centerName, "centerName");
    Objects.requireNonNull(serviceTitle, "serviceTitle");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(centerId, "centerId");
    Objects.requireNonNull(serviceId, "serviceId");
  }

  /** {@code center — service}, or whichever of the two is known. */
  public String place() {
    if (centerName.isBlank()) {
      return serviceTitle;
    }
    return serviceTitle.isBlank() ? centerName : centerName + " — " + serviceTitle;
  }
}
