package io.github.slothunter.api;

/**
 * How a watch is doing, from the host's point of view: is it really watching, and if not, why.
 * The engine reports changes with {@link WatchHealthChanged}.
 *
 * <p>Immutable and thread-safe.
 */
public enum HealthState {
  /** Polling on schedule (it may simply have found nothing yet). */
  ACTIVE,
  /**
   * Watching, but less often than the plan asks: the provider's request budget is shared by more
   * calendars than it can poll at their plans' pace. The watch's health tells the pace it gets
   * ({@code WatchHealth.pace()}); a larger budget or fewer calendars restores the plan's pace.
   */
  BUDGET_SHORT,
  /** Polls are held back because the provider's request budget is spent or the provider rate-limited us. */
  PAUSED_BUDGET,
  /** Auto-booking is paused because the account session expired or was rejected; notifications go on. */
  PAUSED_AUTH,
  /** The provider keeps failing (errors, timeouts, open circuit); polls are retried with backoff. */
  PROVIDER_DOWN,
  /**
   * The engine's store is failing (a database down or full): what polls find is not saved, so it
   * is not announced either; polls go on and the first one saved tells everything, once.
   */
  STORE_DOWN,
  /** The provider answered in a shape the provider module does not understand (the site changed). */
  SCHEMA_CHANGED,
  /**
   * The site has online booking switched off for this calendar (the clinic's choice, not an error
   * of ours); it is re-checked once a day and the watch resumes by itself when booking is back.
   */
  BOOKING_OFF,
  /** The owner's plan no longer covers this watch (too many watches, or auto-booking not included). */
  QUOTA
}
