package io.github.slothunter.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop for the calls of one operation, made by {@link InMemoryProvider#gate}: each call waits at it
 * until {@link #open()}, or at most {@link InMemoryProvider#GATE_TIMEOUT}, then goes on. Use it to keep
 * a hold or a booking in flight while the test looks at the engine. Thread-safe.
 */
public final class InMemoryGate {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  InMemoryGate() {}

  /**
   * Waits until a call has reached the gate.
   *
   * @return whether one did within the timeout
   */
  public boolean awaitEntered(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    try {
      return entered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Lets every waiting call and every later one through. Idempotent. */
  public void open() {
    open.countDown();
  }

  /** A call reaches the gate: it waits until the gate opens, or at most {@link InMemoryProvider#GATE_TIMEOUT}. */
  void pass() {
    entered.countDown();
    try {
      open.await(InMemoryProvider.GATE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
