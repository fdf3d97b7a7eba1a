package io.github.slothunter.core.internal;

import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Watch;
import java.util.HashSet;
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

  WatchRuntime(Watch watch, Plan plan, Set<String> announced) {
    this.watch = watch;
    this.plan = plan;
    this.announced = new HashSet<>(announced);
  }

  String id() {
    return watch.id();
  }
}
