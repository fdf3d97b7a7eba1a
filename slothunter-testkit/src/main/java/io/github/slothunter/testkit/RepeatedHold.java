package io.github.slothunter.testkit;

/**
 * How a fake site answers a hold request for a slot that the same holder already holds: what the
 * engine sees when it asks again for a slot whose first hold answer was lost
 * ({@link io.github.slothunter.spi.Booker#reclaim}). Paziresh24's spec does not say what a repeated
 * suspend from the same terminal gets, so the fakes offer each plausible answer and the engine is
 * tested against all of them.
 */
public enum RepeatedHold {
  /** The same hold again (the same hold key): the site recognises its holder. */
  SAME_HOLD,
  /** A new hold key for the slot; the earlier hold is replaced and its key no longer works. */
  NEW_HOLD,
  /** Refused as if someone else held it (Paziresh24: status 300): the site does not tell its holder apart. */
  REFUSED
}
