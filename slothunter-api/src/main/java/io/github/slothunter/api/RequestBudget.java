package io.github.slothunter.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How many requests SlotHunter may send a provider: the engine never exceeds any of the limits,
 * summed over every target and watch, and it spends each window evenly over its length (a rolling
 * hour is not spent in its first minutes, leaving the rest of it silent).
 *
 * <p>Besides the minute and the hour, any further windows may be added with {@link #withLimit}
 * (for example a daily cap). The pace the budget can keep up for ever is
 * {@link #sustainablePerMinute()}: the smallest of the windows' limits spread over their lengths.
 *
 * <p>The providers' defaults are guesses: the sites do not publish their limits. Raise or lower them
 * with {@link #scaled} (one factor for every limit), the withers, or the provider config keys
 * {@code budget-per-minute}, {@code budget-per-hour}, {@code budget-max-in-flight} and
 * {@code budget-scale} (see {@code ProviderContext}). Immutable and thread-safe.
 *
 * @param perMinute requests per rolling minute, at least 1
 * @param perHour requests per rolling hour, at least {@code perMinute}
 * @param maxInFlight concurrent requests, at least 1
 * @param limits further windows, longest last; each window longer than an hour with a limit at least
 *     {@code perHour}
 */
public record RequestBudget(int perMinute, int perHour, int maxInFlight, List<Limit> limits) {

  /**
   * A further window: at most {@code max} requests in any rolling {@code window}.
   *
   * <p>Immutable and thread-safe.
   *
   * @param window the window's length, longer than an hour
   * @param max requests in the window, at least 1
   */
  public record Limit(Duration window, int max) {
    /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad value. */
    public Limit {
      Objects.requireNonNull(window, "window");
      if (window.compareTo(Duration.ofHours(1)) <= 0) {
        throw SlotHunterException.invalid("budget window", "must be longer than an hour (use perMinute or perHour): "
            + window);
      }
      if (max < 1) {
        throw SlotHunterException.invalid("budget limit", "must be at least 1: " + max);
      }
    }
  }

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad limit. */
  public RequestBudget {
    if (perMinute < 1) {
      throw SlotHunterException.invalid("budget perMinute", "must be at least 1: " + perMinute);
    }
    if (perHour < perMinute) {
      throw SlotHunterException.invalid("budget perHour", "must be at least perMinute (" + perMinute + "): " + perHour);
    }
    if (maxInFlight < 1) {
      throw SlotHunterException.invalid("budget maxInFlight", "must be at least 1: " + maxInFlight);
    }
    List<Limit> sorted = new ArrayList<>(Objects.requireNonNull(limits, "limits"));
    sorted.sort(Comparator.comparing(Limit::window));
    for (int i = 0; i < sorted.size(); i++) {
      Limit l = sorted.get(i);
      if (l.max() < perHour) {
        throw SlotHunterException.invalid("budget limit", "of " + l.window() + " must be at least perHour (" + perHour
            + "): " + l.max());
      }
      if (i > 0 && sorted.get(i - 1).window().equals(l.window())) {
        throw SlotHunterException.invalid("budget window", "given twice: " + l.window());
      }
    }
    limits = List.copyOf(sorted);
  }

  /** A budget of one minute, one hour and in-flight limits. */
  public RequestBudget(int perMinute, int perHour, int maxInFlight) {
    this(perMinute, perHour, maxInFlight, List.of());
  }

  /** Shorthand constructor. */
  public static RequestBudget of(int perMinute, int perHour, int maxInFlight) {
    return new RequestBudget(perMinute, perHour, maxInFlight);
  }

  /** This budget with another per-minute limit (the hour is raised to it if it was lower). */
  public RequestBudget withPerMinute(int value) {
    return new RequestBudget(value, Math.max(value, perHour), maxInFlight, raised(limits, Math.max(value, perHour)));
  }

  /** This budget with another per-hour limit. */
  public RequestBudget withPerHour(int value) {
    return new RequestBudget(perMinute, value, maxInFlight, raised(limits, value));
  }

  /** This budget with another in-flight limit. */
  public RequestBudget withMaxInFlight(int value) {
    return new RequestBudget(perMinute, perHour, value, limits);
  }

  /** This budget with a further window (replacing one of the same length). */
  public RequestBudget withLimit(Duration window, int max) {
    Limit added = new Limit(window, max);
    List<Limit> list = new ArrayList<>();
    for (Limit l : limits) {
      if (!l.window().equals(window)) {
        list.add(l);
      }
    }
    list.add(added);
    return new RequestBudget(perMinute, perHour, maxInFlight, list);
  }

  /**
   * Every request limit times {@code factor} (rounded, at least 1; the in-flight limit too): the one
   * setting that raises or lowers a provider's whole budget.
   */
  public RequestBudget scaled(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw SlotHunterException.invalid("budget scale", "must be a positive number: " + factor);
    }
    int minute = scale(perMinute, factor);
    int hour = Math.max(minute, scale(perHour, factor));
    List<Limit> list = new ArrayList<>();
    for (Limit l : limits) {
      list.add(new Limit(l.window(), Math.max(hour, scale(l.max(), factor))));
    }
    return new RequestBudget(minute, hour, scale(maxInFlight, factor), list);
  }

  /**
   * Requests per minute this budget can keep up indefinitely: the smallest of its windows' limits
   * spread evenly over their lengths.
   */
  public double sustainablePerMinute() {
    double rate = Math.min(perMinute, perHour / 60.0);
    for (Limit l : limits) {
      rate = Math.min(rate, l.max() / (l.window().toMillis() / 60_000.0));
    }
    return rate;
  }

  private static int scale(int value, double factor) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(value * factor)));
  }

  private static List<Limit> raised(List<Limit> limits, int atLeast) {
    List<Limit> list = new ArrayList<>();
    for (Limit l : limits) {
      list.add(new Limit(l.window(), Math.max(atLeast, l.max())));
    }
    return list;
  }
}
