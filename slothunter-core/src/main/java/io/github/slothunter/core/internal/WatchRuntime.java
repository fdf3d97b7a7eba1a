package io.github.slothunter.core.internal;

import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Watch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A watch as the engine runs it: the stored record plus what it was told, under the watch's own lock. */
final class WatchRuntime {
  volatile Watch watch;
  final Plan plan;
  /** Slot ids announced and not yet gone; guarded by this. */
  final Set<String> announced;
  /** Serialises auto-booking for this watch across its targets' polls (which may run on different threads). */
  final Object bookingLock = new Object();
  /** Bookings made (or possibly made, after a crash); guarded by {@link #bookingLock}. */
  int bookings;
  final java.util.concurrent.atomic.AtomicLong slotsAnnounced = new java.util.concurrent.atomic.AtomicLong();
  final java.util.concurrent.atomic.AtomicLong bookingsMade = new java.util.concurrent.atomic.AtomicLong();
  /** Hold attempts made (for {@code AutoBook.maxAttempts}); guarded by {@link #bookingLock}. */
  int attempts;
  /** The last health state reported; written under this. */
  io.github.slothunter.api.HealthState health = io.github.slothunter.api.HealthState.ACTIVE;
  /** Why auto-booking is paused, or null. */
  volatile io.github.slothunter.api.ErrorCode bookingPausedBy;
  /** Whether the owner's plan no longer covers this watch (too many watches): it is not announced to. */
  volatile boolean overQuota;
  /** Whether the owner's plan no longer includes auto-booking: the watch only notifies. */
  volatile boolean bookingOverQuota;
  /** Slots seen but filtered out, by rule; guarded by this. */
  final java.util.Map<String, Rejections> rejected = new java.util.TreeMap<>();
  /** Ids of rejected slots still free (each counted once); guarded by this. */
  final Set<String> rejectedIds = new HashSet<>();

  /** Slots one filter rule turned away. */
  static final class Rejections {
    int count;
    final java.util.EnumSet<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
  }

  WatchRuntime(Watch watch, Plan plan, Set<String> announced) {
    this.watch = watch;
    this.plan = plan;
    this.announced = new HashSet<>(announced);
  }

  String id() {
    return watch.id();
  }

  /** Watches in plan-priority (highest first), then age, then id order: the order they are served in. */
  static List<WatchRuntime> byPriority(java.util.Collection<WatchRuntime> all) {
    List<WatchRuntime> list = new ArrayList<>(all);
    list.sort(Comparator.comparingInt((WatchRuntime w) -> -w.plan.priority())
        .thenComparing(w -> w.watch.createdAt()).thenComparing(WatchRuntime::id));
    return list;
  }
}
