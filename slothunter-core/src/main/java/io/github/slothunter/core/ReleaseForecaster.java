package io.github.slothunter.core;

import io.github.slothunter.api.SlotChange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Learns, per target, when slots tend to become free, so the engine can spend its request budget
 * where releases are likely (adaptive scheduling, see {@link Plan#adaptive()}) and hosts can show
 * "best time to look" hints (see {@link SlotAnalytics}).
 *
 * <p>The engine feeds it: {@link #warmUp} once when a target is (re)loaded, with the store's slot
 * history; {@link #observe} after every successful poll, also when nothing changed (that is
 * exposure: the target was watched and nothing opened). It asks {@link #rate} on every scheduling
 * decision and {@link #forecast} for analytics.
 *
 * <p>A <em>release</em> is a slot becoming free after the target was first seen: an
 * {@link SlotChange.Kind#OPENED OPENED} change with a known window start ({@link SlotChange#since()}
 * not {@code null}). OPENED changes without one are the target's initial inventory at its first poll
 * and are not releases.
 *
 * <p>Implementations must be thread-safe: the engine calls them from several poll threads at once
 * (for different targets) and from its scheduler. {@link #rate} must be cheap (constant time, no
 * allocation-heavy work). Methods must not throw for unknown targets: an unknown target is forecast
 * from whatever prior the implementation has.
 */
public interface ReleaseForecaster {

  /** The default model, {@link HourOfWeekForecaster} with its default settings (Tehran time). */
  static ReleaseForecaster defaults() {
    return HourOfWeekForecaster.builder().build();
  }

  /**
   * Records one successful poll of a target.
   *
   * @param providerId the target's provider (targets of one provider share a prior)
   * @param targetId the target's {@link io.github.slothunter.api.Target#id()}
   * @param since when the previous poll of the target started, or {@code null} on the target's first
   *     poll: the poll saw what happened in {@code (since, at]}
   * @param at when this poll finished
   * @param changes what the poll found changed, possibly empty; every entry's {@code at} is this
   *     poll's {@code at}
   */
  void observe(String providerId, String targetId, Instant since, Instant at, List<SlotChange> changes);

  /**
   * Rebuilds what was learned about a target from its stored history, once, when the target is
   * (re)loaded. The default replays the history's polls through {@link #observe}: entries sharing
   * {@code at} and {@code since} are one poll; the stored history holds only polls that changed
   * something, so implementations decide how to treat the time between two stored polls (the
   * default implementation's choice is documented on {@link HourOfWeekForecaster}).
   *
   * @param history the target's slot history, oldest first
   */
  default void warmUp(String providerId, String targetId, List<SlotChange> history) {
    int i = 0;
    while (i < history.size()) {
      SlotChange first = history.get(i);
      int j = i + 1;
      while (j < history.size() && history.get(j).at().equals(first.at())
          && java.util.Objects.equals(history.get(j).since(), first.since())) {
        j++;
      }
      observe(providerId, targetId, first.since(), first.at(), history.subList(i, j));
      i = j;
    }
  }

  /**
   * The expected number of releases per hour around {@code at}: at least 0, never NaN. Constant time.
   */
  double rate(String targetId, Instant at);

  /**
   * Hour-long windows starting at {@code from}: {@code hours} of them, back to back.
   *
   * @param hours how many windows, 1 to 24 * 7 * 4
   * @throws IllegalArgumentException for a count out of range
   */
  List<ForecastWindow> forecast(String targetId, Instant from, int hours);

  /**
   * How long a released slot of the target typically stays free before someone takes it, once the
   * implementation has seen any taken; empty by default.
   */
  default Optional<Duration> typicalFreeTime(String targetId) {
    return Optional.empty();
  }

  /**
   * How long the implementation has watched the target: the span of the evidence behind its
   * forecast (including warm-up history), zero for a target it knows nothing about. Adaptive
   * scheduling keeps exploring a target it has watched for less than a week, since a weekly pattern
   * cannot be known sooner. The default, for implementations that do not track it, says "long
   * enough" (a year): their forecasts are trusted from the start.
   */
  default Duration watchedFor(String targetId) {
    return Duration.ofDays(365);
  }

  /**
   * The time zone whose clock hours this forecaster's hours are: where its {@link #rate} may step
   * and its {@link #forecast} windows should start. The engine reads the rate in these hours and puts
   * the poll before a predicted opening a minute before such an hour starts. The default is UTC;
   * {@link HourOfWeekForecaster} returns its zone (Tehran by default, half an hour off UTC's hours).
   */
  default ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /**
   * The zone whose clock hours a forecaster's rates follow ({@link #zone}); UTC if it fails (logged)
   * or gives none. The engine and {@link SlotAnalytics} read hours through this.
   */
  static ZoneId zoneOf(ReleaseForecaster forecaster) {
    try {
      ZoneId zone = forecaster.zone();
      return zone != null ? zone : ZoneOffset.UTC;
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ReleaseForecaster.class)
          .warn("forecaster failed to name its zone; reading its rates in UTC hours", e);
      return ZoneOffset.UTC;
    }
  }

  /** Drops what was learned about a target (it is no longer watched). The default does nothing. */
  default void forget(String targetId) {}
}
