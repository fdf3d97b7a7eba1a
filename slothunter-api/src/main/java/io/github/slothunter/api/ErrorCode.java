package io.github.slothunter.api;

/**
 * What went wrong, as a stable code callers can switch on instead of parsing messages.
 *
 * <p>Every provider maps every site error to one of these codes; the engine adds
 * {@link #QUOTA_EXCEEDED}. {@link #retryable()} tells whether the same call may succeed later
 * without the caller changing anything.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
  /** The caller passed something malformed: a bad link, national code, mobile or field value. */
  INVALID_INPUT(false),
  /** The doctor, center, service, slot or provider does not exist. */
  NOT_FOUND(false),
  /** The provider refused because too many requests were sent; see {@link SlotHunterException#retryAfter()}. */
  RATE_LIMITED(true),
  /** Someone else took the slot (between seeing and holding, or between holding and booking). */
  SLOT_TAKEN(false),
  /** The hold lapsed before the booking call; the slot must be held again. */
  HOLD_EXPIRED(false),
  /** The call needs a logged-in {@link AccountSession}, or the session expired or was rejected. */
  AUTH_REQUIRED(false),
  /**
   * SlotHunter's own request budget for the provider has no token free now (the site did not refuse
   * anything); {@link SlotHunterException#retryAfter()} says when one frees. Only calls that cannot
   * wait return it (a manual-mode engine, a search); lookups and watches wait their turn instead.
   */
  BUDGET_SPENT(true),
  /** The provider is down, timed out or answered with a 5xx. */
  PROVIDER_UNAVAILABLE(true),
  /** The provider answered with something this client does not understand (changed shape, HTML for JSON). */
  PROTOCOL(false),
  /**
   * The engine's {@code Store} failed (a database down or full); nothing was published for what it
   * could not save, and the engine tries again. Not the provider's fault.
   */
  STORE_UNAVAILABLE(true),
  /** The owner's plan does not allow this (too many watches, auto-booking not included, interval too short). */
  QUOTA_EXCEEDED(false),
  /**
   * The site has online booking switched off for this doctor or service (Paziresh24 status 700):
   * nothing can be seen or booked there until the clinic switches it back on. Not worth retrying soon;
   * the engine re-checks such a calendar once a day.
   */
  BOOKING_OFF(false),
  /** The provider does not support the operation (for example a provider without booking). */
  UNSUPPORTED(false),
  /** Two provider factories on the class path claim the same id. */
  DUPLICATE_PROVIDER(false),
  /** A provider factory could not be loaded or instantiated. */
  PROVIDER_LOAD_FAILED(false),
  /**
   * The provider needs a person to finish this (for example a form or captcha before booking), so it
   * cannot be done unattended. {@link SlotHunterException#handOff()} carries the page where a person
   * can finish it.
   */
  MANUAL_ACTION_REQUIRED(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether repeating the same call later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
