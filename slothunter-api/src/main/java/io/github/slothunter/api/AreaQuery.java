package io.github.slothunter.api;

import java.util.Objects;

/**
 * What an area watch looks at: the doctors of one specialty in one city on one provider, narrowed by
 * distance from a point, price, the doctor's gender and the kind of visit. Cities and specialties are
 * given as people type them (Persian or Latin spellings, or the provider's own slugs); the engine
 * resolves them against the provider's vocabulary ({@code AreaSearch.cities()}, {@code specialties()}).
 *
 * <pre>{@code
 * AreaQuery q = AreaQuery.builder("paziresh24", "پوست", "تهران")
 *     .near(GeoPoint.parse("35.7219,51.3347"), 5)
 *     .maxPrice(2_000_000)
 *     .build();
 * }</pre>
 *
 * <p>Insurance is not a criterion: no provider's area search exposes it today.
 *
 * <p>Immutable and thread-safe; {@link #toBuilder()} makes an edited copy.
 */
public final class AreaQuery {
  /** Default {@link #maxMembers()}: the most doctors one area watch covers unless told otherwise. */
  public static final int DEFAULT_MAX_MEMBERS = 200;
  /** The largest {@link #maxMembers()} allowed. */
  public static final int HARD_MAX_MEMBERS = 500;
  /** The largest radius accepted, in kilometres. */
  public static final double MAX_RADIUS_KM = 2000;

  private final String providerId;
  private final String specialty;
  private final String city;
  private final GeoPoint point;
  private final Double radiusKm;
  private final Long maxPrice;
  private final Gender gender;
  private final VisitType visitType;
  private final boolean keepUnlocated;
  private final int maxMembers;

  private AreaQuery(Builder b) {
    this.providerId = b.providerId;
    this.specialty = b.specialty;
    this.city = b.city;
    this.point = b.point;
    this.radiusKm = b.radiusKm;
    this.maxPrice = b.maxPrice;
    this.gender = b.gender;
    this.visitType = b.visitType;
    this.keepUnlocated = b.keepUnlocated;
    this.maxMembers = b.maxMembers;
  }

  /**
   * A builder for this specialty in this city on this provider.
   *
   * @param providerId the provider ({@code paziresh24})
   * @param specialty a specialty as typed ({@code پوست}, {@code dermatology})
   * @param city a city as typed ({@code تهران}, {@code Tehran}, {@code tehran})
   * @throws SlotHunterException {@code INVALID_INPUT} for a bad provider id or a blank word
   */
  public static Builder builder(String providerId, String specialty, String city) {
    return new Builder(providerId, specialty, city);
  }

  /** A builder holding this query's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider id. */
  public String providerId() {
    return providerId;
  }

  /** The specialty as given. */
  public String specialty() {
    return specialty;
  }

  /** The city as given. */
  public String city() {
    return city;
  }

  /** The point distances are measured from, or {@code null}. */
  public GeoPoint point() {
    return point;
  }

  /** Only centers at most this far from {@link #point()}, in kilometres, or {@code null} for any distance. */
  public Double radiusKm() {
    return radiusKm;
  }

  /** Only centers whose visit costs at most this (rials; unknown prices pass), or {@code null}. */
  public Long maxPrice() {
    return maxPrice;
  }

  /** Only doctors of this gender, or {@code null} for any. */
  public Gender gender() {
    return gender;
  }

  /** Only this kind of visit, or {@code null} for any. */
  public VisitType visitType() {
    return visitType;
  }

  /**
   * Whether centers without coordinates are kept when a radius is set (their distance is unknown).
   * Without a radius every center is kept whatever this says.
   */
  public boolean keepUnlocated() {
    return keepUnlocated;
  }

  /** The most doctors the area may have; a query matching more is refused with the count. */
  public int maxMembers() {
    return maxMembers;
  }

  /** Whether a center at {@code location} (or without one, {@code null}) is in the query's radius. */
  public boolean inRadius(GeoPoint location) {
    if (point == null || radiusKm == null) {
      return true;
    }
    return location == null ? keepUnlocated : point.distanceKm(location) <= radiusKm;
  }

  /** The distance from the query's point to {@code location}, or {@code null} when either is missing. */
  public Double distanceKm(GeoPoint location) {
    return point == null || location == null ? null : point.distanceKm(location);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AreaQuery q && providerId.equals(q.providerId) && specialty.equals(q.specialty)
        && city.equals(q.city) && Objects.equals(point, q.point) && Objects.equals(radiusKm, q.radiusKm)
        && Objects.equals(maxPrice, q.maxPrice) && gender == q.gender && visitType == q.visitType
        && keepUnlocated == q.keepUnlocated && maxMembers == q.maxMembers;
  }

  @Override
  public int hashCode() {
    return Objects.hash(providerId, specialty, city, point, radiusKm, maxPrice, gender, visitType, keepUnlocated,
        maxMembers);
  }

  @Override
  public String toString() {
    return "AreaQuery[" + providerId + ", specialty=" + specialty + ", city=" + city
        + (point == null ? "" : ", near=" + point + (radiusKm == null ? "" : " within " + radiusKm + " km"))
        + (maxPrice == null ? "" : ", maxPrice=" + maxPrice) + (gender == null ? "" : ", gender=" + gender)
        + (visitType == null ? "" : ", visit=" + visitType) + (keepUnlocated ? ", keepUnlocated" : "")
        + ", maxMembers=" + maxMembers + "]";
  }

  /** Builds an {@link AreaQuery}; setters check their argument at once. Not thread-safe. */
  public static final class Builder {
    private final String providerId;
    private final String specialty;
    private final String city;
    private GeoPoint point;
    private Double radiusKm;
    private Long maxPrice;
    private Gender gender;
    private VisitType visitType;
    private boolean keepUnlocated;
    private int maxMembers = DEFAULT_MAX_MEMBERS;

    private Builder(String providerId, String specialty, String city) {
      this.providerId = DoctorRef.requireProviderId(providerId);
      this.specialty = Text.required("area specialty", specialty, Text.MAX_NAME);
      this.city = Text.required("area city", city, Text.MAX_NAME);
    }

    private Builder(AreaQuery q) {
      this(q.providerId, q.specialty, q.city);
      point = q.point;
      radiusKm = q.radiusKm;
      maxPrice = q.maxPrice;
      gender = q.gender;
      visitType = q.visitType;
      keepUnlocated = q.keepUnlocated;
      maxMembers = q.maxMembers;
    }

    /** Distances from this point, without a radius (every distance passes; events still show it). */
    public Builder near(GeoPoint value) {
      this.point = Objects.requireNonNull(value, "point");
      this.radiusKm = null;
      return this;
    }

    /** Only centers within {@code radiusKm} kilometres (0 exclusive to {@value #MAX_RADIUS_KM}) of {@code value}. */
    public Builder near(GeoPoint value, double radiusKm) {
      Objects.requireNonNull(value, "point");
      if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
        throw SlotHunterException.invalid("area radiusKm", "must be more than 0 and at most " + MAX_RADIUS_KM + ": "
            + radiusKm);
      }
      this.point = value;
      this.radiusKm = radiusKm;
      return this;
    }

    /** Only centers whose visit costs at most {@code value} rials (centers without a price pass). */
    public Builder maxPrice(long value) {
      if (value < 0) {
        throw SlotHunterException.invalid("area maxPrice", "must not be negative: " + value);
      }
      this.maxPrice = value;
      return this;
    }

    /** Only doctors of this gender ({@code null} or {@link Gender#UNSPECIFIED}: any). */
    public Builder gender(Gender value) {
      this.gender = value == Gender.UNSPECIFIED ? null : value;
      return this;
    }

    /** Only this kind of visit ({@code null}: any). */
    public Builder visitType(VisitType value) {
      this.visitType = value;
      return this;
    }

    /** Keep ({@code true}) or drop (default) centers without coordinates when a radius is set. */
    public Builder keepUnlocated(boolean value) {
      this.keepUnlocated = value;
      return this;
    }

    /** The most doctors the area may have, 1 to {@value #HARD_MAX_MEMBERS} (default {@value #DEFAULT_MAX_MEMBERS}). */
    public Builder maxMembers(int value) {
      if (value < 1 || value > HARD_MAX_MEMBERS) {
        throw SlotHunterException.invalid("area maxMembers", "must be 1-" + HARD_MAX_MEMBERS + ": " + value);
      }
      this.maxMembers = value;
      return this;
    }

    /** The query. */
    public AreaQuery build() {
      return new AreaQuery(this);
    }
  }
}
