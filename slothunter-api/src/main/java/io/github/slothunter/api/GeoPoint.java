package io.github.slothunter.api;

/**
 * A point on the earth, in degrees (WGS 84), as sites give centers' map pins.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record GeoPoint(double lat, double lon) {
  private static final double EARTH_RADIUS_KM = 6371.0088;

  /** Validates. */
  public GeoPoint {
    if (Double.isNaN(lat) || lat < -90 || lat > 90) {
      throw SlotHunterException.invalid("latitude", "must be between -90 and 90: " + lat);
    }
    if (Double.isNaN(lon) || lon < -180 || lon > 180) {
      throw SlotHunterException.invalid("longitude", "must be between -180 and 180: " + lon);
    }
  }

  /**
   * Parses {@code "35.6997,51.3380"} (Persian or Arabic digits and a Persian comma too).
   *
   * @throws SlotHunterException {@code INVALID_INPUT} when it is not two numbers in range
   */
  public static GeoPoint parse(String latCommaLon) {
    if (latCommaLon == null) {
      throw SlotHunterException.invalid("point", "is required (lat,lon)");
    }
    String s = Text.asciiDigits(latCommaLon).replace('\u060C', ',').replace('\u066B', '.').trim();
    String[] parts = s.split("\\s*,\\s*|\\s+");
    if (parts.length != 2) {
      throw SlotHunterException.invalid("point", "must be 'lat,lon', e.g. 35.6997,51.3380: '" + latCommaLon + "'");
    }
    try {
      return new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    } catch (NumberFormatException e) {
      throw SlotHunterException.invalid("point", "must be two numbers 'lat,lon': '" + latCommaLon + "'");
    }
  }

  /** Great-circle (haversine) distance to another point, in kilometres. */
  public double distanceKm(GeoPoint other) {
    double dLat = Math.toRadians(other.lat - lat);
    double dLon = Math.toRadians(other.lon - lon);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  @Override
  public String toString() {
    return lat + "," + lon;
  }
}
