package io.github.slothunter.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Who polls which target when several engine instances share one {@link Store}: each target is
 * leased by at most one live instance at a time; an instance that stops renewing loses its
 * leases after the lease time and others take them over. Implementations must be thread-safe and
 * atomic across processes (the JDBC store claims rows with {@code FOR UPDATE SKIP LOCKED}).
 */
public interface TargetLeases {
  /** One instance owns everything; nothing is stored. */
  TargetLeases SINGLE_INSTANCE = new TargetLeases() {
    @Override
    public Set<String> claim(String instanceId, Collection<String> targetIds, Duration leaseTime) {
      return Set.copyOf(targetIds);
    }

    @Override
    public void release(String instanceId, Collection<String> targetIds) {}

    @Override
    public int liveInstances(Duration leaseTime) {
      return 1;
    }
  };

  /**
   * Renews this instance's leases among {@code targetIds} and claims those that are free or
   * expired, each for {@code leaseTime}; records the instance as alive.
   *
   * @return the target ids this instance now holds (a subset of {@code targetIds})
   */
  Set<String> claim(String instanceId, Collection<String> targetIds, Duration leaseTime);

  /** Gives leases back (on close), so other instances take them at once. */
  void release(String instanceId, Collection<String> targetIds);

  /** Instances seen alive within {@code leaseTime}, at least 1; the engine splits each provider's budget by it. */
  int liveInstances(Duration leaseTime);
}
