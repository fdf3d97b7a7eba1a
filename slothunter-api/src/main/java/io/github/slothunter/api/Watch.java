package io.github.slothunter.api;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Target;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A registered watch, as the engine and its {@link io.github.slothunter.spi.Store} keep it. Immutable; the engine replaces
 * it when its state changes.
 *
 * @param id the engine-assigned id
 * @param owner the host's user id
 * @param doctor the doctor
 * @param targets the calendars watched (one per chosen service)
 * @param prices the price per target id, where known (used by {@link SlotFilter#maxPrice()})
 * @param filter which slots count
 * @param planName the plan it runs under
 * @param autoBook auto-book settings, or {@code null} for notify-only
 * @param createdAt when it was registered (older watches win ties for a contested slot)
 * @param state where it is in its life
 * @param snoozed per target id, until when the owner asked not to be told about it (see
 *     {@code SlotHunter.snooze}); expired entries are harmless
 * @param area for an area watch, its query and members ({@code doctor} is then the area's own
 *     reference, {@code targets} the members' calendars polled now, across doctors); {@code null}
 *     for a doctor watch
 * @param labels per target id, what its events show (doctor, center, service, price) as the doctor's
 *     profile said when the watch was registered; a target without one is shown with what the area's
 *     member says of it, else {@link SlotLabel#UNKNOWN}
 */
public record Watch(String id, String owner, DoctorRef doctor, List<Target> targets,
    java.util.Map<String, Long> prices, SlotFilter filter, String planName, AutoBook autoBook,
    Instant createdAt, WatchState state, java.util.Map<String, Instant> snoozed, WatchArea area,
    java.util.Map<String, SlotLabel> labels) {

  /** A doctor watch (no area), without labels. */
  public Watch(String id, String owner, DoctorRef doctor, List<Target> targets, java.util.Map<String, Long> prices,
      SlotFilter filter, String planName, AutoBook autoBook, Instant createdAt, WatchState state,
      java.util.Map<String, Instant> snoozed) {
    this(id, owner, doctor, targets, prices, filter, planName, autoBook, createdAt, state, snoozed, null,
        java.util.Map.of());
  }

  /** A watch without labels. */
  public Watch(String id, String owner, DoctorRef doctor, List<Target> targets, java.util.Map<String, Long> prices,
      SlotFilter filter, String planName, AutoBook autoBook, Instant createdAt, WatchState state,
      java.util.Map<String, Instant> snoozed, WatchArea area) {
    this(id, owner, doctor, targets, prices, filter, planName, autoBook, createdAt, state, snoozed, area,
        java.util.Map.of());
  }

  /** A doctor watch (no area) with labels. */
  public Watch(String id, String owner, DoctorRef doctor, List<Target> targets, java.util.Map<String, Long> prices,
      SlotFilter filter, String planName, AutoBook autoBook, Instant createdAt, WatchState state,
      java.util.Map<String, Instant> snoozed, java.util.Map<String, SlotLabel> labels) {
    this(id, owner, doctor, targets, prices, filter, planName, autoBook, createdAt, state, snoozed, null, labels);
  }

  /** A watch with nothing snoozed. */
  public Watch(String id, String owner, DoctorRef doctor, List<Target> targets, java.util.Map<String, Long> prices,
      SlotFilter filter, String planName, AutoBook autoBook, Instant createdAt, WatchState state) {
    this(id, owner, doctor, targets, prices, filter, planName, autoBook, createdAt, state, java.util.Map.of(), null,
        java.util.Map.of());
  }

  /** Validates and copies. */
  public Watch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(doctor, "doctor");
    targets = List.copyOf(targets);
    prices = java.util.Map.copyOf(prices);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(state, "state");
    snoozed = java.util.Map.copyOf(snoozed);
    labels = java.util.Map.copyOf(labels);
  }

  /**
   * What events about the target show: its label; for an area watch, the member's name, center,
   * price and the center's distance from the query's point; {@link SlotLabel#UNKNOWN} when nothing is
   * known.
   */
  public SlotLabel label(Target target) {
    SlotLabel l = labels.get(target.id());
    Long price = prices.get(target.id());
    AreaMember member = area == null ? null : area.member(target.ref());
    if (member == null) {
      if (l != null) {
        return l;
      }
      return price == null ? SlotLabel.UNKNOWN : new SlotLabel("", "", "", price, null);
    }
    AreaCenter center = member.center(target.centerId());
    Double km = center != null && center.location() != null && area.query().point() != null
        ? area.query().distanceKm(center.location()) : member.distanceKm();
    if (l != null) {
      return l.withDistanceKm(km);
    }
    Long shown = price != null ? price : center == null ? null : center.price();
    return new SlotLabel(member.displayName(), center == null ? "" : center.name(), "", shown, km);
  }

  /** Whether the target is snoozed at {@code now}. */
  public boolean snoozed(String targetId, Instant now) {
    Instant until = snoozed.get(targetId);
    return until != null && now.isBefore(until);
  }

  /** This watch with the target snoozed until {@code until} (or woken, when {@code until} is not after now). */
  public Watch withSnooze(String targetId, Instant until, Instant now) {
    java.util.Map<String, Instant> m = new java.util.HashMap<>();
    snoozed.forEach((k, v) -> {
      if (v.isAfter(now)) {
        m.put(k, v);
      }
    });
    if (until.isAfter(now)) {
      m.put(targetId, until);
    } else {
      m.remove(targetId);
    }
    return new Watch(id, owner, doctor, targets, prices, filter, planName, autoBook, createdAt, state, m, area, labels);
  }

  /** Whether the watch auto-books and may still book. */
  public boolean booking() {
    return autoBook != null && state == WatchState.ACTIVE;
  }

  /** A copy in another state. */
  public Watch withState(WatchState value) {
    return new Watch(id, owner, doctor, targets, prices, filter, planName, autoBook, createdAt, value, snoozed, area, labels);
  }

  /** A copy under another plan (its owner's plan changed). */
  public Watch withPlanName(String value) {
    return new Watch(id, owner, doctor, targets, prices, filter, value, autoBook, createdAt, state, snoozed, area, labels);
  }

  /**
   * A copy polling other calendars with their prices, with this area (an area watch's members and
   * candidates changed).
   */
  public Watch withTargets(List<Target> value, java.util.Map<String, Long> valuePrices, WatchArea valueArea) {
    return new Watch(id, owner, doctor, value, valuePrices, filter, planName, autoBook, createdAt, state, snoozed,
        valueArea, labels);
  }

  /** Masks auto-book details. */
  @Override
  public String toString() {
    return "Watch[" + id + ", owner=" + owner + ", doctor=" + doctor + ", targets=" + targets.size()
        + ", plan=" + planName + ", autoBook=" + (autoBook != null) + ", state=" + state
        + (area == null ? "" : ", area=" + area) + "]";
  }
}
