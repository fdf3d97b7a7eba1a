package io.github.slothunter.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link HourOfWeekForecaster}'s calendar arithmetic: which of the 168 hour-of-week buckets an
 * instant falls in (in one zone, bucket 0 being Saturday 00:00-01:00) and how an interval is cut at
 * local whole hours. Immutable and thread-safe.
 */
final class WeekBuckets {
  static final long HOUR_MILLIS = 3_600_000L;

  private final ZoneRules rules;

  WeekBuckets(ZoneId zone) {
    this.rules = zone.getRules();
  }

  int bucket(long epochMillis) {
    return bucket(Instant.ofEpochMilli(epochMillis));
  }

  int bucket(Instant at) {
    long local = at.getEpochSecond() + rules.getOffset(at).getTotalSeconds();
    long day = Math.floorDiv(local, 86_400);
    int hour = Math.floorMod(local, 86_400) / 3600;
    // 1970-01-01 (epoch day 0) was a Thursday, index 5 in a week that starts on Saturday
    return Math.floorMod(day + 5, 7) * 24 + hour;
  }

  /** The interval cut at local whole hours: {bucket, from, to} per piece. */
  List<double[]> segments(long from, long to) {
    List<double[]> out = new ArrayList<>(2);
    long t = from;
    while (t < to) {
      int offsetMs = rules.getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000;
      long next = (Math.floorDiv(t + offsetMs, HOUR_MILLIS) + 1) * HOUR_MILLIS - offsetMs;
      if (next <= t) {
        next = t + HOUR_MILLIS;
      }
      long end = Math.min(next, to);
      out.add(new double[] {bucket(t), t, end});
      t = end;
    }
    return out;
  }

  /** The local clock hour an instant falls in, counted from the epoch. */
  long localHour(long epochMillis) {
    long offsetMs = rules.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    return Math.floorDiv(epochMillis + offsetMs, HOUR_MILLIS);
  }
}
