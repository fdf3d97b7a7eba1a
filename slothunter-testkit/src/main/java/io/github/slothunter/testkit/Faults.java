package io.github.slothunter.testkit;

/**
 * The fault rules of one fake site. Endpoint names are the fake's own (for example
 * {@link FakePaziresh24#GET_FREE_TURNS}); {@link #ANY} matches every endpoint.
 *
 * <p>For each request the fake takes the first matching rule in this order: one-shot rules from
 * {@link #next} and {@link #times} (first armed, first used), then {@link #always} rules, then
 * {@link #withProbability} rules (each drawn from the fake's seeded random source, so a run with
 * the same seed and the same requests sees the same faults). Thread-safe; methods return
 * {@code this} for chaining.
 */
public interface Faults {
  /** Matches every endpoint. */
  String ANY = "*";

  /** The next request to {@code endpoint} gets {@code fault}. */
  Faults next(String endpoint, Fault fault);

  /** The next {@code count} requests to {@code endpoint} get {@code fault}. */
  Faults times(String endpoint, int count, Fault fault);

  /** Every request to {@code endpoint} gets {@code fault} until {@link #clear()}. */
  Faults always(String endpoint, Fault fault);

  /** Each request to {@code endpoint} gets {@code fault} with this probability (0 to 1), seeded. */
  Faults withProbability(String endpoint, double probability, Fault fault);

  /**
   * The next hold the site grants is lost right away: another patient books the slot between the
   * hold and the booking call, so booking that hold answers like the site does when a slot is gone
   * (Paziresh24: status 300). Fakes without holds ignore it.
   */
  Faults takeSlotAfterHold();

  /** Removes every rule, including armed one-shot rules. */
  void clear();
}
