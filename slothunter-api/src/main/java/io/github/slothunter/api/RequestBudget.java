package io.github.slothunter.api;

/**
 * How many requests SlotHunter may send a provider: the engine never exceeds any of the three
 * limits, summed over every target and watch.
 *
 * @param perMinute requests per rolling minute, at least 1
 * @param perHour requests per rolling hour, at least {@code perMinute}
 * @param maxInFlight concurrent requests, at least 1
 */
public record RequestBudget(int perMinute, int perHour, int maxInFlight) {

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
  }

  /** Shorthand constructor. */
  public static RequestBudget of(int perMinute, int perHour, int maxInFlight) {
    return new RequestBudget(perMinute, perHour, maxInFlight);
  }
}
