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
  /** Bookings made (or possibly made, after a crash); guarded by the poll that books. */
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
