package io.github.slothunter.testkit.internal;

import io.github.slothunter.testkit.Fault;
import io.github.slothunter.testkit.Faults;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/** The {@link Faults} of one fake, plus what the fake asks of them per request. Thread-safe. */
public final class FaultRules implements Faults {
  private final Random random;
  private final LinkedList<OneShot> oneShots = new LinkedList<>();
  private final List<Rule> always = new ArrayList<>();
  private final List<Chance> chances = new ArrayList<>();
  private int pendingSteals;

  /** Rules whose probabilities are drawn from a random source seeded with {@code seed}. */
  public FaultRules(long seed) {
    this.random = new Random(seed);
  }

  private static final class OneShot {
    final String endpoint;
    final Fault fault;
    int remaining;

    OneShot(String endpoint, Fault fault, int remaining) {
      this.endpoint = endpoint;
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private record Rule(String endpoint, Fault fault) {}

  private record Chance(String endpoint, double probability, Fault fault) {}

  @Override
  public Faults next(String endpoint, Fault fault) {
    return times(endpoint, 1, fault);
  }

  @Override
  public synchronized Faults times(String endpoint, int count, Fault fault) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(fault, "fault");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    oneShots.add(new OneShot(endpoint, fault, count));
    return this;
  }

  @Override
  public synchronized Faults always(String endpoint, Fault fault) {
    always.add(new Rule(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(fault, "fault")));
    return this;
  }

  @Override
  public synchronized Faults withProbability(String endpoint, double probability, Fault fault) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(fault, "fault");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be between 0 and 1: " + probability);
    }
    chances.add(new Chance(endpoint, probability, fault));
    return this;
  }

  @Override
  public synchronized Faults takeSlotAfterHold() {
    pendingSteals++;
    return this;
  }

  @Override
  public synchronized void clear() {
    oneShots.clear();
    always.clear();
    chances.clear();
    pendingSteals = 0;
  }

  /** The fault for this request to {@code endpoint}, if a rule fires; consumes one-shot rules. */
  public synchronized Optional<Fault> next(String endpoint) {
    Iterator<OneShot> it = oneShots.iterator();
    while (it.hasNext()) {
      OneShot s = it.next();
      if (matches(s.endpoint, endpoint)) {
        if (--s.remaining == 0) {
          it.remove();
        }
        return Optional.of(s.fault);
      }
    }
    for (Rule r : always) {
      if (matches(r.endpoint(), endpoint)) {
        return Optional.of(r.fault());
      }
    }
    for (Chance c : chances) {
      if (matches(c.endpoint(), endpoint) && random.nextDouble() < c.probability()) {
        return Optional.of(c.fault());
      }
    }
    return Optional.empty();
  }

  /** Whether the hold being granted now should be lost at once; consumes one {@link #takeSlotAfterHold()}. */
  public synchronized boolean consumeTakeSlotAfterHold() {
    if (pendingSteals == 0) {
      return false;
    }
    pendingSteals--;
    return true;
  }

  private static boolean matches(String rule, String endpoint) {
    return rule.equals(ANY) || rule.equals(endpoint);
  }
}
