package io.github.slothunter.api;

/**
 * What a provider can do; the engine checks these before relying on an optional SPI part.
 *
 * <p>Immutable and thread-safe.
 */
public enum Capability {
  /** Looks up a doctor's profile, centers and services. */
  LOOKUP,
  /** Lists free days and free slots. */
  FREE_SLOTS,
  /** Holds a slot for a short time. */
  HOLD,
  /** Books a held slot for a patient. */
  BOOK,
  /** Cancels a booking. */
  CANCEL,
  /** Logs a patient account in with an SMS code. */
  LOGIN,
  /** Searches doctors by name, expertise or city. */
  SEARCH,
  /**
   * Searches a specialty in a city page by page with each center's first free slot ({@link
   * io.github.slothunter.spi.Provider#areaSearch()}), so area watches can look at many doctors per request.
   */
  AREA_SEARCH,
  /** Offers a link where a person can finish booking a slot by hand. */
  BOOKING_LINK,
  /**
   * Reads a booking back from the provider's own records ({@link
   * io.github.slothunter.spi.Booker#readBack}), so a booking can be reported as verified.
   */
  READ_BACK,
  /**
   * Finds the account's booking of a slot in the provider's own records without knowing the booking's
   * id ({@link io.github.slothunter.spi.Booker#findBooking}, the account's "my appointments" list), so
   * that a booking whose answer was lost (a timeout, a crash) can be found out: made, or not.
   */
  FIND_BOOKING,
  /**
   * Answers a repeated hold request for a slot by the same holder so that a hold whose answer was lost
   * can be found and released ({@link io.github.slothunter.spi.Booker#reclaim}), instead of blocking the
   * slot for everyone until it lapses.
   */
  RECLAIM_HOLD,
  /**
   * Moves an existing booking onto a newly held slot, keeping its id and tracking code ({@link
   * io.github.slothunter.spi.Booker#move}): replacing a booking with a better slot without cancelling it.
   */
  MOVE,
  /**
   * Lists the people a logged-in account books for ({@link
   * io.github.slothunter.spi.Authenticator#accountPatients}: the account holder and, where the site has
   * them, family members), each with the {@link Patient#accountUserId()} the provider's booking needs,
   * and books for the one a {@link Patient} names.
   */
  ACCOUNT_PATIENTS
}
