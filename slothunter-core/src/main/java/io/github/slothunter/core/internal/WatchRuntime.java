package io.github.slothunter.core.internal;

import io.github.slothunter.core.Plan;
import io.github.slothunter.api.Watch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A watch as the engine runs it: the stored record plus what it was told, under the watch's own lock. */
final class WatchRuntime {
  volatile Watch watch;
  /** The owner's plan; written by the Registry under its lock (a plan change), read by anyone. */
  volatile Plan plan;
  /** Slot ids announced and not yet gone; guarded by this. */
  final Set<String> announced;
  /**
   * Guards {@link #bookingActive} and {@link #waitingRounds}: auto-booking for this watch runs on
   * one poll's thread at a time across its targets' polls; never held across a provider call.
   */
  final Object bookingLock = new Object();
  /** Whether a poll is booking for this watch now (it owns {@link #bookings} and {@link #attempts}). */
  boolean bookingActive;
  /** Rounds other polls left to the booking poll; guarded by {@link #bookingLock}. */
  private java.util.ArrayDeque<BookingRound> waitingRounds;

  /** Leaves a round to the booking poll. Caller holds {@link #bookingLock}. */
  void leaveRound(BookingRound round) {
    if (waitingRounds == null) { // most watches never need one: made on first use (100,000 watches, 8 MB less)
      waitingRounds = new java.util.ArrayDeque<>(2);
    }
    waitingRounds.addLast(round);
  }

  /** The next round left to the booking poll, or null. Caller holds {@link #bookingLock}. */
  BookingRound nextRound() {
    return waitingRounds == null ? null : waitingRounds.pollFirst();
  }

  /** Forgets the rounds left (the booking poll failed). Caller holds {@link #bookingLock}. */
  void dropRounds() {
    waitingRounds = null;
  }
  /**
   * Bookings made (or possibly made, after a crash); written by the booking poll only (or at
   * start-up, before any poll, or by the {@code OutcomeResolver} while the watch's booking is paused),
   * and read by it. Volatile: each booking poll sees the last one's count.
   */
  volatile int bookings;
  final java.util.concurrent.atomic.AtomicLong slotsAnnounced = new java.util.concurrent.atomic.AtomicLong();
  final java.util.concurrent.atomic.AtomicLong bookingsMade = new java.util.concurrent.atomic.AtomicLong();
  /** Hold attempts made (for {@code AutoBook.maxAttempts}); owned like {@link #bookings}. */
  volatile int attempts;
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

  /** One poll's free slots of one target, to be booked from for this watch. */
  record BookingRound(TargetState target, io.github.slothunter.spi.Booker booker, List<io.github.slothunter.api.Slot> free) {}

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
