package io.github.slothunter.api;

/**
 * What a person reads about a slot's calendar: the doctor's, center's and service's names as the
 * provider shows them, the visit's price and, for an area watch with a point, how far the center is.
 * Events carry one so that apps need not look the doctor up again (see {@link JalaliFormat} for the
 * dates and amounts).
 *
 * <p>Immutable and thread-safe.
 *
 * @param doctor the doctor's display name; empty when unknown
 * @param center the center's name; empty when unknown
 * @param service the service's title; empty when unknown
 * @param price the visit's price in rials, or {@code null} when unknown
 * @param distanceKm great-circle distance from the watch's point to the center, or {@code null}
 *     when the watch has no point or the center no coordinates
 */
public record SlotLabel(String doctor, String center, String service, Long price, Double distanceKm) {
  /** A label that knows nothing (the doctor was never looked up, or the event predates labels). */
  public static final SlotLabel UNKNOWN = new SlotLabel("", "", "", null, null);

  /** Validates and trims. */
  public SlotLabel {
    doctor = Text.optional("label doctor", doctor, Text.MAX_NAME);
    center = Text.optional("label center", center, Text.MAX_NAME);
    service = Text.optional("label service", service, Text.MAX_NAME);
    if (price != null && price < 0) {
      throw SlotHunterException.invalid("label price", "must not be negative: " + price);
    }
    if (distanceKm != null && (distanceKm.isNaN() || distanceKm < 0)) {
      throw SlotHunterException.invalid("label distanceKm", "must be a non-negative number: " + distanceKm);
    }
  }

  /**
   * The label an event carries ({@link SlotOpened}, {@link HoldPlaced}, {@link BookingSucceeded},
   * {@link BookingFailed}, {@link BookingOutcomeUnknown}, {@link HoldOutcomeUnknown}), or {@code null}
   * for a kind of event that has none.
   */
  public static SlotLabel of(SlotEvent event) {
    if (event instanceof SlotOpened e) {
      return e.label();
    } else if (event instanceof HoldPlaced e) {
      return e.label();
    } else if (event instanceof BookingSucceeded e) {
      return e.label();
    } else if (event instanceof BookingFailed e) {
      return e.label();
    } else if (event instanceof BookingOutcomeUnknown e) {
      return e.label();
    } else if (event instanceof HoldOutcomeUnknown e) {
      return e.label();
    }
    return null;
  }

  /** This label with a distance. */
  public SlotLabel withDistanceKm(Double km) {
    return new SlotLabel(doctor, center, service, price, km);
  }

  /**
   * One line for people: {@code Dr Name · Center · Service · 1,500,000 rials · 3.2 km}, parts that
   * are unknown left out; empty for {@link #UNKNOWN}.
   */
  public String line(JalaliFormat format) {
    StringBuilder b = new StringBuilder();
    for (String part : new String[] {doctor, center, service}) {
      append(b, part);
    }
    if (price != null) {
      append(b, format.rials(price));
    }
    if (distanceKm != null) {
      append(b, format.kilometres(distanceKm));
    }
    return b.toString();
  }

  private static void append(StringBuilder b, String part) {
    if (!part.isEmpty()) {
      b.append(b.length() == 0 ? "" : " · ").append(part);
    }
  }
}
