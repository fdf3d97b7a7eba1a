package io.github.slothunter.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The area part of an area watch: the query as the owner gave it, the provider's slugs it resolved
 * to, and the doctors it covers (refreshed daily). The watch's own {@link Watch#targets()} are the
 * members' calendars being polled now (those whose first free slot may match); the rest are watched
 * through the area's search pages.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the query as given
 * @param city the provider's city slug
 * @param specialty the provider's specialty slug
 * @param members the doctors, earliest first free slot first as of the last refresh
 * @param refreshedAt when the members were last listed from the provider's search
 */
public record WatchArea(AreaQuery query, String city, String specialty, List<AreaMember> members,
    Instant refreshedAt) {
  /** Validates and copies. */
  public WatchArea {
    Objects.requireNonNull(query, "query");
    city = Text.required("area city slug", city, Text.MAX_ID);
    specialty = Text.required("area specialty slug", specialty, Text.MAX_ID);
    members = List.copyOf(members);
    Objects.requireNonNull(refreshedAt, "refreshedAt");
  }

  /** The member with this doctor, or {@code null}. */
  public AreaMember member(DoctorRef ref) {
    for (AreaMember m : members) {
      if (m.ref().equals(ref)) {
        return m;
      }
    }
    return null;
  }

  /** A copy with other members, listed at {@code at}. */
  public WatchArea withMembers(List<AreaMember> value, Instant at) {
    return new WatchArea(query, city, specialty, value, at);
  }

  /** A copy with other members, keeping {@link #refreshedAt()}. */
  public WatchArea withMembers(List<AreaMember> value) {
    return new WatchArea(query, city, specialty, value, refreshedAt);
  }

  @Override
  public String toString() {
    return "WatchArea[" + query.providerId() + ":" + city + "/" + specialty + ", members=" + members.size()
        + ", refreshedAt=" + refreshedAt + "]";
  }
}
